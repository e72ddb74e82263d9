/**
 * Access audit: what leaves an audit trail of who read which patient, and the pieces of code
 * that must leave one. The words of an audit trail (`audit`, `journaliser`, …) and of an access
 * journal (`logAccess`, `tracerAcces`), audit calls (by name, by the configured `audit.functions`,
 * or a logger on the audit channel: `logger.child({ channel: 'audit' })`,
 * `log4js.getLogger('audit')`, `logger.log('audit', …)`), auditing middleware and decorators, and
 * the units an audit belongs to: route handlers (with whether their middleware, hooks or
 * decorators audit) and export routines (a function, class method, file or folder that says
 * export).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { LEVEL_FIRST_METHODS, LOG_CHANNEL_KEYS, NAMED_LOGGER_FACTORIES } from './apis';
import {
  calleeName,
  constantInit,
  functionName,
  type FunctionNode,
  isFunctionNode,
  keyName,
  literalString,
  memberChain,
  resolveVariable,
  unwrap,
} from './ast';
import { decoratorName, discoverControllers } from './decorated-routes';
import type { HealthModel } from './index';
import { AST_NODE_TYPES } from './node-types';
import { discoverRoutes } from './routes';
import { tokenize } from './tokens';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** Verbs that, next to `access`, make a function an access journal: `logAccess`, `tracerAcces`. */
export const ACCESS_VERBS: ReadonlySet<string> = new Set([
  'log',
  'record',
  'track',
  'trace',
  'tracer',
  'journal',
  'journaliser',
]);
/** Words that name an audit trail wherever they appear in a callee chain: `audit.record`, `auditService.log`. */
export const AUDIT_WORDS: ReadonlySet<string> = new Set([
  'audit',
  'auditer',
  'audits',
  'journaliser',
]);

/** Fastify route hooks that run around the handler. */
const ROUTE_HOOKS = /^(onRequest|preHandler|onResponse|preValidation)$/;

/** How audit calls are recognised in a file: its scopes, and the configured audit functions. */
export interface AuditRecognizer {
  scopeOf: ScopeOf;
  /** `audit.functions` of the configuration (asked only when a call is not otherwise an audit). */
  auditFunctions: () => readonly string[];
}

/** A piece of code that must leave an audit trail: a route handler or an export routine. */
export interface AuditUnit {
  node: FunctionNode | TSESTree.Program;
  route?: { method: string; path: string; audited: boolean };
  /** The export routine's name (function, class or file) for messages. */
  name?: string;
}

/** Whether a name or text has a word of an audit trail. */
export function mentionsAudit(text: string): boolean {
  return tokenize(text).some((word) => AUDIT_WORDS.has(word));
}

/** `{ channel: 'audit' }`, `{ audit: true }`: options or fields that route a log line to the audit channel. */
export function auditChannelObject(node: TSESTree.Node | undefined): boolean {
  const object = node && unwrap(node);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = keyName(property);
    if (key === undefined) return false;
    if (key === 'audit' && unwrap(property.value).type === AST_NODE_TYPES.Literal)
      return (property.value as TSESTree.Literal).value === true;
    const value = literalString(property.value);
    return LOG_CHANNEL_KEYS.has(key) && value !== undefined && mentionsAudit(value);
  });
}

/** `@UseInterceptors(AuditInterceptor)`, `@Audit('patient.read')`: a decorator that audits. */
export function auditingDecorator(decorators: TSESTree.Decorator[] | undefined): boolean {
  return (decorators ?? []).some((decorator) => {
    const name = decoratorName(decorator);
    if (name && mentionsAudit(name)) return true;
    const expr = decorator.expression;
    return (
      expr.type === AST_NODE_TYPES.CallExpression &&
      expr.arguments.some((arg) => memberChain(arg).some(mentionsAudit))
    );
  });
}

/** `audit.record(...)` from the configuration, matched on the callee name or its dotted chain. */
function configuredAudit(call: TSESTree.CallExpression, recognizer: AuditRecognizer): boolean {
  const functions = recognizer.auditFunctions();
  if (functions.length === 0) return false;
  const chain = memberChain(call.callee).join('.');
  const name = calleeName(call.callee);
  return functions.some((f) => f === name || f === chain || chain.endsWith(`.${f}`));
}

/**
 * A logger made for the audit channel: `const auditLog = logger.child({ channel: 'audit' })`,
 * `log4js.getLogger('audit')`, `new Logger('Audit')`.
 */
export function auditLoggerValue(node: TSESTree.Node, scopeOf: ScopeOf, depth = 0): boolean {
  if (depth > 6) return false;
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.CallExpression || expr.type === AST_NODE_TYPES.NewExpression) {
    if (expr.arguments.some((arg) => auditChannelObject(arg))) return true;
    if (
      NAMED_LOGGER_FACTORIES.has(calleeName(expr.callee) ?? '') &&
      mentionsAudit(literalString(expr.arguments[0]) ?? '')
    )
      return true;
    return auditLoggerValue(expr.callee, scopeOf, depth + 1);
  }
  if (expr.type === AST_NODE_TYPES.MemberExpression)
    return auditLoggerValue(expr.object, scopeOf, depth + 1);
  if (expr.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(scopeOf(expr), expr);
    const init = variable && constantInit(variable);
    return init !== undefined && auditLoggerValue(init, scopeOf, depth + 1);
  }
  return false;
}

/**
 * A call that records an audit event: a callee chain naming an audit trail, an access journal
 * (`logAccess`), `tracer(…)`, a security event, a configured audit function, or a logger call on
 * the audit channel (a dedicated logger, a level or a field naming it).
 */
export function isAuditCall(call: TSESTree.CallExpression, recognizer: AuditRecognizer): boolean {
  const chain = memberChain(call.callee);
  const name = calleeName(call.callee);
  if (chain.some(mentionsAudit)) return true;
  if (name) {
    const words = tokenize(name);
    if (words.includes('tracer') && words.length === 1) return true;
    if (words.includes('security') && words.includes('event')) return true;
    if (
      (words.includes('access') || words.includes('acces')) &&
      words.some((w) => ACCESS_VERBS.has(w))
    )
      return true;
  }
  if (configuredAudit(call, recognizer)) return true;
  // Logger calls on the audit channel: a dedicated logger, a level or a field naming it.
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (auditLoggerValue(callee.object, recognizer.scopeOf)) return true;
    if (
      LEVEL_FIRST_METHODS.has(name ?? '') &&
      mentionsAudit(literalString(call.arguments[0]) ?? '')
    )
      return true;
    if (call.arguments.some((arg) => auditChannelObject(arg))) return true;
  }
  return false;
}

/** A middleware expression that audits: `auditAccess`, `audit('patient.read')`, `auditLog.middleware`. */
export function auditingMiddleware(node: TSESTree.Node, recognizer: AuditRecognizer): boolean {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.ArrayExpression)
    return expr.elements.some((e) => e !== null && auditingMiddleware(e, recognizer));
  if (expr.type === AST_NODE_TYPES.CallExpression && isAuditCall(expr, recognizer)) return true;
  return memberChain(expr).some(mentionsAudit);
}

/**
 * The route handlers of a program, each with whether an audit runs around it: for framework
 * routes, a middleware of the owner, a route hook or a route middleware that audits; for
 * controller routes, a decorator of the route or of its controller.
 */
export function auditRouteUnits(
  program: TSESTree.Program,
  recognizer: AuditRecognizer,
): AuditUnit[] {
  const audits = (node: TSESTree.Node) => auditingMiddleware(node, recognizer);
  const units: AuditUnit[] = [];
  const discovered = discoverRoutes(program);
  for (const route of discovered.routes) {
    const handler = route.handler && unwrap(route.handler);
    if (!handler || !isFunctionNode(handler)) continue;
    const ownerAudits = discovered.uses.some(
      (use) => use.owner.key === route.owner.key && use.middleware.some(audits),
    );
    const hookAudits =
      route.options?.properties.some(
        (p) =>
          p.type === AST_NODE_TYPES.Property &&
          ROUTE_HOOKS.test(keyName(p) ?? '') &&
          audits(p.value),
      ) ?? false;
    units.push({
      node: handler,
      route: {
        method: route.method.toUpperCase(),
        path: route.path ?? '(dynamic path)',
        audited: ownerAudits || hookAudits || route.middleware.some(audits),
      },
    });
  }
  for (const controller of discoverControllers(program)) {
    const classAudits = auditingDecorator(controller.cls.decorators);
    for (const { member, method, path } of controller.routes) {
      if (member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
      units.push({
        node: member.value,
        route: { method, path, audited: classAudits || auditingDecorator(member.decorators) },
      });
    }
  }
  return units;
}

/** The export routine a read belongs to, when its function, class, file or folder says export. */
export function exportUnit(
  read: TSESTree.Node,
  program: TSESTree.Program,
  model: HealthModel,
): AuditUnit | undefined {
  const exportContext = model.exportContextOf(read);
  if (!exportContext) return undefined;
  const functions: FunctionNode[] = [];
  for (let node = read.parent; node; node = node.parent)
    if (isFunctionNode(node)) functions.push(node);
  if (
    exportContext.where === 'function' &&
    exportContext.node &&
    isFunctionNode(exportContext.node)
  )
    return { node: exportContext.node, name: `\`${exportContext.name}\`` };
  if (exportContext.where === 'class' && exportContext.node) {
    // The method of the export class that holds the read.
    const method = functions.find(
      (fn) => fn.parent?.parent === (exportContext.node as TSESTree.ClassDeclaration).body,
    );
    const unit = method ?? functions[functions.length - 1];
    if (!unit) return undefined;
    const name = functionName(unit);
    return { node: unit, name: `\`${exportContext.name}${name ? `.${name}` : ''}\`` };
  }
  const outermost = functions[functions.length - 1];
  if (outermost) {
    const name = functionName(outermost);
    return {
      node: outermost,
      name: name ? `\`${name}\`` : `the export code of ${exportContext.name}`,
    };
  }
  return { node: program, name: `the export script ${exportContext.name}` };
}

/** Whether `inner` lies within `outer` in the source. */
export function withinNode(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The innermost of the units that holds a node. */
export function innermostUnit(
  node: TSESTree.Node,
  units: readonly AuditUnit[],
): AuditUnit | undefined {
  return units
    .filter((unit) => withinNode(node, unit.node))
    .sort((a, b) => b.node.range[0] - a.node.range[0])[0];
}
