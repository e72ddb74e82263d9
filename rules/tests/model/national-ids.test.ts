import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  findNationalIdentifiers,
  inSsnField,
  isSsnName,
  nirKey,
  storedUnderName,
  validSsn,
} from '../../src/model/national-ids';
import { runProbeRule } from './probe';

describe('model/national-ids: NIR and NIA', () => {
  it('computes the INSEE control key, Corsica 2A/2B counted as 19/18', () => {
    assert.equal(nirKey('2840535238045'), 53);
    assert.equal(nirKey('269052A123456'), 88);
    assert.equal(nirKey('185122B045003'), 55);
  });

  it('finds NIRs with a valid key, grouped or not, and offers them with key 00', () => {
    assert.deepEqual(findNationalIdentifiers('nir: 284053523804553'), [
      { kind: 'nir', start: 5, end: 20, synthetic: '284053523804500' },
    ]);
    const [spaced] = findNationalIdentifiers('2 84 05 35 238 045 53');
    assert.equal(spaced?.kind, 'nir');
    assert.equal(spaced?.synthetic, '2 84 05 35 238 045 00');
    assert.equal(findNationalIdentifiers('2 69 05 2A 123 456 88')[0]?.kind, 'nir');
  });

  it('tells the NIA (7, 8) from the NIR', () => {
    const body = '7840535238045';
    const key = String(nirKey(body)).padStart(2, '0');
    assert.equal(findNationalIdentifiers(body + key)[0]?.kind, 'nia');
  });

  it('leaves wrong keys, impossible months and longer digit runs', () => {
    assert.deepEqual(findNationalIdentifiers('284053523804554'), []);
    assert.deepEqual(
      findNationalIdentifiers('1841535238045' + String(nirKey('1841535238045'))),
      [],
    );
    assert.deepEqual(findNationalIdentifiers('9284053523804553'), []);
    assert.deepEqual(findNationalIdentifiers('short 12345'), []);
  });
});

describe('model/national-ids: SSN', () => {
  it('applies the SSA issuance rules and knows the published samples', () => {
    assert.ok(validSsn('536', '22', '1234'));
    for (const [a, g, s] of [
      ['000', '12', '3456'],
      ['666', '12', '3456'],
      ['912', '12', '3456'],
      ['536', '00', '1234'],
      ['536', '22', '0000'],
      ['078', '05', '1120'],
      ['219', '09', '9999'],
      ['123', '45', '6789'],
    ] as const)
      assert.equal(validSsn(a, g, s), false, `${a}-${g}-${s}`);
  });

  it('takes one digit repeated or a counting run for a typed placeholder', () => {
    for (const [a, g, s] of [
      ['111', '11', '1111'],
      ['444', '44', '4444'],
      ['876', '54', '3210'],
      ['012', '34', '5678'],
    ] as const)
      assert.equal(validSsn(a, g, s), false, `${a}-${g}-${s}`);
    assert.ok(validSsn('111', '11', '1112'));
  });

  it('takes SSN groups typed one by one for a placeholder', () => {
    for (const [a, g, s] of [
      ['111', '22', '3333'],
      ['123', '12', '1234'],
    ] as const)
      assert.equal(validSsn(a, g, s), false, `${a}-${g}-${s}`);
    assert.ok(validSsn('123', '12', '4821'));
  });

  it('takes a NIR typed as a run, or with order 000, for a placeholder', () => {
    const withKey = (body: string) => `${body}${String(nirKey(body)).padStart(2, '0')}`;
    for (const body of ['1111111111111', '1234567890123', '2876543210987', '1840576451000'])
      assert.deepEqual(findNationalIdentifiers(`NIR ${withKey(body)}`), [], body);
    assert.equal(findNationalIdentifiers(`NIR ${withKey('1840576451089')}`).length, 1);
  });

  it('finds dashed SSNs anywhere and bare ones only in an SSN field', () => {
    assert.deepEqual(findNationalIdentifiers('SSN 536-22-1234.'), [
      { kind: 'ssn', start: 4, end: 15, synthetic: '000-22-1234' },
    ]);
    assert.deepEqual(findNationalIdentifiers('536221234'), []);
    assert.deepEqual(findNationalIdentifiers(' 536 22 1234', true), [
      { kind: 'ssn', start: 1, end: 12, synthetic: '000 22 1234' },
    ]);
    assert.deepEqual(findNationalIdentifiers('tel 555-12-3456-7'), []);
  });

  it('knows the names of SSN fields', () => {
    for (const name of ['ssn', 'patient_ssn', 'socialSecurityNumber', 'SOCIALSECURITY'])
      assert.ok(isSsnName(name), name);
    for (const name of ['session', 'nir', undefined]) assert.equal(isSsnName(name), false, name);
  });
});

describe('model/national-ids: where a literal is stored', () => {
  it('names the key, variable, member or JSX attribute a literal is stored under', () => {
    const code = [
      "const a = { ssn: '1' };",
      "const patientSsn = '2';",
      "declare const p: { ssn: string }; p.ssn = '3';",
      "class C { socialSecurityNumber = '4' as string; }",
      'const t = `5`;',
      "f('6');",
    ].join('\n');
    const seen: [string, string | undefined, boolean][] = [];
    const visit = (node: TSESTree.Literal | TSESTree.TemplateLiteral) => {
      if (node.type === 'Literal' && typeof node.value !== 'string') return;
      const text = node.type === 'Literal' ? String(node.value) : node.quasis[0]!.value.raw;
      seen.push([text, storedUnderName(node), inSsnField(node)]);
    };
    runProbeRule(code, () => ({ Literal: visit, TemplateLiteral: visit }));
    assert.deepEqual(seen, [
      ['1', 'ssn', true],
      ['2', 'patientSsn', true],
      ['3', 'ssn', true],
      ['4', 'socialSecurityNumber', true],
      ['5', 't', false],
      ['6', undefined, false],
    ]);
  });

  it('reads JSX attributes', () => {
    // The shape @typescript-eslint/parser gives `<input ssn="536-22-1234" />` (probe files are not JSX).
    const literal = { type: 'Literal', value: '536-22-1234' } as TSESTree.Literal;
    const attribute = {
      type: 'JSXAttribute',
      name: { type: 'JSXIdentifier', name: 'ssn' },
      value: literal,
    } as TSESTree.JSXAttribute;
    literal.parent = attribute;
    assert.equal(storedUnderName(literal), 'ssn');
    assert.ok(inSsnField(literal));
  });
});
