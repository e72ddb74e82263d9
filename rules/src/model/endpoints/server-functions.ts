/**
 * Server functions (Next.js server actions, React Server Functions): functions a framework
 * exposes as endpoints by a directive (`'use server'`, catalogue: `serverFunctions` of the
 * frameworks). Any client that knows a function's id can call it with a POST, whatever page
 * imports it, so each one must check the session itself; one that touches patient data
 * (reads or writes patient tables or models, itself or through the functions it calls) with no
 * session check first is exposed.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { type FunctionNode, isFunctionNode, returnedExpressions, unwrap, walk } from '../ast';
import { SERVER_FUNCTION_DIRECTIVES } from '../frameworks';
import type { EndpointFile } from './file';
import { type HandlerEvidence, handlerChecksAuth, patientDataTouched } from './handlers';

export interface ServerFunction {
  fn: FunctionNode;
  /** The exported or declared name, where the function has one. */
  name?: TSESTree.Identifier;
}

/** The server functions of a module: its exports under a module directive, and directive bodies. */
export function serverFunctions(program: TSESTree.Program): ServerFunction[] {
  const found: ServerFunction[] = [];
  if (hasDirective(program.body)) {
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        const value = unwrap(statement.declaration);
        if (isFunctionNode(value))
          found.push({
            fn: value,
            name:
              value.type === AST_NODE_TYPES.FunctionDeclaration
                ? (value.id ?? undefined)
                : undefined,
          });
      }
      if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
      const d = statement.declaration;
      if (d?.type === AST_NODE_TYPES.FunctionDeclaration)
        found.push({ fn: d, name: d.id ?? undefined });
      if (d?.type === AST_NODE_TYPES.VariableDeclaration)
        for (const declarator of d.declarations) {
          const init = declarator.init && unwrap(declarator.init);
          if (init && isFunctionNode(init) && declarator.id.type === AST_NODE_TYPES.Identifier)
            found.push({ fn: init, name: declarator.id });
        }
    }
    return found.filter(({ fn }) => fn.async);
  }
  walk(program, (node) => {
    if (!isFunctionNode(node) || node.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
    if (!hasDirective(node.body.body)) return undefined;
    found.push({ fn: node, name: nameOf(node) });
    return false;
  });
  return found;
}

/** The server functions of a module that touch patient data with no session check first. */
export function serverFunctionExposures(
  f: EndpointFile,
): { action: ServerFunction; evidence: HandlerEvidence }[] {
  const exposed: { action: ServerFunction; evidence: HandlerEvidence }[] = [];
  // A directive is written out in the text: a module that never spells one is not walked.
  const text = f.textOf(f.program);
  if (![...SERVER_FUNCTION_DIRECTIVES].some((directive) => text.includes(directive)))
    return exposed;
  for (const action of serverFunctions(f.program)) {
    if (handlerChecksAuth(action.fn, f)) continue;
    const evidence = patientDataTouched(action.fn, f) ?? returnsPatientData(action.fn, f);
    if (evidence) exposed.push({ action, evidence });
  }
  return exposed;
}

/** What a server function returns goes to its caller, whoever that is: a response too. */
function returnsPatientData(fn: FunctionNode, f: EndpointFile): HandlerEvidence | undefined {
  const provenance = f.model?.provenance;
  if (!provenance) return undefined;
  for (const returned of returnedExpressions(fn)) {
    const taint = provenance.trace(returned);
    if (taint) return { kind: 'response', description: provenance.describe(taint, 22) };
  }
  return undefined;
}

function hasDirective(body: readonly TSESTree.Node[]): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !statement.directive) return false;
    if (SERVER_FUNCTION_DIRECTIVES.has(statement.directive)) return true;
  }
  return false;
}

function nameOf(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id;
  return undefined;
}
