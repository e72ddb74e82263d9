import { strict as assert } from 'node:assert';
import { cleanTemps, ensureBuilt, runCli, tempProject } from './helpers';

const PSEUDONYMIZE = 'seeds/vulnerable/migration/pseudonymize.ts';
const HMAC = 'suggestion: Use an HMAC-SHA-256 keyed by process.env.PSEUDONYMIZATION_KEY instead.';

/** The lines printed under the first finding of `line:column` in a stylish report. */
function blockOf(stdout: string, position: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${position} `));
  assert.ok(start >= 0, stdout);
  const end = lines.findIndex((line, index) => index > start && /^ {2}\d+:\d+ |^$/.test(line));
  return lines.slice(start + 1, end);
}

describe('health-data-lint CLI suggestions (issue 22)', function () {
  before(ensureBuilt);
  after(cleanTemps);

  it('prints each suggestion by its description, with no character diff', function () {
    const run = runCli(['--config-preset', 'strict', PSEUDONYMIZE]);
    assert.equal(run.status, 1);
    const block = blockOf(run.stdout, '20:13');
    assert.deepEqual(
      block.map((line) => line.trim()),
      [HMAC],
    );
    assert.doesNotMatch(run.stdout, /characters? with|insert "|edit lines? \d/);
  });

  it('--show-suggestions prints the lines each suggestion changes, numbered, and no others', function () {
    const run = runCli(['--config-preset', 'strict', '--show-suggestions', PSEUDONYMIZE]);
    assert.equal(run.status, 1);
    const block = blockOf(run.stdout, '20:13');
    assert.equal(block[0]!.trim(), HMAC);
    // The import gains createHmac, the hashed line uses it; the lines between are unchanged.
    assert.deepEqual(
      block.slice(1).map((line) => line.trim()),
      [
        "7 | import { createHash, createHmac } from 'node:crypto';",
        "20 |     pseudo: createHmac('sha256', process.env.PSEUDONYMIZATION_KEY!).update(ligne.nir).digest('hex'),",
      ],
    );
  });

  it('--show-suggestions says how many lines a suggestion deletes', function () {
    const dir = tempProject({
      'src/cache.ts': [
        'export function keep(patient: { nir: string }) {',
        "  sessionStorage.setItem('patient', JSON.stringify(patient));",
        '  return patient;',
        '}',
        '',
      ].join('\n'),
    });
    const run = runCli(['--config-preset', 'strict', '--show-suggestions', 'src'], dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = run.stdout.split('\n').map((line) => line.trim());
    const removal = lines.indexOf(
      'suggestion: Remove this write and keep the data in memory only.',
    );
    assert.ok(removal >= 0, run.stdout);
    assert.equal(lines[removal + 1], '(1 line deleted)');
  });

  it('--show-suggestions masks identifying values in the code it prints', function () {
    const dir = tempProject({
      'src/cache.ts': [
        'export function keep(patient: { nir: string }) {',
        "  sessionStorage.setItem('patient-1840575123456', JSON.stringify(patient));",
        '}',
        '',
      ].join('\n'),
      'healthdata.config.json': JSON.stringify({
        encryption: { fix: { name: 'encryptForStorage', import: './crypto' } },
      }),
    });
    const run = runCli(['--config-preset', 'strict', '--show-suggestions', 'src'], dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /encryptForStorage\(JSON\.stringify\(patient\)\)/);
    assert.doesNotMatch(run.stdout, /1840575123456/);
  });
});
