/**
 * Upload middleware in a route's chain (`upload.single('file')` of multer), and whether it runs
 * before the route's authentication: then the files are stored for anyone who sends them, even
 * though the handler itself is protected.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { UPLOAD_MIDDLEWARE } from '../apis';
import { initialiserOf } from '../program-index';
import { calledImport } from '../project-graph';
import { isAuthMiddleware, type Route } from '../routes';
import type { EndpointFile } from './file';

/** An upload middleware of a route that runs before its first authentication middleware. */
export interface UploadBeforeAuth {
  upload: TSESTree.Node;
  auth: TSESTree.Node;
}

/** The first upload middleware of a route's chain placed before its authentication middleware. */
export function uploadBeforeAuth(route: Route, f: EndpointFile): UploadBeforeAuth | undefined {
  const authIndex = route.middleware.findIndex((n) => isAuthMiddleware(n, f.authNames, f.textOf));
  if (authIndex <= 0) return undefined;
  const upload = route.middleware.slice(0, authIndex).find((n) => storesUpload(n, f.program));
  return upload && { upload, auth: route.middleware[authIndex]! };
}

/** `upload.single('file')` on a multer instance, or `multer({ … }).array('files')`. */
function storesUpload(node: TSESTree.Node, program: TSESTree.Program): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  if (callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const method = callee.property.name;
  const factory = factoryCall(callee.object, program);
  const module = factory && calledImport(factory, program)?.specifier;
  return UPLOAD_MIDDLEWARE.some((m) => m.module === module && m.storingMethods.has(method));
}

/** The factory call an instance comes from: inline, or the initialiser of a variable. */
function factoryCall(
  node: TSESTree.Node,
  program: TSESTree.Program,
): TSESTree.CallExpression | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const init = initialiserOf(program, node.name);
  return init?.type === AST_NODE_TYPES.CallExpression ? init : undefined;
}
