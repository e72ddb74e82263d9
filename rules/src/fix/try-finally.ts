/**
 * The fix kit's try/finally: wrap the rest of a block, from the statement holding a node to the
 * block's end, in `try { … } finally { <statement> }` — so that cleanup (deleting a file,
 * releasing a resource) runs whatever happens. The wrap is refused where it would change what
 * the code means or break it: declarations the rest of the function needs, names the finally
 * statement reads being declared inside the try, a `return` in an async function handing back a
 * promise the finally would not wait for, or code that does not start on its own line. Comments
 * before the block's closing brace stay inside the try; template literal lines keep their text.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../model/ast';
import { AST_NODE_TYPES } from '../model/node-types';
import { enclosingFunction, isFunctionNode, resolveVariable, unwrap, walk } from '../model/ast';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface TryFinallyRequest {
  /** A node in the first statement to wrap. */
  from: TSESTree.Node;
  /** The function whose own block (not a nested function's) holds that statement. */
  fn: FunctionNode;
  /** The statement the `finally` block runs. */
  finalizer: string;
  /** Expressions the finalizer reads: none of their names may be declared in the wrapped part. */
  finalizerReads?: readonly TSESTree.Node[];
  /** Whether the work started by the first wrapped statement is done when it ends. */
  accept?: (first: TSESTree.Node) => boolean;
  /** Fixes that must come with the wrap (an import the finalizer needs); undefined cancels it. */
  along?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | undefined;
}

/** The fix wrapping the rest of the block in try/finally, or undefined when that is not safe. */
export function tryFinallyFix(
  sourceCode: SourceCode,
  request: TryFinallyRequest,
): TSESLint.ReportFixFunction | undefined {
  const { fn } = request;
  const found = statementInOwnBlock(request.from, fn);
  if (!found) return undefined;
  const { statement, block } = found;
  const index = block.body.indexOf(statement as TSESTree.Statement);
  if (index < 0) return undefined;
  const wrapped = block.body.slice(index);
  if (request.accept && !request.accept(statement)) return undefined;
  if (fn.async && wrapped.some(returnsPending)) return undefined;
  if (
    wrapped.some(
      (s) =>
        s.type === AST_NODE_TYPES.FunctionDeclaration ||
        s.type === AST_NODE_TYPES.ClassDeclaration ||
        s.type.startsWith('TS'),
    )
  )
    return undefined;
  const first = wrapped[0]!;
  const start = first.range[0];
  const end = wrapped[wrapped.length - 1]!.range[1];
  // Names declared in the wrapped part must not be used after it, nor by the finalizer.
  for (const s of wrapped) {
    if (s.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const variable of sourceCode.getDeclaredVariables(s)) {
      if (
        variable.references.some(
          (r) => r.identifier.range[0] > block.range[1] || r.identifier.range[0] < start,
        )
      )
        return undefined;
    }
  }
  for (const node of request.finalizerReads ?? []) {
    for (const id of identifiersIn(node)) {
      const def = resolveVariable(sourceCode.getScope(id), id)?.defs[0];
      if (def && def.name.range[0] >= start && def.name.range[0] <= end) return undefined;
    }
  }
  const indent = sourceCode.lines[first.loc.start.line - 1]!.slice(0, first.loc.start.column);
  const lineStart = start - indent.length;
  if (indent.trim() !== '') return undefined;
  // Keep comments between the last statement and the block's closing brace inside the try.
  const closing = block.range[1] - 1;
  const tail = sourceCode.text.slice(end, closing);
  const tailEnd = end + tail.trimEnd().length;
  const body = reindent(sourceCode, lineStart, tailEnd);
  const replacement = `${indent}try {\n${body}\n${indent}} finally {\n${indent}  ${request.finalizer}\n${indent}}`;
  return (fixer) => {
    const along = request.along ? request.along(fixer) : [];
    if (!along) return null;
    return [...along, fixer.replaceTextRange([lineStart, tailEnd], replacement)];
  };
}

/** The statement holding `node` in a block of `fn` itself, innermost first. */
function statementInOwnBlock(
  node: TSESTree.Node,
  fn: FunctionNode,
): { statement: TSESTree.Node; block: TSESTree.BlockStatement } | undefined {
  for (let child: TSESTree.Node = node; child.parent; child = child.parent) {
    const parent = child.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement && enclosingFunction(parent) === fn)
      return { statement: child, block: parent };
    if (parent === fn) break;
  }
  return undefined;
}

/** A `return` (outside nested functions) of a call or a choice of values: possibly a pending promise. */
export function returnsPending(statement: TSESTree.Node): boolean {
  let pending = false;
  walk(statement, (node) => {
    if (pending || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const value = unwrap(node.argument);
      if (
        value.type === AST_NODE_TYPES.CallExpression ||
        value.type === AST_NODE_TYPES.NewExpression ||
        value.type === AST_NODE_TYPES.ConditionalExpression ||
        value.type === AST_NODE_TYPES.LogicalExpression
      )
        pending = true;
    }
    return undefined;
  });
  return pending;
}

/** The identifiers an expression reads (not the property names of its member accesses). */
function identifiersIn(node: TSESTree.Node): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  walk(node, (n) => {
    if (n.type !== AST_NODE_TYPES.Identifier) return undefined;
    const parent = n.parent;
    if (
      parent?.type !== AST_NODE_TYPES.MemberExpression ||
      parent.property !== n ||
      parent.computed
    )
      found.push(n);
    return false;
  });
  return found;
}

/** Indents every line of a range by two spaces, except lines that start inside a template literal. */
function reindent(sourceCode: SourceCode, start: number, end: number): string {
  const templates = (sourceCode.ast.tokens ?? [])
    .filter((t) => t.type === 'Template' && t.range[1] > start && t.range[0] < end)
    .map((t) => t.range);
  const raw = sourceCode.text.slice(start, end);
  let offset = start;
  return raw
    .split('\n')
    .map((line) => {
      const lineOffset = offset;
      offset += line.length + 1;
      const insideTemplate = templates.some(([a, b]) => a < lineOffset && lineOffset < b);
      return insideTemplate || line.trim() === '' ? line : `  ${line}`;
    })
    .join('\n');
}
