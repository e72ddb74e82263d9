import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { LINTED_EXTENSIONS } from '../../rules/src/util/files';

/**
 * Helpers over the seed codebase: a laboratory information system in two trees with the same
 * paths, `seeds/vulnerable/` (every Dedalus failure mode) and `seeds/fixed/` (the same code
 * corrected). Each seed file declares in its header the rules it must trigger:
 * `// @expect-rules: a, b` in vulnerable files, `// @expect-rules: none` in fixed ones.
 */

export type SeedTree = 'vulnerable' | 'fixed';

export const SEED_TREES: readonly SeedTree[] = ['vulnerable', 'fixed'];

export const SEEDS_ROOT = resolve(__dirname, '..', '..', 'seeds');

/**
 * The product's rule ids, fixed by the product definition (users' configurations depend on them).
 * The catalog in rules/src/rules fills up to exactly this list.
 */
export const PRODUCT_RULE_IDS: readonly string[] = [
  'no-select-star-export',
  'no-unencrypted-write',
  'no-unauthenticated-endpoint',
  'no-public-data-directory',
  'require-delete-after-migration',
  'no-patient-data-in-logs',
  'no-hardcoded-credentials',
  'no-cleartext-transport',
  'no-weak-pseudonymization',
  'no-national-identifier-literal',
  'require-access-audit',
  'no-patient-data-to-third-party',
];

const EXPECT_RULES = /^\/\/\s*@expect-rules:(.*)$/;

export function seedTreeRoot(tree: SeedTree): string {
  return join(SEEDS_ROOT, tree);
}

/** Each tree is a project of its own, with its `healthdata.config.json` at its root. */
export function seedConfigPath(tree: SeedTree): string {
  return join(seedTreeRoot(tree), 'healthdata.config.json');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() && LINTED_EXTENSIONS.includes(extname(entry.name)) ? [path] : [];
  });
}

/** Absolute paths of the tree's source files (every extension the plugin lints), sorted. */
export function listSeedFiles(tree: SeedTree): string[] {
  return walk(seedTreeRoot(tree)).sort();
}

/** The file's path inside its tree, with forward slashes: the same for a file and its twin. */
export function seedRelativePath(file: string): string {
  const inTree = SEED_TREES.map((tree) => relative(seedTreeRoot(tree), file)).find(
    (path) => !path.startsWith('..'),
  );
  if (inTree === undefined) throw new Error(`${file} is not in a seed tree`);
  return inTree.split('\\').join('/');
}

/** The leading `//` comment lines of a seed file, without the comment markers. */
export function seedHeader(file: string): string[] {
  const header: string[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.startsWith('//')) break;
    header.push(line.replace(/^\/\/ ?/, ''));
  }
  return header;
}

/**
 * The rule ids a seed file must trigger, from the `@expect-rules:` line of its header (`none` is
 * the empty list). Throws when the header has no such line or more than one, so that a file
 * missing its declaration can never pass as "expects nothing".
 */
export function expectedRules(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const declarations: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('//')) break;
    const match = EXPECT_RULES.exec(line);
    if (match) declarations.push(match[1]!.trim());
  }
  if (declarations.length !== 1) {
    throw new Error(
      `${file}: expected one "// @expect-rules:" line in the header, found ${declarations.length}`,
    );
  }
  const [declaration] = declarations as [string];
  if (declaration === 'none') return [];
  return declaration.split(',').map((id) => id.trim());
}
