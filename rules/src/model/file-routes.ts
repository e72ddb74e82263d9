import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { FILE_ROUTES, type FileRouter, type FileRoutes } from './frameworks';
import { programIndex } from './program-index';
import { exportedValue, loadModule, type ProjectModule } from './project-graph';
import { propertyValue } from './routes';

/**
 * Routes declared by files (Next.js, `model/frameworks/nextjs.ts`): which router a file belongs
 * to and the path it serves, the exports that handle requests, and whether the project's
 * middleware covers the path. Every fact comes from the frameworks' `fileRoutes`.
 */

export interface FileRoute {
  router: FileRouter;
  /** The framework's file-routing facts (dynamic segments, middleware). */
  routes: FileRoutes;
  /** The path served, dynamic segments as parameters: `/api/patients/:id`. */
  path: string;
  /** The project folder, holding the routes folder or its source folder. */
  root: string;
}

export interface FileRouteHandler {
  /** The verb it answers, upper case; `undefined` when it answers every verb. */
  method?: string;
  /** The exported name, when the export has one (`GET`), not the default export. */
  id?: TSESTree.Identifier;
  /** The exported function, call (`withAuth(handler)`) or expression. */
  value: TSESTree.Node;
}

/** `pages/api/patients/[id].ts` -> `/api/patients/:id`; `app/api/resultats/route.ts` -> `/api/resultats`. */
export function fileRouteOf(filename: string): FileRoute | undefined {
  const parts = filename.split(/[\\/]/);
  for (const routes of FILE_ROUTES) {
    for (const router of routes.routers) {
      const index = parts.lastIndexOf(router.folder);
      if (index < 0) continue;
      if (router.subfolder !== undefined && parts[index + 1] !== router.subfolder) continue;
      let rest: string[];
      if (router.fileName) {
        if (!router.fileName.test(parts[parts.length - 1] ?? '')) continue;
        rest = parts.slice(index + 1, -1);
      } else {
        rest = parts.slice(index + 1);
        if (rest.length === 0) continue;
        rest[rest.length - 1] = rest[rest.length - 1]!.replace(/\.[^.]+$/, '');
        if (rest[rest.length - 1] === router.indexName) rest.pop();
      }
      const hidden = router.hiddenFolders;
      if (hidden) rest = rest.filter((p) => !hidden.test(p));
      const path = `/${rest.map((p) => p.replace(routes.dynamicSegment, ':$1')).join('/')}`;
      const before = parts.slice(0, index);
      if (routes.sourceFolders.includes(before[before.length - 1] ?? '')) before.pop();
      return { router, routes, path, root: before.join('/') || '/' };
    }
  }
  return undefined;
}

/** The exports of a route file that handle requests, in source order. */
export function fileRouteHandlers(program: TSESTree.Program, route: FileRoute): FileRouteHandler[] {
  const handlers = route.router.handlers;
  const found: FileRouteHandler[] = [];
  const push = (name: string, value: TSESTree.Node, id?: TSESTree.Identifier) => {
    if (!Object.prototype.hasOwnProperty.call(handlers, name)) return;
    const verb = handlers[name]!;
    found.push({ method: verb === '*' ? undefined : verb, id, value });
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration)
      push('default', statement.declaration);
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const d = statement.declaration;
    if (d?.type === AST_NODE_TYPES.FunctionDeclaration && d.id) push(d.id.name, d, d.id);
    if (d?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const decl of d.declarations) {
        if (decl.id.type === AST_NODE_TYPES.Identifier && decl.init)
          push(decl.id.name, decl.init, decl.id);
      }
    }
  }
  return found;
}

/**
 * Whether the project's middleware authenticates and its matcher covers the route's path (no
 * matcher: every path). `extra` names configured authentication helpers.
 */
export function middlewareCovers(route: FileRoute, extra: readonly string[]): boolean {
  const middleware = route.routes.middleware;
  if (!middleware) return false;
  const folders = [route.root, ...route.routes.sourceFolders.map((f) => `${route.root}/${f}`)];
  for (const dir of folders) {
    for (const ext of middleware.extensions) {
      const module = loadModule(`${dir}/${middleware.name}${ext}`);
      if (!module) continue;
      return moduleCovers(module, route.routes, route.path, extra);
    }
  }
  return false;
}

function moduleCovers(
  module: ProjectModule,
  routes: FileRoutes,
  path: string,
  extra: readonly string[],
): boolean {
  const middleware = routes.middleware!;
  const program = module.program;
  const text = module.text;
  const authenticates =
    middleware.authenticates.test(text) || extra.some((name) => text.includes(name));
  if (!authenticates) return false;
  const config = exportedValue(program, middleware.configExport);
  let matchers: string[] | undefined;
  let node = config?.node;
  if (!node && config?.localName) {
    for (const n of programIndex(program).declarators) {
      if (n.id.type === AST_NODE_TYPES.Identifier && n.id.name === config.localName && n.init)
        node = n.init;
    }
  }
  if (node?.type === AST_NODE_TYPES.ObjectExpression) {
    const matcher = propertyValue(node, middleware.matcherKey);
    if (matcher?.type === AST_NODE_TYPES.Literal && typeof matcher.value === 'string')
      matchers = [matcher.value];
    else if (matcher?.type === AST_NODE_TYPES.ArrayExpression)
      matchers = matcher.elements.flatMap((e) => {
        if (e?.type === AST_NODE_TYPES.Literal && typeof e.value === 'string') return [e.value];
        if (e?.type === AST_NODE_TYPES.ObjectExpression) {
          const source = propertyValue(e, middleware.matcherSourceKey);
          return source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string'
            ? [source.value]
            : [];
        }
        return [];
      });
  }
  if (!matchers) return true;
  return matchers.some((m) => matcherRegExp(m)?.test(path) === true);
}

/** A matcher (path-to-regexp with inline groups) as a RegExp: `/api/:path*`, `/((?!_next).*)`. */
export function matcherRegExp(matcher: string): RegExp | undefined {
  let source = '';
  for (let i = 0; i < matcher.length;) {
    const rest = matcher.slice(i);
    const param = /^:(\w+)(\([^)]*\))?([*+?])?/.exec(rest);
    if (param) {
      const modifier = param[3];
      source +=
        modifier === '*' ? '.*' : modifier === '+' ? '.+' : modifier === '?' ? '[^/]*' : '[^/]+';
      i += param[0].length;
      continue;
    }
    if (rest[0] === '(') {
      let depth = 0;
      let j = i;
      for (; j < matcher.length; j++) {
        if (matcher[j] === '(') depth++;
        else if (matcher[j] === ')' && --depth === 0) break;
      }
      source += matcher.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    source += rest[0]!.replace(/[.+?^${}|[\]\\*]/g, '\\$&');
    i++;
  }
  try {
    return new RegExp(`^${source}/?$`);
  } catch {
    return undefined;
  }
}
