import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROKEN_TS,
  cleanTemps,
  CLI,
  type CliRun,
  ensureBuilt,
  type JsonReport,
  ROOT,
  runCli,
  runJson,
  tempProject,
} from './helpers';

/** The built CLI with standard input and extra environment. */
function runWith(
  args: readonly string[],
  { cwd = ROOT, input = '', env = {} }: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv },
): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const json = (run: CliRun) => JSON.parse(run.stdout) as JsonReport;

/** A NIR with a valid control key: `no-national-identifier-literal` reports it. */
const NIR_LITERAL = "export const fixture = { nir: '284053523804553' };\n";

describe('health-data-lint options', function () {
  before(ensureBuilt);
  after(cleanTemps);

  it('exits 2 and guesses the option meant by a typo', function () {
    const run = runCli(['--formt', 'json', 'seeds/fixed']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /unknown option --formt; did you mean --format\?/);
  });

  it('--output still says on stderr, in one line, what the report holds', function () {
    const dir = tempProject({ 'src/broken.ts': BROKEN_TS, 'src/ok.ts': 'export {};\n' });
    const run = runCli(['--format', 'sarif', '--output', 'out/report.sarif', 'src'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'health-data-lint: 2 files linted, 1 finding (health-data-lint/parse-error 1) (report: out/report.sarif)\n',
    );
    assert.ok(JSON.parse(readFileSync(join(dir, 'out/report.sarif'), 'utf8')));
  });

  describe('--quiet', function () {
    // The project's own config turns one rule down to a warning.
    const pluginUrl = `file://${join(ROOT, 'rules/dist/index.js')}`;
    const config = `import healthData from '${pluginUrl}';\nexport default [...healthData.configs.recommended, { rules: { 'health-data/no-national-identifier-literal': 'warn' } }];\n`;

    it('reports errors only, and the summary counts no warning', function () {
      const dir = tempProject({
        'eslint.config.mjs': config,
        'src/fixtures.ts': NIR_LITERAL,
        'src/broken.ts': BROKEN_TS,
      });
      const loud = runJson(['--use-eslint-config', '.'], dir);
      assert.deepEqual(loud.report.findings.map((f) => `${f.severity} ${f.ruleId}`).sort(), [
        'error health-data-lint/parse-error',
        'warning health-data/no-national-identifier-literal',
      ]);
      const quiet = runJson(['--use-eslint-config', '--quiet', '.'], dir);
      assert.deepEqual(
        quiet.report.findings.map((f) => `${f.severity} ${f.ruleId}`),
        ['error health-data-lint/parse-error'],
      );
      assert.equal(quiet.report.summary.warnings, 0);
      assert.equal(quiet.status, 1);
      const stylish = runCli(['--use-eslint-config', '--quiet', '.'], dir);
      assert.doesNotMatch(stylish.stdout, /no-national-identifier-literal/);
    });

    it('does not count warnings against --max-warnings, as ESLint does not', function () {
      const dir = tempProject({ 'eslint.config.mjs': config, 'src/fixtures.ts': NIR_LITERAL });
      assert.equal(runCli(['--use-eslint-config', '--max-warnings', '0', '.'], dir).status, 1);
      const quiet = runCli(['--use-eslint-config', '--quiet', '--max-warnings', '0', '.'], dir);
      assert.equal(quiet.status, 0, quiet.stdout + quiet.stderr);
    });
  });

  describe('--stdin --stdin-filename', function () {
    it('lints the text as the named file, which need not exist', function () {
      const dir = tempProject({ 'src/kept.ts': 'export {};\n' });
      const run = runWith(['--format', 'json', '--stdin', '--stdin-filename', 'src/new.ts'], {
        cwd: dir,
        input: BROKEN_TS,
      });
      assert.equal(run.status, 1);
      const report = json(run);
      assert.equal(report.summary.files, 1);
      assert.deepEqual(
        report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`),
        ['src/new.ts:2 health-data-lint/parse-error'],
      );
    });

    it('lets the path choose the parser: JSX is an error in a .ts file, fine in a .tsx', function () {
      const dir = tempProject();
      const jsx = 'export const title = <h1>Dossier</h1>;\n';
      const asTsx = runWith(['--stdin', '--stdin-filename', 'a.tsx'], { cwd: dir, input: jsx });
      assert.equal(asTsx.status, 0, asTsx.stdout);
      const asTs = runWith(['--stdin', '--stdin-filename', 'a.ts'], { cwd: dir, input: jsx });
      assert.equal(asTs.status, 1);
      assert.match(asTs.stdout, /^a\.ts\n.*parse-error/m);
    });

    it('finds what linting the file on disk finds (project configuration and rules of the path)', function () {
      const { report } = runJson(['seeds/vulnerable']);
      const file = report.findings.find((f) => f.ruleId.startsWith('health-data/'))?.file;
      if (!file) this.skip();
      const onDisk = runJson([file]);
      const piped = runWith(['--format', 'json', '--stdin', '--stdin-filename', file], {
        input: readFileSync(join(ROOT, file), 'utf8'),
      });
      assert.equal(piped.status, onDisk.status);
      assert.deepEqual(json(piped).findings, onDisk.report.findings);
    });

    it("honours the ignores of the path's healthdata.config.json", function () {
      const dir = tempProject({
        'app/healthdata.config.json': JSON.stringify({ ignores: ['legacy/**'] }),
      });
      const run = runWith(['--stdin', '--stdin-filename', 'app/legacy/old.ts'], {
        cwd: dir,
        input: BROKEN_TS,
      });
      assert.equal(run.status, 0, run.stdout);
      assert.match(
        run.stderr,
        /skipped .*old\.ts: matched by the ignores of healthdata\.config\.json/,
      );
    });
  });

  it('names file, line and column of bad JSON in the configuration, and lints on with defaults', function () {
    const dir = tempProject({
      'healthdata.config.json': '{\n  "ignores": ["legacy/**"],\n}\n',
      'legacy/old.ts': BROKEN_TS,
    });
    const run = runJson(['.'], dir);
    assert.equal(run.status, 2);
    assert.ok(
      run.stderr.includes(
        `${join(dir, 'healthdata.config.json')}:3:1: "(root)" is not valid JSON (property name expected); using defaults`,
      ),
      run.stderr,
    );
    assert.equal(run.report.findings.length, 1, 'linted with the defaults: no ignores');
  });

  it('guesses the key meant by an unknown one in the configuration', function () {
    const dir = tempProject({
      'healthdata.config.json': '{\n  "vocabulary": {\n    "helth": ["statutCovid"]\n  }\n}\n',
      'src/a.ts': 'export {};\n',
    });
    const run = runCli(['.'], dir);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /healthdata\.config\.json:3:5: "vocabulary\.helth" is not a known key \(did you mean "health"\?\)/,
    );
  });

  describe('progress', function () {
    // Every batch of files is a step when the delay is 0: the tests never wait for a clock.
    const everyBatch = { HEALTH_DATA_LINT_PROGRESS_MS: '0' };
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`src/m${i}.ts`] = `export const m${i} = ${i};\n`;

    it('goes to stderr as lines in a log, never into the report on stdout', function () {
      const dir = tempProject(files);
      for (const format of ['json', 'sarif']) {
        const run = runWith(['--format', format, '.'], { cwd: dir, env: everyBatch });
        assert.equal(run.status, 0);
        assert.ok(JSON.parse(run.stdout), `${format} on stdout parses`);
        assert.doesNotMatch(run.stdout, /files, \d+ s/);
        assert.match(run.stderr, /^health-data-lint: 50\/120 files, \d+ s\n/m);
        assert.match(run.stderr, /^health-data-lint: 120\/120 files, \d+ s\n/m);
        assert.doesNotMatch(run.stderr, /\r/, 'no terminal control in a log');
      }
    });

    it('is a bar on a terminal, erased at the end', function () {
      this.timeout(120_000);
      const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
      if (script.error) this.skip();
      const dir = tempProject(files);
      // `script` gives the CLI a pseudo-terminal, as an interactive shell would.
      const tty = spawnSync(
        'script',
        [
          '-qec',
          `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --output report.txt .`,
          '/dev/null',
        ],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, ...everyBatch } },
      );
      assert.equal(tty.status, 0, tty.stdout);
      assert.match(tty.stdout, /\rhealth-data-lint \[=+ *\] 50\/120 files, \d+ s\x1b\[K/);
      assert.match(tty.stdout, /\rhealth-data-lint \[=+\] 120\/120 files, \d+ s\x1b\[K\r\x1b\[K/);
      assert.match(readFileSync(join(dir, 'report.txt'), 'utf8'), /120 files linted/);
    });
  });
});
