import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  controllerExposures,
  describeLiteralForMessage,
  MAX_QUOTED_CODE_LENGTH,
  discoverControllers,
  fileRouteExposures,
  fileRouteOf,
  healthModel,
  inTestCode,
  lintedEndpointFile,
  mayDeclareEndpoints,
  mountExposure,
  type Route,
  type RouteEvidence,
  routeExposure,
  handlerMountExposure,
  projectShowsAuthentication,
  serverFunctionExposures,
  type RouteExposure,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';
import {
  addGuardDecorator,
  chooseGuard,
  runMiddlewareBefore,
  sessionCheckFix,
} from '../fix/authentication';

type Options = [{ reportUnknownMounts?: boolean }];
type MessageIds =
  | 'unauthenticated'
  | 'registeredBeforeAuth'
  | 'mountedWithoutAuth'
  | 'attachedWithoutAuth'
  | 'uploadBeforeAuth'
  | 'unknownMount'
  | 'unknownMountNoAuth'
  | 'serverFunctionUnauthenticated'
  | 'unguardedController'
  | 'publicOptOut'
  | 'nextUnauthenticated'
  | 'addAuthMiddleware'
  | 'addUseGuards'
  | 'addSessionCheck';

/** A name or table as a reason quotes it: the reason is one part of a 120-character message. */
function quoted(text: string): string {
  return `\`${describeLiteralForMessage(text, 20)}\``;
}

/**
 * Why a route serves patient data, as the message says it, in a few words: the table read, the
 * path segment. Where the handler reads it is the finding's own code or the doc's business.
 */
function reasonOf(evidence: RouteEvidence): string {
  switch (evidence.kind) {
    case 'path':
      return `path segment ${quoted(evidence.segment)}`;
    case 'read':
      return `${evidence.changes ? 'changes' : 'reads'} ${quoted(evidence.table)}`;
    case 'siblings':
      return `unlike ${evidence.authenticated} other routes of its router`;
    case 'upstream':
      return 'forwards to a FHIR server';
    case 'response':
      return `responds with ${evidence.description}`;
    case 'input':
      return `stores ${quoted(evidence.field)} sent by the client`;
  }
}

/**
 * A route path as the message names it: as the client requests it, without the path-to-regexp
 * escapes Express needs for special characters (`'/\\$export'` is the FHIR `/$export`), and with
 * a NIR or an e-mail written in it masked.
 */
function pathForMessage(path: string | undefined): string {
  if (path === undefined) return '(dynamic path)';
  return describeLiteralForMessage(path.replace(/\\(.)/g, '$1'), MAX_QUOTED_CODE_LENGTH);
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
        '{{method}} {{path}} serves patient data ({{reason}}) with no authentication.',
      registeredBeforeAuth:
        '{{method}} {{path}} serves patient data ({{reason}}) before `{{auth}}` runs.',
      mountedWithoutAuth:
        'Router `{{router}}` serves patient data ({{route}}) and is mounted with no authentication.',
      attachedWithoutAuth:
        '{{method}} {{path}} serves patient data ({{reason}}); `{{file}}` mounts it unauthenticated.',
      uploadBeforeAuth:
        '{{method}} {{path}} stores uploads with `{{upload}}` before `{{auth}}` runs: anyone can upload.',
      serverFunctionUnauthenticated:
        'Server action `{{name}}` serves patient data ({{reason}}) with no session check.',
      unknownMountNoAuth:
        '{{method}} {{path}} serves patient data ({{reason}}) in a project with no authentication.',
      unknownMount:
        '{{method}} {{path}} serves patient data ({{reason}}) on `{{router}}`, mounted nowhere found.',
      unguardedController:
        '{{method}} {{path}} serves patient data ({{reason}}) with no guard on it or its controller.',
      publicOptOut:
        '{{method}} {{path}} serves patient data ({{reason}}) but `@{{decorator}}()` skips the auth guard.',
      nextUnauthenticated:
        '{{method}} {{path}} serves patient data ({{reason}}) with no session check or middleware.',
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

    /** Run the configured authentication middleware before `target`, when one is configured. */
    function middlewareSuggestion(
      target: TSESTree.Node | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const fix = healthModel(context).config.auth.fix;
      if (!fix || !target) return [];
      return [
        {
          messageId: 'addAuthMiddleware',
          data: { name: fix.name },
          fix: (fixer) =>
            runMiddlewareBefore(fixer, sourceCode, filename, context.cwd, target, fix),
        },
      ];
    }

    function reportRoute(route: Route, exposure: RouteExposure | undefined): void {
      if (!exposure) return;
      const method = route.method.toUpperCase();
      const path = pathForMessage(exposure.path);
      const reason = reasonOf(exposure.evidence);
      const suggest = middlewareSuggestion(route.firstHandlerArg);
      const textOf = (node: TSESTree.Node) =>
        describeLiteralForMessage(sourceCode.getText(node), MAX_QUOTED_CODE_LENGTH);
      if (exposure.uploadBeforeAuth) {
        const { upload, auth } = exposure.uploadBeforeAuth;
        context.report({
          node: upload,
          messageId: 'uploadBeforeAuth',
          data: { method, path, reason, upload: textOf(upload), auth: textOf(auth) },
        });
      } else if (exposure.kind === 'unknown') {
        // Nothing can authenticate it in a project that shows no authentication anywhere.
        const noAuthAnywhere = !projectShowsAuthentication(
          filename,
          healthModel(context).config.auth.middleware,
        );
        if (!reportUnknown && !noAuthAnywhere) return;
        context.report({
          node: route.call,
          messageId: noAuthAnywhere ? 'unknownMountNoAuth' : 'unknownMount',
          data: { method, path, reason, router: describeLiteralForMessage(route.owner.name, 20) },
          suggest,
        });
      } else if (exposure.laterAuth) {
        report(context, {
          node: route.call,
          messageId: 'registeredBeforeAuth',
          data: {
            method,
            path,
            reason,
            auth: textOf(exposure.laterAuth),
            line: String(exposure.laterAuth.loc.start.line),
          },
          suggest,
          related: [
            {
              loc: exposure.laterAuth.loc,
              message: 'Authentication is registered here, after the route: it never runs for it',
            },
          ],
        });
      } else if (exposure.attachedAt) {
        const { attachedAt } = exposure;
        report(context, {
          node: route.call,
          messageId: 'attachedWithoutAuth',
          data: {
            method,
            path,
            reason,
            file: describeLiteralForMessage(attachedAt.display ?? attachedAt.file, 24),
            line: String(attachedAt.at.loc.start.line),
          },
          suggest,
          related: [
            {
              filename: attachedAt.file,
              loc: attachedAt.at.loc,
              message: 'The router is attached to the app here, with no authentication before it',
            },
          ],
        });
      } else {
        context.report({
          node: route.call,
          messageId: 'unauthenticated',
          data: { method, path, reason },
          suggest,
        });
      }
    }

    return {
      'Program:exit'(program: TSESTree.Program) {
        if (!mayDeclareEndpoints(filename, sourceCode.text)) return;
        // A test's app or mock server is never deployed: its routes expose nothing.
        const model = healthModel(context);
        if (inTestCode(filename, context.cwd, model.config.testCode)) return;
        const f = lintedEndpointFile(filename, program, sourceCode.text, model);

        for (const route of f.routes.routes) reportRoute(route, routeExposure(route, f));
        for (const route of f.routes.handlerMounts)
          reportRoute(route, handlerMountExposure(route, f));

        for (const mount of f.routes.mounts) {
          const exposure = mountExposure(mount, f);
          if (!exposure) continue;
          const { foreign, exposed } = exposure;
          const route = `${exposed.method.toUpperCase()} ${pathForMessage(exposed.path)}`;
          // The exposed route lives in the mounted module: the editor and SARIF link to it there.
          report(context, {
            node: mount.child,
            messageId: 'mountedWithoutAuth',
            data: {
              router: describeLiteralForMessage(foreign.owner.name, 20),
              file: foreign.specifier,
              route,
            },
            suggest: middlewareSuggestion(mount.child),
            related: [
              {
                filename: exposed.file,
                loc: exposed.loc,
                message: `${route} is defined here and serves patient data without authentication once mounted`,
              },
            ],
          });
        }

        for (const controller of discoverControllers(program)) {
          for (const { route, evidence, publicDecorator } of controllerExposures(controller, f)) {
            const data = {
              method: route.method,
              path: pathForMessage(route.path),
              reason: reasonOf(evidence),
            };
            if (publicDecorator) {
              context.report({
                node: route.member.key,
                messageId: 'publicOptOut',
                data: { ...data, decorator: publicDecorator },
              });
              continue;
            }
            const guardFix = controller.framework.guardFix;
            const choice = chooseGuard(guardFix, model.config.auth, program, filename, context.cwd);
            context.report({
              node: route.member.key,
              messageId: 'unguardedController',
              data,
              suggest: [
                {
                  messageId: 'addUseGuards',
                  data: { guard: choice.guard },
                  fix: (fixer) =>
                    addGuardDecorator(
                      fixer,
                      sourceCode,
                      filename,
                      controller.decorator,
                      guardFix,
                      choice,
                    ),
                },
              ],
            });
          }
        }

        for (const { action, evidence } of serverFunctionExposures(f)) {
          context.report({
            node: action.name ?? action.fn,
            messageId: 'serverFunctionUnauthenticated',
            data: {
              name: describeLiteralForMessage(action.name?.name ?? 'server action', 24),
              reason: reasonOf(evidence),
            },
          });
        }

        const fileRoute = fileRouteOf(filename);
        if (!fileRoute) return;
        for (const { handler, fn, evidence } of fileRouteExposures(fileRoute, f)) {
          const fix = model.config.auth.fix;
          const sessionCheck =
            fix &&
            sessionCheckFix(sourceCode, filename, context.cwd, fn, fileRoute.router.refusal, fix);
          context.report({
            node: handler.id ?? fn,
            messageId: 'nextUnauthenticated',
            data: {
              method: handler.method ?? 'API route',
              path: pathForMessage(fileRoute.path),
              reason: reasonOf(evidence),
            },
            suggest:
              fix && sessionCheck
                ? [{ messageId: 'addSessionCheck', data: { name: fix.name }, fix: sessionCheck }]
                : [],
          });
        }
      },
    };
  },
});
