import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RawLspClient } from './raw-lsp-client';
import { lint, removeTemps, RULE_IDS, runBuiltCli, tempDir } from './support';

/**
 * A linter for patient-data code must never become a leak path itself: its messages, reports and
 * logs travel to CI logs, SARIF uploads and editor output channels that far more people read than
 * the code. The inputs below put synthetic secrets and patient values on the very lines every rule
 * of the catalog flags; none of them may come out.
 */

/** Synthetic values: a NIR (with and without a valid key), an SSN, an HIV status, a password. */
const SECRETS = [
  '2 84 05 75 123 456 78',
  '284057512345678',
  '2 84 05 75 123 456 72',
  '284057512345672',
  '2840575123456',
  '123-45-6789',
  'HIV positive',
  'S3cr3t!Labo',
];

const FILES: Record<string, string> = {
  'package.json': '{"name":"leak-corpus","private":true}\n',
  'migration/export-dossiers.ts': `import fs from 'node:fs';
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import * as Sentry from '@sentry/node';

const pool = new Pool({ host: 'lis-db', user: 'labo', password: 'S3cr3t!Labo' });
const legacy = mysql.createPool('mysql://labo:S3cr3t!Labo@legacy-lis/patients');

export async function exportDossiers(patient: { nir: string }): Promise<void> {
  const rows = await pool.query("SELECT * FROM patients WHERE nir = '284057512345678' OR ssn = '123-45-6789' OR statut = 'HIV positive'");
  fs.writeFileSync('/srv/export/patients.csv', JSON.stringify({ nir: '2 84 05 75 123 456 78', statutVih: 'HIV positive', rows }));
  console.log('exported patient', { nir: '284057512345678', ssn: '123-45-6789', statutVih: 'HIV positive', password: 'S3cr3t!Labo' });
  const pseudonyme = createHash('sha256').update(patient.nir || '284057512345672').digest('hex');
  await fetch('http://labo:S3cr3t!Labo@lab.example.org/upload?nir=284057512345678', { method: 'POST', body: pseudonyme });
  Sentry.setContext('dossier', { nir: patient.nir || '284057512345678', statutVih: 'HIV positive' });
  void legacy;
}

export const fixtureNir = '2 84 05 75 123 456 72';
export const fixtureNir2 = '284057512345672';
export const fixtureSsn = '123-45-6789';
`,
  'api/server.ts': `import express from 'express';

const app = express();
app.use('/exports', express.static('/srv/export/patients'), (req, res) => res.json({ nir: '284057512345678' }));
app.get('/patients/:nir', async (req, res) => { const patient = await db.patients.findOne({ nir: '284057512345678', statutVih: 'HIV positive', ssn: '123-45-6789' }); res.json({ patient, note: 'HIV positive', secret: 'S3cr3t!Labo' }); });
app.listen(3000);
`,
};

function corpus(): string {
  const dir = tempDir('hdl-no-leak-');
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function leaked(where: string, text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${where}: "${secret}"`);
}

const sourceFiles = Object.keys(FILES).filter((path) => path.endsWith('.ts'));

after(removeTemps);

describe('robustness: findings never repeat secrets or patient values', function () {
  this.timeout(180_000);

  it('every rule of the catalog flags a line holding a secret, and no message or suggestion repeats it', function () {
    const dir = corpus();
    const rulesOnSecretLines = new Set<string>();
    const leaks: string[] = [];
    for (const path of sourceFiles) {
      const text = FILES[path]!;
      const lines = text.split('\n');
      for (const message of lint(text, join(dir, path), dir)) {
        assert.ok(!message.fatal, message.message);
        const line = lines[message.line - 1] ?? '';
        if (SECRETS.some((secret) => line.includes(secret)))
          rulesOnSecretLines.add(message.ruleId!.replace('health-data/', ''));
        leaks.push(...leaked(`${message.ruleId} message`, message.message));
        for (const suggestion of message.suggestions ?? [])
          leaks.push(...leaked(`${message.ruleId} suggestion`, suggestion.desc));
      }
    }
    assert.deepEqual([...rulesOnSecretLines].sort(), [...RULE_IDS].sort());
    assert.deepEqual(leaks, []);
  });

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`the CLI's ${format} report and its stderr never contain them`, function () {
      const dir = corpus();
      const run = runBuiltCli(['--format', format, '--config-preset', 'strict', '.'], dir);
      assert.equal(run.status, 1, run.stderr);
      assert.ok(run.stdout.includes('no-hardcoded-credentials'), 'the report has findings');
      assert.deepEqual([...leaked('stdout', run.stdout), ...leaked('stderr', run.stderr)], []);
      if (format === 'sarif') {
        // SARIF may carry source excerpts (region.snippet, contextRegion): none may be present.
        assert.doesNotMatch(run.stdout, /"snippet"|"contextRegion"/);
      }
    });
  }

  it('the language server never puts them in diagnostics, code actions or its output channel', async function () {
    const dir = corpus();
    const client = new RawLspClient(dir);
    try {
      await client.initialize();
      client.notify('workspace/didChangeConfiguration', {
        settings: { healthData: { preset: 'strict' } },
      });
      const leaks: string[] = [];
      const codes = new Set<string>();
      for (const path of sourceFiles) {
        const uri = pathToFileURL(join(dir, path)).href;
        const text = readFileSync(join(dir, path), 'utf8');
        client.notify('textDocument/didOpen', {
          textDocument: { uri, languageId: 'typescript', version: 1, text },
        });
        const diagnostics = (await client.diagnosticsFor(uri, 1, (d) => d.length > 0)) as {
          code: string;
          message: string;
          range: unknown;
        }[];
        leaks.push(...leaked(`${path} diagnostics`, JSON.stringify(diagnostics)));
        for (const diagnostic of diagnostics) {
          codes.add(diagnostic.code);
          const actions = await client.request('textDocument/codeAction', {
            textDocument: { uri },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] },
          });
          const titles = ((actions.result ?? []) as { title: string }[]).map((a) => a.title);
          leaks.push(...leaked(`${path} code action titles`, titles.join('\n')));
        }
      }
      assert.ok(codes.size >= 8, `findings from ${[...codes].join(', ')}`);
      leaks.push(...leaked('output channel', client.notices.join('\n')));
      assert.deepEqual(leaks, []);
      assert.equal((await client.request('shutdown', null)).result, null);
      client.notify('exit', null);
      await client.exited;
    } finally {
      if (client.alive) client.child.kill();
    }
  });

  it('messages name a sink without quoting a patient value written into its path', function () {
    const dir = corpus();
    const text = `import fs from 'node:fs';
import express from 'express';
export async function exportDossier(patient: { nir: string }): Promise<void> {
  fs.writeFileSync('/srv/export/dossier-284057512345678.json', JSON.stringify(patient));
}
express().use('/exports', express.static('/srv/export/dossier-284057512345678'));
`;
    const file = join(dir, 'migration', 'export-one.ts');
    const leaks = lint(text, file, dir).flatMap((message) => [
      ...leaked(message.ruleId!, message.message),
      ...(message.suggestions ?? []).flatMap((s) => leaked(`${message.ruleId} suggestion`, s.desc)),
    ]);
    assert.deepEqual(leaks, []);
  });
});
