import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { enclosingFunction, memberChain, unwrap, walk } from './ast';

/**
 * Strong updates in straight-line code (issue 19): a read that an earlier statement of the same
 * block has just overwritten sees that write and nothing older.
 *
 *     detail = '?';               // `detail` held a patient's name before
 *     console.warn(detail);       // logs '?'
 *
 * Only a plain `=` written as a statement of a block that holds the read, in the same function,
 * with no other write of the target between it and the end of the statement holding the read
 * (so a loop that writes the data back later is not cut), decides.
 */

type Statements = readonly TSESTree.Node[];

/** The statement list that `node` is a direct member of, with its index there. */
function placeInList(node: TSESTree.Node): { list: Statements; index: number } | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  let list: Statements | undefined;
  if (
    parent.type === AST_NODE_TYPES.BlockStatement ||
    parent.type === AST_NODE_TYPES.Program ||
    parent.type === AST_NODE_TYPES.StaticBlock
  )
    list = parent.body;
  else if (parent.type === AST_NODE_TYPES.SwitchCase) list = parent.consequent;
  if (!list) return undefined;
  const index = list.indexOf(node);
  return index < 0 ? undefined : { list, index };
}

/** The statements enclosing `read`, innermost first, each with the list it belongs to. */
function enclosingStatements(
  read: TSESTree.Node,
): { statement: TSESTree.Node; list: Statements; index: number }[] {
  const found: { statement: TSESTree.Node; list: Statements; index: number }[] = [];
  const fn = enclosingFunction(read);
  for (
    let current: TSESTree.Node | undefined = read;
    current && current !== fn;
    current = current.parent
  ) {
    const place = placeInList(current);
    if (place) found.push({ statement: current, ...place });
  }
  return found;
}

/** `target = value;` as a whole statement: its assignment. */
function assignmentStatement(statement: TSESTree.Node): TSESTree.AssignmentExpression | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expr = statement.expression;
  return expr.type === AST_NODE_TYPES.AssignmentExpression && expr.operator === '='
    ? expr
    : undefined;
}

/**
 * The value an identifier holds at `read` when an earlier statement of a block around it
 * assigned it, per the rules above; undefined when no such write decides.
 */
export function dominatingWrite(
  read: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
): TSESTree.Expression | undefined {
  const fn = enclosingFunction(read);
  const writes = variable.references.filter((ref) => ref.writeExpr && ref.identifier !== read);
  if (writes.length === 0) return undefined;
  // A write from another function (a closure) could run anywhere in between.
  if (writes.some((ref) => enclosingFunction(ref.identifier) !== fn)) return undefined;
  for (const { statement, list, index } of enclosingStatements(read)) {
    for (let i = index - 1; i >= 0; i--) {
      const assignment = assignmentStatement(list[i]!);
      if (
        !assignment ||
        assignment.left.type !== AST_NODE_TYPES.Identifier ||
        assignment.left.name !== read.name ||
        !writes.some((ref) => ref.identifier === assignment.left)
      )
        continue;
      const from = assignment.range[1];
      const to = statement.range[1];
      const between = (ref: TSESLint.Scope.Reference): boolean =>
        ref.identifier !== assignment.left &&
        ref.identifier !== read &&
        ref.identifier.range[0] >= from &&
        ref.identifier.range[0] < to;
      // Written again, or filled in place: `list = []; list.push(patient)`, `fill(list)`.
      const changed = variable.references.some(
        (ref) => between(ref) && (ref.writeExpr !== null || handedOn(ref.identifier)),
      );
      return changed ? undefined : assignment.right;
    }
  }
  return undefined;
}

/** Whether a use may change what a variable holds: `list.push(…)`, `row.name = …`, `fill(list)`. */
function handedOn(use: TSESTree.Node): boolean {
  const parent = use.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) return true;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression ||
      parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(use as TSESTree.Expression)
  );
}

/** The identifiers a member expression is made of: `chars[i]` → chars, i. */
function identifiersOf(member: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  walk(member, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) names.add(node.name);
  });
  return names;
}

/** Whether anything in `nodes` may change what `text` (made of `names`) denotes. */
function mayChange(
  nodes: readonly TSESTree.Node[],
  names: ReadonlySet<string>,
  root: string | undefined,
  textOf: (node: TSESTree.Node) => string,
  text: string,
): boolean {
  let changed = false;
  for (const node of nodes)
    walk(node, (inner) => {
      if (changed) return false;
      let target: TSESTree.Node | undefined;
      if (inner.type === AST_NODE_TYPES.AssignmentExpression) target = inner.left;
      else if (inner.type === AST_NODE_TYPES.UpdateExpression) target = inner.argument;
      if (target) {
        const base = unwrap(target);
        const head = base.type === AST_NODE_TYPES.Identifier ? base.name : memberChain(base)[0];
        if ((head !== undefined && names.has(head)) || textOf(target) === text) changed = true;
      }
      // `fill(chars)`: a call handed the object may change its elements; `ops.push(…)` adds.
      if (
        inner.type === AST_NODE_TYPES.CallExpression &&
        (inner.arguments.some(
          (arg) => arg.type === AST_NODE_TYPES.Identifier && arg.name === root,
        ) ||
          (inner.callee.type === AST_NODE_TYPES.MemberExpression &&
            textOf(inner.callee.object).startsWith(text)))
      )
        changed = true;
      return changed ? false : undefined;
    });
  return changed;
}

/**
 * The same for an element or property: `chars[i] = '?'; log(chars[i])`. Decides only when the
 * statements between change neither the object, nor the key, nor the element.
 */
export function dominatingMemberWrite(
  read: TSESTree.MemberExpression,
  textOf: (node: TSESTree.Node) => string,
): TSESTree.Expression | undefined {
  const text = textOf(read);
  const names = identifiersOf(read);
  const root = memberChain(read)[0];
  for (const { statement, list, index } of enclosingStatements(read)) {
    for (let i = index - 1; i >= 0; i--) {
      const assignment = assignmentStatement(list[i]!);
      if (!assignment || assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
      if (textOf(assignment.left) !== text) continue;
      const between = [...list.slice(i + 1, index), statement];
      return mayChange(between, names, root, textOf, text) ? undefined : assignment.right;
    }
  }
  return undefined;
}
