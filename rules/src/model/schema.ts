import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { keyName, linkParents, literalString, propertyName, unwrap, walk } from './ast';
import { programIndex } from './program-index';
import { tokenizeSql, type SqlToken } from './sql';
import { foldName } from './tokens';

/**
 * Table schemas declared in a project: `CREATE TABLE`/`ALTER TABLE … ADD` in `.sql` files and
 * SQL strings, Prisma models, Sequelize `define`/`init` models, TypeORM entities, knex migrations
 * and Mongoose schemas. Rules use them to say which columns a `*` pulls today and to write an
 * explicit column list. Discovery is bounded and cached per project root; a stale or missing
 * schema only makes messages and fixes less precise, never wrong about what is reported.
 */
export interface TableSchema {
  /** The table or model name as declared (`patients`, `Patient`). */
  name: string;
  /** Other names it is known by: the SQL table of a model, the model of a table. */
  aliases: string[];
  /** Columns (or model attributes) in declaration order. */
  columns: string[];
  /** Where it was declared, relative to the project root (or `this file`). */
  source: string;
  kind: 'sql' | 'prisma' | 'sequelize' | 'typeorm' | 'knex' | 'mongoose' | 'drizzle';
}

export interface SchemaIndex {
  /**
   * The schema of a table or model by any of its names (case, separators and accents folded),
   * restricted to some kinds of declaration when given (SQL column names for SQL text).
   */
  lookup(name: string, kinds?: readonly TableSchema['kind'][]): TableSchema | undefined;
  readonly tables: readonly TableSchema[];
}

/** Folders never scanned: dependencies, build output, VCS data. */
export const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.git',
  '.hg',
  '.svn',
  '.next',
  '.nuxt',
  '.cache',
  '.turbo',
  'vendor',
  'bower_components',
]);
const SCHEMA_EXTENSIONS = new Set([
  '.sql',
  '.prisma',
  '.ts',
  '.js',
  '.mjs',
  '.cjs',
  '.mts',
  '.cts',
]);
const MAX_FILES = 4000;
const MAX_DIRS = 2000;
const MAX_FILE_BYTES = 512 * 1024;
const MAX_TOTAL_BYTES = 24 * 1024 * 1024;
const MAX_DEPTH = 12;
/** Between two checks of a root's files, linting a whole project reuses the index as is. */
const REVALIDATE_MS = 1500;
/** Only JS/TS files that may declare a schema are parsed. */
const JS_SCHEMA_HINT =
  /\.define\s*\(|(?:pg|mysql|sqlite)Table\s*\(|\.init\s*\(|@Entity\b|createTable|alterTable|\.table\s*\(|new\s+(?:mongoose\.)?Schema\s*\(|CREATE\s+TABLE/i;
const ROOT_MARKERS = ['package.json', 'healthdata.config.json'];

interface FileEntry {
  mtimeMs: number;
  size: number;
  tables: TableSchema[];
}

interface RootCache {
  files: Map<string, FileEntry>;
  dirs: Map<string, number>;
  checkedAt: number;
  index: SchemaIndex;
}

const roots = new Map<string, RootCache>();
const rootOfDir = new Map<string, string | null>();

/** Forgets every cached schema (the language server calls it when workspace files change). */
export function clearSchemaCache(): void {
  roots.clear();
  rootOfDir.clear();
}

/** The project root of a file: the nearest folder holding a package.json or healthdata.config.json. */
export function findProjectRoot(filename: string): string | undefined {
  const start = dirname(filename);
  const visited: string[] = [];
  let current = start;
  let found: string | null = null;
  for (let guard = 0; guard < 64; guard++) {
    const cached = rootOfDir.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    if (ROOT_MARKERS.some((marker) => isFile(join(current, marker)))) {
      found = current;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of visited) rootOfDir.set(dir, found);
  return found ?? undefined;
}

/** The schemas of the project a linted file belongs to (empty when the file has no project). */
export function projectSchemas(filename: string, now = Date.now()): SchemaIndex {
  if (!filename || filename.startsWith('<')) return EMPTY_INDEX;
  const root = findProjectRoot(filename);
  if (!root) return EMPTY_INDEX;
  let cache = roots.get(root);
  if (cache && now - cache.checkedAt < REVALIDATE_MS) return cache.index;
  if (cache && !changed(cache)) {
    cache.checkedAt = now;
    return cache.index;
  }
  cache = scanRoot(root, cache);
  cache.checkedAt = now;
  roots.set(root, cache);
  return cache.index;
}

const EMPTY_INDEX: SchemaIndex = { lookup: () => undefined, tables: [] };

/** Builds an index over several lists of schemas; earlier lists win (the linted file first). */
export function indexSchemas(...lists: readonly (readonly TableSchema[])[]): SchemaIndex {
  const byName = new Map<string, TableSchema[]>();
  const tables: TableSchema[] = [];
  for (const list of lists) {
    for (const table of list) {
      tables.push(table);
      for (const name of new Set([table.name, ...table.aliases].map(schemaKey))) {
        if (!name) continue;
        const existing = byName.get(name);
        if (existing) existing.push(table);
        else byName.set(name, [table]);
      }
    }
  }
  return {
    tables,
    lookup(name, kinds) {
      const bare = name.split('.').pop() ?? name;
      const key = schemaKey(bare);
      const model = schemaKey(stripModelSuffix(bare));
      // Sequelize and Rails-style conventions: model `Patient`, table `patients`.
      for (const candidate of [key, model, `${model}s`, model.replace(/s$/, '')]) {
        const table = byName.get(candidate)?.find((t) => !kinds || kinds.includes(t.kind));
        if (table) return table;
      }
      return undefined;
    },
  };
}

function schemaKey(name: string): string {
  return foldName(name.replace(/^["`[]|["`\]]$/g, ''));
}

/** `PatientModel`, `patientRepository`, `PatientEntity` name the model `Patient`. */
export function stripModelSuffix(name: string): string {
  return (
    name.replace(/_?(?:Model|Repository|Repo|Entity|Schema|Collection|Table|Dao)$/i, '') || name
  );
}

function changed(cache: RootCache): boolean {
  for (const [dir, mtime] of cache.dirs) {
    const stat = statOf(dir);
    if (!stat || stat.mtimeMs !== mtime) return true;
  }
  for (const [file, entry] of cache.files) {
    const stat = statOf(file);
    if (!stat || stat.mtimeMs !== entry.mtimeMs || stat.size !== entry.size) return true;
  }
  return false;
}

function scanRoot(root: string, previous: RootCache | undefined): RootCache {
  const files = new Map<string, FileEntry>();
  const dirs = new Map<string, number>();
  let totalBytes = 0;
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (queue.length > 0 && dirs.size < MAX_DIRS && files.size < MAX_FILES) {
    const { dir, depth } = queue.shift()!;
    const stat = statOf(dir);
    if (!stat) continue;
    dirs.set(dir, stat.mtimeMs);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.'))
          queue.push({ dir: path, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile() || !SCHEMA_EXTENSIONS.has(extname(entry.name))) continue;
      if (entry.name.endsWith('.d.ts') || /\.(test|spec)\.[cm]?[jt]s$/.test(entry.name)) continue;
      const fileStat = statOf(path);
      if (!fileStat || fileStat.size > MAX_FILE_BYTES) continue;
      if (totalBytes + fileStat.size > MAX_TOTAL_BYTES || files.size >= MAX_FILES) break;
      totalBytes += fileStat.size;
      const old = previous?.files.get(path);
      if (old && old.mtimeMs === fileStat.mtimeMs && old.size === fileStat.size) {
        files.set(path, old);
        continue;
      }
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      const tables = schemasInFile(text, extname(entry.name), relative(root, path) || entry.name);
      files.set(path, { mtimeMs: fileStat.mtimeMs, size: fileStat.size, tables });
    }
  }
  // Only files that declared something need watching; directories catch added files.
  for (const [path, entry] of files) if (entry.tables.length === 0) files.delete(path);
  const all = [...files.values()].flatMap((entry) => entry.tables);
  return { files, dirs, checkedAt: 0, index: indexSchemas(mergeSameTable(all)) };
}

/** Schemas declared in one file's text, by its extension. Never throws. */
export function schemasInFile(text: string, extension: string, source: string): TableSchema[] {
  try {
    if (extension === '.sql') return sqlSchemas(text, source);
    if (extension === '.prisma') return prismaSchemas(text, source);
    if (!JS_SCHEMA_HINT.test(text)) return [];
    const program = parse(text, {
      range: true,
      loc: false,
      jsx: extension !== '.ts' && extension !== '.mts' && extension !== '.cts',
      sourceType: 'module',
      ecmaVersion: 'latest',
    }) as unknown as TSESTree.Program;
    linkParents(program);
    return schemasInProgram(program, source);
  } catch {
    return [];
  }
}

/** `CREATE TABLE t (…)` and `ALTER TABLE t ADD [COLUMN] c …` in SQL text. */
export function sqlSchemas(sql: string, source: string): TableSchema[] {
  const tokens = tokenizeSql(sql);
  const tables = new Map<string, TableSchema>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.value === 'CREATE' && t.type === 'word') {
      let j = i + 1;
      while (
        ['TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'OR', 'REPLACE'].includes(
          tokens[j]?.value ?? '',
        )
      )
        j++;
      if (tokens[j]?.value !== 'TABLE') continue;
      j++;
      if (tokens[j]?.value === 'IF') j += tokens[j + 1]?.value === 'NOT' ? 3 : 2;
      const name = qualifiedName(tokens, j);
      if (!name) continue;
      j = name.next;
      if (tokens[j]?.value !== '(') continue;
      const columns = columnDefinitions(tokens, j);
      if (columns.length) tables.set(name.name.toUpperCase(), sqlTable(name.name, columns, source));
    } else if (t.value === 'ALTER' && tokens[i + 1]?.value === 'TABLE') {
      let j = i + 2;
      if (tokens[j]?.value === 'IF') j += 2;
      if (tokens[j]?.value === 'ONLY') j++;
      const name = qualifiedName(tokens, j);
      if (!name) continue;
      const table = tables.get(name.name.toUpperCase());
      for (j = name.next; j < tokens.length && tokens[j]!.value !== ';'; j++) {
        if (tokens[j]!.value !== 'ADD' || tokens[j]!.depth !== t.depth) continue;
        let k = j + 1;
        if (tokens[k]?.value === 'COLUMN') k++;
        if (tokens[k]?.value === 'IF') k += 3;
        const column = tokens[k];
        if (!column || column.type !== 'word' || CONSTRAINT_WORDS.has(column.value)) continue;
        if (table) {
          if (!table.columns.includes(column.text)) table.columns.push(column.text);
        } else {
          tables.set(name.name.toUpperCase(), sqlTable(name.name, [column.text], source));
        }
      }
    }
  }
  return [...tables.values()];
}

function sqlTable(name: string, columns: string[], source: string): TableSchema {
  const bare = name.split('.').pop() ?? name;
  return { name: bare, aliases: bare === name ? [] : [name], columns, source, kind: 'sql' };
}

const CONSTRAINT_WORDS = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'FOREIGN',
  'UNIQUE',
  'CHECK',
  'KEY',
  'INDEX',
  'EXCLUDE',
  'FULLTEXT',
  'SPATIAL',
  'PERIOD',
  'LIKE',
]);

function qualifiedName(tokens: SqlToken[], i: number): { name: string; next: number } | undefined {
  const first = tokens[i];
  if (!first || first.type !== 'word') return undefined;
  let name = first.text;
  let j = i + 1;
  while (tokens[j]?.value === '.' && tokens[j + 1]?.type === 'word') {
    name += `.${tokens[j + 1]!.text}`;
    j += 2;
  }
  return { name, next: j };
}

/** The column names of a parenthesised CREATE TABLE body starting at `open`. */
function columnDefinitions(tokens: SqlToken[], open: number): string[] {
  const depth = tokens[open]!.depth + 1;
  const columns: string[] = [];
  let itemStart = true;
  for (let k = open + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.depth < depth || (t.value === ')' && t.depth === depth - 1)) break;
    if (t.depth !== depth) continue;
    if (t.value === ',') {
      itemStart = true;
      continue;
    }
    if (itemStart) {
      itemStart = false;
      if (t.type === 'word' && !CONSTRAINT_WORDS.has(t.value)) columns.push(t.text);
    }
  }
  return columns;
}

const PRISMA_SCALARS = new Set([
  'String',
  'Boolean',
  'Int',
  'BigInt',
  'Float',
  'Decimal',
  'DateTime',
  'Json',
  'Bytes',
  'Unsupported',
]);

/** Prisma `model X { … }` blocks: scalar and enum fields, `@map`/`@@map` names. */
export function prismaSchemas(text: string, source: string): TableSchema[] {
  const clean = text.replace(/\/\/.*$/gm, '');
  const blocks = [...clean.matchAll(/\b(model|enum|type|view)\s+(\w+)\s*\{([^}]*)\}/g)];
  const models = new Set(blocks.filter((b) => b[1] !== 'enum').map((b) => b[2]!));
  const tables: TableSchema[] = [];
  for (const [, keyword, name, body] of blocks) {
    if (keyword !== 'model' && keyword !== 'view') continue;
    const columns: string[] = [];
    const aliases: string[] = [];
    for (const line of body!.split('\n')) {
      const trimmed = line.trim();
      const mapped = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(trimmed);
      if (mapped) aliases.push(mapped[1]!);
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?/.exec(trimmed);
      if (!field || trimmed.startsWith('@')) continue;
      const type = field[2]!;
      if (models.has(type) && !PRISMA_SCALARS.has(type)) continue; // relation field
      columns.push(field[1]!);
    }
    if (columns.length) tables.push({ name: name!, aliases, columns, source, kind: 'prisma' });
  }
  return tables;
}

const TYPEORM_COLUMN_DECORATORS = new Set([
  'Column',
  'PrimaryColumn',
  'PrimaryGeneratedColumn',
  'CreateDateColumn',
  'UpdateDateColumn',
  'DeleteDateColumn',
  'VersionColumn',
  'ObjectIdColumn',
  'ViewColumn',
]);

/** Column helpers of a knex table builder that do not add a column. */
const KNEX_NON_COLUMNS = new Set([
  'primary',
  'index',
  'unique',
  'foreign',
  'dropColumn',
  'dropColumns',
  'renameColumn',
  'dropForeign',
  'dropIndex',
  'dropUnique',
  'dropPrimary',
  'dropTimestamps',
  'comment',
  'engine',
  'charset',
  'collate',
  'inherits',
  'check',
  'setNullable',
  'dropNullable',
  'references',
  'inTable',
  'onDelete',
  'onUpdate',
]);

/** Schemas declared in a parsed JS/TS program (also used on the linted file itself). */
export function schemasInProgram(program: TSESTree.Program, source: string): TableSchema[] {
  const found: TableSchema[] = [];
  for (const node of programIndex(program).nodes) {
    if (node.type === AST_NODE_TYPES.CallExpression) collectCall(node, source, found, node.parent);
    else if (
      node.type === AST_NODE_TYPES.ClassDeclaration ||
      node.type === AST_NODE_TYPES.ClassExpression
    )
      collectEntity(node, source, found);
  }
  return mergeSameTable(found);
}

function objectKeys(node: TSESTree.Node | undefined): string[] {
  const object = node && unwrap(node);
  if (!object || object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const keys: string[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = keyName(property);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

function objectString(node: TSESTree.Node | undefined, key: string): string | undefined {
  const object = node && unwrap(node);
  if (!object || object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of object.properties)
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === key)
      return literalString(property.value);
  return undefined;
}

function collectCall(
  call: TSESTree.CallExpression,
  source: string,
  found: TableSchema[],
  holder: TSESTree.Node | undefined,
): void {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  const args = call.arguments;
  // Sequelize: sequelize.define('Patient', { … }, { tableName })
  if (method === 'define' && literalString(args[0]) && objectKeys(args[1]).length) {
    const name = literalString(args[0])!;
    const table = objectString(args[2], 'tableName');
    found.push({
      name,
      aliases: table ? [table] : [],
      columns: ['id', ...objectKeys(args[1]).filter((k) => k !== 'id')],
      source,
      kind: 'sequelize',
    });
    return;
  }
  // Sequelize: class Patient extends Model {}; Patient.init({ … }, { sequelize, tableName })
  if (
    method === 'init' &&
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    objectKeys(args[0]).length &&
    objectKeys(args[1]).includes('sequelize')
  ) {
    const table = objectString(args[1], 'tableName');
    const modelName = objectString(args[1], 'modelName');
    found.push({
      name: callee.object.name,
      aliases: [table, modelName].filter((n): n is string => n !== undefined),
      columns: ['id', ...objectKeys(args[0]).filter((k) => k !== 'id')],
      source,
      kind: 'sequelize',
    });
    return;
  }
  // knex: knex.schema.createTable('patients', (t) => { t.string('nom'); … }) and alterTable/table.
  if (
    (method === 'createTable' ||
      method === 'createTableIfNotExists' ||
      method === 'alterTable' ||
      method === 'table') &&
    literalString(args[0])
  ) {
    const fn = args[1] && unwrap(args[1]);
    if (
      !fn ||
      (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
        fn.type !== AST_NODE_TYPES.FunctionExpression) ||
      fn.params[0]?.type !== AST_NODE_TYPES.Identifier
    )
      return;
    const param = fn.params[0].name;
    const columns: string[] = [];
    walk(fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const column = knexColumn(node, param);
      if (column) columns.push(...column);
    });
    if (columns.length)
      found.push({ name: literalString(args[0])!, aliases: [], columns, source, kind: 'knex' });
    return;
  }
  // Mongoose: model('CompteRendu', new Schema({ … })) / mongoose.model(…)
  if ((method === 'model' || calleeIs(callee, 'model')) && literalString(args[0])) {
    const schema = args[1] && unwrap(args[1]);
    if (
      schema?.type === AST_NODE_TYPES.NewExpression &&
      /Schema$/.test(propertyOrName(schema.callee) ?? '')
    ) {
      const keys = objectKeys(schema.arguments[0]);
      if (keys.length)
        found.push({
          name: literalString(args[0])!,
          aliases: [],
          columns: ['_id', ...keys],
          source,
          kind: 'mongoose',
        });
    }
    return;
  }
  // Drizzle: export const patients = pgTable('patients', { id: serial('id'), … })
  if (
    /^(?:pg|mysql|sqlite)Table$/.test(propertyOrName(callee) ?? '') &&
    literalString(args[0]) &&
    objectKeys(args[1]).length
  ) {
    const variable =
      holder?.type === AST_NODE_TYPES.VariableDeclarator &&
      holder.id.type === AST_NODE_TYPES.Identifier
        ? holder.id.name
        : undefined;
    found.push({
      name: literalString(args[0])!,
      aliases: variable ? [variable] : [],
      columns: objectKeys(args[1]),
      source,
      kind: 'drizzle',
    });
    return;
  }
  // SQL in code: migrations run `CREATE TABLE …` through the driver.
  for (const arg of args.slice(0, 1)) {
    const text = literalString(arg);
    if (text && /\bCREATE\s+(?:\w+\s+)*TABLE\b/i.test(text))
      found.push(...sqlSchemas(text, source));
  }
}

function calleeIs(callee: TSESTree.Node, name: string): boolean {
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === name;
}

function propertyOrName(node: TSESTree.Node): string | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Identifier) return expr.name;
  if (expr.type === AST_NODE_TYPES.MemberExpression) return propertyName(expr);
  return undefined;
}

/** `t.string('nom')`, `t.increments()`, `t.timestamps()`, chained `.notNullable()` included. */
function knexColumn(call: TSESTree.CallExpression, param: string): string[] | undefined {
  const callee = unwrap(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    unwrap(callee.object).type !== AST_NODE_TYPES.Identifier ||
    (unwrap(callee.object) as TSESTree.Identifier).name !== param
  )
    return undefined;
  const method = propertyName(callee);
  if (!method || KNEX_NON_COLUMNS.has(method)) return undefined;
  if (method === 'timestamps') return ['created_at', 'updated_at'];
  const name = literalString(call.arguments[0]);
  if (name) return [name];
  if (method === 'increments' || method === 'bigIncrements' || method === 'uuid') return ['id'];
  return undefined;
}

/** TypeORM: `@Entity('patients') class Patient { @Column() nom: string; … }`. */
function collectEntity(
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  source: string,
  found: TableSchema[],
): void {
  const entity = node.decorators?.find((d) => decoratorName(d) === 'Entity');
  if (!entity || !node.id) return;
  const columns: string[] = [];
  for (const member of node.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const decorator = member.decorators?.find((d) =>
      TYPEORM_COLUMN_DECORATORS.has(decoratorName(d) ?? ''),
    );
    const key = keyName(member);
    if (decorator && key) columns.push(key);
  }
  if (!columns.length) return;
  const expr = entity.expression;
  const arg = expr.type === AST_NODE_TYPES.CallExpression ? expr.arguments[0] : undefined;
  const table = literalString(arg) ?? objectString(arg, 'name') ?? snakeCase(node.id.name);
  found.push({ name: node.id.name, aliases: [table], columns, source, kind: 'typeorm' });
}

function decoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expr = decorator.expression;
  const callee = expr.type === AST_NODE_TYPES.CallExpression ? expr.callee : expr;
  return propertyOrName(callee);
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Declarations of the same table in several files (a migration, then ALTERs) add up. */
function mergeSameTable(tables: TableSchema[]): TableSchema[] {
  const byKey = new Map<string, TableSchema>();
  for (const table of tables) {
    const key = `${table.kind}:${schemaKey(table.name)}`;
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...table, columns: [...table.columns], aliases: [...table.aliases] });
      continue;
    }
    for (const column of table.columns)
      if (!existing.columns.includes(column)) existing.columns.push(column);
    for (const alias of table.aliases)
      if (!existing.aliases.includes(alias)) existing.aliases.push(alias);
  }
  return [...byKey.values()];
}

function statOf(path: string): { mtimeMs: number; size: number } | undefined {
  try {
    const stat = statSync(path);
    return { mtimeMs: stat.mtimeMs, size: stat.size };
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
