/**
 * The fix kit's statement removal: find the statement that is nothing but one call or assignment
 * (`localStorage.setItem('p', patient);`) when removing it keeps the code valid and drops no
 * comment, and remove it with its line when nothing else shares the line.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The statement that is nothing but the call or assignment a value is written by, if removable. */
export function removableStatement(
  sourceCode: SourceCode,
  value: TSESTree.Node,
): TSESTree.ExpressionStatement | undefined {
  let node: TSESTree.Node | undefined = value.parent;
  while (
    node &&
    (node.type === AST_NODE_TYPES.CallExpression ||
      node.type === AST_NODE_TYPES.AssignmentExpression ||
      node.type === AST_NODE_TYPES.AwaitExpression ||
      node.type === AST_NODE_TYPES.ChainExpression)
  ) {
    if (node.parent?.type === AST_NODE_TYPES.ExpressionStatement) {
      const statement = node.parent;
      const holder = statement.parent;
      const inList =
        holder?.type === AST_NODE_TYPES.BlockStatement ||
        holder?.type === AST_NODE_TYPES.Program ||
        holder?.type === AST_NODE_TYPES.StaticBlock ||
        holder?.type === AST_NODE_TYPES.SwitchCase;
      return inList && sourceCode.getCommentsInside(statement).length === 0 ? statement : undefined;
    }
    node = node.parent;
  }
  return undefined;
}

/** Removes a statement, with its line when nothing else shares the line (no blank line is left). */
export function removeStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  statement: TSESTree.Node,
): TSESLint.RuleFix {
  const before = sourceCode.text.slice(0, statement.range[0]);
  const lineStart = before.lastIndexOf('\n') + 1;
  const after = sourceCode.text.slice(statement.range[1]);
  const lineEnd = after.search(/\n|$/);
  const alone =
    /^[ \t]*$/.test(before.slice(lineStart)) && /^[ \t]*$/.test(after.slice(0, lineEnd));
  if (!alone) return fixer.removeRange(statement.range);
  return fixer.removeRange([
    lineStart,
    statement.range[1] + lineEnd + (after[lineEnd] === '\n' ? 1 : 0),
  ]);
}
