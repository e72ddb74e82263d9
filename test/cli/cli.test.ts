import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules } from '../../rules/src/rules';
import {
  BROKEN_TS,
  cleanTemps,
  CLI,
  ensureBuilt,
  firstSeedFinding,
  ROOT,
  runCli,
  runJson,
  tempProject,
  writeFile,
} from './helpers';

const version = (
  JSON.parse(readFileSync(join(ROOT, 'rules/package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('health-data-lint CLI', function () {
  before(ensureBuilt);
  after(cleanTemps);

  describe('the built bin', function () {
    it('is an executable node script named by the plugin package', function () {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'rules/package.json'), 'utf8')) as {
        bin: Record<string, string>;
      };
      // A committed shim, so that npm links the command before dist/ is built.
      assert.equal(pkg.bin['health-data-lint'], './bin/health-data-lint.js');
      const shim = join(ROOT, 'rules/bin/health-data-lint.js');
      assert.match(readFileSync(shim, 'utf8'), /^#!\/usr\/bin\/env node\n/);
      assert.ok((statSync(shim).mode & 0o111) !== 0, 'the shim is not executable');
      if (!process.env.HEALTH_DATA_LINT_CLI)
        assert.match(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    });

    it('prints its version and help', function () {
      const v = runCli(['--version']);
      assert.equal(v.status, 0);
      assert.equal(v.stdout.trim(), version);
      const help = runCli(['--help']);
      assert.equal(help.status, 0);
      for (const option of [
        '--format',
        '--output',
        '--max-warnings',
        '--config-preset',
        '--baseline',
        '--write-baseline',
        '--concurrency',
        '--use-eslint-config',
        '--list-suppressions',
        '--prune-baseline',
        '--changed-since',
      ])
        assert.ok(help.stdout.includes(option), `help mentions ${option}`);
    });
  });

  describe('usage errors exit 2 with a message', function () {
    const cases: [string, string[], RegExp][] = [
      ['an unknown option', ['--fromat', 'json'], /unknown option --fromat/],
      ['a bad format', ['--format', 'xml'], /--format must be one of stylish, json, sarif/],
      ['a bad preset', ['--config-preset', 'lax'], /--config-preset must be one of/],
      ['a missing value', ['--output'], /--output expects a value/],
      ['a non-numeric --max-warnings', ['--max-warnings', 'many'], /whole number/],
      ['zero workers', ['--concurrency', '0'], /at least 1/],
      ['a missing path', ['no/such/folder'], /no such file or folder: no\/such\/folder/],
      ['a missing baseline', ['--baseline', 'nope.json', 'seeds/fixed'], /cannot read baseline/],
      ['--prune-baseline without a baseline', ['--prune-baseline'], /--baseline FILE/],
      [
        'a partial baseline',
        ['--changed-since', 'HEAD', '--write-baseline', 'b.json'],
        /cannot be used with --changed-since/,
      ],
      ['a ref read as an option', ['--changed-since', '--output'], /expects a git ref/],
    ];
    for (const [name, args, message] of cases) {
      it(name, function () {
        const run = runCli(args);
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, message);
        assert.equal(run.stdout, '');
      });
    }
  });

  describe('exit codes and file discovery', function () {
    it('exits 0 on a clean project and counts its files', function () {
      const dir = tempProject({
        'src/a.ts': 'export const a = 1;\n',
        'src/b.js': 'module.exports = 2;\n',
        'README.md': '# not linted\n',
      });
      const { status, report } = runJson(['.'], dir);
      assert.equal(status, 0);
      assert.equal(report.summary.files, 2);
      assert.deepEqual(report.findings, []);
    });

    it('exits 1 when a file cannot be parsed, naming file and position', function () {
      const dir = tempProject({ 'src/ok.ts': 'export {};\n', 'src/broken.ts': BROKEN_TS });
      const { status, report } = runJson(['.'], dir);
      assert.equal(status, 1);
      assert.equal(report.findings.length, 1);
      const [finding] = report.findings;
      assert.equal(finding!.ruleId, 'health-data-lint/parse-error');
      assert.equal(finding!.file, 'src/broken.ts');
      assert.equal(finding!.line, 2);
    });

    it('honours .gitignore from the repository root down, and never walks node_modules', function () {
      const dir = tempProject({
        '.gitignore': 'generated/\n*.min.js\n',
        'app/.gitignore': 'local-*.ts\n',
        'app/src/generated/broken.ts': BROKEN_TS,
        'app/src/bundle.min.js': BROKEN_TS,
        'app/local-scratch.ts': BROKEN_TS,
        'app/node_modules/dep/index.js': BROKEN_TS,
        'app/src/kept.ts': BROKEN_TS,
      });
      mkdirSync(join(dir, '.git'));
      // Linting a sub-folder still applies the root .gitignore, as git itself does.
      const { report } = runJson(['app'], join(dir));
      assert.deepEqual(
        report.findings.map((finding) => finding.file),
        ['app/src/kept.ts'],
      );
    });

    it('honours the ignores of healthdata.config.json, relative to that file', function () {
      const dir = tempProject({
        'healthdata.config.json': JSON.stringify({ ignores: ['legacy/**', '**/*.gen.ts'] }),
        'legacy/old.ts': BROKEN_TS,
        'src/schema.gen.ts': BROKEN_TS,
        'src/real.ts': BROKEN_TS,
      });
      const { status, report } = runJson(['.'], dir);
      assert.equal(status, 1);
      assert.deepEqual(
        report.findings.map((finding) => finding.file),
        ['src/real.ts'],
      );
    });

    it('skips files above maxFileSizeKb with one message', function () {
      const dir = tempProject({
        'healthdata.config.json': JSON.stringify({ maxFileSizeKb: 1 }),
        'big.ts': `export const blob = ${JSON.stringify('x'.repeat(4096))};\n`,
        'small.ts': 'export {};\n',
      });
      const run = runJson(['.'], dir);
      assert.equal(run.status, 0);
      assert.equal(run.report.summary.files, 1);
      assert.equal(run.report.summary.skipped, 1);
      assert.match(run.stderr, /skipped .*big\.ts: larger than 1 KB/);
    });

    it('names the file and the key of a configuration problem, lints with defaults, exits 2', function () {
      const dir = tempProject({
        'healthdata.config.json': JSON.stringify({ vocabulary: { helth: ['x'] } }),
        'src/broken.ts': BROKEN_TS,
      });
      const run = runJson(['.'], dir);
      assert.equal(run.status, 2);
      assert.ok(run.stderr.includes(join(dir, 'healthdata.config.json')), run.stderr);
      assert.match(run.stderr, /"vocabulary\.helth"/);
      assert.equal(run.report.findings.length, 1, 'linting went on');
    });

    it('exits 0 on the corrected seeds', function () {
      const run = runCli(['seeds/fixed']);
      assert.equal(run.status, 0, run.stdout);
      assert.match(run.stdout, /0 problems/);
    });

    it('exits 1 on the vulnerable seeds', function () {
      if (Object.keys(rules).length === 0) this.skip();
      const run = runCli(['seeds/vulnerable']);
      assert.equal(run.status, 1, run.stdout);
      assert.match(run.stdout, /✖ \d+ problems?/);
    });
  });

  describe('formats and --output', function () {
    it('stylish groups findings under their file with line:column, severity, message, rule', function () {
      const dir = tempProject({ 'a/one.ts': BROKEN_TS, 'b/two.ts': BROKEN_TS });
      const run = runCli(['.'], dir);
      assert.equal(run.status, 1);
      const lines = run.stdout.split('\n');
      const first = lines.indexOf('a/one.ts');
      const second = lines.indexOf('b/two.ts');
      assert.ok(first >= 0 && second > first, run.stdout);
      assert.match(
        lines[first + 1]!,
        /^ {2}2:\d+ {2}error {2}.+ {2}health-data-lint\/parse-error$/,
      );
      assert.match(run.stdout, /✖ 2 problems \(2 errors, 0 warnings\)/);
      assert.match(run.stdout, /2 files linted, 2 findings \(health-data-lint\/parse-error 2\)/);
    });

    it('stylish shows the fix or suggestion on offer', function () {
      const finding = firstSeedFinding();
      if (!finding) this.skip();
      const { report } = runJson(['seeds/vulnerable']);
      const offered = report.findings.find((f) => f.fix || f.suggestions.length > 0);
      if (!offered) this.skip();
      const run = runCli(['seeds/vulnerable']);
      const lines = run.stdout.split('\n');
      const start = lines.indexOf(offered.file);
      assert.ok(start >= 0, run.stdout);
      const end = lines.indexOf('', start);
      const block = lines.slice(start, end).join('\n');
      assert.match(block, offered.fix ? /^\s+fix: /m : /^\s+suggestion: /m);
    });

    it('--output writes the report to a file and nothing to stdout', function () {
      const dir = tempProject({ 'src/broken.ts': BROKEN_TS });
      for (const format of ['stylish', 'json', 'sarif']) {
        const out = `reports/out.${format}`;
        const run = runCli(['--format', format, '--output', out, 'src'], dir);
        assert.equal(run.status, 1);
        assert.equal(run.stdout, '');
        const text = readFileSync(join(dir, out), 'utf8');
        if (format === 'stylish') assert.match(text, /src\/broken\.ts/);
        else assert.ok(JSON.parse(text), `${format} output parses`);
      }
    });
  });

  describe('--concurrency', function () {
    it('gives the same report as one thread, in the same order', function () {
      const files: Record<string, string> = {};
      for (let i = 0; i < 12; i++)
        files[`pkg${i % 3}/f${i}.ts`] = i % 2 ? BROKEN_TS : 'export {};\n';
      const dir = tempProject(files);
      const one = runJson(['.'], dir);
      const three = runJson(['--concurrency', '3', '.'], dir);
      assert.equal(one.report.findings.length, 6);
      assert.deepEqual(three.report, one.report);
      assert.equal(three.status, one.status);
    });

    it('gives the same findings as one thread on the seeds', function () {
      const one = runJson(['seeds']);
      const two = runJson(['--concurrency', '2', 'seeds']);
      assert.deepEqual(two.report, one.report);
      assert.ok(one.report.summary.files > 0);
    });
  });

  describe('--use-eslint-config', function () {
    const pluginUrl = pathToFileURL(join(ROOT, 'rules/dist/index.js')).href;

    it("runs inside the project's flat config, its ignores included", function () {
      const dir = tempProject({
        'eslint.config.mjs': `import healthData from '${pluginUrl}';\nexport default [{ ignores: ['legacy/**'] }, ...healthData.configs.recommended];\n`,
        'legacy/old.ts': BROKEN_TS,
        'src/new.ts': BROKEN_TS,
      });
      const own = runJson(['--use-eslint-config', '.'], dir);
      assert.deepEqual(
        own.report.findings.map((finding) => finding.file),
        ['src/new.ts'],
      );
      // Without the option the project's config is not used: the preset lints both files.
      const preset = runJson(['.'], dir);
      assert.equal(preset.report.findings.length, 2);
    });

    it("exits 2 with ESLint's message when the project config is invalid", function () {
      const dir = tempProject({
        'eslint.config.mjs': `import healthData from '${pluginUrl}';\nexport default [...healthData.configs.recommended, { rules: { 'health-data/no-such-rule': 'error' } }];\n`,
        'src/a.ts': 'export {};\n',
      });
      const run = runCli(['--use-eslint-config', '.'], dir);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /cannot lint: .*health-data\/no-such-rule/);
    });

    it('keeps severities from the project config, and --max-warnings decides the exit code', function () {
      const finding = firstSeedFinding();
      if (!finding) this.skip();
      const dir = tempProject();
      const seedConfig = readFileSync(
        join(ROOT, 'seeds/vulnerable/healthdata.config.json'),
        'utf8',
      );
      writeFile(dir, 'healthdata.config.json', seedConfig.replace(/"\$schema":[^\n]*\n/, ''));
      writeFile(
        dir,
        finding.file.replace(/^seeds\/vulnerable\//, ''),
        readFileSync(join(ROOT, finding.file), 'utf8'),
      );
      writeFile(
        dir,
        'eslint.config.mjs',
        `import healthData from '${pluginUrl}';\nexport default [...healthData.configs.strict, { rules: { '${finding.ruleId}': 'warn' } }];\n`,
      );
      const warned = runJson(['--use-eslint-config', '.'], dir);
      const warnings = warned.report.findings.filter((f) => f.ruleId === finding.ruleId);
      assert.ok(warnings.length > 0, JSON.stringify(warned.report.findings));
      assert.ok(warnings.every((f) => f.severity === 'warning'));
      const onlyWarnings = warned.report.summary.errors === 0;
      if (onlyWarnings) assert.equal(warned.status, 0);
      const capped = runCli(['--use-eslint-config', '--max-warnings', '0', '.'], dir);
      assert.equal(capped.status, 1);
      const allowed = runCli(
        ['--use-eslint-config', '--max-warnings', String(warned.report.summary.warnings), '.'],
        dir,
      );
      if (onlyWarnings) assert.equal(allowed.status, 0);
    });
  });

  it('the bin exists after the build', function () {
    assert.ok(existsSync(CLI));
  });
});
