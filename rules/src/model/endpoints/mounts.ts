/**
 * Routers across files: the module and owner a mounted expression names (`app.use('/api',
 * patientsRouter)`, `require('./routes')`, `fastify.register(fp(plugin))`), the first route of
 * such a router that serves patient data with no authentication on its way (following its own
 * mounts a few levels down), and which other modules of the project mount a router of the
 * linted file.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { initialiserOf } from '../program-index';
import {
  calledImport,
  exportedValue,
  importedBinding,
  loadModule,
  type ProjectModule,
  requiredSpecifier,
  resolveImport,
} from '../project-graph';
import {
  discoverRoutes,
  isAuthMiddleware,
  isFunction,
  joinPaths,
  type Owner,
  pathCovers,
  type ProgramRoutes,
  propertyValue,
} from '../routes';
import { type EndpointFile, projectEndpointFile } from './file';
import { handlerChecksAuth, handlerFunction, type HandlerFunction } from './handlers';
import { routeServesPatientData } from './patient-data';

/** How many mounts deep a router is followed, within a file or across files. */
export const MAX_MOUNT_DEPTH = 4;

/** A router or plugin instance of another module, as a mount names it. */
export interface ForeignOwner {
  module: ProjectModule;
  routes: ProgramRoutes;
  owner: Owner;
  /** The module specifier the mount imports it from, as written: `./routes/patients`. */
  specifier: string;
}

/** A route of a mounted module that serves patient data with no authentication on its way. */
export interface ExposedRoute {
  method: string;
  /** The full path below the mount, or undefined when it is not a literal. */
  path: string | undefined;
  file: string;
  loc: TSESTree.SourceLocation;
}

/** The module and export a mounted expression comes from: an imported name, `require('./r')`. */
export function mountSource(
  child: TSESTree.Node,
  program: TSESTree.Program,
): { specifier: string; imported: string } | undefined {
  let node = child;
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    /^(routes|middleware)$/.test(node.callee.property.name)
  )
    node = node.callee.object;
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    /^(fp|fastifyPlugin)$/.test(node.callee.name) &&
    node.arguments[0]
  )
    node = node.arguments[0];
  if (node.type === AST_NODE_TYPES.Identifier)
    return importedBinding(program, node.name) ?? factoryResult(node.name, program);
  // `app.use('/', setRouter())`: what an imported factory returns.
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier)
    return importedBinding(program, node.callee.name);
  const specifier = requiredSpecifier(node);
  if (specifier) {
    const prop =
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.property.type === AST_NODE_TYPES.Identifier
        ? node.property.name
        : '*';
    return { specifier, imported: prop === 'default' ? 'default' : prop };
  }
  return undefined;
}

/** `const router = setRouter()`: a local name holding what an imported factory returns. */
function factoryResult(
  name: string,
  program: TSESTree.Program,
): { specifier: string; imported: string } | undefined {
  const init = initialiserOf(program, name);
  if (init?.type === AST_NODE_TYPES.CallExpression) return calledImport(init, program);
  return undefined;
}

/** Follows a mounted expression to the module and owner (router, plugin instance) it names. */
export function resolveMountedModule(
  child: TSESTree.Node,
  program: TSESTree.Program,
  file: string,
): ForeignOwner | undefined {
  const source = mountSource(child, program);
  if (!source) return undefined;
  const target = resolveImport(file, source.specifier);
  if (!target) return undefined;
  const module = loadModule(target);
  if (!module) return undefined;
  const value = exportedValue(module.program, source.imported);
  if (!value) return undefined;
  const routes = discoverRoutes(module.program);
  let owner: Owner | undefined;
  if (value.localName) {
    owner = [...routes.owners.values()].find((o) => o.topLevel && o.name === value.localName);
    if (!owner) {
      const fn = handlerFunction(
        { type: AST_NODE_TYPES.Identifier, name: value.localName } as TSESTree.Identifier,
        module.program,
      );
      owner = fn ? (paramOwner(fn, routes) ?? returnedOwner(fn, routes)) : undefined;
    }
  } else if (value.node && isFunction(value.node)) {
    owner = paramOwner(value.node, routes);
  }
  return owner ? { module, routes, owner, specifier: source.specifier } : undefined;
}

/** The owner a plugin function registers routes on: its first parameter (`async (fastify) => …`). */
function paramOwner(fn: HandlerFunction, routes: ProgramRoutes): Owner | undefined {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  return routes.owners.get(`${param.name}@${fn.range[0]}`);
}

/** The top-level owner a factory returns: `function setRouter() { …; return router; }`. */
function returnedOwner(fn: HandlerFunction, routes: ProgramRoutes): Owner | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  for (const statement of fn.body.body) {
    if (
      statement.type === AST_NODE_TYPES.ReturnStatement &&
      statement.argument?.type === AST_NODE_TYPES.Identifier
    ) {
      const name = statement.argument.name;
      return [...routes.owners.values()].find((o) => o.topLevel && o.name === name);
    }
  }
  return undefined;
}

/**
 * The first patient-data route of a foreign owner that its own module leaves unauthenticated
 * (`GET /api/patients/:id`), following its own mounts a few levels down. `from` is the linted
 * file, whose classifier and authentication names judge the foreign module.
 */
export function exposedRoute(
  foreign: ForeignOwner,
  from: EndpointFile,
  prefix: string | undefined,
  depth = 0,
  seen = new Set<string>(),
): ExposedRoute | undefined {
  const id = `${foreign.module.file}#${foreign.owner.key}`;
  if (seen.has(id) || depth > MAX_MOUNT_DEPTH) return undefined;
  seen.add(id);
  const { module, routes, owner } = foreign;
  const extra = from.authNames;
  const f = projectEndpointFile(module, from.classifier, extra);
  const authenticates = (n: TSESTree.Node) => isAuthMiddleware(n, extra, f.textOf);
  for (const route of routes.routes) {
    if (route.owner.key !== owner.key) continue;
    const path = joinPaths(prefix, route.path);
    if (route.middleware.some(authenticates)) continue;
    if (route.options) {
      const auth = propertyValue(route.options, 'auth');
      if (auth && !(auth.type === AST_NODE_TYPES.Literal && auth.value === false)) continue;
    }
    const fn = route.handler ? handlerFunction(route.handler, module.program) : undefined;
    if (fn && handlerChecksAuth(fn, f)) continue;
    const ownAuth = routes.uses.some(
      (use) =>
        use.owner.key === owner.key &&
        (use.orderIndependent || use.call.range[0] < route.call.range[0]) &&
        pathCovers(use.path, route.path) &&
        use.middleware.some(authenticates),
    );
    if (ownAuth) continue;
    if (!routeServesPatientData(path, fn, f)) continue;
    return { method: route.method, path, file: module.file, loc: route.call.loc };
  }
  for (const mount of routes.mounts) {
    if (mount.parent.key !== owner.key) continue;
    if (mount.before.some(authenticates)) continue;
    const ownAuth = routes.uses.some(
      (use) =>
        use.owner.key === owner.key &&
        (use.orderIndependent || use.call.range[0] < mount.call.range[0]) &&
        use.middleware.some(authenticates),
    );
    if (ownAuth) continue;
    const next =
      mount.childOwner && routes.routes.some((r) => r.owner.key === mount.childOwner!.key)
        ? { module, routes, owner: mount.childOwner, specifier: foreign.specifier }
        : resolveMountedModule(mount.child, module.program, module.file);
    if (!next) continue;
    const found = exposedRoute(next, from, joinPaths(prefix, mount.path), depth + 1, seen);
    if (found) return found;
  }
  return undefined;
}
