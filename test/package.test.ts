import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../rules/src/rules';
import { createOfflineProject } from './helpers/offline-project';

const root = join(__dirname, '..');
const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  icon: string;
};
const pluginVersion = (
  JSON.parse(readFileSync(join(root, 'rules', 'package.json'), 'utf8')) as { version: string }
).version;

/** What `git status` says of the repository: a release run must leave it as it was. */
function gitStatus(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: root,
    encoding: 'utf8',
  });
}

/**
 * The release artifacts as a user gets them: `npm run release` (scripts/release.mjs) into a
 * temporary folder, then the plugin tarball installed into throwaway projects outside the
 * repository, next to ESLint 9 or 10 and TypeScript (the lockfile's versions, from npm's cache,
 * offline: test/helpers/offline-project.ts), linted with `npx eslint`; and the .vsix's contents.
 */
describe('release artifacts', function () {
  this.timeout(300_000);
  let work: string;
  let tarball: string;
  let vsix: string;
  let release: { stdout: string; statusBefore: string; statusAfter: string };

  before(function () {
    work = mkdtempSync(join(tmpdir(), 'health-data-release-'));
    const statusBefore = gitStatus();
    const stdout = execFileSync(
      process.execPath,
      [join(root, 'scripts', 'release.mjs'), '--out-dir', join(work, 'release')],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    release = { stdout, statusBefore, statusAfter: gitStatus() };
    tarball = join(work, 'release', `eslint-plugin-health-data-${pluginVersion}.tgz`);
    vsix = join(work, 'release', `${extension.name}-${extension.version}.vsix`);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  describe('npm run release', () => {
    it('makes the plugin tarball and the .vsix, says so, and leaves the repository as it was', () => {
      assert.deepEqual(readdirSync(join(work, 'release')).sort(), [
        `eslint-plugin-health-data-${pluginVersion}.tgz`,
        `${extension.name}-${extension.version}.vsix`,
      ]);
      assert.match(release.stdout, /eslint-plugin-health-data-[\d.]+\.tgz/);
      assert.match(release.stdout, /health-data-lint-[\d.]+\.vsix/);
      assert.equal(release.statusAfter, release.statusBefore);
    });
  });

  describe('the .vsix of a release', () => {
    const entries = () =>
      execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const entry = (name: string) => execFileSync('unzip', ['-p', vsix, name], { encoding: 'utf8' });

    it('shows the README for users and the CHANGELOG on its details page, and its icon', () => {
      const manifest = entry('extension.vsixmanifest');
      assert.match(
        manifest,
        /<Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension\/readme.md"/,
      );
      assert.match(manifest, /Type="Microsoft.VisualStudio.Services.Content.Changelog"/);
      assert.match(manifest, new RegExp(`<Icon>extension/${extension.icon}</Icon>`));
      const readme = entry('extension/readme.md');
      assert.equal(readme, readFileSync(join(root, 'client', 'README.md'), 'utf8'));
      assert.match(readme, /code --install-extension health-data-lint-<version>\.vsix/);
      assert.ok(!/## Project layout/.test(readme), 'the developer README is on the details page');
      const icon = execFileSync('unzip', ['-p', vsix, `extension/${extension.icon}`]);
      // PNG header: the IHDR chunk holds the width and height, big-endian, at bytes 16 and 20.
      assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'icon under 128×128');
    });

    it('ships every rule page and the model page they link to, and no source, test or seed', () => {
      const files = entries();
      for (const id of Object.keys(rules))
        assert.ok(files.includes(`extension/dist/docs/rules/${id}.md`), `${id}.md not shipped`);
      assert.ok(files.includes('extension/dist/docs/health-data-model.md'));
      const unwanted = files.filter((file) =>
        /\.(ts|map)$|^extension\/(src|rules|server|test|seeds|scripts|bench|eval|node_modules)\//.test(
          file,
        ),
      );
      assert.deepEqual(unwanted, []);
      assert.ok(!files.includes('extension/README.md'), 'the developer README is shipped');
    });
  });

  describe('eslint-plugin-health-data as a release tarball', function () {
    it('ships the bundle, the CLI, type declarations, the config schema and the docs, not the sources', () => {
      const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
      for (const expected of [
        'package/dist/index.js',
        'package/dist/cli.js',
        'package/dist/types/index.d.ts',
        'package/schema/healthdata.config.schema.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/docs/health-data-model.md',
        ...Object.keys(rules).map((id) => `package/dist/docs/rules/${id}.md`),
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
      createOfflineProject({
        root,
        dir,
        tarball,
        packages: {
          eslint: `node_modules/${eslintPackage}`,
          typescript: 'node_modules/typescript',
          // ESLint's own recommended rules (no-undef among them), as a plain-JS project has them.
          '@eslint/js': 'node_modules/@eslint/js',
        },
      });
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
        const [report] = JSON.parse(result.stdout) as Array<{
          messages: Array<{ ruleId: string }>;
        }>;
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
          [
            'eslint',
            '--format',
            'json',
            'server.cjs',
            'legacy/server.js',
            'esm.js',
            'misplaced.mjs',
          ],
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
});
