/**
 * Discriminated unions narrowed by a test on their tag (issue 19). Settled work is commonly
 * returned as `{ status: 'fulfilled', report }` or `{ status: 'rejected', reason }`; under
 * `if (res.status === 'rejected')` only the rejected variant can be there, so the report the other
 * variant carries does not reach a log in that branch.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { isFunctionNode, keyName, literalString, propertyName, unwrap } from './ast';

/** What the tests around a read say of one tag of the value: equal to a value, or not any of some. */
export interface TagConstraint {
  key: string;
  equals?: string;
  notEquals: Set<string>;
}

/** `name.key === 'value'` (either side, `==` too) as [key, value, equal?]. */
function tagTest(test: TSESTree.Node, name: string): [string, string, boolean] | undefined {
  const expr = unwrap(test);
  if (
    expr.type !== AST_NODE_TYPES.BinaryExpression ||
    !['===', '==', '!==', '!='].includes(expr.operator)
  )
    return undefined;
  const equal = expr.operator === '===' || expr.operator === '==';
  for (const [side, other] of [
    [expr.left, expr.right],
    [expr.right, expr.left],
  ] as const) {
    const member = unwrap(side);
    const value = literalString(other);
    if (
      value !== undefined &&
      member.type === AST_NODE_TYPES.MemberExpression &&
      unwrap(member.object).type === AST_NODE_TYPES.Identifier &&
      (unwrap(member.object) as TSESTree.Identifier).name === name
    ) {
      const key = propertyName(member);
      if (key !== undefined) return [key, value, equal];
    }
  }
  return undefined;
}

/**
 * The constraints the enclosing `if` and `switch` tests put on `read`'s tags, up to its function;
 * undefined when there are none.
 */
export function tagConstraints(read: TSESTree.Identifier): TagConstraint[] | undefined {
  const constraints = new Map<string, TagConstraint>();
  const add = (key: string, value: string, equal: boolean): void => {
    const constraint = constraints.get(key) ?? { key, notEquals: new Set<string>() };
    if (equal) constraint.equals ??= value;
    else constraint.notEquals.add(value);
    constraints.set(key, constraint);
  };
  let child: TSESTree.Node = read;
  for (
    let node: TSESTree.Node | undefined = read.parent;
    node && !isFunctionNode(node);
    child = node, node = node.parent
  ) {
    if (node.type === AST_NODE_TYPES.IfStatement && child !== node.test) {
      const test = tagTest(node.test, read.name);
      if (test) add(test[0], test[1], child === node.consequent ? test[2] : !test[2]);
    } else if (node.type === AST_NODE_TYPES.SwitchCase && node.test) {
      const owner = node.parent;
      const discriminant =
        owner?.type === AST_NODE_TYPES.SwitchStatement ? unwrap(owner.discriminant) : undefined;
      const value = literalString(node.test);
      if (
        discriminant?.type === AST_NODE_TYPES.MemberExpression &&
        unwrap(discriminant.object).type === AST_NODE_TYPES.Identifier &&
        (unwrap(discriminant.object) as TSESTree.Identifier).name === read.name &&
        value !== undefined &&
        node.consequent.includes(child as TSESTree.Statement)
      ) {
        const key = propertyName(discriminant);
        if (key !== undefined) add(key, value, true);
      }
    }
  }
  return constraints.size > 0 ? [...constraints.values()] : undefined;
}

/** The value of an object literal's tag, when it is written as a string literal. */
function tagOf(object: TSESTree.ObjectExpression, key: string): string | undefined {
  for (const property of object.properties)
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === key)
      return literalString(property.value);
  return undefined;
}

/** Whether an object literal is a variant the constraints rule out. */
export function ruledOut(
  object: TSESTree.ObjectExpression,
  constraints: readonly TagConstraint[],
): boolean {
  return constraints.some(({ key, equals, notEquals }) => {
    const tag = tagOf(object, key);
    return tag !== undefined && ((equals !== undefined && tag !== equals) || notEquals.has(tag));
  });
}

/**
 * The object literals of the path from a source that the constraints rule out: the first one
 * on the path, or undefined when the path goes through no excluded variant.
 */
export function excludedVariant(
  steps: readonly TSESTree.Node[],
  constraints: readonly TagConstraint[],
): TSESTree.ObjectExpression | undefined {
  for (const step of steps)
    if (step.type === AST_NODE_TYPES.ObjectExpression && ruledOut(step, constraints)) return step;
  return undefined;
}
