/**
 * Whether a staging is deleted, and on which paths: a deletion matches a staging when it removes
 * the same kind of place by the same path, key or table — spelled the same, through a constant,
 * or as a folder, prefix or tmp object the path is built from when the deletion is recursive —
 * with a helper's parameters bound to its caller's arguments. The verdict says whether the
 * routine deletes the staging whatever happens, only when the transfer succeeds, or never.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { memberChain, resolveVariable, staticString, unwrap } from '../ast';
import { type MigrationFile, normalTable } from './file';
import type { Deletion, Staging } from './facts';
import {
  alwaysRuns,
  inCatch,
  isCallbackAt,
  reachable,
  type Routine,
  substituted,
} from './routines';
import { TMP } from './words';

/** The ways an expression's value is spelled: its text, its constant's initialiser, its static string. */
export function keysOf(file: MigrationFile, node: TSESTree.Node, depth = 0): Set<string> {
  const cached = file.memo.keys.get(node);
  if (cached) return cached;
  const keys = new Set<string>();
  const expr = unwrap(node);
  keys.add(file.sourceCode.getText(expr).replace(/\s+/g, ''));
  const value = staticString(expr, file.scopeOf);
  if (value && value.holes === 0) keys.add(`\u0000${value.text}`);
  if (expr.type === AST_NODE_TYPES.AwaitExpression && depth < 6)
    for (const k of keysOf(file, expr.argument, depth + 1)) keys.add(k);
  if (expr.type === AST_NODE_TYPES.Identifier && depth < 6) {
    const def = resolveVariable(file.scopeOf(expr), expr)?.defs[0];
    if (
      def?.type === 'Variable' &&
      def.node.id.type === AST_NODE_TYPES.Identifier &&
      def.node.init &&
      def.parent?.kind === 'const'
    )
      for (const k of keysOf(file, def.node.init, depth + 1)) keys.add(k);
  }
  file.memo.keys.set(node, keys);
  return keys;
}

/** Everything a path is built from (folders, tmp objects): what a recursive deletion may remove it by. */
export function rootsOf(
  file: MigrationFile,
  node: TSESTree.Node,
  out = new Set<string>(),
  depth = 0,
): Set<string> {
  if (depth > 8) return out;
  const expr = unwrap(node);
  for (const k of keysOf(file, expr)) out.add(k);
  switch (expr.type) {
    case AST_NODE_TYPES.Identifier: {
      const def = resolveVariable(file.scopeOf(expr), expr)?.defs[0];
      if (def?.type === 'Variable' && def.node.init) {
        if (def.node.id.type !== AST_NODE_TYPES.Identifier)
          for (const k of keysOf(file, def.node.init)) out.add(k);
        rootsOf(file, def.node.init, out, depth + 1);
      }
      break;
    }
    case AST_NODE_TYPES.MemberExpression:
      rootsOf(file, expr.object, out, depth + 1);
      break;
    case AST_NODE_TYPES.AwaitExpression:
      rootsOf(file, expr.argument, out, depth + 1);
      break;
    case AST_NODE_TYPES.TemplateLiteral:
      for (const e of expr.expressions) rootsOf(file, e, out, depth + 1);
      break;
    case AST_NODE_TYPES.BinaryExpression:
      rootsOf(file, expr.left, out, depth + 1);
      rootsOf(file, expr.right, out, depth + 1);
      break;
    case AST_NODE_TYPES.CallExpression:
      for (const arg of expr.arguments) rootsOf(file, arg, out, depth + 1);
      break;
    default:
      break;
  }
  return out;
}

/** Whether a path is made by the tmp library (`tmp.fileSync().name`, a name built from one). */
export function madeByTmp(file: MigrationFile, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 8) return false;
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.CallExpression) {
    const chain = memberChain(expr.callee);
    const name = chain[chain.length - 1] ?? '';
    if (chain[0] === TMP.module || TMP.creators.has(name)) return true;
    return expr.arguments.some((a) => madeByTmp(file, a, depth + 1));
  }
  if (expr.type === AST_NODE_TYPES.MemberExpression) return madeByTmp(file, expr.object, depth + 1);
  if (expr.type === AST_NODE_TYPES.AwaitExpression)
    return madeByTmp(file, expr.argument, depth + 1);
  if (expr.type === AST_NODE_TYPES.TemplateLiteral)
    return expr.expressions.some((e) => madeByTmp(file, e, depth + 1));
  if (expr.type === AST_NODE_TYPES.Identifier) {
    const def = resolveVariable(file.scopeOf(expr), expr)?.defs[0];
    return def?.type === 'Variable' && def.node.init
      ? madeByTmp(file, def.node.init, depth + 1)
      : false;
  }
  return false;
}

/** Whether a deletion removes a staging, with a helper's parameters bound by `substitute`. */
export function matches(
  file: MigrationFile,
  deletion: Deletion,
  staging: Staging,
  substitute: ReadonlyMap<string, TSESTree.Node>,
): boolean {
  if (!deletion.kinds.includes(staging.kind)) return false;
  if (staging.kind === 'table') {
    return deletion.table === undefined || staging.table === undefined
      ? deletion.target === undefined || deletion.helper
      : deletion.table === staging.table;
  }
  if (deletion.tmpGlobal) return staging.target !== undefined && madeByTmp(file, staging.target);
  const target = staging.target;
  if (!target) return deletion.target === undefined && deletion.owner === undefined;
  if (deletion.owner) return intersects(keysOf(file, deletion.owner), rootsOf(file, target));
  if (!deletion.target) return true;
  const deleted = substituted(deletion.target, substitute);
  const deletedKeys = keysOf(file, deleted);
  if (intersects(deletedKeys, keysOf(file, target))) return true;
  return deletion.recursive && intersects(deletedKeys, rootsOf(file, target));
}

export type Verdict = 'deleted' | 'successOnly' | 'missing';

/** Whether a routine deletes a staging whatever happens, only on success, or never. */
export function verdict(
  file: MigrationFile,
  staging: Staging,
  routine: Routine,
  deletions: readonly Deletion[],
): Verdict {
  if (staging.expires) return 'deleted';
  const reaches = reachable(file, routine, deletions).filter(
    ({ item: deletion, at, substitute }) =>
      matches(file, deletion, staging, substitute) &&
      (deletion.helper ||
        at === staging.node ||
        at.range[0] >= staging.node.range[1] ||
        isCallbackAt(at, routine) ||
        deletion.owner !== undefined),
  );
  for (const deletion of deletions)
    if (deletion.tmpGlobal && matches(file, deletion, staging, new Map())) return 'deleted';
  if (!reaches.length) return 'missing';
  if (reaches.some(({ at }) => alwaysRuns(at, routine, staging.node))) return 'deleted';
  const caught = reaches.filter(({ at }) => inCatch(at, routine));
  if (caught.length && caught.length < reaches.length) return 'deleted';
  return 'successOnly';
}

/** Whether a routine that copies patient tables into a new system removes or schedules the purge of the source. */
export function sourcePurged(
  file: MigrationFile,
  staging: Staging,
  routine: Routine,
  deletions: readonly Deletion[],
): boolean {
  const tables = staging.source?.tables ?? [];
  return reachable(file, routine, deletions).some(
    ({ item: deletion }) =>
      deletion.helper ||
      (deletion.kinds.includes('table') &&
        (deletion.table === undefined || tables.some((t) => normalTable(t) === deletion.table))),
  );
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}
