import { parse } from '@typescript-eslint/typescript-estree';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { directPatternKey, keyName, linkParents, walk } from './ast';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve as resolvePath, sep } from 'node:path';

/**
 * A read-only view of the other modules of a project: relative imports are resolved and the
 * imported files parsed (never executed), so a rule can judge a router where it is mounted or find
 * a NestJS global guard declared in another file. Parsed modules are cached per file and dropped
 * when the file's mtime or size changes; the language server calls `clearProjectGraphCache()`
 * when the workspace changes.
 */

/** Extensions tried, in order, for an import without one, then as `index` files of a folder. */
export const MODULE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** Files above this size are not parsed: generated bundles, not application modules. */
const MAX_MODULE_BYTES = 512 * 1024;
/** Upper bound on files listed per project for project-wide searches. */
const MAX_PROJECT_FILES = 4000;
const MAX_WALK_DEPTH = 12;
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.turbo',
  '.cache',
]);

export interface ProjectModule {
  file: string;
  program: TSESTree.Program;
  text: string;
}

interface CachedModule {
  mtimeMs: number;
  size: number;
  module: ProjectModule | null;
}

const modules = new Map<string, CachedModule>();
const fileLists = new Map<string, { files: string[]; at: number }>();
/**
 * Project-wide text searches and project roots, trusted as long as listings are: every lint of
 * a router file asks them again, and answering meant a stat and a read of every project file.
 */
const mentions = new Map<string, { files: string[]; at: number }>();
const rootOfDir = new Map<string, { root: string; at: number }>();
/** How long a project file listing is trusted when nobody clears the cache (CLI runs). */
const LISTING_TTL_MS = 10_000;

/** Forgets every parsed module and project listing (the language server calls it on change). */
export function clearProjectGraphCache(): void {
  modules.clear();
  workspaceIndexes.clear();
  fileLists.clear();
  mentions.clear();
  rootOfDir.clear();
  purposes.clear();
}

function stat(file: string): { mtimeMs: number; size: number; isFile: boolean } | undefined {
  try {
    const s = statSync(file);
    return { mtimeMs: s.mtimeMs, size: s.size, isFile: s.isFile() };
  } catch {
    return undefined;
  }
}

/** The text of a module, from the parsed cache when it is current: a cheap test before a parse. */
export function moduleText(file: string): string | undefined {
  const s = stat(file);
  if (!s || !s.isFile || s.size > MAX_MODULE_BYTES) return undefined;
  const cached = modules.get(file);
  if (cached?.module && cached.mtimeMs === s.mtimeMs && cached.size === s.size)
    return cached.module.text;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The parsed module at an absolute path, or undefined when it cannot be read or parsed. */
export function loadModule(file: string): ProjectModule | undefined {
  const s = stat(file);
  if (!s || !s.isFile || s.size > MAX_MODULE_BYTES) return undefined;
  const cached = modules.get(file);
  if (cached && cached.mtimeMs === s.mtimeMs && cached.size === s.size)
    return cached.module ?? undefined;
  let module: ProjectModule | null = null;
  try {
    const text = readFileSync(file, 'utf8');
    const program = parse(text, {
      jsx: /\.[jt]sx$/.test(file) || /\.(js|mjs|cjs)$/.test(file),
      range: true,
      loc: true,
      comment: false,
    }) as TSESTree.Program;
    linkParents(program);
    module = { file, program, text };
  } catch {
    module = null;
  }
  modules.set(file, { mtimeMs: s.mtimeMs, size: s.size, module });
  return module ?? undefined;
}

/**
 * The file a relative specifier names from a module: exact file, then each extension, then
 * `index` files of a folder. Bare specifiers (packages) are outside the project: undefined.
 */
export function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.')
    return resolveWorkspaceImport(fromFile, specifier);
  return resolveModulePath(resolvePath(dirname(fromFile), specifier));
}

/** The file a path names without or with an extension, or as a folder's `index`. */
function resolveModulePath(base: string): string | undefined {
  const candidates: string[] = [];
  const ext = extname(base);
  if (ext) {
    candidates.push(base);
    // TypeScript ESM style: `import './patients.js'` compiled from patients.ts.
    if (['.js', '.jsx', '.mjs', '.cjs'].includes(ext)) {
      const stem = base.slice(0, -ext.length);
      const tsExt =
        ext === '.jsx' ? '.tsx' : ext === '.mjs' ? '.mts' : ext === '.cjs' ? '.cts' : '.ts';
      candidates.push(stem + tsExt, `${stem}.tsx`);
    }
  }
  for (const e of MODULE_EXTENSIONS) candidates.push(base + e);
  for (const e of MODULE_EXTENSIONS) candidates.push(join(base, `index${e}`));
  for (const candidate of candidates) {
    const s = stat(candidate);
    if (s?.isFile) return candidate;
  }
  return undefined;
}

/** Workspace packages of the monorepo a folder belongs to (none when it is in no monorepo). */
const workspaceIndexes = new Map<
  string,
  { packages: Map<string, string> | undefined; at: number }
>();
/** Folders of workspace packages listed per monorepo, at most. */
const MAX_WORKSPACE_PACKAGES = 500;

/**
 * A bare specifier that names a package of the monorepo the file belongs to (npm, Yarn and pnpm
 * workspaces: `import { getPatchBinary } from 'utils'` in a package beside `packages/utils`):
 * the package's entry (`source`, `types`, `main`, `module` or `exports['.']`, then
 * `src/index`, `index`, `lib/index`) or a file under it (`'utils/lib/fhir'`). Installed
 * dependencies are outside the project: undefined.
 */
/** Whether a specifier names a module of the project: relative, or a workspace package of it. */
export function isProjectSpecifier(fromFile: string, specifier: string): boolean {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.') return true;
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return !!name && !name.startsWith('node:') && workspacePackages(fromFile)?.has(name) === true;
}

function resolveWorkspaceImport(fromFile: string, specifier: string): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  if (!name || name.startsWith('node:')) return undefined;
  const folder = workspacePackages(fromFile)?.get(name);
  if (!folder) return undefined;
  if (rest)
    return resolveModulePath(join(folder, rest)) ?? resolveModulePath(join(folder, 'src', rest));
  const manifest = readJson(join(folder, 'package.json'));
  const entries: string[] = [];
  for (const field of ['source', 'types', 'typings', 'main', 'module'])
    if (typeof manifest?.[field] === 'string') entries.push(manifest[field] as string);
  const exported = (manifest?.exports as Record<string, unknown> | string | undefined) ?? undefined;
  const dot = typeof exported === 'string' ? exported : exported?.['.'];
  if (typeof dot === 'string') entries.push(dot);
  else if (dot && typeof dot === 'object')
    for (const value of Object.values(dot as Record<string, unknown>))
      if (typeof value === 'string') entries.push(value);
  entries.push('src/index', 'index', 'lib/index');
  for (const entry of entries) {
    // A built entry (`dist/index.js`) is absent from a checkout: its source is tried instead.
    const path = join(folder, entry);
    const found =
      resolveModulePath(path) ??
      resolveModulePath(path.replace(/\.d\.ts$/, '').replace(/\.(c|m)?js$/, ''));
    if (found && !found.endsWith('.d.ts')) return found;
  }
  return undefined;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace packages of the monorepo above a file, by name. */
function workspacePackages(file: string): Map<string, string> | undefined {
  // Every folder walked through remembers the answer, none included: a bare import of an
  // installed package is asked about on every lint, and most projects are no monorepo.
  const walked: string[] = [];
  let found: Map<string, string> | undefined;
  let dir = dirname(file);
  for (let i = 0; i < 30; i++) {
    const cached = workspaceIndexes.get(dir);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) {
      found = cached.packages;
      break;
    }
    walked.push(dir);
    const patterns = workspacePatterns(dir);
    if (patterns) {
      found = new Map<string, string>();
      for (const pattern of patterns) listWorkspaceFolders(dir, pattern, found);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const at = Date.now();
  for (const folder of walked) workspaceIndexes.set(folder, { packages: found, at });
  return found;
}

/** `workspaces` of a package.json (array or `{ packages }`), or the packages of pnpm-workspace.yaml. */
function workspacePatterns(dir: string): string[] | undefined {
  const manifest = stat(join(dir, 'package.json'))?.isFile
    ? readJson(join(dir, 'package.json'))
    : undefined;
  const declared = manifest?.workspaces as string[] | { packages?: string[] } | undefined;
  const list = Array.isArray(declared) ? declared : declared?.packages;
  if (Array.isArray(list)) return list.filter((p): p is string => typeof p === 'string');
  try {
    const yaml = readFileSync(join(dir, 'pnpm-workspace.yaml'), 'utf8');
    const found = [...yaml.matchAll(/^\s*-\s*['"]?([^'"#\n]+?)['"]?\s*$/gm)].map((m) => m[1]!);
    return found.length ? found : undefined;
  } catch {
    return undefined;
  }
}

/** The package folders a workspace pattern lists (`packages/*`, `packages/**`, `apps/web`). */
function listWorkspaceFolders(root: string, pattern: string, into: Map<string, string>): void {
  if (pattern.startsWith('!')) return;
  const segments = pattern.replace(/\/\*\*?$/, '').split('/');
  const recursive = pattern.endsWith('**') || pattern.endsWith('**/*');
  const wildcard = pattern.endsWith('*');
  const base = join(root, ...segments.filter((s) => s !== '*' && s !== '**'));
  const visit = (dir: string, depth: number): void => {
    if (into.size >= MAX_WORKSPACE_PACKAGES || depth > 3) return;
    const manifest = readJson(join(dir, 'package.json'));
    if (typeof manifest?.name === 'string' && !into.has(manifest.name))
      into.set(manifest.name, dir);
    if (!wildcard || (depth >= 1 && !recursive)) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries)
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.'))
        visit(join(dir, entry.name), depth + 1);
  };
  visit(base, 0);
}

/** Where a local name of a module comes from: an `import` or a `require` of another module. */
export interface ImportedBinding {
  specifier: string;
  /** `default`, a named export, or `*` for a namespace / whole `require()` value. */
  imported: string;
}

/** The import that binds a top-level name of a program, ES modules and CommonJS alike. */
export function importedBinding(
  program: TSESTree.Program,
  localName: string,
): ImportedBinding | undefined {
  let bindings = bindingsOfPrograms.get(program);
  if (!bindings) bindingsOfPrograms.set(program, (bindings = importedBindings(program)));
  return bindings.get(localName);
}

const bindingsOfPrograms = new WeakMap<TSESTree.Program, Map<string, ImportedBinding>>();

/** Every name a program's imports and top-level `require`s bind, the first binding of a name kept. */
function importedBindings(program: TSESTree.Program): Map<string, ImportedBinding> {
  const found = new Map<string, ImportedBinding>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const specifier = statement.source.value;
      for (const binding of statement.specifiers) {
        if (found.has(binding.local.name)) continue;
        let imported: string;
        if (binding.type === AST_NODE_TYPES.ImportDefaultSpecifier) imported = 'default';
        else if (binding.type === AST_NODE_TYPES.ImportNamespaceSpecifier) imported = '*';
        else
          imported =
            binding.imported.type === AST_NODE_TYPES.Identifier
              ? binding.imported.name
              : String(binding.imported.value);
        found.set(binding.local.name, { specifier, imported });
      }
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!declarator.init || !requiredSpecifier(declarator.init)) continue;
        walk(declarator.id, (node) => {
          if (node.type !== AST_NODE_TYPES.Identifier || found.has(node.name)) return undefined;
          const binding = requireBinding(declarator, node.name);
          if (binding) found.set(node.name, binding);
          return undefined;
        });
      }
    }
  }
  return found;
}

function requireBinding(
  declarator: TSESTree.VariableDeclarator,
  localName: string,
): ImportedBinding | undefined {
  const init = declarator.init;
  const specifier = init ? requiredSpecifier(init) : undefined;
  if (!specifier) return undefined;
  const id = declarator.id;
  if (id.type === AST_NODE_TYPES.Identifier)
    return id.name === localName ? { specifier, imported: '*' } : undefined;
  const key = directPatternKey(id, localName);
  return key ? { specifier, imported: key } : undefined;
}

/** `require('./x')`, `require('./x').default`, `await import('./x')`: the specifier. */
export function requiredSpecifier(node: TSESTree.Node): string | undefined {
  let expr = node;
  if (expr.type === AST_NODE_TYPES.AwaitExpression) expr = expr.argument;
  if (
    expr.type === AST_NODE_TYPES.MemberExpression &&
    !expr.computed &&
    expr.property.type === AST_NODE_TYPES.Identifier &&
    expr.property.name === 'default'
  )
    expr = expr.object;
  if (expr.type === AST_NODE_TYPES.ImportExpression) {
    return expr.source.type === AST_NODE_TYPES.Literal && typeof expr.source.value === 'string'
      ? expr.source.value
      : undefined;
  }
  if (
    expr.type === AST_NODE_TYPES.CallExpression &&
    expr.callee.type === AST_NODE_TYPES.Identifier &&
    expr.callee.name === 'require'
  ) {
    const arg = expr.arguments[0];
    return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string'
      ? arg.value
      : undefined;
  }
  return undefined;
}

/**
 * The module and export a call invokes: `routes(app)` of an imported name,
 * `require('./routes')(app)` (the whole module, `*`), `multer({ … })` of an import.
 */
export function calledImport(
  call: TSESTree.CallExpression,
  program: TSESTree.Program,
): ImportedBinding | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return importedBinding(program, callee.name);
  const specifier = requiredSpecifier(callee);
  return specifier ? { specifier, imported: '*' } : undefined;
}

/**
 * What a module exports under a name (`default`, a named export, or `*` for `module.exports`):
 * the top-level name it is bound to in that module, or the exported expression itself.
 */
export function exportedValue(
  program: TSESTree.Program,
  exportName: string,
): { localName?: string; node?: TSESTree.Node } | undefined {
  const wanted = exportName === '*' ? ['*', 'default'] : [exportName];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && wanted.includes('default')) {
      const d = statement.declaration;
      if (d.type === AST_NODE_TYPES.Identifier) return { localName: d.name };
      if (
        (d.type === AST_NODE_TYPES.FunctionDeclaration ||
          d.type === AST_NODE_TYPES.ClassDeclaration) &&
        d.id
      )
        return { localName: d.id.name, node: d };
      return { node: d };
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const d = statement.declaration;
      if (d?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of d.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === exportName)
            return { localName: exportName, node: declarator.init ?? undefined };
        }
      } else if (
        (d?.type === AST_NODE_TYPES.FunctionDeclaration ||
          d?.type === AST_NODE_TYPES.ClassDeclaration) &&
        d.id?.name === exportName
      ) {
        return { localName: exportName, node: d };
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          const exported =
            specifier.exported.type === AST_NODE_TYPES.Identifier
              ? specifier.exported.name
              : String(specifier.exported.value);
          if (!wanted.includes(exported)) continue;
          if (specifier.local.type === AST_NODE_TYPES.Identifier)
            return { localName: specifier.local.name };
        }
      }
    }
    // CommonJS: module.exports = x; module.exports = { x }; exports.x = …; module.exports.x = ….
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression
    ) {
      const { left, right } = statement.expression;
      const target = exportTarget(left);
      if (target === undefined) continue;
      if (target === '*') {
        if (wanted.includes('*') || wanted.includes('default')) {
          if (right.type === AST_NODE_TYPES.Identifier) return { localName: right.name };
          if (right.type !== AST_NODE_TYPES.ObjectExpression) return { node: right };
        }
        if (right.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of right.properties) {
            if (property.type !== AST_NODE_TYPES.Property) continue;
            const key = keyName(property);
            if (key !== exportName) continue;
            if (property.value.type === AST_NODE_TYPES.Identifier)
              return { localName: property.value.name };
            return { node: property.value };
          }
        }
      } else if (target === exportName) {
        if (right.type === AST_NODE_TYPES.Identifier) return { localName: right.name };
        return { node: right };
      }
    }
  }
  return undefined;
}

/** `module.exports` -> '*'; `exports.x` / `module.exports.x` -> 'x'. */
function exportTarget(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return undefined;
  if (node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier) {
    if (object.name === 'module' && node.property.name === 'exports') return '*';
    if (object.name === 'exports') return node.property.name;
    return undefined;
  }
  if (
    object.type === AST_NODE_TYPES.MemberExpression &&
    !object.computed &&
    object.object.type === AST_NODE_TYPES.Identifier &&
    object.object.name === 'module' &&
    object.property.type === AST_NODE_TYPES.Identifier &&
    object.property.name === 'exports'
  )
    return node.property.name;
  return undefined;
}

/** The nearest folder above a file holding a `package.json` (the project), or the file's folder. */
export function projectRoot(file: string): string {
  const start = dirname(file);
  const cached = rootOfDir.get(start);
  if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.root;
  let root = start;
  let dir = start;
  for (let i = 0; i < 30; i++) {
    if (stat(join(dir, 'package.json'))?.isFile) {
      root = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  rootOfDir.set(start, { root, at: Date.now() });
  return root;
}

/**
 * The source files of a project, for project-wide questions (who mounts this router? is there a
 * global guard?). Bounded in count and depth, skips dependencies and build output, and follows
 * no symlinked folder twice (real paths are remembered), so a link loop cannot hang the linter.
 */
export function projectFiles(root: string): string[] {
  const cached = fileLists.get(root);
  if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.files;
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_WALK_DEPTH || files.length >= MAX_PROJECT_FILES) return;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_PROJECT_FILES) return;
      if (entry.name.startsWith('.') && entry.name !== '.') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory() || entry.isSymbolicLink()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        if (entry.isSymbolicLink() && !stat(path)) continue;
        if (entry.isSymbolicLink() && stat(path)?.isFile) {
          if (MODULE_EXTENSIONS.includes(extname(entry.name))) files.push(path);
          continue;
        }
        // A nested package.json starts another project (a workspace package, a fixture).
        if (stat(join(path, 'package.json'))?.isFile) continue;
        walk(path, depth + 1);
      } else if (entry.isFile() && MODULE_EXTENSIONS.includes(extname(entry.name))) {
        if (!entry.name.endsWith('.d.ts')) files.push(path);
      }
    }
  };
  walk(root, 0);
  files.sort();
  fileLists.set(root, { files, at: Date.now() });
  return files;
}

/** Project files whose text contains a string: a cheap filter before parsing. */
export function projectFilesMentioning(root: string, needle: string): string[] {
  return projectFilesWhere(root, needle, (text) => text.includes(needle));
}

/** Project files whose text matches a pattern (one pass over the project, kept a while). */
export function projectFilesMatching(root: string, pattern: RegExp): string[] {
  return projectFilesWhere(root, `/${pattern.source}/${pattern.flags}`, (text) =>
    pattern.test(text),
  );
}

/** What a project's `package.json` says it is: its `name` and `description` (empty when absent). */
export function projectPurpose(root: string): { name: string; description: string } {
  const cached = purposes.get(root);
  if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.purpose;
  const manifest = readJson(join(root, 'package.json'));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const purpose = { name: text(manifest?.name), description: text(manifest?.description) };
  purposes.set(root, { purpose, at: Date.now() });
  return purpose;
}
const purposes = new Map<string, { purpose: { name: string; description: string }; at: number }>();

/** The packages a project's `package.json` depends on (dependencies of every kind). */
export function projectDependencies(root: string): string[] {
  const manifest = readJson(join(root, 'package.json'));
  if (!manifest) return [];
  const names: string[] = [];
  for (const field of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    const value = manifest[field];
    if (value && typeof value === 'object') names.push(...Object.keys(value));
  }
  return names;
}

function projectFilesWhere(
  root: string,
  test: string,
  matches: (text: string) => boolean,
): string[] {
  const key = `${root}\0${test}`;
  const cached = mentions.get(key);
  if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.files;
  const found: string[] = [];
  for (const file of projectFiles(root)) {
    const s = stat(file);
    if (!s || s.size > MAX_MODULE_BYTES) continue;
    let text: string;
    const cached = modules.get(file);
    if (cached?.module && cached.mtimeMs === s.mtimeMs && cached.size === s.size)
      text = cached.module.text;
    else {
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
    }
    if (matches(text)) found.push(file);
  }
  mentions.set(key, { files: found, at: Date.now() });
  return found;
}

/** Same file, whatever the path spelling (`a/../b`, symlinks). */
export function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolvePath(a) === resolvePath(b);
  }
}

/** The stem a module is imported by: `routes/patients.ts` -> `patients`, `routes/index.ts` -> `routes`. */
export function importStem(file: string): string {
  const parts = file.split(sep).join('/').split('/');
  const base = (parts.pop() ?? '').replace(/\.[^.]+$/, '');
  return base === 'index' ? (parts.pop() ?? base) : base;
}
