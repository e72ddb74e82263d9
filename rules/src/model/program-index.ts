import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { forEachChild } from './ast';
import { onFileDone } from './file-lifetime';

/**
 * The nodes of a program that whole-file analyses look for, found by one walk per program and
 * shared: route discovery, schema discovery, served folders, global guards and module exports
 * each walked the whole tree on their own before (three to four walks per file on top of
 * ESLint's traversal, about a fifth of the plugin's time on a file with routes and SQL).
 *
 * The walk follows the parser's visitor keys (`forEachChild`), iteratively in source order, and
 * is bounded so a pathological file cannot hang. Programs the model parses itself get their
 * `parent` links when parsed (`linkParents`), so every consumer can rely on `node.parent`.
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
  const pushChild = (child: TSESTree.Node) => {
    children.push(child);
  };
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
    forEachChild(node, pushChild);
    // Pushed in reverse so the first child is walked next: source order.
    for (let i = children.length - 1; i >= 0; i--) stack[top++] = children[i]!;
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

/**
 * The initialiser of the first variable declared under a name (`const upload = multer(…)`), or
 * only of one declared at module level with `topLevel`. Names are matched syntactically: a
 * shadowing declaration in an inner scope can answer first, as in every syntactic reading of the
 * model's parsed modules.
 */
export function initialiserOf(
  program: TSESTree.Program,
  name: string,
  topLevel = false,
): TSESTree.Expression | undefined {
  for (const declarator of programIndex(program).declarators) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name) continue;
    if (topLevel && declarator.parent?.parent?.type !== AST_NODE_TYPES.Program) continue;
    return declarator.init ?? undefined;
  }
  return undefined;
}
