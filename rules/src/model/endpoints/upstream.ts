/**
 * A handler that forwards to a FHIR server: it sends a request (a client of the catalogue, or
 * `fetch`) to a URL built on a FHIR base URL, so whatever the caller asks for — `Patient`,
 * `Observation`, any resource — comes back from the clinical system (a proxy route such as
 * `GET /:operation` → `…/fhir-server/api/v4/` + operation).
 *
 * Read syntactically, so a module reached through a mount is judged the same way: the URL's
 * string pieces, following names to the module's top-level constants.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { findProperty } from '../ast';
import {
  FHIR_BASE_PATH,
  REQUEST_CLIENTS,
  REQUEST_GLOBALS,
  REQUEST_METHODS,
  URL_OPTION_KEYS,
} from '../apis';
import { initialiserOf } from '../program-index';
import { importedBinding } from '../project-graph';

/** How deep the pieces of a URL expression are followed. */
const MAX_DEPTH = 6;

/** The FHIR base URL a call sends a request to, as written in the module, if any. */
export function fhirUpstream(
  call: TSESTree.CallExpression,
  program: TSESTree.Program,
): string | undefined {
  if (!sendsRequest(call, program)) return undefined;
  const first = call.arguments[0];
  if (!first) return undefined;
  let url: TSESTree.Node | undefined = first;
  if (first.type === AST_NODE_TYPES.ObjectExpression) {
    url = undefined;
    for (const key of URL_OPTION_KEYS) url ??= findProperty(first, key)?.value;
  }
  return url && stringPieces(url, program, 0).find((piece) => FHIR_BASE_PATH.test(piece));
}

/** `request.get(…)`, `axios(…)`, `fetch(…)`: a call of a request client of the catalogue. */
function sendsRequest(call: TSESTree.CallExpression, program: TSESTree.Program): boolean {
  let callee: TSESTree.Node = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (callee.property.type !== AST_NODE_TYPES.Identifier) return false;
    if (!REQUEST_METHODS.has(callee.property.name)) return false;
    callee = callee.object;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const module = importedBinding(program, callee.name)?.specifier;
  return module ? REQUEST_CLIENTS.has(module) : REQUEST_GLOBALS.has(callee.name);
}

/** The string literals an expression is built from, following names to top-level constants. */
function stringPieces(node: TSESTree.Node, program: TSESTree.Program, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? [node.value] : [];
    case AST_NODE_TYPES.TemplateLiteral:
      return [
        ...node.quasis.map((q) => q.value.cooked ?? q.value.raw),
        ...node.expressions.flatMap((e) => stringPieces(e, program, depth + 1)),
      ];
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+'
        ? [
            ...stringPieces(node.left, program, depth + 1),
            ...stringPieces(node.right, program, depth + 1),
          ]
        : [];
    case AST_NODE_TYPES.Identifier: {
      const init = initialiserOf(program, node.name, true);
      return init ? stringPieces(init, program, depth + 1) : [];
    }
    default:
      return [];
  }
}
