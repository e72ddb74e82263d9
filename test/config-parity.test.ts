import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { cleanTemps, ensureBuilt, ROOT, runJson, tempProject } from './cli/helpers';
import { LspTestClient } from './helpers/lsp-client';

// "Editor and CI never disagree" (issue 22): one small project linted by ESLint with the plugin's
// preset, by the CLI and by the language server, with one rule off and one at `warn` in each
// configuration they read.

interface Finding {
  rule: string;
  line: number;
  severity: 'error' | 'warning';
}

const SOURCE = `import { Client } from 'pg';

export async function sendPatient(patient: { nir: string; diagnosis: string }) {
  console.log('sending', patient);
  const db = new Client({ host: 'db.lab.internal', user: 'lab', password: 'Lab-2021-secret!' });
  await fetch('http://partner.example.org/results', {
    method: 'POST',
    body: JSON.stringify(patient),
  });
  return db;
}
`;

const OFF = 'health-data/no-hardcoded-credentials';
const WARN = 'health-data/no-patient-data-in-logs';

const PROJECT_CONFIG = JSON.stringify({ rules: { [OFF]: 'off', [WARN]: 'warn' } });

/** The project's ESLint config, importing the built plugin as a project imports its package. */
function eslintConfig(rules: Record<string, string>): string {
  const pluginUrl = pathToFileURL(join(ROOT, 'rules/dist/index.js')).href;
  return `import healthData from ${JSON.stringify(pluginUrl)};

export default [...healthData.configs.recommended, { rules: ${JSON.stringify(rules)} }];
`;
}

const sorted = (findings: Finding[]) =>
  [...findings].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));

async function throughEslint(dir: string): Promise<Finding[]> {
  const [result] = await new ESLint({ cwd: dir }).lintFiles(['src/send.ts']);
  return sorted(
    result!.messages.map((message) => ({
      rule: message.ruleId ?? '(fatal)',
      line: message.line,
      severity: message.severity === 2 ? 'error' : 'warning',
    })),
  );
}

function throughCli(dir: string, args: string[] = []): Finding[] {
  const run = runJson([...args, '.'], dir);
  assert.equal(run.stderr, '', 'no configuration problem');
  return sorted(
    run.report.findings.map((finding) => ({
      rule: finding.ruleId,
      line: finding.line,
      severity: finding.severity,
    })),
  );
}

async function throughServer(
  dir: string,
  settings: Record<string, unknown>,
  trusted = true,
  text = SOURCE,
): Promise<Finding[]> {
  const client = await LspTestClient.start({
    workspaceFolders: [pathToFileURL(dir).href],
    initializationOptions: { trusted },
    settings,
  });
  try {
    const uri = pathToFileURL(join(dir, 'src/send.ts')).href;
    await client.open(uri, 'typescript', text);
    const diagnostics: Diagnostic[] = await client.diagnostics(uri);
    return sorted(
      diagnostics.map((diagnostic) => ({
        rule: String(diagnostic.code),
        line: diagnostic.range.start.line + 1,
        severity: diagnostic.severity === 1 ? 'error' : 'warning',
      })),
    );
  } finally {
    await client.shutdown();
  }
}

describe('one rule configuration: ESLint, the CLI and the language server agree', function () {
  this.timeout(120_000);
  before(ensureBuilt);
  after(cleanTemps);

  it('turns one rule off and another to warn in every host', async () => {
    const dir = tempProject({
      'src/send.ts': SOURCE,
      'healthdata.config.json': PROJECT_CONFIG,
      'eslint.config.mjs': eslintConfig({ [OFF]: 'off', [WARN]: 'warn' }),
    });
    const expected = await throughEslint(dir);
    assert.deepEqual(expected, [
      { rule: WARN, line: 4, severity: 'warning' },
      { rule: 'health-data/no-cleartext-transport', line: 6, severity: 'error' },
    ]);
    assert.deepEqual(throughCli(dir), expected, 'CLI, healthdata.config.json');
    assert.deepEqual(throughCli(dir, ['--use-eslint-config']), expected, 'CLI, ESLint config');
    assert.deepEqual(await throughServer(dir, {}), expected, 'server, healthdata.config.json');
    assert.deepEqual(
      await throughServer(dir, { useEslintConfig: true }),
      expected,
      'server, ESLint config',
    );
  });

  it('follows the ESLint config in the server only when asked and the workspace is trusted', async () => {
    const dir = tempProject({
      'src/send.ts': SOURCE,
      'eslint.config.mjs': eslintConfig({ [OFF]: 'off', [WARN]: 'warn' }),
    });
    const fromEslint = await throughEslint(dir);
    assert.deepEqual(await throughServer(dir, { useEslintConfig: true }), fromEslint);
    const defaults = throughCli(dir);
    assert.deepEqual(defaults.map((finding) => finding.rule).sort(), [
      'health-data/no-cleartext-transport',
      OFF,
      WARN,
    ]);
    assert.deepEqual(await throughServer(dir, {}), defaults, 'the setting is off by default');
    assert.deepEqual(
      await throughServer(dir, { useEslintConfig: true }, false),
      defaults,
      'an untrusted workspace never loads its ESLint config',
    );
  });

  it('takes the preset from healthdata.config.json unless the CLI flag or the editor names one', async () => {
    // The strict preset also reports a server started without TLS (checkListeners).
    const text = `${SOURCE}\nhttp.createServer((request, response) => response.end('ok')).listen(8080);\n`;
    const source = `import http from 'node:http';\n${text}`;
    const dir = tempProject({
      'src/send.ts': source,
      'healthdata.config.json': JSON.stringify({ preset: 'strict', rules: { [OFF]: 'off' } }),
    });
    const strict = throughCli(dir);
    const recommended = throughCli(dir, ['--config-preset', 'recommended']);
    assert.deepEqual(
      strict.filter((finding) => !recommended.some((other) => other.line === finding.line)),
      [{ rule: 'health-data/no-cleartext-transport', line: 14, severity: 'error' }],
    );
    assert.ok(strict.every((finding) => finding.rule !== OFF));
    assert.deepEqual(await throughServer(dir, {}, true, source), strict);
    assert.deepEqual(
      await throughServer(dir, { preset: 'recommended' }, true, source),
      recommended,
    );
  });
});
