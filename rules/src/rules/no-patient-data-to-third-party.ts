import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  describeLiteralForMessage,
  type HealthModel,
  healthModel,
  inInventedCode,
  keyName,
  MAX_QUOTED_CODE_LENGTH,
  type ModuleSource,
  provenanceRelated,
  type RelatedLocation,
  sentPatientData,
  sentryDefaultPii,
  type Taint,
  ThirdPartyCalls,
  type ThirdPartySend,
  unwrap,
  wrappedThirdPartySend,
} from '../model';
import { createRule } from '../util/create-rule';
import { removeProperty } from '../fix/options';
import { report } from '../report';
import { configuredHelper, wrapWithHelper } from '../fix/wrap';

type MessageIds =
  | 'sentToService'
  | 'defaultPiiToSentry'
  | 'removeFromEvent'
  | 'wrapInDeidentification'
  | 'turnOffDefaultPii';

export default createRule<[], MessageIds>({
  name: 'no-patient-data-to-third-party',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow patient data in calls to analytics, advertising, error-tracking and AI services',
      preset: 'recommended',
      cnilFinding: 'Patient data disclosed to parties with no business holding it',
      references: [
        'GDPR-9',
        'GDPR-28',
        'GDPR-44',
        'CNIL-SAN-2022-009',
        'HIPAA-164.502(e)',
        'HIPAA-164.514',
        'CWE-359',
      ],
      securitySeverity: 7.5,
    },
    hasSuggestions: true,
    messages: {
      sentToService: '`{{call}}` sends {{data}} to {{service}}, a third-party {{kind}}.',
      defaultPiiToSentry:
        '`sendDefaultPii: true` sends each error with its user and request, patient data included, to Sentry.',
      removeFromEvent: 'Send the event without `{{key}}`.',
      wrapInDeidentification: 'Wrap the value in `{{helper}}()`.',
      turnOffDefaultPii: 'Set `sendDefaultPii` to `false`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    // Tests and demo data send the records they invent: no patient's data.
    const testCode = healthModel(context).config.testCode;
    if (inInventedCode(context.filename, context.cwd, testCode)) return {};
    const sourceCode = context.sourceCode;
    const calls = new ThirdPartyCalls(sourceCode);
    // The sends of the modules whose functions this file calls (sink summaries).
    const otherCalls = new WeakMap<object, ThirdPartyCalls>();
    const callsOf = (source: ModuleSource): ThirdPartyCalls => {
      if (source === sourceCode) return calls;
      let found = otherCalls.get(source);
      if (!found) otherCalls.set(source, (found = new ThirdPartyCalls(source)));
      return found;
    };

    function suggestionsFor(
      model: HealthModel,
      value: TSESTree.Node,
      property: TSESTree.Property | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const suggestions: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const key = property && keyName(property);
      if (property && key !== undefined)
        suggestions.push({
          messageId: 'removeFromEvent',
          data: { key: describeLiteralForMessage(key, MAX_QUOTED_CODE_LENGTH) },
          fix: (fixer) => removeProperty(fixer, sourceCode, property),
        });
      const helper = model.config.deidentification.fix;
      if (helper)
        suggestions.push({
          messageId: 'wrapInDeidentification',
          data: { helper: helper.name },
          fix: (fixer) =>
            wrapWithHelper(
              fixer,
              sourceCode,
              context.filename,
              [value],
              configuredHelper(helper, 'deidentification', context),
            ),
        });
      return suggestions;
    }

    function reportSend(
      model: HealthModel,
      node: TSESTree.Node,
      taint: Taint,
      send: Pick<ThirdPartySend, 'service' | 'kind'>,
      call: string,
      property: TSESTree.Property | undefined,
      inner?: RelatedLocation,
    ): void {
      report(context, {
        node: property ?? node,
        messageId: 'sentToService',
        data: {
          call: describeLiteralForMessage(call, MAX_QUOTED_CODE_LENGTH),
          data: model.provenance.describeAt(node, taint),
          service: send.service,
          kind: send.kind,
        },
        suggest: suggestionsFor(model, node, property),
        related: inner ? [...provenanceRelated(taint), inner] : provenanceRelated(taint),
      });
    }

    /** Reports each property of an object literal that sends patient data, or the value whole. */
    function checkValue(model: HealthModel, value: TSESTree.Node, send: ThirdPartySend): void {
      const whole = sentPatientData(model.provenance, value, send.kind);
      if (!whole) return;
      if (!reportProperties(model, value, send))
        reportSend(model, value, whole, send, send.name, undefined);
    }

    /**
     * Reports the properties of an object literal (nested ones included: `{ extra: { nir } }`)
     * that send patient data; whether any was.
     */
    function reportProperties(
      model: HealthModel,
      value: TSESTree.Node,
      send: ThirdPartySend,
    ): boolean {
      const expr = unwrap(value);
      if (expr.type !== AST_NODE_TYPES.ObjectExpression) return false;
      let reported = false;
      for (const property of expr.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const taint = sentPatientData(model.provenance, property.value, send.kind);
        if (!taint) continue;
        const key = !property.computed ? keyName(property) : undefined;
        const cls = key ? model.classifier.classify(key, { inContainer: true }) : undefined;
        if (cls && cls.role !== 'data') continue;
        reported = true;
        if (!reportProperties(model, property.value, send))
          reportSend(model, property.value, taint, send, send.name, property);
      }
      return reported;
    }

    /** A project function that sends what it is given: `trackVisit(patient)` around `mixpanel.track`. */
    function checkHelper(call: TSESTree.CallExpression): void {
      if (unwrap(call.callee).type !== AST_NODE_TYPES.Identifier || call.arguments.length === 0)
        return;
      const model = healthModel(context);
      const found = wrappedThirdPartySend(model.provenance, call, callsOf);
      if (!found) return;
      const { argument, taint, sink: send, callee } = found;
      const name = `${sourceCode.getText(call.callee)}()`;
      const inner: RelatedLocation = {
        ...(callee.file ? { filename: callee.file } : {}),
        loc: { start: { ...send.at.loc.start }, end: { ...send.at.loc.end } },
        message: `\`${name}\` sends it to ${send.service} here, with \`${send.name}\``,
      };
      reportSend(model, argument, taint, send, name, undefined, inner);
    }

    return {
      CallExpression(call) {
        const send = calls.sendOf(call);
        if (!send) {
          const defaultPii =
            calls.mentionsService && sentryDefaultPii(call, (node) => sourceCode.getScope(node));
          if (defaultPii)
            return context.report({
              node: defaultPii,
              messageId: 'defaultPiiToSentry',
              suggest: [
                {
                  messageId: 'turnOffDefaultPii',
                  fix: (fixer) => fixer.replaceText(defaultPii.value, 'false'),
                },
              ],
            });
          return checkHelper(call);
        }
        const model = healthModel(context);
        for (const value of send.values) checkValue(model, value, send);
      },
    };
  },
});
