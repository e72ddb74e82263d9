import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import rule from '../../src/rules/no-weak-pseudonymization';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

const valid: (string | ValidTestCase<[]>)[] = [
  // Transport encoding: a patient's statement as a FHIR attachment's base64 data, a mail part.
  "export const attach = (patient: Patient, html: string) => ({ payload: [{ contentAttachment: { contentType: 'text/html', data: Buffer.from(`${patient.name} ${html}`).toString('base64') } }] });",
  'export const part = (patient: Patient) => ({ filename: "letter.txt", content: btoa(patient.name) });',
  // Keyed: HMAC under a secret, the fix this rule suggests.
  "import { createHmac } from 'node:crypto';\nexport const pseudo = (nir: string) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(nir).digest('hex');",
  "import CryptoJS from 'crypto-js';\nexport const pseudo = (nir: string, key: string) => CryptoJS.HmacSHA256(nir, key).toString();",
  "import { sha256 } from 'js-sha256';\nexport const pseudo = (nir: string, secret: string) => sha256.hmac(secret, nir);",
  "import md5 from 'blueimp-md5';\nexport const pseudo = (nir: string, key: string) => md5(nir, key);",
  // Salted slow key derivation functions.
  "import { scryptSync, randomBytes } from 'node:crypto';\nexport const derive = (nir: string) => scryptSync(nir, randomBytes(16), 64);",
  "import { pbkdf2Sync } from 'node:crypto';\nexport const derive = (nir: string, salt: Buffer) => pbkdf2Sync(nir, salt, 600000, 32, 'sha256');",
  "import bcrypt from 'bcrypt';\nexport const derive = (nir: string) => bcrypt.hash(nir, 12);",
  "import argon2 from 'argon2';\nexport const derive = (nir: string) => argon2.hash(nir);",
  // A secret mixed into the hashed input: a homemade keyed hash.
  "import { createHash } from 'node:crypto';\nexport const pseudo = (nir: string) => createHash('sha256').update(process.env.NIR_PEPPER + nir).digest('hex');",
  "import { createHash } from 'node:crypto';\nexport function pseudo(nir: string, secret: string) {\n  const h = createHash('sha256');\n  h.update(secret);\n  h.update(nir);\n  return h.digest('hex');\n}",
  "import { createHash, createHmac } from 'node:crypto';\nexport const pseudo = (nir: string, key: string) => {\n  const keyed = createHmac('sha256', key).update(nir).digest('hex');\n  return createHash('sha256').update(keyed).digest('hex');\n};",
  // Hashes and encodings of data that identifies nobody.
  "import { createHash } from 'node:crypto';\nexport const checksum = (fileContents: Buffer) => createHash('sha256').update(fileContents).digest('hex');",
  "import { createHash } from 'node:crypto';\nexport const etag = (config: object) => createHash('md5').update(JSON.stringify(config)).digest('hex');",
  "import { createHash } from 'node:crypto';\nexport const key = (patient: Patient) => createHash('sha256').update(String(patient.id)).digest('hex');",
  "import hash from 'object-hash';\nexport const version = (patient: Patient) => hash(patient.diagnostic);",
  "import hash from 'object-hash';\nexport const schemaVersion = (schema: object) => hash.keys(schema);",
  "export const pdf = (pdfBytes: Uint8Array) => Buffer.from(pdfBytes).toString('base64');",
  'export const basic = (user: string, password: string) => btoa(`${user}:${password}`);',
  "export const decoded = (payload: string) => Buffer.from(payload, 'base64').toString('utf8');",
  "export const text = (nir: string) => Buffer.from(nir).toString('utf8');",
  'export const settingsToken = (settings: object) => window.btoa(JSON.stringify(settings));',
  "export const digest = (fileBuffer: ArrayBuffer) => crypto.subtle.digest('SHA-256', fileBuffer);",
  "import { sha256 } from 'js-sha256';\nexport const fingerprint = (documentText: string) => sha256(documentText);",
  // Not the crypto module's createHash, and not a hash at all.
  "function createHash(kind: string) {\n  return { update: (v: string) => ({ digest: () => `${kind}:${v.length}` }) };\n}\nexport const pseudo = (nir: string) => createHash('len').update(nir).digest();",
  "import { randomUUID } from 'node:crypto';\nexport const pseudo = (_nir: string) => randomUUID();",
  "import CryptoJS from 'crypto-js';\nexport const sealed = (nir: string, key: string) => CryptoJS.AES.encrypt(nir, key).toString();",
];

const invalid: InvalidTestCase<'unkeyedHash' | 'reversibleEncoding' | 'useHmac', []>[] = [
  {
    code: `import { createHash } from 'node:crypto';
export function pseudo(patient: { nir: string }) {
  return createHash('sha256').update(patient.nir).digest('hex');
}`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 3,
        column: 10,
        endLine: 3,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export function pseudo(patient: { nir: string }) {
  return createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(patient.nir).digest('hex');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createHash } from 'crypto';
const pseudo = (nir: string) => createHash('md5').update(nir).digest('hex');
export const other = createHash('sha1');`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 33,
        endLine: 2,
        endColumn: 50,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHash, createHmac } from 'crypto';
const pseudo = (nir: string) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(nir).digest('hex');
export const other = createHash('sha1');`,
          },
        ],
      },
    ],
  },
  {
    code: `import crypto from 'node:crypto';
export const pseudo = (p: Patient) => crypto.createHash('sha1').update(p.nir).digest('hex');`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 39,
        endLine: 2,
        endColumn: 64,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import crypto from 'node:crypto';
export const pseudo = (p: Patient) => crypto.createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(p.nir).digest('hex');`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as nodeCrypto from 'crypto';
function anonymiser(dossier: Dossier) {
  const h = nodeCrypto.createHash('sha512');
  h.update(dossier.nom + dossier.prenom);
  return h.digest('base64');
}`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 3,
        column: 13,
        endLine: 3,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import * as nodeCrypto from 'crypto';
function anonymiser(dossier: Dossier) {
  const h = nodeCrypto.createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!);
  h.update(dossier.nom + dossier.prenom);
  return h.digest('base64');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const crypto = require('crypto');
function pseudonymiser(ligne) {
  return crypto.createHash('sha256').update(ligne.num_secu).digest('hex');
}`,
    filename: 'migration/pseudonymiser.js',
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 3,
        column: 10,
        endLine: 3,
        endColumn: 37,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `const crypto = require('crypto');
function pseudonymiser(ligne) {
  return crypto.createHmac('sha256', process.env.PSEUDONYMIZATION_KEY).update(ligne.num_secu).digest('hex');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { createHash } = require('node:crypto');
module.exports = (patient) => createHash('md5').update(patient.ssn).digest('hex');`,
    filename: 'pseudo.cjs',
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 31,
        endLine: 2,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `const { createHmac } = require('node:crypto');
module.exports = (patient) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY).update(patient.ssn).digest('hex');`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createHash as h } from 'node:crypto';
export const pseudo = (nir: string) => h('sha256').update(nir).digest('hex');`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 51,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export const pseudo = (nir: string) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(nir).digest('hex');`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createHash } from 'node:crypto';
export const token = (patient: Patient) =>
  createHash('sha256').update(\`\${patient.nom}|\${patient.dateNaissance}\`).digest('hex');`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export const token = (patient: Patient) =>
  createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(\`\${patient.nom}|\${patient.dateNaissance}\`).digest('hex');`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createHash } from 'node:crypto';
export function pseudo(ins: string) {
  const hash = createHash('sha256');
  hash.update('salt-2021');
  hash.update(ins);
  return hash.digest('hex');
}`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export function pseudo(ins: string) {
  const hash = createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!);
  hash.update('salt-2021');
  hash.update(ins);
  return hash.digest('hex');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { hash } from 'node:crypto';
export const pseudo = (nir: string) => hash('sha1', nir);`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 57,
        suggestions: [],
      },
    ],
  },
  {
    code: `import CryptoJS from 'crypto-js';
export const pseudo = (patient: Patient) => CryptoJS.SHA256(patient.nir).toString();`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 45,
        endLine: 2,
        endColumn: 73,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import CryptoJS from 'crypto-js';
export const pseudo = (patient: Patient) => CryptoJS.HmacSHA256(patient.nir, process.env.PSEUDONYMIZATION_KEY!).toString();`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as CryptoJS from 'crypto-js';
export const pseudo = (patientName: string) => CryptoJS.MD5(patientName).toString();`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 48,
        endLine: 2,
        endColumn: 73,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import * as CryptoJS from 'crypto-js';
export const pseudo = (patientName: string) => CryptoJS.HmacSHA256(patientName, process.env.PSEUDONYMIZATION_KEY!).toString();`,
          },
        ],
      },
    ],
  },
  {
    code: `import md5 from 'crypto-js/md5';
export const pseudo = (nir: string) => md5(nir).toString();`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 48,
        suggestions: [],
      },
    ],
  },
  {
    code: 'const pseudo = (nir) => CryptoJS.SHA1(nir).toString();',
    filename: 'legacy.js',
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 1,
        column: 25,
        endLine: 1,
        endColumn: 43,
        suggestions: [
          {
            messageId: 'useHmac',
            output:
              'const pseudo = (nir) => CryptoJS.HmacSHA256(nir, process.env.PSEUDONYMIZATION_KEY).toString();',
          },
        ],
      },
    ],
  },
  {
    code: `import { sha256 } from 'js-sha256';
export const pseudo = (nir: string) => sha256(nir);`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 51,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { sha256 } from 'js-sha256';
export const pseudo = (nir: string) => sha256.hmac(process.env.PSEUDONYMIZATION_KEY!, nir);`,
          },
        ],
      },
    ],
  },
  {
    code: `import { sha256 } from 'js-sha256';
export const pseudo = (nir: string) => sha256.hex(nir);`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 55,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { sha256 } from 'js-sha256';
export const pseudo = (nir: string) => sha256.hmac.hex(process.env.PSEUDONYMIZATION_KEY!, nir);`,
          },
        ],
      },
    ],
  },
  {
    code: `import md5 from 'md5';
export const pseudo = (patient: Patient) => md5(patient.nir);`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 45,
        endLine: 2,
        endColumn: 61,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import md5 from 'md5';
import { createHmac } from 'node:crypto';
export const pseudo = (patient: Patient) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(patient.nir).digest('hex');`,
          },
        ],
      },
    ],
  },
  {
    code: `import md5 from 'md5';
import { randomUUID } from 'node:crypto';
export const pseudo = (patient: Patient) => [randomUUID(), md5(patient.nir)];`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 3,
        column: 60,
        endLine: 3,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import md5 from 'md5';
import { randomUUID, createHmac } from 'node:crypto';
export const pseudo = (patient: Patient) => [randomUUID(), createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(patient.nir).digest('hex')];`,
          },
        ],
      },
    ],
  },
  {
    code: `import hash from 'object-hash';
export const pseudo = (patient: Patient) => hash({ nir: patient.nir, nom: patient.nom });`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 45,
        endLine: 2,
        endColumn: 89,
        suggestions: [],
      },
    ],
  },
  {
    code: `import hash from 'object-hash';
export const pseudo = (nir: string) => hash.MD5(nir);`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 53,
        suggestions: [],
      },
    ],
  },
  {
    code: "export const pseudo = (nir: string) => Buffer.from(nir).toString('base64');",
    errors: [
      {
        messageId: 'reversibleEncoding',
        line: 1,
        column: 40,
        endLine: 1,
        endColumn: 75,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export const pseudo = (nir: string) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(Buffer.from(nir)).digest('base64');`,
          },
        ],
      },
    ],
  },
  {
    code: "export const pseudo = (patient: Patient) => Buffer.from(patient.nir, 'utf8').toString('hex');",
    errors: [
      {
        messageId: 'reversibleEncoding',
        line: 1,
        column: 45,
        endLine: 1,
        endColumn: 93,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export const pseudo = (patient: Patient) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(Buffer.from(patient.nir, 'utf8')).digest('hex');`,
          },
        ],
      },
    ],
  },
  {
    code: `export function obfuscate(patient: Patient) {
  return btoa(patient.nom);
}`,
    errors: [
      {
        messageId: 'reversibleEncoding',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 27,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export function obfuscate(patient: Patient) {
  return createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(patient.nom).digest('base64');
}`,
          },
        ],
      },
    ],
  },
  {
    code: 'export const pseudo = (nir: string) => window.btoa(nir);',
    filename: 'web/pseudo.tsx',
    errors: [
      {
        messageId: 'reversibleEncoding',
        line: 1,
        column: 40,
        endLine: 1,
        endColumn: 56,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export const pseudo = (nir: string) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(nir).digest('base64');`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function pseudo(nir: string) {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(nir));
}`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { createHash } from 'node:crypto';
export async function exportPatients(db: Db) {
  const rows = await db.query('SELECT nir, nom FROM patients');
  return rows.map((r: { nir: string }) => createHash('sha256').update(r.nir).digest('hex'));
}`,
    errors: [
      {
        messageId: 'unkeyedHash',
        line: 4,
        column: 43,
        endLine: 4,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { createHmac } from 'node:crypto';
export async function exportPatients(db: Db) {
  const rows = await db.query('SELECT nir, nom FROM patients');
  return rows.map((r: { nir: string }) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(r.nir).digest('hex'));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Buffer } from 'node:buffer';
export const pseudo = (nir: string) => Buffer.from(nir).toString('base64url');`,
    errors: [
      {
        messageId: 'reversibleEncoding',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 78,
        suggestions: [
          {
            messageId: 'useHmac',
            output: `import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
export const pseudo = (nir: string) => createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(Buffer.from(nir)).digest('base64url');`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-weak-pseudonymization', rule, { valid, invalid });

describe('no-weak-pseudonymization messages', () => {
  it('name the data and its source, never a literal value from the code', () => {
    const linter = new Linter({ configType: 'flat' });
    const nir = '284053523804553';
    for (const { code, filename } of invalid) {
      // The same code with a real-looking NIR and name literal next to the hashed value.
      const withLiterals = `const sample = { nir: '${nir}', nom: 'Maryvonne Le Goff' };\n${code}`;
      const messages = linter.verify(
        withLiterals,
        [
          {
            files: ['**/*.{ts,tsx,js,cjs}'],
            plugins: {
              'health-data': { rules: { 'no-weak-pseudonymization': rule } },
            } as unknown as Linter.Config['plugins'],
            languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
            rules: { 'health-data/no-weak-pseudonymization': 'error' },
          },
        ],
        filename ?? 'file.ts',
      );
      assert.ok(messages.length > 0 && !messages[0]!.fatal, `${code}: ${messages[0]?.message}`);
      for (const message of messages) {
        assert.ok(!message.message.includes(nir), message.message);
        assert.ok(!message.message.includes('Maryvonne'), message.message);
        assert.match(message.message, /^The \S+ \S+ of /);
        // String literals of the code (salts, encodings), algorithm names aside, stay out too.
        for (const literal of code.match(/'[^']*'/g) ?? [])
          if (literal.length > 8 && !/^'(sha|md5)/i.test(literal))
            assert.ok(!message.message.includes(literal.slice(1, -1)), literal);
      }
    }
  });
});
