import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { findProjectConfig } from '../config/project-config';
import { type HealthModel, healthModel } from '../model';
import type { Classifier } from '../model/classifier';
import {
  exportedValue,
  importedBinding,
  importStem,
  loadModule,
  projectFilesMentioning,
  projectRoot,
  type ProjectModule,
  requiredSpecifier,
  resolveImport,
  sameFile,
} from '../model/project-graph';
import {
  type Controller,
  decoratorsGuard,
  discoverControllers,
  hasGlobalGuard,
  mentionsControllers,
  publicMarker,
} from '../model/decorated-routes';
import {
  type FileRoute,
  fileRouteHandlers,
  fileRouteOf,
  middlewareCovers,
} from '../model/file-routes';
import {
  discoverRoutes,
  importPathFor,
  isAuthMiddleware,
  isAuthName,
  isFunction,
  joinPaths,
  type Mount,
  type Owner,
  pathCovers,
  type ProgramRoutes,
  propertyValue,
  type Route,
  staticSegments,
} from '../model/routes';
import { looksLikeSql, scanSql, tablesRead } from '../model/sql';
import { RECORD_LOOKUP_METHODS, RECORD_WRITES, ROW_READ_METHODS } from '../model/apis';
import { walk } from '../model/ast';
import { tokenize } from '../model/tokens';
import { FHIR_PATIENT_RESOURCES } from '../model/vocabulary';
import { createRule } from '../util/create-rule';
import { addNamedImport } from '../fix/imports';
import { describeLiteralForMessage } from '../util/redact';
import { noteRelated } from '../model/related';

type Options = [{ reportUnknownMounts?: boolean }];
type MessageIds =
  | 'unauthenticated'
  | 'registeredBeforeAuth'
  | 'mountedWithoutAuth'
  | 'unknownMount'
  | 'unguardedController'
  | 'publicOptOut'
  | 'nextUnauthenticated'
  | 'addAuthMiddleware'
  | 'addUseGuards'
  | 'addSessionCheck';

type Fn =
  TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

/** Path words that name patient data beyond the classifier's containers: `/results`, `/resultats`. */
const PATIENT_PATH_WORDS = new Set([
  'result',
  'results',
  'resultat',
  'resultats',
  'examens',
  'observations',
  'diagnostics',
  'prescriptions',
  'medical',
  'ehr',
  'emr',
]);

/** Routes that exist to authenticate, or to tell a load balancer the service is up. */
const LOGIN_WORDS = new Set([
  'login',
  'logout',
  'signin',
  'signout',
  'signup',
  'register',
  'token',
  'oauth',
  'oauth2',
  'callback',
  'authorize',
  'auth',
  'session',
  'sessions',
  'password',
  'forgot',
  'reset',
  'connexion',
  'deconnexion',
  'inscription',
  'well-known',
  '.well-known',
  'jwks',
]);
const HEALTH_CHECK_WORDS = new Set([
  'health',
  'healthz',
  'healthcheck',
  'ping',
  'status',
  'ready',
  'readyz',
  'live',
  'livez',
  'liveness',
  'readiness',
  'metrics',
  'version',
  'metadata',
  'favicon',
]);

const MAX_MOUNT_DEPTH = 4;

interface Scope {
  reason: string;
}

export default createRule<Options, MessageIds>({
  name: 'no-unauthenticated-endpoint',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow routes serving or accepting patient data without authentication',
      preset: 'recommended',
      cnilFinding: 'Part of the server reachable from the internet with no authentication',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(d)', 'CWE-306', 'OWASP-API2'],
      securitySeverity: 9.1,
      strictOptions: [{ reportUnknownMounts: true }],
    },
    hasSuggestions: true,
    messages: {
      unauthenticated:
        '{{method}} {{path}} serves patient data ({{reason}}) with no authentication in its chain: anyone who can reach the server can read it, as CNIL found on the Dedalus server (GDPR art. 32).',
      registeredBeforeAuth:
        '{{method}} {{path}} serves patient data ({{reason}}) but is registered before `{{auth}}` (line {{line}}), so that authentication never runs for it (GDPR art. 32).',
      mountedWithoutAuth:
        'Router `{{router}}` ({{file}}) serves patient data ({{route}}) and is mounted here with no authentication before it: its routes are reachable by anyone (GDPR art. 32).',
      unknownMount:
        '{{method}} {{path}} serves patient data ({{reason}}) on `{{router}}`, whose mount point is not found in the project, so nothing shows it is authenticated (GDPR art. 32).',
      unguardedController:
        '{{method}} {{path}} serves patient data ({{reason}}) with no guard on the handler, its controller or the application: anyone can call it (GDPR art. 32).',
      publicOptOut:
        '{{method}} {{path}} serves patient data ({{reason}}) but `@{{decorator}}()` opts it out of the global authentication guard (GDPR art. 32).',
      nextUnauthenticated:
        '{{method}} {{path}} serves patient data ({{reason}}) with no session check before the data is read and no middleware.ts matcher covering it (GDPR art. 32).',
      addAuthMiddleware: 'Run `{{name}}` before this handler.',
      addUseGuards: 'Add `@UseGuards({{guard}})` to the controller.',
      addSessionCheck: 'Return 401 at the top of the handler when `{{name}}` finds no session.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportUnknownMounts: {
            type: 'boolean',
            description:
              'Also report patient-data routes of a router or plugin whose mount point cannot be found in the project (on in the strict preset).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ reportUnknownMounts: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const filename = context.filename;
    const reportUnknown = options.reportUnknownMounts === true;
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));
    const textOf = (node: TSESTree.Node) => sourceCode.getText(node);

    return {
      'Program:exit'(program: TSESTree.Program) {
        const text = sourceCode.text;
        // Cheap bail-out: no framework call or decorator shapes in the file.
        const fileRoute = fileRouteOf(filename);
        if (
          !fileRoute &&
          !/\.(get|post|put|patch|delete|del|all|route|use|register|addHook)\s*[<(]/.test(text) &&
          !mentionsControllers(text)
        )
          return;
        const m = getModel();
        const extra = m.config.auth.middleware;
        const routes = discoverRoutes(program);
        const local: Analysis = {
          file: filename,
          program,
          routes,
          textOf,
          classifier: m.classifier,
          model: m,
        };

        for (const route of routes.routes) checkRoute(route, local, extra);
        for (const mount of routes.mounts) checkMount(mount, local, extra);
        for (const controller of discoverControllers(program))
          checkController(controller, local, extra);
        if (fileRoute) checkFileRoute(program, fileRoute, local, extra);
      },
    };

    function checkRoute(route: Route, a: Analysis, extra: readonly string[]): void {
      if (routeAuthenticates(route, a, extra)) return;
      const fullPath = joinPaths(firstMountPrefix(route.owner, a.routes), route.path);
      const scope = routeScope(fullPath, route.handler, a);
      if (!scope) return;
      const authOption = route.options ? propertyValue(route.options, 'auth') : undefined;
      // Hapi `options.auth: false` opts the route out of the server's default strategy.
      const optedOut = authOption?.type === AST_NODE_TYPES.Literal && authOption.value === false;
      const verdict = optedOut
        ? ({ kind: 'exposed' } as Verdict)
        : ownerVerdict(route.owner, route.call.range[0], fullPath, a, extra, 0);
      if (verdict.kind === 'protected') return;
      const method = route.method.toUpperCase();
      const path = fullPath === undefined ? '(dynamic path)' : pathForMessage(fullPath);
      if (verdict.kind === 'elsewhere') return;
      if (verdict.kind === 'unknown') {
        if (!reportUnknown) return;
        context.report({
          node: route.call,
          messageId: 'unknownMount',
          data: { method, path, reason: scope.reason, router: route.owner.name },
          suggest: middlewareSuggestion(route),
        });
        return;
      }
      if (verdict.laterAuth) {
        context.report({
          node: route.call,
          messageId: 'registeredBeforeAuth',
          data: {
            method,
            path,
            reason: scope.reason,
            auth: shortText(textOf(verdict.laterAuth.node)),
            line: String(verdict.laterAuth.node.loc.start.line),
          },
          suggest: middlewareSuggestion(route),
        });
        return;
      }
      context.report({
        node: route.call,
        messageId: 'unauthenticated',
        data: { method, path, reason: scope.reason },
        suggest: middlewareSuggestion(route),
      });
    }

    function middlewareSuggestion(route: Route): TSESLint.ReportSuggestionArray<MessageIds> {
      const fix = getModel().config.auth.fix;
      const target = route.firstHandlerArg;
      if (!fix || !target) return [];
      return [
        {
          messageId: 'addAuthMiddleware',
          data: { name: fix.name },
          fix: (fixer) => [
            fixer.insertTextBefore(target, `${fix.name}, `),
            ...addNamedImport(fixer, sourceCode, context.filename, {
              name: fix.name,
              from: importPathFor(fix, filename, configFile()),
            }),
          ],
        },
      ];
    }

    function configFile(): string | undefined {
      return findProjectConfig(filename).file;
    }

    function checkMount(mount: Mount, a: Analysis, extra: readonly string[]): void {
      // Same-file routers are judged route by route (checkRoute walks their mounts).
      if (mount.childOwner && a.routes.routes.some((r) => r.owner.key === mount.childOwner!.key))
        return;
      const foreign = resolveMountedModule(mount.child, a.program, a.file, a.routes);
      if (!foreign) return;
      const exposed = exposedRoute(foreign, a.classifier, mount.path, extra, 0, new Set());
      if (!exposed) return;
      if (mount.before.some((n) => isAuthMiddleware(n, extra, textOf))) return;
      const verdict = ownerVerdict(mount.parent, mount.call.range[0], mount.path, a, extra, 0);
      if (verdict.kind !== 'exposed') return;
      const fix = getModel().config.auth.fix;
      // The exposed route lives in the mounted module: the editor and SARIF link to it there.
      noteRelated(context, mount.child, [
        {
          filename: exposed.file,
          loc: exposed.loc,
          message: `${exposed.route} is defined here and serves patient data without authentication once mounted`,
        },
      ]);
      context.report({
        node: mount.child,
        messageId: 'mountedWithoutAuth',
        data: { router: foreign.owner.name, file: foreign.specifier, route: exposed.route },
        suggest: fix
          ? [
              {
                messageId: 'addAuthMiddleware',
                data: { name: fix.name },
                fix: (fixer) => [
                  fixer.insertTextBefore(mount.child, `${fix.name}, `),
                  ...addNamedImport(fixer, sourceCode, context.filename, {
                    name: fix.name,
                    from: importPathFor(fix, filename, configFile()),
                  }),
                ],
              },
            ]
          : [],
      });
    }

    /**
     * Whether an owner is authenticated at a position: earlier `use(auth)` covering the path,
     * Fastify hooks, Hapi default auth, or every mount of it authenticated. `unknown` when the
     * owner is a router whose mount point cannot be found, `elsewhere` when it is mounted in
     * another file (judged there).
     */
    function ownerVerdict(
      owner: Owner,
      position: number,
      path: string | undefined,
      a: Analysis,
      extra: readonly string[],
      depth: number,
    ): Verdict {
      let laterAuth: { node: TSESTree.Node } | undefined;
      for (const use of a.routes.uses) {
        if (use.owner.key !== owner.key || !pathCovers(use.path, path)) continue;
        const auth = use.middleware.find((n) => isAuthMiddleware(n, extra, a.textOf));
        if (!auth) continue;
        if (use.orderIndependent || use.call.range[0] < position) return { kind: 'protected' };
        laterAuth ??= { node: use.call };
      }
      if (a.routes.hapiDefaultAuth.has(owner.key)) return { kind: 'protected' };
      const mounts = a.routes.mounts.filter((m) => m.childOwner?.key === owner.key);
      if (mounts.length > 0 && depth < MAX_MOUNT_DEPTH) {
        for (const mount of mounts) {
          if (mount.before.some((n) => isAuthMiddleware(n, extra, a.textOf))) continue;
          const parentPath = joinPaths(mount.path, stripPrefix(path, mount.path));
          const parent = ownerVerdict(
            mount.parent,
            mount.call.range[0],
            parentPath,
            a,
            extra,
            depth + 1,
          );
          if (parent.kind !== 'protected') return parent;
        }
        return { kind: 'protected' };
      }
      const created = owner.kind !== 'unknown' && owner.kind !== 'router' && !owner.param;
      if (a.file === filename && owner.topLevel && isMountedElsewhere(owner, a))
        return { kind: 'elsewhere' };
      if (created) return { kind: 'exposed', laterAuth };
      return laterAuth ? { kind: 'exposed', laterAuth } : { kind: 'unknown' };
    }

    function isMountedElsewhere(owner: Owner, a: Analysis): boolean {
      return mountersOf(a.file, owner.name, a.program).length > 0;
    }

    function routeAuthenticates(route: Route, a: Analysis, extra: readonly string[]): boolean {
      if (route.middleware.some((n) => isAuthMiddleware(n, extra, a.textOf))) return true;
      // Hapi: options.auth set to a strategy (not false).
      if (route.options) {
        const auth = propertyValue(route.options, 'auth');
        if (auth) return !(auth.type === AST_NODE_TYPES.Literal && auth.value === false);
        if (
          route.options &&
          route.owner.kind === 'hapi' &&
          a.routes.hapiDefaultAuth.has(route.owner.key)
        )
          return true;
      }
      const fn = route.handler ? functionOf(route.handler, a.program) : undefined;
      return fn !== undefined && handlerChecksAuth(fn, a, extra);
    }

    function routeScope(
      path: string | undefined,
      handler: TSESTree.Node | undefined,
      a: Analysis,
    ): Scope | undefined {
      const segments = staticSegments(path);
      const words = segments.flatMap((s) => tokenize(s));
      if (
        segments.some((s) => LOGIN_WORDS.has(s.toLowerCase())) ||
        words.some((w) => LOGIN_WORDS.has(w))
      )
        return undefined;
      for (const segment of segments) {
        if (pathSegmentIsPatientData(segment, a)) return { reason: `path segment \`${segment}\`` };
      }
      if (segments.some((s) => HEALTH_CHECK_WORDS.has(s.toLowerCase()))) return undefined;
      const fn = handler ? functionOf(handler, a.program) : undefined;
      if (!fn) return undefined;
      const touched = touchesPatientData(fn, a);
      return touched ? { reason: touched } : undefined;
    }

    function checkController(controller: Controller, a: Analysis, extra: readonly string[]): void {
      const { framework, cls } = controller;
      if (decoratorsGuard(cls.decorators, framework, extra)) return;
      const classPublic = publicMarker(cls.decorators, framework);
      let global: boolean | undefined;
      for (const route of controller.routes) {
        const { member, path } = route;
        if (decoratorsGuard(member.decorators, framework, extra)) continue;
        const scope = routeScope(path, member.value, a);
        if (!scope) continue;
        const publicDecorator = publicMarker(member.decorators, framework) ?? classPublic;
        global ??= hasGlobalGuard(filename, framework);
        if (global && !publicDecorator) continue;
        const data = { method: route.method, path: pathForMessage(path), reason: scope.reason };
        if (publicDecorator) {
          context.report({
            node: member.key,
            messageId: 'publicOptOut',
            data: { ...data, decorator: publicDecorator },
          });
          continue;
        }
        context.report({
          node: member.key,
          messageId: 'unguardedController',
          data,
          suggest: guardSuggestion(controller),
        });
      }
    }

    function guardSuggestion(controller: Controller): TSESLint.ReportSuggestionArray<MessageIds> {
      const config = getModel().config;
      const fix = config.auth.fix;
      const { decorator, from, defaultGuard, guardName } = controller.framework.guardFix;
      let guard = defaultGuard.expression;
      let guardImport: { name: string; from: string } | undefined = {
        name: defaultGuard.name,
        from: defaultGuard.from,
      };
      if (fix && guardName.test(fix.name)) {
        guard = fix.name;
        const path = importPathFor(fix, filename, configFile());
        guardImport = path ? { name: fix.name, from: path } : undefined;
      } else {
        const configured = config.auth.middleware.find(
          (n) => guardName.test(n) && hasBinding(sourceCode.ast, n),
        );
        if (configured) {
          guard = configured;
          guardImport = undefined;
        }
      }
      const target = controller.decorator;
      const indent = ' '.repeat(target.loc.start.column);
      return [
        {
          messageId: 'addUseGuards',
          data: { guard },
          fix: (fixer) => [
            fixer.insertTextAfter(target, `\n${indent}@${decorator}(${guard})`),
            ...addNamedImport(fixer, sourceCode, context.filename, { name: decorator, from }),
            ...(guardImport
              ? addNamedImport(fixer, sourceCode, context.filename, guardImport)
              : []),
          ],
        },
      ];
    }

    function checkFileRoute(
      program: TSESTree.Program,
      route: FileRoute,
      a: Analysis,
      extra: readonly string[],
    ): void {
      let middleware: boolean | undefined;
      for (const handler of fileRouteHandlers(program, route)) {
        const value = handler.value;
        // withAuth(handler), withApiAuthRequired(async (req, res) => …)
        const wrapped =
          value.type === AST_NODE_TYPES.CallExpression &&
          isAuthMiddleware(value.callee, extra, textOf);
        const fn = functionOf(value, program);
        if (wrapped || !fn) continue;
        if (handlerChecksAuth(fn, a, extra)) continue;
        const scope = routeScope(route.path, fn, a);
        if (!scope) continue;
        middleware ??= middlewareCovers(route, getModel().config.auth.middleware);
        if (middleware) continue;
        context.report({
          node: handler.id ?? fn,
          messageId: 'nextUnauthenticated',
          data: {
            method: handler.method ?? 'API route',
            path: pathForMessage(route.path),
            reason: scope.reason,
          },
          suggest: sessionSuggestion(fn, route),
        });
      }
    }

    function sessionSuggestion(
      fn: Fn,
      route: FileRoute,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const fix = getModel().config.auth.fix;
      if (!fix || fn.body.type !== AST_NODE_TYPES.BlockStatement) return [];
      const first = fn.body.body[0];
      const body = fn.body;
      const { lookupParams, statements } = route.router.refusal;
      const params = lookupParams.map((fallback, i) => {
        const param = fn.params[i];
        return param?.type === AST_NODE_TYPES.Identifier ? param.name : fallback;
      });
      const res = fn.params[1]?.type === AST_NODE_TYPES.Identifier ? fn.params[1].name : 'res';
      const indent = first ? ' '.repeat(first.loc.start.column) : '  ';
      const awaitKw = fn.async ? 'await ' : '';
      const answer = statements.map((statement) => statement.replace('{res}', res));
      const refuse =
        answer.length === 1
          ? `if (!session) ${answer[0]}\n${indent}`
          : `if (!session) {\n${answer.map((line) => `${indent}  ${line}\n`).join('')}${indent}}\n${indent}`;
      const check = `const session = ${awaitKw}${fix.name}(${params.join(', ')});\n${indent}${refuse}`;
      return [
        {
          messageId: 'addSessionCheck',
          data: { name: fix.name },
          fix: (fixer) => [
            first
              ? fixer.insertTextBefore(first, check)
              : fixer.insertTextAfterRange(
                  [body.range[0], body.range[0] + 1],
                  `\n${indent}${check}`,
                ),
            ...addNamedImport(fixer, sourceCode, context.filename, {
              name: fix.name,
              from: importPathFor(fix, filename, configFile()),
            }),
          ],
        },
      ];
    }

    /** Every `mount` of a top-level owner of a file found in the project's other modules. */
    function mountersOf(file: string, ownerName: string, program: TSESTree.Program): string[] {
      const exportNames = exportNamesOf(program, ownerName);
      if (exportNames.length === 0) return [];
      const root = projectRoot(file);
      const found: string[] = [];
      for (const candidate of projectFilesMentioning(root, importStem(file))) {
        if (sameFile(candidate, file)) continue;
        const module = loadModule(candidate);
        if (!module) continue;
        const routes = discoverRoutes(module.program);
        for (const mount of routes.mounts) {
          const source = mountSource(mount.child, module.program);
          if (!source) continue;
          const target = resolveImport(candidate, source.specifier);
          if (target && sameFile(target, file) && exportNames.includes(source.imported))
            found.push(candidate);
        }
      }
      return found;
    }
  },
});

interface Analysis {
  file: string;
  program: TSESTree.Program;
  routes: ProgramRoutes;
  textOf: (node: TSESTree.Node) => string;
  classifier: Classifier;
  /** Present for the linted file only: provenance needs ESLint's scope manager. */
  model?: HealthModel;
}

type Verdict =
  | { kind: 'protected' }
  | { kind: 'elsewhere' }
  | { kind: 'unknown' }
  | { kind: 'exposed'; laterAuth?: { node: TSESTree.Node } };

function shortText(text: string): string {
  return describeLiteralForMessage(text, 60);
}

/**
 * A route path as the message names it: as the client requests it, without the path-to-regexp
 * escapes Express needs for special characters (`'/\\$export'` is the FHIR `/$export`), and with
 * a NIR or an e-mail written in it masked.
 */
function pathForMessage(path: string): string {
  return describeLiteralForMessage(path.replace(/\\(.)/g, '$1'), 80);
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

function stripPrefix(path: string | undefined, prefix: string | undefined): string | undefined {
  if (!path || !prefix) return path;
  const base = prefix.replace(/\/+$/, '');
  return path.startsWith(base) ? path.slice(base.length) || '/' : path;
}

function pathSegmentIsPatientData(segment: string, a: Analysis): boolean {
  if (FHIR_PATIENT_RESOURCES.has(segment)) return true;
  const lower = segment.toLowerCase();
  if (PATIENT_PATH_WORDS.has(lower)) return true;
  if (tokenize(segment).some((w) => PATIENT_PATH_WORDS.has(w))) return true;
  if (a.classifier.container(segment)) return true;
  const cls = a.classifier.classify(segment);
  if (cls && cls.role === 'data' && cls.tier === 'strong' && cls.category !== 'identity')
    return true;
  return a.model
    ? a.model.exportContext.match(segment) !== undefined
    : /export|extract|dump|backup/.test(lower);
}

/** The function a handler expression is: inline, or a function declared at the top of the module. */
function functionOf(node: TSESTree.Node, program: TSESTree.Program): Fn | undefined {
  let expr = node;
  if (expr.type === AST_NODE_TYPES.CallExpression) {
    // asyncHandler(async (req, res) => …), withErrors(handler)
    const inner = expr.arguments.find(
      (arg) => isFunction(arg) || arg.type === AST_NODE_TYPES.Identifier,
    );
    if (!inner) return undefined;
    expr = inner;
  }
  if (isFunction(expr)) return expr;
  if (expr.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = expr.name;
  for (const statement of program.body) {
    const s =
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      statement.declaration
        ? statement.declaration
        : statement;
    if (s.type === AST_NODE_TYPES.FunctionDeclaration && s.id?.name === name) return s;
    if (s.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of s.declarations) {
        if (
          d.id.type === AST_NODE_TYPES.Identifier &&
          d.id.name === name &&
          d.init &&
          isFunction(d.init)
        )
          return d.init;
      }
    }
  }
  return undefined;
}

/**
 * What patient data a handler touches, described for the message: a read of patient tables or
 * models (SQL or ORM), or a response carrying patient data (provenance, linted file only).
 */
function touchesPatientData(fn: Fn, a: Analysis): string | undefined {
  let found: string | undefined;
  const provenance = a.model?.provenance;
  walk(fn.body, (node) => {
    if (found) return false;
    if (
      provenance &&
      (node.type === AST_NODE_TYPES.CallExpression ||
        node.type === AST_NODE_TYPES.TaggedTemplateExpression)
    ) {
      const read = safe(() => provenance.patientRead(node));
      if (read) {
        found = `reads \`${read.tables[0]}\` at line ${node.loc.start.line}`;
        return false;
      }
    }
    if (!provenance) {
      const table = syntacticRead(node, a.classifier);
      if (table) {
        found = `reads \`${table}\` at line ${node.loc.start.line}`;
        return false;
      }
    }
    if (provenance && node.type === AST_NODE_TYPES.CallExpression) {
      const callee = node.callee;
      const name =
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.property.type === AST_NODE_TYPES.Identifier
          ? callee.property.name
          : undefined;
      if (
        name &&
        /^(json|send|jsonp|download|sendFile|end|write)$/.test(name) &&
        node.arguments[0]
      ) {
        const taint = safe(() => provenance.trace(node.arguments[0]!));
        if (taint) {
          found = `responds with ${provenance.describe(taint)}`;
          return false;
        }
      }
    }
    return undefined;
  });
  return found;
}

function safe<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

/** A patient read recognisable without scope analysis: SQL text on patient tables, `prisma.patient.findMany()`. */
function syntacticRead(node: TSESTree.Node, classifier: Classifier): string | undefined {
  if (
    node.type === AST_NODE_TYPES.Literal &&
    typeof node.value === 'string' &&
    looksLikeSql(node.value)
  ) {
    return patientTable(node.value, classifier);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const text = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('__hole__');
    if (looksLikeSql(text)) return patientTable(text, classifier);
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression
  ) {
    const method =
      node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : '';
    if (
      !ROW_READ_METHODS.has(method) &&
      !RECORD_LOOKUP_METHODS.has(method) &&
      !RECORD_WRITES.has(method)
    )
      return undefined;
    let current: TSESTree.Node = node.callee.object;
    for (let guard = 0; guard < 8; guard++) {
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        if (
          current.property.type === AST_NODE_TYPES.Identifier &&
          classifier.container(current.property.name)
        )
          return current.property.name;
        current = current.object;
      } else if (current.type === AST_NODE_TYPES.Identifier) {
        return classifier.container(current.name) ? current.name : undefined;
      } else if (current.type === AST_NODE_TYPES.CallExpression) {
        const arg = current.arguments[0];
        if (
          arg?.type === AST_NODE_TYPES.Literal &&
          typeof arg.value === 'string' &&
          classifier.container(arg.value)
        )
          return arg.value;
        current = current.callee;
      } else return undefined;
    }
  }
  return undefined;
}

function patientTable(sql: string, classifier: Classifier): string | undefined {
  try {
    for (const statement of scanSql(sql)) {
      for (const table of tablesRead(statement)) {
        const last = table.split('.').pop() ?? table;
        if (classifier.container(last) || classifier.classify(last)?.category === 'health')
          return table;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * A handler that checks the session or token and ends with 401/403 before any patient data is
 * touched: `if (!req.user) return res.sendStatus(401)`, `const user = await requireUser(req)`.
 */
function handlerChecksAuth(fn: Fn, a: Analysis, extra: readonly string[]): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      const exits = endsRequest(statement.consequent);
      const testText = a.textOf(statement.test);
      const bodyText = a.textOf(statement.consequent);
      if (
        exits &&
        (/\b(401|403)\b|Unauthori[sz]ed|Forbidden|redirect\(['"`][^'"`]*(login|signin|connexion)/i.test(
          bodyText,
        ) ||
          /\b(session|user|token|auth\w*|isAuthenticated|jwt|apiKey|principal)\b/i.test(testText))
      )
        return true;
    }
    // const user = await requireUser(req); await verifyToken(req); (throwing helpers)
    const call = leadingCall(statement);
    if (call) {
      const callee = call.callee;
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression &&
              callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
      if (
        name &&
        isAuthName(name, extra) &&
        /^(require|ensure|assert|verify|check|protect|authenticate|must|authorize|authorise)/i.test(
          name,
        )
      )
        return true;
      if (name && extra.includes(name)) return true;
    }
    if (statementTouchesData(statement, a)) return false;
  }
  return false;
}

function statementTouchesData(statement: TSESTree.Node, a: Analysis): boolean {
  let found = false;
  const provenance = a.model?.provenance;
  walk(statement, (node) => {
    if (found) return false;
    if (
      provenance &&
      (node.type === AST_NODE_TYPES.CallExpression ||
        node.type === AST_NODE_TYPES.TaggedTemplateExpression)
    ) {
      if (safe(() => provenance.patientRead(node))) found = true;
    } else if (!provenance && syntacticRead(node, a.classifier)) found = true;
    return undefined;
  });
  return found;
}

function leadingCall(statement: TSESTree.Node): TSESTree.CallExpression | undefined {
  let expr: TSESTree.Node | undefined;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) expr = statement.expression;
  else if (statement.type === AST_NODE_TYPES.VariableDeclaration)
    expr = statement.declarations[0]?.init ?? undefined;
  if (expr?.type === AST_NODE_TYPES.AwaitExpression) expr = expr.argument;
  return expr?.type === AST_NODE_TYPES.CallExpression ? expr : undefined;
}

function endsRequest(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement)
    return true;
  if (node.type === AST_NODE_TYPES.BlockStatement) return node.body.some((s) => endsRequest(s));
  return false;
}

function hasBinding(program: TSESTree.Program, name: string): boolean {
  return importedBinding(program, name) !== undefined;
}

/** The names under which a top-level binding is exported (`default`, named, `*` for module.exports). */
function exportNamesOf(program: TSESTree.Program, localName: string): string[] {
  const names: string[] = [];
  for (const candidate of ['default', '*', localName]) {
    const value = exportedValue(program, candidate);
    if (value?.localName === localName) names.push(candidate);
  }
  if (names.includes('*') || names.includes('default')) names.push('*', 'default');
  return [...new Set(names)];
}

/** The module and export a mounted expression comes from: an imported name, `require('./r')`. */
function mountSource(
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
  if (node.type === AST_NODE_TYPES.Identifier) return importedBinding(program, node.name);
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

interface ForeignOwner {
  module: ProjectModule;
  routes: ProgramRoutes;
  owner: Owner;
  specifier: string;
}

/** Follows a mounted expression to the module and owner (router, plugin instance) it names. */
function resolveMountedModule(
  child: TSESTree.Node,
  program: TSESTree.Program,
  file: string,
  _routes: ProgramRoutes,
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
      const fn = functionOf(
        { type: AST_NODE_TYPES.Identifier, name: value.localName } as TSESTree.Identifier,
        module.program,
      );
      owner = fn ? paramOwner(fn, routes) : undefined;
    }
  } else if (value.node && isFunction(value.node)) {
    owner = paramOwner(value.node, routes);
  }
  return owner ? { module, routes, owner, specifier: source.specifier } : undefined;
}

function paramOwner(fn: Fn, routes: ProgramRoutes): Owner | undefined {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  return routes.owners.get(`${param.name}@${fn.range[0]}`);
}

/**
 * The first patient-data route of a foreign owner that its own module leaves unauthenticated
 * (`GET /api/patients/:id`), following its own mounts a few levels down.
 */
/** A route of a mounted module that serves patient data with no authentication on its way. */
interface ExposedRoute {
  /** `GET /patients/:id`, as messages show it. */
  route: string;
  file: string;
  loc: TSESTree.SourceLocation;
}

function exposedRoute(
  foreign: ForeignOwner,
  classifier: Classifier,
  prefix: string | undefined,
  extra: readonly string[],
  depth: number,
  seen: Set<string>,
): ExposedRoute | undefined {
  const id = `${foreign.module.file}#${foreign.owner.key}`;
  if (seen.has(id) || depth > MAX_MOUNT_DEPTH) return undefined;
  seen.add(id);
  const { module, routes, owner } = foreign;
  const textOf = (node: TSESTree.Node) => module.text.slice(node.range[0], node.range[1]);
  const a: Analysis = {
    file: module.file,
    program: module.program,
    routes,
    textOf,
    classifier,
  };
  for (const route of routes.routes) {
    if (route.owner.key !== owner.key) continue;
    const path = joinPaths(prefix, route.path);
    if (route.middleware.some((n) => isAuthMiddleware(n, extra, textOf))) continue;
    if (route.options) {
      const auth = propertyValue(route.options, 'auth');
      if (auth && !(auth.type === AST_NODE_TYPES.Literal && auth.value === false)) continue;
    }
    const fn = route.handler ? functionOf(route.handler, module.program) : undefined;
    if (fn && handlerChecksAuth(fn, a, extra)) continue;
    const ownAuth = routes.uses.some(
      (use) =>
        use.owner.key === owner.key &&
        (use.orderIndependent || use.call.range[0] < route.call.range[0]) &&
        pathCovers(use.path, route.path) &&
        use.middleware.some((n) => isAuthMiddleware(n, extra, textOf)),
    );
    if (ownAuth) continue;
    if (!foreignScope(path, fn, a)) continue;
    return {
      route: `${route.method.toUpperCase()} ${path === undefined ? '(dynamic path)' : pathForMessage(path)}`,
      file: module.file,
      loc: route.call.loc,
    };
  }
  for (const mount of routes.mounts) {
    if (mount.parent.key !== owner.key) continue;
    if (mount.before.some((n) => isAuthMiddleware(n, extra, textOf))) continue;
    const ownAuth = routes.uses.some(
      (use) =>
        use.owner.key === owner.key &&
        (use.orderIndependent || use.call.range[0] < mount.call.range[0]) &&
        use.middleware.some((n) => isAuthMiddleware(n, extra, textOf)),
    );
    if (ownAuth) continue;
    const next =
      mount.childOwner && routes.routes.some((r) => r.owner.key === mount.childOwner!.key)
        ? { module, routes, owner: mount.childOwner, specifier: foreign.specifier }
        : resolveMountedModule(mount.child, module.program, module.file, routes);
    if (!next) continue;
    const found = exposedRoute(
      next,
      classifier,
      joinPaths(prefix, mount.path),
      extra,
      depth + 1,
      seen,
    );
    if (found) return found;
  }
  return undefined;
}

function foreignScope(path: string | undefined, fn: Fn | undefined, a: Analysis): boolean {
  const segments = staticSegments(path);
  const words = segments.flatMap((s) => tokenize(s));
  if (
    segments.some((s) => LOGIN_WORDS.has(s.toLowerCase())) ||
    words.some((w) => LOGIN_WORDS.has(w))
  )
    return false;
  if (segments.some((s) => pathSegmentIsPatientData(s, a))) return true;
  if (segments.some((s) => HEALTH_CHECK_WORDS.has(s.toLowerCase()))) return false;
  return fn !== undefined && touchesPatientData(fn, a) !== undefined;
}
