/**
 * Database field writes: the record fields a database write stores and the value stored in each
 * — keys of the objects an ORM call creates or updates (`Patient.create({ nir })`, Mongo
 * `updateOne(filter, { $set: { nir } })`, the catalogue's `RECORD_WRITES`) and the columns an
 * INSERT or UPDATE assigns with the parameter or template hole that fills them — and whether a
 * stored value is encrypted at field level (it passed an encryption helper, it is the result of
 * an encryption call, or the SQL encrypts it in the database).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { calleeName, constantInit, keyName, resolveVariable, unwrap } from './ast';
import type { HealthModel } from './index';
import type { Classification, Classifier } from './classifier';
import { RECORD_VALUE_KEYS, RECORD_WRITES } from './apis';
import { ENCRYPT_WORDS } from './provenance';
import { tokenize } from './tokens';
import { objectArgument } from './storage-writes';
import { assignedColumns, placeholdersIn, valueFor } from './sql-assignments';

/** A field (an ORM key or an SQL column) a database write stores. */
export interface FieldWrite {
  field: string;
  /** The stored value, or the query when the value's expression cannot be located. */
  value: TSESTree.Node;
  /** Where the write of this field is: the property, the value or the query. */
  at: TSESTree.Node;
  /** How the write is named: `create`, `query`. */
  sink: string;
  /** The value's own expression was found, so replacing it changes what is stored. */
  located: boolean;
}

/** Fields an ORM write stores: the keys of the objects it creates or updates, with their values. */
export function ormFieldWrites(model: HealthModel, call: TSESTree.CallExpression): FieldWrite[] {
  const callee = unwrap(call.callee);
  const name = calleeName(callee);
  const write = name ? RECORD_WRITES.get(name) : undefined;
  if (!name || !write || callee.type !== AST_NODE_TYPES.MemberExpression) return [];
  if (!model.provenance.modelInChain(callee.object)) return [];
  const objects: TSESTree.ObjectExpression[] = [];
  const collect = (node: TSESTree.Node | undefined, depth: number) => {
    const expr = node && unwrap(node);
    if (!expr || depth > 2) return;
    if (expr.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of expr.elements) if (element) collect(element, depth + 1);
      return;
    }
    const found = objectArgument(model.provenance.scopeOf, expr);
    if (!found) return;
    objects.push(found.object);
    for (const property of found.object.properties) {
      if (
        property.type === AST_NODE_TYPES.Property &&
        RECORD_VALUE_KEYS.has(keyName(property) ?? '')
      )
        collect(property.value, depth + 1);
    }
  };
  // updateOne(filter, update): the filter only matches, the update writes.
  const written =
    (write.filterFirst && call.arguments.length > 1) || write.tableFirst
      ? call.arguments.slice(1)
      : call.arguments;
  for (const arg of written) collect(arg, 0);
  const fields: FieldWrite[] = [];
  for (const object of objects) {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = keyName(property);
      if (!key || RECORD_VALUE_KEYS.has(key) || key === 'where') continue;
      fields.push({ field: key, value: property.value, at: property, sink: name, located: true });
    }
  }
  return fields;
}

/**
 * Columns an INSERT or UPDATE query call stores, with the parameter or template hole that fills
 * each; a column the SQL fills itself (a literal, NULL, `pgp_sym_encrypt($1, key)`) is left out.
 */
export function sqlFieldWrites(model: HealthModel, call: TSESTree.CallExpression): FieldWrite[] {
  const found = sqlArgument(model, call);
  if (!found) return [];
  const { sqlNode, sql, index } = found;
  const params = call.arguments[index + 1] && arrayOf(model, call.arguments[index + 1]!);
  const template = unwrap(sqlNode);
  // Template holes map to expressions only when no hole was filled by a constant.
  const holes =
    template.type === AST_NODE_TYPES.TemplateLiteral &&
    template.expressions.length === sql.value.holes
      ? template.expressions
      : undefined;
  const sink = calleeName(call.callee) ?? 'query';
  const fields: FieldWrite[] = [];
  for (const statement of sql.statements) {
    if (statement.kind !== 'insert' && statement.kind !== 'update') continue;
    const offsets = placeholdersIn(sql.value.text.slice(0, statement.start));
    const text = sql.value.text.slice(statement.start, statement.end);
    for (const assigned of assignedColumns(statement.kind, text, statement.targetColumns)) {
      const value = valueFor(assigned, offsets, params, holes);
      if (value === null) continue;
      fields.push({
        field: assigned.column,
        value: value ?? sqlNode,
        at: value ?? sqlNode,
        sink,
        located: value !== undefined,
      });
    }
  }
  return fields;
}

/**
 * The SQL text a query call runs: its first argument, or its second after a connection
 * (msnodesqlv8 and mssql wrappers `sql.query(connection, 'INSERT …', params, callback)`).
 */
function sqlArgument(
  model: HealthModel,
  call: TSESTree.CallExpression,
):
  | {
      sqlNode: TSESTree.Expression;
      sql: NonNullable<ReturnType<HealthModel['provenance']['sqlOf']>>;
      index: number;
    }
  | undefined {
  for (const index of [0, 1]) {
    const node = call.arguments[index];
    if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const sql = model.provenance.sqlOf(node);
    if (sql) return { sqlNode: node, sql, index };
    // Only a connection comes before the SQL text: a literal first argument that is no SQL ends it.
    if (unwrap(node).type !== AST_NODE_TYPES.Identifier) return undefined;
  }
  return undefined;
}

/** A special-category field (national identifier, strong health term) named by a column or key. */
export function specialCategoryField(
  classifier: Classifier,
  name: string,
): Classification | undefined {
  const cls = classifier.classify(name, { inContainer: true });
  if (!cls || cls.role !== 'data') return undefined;
  if (cls.category === 'nationalId' || (cls.category === 'health' && cls.tier === 'strong'))
    return cls;
  return undefined;
}

/** Whether a stored value is data kept in clear: not empty, not a literal object, not encrypted. */
export function storedInClear(model: HealthModel, value: TSESTree.Node): boolean {
  return isStoredValue(value) && !isEncryptedValue(model, value);
}

/**
 * Whether a value is encrypted: it passed an encryption sanitiser, or it is the result of a call
 * to a configured encryption helper or of a function whose name says it encrypts.
 */
export function isEncryptedValue(model: HealthModel, node: TSESTree.Node): boolean {
  const trace = model.provenance.trace(node);
  if (trace) return trace.sanitizers.includes('encrypt');
  let expr = unwrap(node);
  while (expr.type === AST_NODE_TYPES.AwaitExpression) expr = unwrap(expr.argument);
  if (expr.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(expr.callee);
  if (!name) return false;
  const config = model.config.encryption;
  if (config.helpers.includes(name) || config.fix?.name === name) return true;
  return tokenize(name).some((word) => ENCRYPT_WORDS.has(word));
}

function isStoredValue(node: TSESTree.Node): boolean {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Literal)
    return typeof expr.value === 'string' && expr.value !== '';
  if (expr.type === AST_NODE_TYPES.Identifier && expr.name === 'undefined') return false;
  return (
    expr.type !== AST_NODE_TYPES.ObjectExpression && expr.type !== AST_NODE_TYPES.ArrayExpression
  );
}

/** The elements of an array literal, directly or through a constant. */
function arrayOf(
  model: HealthModel,
  node: TSESTree.Node,
): readonly (TSESTree.Node | null)[] | undefined {
  let expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(model.provenance.scopeOf(expr), expr);
    const init = variable && constantInit(variable);
    if (init) expr = unwrap(init);
  }
  return expr.type === AST_NODE_TYPES.ArrayExpression ? expr.elements : undefined;
}
