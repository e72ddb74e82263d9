/**
 * Which calls of a file delete staged data, and what: the project's configured deletion helpers
 * (`deletion.helpers`, matching anything), object deleters (S3, GCS `file(k).delete()`), path
 * deleters of the file system (recursive ones and `{ recursive }` remove a tree), tmp cleanups
 * (`setGracefulCleanup`, `removeCallback`, tmp-promise `cleanup`), table drops of query
 * builders, `DROP`/`TRUNCATE`/`DELETE` in SQL, and ORM removals of a model's rows.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import {
  calleeName,
  findProperty,
  memberChain,
  resolveVariable,
  staticString,
  unwrap,
} from '../ast';
import { GCS_OBJECT, OBJECT_DELETERS, PATH_DELETERS, RECORD_DELETES, TABLE_DROPS } from '../apis';
import { scanSql } from '../sql';
import { type CallLike, type MigrationFile, normalTable } from './file';
import type { Deletion } from './facts';
import { TMP, TMP_CLEANUPS } from './words';

/** Every deletion of staged data in the file: calls first, then SQL. */
export function deletionsIn(file: MigrationFile): Deletion[] {
  const result: Deletion[] = [];
  for (const call of file.calls) result.push(...deletionsOf(file, call));
  for (const use of file.sqlUses) result.push(...sqlDeletions(file, use.sql, use.node));
  return result;
}

/** The deletions a call or `new` makes. */
export function deletionsOf(file: MigrationFile, node: CallLike): Deletion[] {
  const name = calleeName(node.callee);
  if (!name) return [];
  const chain = memberChain(node.callee).join('.');
  const helpers = file.model.config.deletion.helpers;
  if (helpers.includes(name) || helpers.includes(chain)) {
    const first = node.arguments[0];
    return [
      {
        node,
        kinds: ['file', 'table', 'object'],
        target: first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined,
        recursive: true,
        helper: true,
      },
    ];
  }
  const objects = OBJECT_DELETERS.get(name);
  if (objects && objects.construct === (node.type === AST_NODE_TYPES.NewExpression)) {
    const key = objects.key;
    const target =
      key === undefined
        ? undefined
        : 'property' in key
          ? findProperty(node.arguments[key.params], key.property)?.value
          : node.arguments[key.argument];
    return [{ node, kinds: ['object'], target, recursive: objects.many, helper: false }];
  }
  if (node.type === AST_NODE_TYPES.NewExpression) return [];
  const args = node.arguments;
  const first = args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement ? args[0] : undefined;
  const deleter = PATH_DELETERS.get(name);
  if (deleter && first) {
    const recursive =
      deleter.recursive ||
      findProperty(args[1], 'recursive')?.value.type === AST_NODE_TYPES.Literal;
    return [{ node, kinds: ['file'], target: first, recursive, helper: false }];
  }
  if (name === TMP.removeAllAtExit)
    return [{ node, kinds: ['file'], recursive: true, helper: false, tmpGlobal: true }];
  if (TMP_CLEANUPS.has(name)) {
    const owner = ownerOf(file, node);
    return owner ? [{ node, kinds: ['file'], recursive: true, helper: false, owner }] : [];
  }
  if (
    name === GCS_OBJECT.delete &&
    args.length <= 1 &&
    node.callee.type === AST_NODE_TYPES.MemberExpression
  ) {
    // GCS `bucket.file(key).delete()`.
    const object = unwrap(node.callee.object);
    if (
      object.type === AST_NODE_TYPES.CallExpression &&
      calleeName(object.callee) === GCS_OBJECT.file
    )
      return [
        { node, kinds: ['object'], target: object.arguments[0], recursive: false, helper: false },
      ];
  }
  if (TABLE_DROPS.has(name) && first) {
    const table = staticString(first, file.scopeOf);
    return [
      {
        node,
        kinds: ['table'],
        table: table && table.holes === 0 ? normalTable(table.text) : undefined,
        recursive: false,
        helper: false,
      },
    ];
  }
  return [];
}

/** The tables SQL removes (`DROP TABLE`, `TRUNCATE`, `DELETE FROM`), as deletions at `at`. */
export function sqlDeletions(
  file: MigrationFile,
  sqlNode: TSESTree.Node,
  at: TSESTree.Node,
): Deletion[] {
  let statements = file.model.provenance.sqlOf(sqlNode)?.statements;
  if (!statements) {
    // `TRUNCATE staging` and `DROP TABLE staging` are too short for the model's SQL pre-check.
    const value = staticString(sqlNode, file.scopeOf);
    if (value && /^\s*(?:truncate|drop)\b/i.test(value.text)) statements = scanSql(value.text);
  }
  const result: Deletion[] = [];
  for (const statement of statements ?? []) {
    for (const removed of statement.removed)
      result.push({
        node: at,
        kinds: ['table'],
        table: removed.includes('__hole__') ? undefined : normalTable(removed),
        recursive: false,
        helper: false,
      });
  }
  return result;
}

/** The object a cleanup function belongs to: `tmpobj` in `tmpobj.removeCallback()`, or the destructured init. */
function ownerOf(file: MigrationFile, call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return callee.object;
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = resolveVariable(file.scopeOf(callee), callee)?.defs[0];
  if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern)
    return def.node.init ?? undefined;
  return undefined;
}

/** ORM removals of a model's rows: `source.patient.deleteMany()`, `OldPatient.destroy(…)`. */
export function ormDeletion(
  file: MigrationFile,
  call: TSESTree.CallExpression,
): Deletion | undefined {
  const name = calleeName(call.callee);
  const removal = name ? RECORD_DELETES.get(name) : undefined;
  if (!removal) return undefined;
  if (unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const first = call.arguments[0];
  const named = removal.tableFirst && first ? staticString(first, file.scopeOf)?.text : undefined;
  const table = named ?? file.model.provenance.modelInChain(call.callee);
  return { node: call, kinds: ['table'], table, recursive: false, helper: false };
}
