import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

  const eslintVersions = [
    ['eslint', 'ESLint 10'],
    ['eslint-v9', 'ESLint 9'],
  ] as const;
  /** One throwaway project per ESLint version, installed once for the tests that use it. */
  const projects = new Map<string, string>();
  function project(eslintPackage: string): string {
    const known = projects.get(eslintPackage);
    if (known) return known;
    const dir = mkdtempSync(join(work, 'project-'));
    writeFileSync(
      join(dir, 'package.json'),
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
        // ESLint's own recommended rules (no-undef among them), as a plain-JS project has them.
        `@eslint/js@${installedVersion('@eslint/js')}`,
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    projects.set(eslintPackage, dir);
    return dir;
  }

  for (const [eslintPackage, eslintName] of eslintVersions) {
    it(`lints a TypeScript file with ${eslintName} through \`import healthData from 'eslint-plugin-health-data'\``, () => {
      const dir = project(eslintPackage);
      writeFileSync(
        join(dir, 'eslint.config.mjs'),
        "import healthData from 'eslint-plugin-health-data';\n\nexport default [...healthData.configs.recommended];\n",
      );
      writeFileSync(
        join(dir, 'clean.ts'),
        'interface Country {\n  code: string;\n}\nexport const countries: Country[] = [{ code: "FR" }];\n',
      );
      const clean = spawnSync('npx', ['eslint', 'clean.ts'], { cwd: dir, encoding: 'utf8' });
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);

      writeFileSync(
        join(dir, 'export-patients.ts'),
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
        cwd: dir,
        encoding: 'utf8',
      });
      const [report] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
      const ruleIds = new Set(report!.messages.map((message) => message.ruleId));
      const plugin = JSON.parse(
        readFileSync(join(dir, 'node_modules/eslint-plugin-health-data/package.json'), 'utf8'),
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

    it(`keeps CommonJS files CommonJS beside js.configs.recommended with ${eslintName}`, () => {
      const dir = project(eslintPackage);
      writeFileSync(
        join(dir, 'eslint.config.mjs'),
        [
          "import js from '@eslint/js';",
          "import healthData from 'eslint-plugin-health-data';",
          '',
          'export default [js.configs.recommended, ...healthData.configs.recommended];',
          '',
        ].join('\n'),
      );
      // A plain-JS package (no "type": CommonJS, as Node loads it) inside the ESM project.
      const commonJs = [
        "const { join } = require('node:path');",
        "module.exports = { root: join(__dirname, 'public'), self: __filename };",
        'exports.ready = true;',
        '',
      ].join('\n');
      mkdirSync(join(dir, 'legacy'));
      writeFileSync(join(dir, 'legacy/package.json'), JSON.stringify({ name: 'legacy' }));
      writeFileSync(join(dir, 'legacy/server.js'), commonJs);
      writeFileSync(join(dir, 'server.cjs'), commonJs);
      writeFileSync(
        join(dir, 'esm.js'),
        "import { join } from 'node:path';\nexport const a = join('a', 'b');\n",
      );
      writeFileSync(join(dir, 'misplaced.mjs'), "export const fs = require('node:fs');\n");
      const result = spawnSync(
        'npx',
        ['eslint', '--format', 'json', 'server.cjs', 'legacy/server.js', 'esm.js', 'misplaced.mjs'],
        { cwd: dir, encoding: 'utf8' },
      );
      const reports = JSON.parse(result.stdout) as Array<{
        filePath: string;
        messages: Array<{ ruleId: string | null; message: string }>;
      }>;
      const found = reports.flatMap((report) =>
        report.messages.map(
          (m) => `${report.filePath.slice(dir.length + 1)} ${m.ruleId} ${m.message}`,
        ),
      );
      // ES modules stay modules: `require` is still undefined in a .mjs file.
      assert.deepEqual(found, ["misplaced.mjs no-undef 'require' is not defined."]);
    });
  }
});
