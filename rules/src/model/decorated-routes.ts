import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { calleeName, literalString } from './ast';
import { onFileDone } from './file-lifetime';
import { DECORATOR_ROUTES, type DecoratorRoutes } from './frameworks';
import { programIndex } from './program-index';
import { loadModule, projectFilesMentioning, projectRoot } from './project-graph';
import { isAuthName, joinPaths, propertyValue } from './routes';

/**
 * Routes declared by decorators (NestJS, `model/frameworks/nestjs.ts`): controller classes, their
 * routes with verb and full path, and what their decorators and the project say about guards.
 * Every fact comes from the frameworks' `decorators`; no decorator is named here.
 */

export interface Controller {
  framework: DecoratorRoutes;
  cls: TSESTree.ClassDeclaration;
  /** The decorator that makes the class a controller: `@Controller('patients')`. */
  decorator: TSESTree.Decorator;
  routes: DecoratedRoute[];
}

export interface DecoratedRoute {
  controller: Controller;
  member: TSESTree.MethodDefinition;
  /** The decorator that registers the route: `@Get(':id')`. */
  decorator: TSESTree.Decorator;
  /** The verb, upper case: `GET`, `ALL`. */
  method: string;
  /** The controller's path and the route's, joined: `/patients/:id`; `/` when neither has one. */
  path: string;
}

/** A decorator's name: `Get` in `@Get()`, `@Get`, `@common.Get()`. */
export function decoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expr = decorator.expression;
  if (expr.type === AST_NODE_TYPES.Identifier) return expr.name;
  if (expr.type === AST_NODE_TYPES.CallExpression) return calleeName(expr.callee);
  return undefined;
}

/** A decorator's path argument: `@Get(':id')`, `@Controller({ path: 'patients' })`. */
function decoratorPath(decorator: TSESTree.Decorator): string | undefined {
  const expr = decorator.expression;
  if (expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const arg = expr.arguments[0];
  if (arg?.type === AST_NODE_TYPES.ObjectExpression)
    return literalString(propertyValue(arg, 'path'));
  return literalString(arg);
}

const cache = new WeakMap<TSESTree.Program, Controller[]>();
onFileDone((sourceCode) => cache.delete(sourceCode.ast));

/** The controller classes of a program (top level, exported or not) and their routes. */
export function discoverControllers(program: TSESTree.Program): Controller[] {
  const cached = cache.get(program);
  if (cached) return cached;
  const controllers: Controller[] = [];
  for (const statement of program.body) {
    const cls =
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      statement.declaration?.type === AST_NODE_TYPES.ClassDeclaration
        ? statement.declaration
        : statement.type === AST_NODE_TYPES.ClassDeclaration
          ? statement
          : undefined;
    if (!cls) continue;
    for (const framework of DECORATOR_ROUTES) {
      const decorator = cls.decorators.find((d) =>
        framework.controllers.includes(decoratorName(d) ?? ''),
      );
      if (!decorator) continue;
      const controller: Controller = { framework, cls, decorator, routes: [] };
      const base = `/${(decoratorPath(decorator) ?? '').replace(/^\/+|\/+$/g, '')}`;
      for (const member of cls.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition) continue;
        const verb = member.decorators.find((d) => routeVerb(framework, d) !== undefined);
        if (!verb) continue;
        controller.routes.push({
          controller,
          member,
          decorator: verb,
          method: routeVerb(framework, verb)!,
          path: joinPaths(base, decoratorPath(verb)) ?? base,
        });
      }
      controllers.push(controller);
      break;
    }
  }
  cache.set(program, controllers);
  return controllers;
}

function routeVerb(framework: DecoratorRoutes, decorator: TSESTree.Decorator): string | undefined {
  const name = decoratorName(decorator);
  return name !== undefined && Object.prototype.hasOwnProperty.call(framework.routes, name)
    ? framework.routes[name]
    : undefined;
}

/** The name of a guard argument: `JwtAuthGuard`, `new JwtAuthGuard()`, `AuthGuard('jwt')`. */
function guardName(arg: TSESTree.Node): string {
  if (arg.type === AST_NODE_TYPES.Identifier) return arg.name;
  if (arg.type === AST_NODE_TYPES.NewExpression || arg.type === AST_NODE_TYPES.CallExpression)
    return guardName(arg.callee);
  return '';
}

/**
 * Whether decorators guard a controller or handler with authentication: a guard decorator with a
 * guard that authenticates (`@UseGuards(JwtAuthGuard)`, not a rate limiter), or a composite
 * decorator named for authentication (`@Auth(Role.Admin)`; `extra` names configured helpers).
 */
export function decoratorsGuard(
  decorators: readonly TSESTree.Decorator[] | undefined,
  framework: DecoratorRoutes,
  extra: readonly string[],
): boolean {
  for (const d of decorators ?? []) {
    const name = decoratorName(d);
    if (!name) continue;
    if (framework.guards.includes(name) && d.expression.type === AST_NODE_TYPES.CallExpression) {
      if (d.expression.arguments.some((arg) => !framework.notAuthenticating.test(guardName(arg))))
        return true;
    } else if (
      !framework.documenting.some((prefix) => name.startsWith(prefix)) &&
      isAuthName(name, extra) &&
      !framework.publicMarkers.includes(name)
    )
      return true;
  }
  return false;
}

/** The decorator exempting a controller or handler from global guards: `Public`, `SetMetadata`. */
export function publicMarker(
  decorators: readonly TSESTree.Decorator[] | undefined,
  framework: DecoratorRoutes,
): string | undefined {
  for (const d of decorators ?? []) {
    const name = decoratorName(d);
    if (!name) continue;
    if (framework.publicMarkers.includes(name)) return name;
    if (
      framework.publicMetadata.decorators.includes(name) &&
      d.expression.type === AST_NODE_TYPES.CallExpression
    ) {
      const key = d.expression.arguments[0];
      const keyText =
        key?.type === AST_NODE_TYPES.Literal
          ? String(key.value)
          : key?.type === AST_NODE_TYPES.Identifier
            ? key.name
            : '';
      if (framework.publicMetadata.key.test(keyText)) return name;
    }
  }
  return undefined;
}

/**
 * Whether a program binds an authenticating guard to every route: `app.useGlobalGuards(new
 * JwtAuthGuard())`, `{ provide: APP_GUARD, useClass: JwtAuthGuard }`.
 */
export function declaresGlobalGuard(
  program: TSESTree.Program,
  framework: DecoratorRoutes,
): boolean {
  const { methods, providerTokens, providerKeys } = framework.globalGuards;
  const authenticates = (node: TSESTree.Node) => !framework.notAuthenticating.test(guardName(node));
  const index = programIndex(program);
  const guardCall = index.calls.some(
    (node) =>
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.property.type === AST_NODE_TYPES.Identifier &&
      methods.includes(node.callee.property.name) &&
      node.arguments.some(authenticates),
  );
  return (
    guardCall ||
    index.objects.some((node) => {
      const provide = propertyValue(node, 'provide');
      if (provide?.type !== AST_NODE_TYPES.Identifier || !providerTokens.includes(provide.name))
        return false;
      let guard: TSESTree.Node | undefined;
      for (const key of providerKeys) guard ??= propertyValue(node, key);
      return guard !== undefined && authenticates(guard);
    })
  );
}

/** Whether any file of the project holding `file` declares a global guard. */
export function hasGlobalGuard(file: string, framework: DecoratorRoutes): boolean {
  const root = projectRoot(file);
  const { methods, providerTokens } = framework.globalGuards;
  for (const needle of [...methods, ...providerTokens]) {
    for (const candidate of projectFilesMentioning(root, needle)) {
      const module = loadModule(candidate);
      if (module && declaresGlobalGuard(module.program, framework)) return true;
    }
  }
  return false;
}

const CONTROLLER_MENTION = new RegExp(
  `@(${DECORATOR_ROUTES.flatMap((f) => f.controllers).join('|')})\\b`,
);

/** A cheap test before parsing for controllers: the text mentions a controller decorator. */
export function mentionsControllers(text: string): boolean {
  return DECORATOR_ROUTES.length > 0 && CONTROLLER_MENTION.test(text);
}
