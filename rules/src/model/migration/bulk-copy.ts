/**
 * Bulk copies of patient records from one system into another: a bulk insert (ORM `createMany`,
 * `bulkCreate`, `insertMany`, a query builder's table insert, `INSERT … VALUES` run through a
 * driver or tag) whose rows come from a patient read on another client, database or model —
 * told apart by the receiver chains of the read and of the insert (`source.patient` vs
 * `target.patient`, `client.db('old_lis')` vs `client.db('new_lis')`). A copy leaves the source
 * behind unless the routine removes or schedules the purge of the source tables or handle.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import {
  calleeName,
  findProperty,
  propertyName,
  resolveVariable,
  staticString,
  unwrap,
} from '../ast';
import type { PatientRead, Taint } from '../provenance';
import { GCS_OBJECT, RECORD_WRITES } from '../apis';
import { describeLiteralForMessage } from '../redact';
import { type MigrationFile, normalTable, type SqlUse, tablesForMessage } from './file';
import type { Deletion, Staging } from './facts';
import { ormDeletion } from './deletions';
import { reachable, type Routine, routineOf } from './routines';

/** One step of a receiver chain, with the names that may say which model or table it is. */
interface Segment {
  text: string;
  names: string[];
}

/** A bulk insert of rows read from one system into another client or model. */
export interface BulkCopy {
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** The routine that copies. */
  routine: Routine;
  /** The patient data copied, described. */
  data: string;
  /** How the message names where the rows go: "`target.patient`", "`patients` via `db`". */
  target: string;
  targetKey: string[];
  sourceChain: string[];
  sourceKey: string[];
  sourceTables: string[];
  /** How the message names the source: "`patients` in `source`". */
  source: string;
}

interface Insert {
  values: TSESTree.Node[];
  target: string;
}

/**
 * The bulk copies of export or migration code whose routine neither removes nor schedules the
 * purge of the source. `stagings` are left out: they are staging writes, reported as such.
 */
export function unpurgedBulkCopies(
  file: MigrationFile,
  stagings: readonly Staging[],
  deletions: readonly Deletion[],
): BulkCopy[] {
  const copies: BulkCopy[] = [];
  const ormDeletions: Deletion[] = [];
  // GCS `file(k).save(data)` and its kin are staging writes, reported as such.
  const staged = new Set(stagings.map((c) => c.node));
  for (const call of file.calls) {
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const removal = ormDeletion(file, call);
    if (removal) ormDeletions.push(removal);
    const insert = staged.has(call) ? undefined : bulkInsert(file, call);
    if (!insert || !file.inExportContext(call)) continue;
    const copy = bulkCopy(file, call, insert);
    if (copy) copies.push(copy);
  }
  for (const use of file.sqlUses) {
    const insert = sqlInsert(file, use);
    if (!insert || !file.inExportContext(use.node)) continue;
    const copy = bulkCopy(file, use.node, insert);
    if (copy) copies.push(copy);
  }
  const all = [...deletions, ...ormDeletions];
  return copies.filter(
    (copy) =>
      !reachable(file, copy.routine, all).some(({ item }) => purgesSource(file, item, copy)),
  );
}

/** What a call or SQL tag runs on, from its root: `target.patient`, `client.db('new_lis')`. */
function receiverChain(file: MigrationFile, node: TSESTree.Node): Segment[] | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.TaggedTemplateExpression) return chainOf(file, expr.tag, 0);
  if (expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(expr.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression
    ? chainOf(file, callee.object, 0)
    : undefined;
}

function chainOf(file: MigrationFile, node: TSESTree.Node, depth: number): Segment[] | undefined {
  const flat = (n: TSESTree.Node) => file.sourceCode.getText(n).replace(/\s+/g, '');
  const segments: Segment[] = [];
  let current = unwrap(node);
  for (let guard = 0; guard < 32; guard++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const prop = propertyName(current);
      segments.push({
        text: prop !== undefined && !current.computed ? `.${prop}` : `[${flat(current.property)}]`,
        names: prop ? [prop] : [],
      });
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      const first = current.arguments[0] && unwrap(current.arguments[0]);
      const names =
        first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
          ? [first.value]
          : first?.type === AST_NODE_TYPES.Identifier
            ? [first.name]
            : [];
      segments.push({ text: `(${current.arguments.map(flat).join(',')})`, names });
      current = unwrap(current.callee);
    } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = unwrap(current.argument);
    } else if (current.type === AST_NODE_TYPES.Identifier) {
      const alias = depth < 4 ? aliasOf(file, current) : undefined;
      const root = alias
        ? chainOf(file, alias, depth + 1)
        : [{ text: current.name, names: [current.name] }];
      return root && [...root, ...segments.reverse()];
    } else {
      // `this`, `new DataSource(cfg)`: the root as written.
      return [{ text: flat(current), names: [] }, ...segments.reverse()];
    }
  }
  return undefined;
}

/**
 * A const bound to a handle taken from another one (`const repo = target.getRepository(Patient)`,
 * `const db = client.db('new_lis')`); factories (`knex(cfg)`, `new PrismaClient()`) make new roots.
 */
function aliasOf(file: MigrationFile, id: TSESTree.Identifier): TSESTree.Node | undefined {
  const def = resolveVariable(file.scopeOf(id), id)?.defs[0];
  if (
    def?.type !== 'Variable' ||
    def.parent?.kind !== 'const' ||
    def.node.id.type !== AST_NODE_TYPES.Identifier ||
    !def.node.init
  )
    return undefined;
  let init = unwrap(def.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
  if (init.type === AST_NODE_TYPES.MemberExpression) return init;
  if (
    init.type === AST_NODE_TYPES.CallExpression &&
    unwrap(init.callee).type === AST_NODE_TYPES.MemberExpression
  )
    return init;
  return undefined;
}

/**
 * The client part of a chain: what comes before its patient model or table and the method
 * selecting it (`target` in `target.patient`, `client.db('old_lis')` in
 * `client.db('old_lis').collection('patients')`), or the model itself when it is the root.
 */
function clientKey(file: MigrationFile, chain: Segment[]): string[] {
  let index = chain.findIndex((s) => s.names.some((n) => file.model.provenance.isPatientTable(n)));
  if (index < 0) return chain.map((s) => s.text);
  if (index >= 2 && chain[index]!.text.startsWith('(') && chain[index - 1]!.text.startsWith('.'))
    index -= 1;
  return chain.slice(0, Math.max(index, 1)).map((s) => s.text);
}

/** One chain is the other or leads to it: the same client, database or model. */
function sameSystem(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((text, index) => long[index] === text);
}

/** `patients`, `"Patient"`, `old_patients` and `OldPatient` name the same table. */
function sameTable(a: string, b: string): boolean {
  const norm = (t: string) =>
    normalTable(t)
      .replace(/[^a-z0-9]/g, '')
      .replace(/s$/, '');
  return norm(a) === norm(b);
}

/** The rows a bulk insert writes, and how its message names the place it writes them to. */
function bulkInsert(file: MigrationFile, call: TSESTree.CallExpression): Insert | undefined {
  const name = calleeName(call.callee);
  const callee = unwrap(call.callee);
  const write = name ? RECORD_WRITES.get(name) : undefined;
  if (!write?.bulk || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  // A statement builder passed to a driver (`db.none(pgp.helpers.insert(rows, cs))`) writes nothing itself.
  const parent = call.parent;
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression ||
      parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(call)
  )
    return undefined;
  const args = call.arguments.filter(
    (a): a is TSESTree.Expression => a.type !== AST_NODE_TYPES.SpreadElement,
  );
  if (!args.length) return undefined;
  if (name === GCS_OBJECT.save) {
    // Google Cloud Storage `bucket(b).file(k).save(data)` uploads an object: not a table.
    const chain = receiverChain(file, call);
    if (chain && chain.length >= 2 && chain[chain.length - 2]!.text === `.${GCS_OBJECT.file}`)
      return undefined;
  }
  const receiver = describeLiteralForMessage(file.sourceCode.getText(callee.object), 20);
  if (write.tableFirst) {
    const table = staticString(args[0]!, file.scopeOf);
    return {
      values: args.slice(1),
      target: table
        ? `\`${describeLiteralForMessage(table.text, 20)}\` via \`${receiver}\``
        : `\`${receiver}\``,
    };
  }
  // Prisma `createMany({ data })`, or the rows themselves.
  const data = write.rowsKey ? findProperty(args[0], write.rowsKey)?.value : undefined;
  return { values: data ? [data] : args, target: `\`${receiver}\`` };
}

/** `INSERT … VALUES` run through a driver or SQL tag, with the values it is given. */
function sqlInsert(file: MigrationFile, use: SqlUse): Insert | undefined {
  const provenance = file.model.provenance;
  let sqlExpr = unwrap(use.sql);
  let values: TSESTree.Node[] =
    use.node.type === AST_NODE_TYPES.CallExpression ? use.node.arguments.slice(1) : [];
  let sql = provenance.sqlOf(sqlExpr);
  if (!sql && sqlExpr.type === AST_NODE_TYPES.CallExpression && sqlExpr.arguments[0]) {
    // pg-format and friends: `format('INSERT INTO patients … VALUES %L', rows)`.
    values = sqlExpr.arguments.slice(1);
    sqlExpr = sqlExpr.arguments[0];
    sql = provenance.sqlOf(sqlExpr);
  }
  if (use.tagged && sqlExpr.type === AST_NODE_TYPES.TemplateLiteral) values = sqlExpr.expressions;
  const statement = sql?.statements.find(
    (s) => s.kind === 'insert' && s.selects.length === 0 && s.target,
  );
  if (!statement?.target || !values.length) return undefined;
  const through =
    use.node.type === AST_NODE_TYPES.TaggedTemplateExpression
      ? use.node.tag
      : use.node.callee.type === AST_NODE_TYPES.MemberExpression
        ? use.node.callee.object
        : undefined;
  if (!through) return undefined;
  return {
    values,
    target: `\`${describeLiteralForMessage(statement.target, 20)}\` via \`${file.text(through)}\``,
  };
}

/** A bulk insert whose rows come from a patient read on another client or model. */
function bulkCopy(
  file: MigrationFile,
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  insert: Insert,
): BulkCopy | undefined {
  const targetChain = receiverChain(file, node);
  if (!targetChain) return undefined;
  const targetKey = clientKey(file, targetChain);
  for (const value of insert.values) {
    if (value.type === AST_NODE_TYPES.SpreadElement) continue;
    const found = readBehind(file, value);
    if (!found) continue;
    const { at, read, taint } = found;
    const sourceChain = receiverChain(file, at);
    if (!sourceChain) continue;
    const sourceKey = clientKey(file, sourceChain);
    // A copy inside one system is a staging table's business, not a migration.
    if (sameSystem(sourceKey, targetKey)) return undefined;
    const client = sourceKey.join('');
    const tables = [...new Set(read.tables)];
    const named = tablesForMessage(tables);
    return {
      node,
      routine: routineOf(file, node),
      data: file.describe(taint),
      target: insert.target,
      targetKey,
      sourceChain: sourceChain.map((s) => s.text),
      sourceKey,
      sourceTables: tables,
      source:
        tables.length === 1 && tables[0] === client
          ? named
          : `${named} in \`${describeLiteralForMessage(client, 16)}\``,
    };
  }
  return undefined;
}

/** The patient read a value's rows come from, along its taint or, failing that, its definitions. */
function readBehind(
  file: MigrationFile,
  value: TSESTree.Node,
): { at: TSESTree.Node; read: PatientRead; taint: Taint } | undefined {
  const provenance = file.model.provenance;
  const taint = provenance.trace(value);
  if (!taint) return undefined;
  for (const at of [taint.source, ...taint.steps]) {
    const read = provenance.patientRead(at);
    if (read) return { at, read, taint };
  }
  // A variable named after its content (`dossiers`) is a taint source itself: look behind it.
  let current: TSESTree.Node | undefined = unwrap(value);
  for (let depth = 0; current && depth < 8; depth++) {
    const read = provenance.patientRead(current);
    if (read) {
      const own = provenance.trace(current);
      return own ? { at: current, read, taint: own } : undefined;
    }
    if (current.type === AST_NODE_TYPES.Identifier) {
      const def: TSESLint.Scope.Definition | undefined = resolveVariable(
        file.scopeOf(current),
        current,
      )?.defs[0];
      current = def?.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
    } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = unwrap(current.argument);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = unwrap(current.object);
    } else if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.callee.type === AST_NODE_TYPES.MemberExpression
    ) {
      // `rows.map(toTarget)`, `docs.slice(0, n)`: the same records, reshaped.
      current = unwrap(current.callee.object);
    } else {
      current = undefined;
    }
  }
  return undefined;
}

/** A removal or scheduled purge of the copied source, not of the target. */
function purgesSource(file: MigrationFile, deletion: Deletion, copy: BulkCopy): boolean {
  if (deletion.helper) return true;
  if (!deletion.kinds.includes('table')) return false;
  const chain = receiverChain(file, deletion.node);
  const key = chain && clientKey(file, chain);
  if (key && sameSystem(key, copy.targetKey) && !sameSystem(key, copy.sourceKey)) return false;
  if (deletion.table !== undefined)
    return copy.sourceTables.some((t) => sameTable(t, deletion.table!));
  // `legacyRepo.clear()`: the very handle the rows were read from.
  return chain !== undefined && chain.map((s) => s.text).join('') === copy.sourceChain.join('');
}
