import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../rules/src/rules';

const root = join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * The published shape of the plugin, as a user gets it: `npm pack` of rules/, installed from the
 * tarball into a throwaway project outside the repository, next to ESLint 9 or 10 and TypeScript
 * (versions of the lockfile, so npm's cache serves them), linted with `npx eslint`.
 */
describe('eslint-plugin-health-data as a packed tarball', function () {
  this.timeout(300_000);
  let work: string;
  let tarball: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'health-data-pack-'));
    execFileSync(npm, ['pack', '--workspace', 'rules', '--pack-destination', work], {
      cwd: root,
      stdio: 'pipe',
    });
    const packed = readdirSync(work).find((name) => name.endsWith('.tgz'));
    assert.ok(packed, 'npm pack produced no tarball');
    tarball = join(work, packed);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships the bundle, the CLI, type declarations and the config schema, not the sources', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const expected of [
      'package/dist/index.js',
      'package/dist/cli.js',
      'package/dist/types/index.d.ts',
      'package/schema/healthdata.config.schema.json',
      'package/README.md',
      'package/LICENSE',
    ]) {
      assert.ok(files.includes(expected), `${expected} missing from the tarball`);
    }
    assert.ok(!files.some((file) => file.startsWith('package/src/')), 'sources were packed');
  });

  for (const eslintPackage of ['eslint', 'eslint-v9']) {
    it(`lints a TypeScript file with ${eslintPackage === 'eslint' ? 'ESLint 10' : 'ESLint 9'} through \`import healthData from 'eslint-plugin-health-data'\``, () => {
      const project = mkdtempSync(join(work, 'project-'));
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'throwaway', private: true, type: 'module' }),
      );
      execFileSync(
        npm,
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          tarball,
          `eslint@${installedVersion(eslintPackage)}`,
          `typescript@${installedVersion('typescript')}`,
        ],
        { cwd: project, stdio: 'pipe' },
      );
      writeFileSync(
        join(project, 'eslint.config.mjs'),
        "import healthData from 'eslint-plugin-health-data';\n\nexport default [healthData.configs.recommended];\n",
      );
      writeFileSync(
        join(project, 'clean.ts'),
        'interface Country {\n  code: string;\n}\nexport const countries: Country[] = [{ code: "FR" }];\n',
      );
      const clean = spawnSync('npx', ['eslint', 'clean.ts'], { cwd: project, encoding: 'utf8' });
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);

      writeFileSync(
        join(project, 'export-patients.ts'),
        [
          "import { writeFileSync } from 'node:fs';",
          'export async function exportPatients(db: { query(sql: string): Promise<{ rows: unknown[] }> }) {',
          "  const { rows } = await db.query('SELECT * FROM patients');",
          "  writeFileSync('/tmp/patients.json', JSON.stringify(rows));",
          '}',
          '',
        ].join('\n'),
      );
      const result = spawnSync('npx', ['eslint', '--format', 'json', 'export-patients.ts'], {
        cwd: project,
        encoding: 'utf8',
      });
      const [report] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
      const ruleIds = new Set(report!.messages.map((message) => message.ruleId));
      const plugin = JSON.parse(
        readFileSync(join(project, 'node_modules/eslint-plugin-health-data/package.json'), 'utf8'),
      );
      assert.equal(plugin.name, 'eslint-plugin-health-data');
      for (const expected of [
        'health-data/no-select-star-export',
        'health-data/no-unencrypted-write',
      ]) {
        if (!(expected.slice('health-data/'.length) in rules)) continue;
        assert.ok(ruleIds.has(expected), `${expected} not reported: ${result.stdout}`);
      }
      assert.ok(!ruleIds.has(null as never), `a parse error or crash: ${result.stdout}`);
    });
  }
});
