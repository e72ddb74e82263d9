import { type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  calleeName,
  constantInit,
  decoratorName,
  describeLiteralForMessage,
  discoverControllers,
  discoverRoutes,
  functionName,
  type FunctionNode,
  healthModel,
  type HealthModel,
  isFunctionNode,
  keyName,
  LEVEL_FIRST_METHODS,
  literalString,
  LOG_CHANNEL_KEYS,
  memberChain,
  NAMED_LOGGER_FACTORIES,
  resolveVariable,
  tokenize,
  unwrap,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';

type MessageIds = 'routeWithoutAudit' | 'exportWithoutAudit';

/** A piece of code that must leave an audit trail: a route handler or an export routine. */
interface Unit {
  node: FunctionNode | TSESTree.Program;
  route?: { method: string; path: string; audited: boolean };
  /** The export routine's name (function, class or file) for messages. */
  name?: string;
}

/** Verbs that, next to `access`, make a function an access journal: `logAccess`, `tracerAcces`. */
const ACCESS_VERBS = new Set([
  'log',
  'record',
  'track',
  'trace',
  'tracer',
  'journal',
  'journaliser',
]);
/** Words that name an audit trail wherever they appear in a callee chain: `audit.record`, `auditService.log`. */
const AUDIT_WORDS = new Set(['audit', 'auditer', 'audits', 'journaliser']);

function mentionsAudit(text: string): boolean {
  return tokenize(text).some((word) => AUDIT_WORDS.has(word));
}

/** `{ channel: 'audit' }`, `{ audit: true }`: options or fields that route a log line to the audit channel. */
function auditChannelObject(node: TSESTree.Node | undefined): boolean {
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
function auditingDecorator(decorators: TSESTree.Decorator[] | undefined): boolean {
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

export default createRule<[], MessageIds>({
  name: 'require-access-audit',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an audit event in routes and export routines that read patient records',
      preset: 'strict',
      cnilFinding: 'No supervision of the server, no escalation of security alerts',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(b)', 'CWE-778'],
      securitySeverity: 4.0,
    },
    messages: {
      routeWithoutAudit:
        '{{method}} {{path}} reads {{data}} without an audit event in its handler or middleware: nobody can tell afterwards who read which patient (GDPR art. 32, HIPAA 164.312(b)).',
      exportWithoutAudit:
        '{{name}} reads {{data}} for an export or migration without an audit event: a bulk extraction leaves no trace of who ran it (GDPR art. 32, HIPAA 164.312(b)).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));

    const reads: { node: TSESTree.Node; tables: string[] }[] = [];
    const auditCalls: TSESTree.Node[] = [];

    /** `audit.record(...)` from the configuration, matched on the callee name or its dotted chain. */
    function configuredAudit(call: TSESTree.CallExpression): boolean {
      const functions = getModel().config.audit.functions;
      if (functions.length === 0) return false;
      const chain = memberChain(call.callee).join('.');
      const name = calleeName(call.callee);
      return functions.some((f) => f === name || f === chain || chain.endsWith(`.${f}`));
    }

    /**
     * A logger made for the audit channel: `const auditLog = logger.child({ channel: 'audit' })`,
     * `log4js.getLogger('audit')`, `new Logger('Audit')`.
     */
    function auditLoggerValue(node: TSESTree.Node, depth = 0): boolean {
      if (depth > 6) return false;
      const expr = unwrap(node);
      if (
        expr.type === AST_NODE_TYPES.CallExpression ||
        expr.type === AST_NODE_TYPES.NewExpression
      ) {
        if (expr.arguments.some((arg) => auditChannelObject(arg))) return true;
        if (
          NAMED_LOGGER_FACTORIES.has(calleeName(expr.callee) ?? '') &&
          mentionsAudit(literalString(expr.arguments[0]) ?? '')
        )
          return true;
        return auditLoggerValue(expr.callee, depth + 1);
      }
      if (expr.type === AST_NODE_TYPES.MemberExpression)
        return auditLoggerValue(expr.object, depth + 1);
      if (expr.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(scopeOf(expr), expr);
        const init = variable && constantInit(variable);
        return init !== undefined && auditLoggerValue(init, depth + 1);
      }
      return false;
    }

    function isAuditCall(call: TSESTree.CallExpression): boolean {
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
      if (configuredAudit(call)) return true;
      // Logger calls on the audit channel: a dedicated logger, a level or a field naming it.
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        if (auditLoggerValue(callee.object)) return true;
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
    function auditingMiddleware(node: TSESTree.Node): boolean {
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.ArrayExpression)
        return expr.elements.some((e) => e !== null && auditingMiddleware(e));
      if (expr.type === AST_NODE_TYPES.CallExpression && isAuditCall(expr)) return true;
      return memberChain(expr).some(mentionsAudit);
    }

    function routeUnits(program: TSESTree.Program): Unit[] {
      const units: Unit[] = [];
      const discovered = discoverRoutes(program);
      for (const route of discovered.routes) {
        const handler = route.handler && unwrap(route.handler);
        if (!handler || !isFunctionNode(handler)) continue;
        const ownerAudits = discovered.uses.some(
          (use) => use.owner.key === route.owner.key && use.middleware.some(auditingMiddleware),
        );
        const hookAudits =
          route.options?.properties.some(
            (p) =>
              p.type === AST_NODE_TYPES.Property &&
              /^(onRequest|preHandler|onResponse|preValidation)$/.test(keyName(p) ?? '') &&
              auditingMiddleware(p.value),
          ) ?? false;
        units.push({
          node: handler,
          route: {
            method: route.method.toUpperCase(),
            path: route.path ?? '(dynamic path)',
            audited: ownerAudits || hookAudits || route.middleware.some(auditingMiddleware),
          },
        });
      }
      return units;
    }

    /** Controller routes: audited by a decorator of the route or of its controller. */
    function controllerUnits(program: TSESTree.Program): Unit[] {
      return discoverControllers(program).flatMap((controller) => {
        const classAudits = auditingDecorator(controller.cls.decorators);
        return controller.routes.flatMap(({ member, method, path }) =>
          member.value.type === AST_NODE_TYPES.FunctionExpression
            ? [
                {
                  node: member.value,
                  route: {
                    method,
                    path,
                    audited: classAudits || auditingDecorator(member.decorators),
                  },
                },
              ]
            : [],
        );
      });
    }

    /** The export routine a read belongs to, when its function, class, file or folder says export. */
    function exportUnit(read: TSESTree.Node, program: TSESTree.Program): Unit | undefined {
      const exportContext = getModel().exportContextOf(read);
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

    const within = (inner: TSESTree.Node, outer: TSESTree.Node) =>
      outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

    function recordRead(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const read = getModel().provenance.patientRead(node);
      if (read) reads.push({ node, tables: read.tables });
    }

    return {
      CallExpression(call) {
        if (isAuditCall(call)) auditCalls.push(call);
        recordRead(call);
      },
      TaggedTemplateExpression: recordRead,
      'Program:exit'(program: TSESTree.Program) {
        if (reads.length === 0) return;
        const routes = [...routeUnits(program), ...controllerUnits(program)];
        const reported = new Set<TSESTree.Node>();
        for (const read of reads) {
          // The innermost route handler holding the read; else the export routine.
          const route = routes
            .filter((unit) => within(read.node, unit.node))
            .sort((a, b) => b.node.range[0] - a.node.range[0])[0];
          const unit = route ?? exportUnit(read.node, program);
          if (!unit || reported.has(unit.node)) continue;
          if (unit.route?.audited) continue;
          if (auditCalls.some((call) => within(call, unit.node))) continue;
          reported.add(unit.node);
          const tables = [...new Set(read.tables)]
            .slice(0, 3)
            .map((t) => `\`${t}\``)
            .join(', ');
          const data = `patient records of ${tables} (line ${read.node.loc.start.line})`;
          // Where the missing audit call belongs: the first line of the handler or routine.
          const head = unit.node.loc.start;
          const headLine = context.sourceCode.lines[head.line - 1] ?? '';
          const related = [
            {
              loc: { start: head, end: { line: head.line, column: headLine.length } },
              message: unit.route
                ? 'This route handler reads patient records and records no access audit'
                : 'This export routine reads patient records and records no access audit',
            },
          ];
          if (unit.route) {
            report(context, {
              node: read.node,
              messageId: 'routeWithoutAudit',
              data: {
                method: unit.route.method,
                path: describeLiteralForMessage(unit.route.path, 80),
                data,
              },
              related,
            });
          } else {
            report(context, {
              node: read.node,
              messageId: 'exportWithoutAudit',
              data: { name: unit.name ?? 'This export routine', data },
              related,
            });
          }
        }
      },
    };
  },
});
