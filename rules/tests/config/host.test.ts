import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { type ConfigProblem, type HostOptions, hostConfig, plugin } from '../../src/host';

/**
 * A host's options travel with the configuration it lints with, not in process-wide settings:
 * two hosts in one process (a trusted and a restricted workspace, the CLI beside a server) each
 * get their own answer and their own configuration problems.
 */
describe('host options', () => {
  let root: string;
  let file: string;
  const code = `import { writeFileSync } from 'node:fs';
export function save(dossier: unknown) {
  writeFileSync('/tmp/out.json', JSON.stringify(dossier));
}
`;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'health-data-host-'));
    mkdirSync(join(root, 'src'));
    // The project says `dossier` is not patient data here, and has one misspelt key.
    writeFileSync(
      join(root, 'healthdata.config.json'),
      JSON.stringify({ vocabulary: { exclude: ['dossier'] }, vocabullary: {} }),
    );
    file = join(root, 'src', 'save.ts');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function lint(host: HostOptions): string[] {
    const linter = new Linter({ configType: 'flat', cwd: root });
    const config = [...(plugin.configs.recommended as Linter.Config[]), hostConfig(host)];
    return linter.verify(code, config, { filename: file }).map((m) => m.ruleId ?? 'fatal');
  }

  it('reads the project file in a trusted host and ignores it in a restricted one, in one process', () => {
    const trustedProblems: ConfigProblem[] = [];
    const restrictedProblems: ConfigProblem[] = [];
    const trusted: HostOptions = { onConfigProblem: (p) => trustedProblems.push(p) };
    const restricted: HostOptions = {
      readProjectConfig: false,
      onConfigProblem: (p) => restrictedProblems.push(p),
    };
    assert.deepEqual(lint(trusted), []);
    assert.deepEqual(lint(restricted), ['health-data/no-unencrypted-write']);
    assert.deepEqual(lint(trusted), []);
    assert.ok(trustedProblems.length > 0, 'the misspelt key is reported to the trusted host');
    assert.ok(trustedProblems.every((p) => p.key === 'vocabullary'));
    assert.deepEqual(restrictedProblems, []);
  });

  it('follows a host whose trust changes, without a new configuration', () => {
    const host: HostOptions = { readProjectConfig: false, onConfigProblem: () => {} };
    assert.deepEqual(lint(host), ['health-data/no-unencrypted-write']);
    host.readProjectConfig = true;
    assert.deepEqual(lint(host), []);
  });
});
