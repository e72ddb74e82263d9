import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './args';

interface GitFailure {
  code?: string;
  status?: number | null;
  stderr?: string | Buffer;
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

function failureText(error: unknown): string {
  const stderr = (error as GitFailure).stderr;
  const text = (typeof stderr === 'string' ? stderr : (stderr?.toString('utf8') ?? '')).trim();
  return text.replace(/^fatal:\s*/i, '') || String(error);
}

/** NUL-separated paths (`-z`): names with spaces, quotes or newlines come through unchanged. */
function paths(output: string): string[] {
  return output.split('\0').filter((path) => path !== '');
}

function realFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files changed since a git ref, as real absolute paths: the committed diff `ref...HEAD`
 * (what a pull request adds to its base), then what is staged, unstaged and untracked. Deleted
 * files are left out: nothing is left to lint. Throws a UsageError (exit 2) outside a
 * repository or for a ref git does not know.
 */
export function changedFiles(cwd: string, ref: string): Set<string> {
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    if ((error as GitFailure).code === 'ENOENT')
      throw new UsageError('--changed-since needs git, and no git command was found');
    throw new UsageError(`--changed-since needs a git repository: ${failureText(error)}`);
  }
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--changed-since: git knows no commit "${ref}"`);
  }
  const listed: string[] = [];
  try {
    // Three dots: the changes of HEAD since it left `ref`, not what `ref` gained meanwhile.
    listed.push(...paths(git(top, ['diff', '--name-only', '-z', '--no-renames', `${ref}...HEAD`])));
    // HEAD against the working tree: staged and unstaged changes at once.
    listed.push(...paths(git(top, ['diff', '--name-only', '-z', '--no-renames', 'HEAD'])));
    listed.push(...paths(git(top, ['ls-files', '--others', '--exclude-standard', '-z'])));
  } catch (error) {
    throw new UsageError(`--changed-since ${ref}: ${failureText(error)}`);
  }
  const changed = new Set<string>();
  for (const path of listed) {
    const file = realFile(resolve(top, path));
    if (file !== undefined) changed.add(file);
  }
  return changed;
}

/** Keeps the files (absolute paths, any spelling) that are among the changed ones. */
export function onlyChanged<T>(
  items: readonly T[],
  changed: ReadonlySet<string>,
  fileOf: (item: T) => string,
): T[] {
  return items.filter((item) => {
    const file = realFile(fileOf(item));
    return file !== undefined && changed.has(file);
  });
}
