import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { findProjectConfig } from '../config/project-config';
import { type HealthModel, healthModel, type Taint } from '../model';
import { calleeName, memberChain, propertyName, resolveVariable, unwrap } from '../model/ast';
import { tokenize } from '../model/tokens';
import { requiredSpecifier } from '../model/project-graph';
import { createRule } from '../util/create-rule';
import { addNamedImport } from '../fix/imports';
import { noteRelated, provenanceRelated } from '../model/related';
import {
  ACCESS_LOGGER,
  BODY_TOKENS,
  CONSOLE_METHODS,
  LOG_FUNCTION_MODULES,
  LOG_METHODS,
  LOGGER_FACTORIES,
  LOGGER_MODULES,
  LOGGER_NAME_WORDS,
  isLoggerExport,
} from '../model/apis';
import { resolveImport, withoutDefault } from '../model/imports';

type Options = [{ loggers?: string[] }];
type MessageIds =
  | 'patientDataInLog'
  | 'patientDataInError'
  | 'bodyInAccessLog'
  | 'replaceWithId'
  | 'wrapInRedaction';

/**
 * Outcome fields of a response or a child process: `response.status` after posting a patient is
 * a number, though the model lets a call's result inherit its arguments' provenance.
 */
const OUTCOME_PROPERTIES = new Set([
  'status',
  'statusCode',
  'statusText',
  'ok',
  'exitCode',
  'signal',
  'readyState',
]);

/** A call that writes to the log from argument `from` on, or a thrown error's message. */
type Sink = { kind: 'log'; name: string; from: number } | { kind: 'error'; name: string };

/** The module an identifier was imported or required from: `import pino from 'pino'`, `require('debug')`. */
function moduleOf(model: HealthModel, id: TSESTree.Identifier): string | undefined {
  const def = resolveVariable(model.provenance.scopeOf(id), id)?.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration
      ? String(declaration.source.value)
      : undefined;
  }
  if (def.type === 'Variable' && def.node.init) return requiredModule(def.node.init);
  return undefined;
}

function requiredModule(node: TSESTree.Node): string | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return requiredSpecifier(current);
}

function namesLogger(name: string | undefined, extra: Set<string>): boolean {
  if (!name) return false;
  if (extra.has(name)) return true;
  return tokenize(name).some((word) => LOGGER_NAME_WORDS.has(word));
}

/** A receiver whose value was made by a logger factory: `const journal = pino(...)`. */
function madeByLoggerFactory(model: HealthModel, node: TSESTree.Node): boolean {
  const expr = unwrap(node);
  if (expr.type !== AST_NODE_TYPES.Identifier) return false;
  const def = resolveVariable(model.provenance.scopeOf(expr), expr)?.defs[0];
  if (def?.type !== 'Variable' || !def.node.init) return false;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression)
    return false;
  const name = calleeName(init.callee);
  if (name && LOGGER_FACTORIES.has(name)) return true;
  const root = memberChain(init.callee)[0];
  if (root && LOGGER_MODULES.has(root)) return true;
  const callee = unwrap(init.callee);
  const base =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee
      : callee.type === AST_NODE_TYPES.MemberExpression &&
          unwrap(callee.object).type === AST_NODE_TYPES.Identifier
        ? (unwrap(callee.object) as TSESTree.Identifier)
        : undefined;
  const module = base && moduleOf(model, base);
  return module !== undefined && LOGGER_MODULES.has(module);
}

/** A receiver that is a library's logger itself: `winston.info()`, consola's `consola.info()`. */
function importedLogger(model: HealthModel, node: TSESTree.Node): boolean {
  const ref = resolveImport(node, model.provenance.scopeOf);
  return ref !== undefined && isLoggerExport(ref.module, withoutDefault(ref.exportPath));
}

/** `const dbg = debug('lab:import')` or `require('debug')('lab:import')`: a debug(1) logger. */
function isDebugLogger(model: HealthModel, callee: TSESTree.Identifier): boolean {
  const def = resolveVariable(model.provenance.scopeOf(callee), callee)?.defs[0];
  if (def?.type !== 'Variable' || !def.node.init) return false;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const factory = unwrap(init.callee);
  const module =
    factory.type === AST_NODE_TYPES.CallExpression
      ? requiredModule(factory)
      : factory.type === AST_NODE_TYPES.Identifier
        ? moduleOf(model, factory)
        : undefined;
  return module !== undefined && LOG_FUNCTION_MODULES.has(module);
}

/** The id expression to log instead of a patient object, when the value names a single record. */
function idReplacement(
  model: HealthModel,
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
): { text: string; key: string } | undefined {
  let expr = unwrap(value);
  // `patient.nir` -> `patient.id`: the container that owns the field.
  if (expr.type === AST_NODE_TYPES.MemberExpression && !expr.computed) {
    const object = unwrap(expr.object);
    if (
      object.type === AST_NODE_TYPES.Identifier ||
      object.type === AST_NODE_TYPES.MemberExpression
    )
      if (singleRecordName(model, lastName(object))) expr = object;
  }
  if (expr.type !== AST_NODE_TYPES.Identifier && expr.type !== AST_NODE_TYPES.MemberExpression)
    return undefined;
  const name = lastName(expr);
  if (!singleRecordName(model, name) || !name) return undefined;
  if (expr.type === AST_NODE_TYPES.Identifier && lacksIdField(model, expr)) return undefined;
  return { text: `${sourceCode.getText(expr)}.id`, key: `${name}Id` };
}

function lastName(node: TSESTree.Node): string | undefined {
  const chain = memberChain(node);
  return chain[chain.length - 1];
}

/** `patient`, `dossier`, `source.patient`: one record (not `patients`, `rows`), named as patient data. */
function singleRecordName(model: HealthModel, name: string | undefined): boolean {
  if (!name) return false;
  const cls = model.classifier.container(name);
  if (!cls || cls.role !== 'data') return false;
  const words = tokenize(name);
  const head = words[words.length - 1] ?? '';
  return !/[sx]$/.test(head);
}

/** A declared object type or literal without an `id` member: suggesting `.id` would not compile. */
function lacksIdField(model: HealthModel, id: TSESTree.Identifier): boolean {
  const def = resolveVariable(model.provenance.scopeOf(id), id)?.defs[0];
  const init = def?.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
  if (init?.type === AST_NODE_TYPES.ObjectExpression)
    return !init.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.SpreadElement ||
        (property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.key.name === 'id'),
    );
  const name = def?.name;
  const annotation =
    name && 'typeAnnotation' in name ? name.typeAnnotation?.typeAnnotation : undefined;
  if (!annotation || annotation.type !== AST_NODE_TYPES.TSTypeLiteral) return false;
  return !annotation.members.some(
    (member) =>
      member.type === AST_NODE_TYPES.TSPropertySignature &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === 'id',
  );
}

/** The import specifier of the redaction helper as seen from the linted file. */
function importPathFor(filename: string, configured: string): string {
  if (!configured.startsWith('.')) return configured;
  const configFile = isAbsolute(filename) ? findProjectConfig(filename).file : undefined;
  if (!configFile) return configured;
  const target = join(dirname(configFile), configured);
  const path = relative(dirname(filename), target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

export default createRule<Options, MessageIds>({
  name: 'no-patient-data-in-logs',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow patient identity and health data in log calls, access-log formats and error messages',
      preset: 'recommended',
      cnilFinding: 'Personal data kept without protection (logs)',
      references: [
        'GDPR-32',
        'CNIL-SAN-2022-009',
        'CNIL-GUIDE-LOGS',
        'HIPAA-164.312(b)',
        'CWE-532',
      ],
      securitySeverity: 6.5,
    },
    hasSuggestions: true,
    messages: {
      patientDataInLog:
        '`{{sink}}` writes {{data}} to the log: logs are copied, shipped and kept outside the protections of the patient record (GDPR art. 32); log the record id or redact it.',
      patientDataInError:
        'The error message carries {{data}}: error messages end up in logs, crash reports and HTTP responses (GDPR art. 32); put the record id in the message instead.',
      bodyInAccessLog:
        'The access-log format writes request bodies (token `:{{token}}`), which carry the patients sent to this server, into every log line (GDPR art. 32).',
      replaceWithId: 'Log `{{replacement}}` instead.',
      wrapInRedaction: 'Wrap the value in `{{helper}}()`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        description: 'Options of no-patient-data-in-logs.',
        properties: {
          loggers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Extra names of logger objects or functions whose calls are log writes (e.g. `trace`, `sentry`).',
          },
        },
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const extraLoggers = new Set(options.loggers ?? []);
    const sourceCode = context.sourceCode;
    const morganCalls: { call: TSESTree.CallExpression; format: TSESTree.Node }[] = [];
    const bodyTokens = new Set(BODY_TOKENS);
    // A morgan or debug(1) logger is imported or required by name, so a file that never spells
    // the module's name cannot call one; most calls then leave before any scope lookup.
    const mentionsMorgan = sourceCode.text.includes(ACCESS_LOGGER.module);
    const mentionsDebug = [...LOG_FUNCTION_MODULES].some((module) =>
      sourceCode.text.includes(module),
    );

    /** Whether the call could be a sink at all, from its callee's name alone. */
    function mayBeSink(callee: TSESTree.Node): boolean {
      if (callee.type === AST_NODE_TYPES.Identifier)
        return mentionsMorgan || mentionsDebug || extraLoggers.has(callee.name);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(callee);
      if (!method) return false;
      return (
        CONSOLE_METHODS.has(method) ||
        LOG_METHODS.has(method) ||
        (method === ACCESS_LOGGER.defineToken && mentionsMorgan)
      );
    }

    function sinkOf(model: HealthModel, call: TSESTree.CallExpression): Sink | undefined {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(callee);
        if (!method) return undefined;
        const receiver = unwrap(callee.object);
        if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console') {
          const from = CONSOLE_METHODS.get(method);
          return from !== undefined ? { kind: 'log', name: `console.${method}`, from } : undefined;
        }
        if (!LOG_METHODS.has(method)) return undefined;
        const chain = memberChain(callee);
        const receiverName = chain[chain.length - 2];
        if (
          namesLogger(receiverName, extraLoggers) ||
          madeByLoggerFactory(model, receiver) ||
          importedLogger(model, receiver)
        )
          return { kind: 'log', name: chain.join('.'), from: 0 };
        return undefined;
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (extraLoggers.has(callee.name) || isDebugLogger(model, callee))
          return { kind: 'log', name: callee.name, from: 0 };
      }
      return undefined;
    }

    function suggestionsFor(
      model: HealthModel,
      value: TSESTree.Node,
      property: TSESTree.Property | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const suggestions: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const id = idReplacement(model, sourceCode, value);
      if (id) {
        const target = property ?? value;
        const replacement = property ? `${id.key}: ${id.text}` : id.text;
        suggestions.push({
          messageId: 'replaceWithId',
          data: { replacement: id.text },
          fix: (fixer) => fixer.replaceText(target, replacement),
        });
      }
      const helper = model.config.redaction.fix;
      if (helper) {
        const valueText = sourceCode.getText(value);
        const target = property ?? value;
        const wrapped = property?.shorthand
          ? `${valueText}: ${helper.name}(${valueText})`
          : `${helper.name}(${valueText})`;
        suggestions.push({
          messageId: 'wrapInRedaction',
          data: { helper: helper.name },
          fix: (fixer) => {
            return [
              fixer.replaceText(property?.shorthand ? property : target, wrapped),
              ...addImport(fixer, helper.name, helper.import),
            ];
          },
        });
      }
      return suggestions;
    }

    function addImport(
      fixer: TSESLint.RuleFixer,
      name: string,
      from: string | undefined,
    ): TSESLint.RuleFix[] {
      return addNamedImport(fixer, sourceCode, context.filename, {
        name: name.split('.')[0]!,
        from: from && importPathFor(context.filename, from),
      });
    }

    function taintOf(model: HealthModel, node: TSESTree.Node): Taint | undefined {
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.MemberExpression) {
        const prop = propertyName(expr);
        if (prop && OUTCOME_PROPERTIES.has(prop)) return undefined;
      }
      if (expr.type === AST_NODE_TYPES.TemplateLiteral) {
        for (const part of expr.expressions) {
          const taint = taintOf(model, part);
          if (taint) return taint;
        }
        return undefined;
      }
      return model.provenance.carriesPatientData(node, ['mask', 'encrypt', 'hmac']);
    }

    /** Reports each tainted property of an object argument, or the argument as a whole. */
    function checkArgument(model: HealthModel, arg: TSESTree.Node, sink: Sink): void {
      const whole = taintOf(model, arg);
      if (!whole) return;
      const expr = unwrap(arg);
      let reported = false;
      if (expr.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of expr.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const taint = taintOf(model, property.value);
          if (!taint) continue;
          const key =
            !property.computed && property.key.type === AST_NODE_TYPES.Identifier
              ? property.key.name
              : undefined;
          const cls = key ? model.classifier.classify(key, { inContainer: true }) : undefined;
          if (cls && cls.role !== 'data') continue;
          reported = true;
          report(model, property.value, taint, sink, property);
        }
      }
      if (!reported) report(model, arg, whole, sink, undefined);
    }

    function report(
      model: HealthModel,
      node: TSESTree.Node,
      taint: Taint,
      sink: Sink,
      property: TSESTree.Property | undefined,
    ): void {
      const data = model.provenance.describe(taint);
      context.report({
        node: property ?? node,
        messageId: sink.kind === 'error' ? 'patientDataInError' : 'patientDataInLog',
        data: { data, sink: sink.name },
        suggest: sink.kind === 'log' ? suggestionsFor(model, node, property) : [],
      });
      noteRelated(context, property ?? node, provenanceRelated(taint));
    }

    function isMorgan(model: HealthModel, callee: TSESTree.Node): boolean {
      const expr = unwrap(callee);
      if (expr.type !== AST_NODE_TYPES.Identifier) return false;
      return moduleOf(model, expr) === ACCESS_LOGGER.module || expr.name === ACCESS_LOGGER.module;
    }

    return {
      CallExpression(call) {
        const callee = unwrap(call.callee);
        if (!mayBeSink(callee)) return;
        const model = healthModel(context);
        // morgan.token('payload', (req) => JSON.stringify(req.body)): a token that prints bodies.
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          propertyName(callee) === ACCESS_LOGGER.defineToken &&
          isMorgan(model, callee.object)
        ) {
          const [nameArg, fn] = call.arguments;
          if (
            nameArg?.type === AST_NODE_TYPES.Literal &&
            typeof nameArg.value === 'string' &&
            fn &&
            readsBody(sourceCode, fn)
          )
            bodyTokens.add(nameArg.value);
          return;
        }
        if (isMorgan(model, callee)) {
          const format = call.arguments[ACCESS_LOGGER.format];
          if (format) morganCalls.push({ call, format });
          return;
        }
        const sink = sinkOf(model, call);
        if (sink?.kind !== 'log') return;
        for (const arg of call.arguments.slice(sink.from)) checkArgument(model, arg, sink);
      },
      NewExpression(node) {
        if (node.parent?.type !== AST_NODE_TYPES.ThrowStatement) return;
        const name = calleeName(node.callee);
        if (!name || !/(Error|Exception)$/.test(name)) return;
        const model = healthModel(context);
        const message = node.arguments[0];
        if (!message) return;
        const taint = taintOf(model, message);
        if (taint) report(model, message, taint, { kind: 'error', name }, undefined);
      },
      'Program:exit'() {
        if (morganCalls.length === 0) return;
        const model = healthModel(context);
        for (const { format } of morganCalls) {
          const text = formatText(model, format);
          if (!text) continue;
          for (const match of text.matchAll(/:([\w-]+)/g)) {
            const token = match[1]!;
            if (!bodyTokens.has(token)) continue;
            context.report({ node: format, messageId: 'bodyInAccessLog', data: { token } });
            break;
          }
        }
      },
    };
  },
});

function formatText(model: HealthModel, node: TSESTree.Node): string | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string') return expr.value;
  if (expr.type === AST_NODE_TYPES.TemplateLiteral && expr.expressions.length === 0)
    return expr.quasis.map((q) => q.value.cooked ?? '').join('');
  if (expr.type === AST_NODE_TYPES.Identifier) {
    const def = resolveVariable(model.provenance.scopeOf(expr), expr)?.defs[0];
    if (def?.type === 'Variable' && def.node.init && def.node.init !== node)
      return formatText(model, def.node.init);
  }
  return undefined;
}

/** A morgan token function that returns the request body (`req.body`, `request.body`). */
function readsBody(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.Node): boolean {
  const expr = unwrap(fn);
  if (
    expr.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    expr.type !== AST_NODE_TYPES.FunctionExpression
  )
    return false;
  const first = expr.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier) return false;
  const pattern = new RegExp(`\\b${first.name}\\s*\\.\\s*body\\b`);
  return pattern.test(sourceCode.getText(expr.body));
}
