import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { SKIPPED_KEYS } from './ast';
import { onFileDone } from './file-lifetime';

/**
 * The nodes of a program that whole-file analyses look for, found by one walk per program and
 * shared: route discovery, schema discovery, served folders, global guards and module exports
 * each walked the whole tree on their own before (three to four walks per file on top of
 * ESLint's traversal, about a fifth of the plugin's time on a file with routes and SQL).
 *
 * The walk follows the parser's visitor keys (no token, comment, location or parent keys),
 * iteratively in source order, and is bounded so a pathological file cannot hang. Programs
 * parsed by the model itself (project files read for cross-file analysis) carry no `parent`
 * links; the walk adds them, so every consumer can rely on `node.parent`.
 */
export interface ProgramIndex {
  /** Calls, declarators, classes and object literals, in source order (pre-order). */
  readonly nodes: readonly IndexedNode[];
  readonly calls: readonly TSESTree.CallExpression[];
  readonly declarators: readonly TSESTree.VariableDeclarator[];
  readonly objects: readonly TSESTree.ObjectExpression[];
  /** The walk stopped at its node budget: the lists hold the file's first nodes only. */
  readonly truncated: boolean;
}

export type IndexedNode =
  | TSESTree.CallExpression
  | TSESTree.VariableDeclarator
  | TSESTree.ObjectExpression
  | TSESTree.ClassDeclaration
  | TSESTree.ClassExpression;

/** Nodes walked at most per program: far above any hand-written file (1 MB is about 250,000). */
export const MAX_INDEXED_NODES = 1_000_000;

const indexes = new WeakMap<TSESTree.Program, ProgramIndex>();
onFileDone((sourceCode) => indexes.delete(sourceCode.ast));

const keysOf = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;

function isNode(value: unknown): value is TSESTree.Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The index of a program, computed on first use and kept while the program is linted. */
export function programIndex(program: TSESTree.Program): ProgramIndex {
  const known = indexes.get(program);
  if (known) return known;
  const nodes: IndexedNode[] = [];
  const calls: TSESTree.CallExpression[] = [];
  const declarators: TSESTree.VariableDeclarator[] = [];
  const objects: TSESTree.ObjectExpression[] = [];
  // A stack with its own top: popping would let V8 shrink and regrow the array over and over.
  const stack: TSESTree.Node[] = [program];
  let top = 1;
  const children: TSESTree.Node[] = [];
  let budget = MAX_INDEXED_NODES;
  while (top > 0) {
    if (budget-- <= 0) break;
    const node = stack[--top]!;
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        calls.push(node);
        nodes.push(node);
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        declarators.push(node);
        nodes.push(node);
        break;
      case AST_NODE_TYPES.ObjectExpression:
        objects.push(node);
        nodes.push(node);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        nodes.push(node);
        break;
      default:
        break;
    }
    // Indexed loops: this runs once per node of the file, and iterators would allocate.
    const keys = keysOf[node.type] ?? Object.keys(node);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (SKIPPED_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let v = 0; v < value.length; v++) {
          const child: unknown = value[v];
          if (isNode(child)) children.push(child);
        }
      } else if (isNode(value)) children.push(value);
    }
    // Pushed in reverse so the first child is walked next: source order.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (child.parent === undefined) (child as { parent?: TSESTree.Node }).parent = node;
      stack[top++] = child;
    }
    children.length = 0;
  }
  const index: ProgramIndex = {
    nodes,
    calls,
    declarators,
    objects,
    truncated: top > 0,
  };
  indexes.set(program, index);
  return index;
}
