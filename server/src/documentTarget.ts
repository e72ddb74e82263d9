import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where ESLint should believe a document lives, and the folder its config globs are relative to. */
export interface DocumentTarget {
  filename: string;
  cwd: string;
  /** False for untitled and virtual documents: they have no file of their own on disk. */
  onDisk: boolean;
}

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

/** The workspace folder URI that contains `uri`, the innermost when folders nest. */
export function folderOf(uri: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    if ((uri === folder || uri.startsWith(prefix)) && (!best || folder.length > best.length)) {
      best = folder;
    }
  }
  return best;
}

/** The file path of a `file:` URI; undefined for other schemes and malformed URIs. */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * Maps a document to the filename ESLint lints it as. Files are themselves; an untitled buffer is
 * linted as a file of its language at the root of its (or the first) workspace folder, so the
 * project's configuration applies to it as to any other file of the project.
 */
export function documentTarget(
  uri: string,
  languageId: string,
  folders: readonly string[],
  fallbackDir: string,
): DocumentTarget {
  const folder = folderOf(uri, folders);
  const folderPath = (folder && pathOf(folder)) ?? (folders[0] && pathOf(folders[0]));
  const path = pathOf(uri);
  if (path) return { filename: path, cwd: folder ? pathOf(folder)! : dirname(path), onDisk: true };
  const cwd = folderPath ?? fallbackDir;
  const extension = EXTENSION_BY_LANGUAGE[languageId] ?? '.js';
  const base =
    uri
      .replace(/^[a-z-]+:/i, '')
      .replace(/[^\w.-]+/g, '_')
      .slice(-60) || 'untitled';
  const name = base.endsWith(extension) ? base : `${base}${extension}`;
  return { filename: join(cwd, name), cwd, onDisk: false };
}
