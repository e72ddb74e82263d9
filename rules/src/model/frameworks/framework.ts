/**
 * What a web framework tells route discovery, as data: how its applications and routers are
 * created, and which calls register routes, middleware, hooks, mounted routers and plugins. One
 * module per framework implements this; `model/routes.ts` builds one framework-independent route
 * graph from all of them, so a rule never names a framework.
 */

/** What an owner of routes is: an application, a router, a plugin instance. */
export type OwnerKind =
  'express' | 'router' | 'fastify' | 'koa' | 'hono' | 'hapi' | 'restify' | 'unknown';

/** A module of the framework and what calling its bindings creates. */
export interface FrameworkModule {
  /** The module specifier, or a test for a family of them (`@hono/…`). */
  specifier: string | RegExp;
  /**
   * What calling (or constructing) a binding of the module creates; `undefined` when the module
   * is a namespace whose member functions create (`Hapi.server()`).
   */
  creates?: OwnerKind;
  /** Bindings, by their local name, that create something else (`Router` of express). */
  byLocalName?: Readonly<Record<string, OwnerKind>>;
  /** Calling the `require` result directly creates `creates`: `require('express')()`. */
  callableRequire?: boolean;
}

/** A factory called as a member of the framework's namespace: `Hapi.server()`. */
export interface MemberFactory {
  method: string;
  creates: OwnerKind;
  /**
   * The namespace must be a binding of one of these modules, or be named like this when it is
   * not bound in the file; without either, any object's `method()` creates (`x.Router()`).
   */
  namespace?: { modules: readonly string[]; name: RegExp };
}

export interface Framework {
  name: string;
  modules: readonly FrameworkModule[];
  /** Factories known by their usual names when no import binds them: `express()`, `new Koa()`. */
  globalFactories?: Readonly<Record<string, OwnerKind>>;
  memberFactories?: readonly MemberFactory[];
  /** Methods named after HTTP verbs that register a route: `app.get(path, …handlers)`. */
  verbs: readonly string[];
  /** `app.route(path).get(h).post(h)`: a method whose result takes verb calls. */
  chainedRouteMethod?: string;
  /** `router.get('name', '/path', handler)`: a route name may come before the path. */
  namedRoutes?: boolean;
  /** `server.get({ path: '/p', name }, handler)`: the path in an options object first. */
  pathOptionKeys?: readonly string[];
  /** Keys of a route's options whose values run before its handler (`{ preHandler }`). */
  routeHookKeys?: readonly string[];
  /** `app.route({ method, url | path, handler, options })`: routes declared as objects. */
  routeObjectMethod?: string;
  /** `app.route('/api', subApp)`: a method that mounts a sub-application at a path. */
  pathMountMethod?: string;
  /** `app.use(path?, …middleware | routers)`: middleware in order, and mounted routers. */
  useMethod?: string;
  /** Methods whose result `use` mounts as routes: `app.use(router.routes())`. */
  mountedResultMethods?: readonly string[];
  /** Middleware that runs for every request whatever the order of registration. */
  preRoutingMethods?: readonly string[];
  /** `app.addHook('onRequest', fn)`: hooks by event name, run before every handler. */
  hooks?: { method: string; events: readonly string[] };
  /** `app.register(plugin, { prefix })`: encapsulated plugins with their own instance. */
  plugins?: { method: string; prefixOption: string; wrappers: readonly string[] };
  /** `router.applyRoutes(server, prefix)`: a router that mounts itself on its first argument. */
  applyRoutesMethod?: string;
  /** `server.auth.default('jwt')`: a default authentication strategy for every route. */
  defaultAuth?: { object: string; method: string };
}

// --- Static folders -------------------------------------------------------------------------
// How a framework serves a folder as static files. Kept as one block (an interface merged into
// `Framework`) so it reads, and merges, apart from the route-registration fields above.

/** A function that serves a folder as static files, and where its folder is. */
export interface StaticFolders {
  /** Module specifiers it comes from, as imported or required (`serve-static`, `hono/bun`). */
  modules: readonly string[];
  /**
   * Export path from the module to the function, read the CommonJS way (a default import is the
   * module itself): `[]` for `serveStatic(root)`, `['static']` for `express.static(root)`,
   * `['plugins', 'serveStatic']` for `restify.plugins.serveStatic({ directory })`.
   */
  export: readonly string[];
  /**
   * Where the folder is among the arguments the function receives (for a registered plugin, the
   * arguments after it): argument `argument`, or its `option` key when it is an options object.
   */
  folder: { argument: number; option?: string };
  /** A plugin given to the framework's `plugins.method`, not called: `app.register(plugin, { root })`. */
  registered?: boolean;
  /** Names it is called by when no import says where it comes from: `express.static`, `serveStatic`. */
  usualNames?: readonly string[];
}

export interface Framework {
  /** How the framework (or its usual middleware) serves a folder as static files. */
  staticFolders?: readonly StaticFolders[];
}
