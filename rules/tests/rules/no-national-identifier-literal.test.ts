import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import assert from 'node:assert/strict';
import rule from '../../src/rules/no-national-identifier-literal';
import { findNationalIdentifiers, nirKey } from '../../src/model/national-ids';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

const valid: (string | ValidTestCase<[]>)[] = [
  // Control key 00 never results from 97 - (n mod 97): the synthetic form the fix produces.
  "const nir = '284053523804500';",
  "const nir = '1 79 06 29 019 114 00';",
  // Wrong key: a typo or an invented number, not a person.
  "const nir = '284053523804554';",
  'const nir = 284053523804554;',
  // Sex digit 5 and month 13 do not exist in the INSEE scheme, whatever the key.
  "const ref = '584053523804553';",
  "const ref = '184139912345617';",
  // Letters glued to the digits: an order or lab number, not a NIR.
  "const commande = 'ORD284053523804553';",
  "const commande = '2840535238045530';",
  'const total = 284053523804553.5;',
  "const nirIncomplet = '2840535238045';",
  "const masque = '2 84 05 35 XXX XXX 53';",
  // The number split over two literals is outside what a literal check can see.
  "const nir = '2840535238045' + '53';",
  // SSN: only dashed, or under an ssn-named key, and only numbers the SSA could have issued.
  "const orderNumber = '536221234';",
  "const ssn = '123-45-6789';",
  "const ssn = '078-05-1120';",
  "const ssn = '000-22-1234';",
  "const ssn = '666-22-1234';",
  "const itin = '912-34-5678';",
  "const ssn = '536-00-1234';",
  "const ssn = '536-22-0000';",
  "const ssn = '5362212340';",
  "const phone = '555-123-4567';",
  "const dateNaissance = '1984-05-12';",
  "const iban = 'FR76 3000 6000 0112 3456 7890 189';",
  "const siret = '73282932000074';",
  "const id = '550e8400-e29b-41d4-a716-446655440000';",
  { code: 'const a = <span>NIR : 1 79 06 29 019 114 00</span>;', filename: 'x.tsx' },
  'const nir = `${prefix}2840535238045`;',
];

const invalid: InvalidTestCase<'nir' | 'ssn' | 'replaceWithSynthetic', []>[] = [
  {
    code: "const nir = '284053523804553';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 29,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const nir = '284053523804500';" },
        ],
      },
    ],
  },
  {
    code: "const nir = '1 79 06 29 019 114 43';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 35,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const nir = '1 79 06 29 019 114 00';" },
        ],
      },
    ],
  },
  {
    code: "const patient = { nom: 'Le Goff', nir: '2.84.05.35.238.045.53' };",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 41,
        endLine: 1,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const patient = { nom: 'Le Goff', nir: '2.84.05.35.238.045.00' };",
          },
        ],
      },
    ],
  },
  {
    code: "const nir = '2-84-05-35-238-045-53';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 35,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const nir = '2-84-05-35-238-045-00';" },
        ],
      },
    ],
  },
  {
    code: 'const numeroSecu = 284053523804553;',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 35,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: 'const numeroSecu = 284053523804500;' },
        ],
      },
    ],
  },
  {
    code: 'const nir = 284053523804553n;',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 28,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: 'const nir = 284053523804500n;' },
        ],
      },
    ],
  },
  {
    code: "const corse = '269052A12345688';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 31,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const corse = '269052A12345600';" },
        ],
      },
    ],
  },
  {
    code: "const corse = '2 69 05 2A 123 456 88';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 37,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const corse = '2 69 05 2A 123 456 00';" },
        ],
      },
    ],
  },
  {
    code: "const corseNord = '1 85 12 2B 045 003 55';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 41,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const corseNord = '1 85 12 2B 045 003 00';",
          },
        ],
      },
    ],
  },
  {
    code: "const ins = '785129912345613';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 29,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const ins = '785129912345600';" },
        ],
      },
    ],
  },
  {
    code: "const ins = '1700275001001 25';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 30,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const ins = '1700275001001 00';" },
        ],
      },
    ],
  },
  {
    code: 'const message = `Patient NIR 284053523804553 introuvable`;',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 30,
        endLine: 1,
        endColumn: 45,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: 'const message = `Patient NIR 284053523804500 introuvable`;',
          },
        ],
      },
    ],
  },
  {
    // CRLF line ends: the template's cooked text has LF, the file CRLF; the range still maps.
    code: 'const lines = `nom;nir\r\nDUPONT;284053523804553\r\n`;',
    errors: [
      {
        messageId: 'nir',
        line: 2,
        column: 8,
        endLine: 2,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: 'const lines = `nom;nir\r\nDUPONT;284053523804500\r\n`;',
          },
        ],
      },
    ],
  },
  {
    code: 'const line = `${nom};284053523804553;${date}`;',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 22,
        endLine: 1,
        endColumn: 37,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: 'const line = `${nom};284053523804500;${date}`;',
          },
        ],
      },
    ],
  },
  {
    code: 'const a = <span>NIR : 1 79 06 29 019 114 43</span>;',
    filename: 'x.tsx',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 23,
        endLine: 1,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: 'const a = <span>NIR : 1 79 06 29 019 114 00</span>;',
          },
        ],
      },
    ],
  },
  {
    code: 'const a = <input defaultValue="284053523804553" />;',
    filename: 'x.tsx',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 32,
        endLine: 1,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: 'const a = <input defaultValue="284053523804500" />;',
          },
        ],
      },
    ],
  },
  {
    code: "const ssn = '536-22-1234';",
    errors: [
      {
        messageId: 'ssn',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 25,
        suggestions: [{ messageId: 'replaceWithSynthetic', output: "const ssn = '000-22-1234';" }],
      },
    ],
  },
  {
    code: "const patient = { name: 'Jane Roe', ssn: '536221234' };",
    errors: [
      {
        messageId: 'ssn',
        line: 1,
        column: 43,
        endLine: 1,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const patient = { name: 'Jane Roe', ssn: '000221234' };",
          },
        ],
      },
    ],
  },
  {
    code: 'const socialSecurityNumber = `536221234`;',
    errors: [
      {
        messageId: 'ssn',
        line: 1,
        column: 31,
        endLine: 1,
        endColumn: 40,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: 'const socialSecurityNumber = `000221234`;',
          },
        ],
      },
    ],
  },
  {
    code: "const row = 'Jane Roe,536-22-1234,1984-05-12';",
    errors: [
      {
        messageId: 'ssn',
        line: 1,
        column: 23,
        endLine: 1,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const row = 'Jane Roe,000-22-1234,1984-05-12';",
          },
        ],
      },
    ],
  },
  {
    code: "type FixtureNir = '284053523804553';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 35,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "type FixtureNir = '284053523804500';" },
        ],
      },
    ],
  },
  {
    code: "expect(parseNir('284053523804553')).toEqual({ sexe: 2 });",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 18,
        endLine: 1,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "expect(parseNir('284053523804500')).toEqual({ sexe: 2 });",
          },
        ],
      },
    ],
  },
  {
    code: "const nirs = ['284053523804553', '1 79 06 29 019 114 43'];",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const nirs = ['284053523804500', '1 79 06 29 019 114 43'];",
          },
        ],
      },
      {
        messageId: 'nir',
        line: 1,
        column: 35,
        endLine: 1,
        endColumn: 56,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const nirs = ['284053523804553', '1 79 06 29 019 114 00'];",
          },
        ],
      },
    ],
  },
  {
    code: "const x = { nir: '284053523804553' as string };",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 19,
        endLine: 1,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "const x = { nir: '284053523804500' as string };",
          },
        ],
      },
    ],
  },
  {
    code: "class Fixture { nir = '2840535238045 53'; }",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 40,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: "class Fixture { nir = '2840535238045 00'; }",
          },
        ],
      },
    ],
  },
  {
    code: "patient.ssn = '536 22 1234';",
    errors: [
      {
        messageId: 'ssn',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 27,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "patient.ssn = '000 22 1234';" },
        ],
      },
    ],
  },
  {
    code: "const nir = '2840535238\\x30\\x345\\x353';",
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 39,
        suggestions: [],
      },
    ],
  },
  {
    code: "const etranger = '384053523804503';",
    filename: 'test/fixtures/patients.ts',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 19,
        endLine: 1,
        endColumn: 34,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: "const etranger = '384053523804500';" },
        ],
      },
    ],
  },
  {
    code: `const fixture = {
  dossier: {
    nir: '1 99 06 99 123 456 16',
  },
};`,
    filename: 'src/__tests__/dossier.test.ts',
    errors: [
      {
        messageId: 'nir',
        line: 3,
        column: 11,
        endLine: 3,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'replaceWithSynthetic',
            output: `const fixture = {
  dossier: {
    nir: '1 99 06 99 123 456 00',
  },
};`,
          },
        ],
      },
    ],
  },
  {
    code: 'const nir = 150017500100119;',
    filename: 'seed.js',
    errors: [
      {
        messageId: 'nir',
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 28,
        suggestions: [
          { messageId: 'replaceWithSynthetic', output: 'const nir = 150017500100100;' },
        ],
      },
    ],
  },
];

ruleTester.run('no-national-identifier-literal', rule, { valid, invalid });

describe('no-national-identifier-literal checksum', () => {
  it('computes the INSEE key, with 2A/2B counted as 19/18', () => {
    assert.equal(nirKey('2840535238045'), 53);
    assert.equal(nirKey('269052A123456'), 88);
    assert.equal(nirKey('185122B045003'), 55);
  });

  it('makes every suggested replacement invalid', () => {
    for (const { code } of invalid) {
      for (const match of findNationalIdentifiers(code, true)) {
        assert.deepEqual(findNationalIdentifiers(match.synthetic, true), [], match.synthetic);
      }
    }
  });
});

describe('no-national-identifier-literal messages', () => {
  it('never repeat the identifier they report', () => {
    const linter = new Linter({ configType: 'flat' });
    for (const { code, filename } of invalid) {
      const messages = linter.verify(
        code,
        [
          {
            files: ['**/*.{ts,tsx,js}'],
            plugins: {
              'health-data': { rules: { 'no-national-identifier-literal': rule } },
            } as unknown as Linter.Config['plugins'],
            languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
            rules: { 'health-data/no-national-identifier-literal': 'error' },
          },
        ],
        filename ?? 'file.ts',
      );
      assert.ok(messages.length > 0, code);
      const values = findNationalIdentifiers(code, true).map((m) =>
        code.slice(m.start, m.end).replace(/[ .-]/g, ''),
      );
      for (const message of messages) {
        const text = [message.message, ...(message.suggestions ?? []).map((s) => s.desc)].join(' ');
        const compact = text.replace(/[ .-]/g, '');
        for (const value of values) {
          assert.ok(!compact.includes(value), `${message.message} repeats the identifier`);
          assert.ok(!text.includes(value.slice(-4)), `${message.message} repeats its end`);
        }
      }
    }
  });
});
