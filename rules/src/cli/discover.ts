import ignore, { type Ignore } from 'ignore';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { type ConfigProblem, findProjectConfig } from '../config/project-config';
import { LINTED_EXTENSIONS } from '../util/files';
import { UsageError } from './args';

/** Folders never worth walking: dependencies and VCS metadata, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  skipped: SkippedFile[];
  configProblems: ConfigProblem[];
}

interface GitignoreLayer {
  dir: string;
  matcher: Ignore;
}

const toPosix = (path: string) => path.split(sep).join('/');

function readGitignore(dir: string): GitignoreLayer | undefined {
  const path = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return { dir, matcher: ignore().add(text) };
}

function isIgnoredBy(layers: readonly GitignoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = toPosix(relative(layer.dir, path));
    if (rel === '' || rel.startsWith('..')) continue;
    if (layer.matcher.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The repository root above `dir` (a folder holding `.git`), so that its .gitignore files apply. */
function repositoryRoot(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** .gitignore files of the folders from the repository root down to `dir` (exclusive of `dir`). */
function ancestorLayers(dir: string): GitignoreLayer[] {
  const root = repositoryRoot(dir);
  if (root === undefined) return [];
  const chain: string[] = [];
  for (let current = dirname(dir); ; current = dirname(current)) {
    if (relative(root, current).startsWith('..')) break;
    chain.unshift(current);
    if (current === root || dirname(current) === current) break;
  }
  return chain.map(readGitignore).filter((layer): layer is GitignoreLayer => !!layer);
}

/**
 * Finds the files to lint under the given paths: JS/TS sources, minus what .gitignore files
 * (from the repository root down) and the project configuration's `ignores` exclude, minus files
 * larger than the configuration's `maxFileSizeKb`.
 */
export function discoverFiles(paths: readonly string[], cwd: string): Discovery {
  const found = new Set<string>();
  const skipped: SkippedFile[] = [];
  const problems = new Map<string, ConfigProblem>();
  const configMatchers = new Map<string, Ignore>();

  const excludedByProject = (file: string): boolean => {
    const loaded = findProjectConfig(file);
    for (const problem of loaded.problems) problems.set(`${problem.file}\0${problem.key}`, problem);
    if (loaded.file === undefined) return false;
    if (loaded.config.ignores.length > 0) {
      let matcher = configMatchers.get(loaded.file);
      if (!matcher) {
        matcher = ignore().add(loaded.config.ignores);
        configMatchers.set(loaded.file, matcher);
      }
      const rel = toPosix(relative(dirname(loaded.file), file));
      if (!rel.startsWith('..') && matcher.ignores(rel)) return true;
    }
    return false;
  };

  const consider = (file: string, size: number) => {
    if (!LINTED_EXTENSIONS.includes(extname(file))) return;
    if (excludedByProject(file)) return;
    const limitKb = findProjectConfig(file).config.maxFileSizeKb;
    if (size > limitKb * 1024) {
      skipped.push({ file, reason: `larger than ${limitKb} KB (maxFileSizeKb)` });
      return;
    }
    found.add(file);
  };

  const walk = (dir: string, layers: readonly GitignoreLayer[]) => {
    const own = readGitignore(dir);
    const active = own ? [...layers, own] : layers;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnoredBy(active, path, true)) continue;
        walk(path, active);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        // Symbolic links to files are linted; links to folders are not followed (no cycles).
        let stats;
        try {
          stats = statSync(path);
        } catch {
          continue;
        }
        if (!stats.isFile() || isIgnoredBy(active, path, false)) continue;
        consider(path, stats.size);
      }
    }
  };

  for (const raw of paths) {
    const target = resolve(cwd, raw);
    let stats;
    try {
      stats = statSync(target);
    } catch {
      throw new UsageError(`no such file or folder: ${raw}`);
    }
    const layers = ancestorLayers(target);
    if (stats.isDirectory()) {
      if (isIgnoredBy(layers, target, true)) continue;
      walk(target, layers);
    } else if (!isIgnoredBy(layers, target, false)) {
      consider(target, stats.size);
    }
  }
  return {
    files: [...found].sort(),
    skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    configProblems: [...problems.values()],
  };
}
