/**
 * Which endpoints of the linted file are exposed without authentication while they serve patient
 * data: routes of the route graph (with the owner's verdict — authenticated by an earlier `use`,
 * a hook, hapi's default strategy or every mount of it; registered before its authentication;
 * mounted in another file; or on a router whose mount point is unknown), routers of other modules
 * mounted here with nothing authenticating before them, controller routes with no guard, and
 * file routes (Next.js) with no session check and no middleware covering them.
 */
import { dirname, relative, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import {
  type Controller,
  type DecoratedRoute,
  decoratorsGuard,
  hasGlobalGuard,
  mentionsControllers,
  publicMarker,
} from '../decorated-routes';
import {
  type FileRoute,
  type FileRouteHandler,
  fileRouteHandlers,
  fileRouteOf,
  middlewareCovers,
} from '../file-routes';
import {
  isAuthMiddleware,
  joinPaths,
  type Mount,
  type Owner,
  pathCovers,
  type ProgramRoutes,
  propertyValue,
  type Route,
} from '../routes';
import type { EndpointFile } from './file';
import { fileOf } from './delegates';
import {
  handlerChecksAuth,
  handlerFunction,
  type HandlerFunction,
  patientDataTouched,
} from './handlers';
import { type FunctionNode, isFunctionNode, unwrap } from '../ast';
import { importedFunction } from '../imported-functions';
import { SERVER_FUNCTION_DIRECTIVES } from '../frameworks';
import {
  type ExposedRoute,
  exposedRoute,
  type ForeignOwner,
  MAX_MOUNT_DEPTH,
  resolveMountedModule,
} from './mounts';
import { type Attachment, attachmentsOf } from './attachments';
import { uploadBeforeAuth, type UploadBeforeAuth } from './uploads';
import { siblingsAuthenticate } from './siblings';
import { routeServesPatientData, type RouteEvidence } from './patient-data';

/** A route of the linted file that serves patient data and that nothing shows authenticated. */
export interface RouteExposure {
  /** The route's full path through its mounts in this file; undefined when not a literal. */
  path: string | undefined;
  evidence: RouteEvidence;
  /**
   * `exposed`: nothing authenticates it (`laterAuth`: an authenticating `use` registered after
   * it); `unknown`: its router's mount point is not found in the project.
   */
  kind: 'exposed' | 'unknown';
  laterAuth?: TSESTree.Node;
  /**
   * The mount or registrar call, in another module or this one, through which an app serves the
   * route with nothing authenticating before it (`app.use('/api', patients)` in app.js).
   */
  attachedAt?: AttachedAt;
  /** The route authenticates, but an upload middleware before that stores what anyone sends. */
  uploadBeforeAuth?: UploadBeforeAuth;
}

/** Where a router's routes are attached to the app that serves them unauthenticated. */
export interface AttachedAt {
  file: string;
  /** The file as the message names it: relative to the linted file's folder (`../app.js`). */
  display?: string;
  /** The mounted router in the mount, or the registrar call. */
  at: TSESTree.Node;
  /** The route's full path as served from there, when static. */
  path: string | undefined;
}

/** A router of another module, mounted here, whose routes serve patient data unauthenticated. */
export interface MountExposure {
  foreign: ForeignOwner;
  exposed: ExposedRoute;
}

/** A controller route with no guard, or opted out of the global guard by `publicDecorator`. */
export interface ControllerRouteExposure {
  route: DecoratedRoute;
  evidence: RouteEvidence;
  publicDecorator?: string;
}

/** A handler of a route file with no session check and no middleware covering it. */
export interface FileRouteExposure {
  handler: FileRouteHandler;
  fn: HandlerFunction;
  evidence: RouteEvidence;
}

type Verdict =
  | { kind: 'protected' }
  | { kind: 'unknown' }
  | { kind: 'exposed'; laterAuth?: TSESTree.Node; attachedAt?: AttachedAt };

/** A cheap test before any analysis: a route file, a framework call or a controller decorator. */
export function mayDeclareEndpoints(filename: string, text: string): boolean {
  return (
    fileRouteOf(filename) !== undefined ||
    /\.(get|post|put|patch|delete|del|all|route|use|register|addHook)\s*[<(]/.test(text) ||
    mentionsControllers(text) ||
    [...SERVER_FUNCTION_DIRECTIVES].some((directive) => text.includes(directive))
  );
}

/** Whether a route of the linted file serves patient data with nothing authenticating it. */
export function routeExposure(
  route: Route,
  f: EndpointFile,
  handled?: { fn: FunctionNode; file: EndpointFile },
): RouteExposure | undefined {
  // An upload stored before the route's authentication runs is exposed all the same.
  const uploadFirst = uploadBeforeAuth(route, f);
  if (!uploadFirst && routeAuthenticates(route, f)) return undefined;
  const path = joinPaths(firstMountPrefix(route.owner, f.routes), route.path);
  const evidence = handled
    ? (routeServesPatientData(path, undefined, f) ?? patientDataTouched(handled.fn, handled.file))
    : (routeServesPatientData(path, route.handler, f) ?? siblingsAuthenticate(route, path, f));
  if (!evidence) return undefined;
  const authOption = route.options ? propertyValue(route.options, 'auth') : undefined;
  // Hapi `options.auth: false` opts the route out of the server's default strategy.
  const optedOut = authOption?.type === AST_NODE_TYPES.Literal && authOption.value === false;
  const verdict: Verdict = optedOut
    ? { kind: 'exposed' }
    : ownerVerdict(route.owner, route.call.range[0], path, f, 0);
  if (verdict.kind === 'protected') return undefined;
  if (verdict.kind === 'unknown')
    return uploadFirst ? undefined : { path, evidence, kind: 'unknown' };
  const { laterAuth } = verdict;
  const attachedAt = verdict.attachedAt && {
    ...verdict.attachedAt,
    display: relativePath(f.file, verdict.attachedAt.file),
  };
  return {
    path: attachedAt ? attachedAt.path : path,
    evidence,
    kind: 'exposed',
    laterAuth,
    attachedAt,
    uploadBeforeAuth: uploadFirst,
  };
}

/**
 * A function mounted at a path (`app.use('/adt-a31', hl7Controller)`) that handles requests:
 * inline, declared in the module or imported, with the two parameters of a handler `(req, res)`
 * (a middleware takes `next`, a router is no function of two). Judged as a route of every
 * method below the path, with what the function touches as evidence.
 */
export function handlerMountExposure(route: Route, f: EndpointFile): RouteExposure | undefined {
  const handler = route.handler && unwrap(route.handler);
  if (!handler) return undefined;
  let handled: { fn: FunctionNode; file: EndpointFile } | undefined;
  if (isFunctionNode(handler)) handled = { fn: handler, file: f };
  else if (handler.type === AST_NODE_TYPES.Identifier) {
    const local = handlerFunction(handler, f.program);
    if (local) handled = { fn: local, file: f };
    else {
      const imported = importedFunction(handler, f.program, f.file);
      if (imported) handled = { fn: imported.fn, file: fileOf(imported.module, f) };
    }
  }
  if (!handled || handled.fn.params.length !== 2) return undefined;
  if (handlerChecksAuth(handled.fn, handled.file)) return undefined;
  return routeExposure(route, f, handled);
}

/** Whether a mount of the linted file exposes a foreign router's patient-data routes. */
export function mountExposure(mount: Mount, f: EndpointFile): MountExposure | undefined {
  // Same-file routers are judged route by route (routeExposure walks their mounts).
  if (mount.childOwner && f.routes.routes.some((r) => r.owner.key === mount.childOwner!.key))
    return undefined;
  const foreign = resolveMountedModule(mount.child, f.program, f.file);
  if (!foreign) return undefined;
  const exposed = exposedRoute(foreign, f, mount.path);
  if (!exposed) return undefined;
  if (mount.before.some((n) => isAuthMiddleware(n, f.authNames, f.textOf))) return undefined;
  const verdict = ownerVerdict(mount.parent, mount.call.range[0], mount.path, f, 0);
  return verdict.kind === 'exposed' ? { foreign, exposed } : undefined;
}

/** The routes of a controller that serve patient data with no guard, in source order. */
export function controllerExposures(
  controller: Controller,
  f: EndpointFile,
): ControllerRouteExposure[] {
  const { framework, cls } = controller;
  if (decoratorsGuard(cls.decorators, framework, f.authNames)) return [];
  const classPublic = publicMarker(cls.decorators, framework);
  const found: ControllerRouteExposure[] = [];
  let global: boolean | undefined;
  for (const route of controller.routes) {
    const { member, path } = route;
    if (decoratorsGuard(member.decorators, framework, f.authNames)) continue;
    const evidence = routeServesPatientData(path, member.value, f);
    if (!evidence) continue;
    const publicDecorator = publicMarker(member.decorators, framework) ?? classPublic;
    global ??= hasGlobalGuard(f.file, framework);
    if (global && !publicDecorator) continue;
    found.push({ route, evidence, publicDecorator });
  }
  return found;
}

/** The handlers of a route file that serve patient data with no session check, in source order. */
export function fileRouteExposures(route: FileRoute, f: EndpointFile): FileRouteExposure[] {
  const found: FileRouteExposure[] = [];
  let middleware: boolean | undefined;
  for (const handler of fileRouteHandlers(f.program, route)) {
    const value = handler.value;
    // withAuth(handler), withApiAuthRequired(async (req, res) => …)
    const wrapped =
      value.type === AST_NODE_TYPES.CallExpression &&
      isAuthMiddleware(value.callee, f.authNames, f.textOf);
    const fn = handlerFunction(value, f.program);
    if (wrapped || !fn) continue;
    if (handlerChecksAuth(fn, f)) continue;
    const evidence = routeServesPatientData(route.path, fn, f);
    if (!evidence) continue;
    middleware ??= middlewareCovers(route, f.authNames);
    if (middleware) continue;
    found.push({ handler, fn, evidence });
  }
  return found;
}

/**
 * Whether an owner is authenticated at a position: earlier `use(auth)` covering the path,
 * Fastify hooks, Hapi default auth, or every mount of it authenticated. `unknown` when the
 * owner is a router whose mount point cannot be found; a router mounted by another module, or a
 * registrar's parameter, is judged by the places that attach it (attachments.ts).
 */
function ownerVerdict(
  owner: Owner,
  position: number,
  path: string | undefined,
  f: EndpointFile,
  depth: number,
): Verdict {
  const authenticates = (n: TSESTree.Node) => isAuthMiddleware(n, f.authNames, f.textOf);
  let laterAuth: TSESTree.Node | undefined;
  for (const use of f.routes.uses) {
    if (use.owner.key !== owner.key || !pathCovers(use.path, path)) continue;
    if (!use.middleware.some(authenticates)) continue;
    if (use.orderIndependent || use.call.range[0] < position) return { kind: 'protected' };
    laterAuth ??= use.call;
  }
  if (f.routes.hapiDefaultAuth.has(owner.key)) return { kind: 'protected' };
  const mounts = f.routes.mounts.filter((m) => m.childOwner?.key === owner.key);
  if (mounts.length > 0 && depth < MAX_MOUNT_DEPTH) {
    for (const mount of mounts) {
      if (mount.before.some(authenticates)) continue;
      const parentPath = joinPaths(mount.path, stripPrefix(path, mount.path));
      const parent = ownerVerdict(mount.parent, mount.call.range[0], parentPath, f, depth + 1);
      if (parent.kind !== 'protected') return parent;
    }
    return { kind: 'protected' };
  }
  const created = owner.kind !== 'unknown' && owner.kind !== 'router' && !owner.param;
  if (!created && depth < MAX_MOUNT_DEPTH) {
    const attachments = attachmentsOf(owner, f);
    if (attachments.length > 0) {
      const attached = attachedVerdict(attachments, path, depth);
      if (attached.kind !== 'exposed' || !laterAuth) return attached;
    }
  }
  if (created) return { kind: 'exposed', laterAuth };
  return laterAuth ? { kind: 'exposed', laterAuth } : { kind: 'unknown' };
}

/**
 * The verdict on a router or registrar parameter from the places that attach it: exposed when
 * one of them serves it with nothing authenticating before it (the first such place is named),
 * unknown when one leads to an owner whose own mount is not found, protected otherwise.
 */
function attachedVerdict(
  attachments: readonly Attachment[],
  path: string | undefined,
  depth: number,
): Verdict {
  let unknown = false;
  for (const attachment of attachments) {
    const there = attachment.file;
    if (attachment.before.some((n) => isAuthMiddleware(n, there.authNames, there.textOf))) continue;
    const fullPath = joinPaths(attachment.path, path);
    const verdict = ownerVerdict(
      attachment.parent,
      attachment.call.range[0],
      fullPath,
      there,
      depth + 1,
    );
    if (verdict.kind === 'protected') continue;
    if (verdict.kind === 'unknown') {
      unknown = true;
      continue;
    }
    return {
      kind: 'exposed',
      attachedAt: verdict.attachedAt ?? { file: there.file, at: attachment.at, path: fullPath },
    };
  }
  return unknown ? { kind: 'unknown' } : { kind: 'protected' };
}

/** Whether the route itself authenticates: middleware, hapi `options.auth`, a check in its handler. */
function routeAuthenticates(route: Route, f: EndpointFile): boolean {
  if (route.middleware.some((n) => isAuthMiddleware(n, f.authNames, f.textOf))) return true;
  // Hapi: options.auth set to a strategy (not false).
  if (route.options) {
    const auth = propertyValue(route.options, 'auth');
    if (auth) return !(auth.type === AST_NODE_TYPES.Literal && auth.value === false);
    if (route.owner.kind === 'hapi' && f.routes.hapiDefaultAuth.has(route.owner.key)) return true;
  }
  const fn = route.handler ? handlerFunction(route.handler, f.program) : undefined;
  return fn !== undefined && handlerChecksAuth(fn, f);
}

function firstMountPrefix(owner: Owner, routes: ProgramRoutes): string | undefined {
  const mount = routes.mounts.find((m) => m.childOwner?.key === owner.key);
  if (!mount) return undefined;
  const parentPrefix = routes.mounts.some((m) => m.childOwner?.key === mount.parent.key)
    ? firstMountPrefix(mount.parent, {
        ...routes,
        mounts: routes.mounts.filter((m) => m !== mount),
      })
    : undefined;
  return joinPaths(parentPrefix, mount.path);
}

function relativePath(from: string, to: string): string {
  const path = relative(dirname(from), to).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function stripPrefix(path: string | undefined, prefix: string | undefined): string | undefined {
  if (!path || !prefix) return path;
  const base = prefix.replace(/\/+$/, '');
  return path.startsWith(base) ? path.slice(base.length) || '/' : path;
}
