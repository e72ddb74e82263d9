import { type TSESTree } from '@typescript-eslint/utils';
import {
  healthModel,
  identifyingInput,
  provenanceRelated,
  type WeakTransform,
  weakTransform,
  mayTransformIdentifiers,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';
import { keyedHashFix } from '../fix/keyed-hash';
import { acceptsTypeScript } from '../fix/imports';

type MessageIds = 'unkeyedHash' | 'reversibleEncoding' | 'useHmac';

/** The environment variable the suggestion reads the pseudonymisation key from. */
const KEY_VARIABLE = 'PSEUDONYMIZATION_KEY';

/** How messages name a transform: `unkeyed MD5`, `Base64 encoding`, `hexadecimal encoding`. */
function transformName({ encoding, algorithm }: WeakTransform): string {
  if (encoding) return encoding === 'hex' ? 'hexadecimal encoding' : 'Base64 encoding';
  return `unkeyed ${algorithm ?? 'hash'}`;
}

export default createRule<[], MessageIds>({
  name: 'no-weak-pseudonymization',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow pseudonyms made by unkeyed hashes or encodings of national identifiers and names',
      preset: 'recommended',
      cnilFinding:
        'Identifiers leaked with the records; an unkeyed hash of a NIR does not protect it',
      references: ['GDPR-4(5)', 'GDPR-32', 'CNIL-SAN-2022-009', 'CWE-328', 'CWE-916'],
      securitySeverity: 7.0,
    },
    hasSuggestions: true,
    messages: {
      unkeyedHash: 'The {{what}} of {{data}} is reversible by brute force; use a keyed HMAC.',
      reversibleEncoding: 'The {{what}} of {{data}} decodes back in one call; use a keyed HMAC.',
      useHmac: `Use an HMAC-SHA-256 keyed by process.env.${KEY_VARIABLE} instead.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const isTypeScript = acceptsTypeScript(context.filename);
    const keyExpression = `process.env.${KEY_VARIABLE}${isTypeScript ? '!' : ''}`;

    if (!mayTransformIdentifiers(sourceCode.text)) return {};

    return {
      CallExpression(call: TSESTree.CallExpression) {
        const transform = weakTransform(call, sourceCode);
        if (!transform) return;
        const model = healthModel(context);
        const taint = identifyingInput(model.provenance, transform);
        if (!taint) return;
        const { keyed } = transform;
        report(context, {
          node: transform.node,
          messageId: transform.encoding ? 'reversibleEncoding' : 'unkeyedHash',
          data: { what: transformName(transform), data: model.provenance.describe(taint, 40) },
          suggest: keyed
            ? [
                {
                  messageId: 'useHmac',
                  fix: keyedHashFix(sourceCode, context.filename, keyed, keyExpression),
                },
              ]
            : [],
          related: provenanceRelated(taint),
        });
      },
    };
  },
});
