import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as assert from 'node:assert/strict';
import rule from '../../src/rules/no-cleartext-transport';
import { cleartextOrigin } from '../../src/model/connections';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

type Options = [{ checkDatabaseTls?: boolean; checkListeners?: boolean }];
type MessageIds =
  | 'cleartextRequest'
  | 'patientDataCleartext'
  | 'ftpWithoutTls'
  | 'smtpWithoutTls'
  | 'tlsVerificationDisabled'
  | 'tlsVerificationDisabledGlobally'
  | 'databaseWithoutTls'
  | 'insecureSessionCookie'
  | 'plainHttpServer'
  | 'useHttps'
  | 'setSecure'
  | 'removeOption';

const valid: ValidTestCase<Options>[] = [
  {
    code: `import session from 'express-session';
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));`,
  },
  {
    // A test talks to the servers its run starts.
    code: `await fetch('http://fhir.lab.fr/Patient', { agent: new https.Agent({ rejectUnauthorized: false }) });`,
    filename: 'server/__tests__/e2e/get-patient.steps.js',
  },
  {
    // On a TLS server, rejectUnauthorized governs the client certificates it requests.
    code: `import https from 'https';
const serverOptions = { key, cert, requestCert: true, rejectUnauthorized: false };
https.createServer(serverOptions, app).listen(3000);`,
  },
  {
    // A preference cookie carries no session.
    code: `res.cookie('theme', 'dark', { secure: false });`,
  },
  {
    // Plain HTTP listeners are reported only in the strict preset…
    code: `import http from 'http';
http.createServer(app).listen(8080);`,
  },
  {
    // …never in a test…
    code: `import http from 'http';
const server = http.createServer(app);`,
    filename: 'test/integration/server.spec.ts',
    options: [{ checkListeners: true }],
  },
  {
    // …and not beside a TLS server (a redirect to https).
    code: `import http from 'http';
import https from 'https';
https.createServer(tls, app).listen(443);
http.createServer(redirectToHttps).listen(80);`,
    options: [{ checkListeners: true }],
  },
  {
    code: "await fetch('https://lab.example.fr/api/results');",
  },
  {
    code: "await fetch('http://localhost:8080/api');",
  },
  {
    code: "await fetch('http://127.0.0.1:3000/health');",
  },
  {
    code: "await fetch('http://[::1]:3000/health');",
  },
  {
    code: "const coding = { system: 'http://loinc.org', code: '2345-7' };",
  },
  {
    code: `const sct = 'http://snomed.info/sct';
const c = { system: sct, code: '22298006' };`,
  },
  {
    code: "const profile = 'http://hl7.org/fhir/StructureDefinition/Patient';",
  },
  {
    code: 'const xml = \'<Bundle xmlns="http://hl7.org/fhir"/>\';',
  },
  {
    code: "const schema = { $id: 'http://example.com/schemas/patient.json', type: 'object' };",
  },
  {
    code: `const ns = 'http://www.w3.org/2000/svg';
document.createElementNS(ns, 'svg');`,
  },
  {
    code: `const link = 'http://example.fr/docs';
console.log(\`see \${link}\`);`,
  },
  {
    code: 'await fetch(`http://${host}/api`);',
  },
  {
    code: 'await fetch(process.env.API_URL);',
  },
  {
    code: `import axios from 'axios';
await axios.get('/api/patients');`,
  },
  {
    code: `function fetch(url) {}
fetch('http://example.fr/x');`,
  },
  {
    code: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot.example.fr', secure: true });`,
  },
  {
    code: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'localhost', secure: false });`,
  },
  {
    code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.fr', port: 587, secure: false, requireTLS: true });`,
  },
  {
    code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.fr', port: 465, secure: true });`,
  },
  {
    code: 'const agent = new https.Agent({ rejectUnauthorized: true });',
  },
  {
    code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ host: 'db.example.fr', ssl: false });`,
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ host: 'localhost', ssl: false });`,
    options: [{ checkDatabaseTls: true }],
  },
  {
    code: "const url = 'postgres://localhost/sil?sslmode=disable';",
    options: [{ checkDatabaseTls: true }],
  },
  {
    code: `import { execFile } from 'node:child_process';
execFile('curl', ['https://api.example.fr/x']);`,
  },
  {
    code: "const ws = new WebSocket('wss://monitor.example.fr/stream');",
  },
  {
    code: `import ldap from 'ldapjs';
const client = ldap.createClient({ url: 'ldaps://ad.example.fr' });`,
  },
  {
    code: `const c = { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' };
await fetch('https://fhir.example.fr', { method: 'POST', body: JSON.stringify(c) });`,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    code: `const session = require('express-session');
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: false } }));`,
    errors: [
      {
        messageId: 'insecureSessionCookie',
        line: 2,
        column: 81,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `const session = require('express-session');
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true } }));`,
          },
        ],
      },
    ],
  },
  {
    code: `import cookieSession from 'cookie-session';
const options = { name: 'sess', keys: [process.env.KEY], secure: false };
app.use(cookieSession(options));`,
    errors: [
      {
        messageId: 'insecureSessionCookie',
        line: 2,
        column: 58,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `import cookieSession from 'cookie-session';
const options = { name: 'sess', keys: [process.env.KEY], secure: true };
app.use(cookieSession(options));`,
          },
        ],
      },
    ],
  },
  {
    code: `export function login(req, res) {
  res.cookie('refreshToken', refreshToken, { httpOnly: true, secure: false });
}`,
    errors: [
      {
        messageId: 'insecureSessionCookie',
        line: 2,
        column: 62,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `export function login(req, res) {
  res.cookie('refreshToken', refreshToken, { httpOnly: true, secure: true });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const http = require('http');
http.createServer(app).listen(port);`,
    options: [{ checkListeners: true }],
    errors: [{ messageId: 'plainHttpServer', line: 2, column: 1 }],
  },
  {
    code: "await fetch('http://lab.example.fr/api/results');",
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'useHttps',
            output: "await fetch('https://lab.example.fr/api/results');",
          },
        ],
      },
    ],
  },
  {
    code: `const BASE = 'http://sil.example.fr/api';
await fetch(\`\${BASE}/patients\`);`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 13,
        endLine: 2,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `const BASE = 'https://sil.example.fr/api';
await fetch(\`\${BASE}/patients\`);`,
          },
        ],
      },
    ],
  },
  {
    code: `function push(patient) {
  return fetch('http://fhir.example.fr/Patient', { method: 'POST', body: JSON.stringify(patient) });
}`,
    errors: [
      {
        messageId: 'patientDataCleartext',
        line: 2,
        column: 16,
        endLine: 2,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `function push(patient) {
  return fetch('https://fhir.example.fr/Patient', { method: 'POST', body: JSON.stringify(patient) });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import axios from 'axios';
function send(dossier) {
  return axios.post('http://partner.example.fr/import', dossier);
}`,
    errors: [
      {
        messageId: 'patientDataCleartext',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 55,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import axios from 'axios';
function send(dossier) {
  return axios.post('https://partner.example.fr/import', dossier);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import axios from 'axios';
const api = axios.create({ baseURL: 'http://api.example.fr' });`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 37,
        endLine: 2,
        endColumn: 60,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.fr' });`,
          },
        ],
      },
    ],
  },
  {
    code: `import got from 'got';
await got('http://api.example.fr/ping');`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 11,
        endLine: 2,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import got from 'got';
await got('https://api.example.fr/ping');`,
          },
        ],
      },
    ],
  },
  {
    code: `import http from 'node:http';
http.request('http://api.example.fr/upload', { method: 'POST' });`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import http from 'node:http';
http.request('https://api.example.fr/upload', { method: 'POST' });`,
          },
        ],
      },
    ],
  },
  {
    code: `import superagent from 'superagent';
await superagent.get('http://api.example.fr/x');`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import superagent from 'superagent';
await superagent.get('https://api.example.fr/x');`,
          },
        ],
      },
    ],
  },
  {
    code: "await fetch(new URL('/fhir/Patient', 'http://fhir.example.fr'));",
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'useHttps',
            output: "await fetch(new URL('/fhir/Patient', 'https://fhir.example.fr'));",
          },
        ],
      },
    ],
  },
  {
    code: "const ws = new WebSocket('ws://monitor.example.fr/stream');",
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 1,
        column: 26,
        endLine: 1,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'useHttps',
            output: "const ws = new WebSocket('wss://monitor.example.fr/stream');",
          },
        ],
      },
    ],
  },
  {
    code: `import Client from 'fhir-kit-client';
const client = new Client({ baseUrl: 'http://hapi.example.fr/fhir' });`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 38,
        endLine: 2,
        endColumn: 67,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import Client from 'fhir-kit-client';
const client = new Client({ baseUrl: 'https://hapi.example.fr/fhir' });`,
          },
        ],
      },
    ],
  },
  {
    code: `import { execFile } from 'node:child_process';
execFile('curl', ['-T', 'extract.csv', 'ftp://depot.example.fr/import/']);`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 40,
        endLine: 2,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot.example.fr', secure: false });`,
    errors: [
      {
        messageId: 'ftpWithoutTls',
        line: 3,
        column: 46,
        endLine: 3,
        endColumn: 59,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot.example.fr', secure: true });`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot.example.fr', user: process.env.FTP_USER });`,
    errors: [
      {
        messageId: 'ftpWithoutTls',
        line: 3,
        column: 11,
        endLine: 3,
        endColumn: 17,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot.example.fr', user: process.env.FTP_USER, secure: true });`,
          },
        ],
      },
    ],
  },
  {
    code: `import JSFtp from 'jsftp';
const ftp = new JSFtp({ host: 'depot.example.fr' });`,
    errors: [
      {
        messageId: 'ftpWithoutTls',
        line: 2,
        column: 13,
        endLine: 2,
        endColumn: 52,
        suggestions: [],
      },
    ],
  },
  {
    code: `import Ftp from 'ftp';
const c = new Ftp();
c.connect({ host: 'depot.example.fr' });`,
    errors: [
      {
        messageId: 'ftpWithoutTls',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 10,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `import Ftp from 'ftp';
const c = new Ftp();
c.connect({ host: 'depot.example.fr', secure: true });`,
          },
        ],
      },
    ],
  },
  {
    code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.fr', port: 25, secure: false });`,
    errors: [
      {
        messageId: 'smtpWithoutTls',
        line: 2,
        column: 65,
        endLine: 2,
        endColumn: 78,
        suggestions: [
          {
            messageId: 'setSecure',
            output: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.fr', port: 25, secure: true });`,
          },
        ],
      },
    ],
  },
  {
    code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.fr', ignoreTLS: true });`,
    errors: [
      {
        messageId: 'smtpWithoutTls',
        line: 2,
        column: 55,
        endLine: 2,
        endColumn: 70,
        suggestions: [],
      },
    ],
  },
  {
    code: `import nodemailer from 'nodemailer';
nodemailer.createTransport('smtp://smtp.example.fr:25');`,
    errors: [
      {
        messageId: 'smtpWithoutTls',
        line: 2,
        column: 28,
        endLine: 2,
        endColumn: 55,
        suggestions: [],
      },
    ],
  },
  {
    code: `import https from 'node:https';
const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });`,
    errors: [
      {
        messageId: 'tlsVerificationDisabled',
        line: 2,
        column: 50,
        endLine: 2,
        endColumn: 75,
        suggestions: [
          {
            messageId: 'removeOption',
            output: `import https from 'node:https';
const agent = new https.Agent({ keepAlive: true });`,
          },
        ],
      },
    ],
  },
  {
    code: 'const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });',
    errors: [
      {
        messageId: 'tlsVerificationDisabled',
        line: 1,
        column: 33,
        endLine: 1,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'removeOption',
            output: 'const agent = new https.Agent({ keepAlive: true });',
          },
        ],
      },
    ],
  },
  {
    code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    errors: [
      {
        messageId: 'tlsVerificationDisabledGlobally',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ host: 'db.example.fr', ssl: false });`,
    options: [{ checkDatabaseTls: true }],
    errors: [
      {
        messageId: 'databaseWithoutTls',
        line: 2,
        column: 48,
        endLine: 2,
        endColumn: 58,
        suggestions: [],
      },
    ],
  },
  {
    code: "const url = 'postgres://db.example.fr/sil?sslmode=disable';",
    options: [{ checkDatabaseTls: true }],
    errors: [
      {
        messageId: 'databaseWithoutTls',
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 59,
        suggestions: [],
      },
    ],
  },
  {
    code: `import ldap from 'ldapjs';
const client = ldap.createClient({ url: 'ldap://ad.example.fr' });`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 41,
        endLine: 2,
        endColumn: 63,
        suggestions: [],
      },
    ],
  },
  {
    code: `import axios from 'axios';
await axios({ method: 'post', url: 'http://api.example.fr/x', data: { nir: patient.nir } });`,
    errors: [
      {
        messageId: 'patientDataCleartext',
        line: 2,
        column: 36,
        endLine: 2,
        endColumn: 61,
        suggestions: [
          {
            messageId: 'useHttps',
            output: `import axios from 'axios';
await axios({ method: 'post', url: 'https://api.example.fr/x', data: { nir: patient.nir } });`,
          },
        ],
      },
    ],
  },
  // The transports catalogue: the database clients both this rule and no-hardcoded-credentials
  // know (postgres.js, MongoClient) and every process runner (execa's execaSync).
  {
    code: `import postgres from 'postgres';
const sql = postgres({ host: 'db.example.fr', ssl: false });`,
    options: [{ checkDatabaseTls: true }],
    errors: [
      {
        messageId: 'databaseWithoutTls',
        line: 2,
        column: 47,
        endLine: 2,
        endColumn: 57,
        suggestions: [],
      },
    ],
  },
  {
    code: "const client = new MongoClient(url, { host: 'db.example.fr', ssl: false });",
    options: [{ checkDatabaseTls: true }],
    errors: [
      {
        messageId: 'databaseWithoutTls',
        line: 1,
        column: 62,
        endLine: 1,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { execaSync } from 'execa';
execaSync('curl', ['-T', 'extract.csv', 'ftp://depot.example.fr/import/']);`,
    errors: [
      {
        messageId: 'cleartextRequest',
        line: 2,
        column: 41,
        endLine: 2,
        endColumn: 73,
        suggestions: [],
      },
    ],
  },
];

ruleTester.run('no-cleartext-transport', rule, { valid, invalid });

describe('no-cleartext-transport', () => {
  it('treats terminology and namespace URIs and loopback hosts as no transport', () => {
    for (const uri of [
      'http://loinc.org',
      'http://snomed.info/sct',
      'http://hl7.org/fhir/sid/us-ssn',
      'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      'http://localhost:8080/fhir',
      'http://127.0.0.1/x',
    ])
      assert.equal(cleartextOrigin(uri), undefined, uri);
    assert.deepEqual(cleartextOrigin('http://user:pw@fhir.example.fr/x'), {
      scheme: 'http',
      host: 'fhir.example.fr',
    });
  });

  it('never repeats credentials, paths or patient values in its messages', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = [
      "const patient = { nir: '284057512345678', diagnostic: 'HIV positive' };",
      "await fetch('http://depot:S3cret-ftp@fhir.example.fr/Patient/284057512345678', {",
      "  method: 'POST',",
      '  body: JSON.stringify(patient),',
      '});',
    ].join('\n');
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: parser as never },
          plugins: { t: { rules: { r: rule as never } } },
          rules: { 't/r': 'error' },
        },
      ],
      'file.ts',
    );
    assert.equal(messages.length, 1);
    for (const value of ['S3cret-ftp', '284057512345678', 'HIV positive', 'depot:'])
      assert.ok(!messages[0]!.message.includes(value), value);
  });
});
