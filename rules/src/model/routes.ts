import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { onFileDone } from './file-lifetime';
import { programIndex } from './program-index';
import { importedBinding } from './project-graph';
import { REQUEST_CLIENTS } from './apis';
import { walk } from './ast';
import { tokenize } from './tokens';
import {
  APPLY_ROUTES_METHODS,
  CHAINED_ROUTE_METHODS,
  DEFAULT_AUTH,
  HOOKS,
  HTTP_METHODS,
  MOUNTED_RESULT_METHODS,
  NAMED_ROUTES,
  type OwnerKind,
  PATH_MOUNT_METHODS,
  PATH_OPTION_KEYS,
  PLUGINS,
  PRE_ROUTING_METHODS,
  REGISTERING_METHODS,
  ROUTE_HOOK_KEYS,
  ROUTE_OBJECT_METHODS,
  USE_METHODS,
  bindingCreates,
  frameworkModule,
  globalFactory,
  memberFactory,
} from './frameworks';

/**
 * Route discovery: one framework-independent graph of owners (apps, routers, plugin instances),
 * routes, middleware and mounts, built from what the framework modules (`model/frameworks/`)
 * declare. Purely syntactic so it runs on the linted file and on imported files parsed by the
 * project graph alike: owners are told apart by name and by the function or block that declares
 * them.
 */

export type { OwnerKind } from './frameworks';
export { HTTP_METHODS } from './frameworks';

export interface Owner {
  /** Stable key: name and the range start of the scope that declares it. */
  key: string;
  name: string;
  kind: OwnerKind;
  /** A parameter of a function (a Fastify plugin instance, `module.exports = (app) => …`). */
  param?: TSESTree.Node;
  /** Declared at module level (can be exported). */
  topLevel: boolean;
}

export interface Route {
  owner: Owner;
  call: TSESTree.CallExpression;
  method: string;
  /** The route's own path as written (`:id` params kept), when static. */
  path?: string;
  /** Middleware / hook expressions attached to this route only. */
  middleware: TSESTree.Node[];
  /** Fastify/Hapi route options object, if any. */
  options?: TSESTree.ObjectExpression;
  /** The final handler expression. */
  handler?: TSESTree.Node;
  /** Where a middleware argument can be inserted (the first handler argument). */
  firstHandlerArg?: TSESTree.Node;
}

/** `app.use(...)`, `fastify.addHook(...)`, `server.auth.default(...)`: owner-wide middleware. */
export interface Use {
  owner: Owner;
  call: TSESTree.CallExpression;
  path?: string;
  /** Middleware expressions in order (mounted routers excluded). */
  middleware: TSESTree.Node[];
  /** `addHook` and Hapi default auth apply whatever the order of registration. */
  orderIndependent: boolean;
}

/** A router, sub-app or plugin mounted on an owner. */
export interface Mount {
  parent: Owner;
  call: TSESTree.CallExpression;
  path?: string;
  /** The mounted expression: `router`, `require('./r')`, `router.routes()`, a plugin function. */
  child: TSESTree.Node;
  /** Middleware passed in the same call before the child. */
  before: TSESTree.Node[];
  /** The same-file owner it mounts, when known. */
  childOwner?: Owner;
}

export interface ProgramRoutes {
  owners: Map<string, Owner>;
  routes: Route[];
  uses: Use[];
  mounts: Mount[];
  /** Owner keys with a Hapi `server.auth.default(...)`. */
  hapiDefaultAuth: Set<string>;
  /**
   * `app.use('/adt-a31', handler)`: a function mounted at a path answers every method below it.
   * Candidates (method `all`): the endpoint model keeps those whose last argument is a request
   * handler `(req, res)`, not a router or a middleware.
   */
  handlerMounts: Route[];
}

const cache = new WeakMap<TSESTree.Program, ProgramRoutes>();
onFileDone((sourceCode) => cache.delete(sourceCode.ast));

/** Every route, middleware and mount of a program; computed once per program node. */
export function discoverRoutes(program: TSESTree.Program): ProgramRoutes {
  const cached = cache.get(program);
  if (cached) return cached;
  const result: ProgramRoutes = {
    owners: new Map(),
    routes: [],
    uses: [],
    mounts: [],
    hapiDefaultAuth: new Set(),
    handlerMounts: [],
  };
  const bindings = factoryBindings(program);
  const clients = requestClients(program);
  for (const node of programIndex(program).nodes) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator) declareOwner(node, bindings, result);
    else if (node.type === AST_NODE_TYPES.CallExpression) visitCall(node, result, clients);
  }
  cache.set(program, result);
  return result;
}

/**
 * Local names of HTTP clients: bound to a request client of the catalogue (`import axios from
 * 'axios'`, `const request = require('supertest')`) or made by one (`const api = axios.create()`).
 * `axios.post('/patients', body)` sends a request; it registers no route.
 */
function requestClients(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    if (!REQUEST_CLIENTS.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) names.add(specifier.local.name);
  }
  for (const declarator of programIndex(program).declarators) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
    let init: TSESTree.Node = declarator.init;
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
    if (init.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = init.callee;
    const required =
      callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require'
        ? init.arguments[0]
        : undefined;
    const fromClient =
      (required?.type === AST_NODE_TYPES.Literal &&
        typeof required.value === 'string' &&
        REQUEST_CLIENTS.has(required.value)) ||
      (callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        names.has(callee.object.name));
    if (fromClient) names.add(declarator.id.name);
  }
  return names;
}

/** A local name bound to a framework module, and what calling it creates. */
interface FrameworkBinding {
  module: string;
  creates?: OwnerKind;
}

/** Local names bound to framework modules by imports and requires: `import Router from '@koa/router'`. */
function factoryBindings(program: TSESTree.Program): Map<string, FrameworkBinding> {
  const bindings = new Map<string, FrameworkBinding>();
  const bind = (source: string, localName: string) => {
    const module = frameworkModule(source);
    if (module)
      bindings.set(localName, { module: source, creates: bindingCreates(module, localName) });
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const s of statement.specifiers) bind(statement.source.value, s.local.name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of statement.declarations) {
        const init = d.init;
        if (
          init?.type !== AST_NODE_TYPES.CallExpression ||
          init.callee.type !== AST_NODE_TYPES.Identifier ||
          init.callee.name !== 'require'
        )
          continue;
        const arg = init.arguments[0];
        if (arg?.type !== AST_NODE_TYPES.Literal || typeof arg.value !== 'string') continue;
        if (d.id.type === AST_NODE_TYPES.Identifier) bind(arg.value, d.id.name);
        else if (d.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const p of d.id.properties) {
            if (p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier)
              bind(arg.value, p.value.name);
          }
        }
      }
    }
  }
  return bindings;
}

/** What a factory call creates: `express()`, `Router()`, `Fastify()`, `new Koa()`, `restify.createServer()`. */
function createdKind(
  init: TSESTree.Node,
  bindings: Map<string, FrameworkBinding>,
): OwnerKind | undefined {
  let expr = init;
  if (expr.type === AST_NODE_TYPES.AwaitExpression) expr = expr.argument;
  if (expr.type !== AST_NODE_TYPES.CallExpression && expr.type !== AST_NODE_TYPES.NewExpression)
    return undefined;
  const callee = expr.callee;
  // require('express')() / require('fastify')({...})
  if (
    callee.type === AST_NODE_TYPES.CallExpression &&
    callee.callee.type === AST_NODE_TYPES.Identifier &&
    callee.callee.name === 'require'
  ) {
    const arg = callee.arguments[0];
    if (arg?.type !== AST_NODE_TYPES.Literal || typeof arg.value !== 'string') return undefined;
    const module = frameworkModule(arg.value);
    return module?.callableRequire ? module.creates : undefined;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const bound = bindings.get(callee.name);
    return bound ? bound.creates : globalFactory(callee.name);
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
    const namespace = callee.object.type === AST_NODE_TYPES.Identifier ? callee.object.name : '';
    return memberFactory(method, namespace, bindings.get(namespace)?.module);
  }
  return undefined;
}

function declareOwner(
  declarator: TSESTree.VariableDeclarator,
  bindings: Map<string, FrameworkBinding>,
  result: ProgramRoutes,
): void {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return;
  const kind = createdKind(declarator.init, bindings);
  if (!kind) return;
  const owner = ownerFor(declarator.id, result);
  owner.kind = kind;
}

/** The scope that declares a name seen at a node: a function parameter, a block or the program. */
function declaringScope(
  id: TSESTree.Identifier,
): { scope: TSESTree.Node; param?: TSESTree.Node } | undefined {
  let current: TSESTree.Node | undefined = id.parent;
  let previous: TSESTree.Node = id;
  while (current) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      for (const param of current.params) {
        const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
        if (target.type === AST_NODE_TYPES.Identifier && target.name === id.name)
          return { scope: current, param: target };
      }
    }
    if (
      (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) &&
      declaresInBody(current.body, id.name)
    )
      return { scope: current };
    previous = current;
    current = current.parent;
  }
  void previous;
  return undefined;
}

function declaresInBody(body: TSESTree.Node[], name: string): boolean {
  for (const statement of body) {
    const s =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration
        ? statement.declaration
        : statement;
    if (s.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of s.declarations)
        if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name) return true;
    } else if (
      (s.type === AST_NODE_TYPES.FunctionDeclaration ||
        s.type === AST_NODE_TYPES.ClassDeclaration) &&
      s.id?.name === name
    )
      return true;
    else if (s.type === AST_NODE_TYPES.ImportDeclaration) {
      if (s.specifiers.some((sp) => sp.local.name === name)) return true;
    }
  }
  return false;
}

/** The owner an identifier denotes (created on first sight with kind `unknown`). */
export function ownerFor(id: TSESTree.Identifier, result: ProgramRoutes): Owner {
  const declared = declaringScope(id);
  const scopeStart = declared ? declared.scope.range[0] : -1;
  const key = `${id.name}@${scopeStart}`;
  let owner = result.owners.get(key);
  if (!owner) {
    owner = {
      key,
      name: id.name,
      kind: 'unknown',
      param: declared?.param,
      topLevel: declared?.scope.type === AST_NODE_TYPES.Program,
    };
    result.owners.set(key, owner);
  }
  return owner;
}

/** Looks up an existing owner for an identifier without creating one. */
export function existingOwner(id: TSESTree.Identifier, result: ProgramRoutes): Owner | undefined {
  const declared = declaringScope(id);
  return result.owners.get(`${id.name}@${declared ? declared.scope.range[0] : -1}`);
}

function receiverOwner(node: TSESTree.Node, result: ProgramRoutes): Owner | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return ownerFor(node, result);
  // app.use(json()).use(cors()).use('/', router): registrations return their receiver (Express,
  // Koa, Hono, Fastify, restify), so a chain registers on the owner it starts from.
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    (REGISTERING_METHODS.has(memberName(node.callee) ?? '') ||
      HTTP_METHODS.has(memberName(node.callee) ?? ''))
  )
    return receiverOwner(node.callee.object, result);
  // this.app.get(...), this.router.get(...): one owner per class member name.
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.object.type === AST_NODE_TYPES.ThisExpression &&
    node.property.type === AST_NODE_TYPES.Identifier
  ) {
    const key = `this.${node.property.name}`;
    let owner = result.owners.get(key);
    if (!owner) {
      owner = { key, name: key, kind: 'unknown', topLevel: false };
      result.owners.set(key, owner);
    }
    return owner;
  }
  return undefined;
}

/** Static text of a route path: literal, template without holes (holes become `:param`). */
export function pathText(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    return node.quasis
      .map((q, i) => (i > 0 ? ':param' : '') + (q.value.cooked ?? q.value.raw))
      .join('');
  }
  return undefined;
}

function isPathArg(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal)
    return typeof node.value === 'string' || 'regex' in node;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (node.type === AST_NODE_TYPES.ArrayExpression)
    return node.elements.every(
      (e) => e?.type === AST_NODE_TYPES.Literal || e?.type === AST_NODE_TYPES.TemplateLiteral,
    );
  return false;
}

function firstPath(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.ArrayExpression) {
    const first = node.elements[0];
    return first ? pathText(first) : undefined;
  }
  return pathText(node);
}

/** The path of a route declared by options: `server.get({ path: '/p', name: 'p' }, handler)`. */
function pathInOptions(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const key of PATH_OPTION_KEYS) {
    const path = pathText(propertyValue(node, key));
    if (path !== undefined) return path;
  }
  return undefined;
}

function memberName(callee: TSESTree.Node): string | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier)
    return callee.property.name;
  if (callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string')
    return callee.property.value;
  return undefined;
}

function visitCall(
  call: TSESTree.CallExpression,
  result: ProgramRoutes,
  clients: ReadonlySet<string>,
): void {
  const callee = call.callee;
  const method = memberName(callee);
  if (!method || callee.type !== AST_NODE_TYPES.MemberExpression) return;
  if (callee.object.type === AST_NODE_TYPES.Identifier && clients.has(callee.object.name)) return;
  const args = call.arguments as TSESTree.Node[];

  // app.route('/p').get(h).post(h): Express chained routes.
  if (HTTP_METHODS.has(method) && callee.object.type === AST_NODE_TYPES.CallExpression) {
    let base: TSESTree.Node = callee.object;
    while (
      base.type === AST_NODE_TYPES.CallExpression &&
      base.callee.type === AST_NODE_TYPES.MemberExpression &&
      HTTP_METHODS.has(memberName(base.callee) ?? '')
    )
      base = base.callee.object;
    if (
      base.type === AST_NODE_TYPES.CallExpression &&
      base.callee.type === AST_NODE_TYPES.MemberExpression &&
      CHAINED_ROUTE_METHODS.has(memberName(base.callee) ?? '') &&
      base.arguments.length === 1 &&
      isPathArg(base.arguments[0])
    ) {
      const owner = receiverOwner(base.callee.object, result);
      if (!owner || args.length === 0) return;
      result.routes.push({
        owner,
        call,
        method,
        path: firstPath(base.arguments[0]),
        middleware: args.slice(0, -1),
        handler: args[args.length - 1],
        firstHandlerArg: args[0],
      });
    }
    return;
  }

  // Resolving the receiver costs a scope lookup: only for the methods that register something.
  if (!HTTP_METHODS.has(method) && !REGISTERING_METHODS.has(method)) return;
  const owner = receiverOwner(callee.object, result);
  // server.auth.default('jwt'): Hapi default strategy for every route of the server.
  if (
    callee.object.type === AST_NODE_TYPES.MemberExpression &&
    DEFAULT_AUTH.some((a) => a.method === method && memberName(callee.object) === a.object)
  ) {
    const server = receiverOwner(callee.object.object, result);
    if (server) result.hapiDefaultAuth.add(server.key);
    return;
  }
  if (!owner) return;

  if (HTTP_METHODS.has(method)) {
    if (args.length < 2) return; // app.get('setting') reads an Express setting
    // restify: server.get({ path: '/p', name: 'p' }, …handlers)
    const pathOption = pathInOptions(args[0]);
    if (pathOption !== undefined) {
      result.routes.push({
        owner,
        call,
        method,
        path: pathOption,
        middleware: args.slice(1, -1),
        handler: args[args.length - 1],
        firstHandlerArg: args[1],
      });
      return;
    }
    let index = 0;
    // @koa/router named routes: router.get('name', '/path', handler)
    if (NAMED_ROUTES && isPathArg(args[0]) && isPathArg(args[1]) && args.length >= 3) index = 1;
    if (!isPathArg(args[index])) return;
    const rest = args.slice(index + 1);
    let options: TSESTree.ObjectExpression | undefined;
    const middleware: TSESTree.Node[] = [];
    // Fastify: app.get(path, { preHandler }, handler)
    if (rest.length >= 2 && rest[0]!.type === AST_NODE_TYPES.ObjectExpression) {
      options = rest[0];
      middleware.push(...hookValues(options));
    } else if (rest.length === 1 && rest[0]!.type === AST_NODE_TYPES.ObjectExpression) {
      // Fastify: app.get(path, { handler, preHandler }). Without a handler the object is a
      // request's body or options: `client.post('/patients', { nom })` sends, it serves nothing.
      options = rest[0];
      if (!propertyValue(options, 'handler')) return;
      middleware.push(...hookValues(options));
    }
    const handlerArgs = options ? rest.slice(1) : rest;
    // A handler is a function or names one; a literal or an object literal last is a request's
    // payload or options (`request.post('patient', { data })`).
    const last = handlerArgs[handlerArgs.length - 1];
    if (
      last &&
      (last.type === AST_NODE_TYPES.ObjectExpression ||
        last.type === AST_NODE_TYPES.Literal ||
        last.type === AST_NODE_TYPES.TemplateLiteral)
    )
      return;
    if (!options) middleware.push(...handlerArgs.slice(0, -1));
    const handler =
      handlerArgs[handlerArgs.length - 1] ??
      (options ? propertyValue(options, 'handler') : undefined);
    result.routes.push({
      owner,
      call,
      method,
      path: firstPath(args[index]),
      middleware,
      options,
      handler,
      firstHandlerArg: options ? undefined : handlerArgs[0],
    });
    return;
  }

  const first = args[0];
  // Hono: app.route('/api', subApp) mounts a sub-application.
  if (PATH_MOUNT_METHODS.has(method) && args.length === 2 && isPathArg(first)) {
    {
      result.mounts.push({
        parent: owner,
        call,
        path: firstPath(first),
        child: args[1]!,
        before: [],
      });
      linkChild(result.mounts[result.mounts.length - 1]!, result);
      return;
    }
  }

  if (ROUTE_OBJECT_METHODS.has(method)) {
    const objects =
      first?.type === AST_NODE_TYPES.ArrayExpression
        ? first.elements.filter(
            (e): e is TSESTree.ObjectExpression => e?.type === AST_NODE_TYPES.ObjectExpression,
          )
        : first?.type === AST_NODE_TYPES.ObjectExpression
          ? [first]
          : [];
    for (const options of objects) {
      const methodNode = propertyValue(options, 'method');
      const path = pathText(propertyValue(options, 'url') ?? propertyValue(options, 'path'));
      const methodText =
        methodNode?.type === AST_NODE_TYPES.Literal && typeof methodNode.value === 'string'
          ? methodNode.value.toLowerCase()
          : 'all';
      const hapiOptions = propertyValue(options, 'options') ?? propertyValue(options, 'config');
      result.routes.push({
        owner,
        call,
        method: methodText,
        path,
        middleware: hookValues(options),
        options:
          hapiOptions?.type === AST_NODE_TYPES.ObjectExpression && propertyValue(options, 'path')
            ? hapiOptions
            : options,
        handler:
          propertyValue(options, 'handler') ??
          (hapiOptions?.type === AST_NODE_TYPES.ObjectExpression
            ? propertyValue(hapiOptions, 'handler')
            : undefined),
      });
      if (propertyValue(options, 'path') && owner.kind === 'unknown') owner.kind = 'hapi';
    }
    return;
  }

  if (USE_METHODS.has(method) || PRE_ROUTING_METHODS.has(method)) {
    let index = 0;
    let path: string | undefined;
    if (isPathArg(args[0])) {
      path = firstPath(args[0]);
      index = 1;
    }
    const middleware: TSESTree.Node[] = [];
    const before: TSESTree.Node[] = [];
    for (const arg of args.slice(index)) {
      if (isMountable(arg, result)) {
        const mount: Mount = { parent: owner, call, path, child: arg, before: [...before] };
        linkChild(mount, result);
        result.mounts.push(mount);
        // An imported module may be middleware (`const auth = require('./auth')`): keep it.
        if (arg.type === AST_NODE_TYPES.Identifier && !/(router|routes)$/i.test(arg.name))
          middleware.push(arg);
      } else {
        middleware.push(arg);
      }
      before.push(arg);
    }
    // restify `pre` handlers run before routing, for every request.
    const orderIndependent = PRE_ROUTING_METHODS.has(method);
    result.uses.push({ owner, call, path, middleware, orderIndependent });
    const last = args[args.length - 1];
    if (
      USE_METHODS.has(method) &&
      path !== undefined &&
      last &&
      args.length > index &&
      (last.type === AST_NODE_TYPES.Identifier || isFunction(last))
    )
      result.handlerMounts.push({
        owner,
        call,
        method: 'all',
        path,
        middleware: args.slice(index, -1),
        handler: last,
        firstHandlerArg: args[index],
      });
    return;
  }

  // restify-router: router.applyRoutes(server, '/prefix') mounts the router on the server.
  if (APPLY_ROUTES_METHODS.has(method)) {
    const server = first && receiverOwner(first, result);
    if (!server) return;
    const mount: Mount = {
      parent: server,
      call,
      path: firstPath(args[1]),
      child: callee.object,
      before: [],
    };
    linkChild(mount, result);
    result.mounts.push(mount);
    return;
  }

  const hook = HOOKS.find((h) => h.method === method);
  if (hook) {
    const name = args[0];
    if (
      name?.type === AST_NODE_TYPES.Literal &&
      hook.events.includes(String(name.value)) &&
      args[1]
    ) {
      if (owner.kind === 'unknown') owner.kind = 'fastify';
      result.uses.push({ owner, call, middleware: [args[1]], orderIndependent: true });
    }
    return;
  }

  const plugins = PLUGINS.find((p) => p.method === method);
  if (plugins) {
    const plugin = args[0];
    if (!plugin) return;
    const opts = args[1];
    const prefix =
      opts?.type === AST_NODE_TYPES.ObjectExpression
        ? pathText(propertyValue(opts, plugins.prefixOption))
        : undefined;
    const mount: Mount = { parent: owner, call, path: prefix, child: plugin, before: [] };
    const fn = unwrapPlugin(plugin);
    if (fn && isFunction(fn)) {
      const param = fn.params[0];
      if (param?.type === AST_NODE_TYPES.Identifier) {
        const child = ownerFor(param, result);
        if (child.kind === 'unknown') child.kind = 'fastify';
        mount.childOwner = child;
      }
    }
    result.mounts.push(mount);
  }
}

/** `fp(async (f) => …)` and `fastifyPlugin(...)` wrap a plugin function. */
function unwrapPlugin(node: TSESTree.Node): TSESTree.Node {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    PLUGINS.some((p) => p.wrappers.includes((node.callee as TSESTree.Identifier).name)) &&
    node.arguments[0]
  )
    return node.arguments[0];
  return node;
}

export function isFunction(
  node: TSESTree.Node,
): node is
  TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** Something `use` mounts rather than runs as middleware: a router, sub-app or required module. */
function isMountable(arg: TSESTree.Node, result: ProgramRoutes): boolean {
  if (arg.type === AST_NODE_TYPES.Identifier) {
    const owner = existingOwner(arg, result);
    if (owner && owner.kind !== 'unknown') return true;
    // A conventionally named router (patientsRouter, apiRoutes) or a module of the project.
    return /(router|routes|app|api|controller)$/i.test(arg.name) || importsRelative(arg);
  }
  if (arg.type === AST_NODE_TYPES.CallExpression) {
    const callee = arg.callee;
    // koa: app.use(router.routes()) ; express: app.use(require('./routes'))
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      MOUNTED_RESULT_METHODS.has(memberName(callee) ?? '')
    )
      return true;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require') return true;
  }
  if (
    arg.type === AST_NODE_TYPES.MemberExpression &&
    arg.object.type === AST_NODE_TYPES.CallExpression &&
    arg.object.callee.type === AST_NODE_TYPES.Identifier &&
    arg.object.callee.name === 'require'
  )
    return true;
  return false;
}

/** Whether an identifier is bound by an import or require of a relative module. */
function importsRelative(id: TSESTree.Identifier): boolean {
  let program: TSESTree.Node | undefined = id;
  while (program?.parent) program = program.parent;
  if (program?.type !== AST_NODE_TYPES.Program) return false;
  const binding = importedBinding(program, id.name);
  return binding !== undefined && binding.specifier.startsWith('.');
}

function linkChild(mount: Mount, result: ProgramRoutes): void {
  let child = mount.child;
  if (
    child.type === AST_NODE_TYPES.CallExpression &&
    child.callee.type === AST_NODE_TYPES.MemberExpression &&
    MOUNTED_RESULT_METHODS.has(memberName(child.callee) ?? '')
  )
    child = child.callee.object;
  if (child.type === AST_NODE_TYPES.Identifier) mount.childOwner = ownerFor(child, result);
}

/** Fastify route-level hooks: `preHandler: [app.authenticate]`, `onRequest: fastify.auth([...])`. */
function hookValues(options: TSESTree.ObjectExpression): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  for (const key of ROUTE_HOOK_KEYS) {
    const value = propertyValue(options, key);
    if (value) values.push(value);
  }
  return values;
}

export function propertyValue(
  object: TSESTree.ObjectExpression,
  key: string,
): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const k =
      !property.computed && property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : property.key.type === AST_NODE_TYPES.Literal
          ? String(property.key.value)
          : undefined;
    if (k === key) return property.value;
  }
  return undefined;
}

/** Joins a mount prefix and a route path: `/api` + `/:id` -> `/api/:id`. */
export function joinPaths(
  prefix: string | undefined,
  path: string | undefined,
): string | undefined {
  if (prefix === undefined) return path;
  if (path === undefined) return prefix;
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
}

/** Whether middleware mounted at `usePath` runs for `routePath` (Express prefix matching). */
export function pathCovers(usePath: string | undefined, routePath: string | undefined): boolean {
  if (usePath === undefined || usePath === '/' || usePath === '*' || usePath === '/*') return true;
  if (routePath === undefined) return false;
  const base = usePath.replace(/\/?\*$/, '').replace(/\/+$/, '');
  if (base === '') return true;
  if (/[:(]/.test(base)) {
    const pattern = base.replace(/[.+?^${}|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
    try {
      return new RegExp(`^${pattern}(/|$)`).test(routePath);
    } catch {
      return false;
    }
  }
  return routePath === base || routePath.startsWith(`${base}/`);
}

const AUTH_VERBS = new Set([
  'require',
  'requires',
  'required',
  'ensure',
  'ensures',
  'verify',
  'verifies',
  'check',
  'checks',
  'validate',
  'validates',
  'assert',
  'must',
  'is',
  'has',
  'needs',
  'enforce',
  'with',
]);
const WEAK_AUTH_WORDS = new Set([
  'token',
  'session',
  'user',
  'login',
  'logged',
  'signed',
  'key',
  'apikey',
  'role',
  'roles',
  'permission',
  'permissions',
  'admin',
  'credentials',
  'access',
  'scope',
  'scopes',
]);
const STRONG_AUTH_WORDS = new Set([
  'jwt',
  'jwks',
  'passport',
  'protect',
  'protected',
  'guard',
  'bearer',
  'oauth',
  'oauth2',
  'oidc',
  'keycloak',
  'clerk',
  'sso',
  'saml',
  'acl',
  'rbac',
  'authed',
  'logged',
]);
const NEGATIVE_AUTH_WORDS = new Set([
  'optional',
  'public',
  'anonymous',
  'anon',
  'skip',
  'no',
  'without',
  'allow',
  'bypass',
  'ignore',
  'maybe',
  'soft',
  'unauthenticated',
  'unprotected',
  'author',
  'authors',
  'throttler',
  'throttle',
]);

/** Whether a name says authentication: `requireAuth`, `checkJwt`, `ensureLoggedIn`, `verifyToken`. */
export function isAuthName(name: string, extra: readonly string[] = []): boolean {
  if (extra.includes(name)) return true;
  const words = tokenize(name);
  if (words.some((w) => NEGATIVE_AUTH_WORDS.has(w))) return false;
  const hasVerb = words.some((w) => AUTH_VERBS.has(w));
  for (const w of words) {
    if (w.startsWith('auth')) return true;
    if (STRONG_AUTH_WORDS.has(w) || w.includes('jwt')) return true;
    if (hasVerb && WEAK_AUTH_WORDS.has(w)) return true;
  }
  return false;
}

function chainNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let current: TSESTree.Node = node;
  for (let guard = 0; guard < 16; guard++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const n = memberName(current);
      if (n) names.unshift(n);
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = current.callee;
    } else if (current.type === AST_NODE_TYPES.Identifier) {
      names.unshift(current.name);
      break;
    } else break;
  }
  return names;
}

/**
 * Whether a middleware, hook or guard expression authenticates: a name from the vocabulary or the
 * configuration (`requireAuth`, `passport.authenticate('jwt')`, `app.authenticate`, `[checkJwt]`),
 * or an inline function that answers 401/403.
 */
export function isAuthMiddleware(
  node: TSESTree.Node,
  extra: readonly string[],
  textOf: (node: TSESTree.Node) => string,
): boolean {
  let expr = node;
  while (
    expr.type === AST_NODE_TYPES.TSAsExpression ||
    expr.type === AST_NODE_TYPES.TSNonNullExpression ||
    expr.type === AST_NODE_TYPES.AwaitExpression
  )
    expr = expr.type === AST_NODE_TYPES.AwaitExpression ? expr.argument : expr.expression;
  if (expr.type === AST_NODE_TYPES.ArrayExpression)
    return expr.elements.some((e) => e !== null && isAuthMiddleware(e, extra, textOf));
  if (isFunction(expr)) return answersUnauthorized(expr, textOf) || callsAuth(expr, extra);
  const names = chainNames(expr);
  if (names.length === 0) return false;
  const joined = names.join('.');
  if (extra.includes(joined) || extra.includes(names[names.length - 1]!)) return true;
  const last = names[names.length - 1]!;
  if (tokenize(last).some((w) => NEGATIVE_AUTH_WORDS.has(w))) return false;
  // passport.authenticate('anonymous') / auth.optional
  if (expr.type === AST_NODE_TYPES.CallExpression) {
    const first = expr.arguments[0];
    if (first?.type === AST_NODE_TYPES.Literal && first.value === 'anonymous') return false;
  }
  return names.some((n) => isAuthName(n, extra));
}

/** An inline middleware that ends the request with 401/403 or an Unauthorized error. */
export function answersUnauthorized(
  fn: TSESTree.Node,
  textOf: (node: TSESTree.Node) => string,
): boolean {
  return /\b(401|403)\b|Unauthori[sz]ed|Forbidden|jwtVerify\b/.test(textOf(fn));
}

function callsAuth(fn: TSESTree.Node, extra: readonly string[]): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const names = chainNames(node.callee);
      const last = names[names.length - 1];
      if (last && (isAuthName(last, extra) || /^(verify|jwtVerify|verifyIdToken)$/.test(last))) {
        found = true;
        return false;
      }
    }
    return undefined;
  });
  return found;
}

/** Path segments a route path is made of, without params and wildcards. */
export function staticSegments(path: string | undefined): string[] {
  if (!path) return [];
  return path
    .split(/[/.]/)
    .map((s) => s.trim())
    .filter(
      (s) =>
        s.length > 0 && !s.startsWith(':') && !s.startsWith('{') && !s.startsWith('[') && s !== '*',
    );
}
