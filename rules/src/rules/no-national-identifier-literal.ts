import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  findNationalIdentifiers,
  type IdentifierMatch,
  inSsnField,
  sourceRangeOf,
  type StaticString,
  templatePart,
} from '../model';
import { createRule } from '../util/create-rule';

type MessageIds = 'nir' | 'ssn' | 'replaceWithSynthetic';

const KIND_LABEL: Record<IdentifierMatch['kind'], string> = {
  nir: 'French social security number (NIR/INS)',
  nia: 'French temporary number (NIA, used as INS-NIA)',
  ssn: 'US Social Security number',
};

/** Maps text offsets to file offsets for text the source spells verbatim from `sourceStart`. */
function verbatimAt(sourceStart: number) {
  return (start: number, end: number): TSESTree.Range => [sourceStart + start, sourceStart + end];
}

export default createRule<[], MessageIds>({
  name: 'no-national-identifier-literal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow real national identifiers (NIR, INS, SSN) written as literals',
      preset: 'recommended',
      cnilFinding: 'Social security numbers (NIR) were among the leaked patient fields',
      references: ['GDPR-32', 'GDPR-87', 'CNIL-SAN-2022-009', 'HIPAA-164.514(b)', 'CWE-359'],
      securitySeverity: 6.5,
    },
    hasSuggestions: true,
    messages: {
      nir: 'This {{kind}} has a valid control key; use a synthetic one with an invalid key.',
      ssn: 'This {{kind}} passes the SSA issuance rules; use one that can never be issued.',
      replaceWithSynthetic:
        'Replace it with a synthetic identifier of the same format that can never be valid.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    /**
     * Reports the identifiers in one piece of text. `sourceRange` maps a range of the text to
     * the file when the source spells it (verbatim, or a template with CRLF line ends); without
     * it (escapes) the whole node is reported and no edit is offered.
     */
    function check(
      node: TSESTree.Node,
      text: string,
      sourceRange: ((start: number, end: number) => TSESTree.Range | undefined) | undefined,
      ssnContext: boolean,
    ): void {
      for (const match of findNationalIdentifiers(text, ssnContext)) {
        const range = sourceRange?.(match.start, match.end);
        const loc = range
          ? {
              start: sourceCode.getLocFromIndex(range[0]),
              end: sourceCode.getLocFromIndex(range[1]),
            }
          : node.loc;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = range
          ? [
              {
                messageId: 'replaceWithSynthetic',
                fix: (fixer) => fixer.replaceTextRange(range, match.synthetic),
              },
            ]
          : [];
        context.report({
          node,
          loc,
          messageId: match.kind === 'ssn' ? 'ssn' : 'nir',
          data: { kind: KIND_LABEL[match.kind] },
          suggest,
        });
      }
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') {
          const raw = node.raw.slice(1, -1);
          check(
            node,
            node.value,
            raw === node.value ? verbatimAt(node.range[0] + 1) : undefined,
            inSsnField(node),
          );
        } else if (typeof node.value === 'number' || typeof node.value === 'bigint') {
          // Numeric literals: only their exact digits, as written (`284053523804553`, `284053523804553n`).
          const digits = node.raw.replace(/n$/, '');
          if (/^\d+$/.test(digits))
            check(node, digits, verbatimAt(node.range[0]), inSsnField(node));
        }
      },
      TemplateElement(node) {
        const cooked = node.value.cooked;
        if (cooked === null || cooked === undefined) return;
        const template = node.parent;
        const ssnContext =
          template?.type === AST_NODE_TYPES.TemplateLiteral &&
          template.expressions.length === 0 &&
          inSsnField(template);
        const text: StaticString = {
          text: cooked,
          parts: [templatePart(node, cooked, 0)],
          holes: 0,
        };
        check(node, cooked, (start, end) => sourceRangeOf(text, start, end), ssnContext);
      },
      JSXText(node) {
        check(
          node,
          node.value,
          node.raw === node.value ? verbatimAt(node.range[0]) : undefined,
          false,
        );
      },
    };
  },
});
