/**
 * The web frameworks route discovery knows, one module each, and the facts route discovery reads
 * from all of them at once (owners are often of unknown kind — a router received as a parameter —
 * so every registration shape applies to every receiver).
 */
import { express } from './express';
import { fastify } from './fastify';
import type { Framework, FrameworkModule, MemberFactory, OwnerKind } from './framework';
import { hapi } from './hapi';
import { hono } from './hono';
import { koa } from './koa';
import { nestjs } from './nestjs';
import { nextjs } from './nextjs';
import { restify } from './restify';

export type {
  DecoratorRoutes,
  FileRouter,
  FileRoutes,
  Framework,
  OwnerKind,
  RequestInput,
} from './framework';

export const FRAMEWORKS: readonly Framework[] = [
  express,
  fastify,
  koa,
  hono,
  hapi,
  restify,
  nestjs,
  nextjs,
];

const union = (pick: (framework: Framework) => readonly string[] | string | undefined) =>
  new Set(
    FRAMEWORKS.flatMap((framework) => {
      const value = pick(framework);
      return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    }),
  );

/** Methods named after HTTP verbs that register a route on any framework. */
export const HTTP_METHODS: ReadonlySet<string> = union((f) => f.verbs);
export const CHAINED_ROUTE_METHODS = union((f) => f.chainedRouteMethod);
export const ROUTE_OBJECT_METHODS = union((f) => f.routeObjectMethod);
export const PATH_MOUNT_METHODS = union((f) => f.pathMountMethod);
export const USE_METHODS = union((f) => f.useMethod);
export const PRE_ROUTING_METHODS = union((f) => f.preRoutingMethods);
export const MOUNTED_RESULT_METHODS = union((f) => f.mountedResultMethods);
export const ROUTE_HOOK_KEYS: readonly string[] = [...union((f) => f.routeHookKeys)];
export const PATH_OPTION_KEYS: readonly string[] = [...union((f) => f.pathOptionKeys)];
export const APPLY_ROUTES_METHODS = union((f) => f.applyRoutesMethod);
export const NAMED_ROUTES = FRAMEWORKS.some((f) => f.namedRoutes);
export const HOOKS = FRAMEWORKS.flatMap((f) => (f.hooks ? [f.hooks] : []));
export const PLUGINS = FRAMEWORKS.flatMap((f) => (f.plugins ? [f.plugins] : []));
export const DEFAULT_AUTH = FRAMEWORKS.flatMap((f) => (f.defaultAuth ? [f.defaultAuth] : []));
/** Frameworks whose routes are decorated methods of controller classes (NestJS). */
export const DECORATOR_ROUTES = FRAMEWORKS.flatMap((f) => (f.decorators ? [f.decorators] : []));
/** Frameworks whose routes are files (Next.js). */
export const FILE_ROUTES = FRAMEWORKS.flatMap((f) => (f.fileRoutes ? [f.fileRoutes] : []));
/** Directives that make functions endpoints: `'use server'`. */
export const SERVER_FUNCTION_DIRECTIVES: ReadonlySet<string> = new Set(
  FRAMEWORKS.flatMap((f) => (f.serverFunctions ? [f.serverFunctions.directive] : [])),
);

const REQUEST_INPUTS = FRAMEWORKS.flatMap((f) => (f.requestInput ? [f.requestInput] : []));
/** Where handlers find what the client sent, from every framework: `req.body`, `@Body()`, `request.json()`. */
export const REQUEST_INPUT = {
  members: new Set(REQUEST_INPUTS.flatMap((r) => r.members ?? [])),
  parameterDecorators: new Set(REQUEST_INPUTS.flatMap((r) => r.parameterDecorators ?? [])),
  bodyMethods: new Set(REQUEST_INPUTS.flatMap((r) => r.bodyMethods ?? [])),
  formDataTypes: new Set(REQUEST_INPUTS.flatMap((r) => r.formData?.types ?? [])),
  formDataFieldMethods: new Set(REQUEST_INPUTS.flatMap((r) => r.formData?.fieldMethods ?? [])),
} as const;

/** Every method through which a call may register a route, a mount, a hook or auth. */
export const REGISTERING_METHODS: ReadonlySet<string> = new Set([
  ...CHAINED_ROUTE_METHODS,
  ...ROUTE_OBJECT_METHODS,
  ...PATH_MOUNT_METHODS,
  ...USE_METHODS,
  ...PRE_ROUTING_METHODS,
  ...APPLY_ROUTES_METHODS,
  ...HOOKS.map((h) => h.method),
  ...PLUGINS.map((p) => p.method),
  ...DEFAULT_AUTH.map((a) => a.method),
]);

/** The framework module a specifier names, if any. */
export function frameworkModule(specifier: string): FrameworkModule | undefined {
  for (const framework of FRAMEWORKS) {
    for (const module of framework.modules) {
      const matches =
        typeof module.specifier === 'string'
          ? module.specifier === specifier
          : module.specifier.test(specifier);
      if (matches) return module;
    }
  }
  return undefined;
}

/** What calling a binding of a framework module creates, by the binding's local name. */
export function bindingCreates(module: FrameworkModule, localName: string): OwnerKind | undefined {
  return module.byLocalName?.[localName] ?? module.creates;
}

const GLOBAL_FACTORIES = new Map<string, OwnerKind>(
  FRAMEWORKS.flatMap((f) => Object.entries(f.globalFactories ?? {})),
);

/** What a factory called by a name that no import binds creates: `express()`, `new Koa()`. */
export function globalFactory(name: string): OwnerKind | undefined {
  return GLOBAL_FACTORIES.get(name);
}

const MEMBER_FACTORIES: readonly MemberFactory[] = FRAMEWORKS.flatMap(
  (f) => f.memberFactories ?? [],
);

/**
 * What `namespace.method()` creates: `express.Router()`, `Hapi.server()`,
 * `restify.createServer()`. `namespaceModule` is the module the namespace is bound to, if any.
 */
export function memberFactory(
  method: string,
  namespaceName: string,
  namespaceModule: string | undefined,
): OwnerKind | undefined {
  for (const factory of MEMBER_FACTORIES) {
    if (factory.method !== method) continue;
    const ns = factory.namespace;
    if (!ns) return factory.creates;
    if (
      (namespaceModule !== undefined && ns.modules.includes(namespaceModule)) ||
      ns.name.test(namespaceName)
    )
      return factory.creates;
  }
  return undefined;
}
