/**
 * What a web framework tells route discovery, as data: how its applications and routers are
 * created, and which calls register routes, middleware, hooks, mounted routers and plugins; for
 * frameworks that declare routes otherwise, which decorators (`decorators`) or which files and
 * exports (`fileRoutes`) do. One module per framework implements this; `model/routes.ts`,
 * `model/decorated-routes.ts` and `model/file-routes.ts` read all of them, so a rule never names
 * a framework.
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

/**
 * Routes declared by decorators on controller classes: a class decorator gives the base path, a
 * method decorator the verb and the path, other decorators the guards and the opt-outs.
 */
export interface DecoratorRoutes {
  /**
   * Class decorators that make a class a controller; their first argument (a path, or an options
   * object's `path`) prefixes the paths of its routes: `@Controller('patients')`.
   */
  controllers: readonly string[];
  /** Method decorators that register a route, with the verb each registers: `@Get(':id')`. */
  routes: Readonly<Record<string, string>>;
  /** Decorators whose arguments are guards run before the handler: `@UseGuards(JwtAuthGuard)`. */
  guards: readonly string[];
  /** Guards that only limit requests and authenticate nobody: `ThrottlerGuard`. */
  notAuthenticating: RegExp;
  /** Prefixes of decorators that document and never guard: `@ApiBearerAuth()`. */
  documenting: readonly string[];
  /** Decorators that exempt a controller or a handler from a global guard: `@Public()`. */
  publicMarkers: readonly string[];
  /** `@SetMetadata('isPublic', true)`: metadata decorators, an exemption when the key matches. */
  publicMetadata: { decorators: readonly string[]; key: RegExp };
  /** Guards for every route of the application, declared in any file of the project. */
  globalGuards: {
    /** `app.useGlobalGuards(new JwtAuthGuard())`. */
    methods: readonly string[];
    /** `{ provide: APP_GUARD, useClass: JwtAuthGuard }`: the provider tokens… */
    providerTokens: readonly string[];
    /** …and the keys whose value is the guard, first found first. */
    providerKeys: readonly string[];
  };
  /** What a suggestion adds to guard a controller: `@UseGuards(AuthGuard('jwt'))` and imports. */
  guardFix: {
    decorator: string;
    /** The module the decorator is imported from. */
    from: string;
    /** The guard when the configuration names none, and the binding it imports. */
    defaultGuard: { expression: string; name: string; from: string };
    /** A configured authentication helper is a guard when its name matches: `JwtAuthGuard`. */
    guardName: RegExp;
  };
}

/**
 * One file-based router: where its route files are, how their path gives the route's path, and
 * which exports handle requests.
 */
export interface FileRouter {
  /** `pages`, `app`: the router's name. */
  name: string;
  /** The folder holding the routes: the last folder so named in a file's path. */
  folder: string;
  /** A folder that must follow it, kept in the route's path: `pages/api/…` is `/api/…`. */
  subfolder?: string;
  /**
   * The name a route file has (`route.ts`), its folder being the route's path; when absent every
   * file is a route named by its file name without extension, `indexName` naming its folder.
   */
  fileName?: RegExp;
  indexName?: string;
  /** Folders left out of the path: route groups `(lab)`, parallel slots `@modal`. */
  hiddenFolders?: RegExp;
  /** Exports that handle requests (`default` for the default export), with the verb each answers (`*`: every verb). */
  handlers: Readonly<Record<string, string>>;
  /**
   * How a handler refuses a request with no session, for suggestions: the handler's parameters
   * the session lookup takes (by position, with the names used when a parameter is not a plain
   * identifier) and the statements answering 401, `{res}` standing for the second parameter.
   */
  refusal: { lookupParams: readonly string[]; statements: readonly string[] };
}

/** Routes declared by files: routers, their dynamic segments, and the middleware before them. */
export interface FileRoutes {
  routers: readonly FileRouter[];
  /** A folder the routes folder may sit in below the project folder: `src/pages`. */
  sourceFolders: readonly string[];
  /** A dynamic segment, its parameter's name in group 1: `[id]`, `[...slug]`, `[[...slug]]`. */
  dynamicSegment: RegExp;
  /** Middleware run before every route its matcher covers, in the project folder or a source folder. */
  middleware?: {
    /** The file's name without extension, and the extensions tried in order. */
    name: string;
    extensions: readonly string[];
    /** `export const config = { matcher: '/api/:path*' | [ '/a', { source: '/b' } ] }`. */
    configExport: string;
    matcherKey: string;
    matcherSourceKey: string;
    /** A middleware file whose text matches this authenticates (the libraries' helpers, a 401). */
    authenticates: RegExp;
  };
}

export interface Framework {
  name: string;
  /** Modules whose bindings create owners of call-registered routes (none for the others). */
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
  /** Routes declared by decorators on controller classes (NestJS). */
  decorators?: DecoratorRoutes;
  /** Routes declared by files and their exports (Next.js). */
  fileRoutes?: FileRoutes;
  /**
   * Functions the framework exposes as endpoints by a directive: a module whose first statement
   * is the directive exports them all, a function whose body starts with it is one (React
   * Server Functions, Next.js server actions: `'use server'`).
   */
  serverFunctions?: { directive: string };
  /** Where handlers find what the client sent (request-input.ts reads every framework's). */
  requestInput?: RequestInput;
}

/**
 * What the client sent, as a handler reads it: members of the request object, decorated
 * parameters, methods that resolve to the body, and form data received as a parameter.
 */
export interface RequestInput {
  /** Members of the request object (`req`, `request`, `ctx`) holding it: `req.body`, `request.payload`. */
  members?: readonly string[];
  /** Parameter decorators whose parameter holds it, a string argument naming one field: `@Body() dto`, `@Query('id') id`. */
  parameterDecorators?: readonly string[];
  /** Methods of the request that resolve to the body: `await request.json()`, `await req.formData()`. */
  bodyMethods?: readonly string[];
  /**
   * Form data: the type a parameter holding it is declared with (a server action's `formData:
   * FormData`), and the methods reading one field by name (`formData.get('dob')`); what
   * `bodyMethods` resolve to is read with them too.
   */
  formData?: { types: readonly string[]; fieldMethods: readonly string[] };
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
