import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ACCESS_LOGGER,
  AST_NODE_TYPES,
  describeLiteralForMessage,
  type HealthModel,
  MAX_QUOTED_CODE_LENGTH,
  type ModuleSource,
  type RelatedLocation,
  healthModel,
  inInventedCode,
  LogCalls,
  loggedPatientData,
  provenanceRelated,
  recordIdOf,
  type Taint,
  thrownErrorMessage,
  unwrap,
  wrappedLogWrite,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';
import { configuredHelper, wrapWithHelper } from '../fix/wrap';

type Options = [{ loggers?: string[] }];
type MessageIds =
  | 'patientDataInLog'
  | 'patientDataInError'
  | 'bodyInAccessLog'
  | 'replaceWithId'
  | 'wrapInRedaction';

/** Where patient data is written: a log call from argument `from` on, or a thrown error's message. */
type Sink = { kind: 'log'; name: string; from: number } | { kind: 'error'; name: string };

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
      patientDataInLog: '`{{sink}}` logs {{data}}; log the record id instead.',
      patientDataInError: 'This error message carries {{data}}; put the record id in it instead.',
      bodyInAccessLog:
        'This access-log format logs request bodies (`:{{token}}`), with the patient data they carry.',
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
    // Tests and demo or synthetic data print the records they invent: no patient's data.
    const testCode = healthModel(context).config.testCode;
    if (inInventedCode(context.filename, context.cwd, testCode)) return {};
    const sourceCode = context.sourceCode;
    const loggers = new Set(options.loggers ?? []);
    const logCalls = new LogCalls(sourceCode, loggers);
    // The log calls of the modules whose functions this file calls (sink summaries).
    const otherLogCalls = new WeakMap<object, LogCalls>();
    const logCallsOf = (source: ModuleSource): LogCalls => {
      if (source === sourceCode) return logCalls;
      let calls = otherLogCalls.get(source);
      if (!calls) otherLogCalls.set(source, (calls = new LogCalls(source, loggers)));
      return calls;
    };
    const accessLogFormats: TSESTree.Node[] = [];

    function suggestionsFor(
      model: HealthModel,
      value: TSESTree.Node,
      property: TSESTree.Property | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const suggestions: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const id = recordIdOf(model, value);
      if (id) {
        const text = `${sourceCode.getText(id.record)}.id`;
        const target = property ?? value;
        const replacement = property ? `${id.key}: ${text}` : text;
        suggestions.push({
          messageId: 'replaceWithId',
          data: { replacement: text },
          fix: (fixer) => fixer.replaceText(target, replacement),
        });
      }
      const helper = model.config.redaction.fix;
      if (helper) {
        suggestions.push({
          messageId: 'wrapInRedaction',
          data: { helper: helper.name },
          fix: (fixer) =>
            wrapWithHelper(
              fixer,
              sourceCode,
              context.filename,
              [value],
              configuredHelper(helper, 'redaction', context),
            ),
        });
      }
      return suggestions;
    }

    /** Reports each tainted property of an object argument, or the argument as a whole. */
    function checkArgument(model: HealthModel, arg: TSESTree.Node, sink: Sink): void {
      const whole = loggedPatientData(model.provenance, arg);
      if (!whole) return;
      const expr = unwrap(arg);
      let reported = false;
      if (expr.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of expr.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const taint = loggedPatientData(model.provenance, property.value);
          if (!taint) continue;
          const key =
            !property.computed && property.key.type === AST_NODE_TYPES.Identifier
              ? property.key.name
              : undefined;
          const cls = key ? model.classifier.classify(key, { inContainer: true }) : undefined;
          if (cls && cls.role !== 'data') continue;
          reported = true;
          reportLog(model, property.value, taint, sink, property);
        }
      }
      if (!reported) reportLog(model, arg, whole, sink, undefined);
    }

    function reportLog(
      model: HealthModel,
      node: TSESTree.Node,
      taint: Taint,
      sink: Sink,
      property: TSESTree.Property | undefined,
    ): void {
      const data = model.provenance.describeAt(node, taint);
      report(context, {
        node: property ?? node,
        messageId: sink.kind === 'error' ? 'patientDataInError' : 'patientDataInLog',
        data: { data, sink: describeLiteralForMessage(sink.name, MAX_QUOTED_CODE_LENGTH) },
        suggest: sink.kind === 'log' ? suggestionsFor(model, node, property) : [],
        related: provenanceRelated(taint),
      });
    }

    /** A project function that logs what it is given: `logError('failed', patient)`. */
    function checkWrapper(call: TSESTree.CallExpression): void {
      if (unwrap(call.callee).type !== AST_NODE_TYPES.Identifier || call.arguments.length === 0)
        return;
      const model = healthModel(context);
      const found = wrappedLogWrite(model.provenance, call, logCallsOf);
      if (!found) return;
      const { argument, taint, sink: write, callee } = found;
      const name = `${sourceCode.getText(call.callee)}()`;
      const inner: RelatedLocation = {
        ...(callee.file ? { filename: callee.file } : {}),
        loc: { start: { ...write.at.loc.start }, end: { ...write.at.loc.end } },
        message:
          write.kind === 'log'
            ? `\`${name}\` writes it to the log here, with \`${write.name}\``
            : `\`${name}\` puts it in the message of a \`${write.name}\` here`,
      };
      report(context, {
        node: argument,
        messageId: write.kind === 'error' ? 'patientDataInError' : 'patientDataInLog',
        data: {
          data: model.provenance.describeAt(argument, taint),
          sink: describeLiteralForMessage(name, MAX_QUOTED_CODE_LENGTH),
        },
        suggest: write.kind === 'log' ? suggestionsFor(model, argument, undefined) : [],
        related: [...provenanceRelated(taint), inner],
      });
    }

    return {
      CallExpression(call) {
        const callee = unwrap(call.callee);
        if (!logCalls.mayLog(callee)) return checkWrapper(call);
        const model = healthModel(context);
        // morgan.token('payload', (req) => JSON.stringify(req.body)): a token that prints bodies.
        if (logCalls.definesToken(call)) return;
        if (logCalls.isAccessLogger(callee)) {
          const format = call.arguments[ACCESS_LOGGER.format];
          if (format) accessLogFormats.push(format);
          return;
        }
        const log = logCalls.logCallOf(call);
        if (!log) return checkWrapper(call);
        const sink: Sink = { kind: 'log', ...log };
        for (const arg of call.arguments.slice(log.from)) checkArgument(model, arg, sink);
      },
      NewExpression(node) {
        const thrown = thrownErrorMessage(node);
        if (!thrown) return;
        const model = healthModel(context);
        const taint = loggedPatientData(model.provenance, thrown.message);
        if (taint)
          reportLog(model, thrown.message, taint, { kind: 'error', name: thrown.name }, undefined);
      },
      'Program:exit'() {
        for (const format of accessLogFormats) {
          const token = logCalls.bodyTokenIn(format);
          if (token)
            context.report({ node: format, messageId: 'bodyInAccessLog', data: { token } });
        }
      },
    };
  },
});
