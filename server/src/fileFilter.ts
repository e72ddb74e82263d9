import ignore, { type Ignore } from 'ignore';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { LINTED_EXTENSIONS, type LoadedConfig, findProjectConfig } from '../../rules/src/host';

/** Folders never worth scanning: dependencies, build output, version control. */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git']);

const toPosix = (path: string) => path.split(sep).join('/');

export function isLintableFile(filename: string): boolean {
  return LINTED_EXTENSIONS.includes(extname(filename).toLowerCase());
}

const configMatchers = new WeakMap<LoadedConfig, Ignore>();

/**
 * Whether a path matches the config file's `ignores`: gitignore-style globs relative to the
 * config file, read exactly as the CLI reads them so that the editor and CI skip the same files.
 */
export function matchesConfigIgnores(filename: string, loaded: LoadedConfig): boolean {
  if (!loaded.file || loaded.config.ignores.length === 0) return false;
  const path = toPosix(relative(dirname(loaded.file), filename));
  if (path === '' || path.startsWith('..')) return false;
  let matcher = configMatchers.get(loaded);
  if (!matcher) {
    matcher = ignore().add(loaded.config.ignores);
    configMatchers.set(loaded, matcher);
  }
  return matcher.ignores(path);
}

/** Whether the project config that applies to `filename` excludes it from linting. */
export function isIgnoredByProjectConfig(filename: string, projectConfigEnabled: boolean): boolean {
  return projectConfigEnabled && matchesConfigIgnores(filename, findProjectConfig(filename));
}

interface GitignoreLevel {
  dir: string;
  rules: Ignore;
}

async function readGitignore(dir: string): Promise<GitignoreLevel | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

/**
 * Git's verdict for a path under a stack of `.gitignore` files (outermost first): the deepest
 * file with an opinion wins, as in Git, and a negation (`!keep.js`) re-includes.
 */
export function isGitIgnored(
  path: string,
  isDirectory: boolean,
  levels: readonly GitignoreLevel[],
): boolean {
  let ignored = false;
  for (const level of levels) {
    const rel = toPosix(relative(level.dir, path));
    if (rel === '' || rel.startsWith('../')) continue;
    const verdict = level.rules.test(isDirectory ? `${rel}/` : rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

export interface WalkOptions {
  isCancelled: () => boolean;
  projectConfigEnabled: boolean;
}

/**
 * Every JS/TS file under `root` that a scan should lint, depth first in name order: skipping
 * dependency, build and VCS folders, what `.gitignore` files exclude, and the config's `ignores`.
 */
export async function* lintableFiles(root: string, options: WalkOptions): AsyncGenerator<string> {
  const rootLevel = await readGitignore(root);
  yield* walk(root, rootLevel ? [rootLevel] : [], options);
}

async function* walk(
  dir: string,
  levels: GitignoreLevel[],
  options: WalkOptions,
): AsyncGenerator<string> {
  if (options.isCancelled()) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (options.isCancelled()) return;
    const path = join(dir, entry.name);
    // Symbolic links are not followed: they can loop and usually point outside the project.
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isGitIgnored(path, true, levels)) continue;
      const own = await readGitignore(path);
      yield* walk(path, own ? [...levels, own] : levels, options);
    } else if (entry.isFile() && isLintableFile(path)) {
      if (isGitIgnored(path, false, levels)) continue;
      if (isIgnoredByProjectConfig(path, options.projectConfigEnabled)) continue;
      yield path;
    }
  }
}
