/**
 * Patient data a handler accepts and keeps: the patient fields of the request input
 * (`request-input.ts`: `req.body`, `@Body() dto`, `await request.json()`, a server action's
 * `formData`) passed to a record write — an ORM or builder write (`create`, `save`, `insert(…)
 * .values(…)`, catalogue `RECORD_WRITES`) or SQL that inserts or updates rows. Whatever the table,
 * an unauthenticated route that stores a diagnosis anyone sends is in scope. Answering with what
 * the client sent keeps nothing (the client has it), and a login's or a staff record's own
 * fields are no patient fields.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { type FunctionNode, HOLE, propertyName, safe, unwrap, walk } from '../ast';
import { RECORD_WRITES, SQL_RUNNER_METHODS } from '../apis';
import { type CarriedInput, carriedRequestInput } from '../request-input';
import { looksLikeSql, scanSql } from '../sql';
import type { EndpointFile } from './file';

/** A patient field of the request input that the handler writes, and the line of the write. */
export interface StoredInput {
  kind: 'input';
  /** The field as the client names it (`diagnosis`), or the first patient field of the input. */
  field: string;
  line: number;
}

/** The first write in a handler that stores a patient field of the request input. */
export function storedRequestInput(fn: FunctionNode, f: EndpointFile): StoredInput | undefined {
  let found: StoredInput | undefined;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || !writesRecords(node, f)) return undefined;
    const carried = carriedIn(outermostCall(node), fn, f);
    if (carried.length > 0)
      found = { kind: 'input', field: fieldName(carried), line: node.loc.start.line };
    return undefined;
  });
  return found;
}

/** A record write: `Intake.create(…)`, `db.insert(t).values(…)`, `pool.query('INSERT …')`. */
function writesRecords(call: TSESTree.CallExpression, f: EndpointFile): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  if (!method) return false;
  if (RECORD_WRITES.has(method)) return true;
  if (!SQL_RUNNER_METHODS.has(method) || !call.arguments[0]) return false;
  const first = call.arguments[0];
  const provenance = f.model?.provenance;
  const statements = provenance
    ? safe(() => provenance.sqlOf(first))?.statements
    : literalSql(first);
  return (statements ?? []).some((s) => s.kind === 'insert' || s.kind === 'update');
}

function literalSql(node: TSESTree.Node): ReturnType<typeof scanSql> | undefined {
  const expr = unwrap(node);
  const text =
    expr.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string'
      ? expr.value
      : expr.type === AST_NODE_TYPES.TemplateLiteral
        ? expr.quasis.map((q) => q.value.cooked ?? q.value.raw).join(HOLE)
        : undefined;
  if (text === undefined || !looksLikeSql(text)) return undefined;
  return safe(() => scanSql(text));
}

/** The whole chained call a write belongs to: `db.insert(t)` in `db.insert(t).values(row)`. */
function outermostCall(call: TSESTree.CallExpression): TSESTree.Node {
  let current: TSESTree.Node = call;
  for (let guard = 0; guard < 8; guard++) {
    const member: TSESTree.Node | undefined = current.parent;
    const outer: TSESTree.Node | undefined = member?.parent;
    if (
      member?.type !== AST_NODE_TYPES.MemberExpression ||
      member.object !== current ||
      outer?.type !== AST_NODE_TYPES.CallExpression ||
      outer.callee !== member
    )
      break;
    current = outer;
  }
  return current;
}

/** The patient fields of the request input a call's receiver or arguments carry. */
function carriedIn(root: TSESTree.Node, fn: FunctionNode, f: EndpointFile): CarriedInput[] {
  const carried: CarriedInput[] = [];
  walk(root, (node) => {
    const parent = node.parent;
    // Names of properties and members are not values: `{ dob: x }`, `row.dob`.
    if (node.type === AST_NODE_TYPES.Identifier && parent) {
      if (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.shorthand)
        return undefined;
      if (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.property === node &&
        !parent.computed
      )
        return undefined;
    }
    const input = carriedRequestInput(node, fn, f.classifier);
    if (!input) return undefined;
    carried.push(input);
    return false;
  });
  return carried;
}

/** The field a message names: a strong one of those written, else the first written. */
function fieldName(carried: readonly CarriedInput[]): string {
  const fields = carried.map(
    (c) => c.field ?? c.fields.find((f) => f.tier === 'strong') ?? c.fields[0]!,
  );
  return (fields.find((f) => f.tier === 'strong') ?? fields[0]!).name;
}
