import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import {
  identifyingInput,
  mayTransformIdentifiers,
  mixesSecret,
  weakTransform,
} from '../../src/model/pseudonyms';
import { runProbeRule } from './probe';

interface Seen {
  /** Source text of the reported node. */
  node: string;
  encoding?: string;
  algorithm?: string;
  inputs: string[];
  keyed?: string;
  /** `describe()` of the identifying input, or null. */
  identifying: string | null;
}

/** The weak transforms of `code`, in source order, with the identifying data they are fed. */
function transforms(code: string, filename = 'src/app.ts'): Seen[] {
  const seen: Seen[] = [];
  const text = (node: TSESTree.Node) => code.slice(node.range[0], node.range[1]);
  runProbeRule(
    code,
    (context) => ({
      CallExpression(call: TSESTree.CallExpression) {
        const transform = weakTransform(call, context.sourceCode);
        if (!transform) return;
        const model = healthModel(context);
        const taint = identifyingInput(model.provenance, transform);
        seen.push({
          node: text(transform.node),
          encoding: transform.encoding,
          algorithm: transform.algorithm,
          inputs: transform.inputs.map(text),
          keyed: transform.keyed?.kind,
          identifying: taint ? model.provenance.describe(taint) : null,
        });
      },
    }),
    filename,
  );
  return seen;
}

describe('model/pseudonyms: weak transforms', () => {
  it('knows createHash with its .update() inputs, in the chain and on its variable', () => {
    const code = [
      "import { createHash } from 'node:crypto';",
      'declare const patient: { nir: string; nom: string };',
      "export const a = createHash('sha256').update(patient.nir).digest('hex');",
      "const h = createHash('md5');",
      'h.update(patient.nom);',
      'export const b = h.digest();',
    ].join('\n');
    const [a, b] = transforms(code);
    assert.equal(a?.algorithm, 'SHA-256');
    assert.deepEqual(a?.inputs, ['patient.nir']);
    assert.equal(a?.keyed, 'createHash');
    assert.ok(a?.identifying);
    assert.equal(b?.algorithm, 'MD5');
    assert.deepEqual(b?.inputs, ['patient.nom']);
  });

  it('names an algorithm it cannot read as unknown', () => {
    const code = [
      "import { createHash } from 'node:crypto';",
      'declare const alg: string; declare const nir: string;',
      "export const a = createHash(alg).update(nir).digest('hex');",
    ].join('\n');
    assert.equal(transforms(code)[0]?.algorithm, undefined);
  });

  it('knows reversible encodings: Buffer.from(x).toString(base64 | hex), btoa(x)', () => {
    const code = [
      'declare const nir: string;',
      "export const a = Buffer.from(nir).toString('base64');",
      "export const b = Buffer.from(nir).toString('hex');",
      "export const c = Buffer.from(nir).toString('utf8');",
      'export const d = btoa(nir);',
    ].join('\n');
    assert.deepEqual(
      transforms(code).map((t) => [t.node, t.encoding, t.inputs, t.keyed]),
      [
        ["Buffer.from(nir).toString('base64')", 'base64', ['nir'], 'replace'],
        ["Buffer.from(nir).toString('hex')", 'hex', ['nir'], 'replace'],
        ['btoa(nir)', 'base64', ['nir'], 'replace'],
      ],
    );
  });

  it('gives each library its keyed form', () => {
    const code = [
      "import CryptoJS from 'crypto-js';",
      "import { sha256 } from 'js-sha256';",
      "import md5 from 'md5';",
      "import sha1 from 'sha1';",
      'declare const nir: string;',
      'export const a = CryptoJS.SHA256(nir);',
      'export const b = sha256.hex(nir);',
      'export const c = md5(nir);',
      'export const d = sha1(nir);',
    ].join('\n');
    assert.deepEqual(
      transforms(code).map((t) => [t.algorithm, t.keyed]),
      [
        ['SHA-256', 'cryptoJs'],
        ['SHA-256', 'jsSha'],
        ['MD5', 'replace'],
        ['SHA-1', undefined],
      ],
    );
  });

  it('is no weak transform when keyed: createHmac, sha256.hmac', () => {
    const code = [
      "import { createHmac } from 'node:crypto';",
      "import { sha256 } from 'js-sha256';",
      'declare const nir: string; declare const key: string;',
      "export const a = createHmac('sha256', key).update(nir).digest('hex');",
      'export const b = sha256.hmac(key, nir);',
    ].join('\n');
    assert.deepEqual(transforms(code), []);
  });
});

describe('model/pseudonyms: what the transform is fed', () => {
  it('tells identifying data from other values', () => {
    const code = [
      "import { createHash } from 'node:crypto';",
      'declare const patient: { nir: string; dateNaissance: string }; declare const orderId: string;',
      "export const a = createHash('sha256').update(patient.dateNaissance).digest('hex');",
      "export const b = createHash('sha256').update(orderId).digest('hex');",
    ].join('\n');
    const [a, b] = transforms(code);
    assert.ok(a?.identifying);
    assert.equal(b?.identifying, null);
  });

  it('knows a key mixed into the input: a homemade keyed hash', () => {
    for (const source of [
      'secret + nir',
      'process.env.SALT + nir',
      '[pepper, nir]',
      '`${config.hmacKey}:${nir}`',
      'concat(cle, nir)',
    ])
      assert.equal(mixesSecret(expression(source)), true, source);
    for (const source of ['nir', 'patient.nir + patient.nom', 'password + nir'])
      assert.equal(mixesSecret(expression(source)), false, source);
    const code = [
      "import { createHash } from 'node:crypto';",
      'declare const nir: string; declare const pepper: string;',
      "export const a = createHash('sha256').update(pepper + nir).digest('hex');",
    ].join('\n');
    assert.equal(transforms(code)[0]?.identifying, null);
  });
});

/** The expression of `source`, parsed with parents. */
function expression(source: string): TSESTree.Node {
  let found: TSESTree.Node | undefined;
  runProbeRule(`f(${source});`, () => ({
    CallExpression(call: TSESTree.CallExpression) {
      if (call.callee.type === 'Identifier' && call.callee.name === 'f') found = call.arguments[0];
    },
  }));
  assert.ok(found);
  return found;
}

describe('pseudonyms: files that cannot hold a weak transform', () => {
  it('are told apart by their text before any walk', () => {
    assert.ok(mayTransformIdentifiers("createHash('sha256')"));
    assert.ok(mayTransformIdentifiers('Buffer.from(nir).toString("base64")'));
    assert.ok(!mayTransformIdentifiers('export const add = (a, b) => a + b;'));
  });
});
