import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import {
  cleartextFtp,
  cleartextOrigin,
  cleartextSmtp,
  cleartextUrl,
  databaseTlsOffHost,
  disablesTlsVerification,
  disablesTlsVerificationGlobally,
  isLocalHost,
  isRequestCall,
  mentionsFtpWithoutTls,
  remoteSslDisabledHost,
  requestPatientPayload,
  requestUrlArgument,
  transferToolUrls,
} from '../../src/model/connections';
import { runProbeRule } from './probe';

/** What `ask` answers for every call of `code`, in source order (`new` calls too). */
function askCalls<T>(
  code: string,
  ask: (
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    context: Parameters<Parameters<typeof runProbeRule>[1]>[0],
  ) => T,
): T[] {
  const answers: T[] = [];
  runProbeRule(code, (context) => ({
    CallExpression: (call: TSESTree.CallExpression) => answers.push(ask(call, context)),
    NewExpression: (call: TSESTree.NewExpression) => answers.push(ask(call, context)),
  }));
  return answers;
}

/** Source text of a node of `code`. */
const textOf = (code: string, node: TSESTree.Node | undefined) =>
  node && code.slice(node.range[0], node.range[1]);

describe('model/connections: cleartext URLs and hosts', () => {
  it('knows loopback hosts and this machine', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '0.0.0.0'])
      assert.equal(isLocalHost(host), true, host);
    for (const host of ['fhir.example.fr', '10.0.0.5', '128.0.0.1', 'localhost.example.fr'])
      assert.equal(isLocalHost(host), false, host);
  });

  it('reads the scheme and host of a remote cleartext URL, never credentials or path', () => {
    assert.deepEqual(cleartextOrigin('http://user:pw@fhir.example.fr:8080/Patient/1'), {
      scheme: 'http',
      host: 'fhir.example.fr',
    });
    assert.deepEqual(cleartextOrigin('FTP://depot.example.fr/in'), {
      scheme: 'ftp',
      host: 'depot.example.fr',
    });
    for (const text of [
      'https://fhir.example.fr',
      'http://localhost:8080/fhir',
      'http://__hole__/x',
      'http://loinc.org',
      'http://hl7.org/fhir/sid/us-ssn',
      'mailto:x@example.fr',
    ])
      assert.equal(cleartextOrigin(text), undefined, text);
  });

  it('follows constants and new URL(path, base), and locates the scheme to replace', () => {
    const code = [
      "const BASE = 'http://api.example.fr';",
      "f(BASE + '/x');",
      'f(new URL(`/Patient`, BASE));',
      "f('ftp://depot.example.fr');",
      "f('ht\\u0074p://api.example.fr');",
      "f('https://api.example.fr');",
    ].join('\n');
    const urls = askCalls(code, (call, context) =>
      call.arguments[0] ? cleartextUrl(call.arguments[0], context.sourceCode) : undefined,
    ).filter((_, i) => i !== 2 /* the URL constructor itself */);
    const schemes = urls.map((url) => url && url.schemeRange && code.slice(...url.schemeRange));
    assert.deepEqual(
      urls.map((url) => url?.origin),
      [
        'http://api.example.fr',
        'http://api.example.fr',
        'ftp://depot.example.fr',
        'http://api.example.fr',
        undefined,
      ],
    );
    // `ftp` has no drop-in TLS scheme; an escaped scheme is not replaced in place.
    assert.deepEqual(
      urls.map((url) => url?.secure),
      ['https', 'https', undefined, 'https', undefined],
    );
    assert.deepEqual(schemes, ['http', 'http', 'ftp', undefined, undefined]);
  });
});

describe('model/connections: requests', () => {
  it('tells request clients by import, and globals not shadowed by a local binding', () => {
    const code = [
      "import axios from 'axios';",
      "import { get } from 'node:http';",
      "import { readFile } from 'node:fs';",
      "axios.post('http://a.example.fr');",
      "get('http://a.example.fr');",
      "readFile('http://a.example.fr');",
      "fetch('http://a.example.fr');",
      "new WebSocket('ws://a.example.fr');",
      "function f(fetch: (u: string) => void) { fetch('http://a.example.fr'); }",
    ].join('\n');
    assert.deepEqual(
      askCalls(code, (call, context) =>
        isRequestCall(call, (node) => context.sourceCode.getScope(node)),
      ),
      [true, true, false, true, true, false],
    );
  });

  it('finds the URL in first place or in the options, and the patient payload after it', () => {
    const code = [
      'declare const patient: { nir: string };',
      "fetch('http://a.example.fr', { method: 'POST', body: JSON.stringify(patient) });",
      "axios({ url: 'http://a.example.fr', data: { nir: patient.nir } });",
      "fetch('http://a.example.fr', { method: 'GET' });",
      "axios({ method: 'get' });",
    ].join('\n');
    const answers = askCalls(code, (call, context) => {
      if (call.type !== 'CallExpression' || call.parent.type !== 'ExpressionStatement')
        return undefined;
      const argument = requestUrlArgument(call);
      if (!argument) return 'no URL';
      const model = healthModel(context);
      const taint = requestPatientPayload(model.provenance, call, argument.inOptions);
      return `${textOf(code, argument.node)} ${argument.inOptions} ${taint ? model.provenance.describe(taint) : '-'}`;
    }).filter((answer) => answer !== undefined);
    assert.equal(answers.length, 4);
    assert.match(answers[0]!, /^'http:\/\/a\.example\.fr' false patient record/);
    assert.match(answers[1]!, /^'http:\/\/a\.example\.fr' true \S/);
    assert.equal(answers[2], "'http://a.example.fr' false -");
    assert.equal(answers[3], 'no URL');
  });

  it('finds the cleartext URLs given to transfer tools run in a child process', () => {
    const code = [
      "import { execFile } from 'node:child_process';",
      "import { promisify } from 'node:util';",
      "execFile('curl', ['-T', 'x.csv', 'ftp://depot.example.fr/in/', 'https://ok.example.fr']);",
      "promisify(execFile)('wget', ['http://a.example.fr/x']);",
      "execFile('ls', ['http://a.example.fr/x']);",
    ].join('\n');
    const found = askCalls(code, (call, context) =>
      call.type === 'CallExpression'
        ? transferToolUrls(call, context.sourceCode).map(({ node, url }) => [
            textOf(code, node),
            url.origin,
          ])
        : [],
    ).flat();
    assert.deepEqual(found, [
      ["'ftp://depot.example.fr/in/'", 'ftp://depot.example.fr'],
      ["'http://a.example.fr/x'", 'http://a.example.fr'],
    ]);
  });
});

describe('model/connections: FTP and SMTP without TLS', () => {
  it('knows FTP connections without secure, with secure: false, and clients without TLS', () => {
    const code = [
      "import { Client } from 'basic-ftp';",
      "import JSFtp from 'jsftp';",
      'const client = new Client();',
      "client.access({ host: 'depot.example.fr', user: 'u' });",
      "client.access({ host: 'depot.example.fr', secure: false });",
      "client.access({ host: 'depot.example.fr', secure: true });",
      "client.access({ host: 'localhost' });",
      "new JSFtp({ host: 'depot.example.fr' });",
    ].join('\n');
    assert.equal(mentionsFtpWithoutTls(code), true);
    assert.equal(mentionsFtpWithoutTls("import { Client } from 'basic-ftp';"), false);
    const answers = askCalls(code, (call, context) => {
      const ftp = cleartextFtp(call, (node) => context.sourceCode.getScope(node), true);
      if (!ftp) return undefined;
      return ftp.kind === 'noTlsSupport'
        ? `${ftp.kind} ${ftp.module}`
        : `${ftp.kind} ${textOf(code, ftp.node)} ${ftp.secure ? 'set' : 'missing'}`;
    });
    assert.deepEqual(answers, [
      undefined,
      'secureOff access missing',
      'secureOff secure: false set',
      undefined,
      undefined,
      'noTlsSupport jsftp',
    ]);
  });

  it('knows mail transports that may send in clear', () => {
    const code = [
      "import nodemailer from 'nodemailer';",
      "nodemailer.createTransport('smtp://mail.example.fr:25');",
      "nodemailer.createTransport({ host: 'mail.example.fr', ignoreTLS: true });",
      "nodemailer.createTransport({ host: 'mail.example.fr', secure: false });",
      "nodemailer.createTransport({ host: 'mail.example.fr', secure: false, requireTLS: true });",
      "nodemailer.createTransport({ host: 'localhost', secure: false });",
      "nodemailer.createTransport({ host: 'mail.example.fr', secure: true });",
    ].join('\n');
    const answers = askCalls(code, (call, context) => {
      const smtp = call.type === 'CallExpression' && cleartextSmtp(call, context.sourceCode);
      return smtp ? `${smtp.kind} ${textOf(code, smtp.node)}` : undefined;
    });
    assert.deepEqual(answers, [
      "smtpUrl 'smtp://mail.example.fr:25'",
      'ignoreTls ignoreTLS: true',
      'secureOff secure: false',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('model/connections: TLS turned off', () => {
  it('knows rejectUnauthorized: false and NODE_TLS_REJECT_UNAUTHORIZED=0', () => {
    const code = [
      'const a = { rejectUnauthorized: false };',
      'const b = { rejectUnauthorized: true };',
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      'process.env.NODE_TLS_REJECT_UNAUTHORIZED = 0;',
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
    ].join('\n');
    const properties: boolean[] = [];
    const assignments: boolean[] = [];
    runProbeRule(code, (context) => ({
      Property: (node: TSESTree.Property) => properties.push(disablesTlsVerification(node)),
      AssignmentExpression: (node: TSESTree.AssignmentExpression) =>
        assignments.push(
          disablesTlsVerificationGlobally(node, (n) => context.sourceCode.getScope(n)),
        ),
    }));
    assert.deepEqual(properties, [true, false]);
    assert.deepEqual(assignments, [true, true, false]);
  });

  it('knows database clients with ssl: false to a remote host, and sslmode=disable URLs', () => {
    const code = [
      "import { Pool } from 'pg';",
      "new Pool({ host: 'db.example.fr', ssl: false });",
      "new Pool({ host: 'localhost', ssl: false });",
      'new Pool({ host: process.env.DB_HOST, ssl: false });',
      "const options = { host: 'db.example.fr', ssl: false };",
      "new Pool({ connection: { host: 'db.example.fr', ssl: false } });",
    ].join('\n');
    const hosts: (string | undefined)[] = [];
    runProbeRule(code, (context) => ({
      Property: (node: TSESTree.Property) => {
        if (node.key.type === 'Identifier' && node.key.name === 'ssl')
          hosts.push(databaseTlsOffHost(node, (n) => context.sourceCode.getScope(n)));
      },
    }));
    assert.deepEqual(hosts, ['db.example.fr', undefined, undefined, undefined, 'db.example.fr']);
    assert.equal(
      remoteSslDisabledHost('postgres://u:p@db.example.fr:5432/app?sslmode=disable'),
      'db.example.fr',
    );
    assert.equal(remoteSslDisabledHost('postgres://localhost/app?sslmode=disable'), undefined);
    assert.equal(remoteSslDisabledHost('postgres://db.example.fr/app?sslmode=require'), undefined);
  });
});
