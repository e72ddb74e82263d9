import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROKEN_TS,
  cleanTemps,
  copySeeds,
  ensureBuilt,
  firstSeedFinding,
  readText,
  runCli,
  runJson,
  tempProject,
  writeFile,
} from './helpers';

interface BaselineFile {
  version: number;
  tool: { name: string; version: string };
  entries: { ruleId: string; file: string; fingerprint: string }[];
}

const readBaseline = (dir: string, path: string) =>
  JSON.parse(readFileSync(join(dir, path), 'utf8')) as BaselineFile;

describe('baselines', function () {
  before(ensureBuilt);
  after(cleanTemps);

  it('round trip: write, then only new findings are reported', function () {
    const dir = tempProject({
      'src/a.ts': BROKEN_TS,
      'src/b.ts': BROKEN_TS,
      'src/ok.ts': 'export {};\n',
    });
    const write = runCli(['--write-baseline', '.health-data-baseline.json', '.'], dir);
    assert.equal(write.status, 0, write.stderr);
    assert.equal(write.stdout, '');
    assert.match(write.stderr, /wrote 2 finding\(s\) to the baseline/);
    const baseline = readBaseline(dir, '.health-data-baseline.json');
    assert.equal(baseline.version, 1);
    assert.equal(baseline.tool.name, 'health-data-lint');
    assert.deepEqual(
      baseline.entries.map((entry) => entry.file),
      ['src/a.ts', 'src/b.ts'],
    );

    const clean = runJson(['--baseline', '.health-data-baseline.json', '.'], dir);
    assert.equal(clean.status, 0);
    assert.deepEqual(clean.report.findings, []);
    assert.equal(clean.report.summary.baselined, 2);
    assert.match(
      runCli(['--baseline', '.health-data-baseline.json', '.'], dir).stdout,
      /0 findings, 2 baselined/,
    );

    writeFile(dir, 'src/c.ts', BROKEN_TS);
    const regression = runJson(['--baseline', '.health-data-baseline.json', '.'], dir);
    assert.equal(regression.status, 1);
    assert.deepEqual(
      regression.report.findings.map((finding) => finding.file),
      ['src/c.ts'],
    );
    assert.equal(regression.report.summary.baselined, 2);
  });

  it('round trip on the vulnerable seeds leaves no finding', function () {
    if (!firstSeedFinding()) this.skip();
    const dir = copySeeds('vulnerable');
    const before = runJson(['.'], dir).report;
    assert.ok(before.findings.length > 0);
    assert.equal(runCli(['--write-baseline', 'baseline.json', '.'], dir).status, 0);
    const after = runJson(['--baseline', 'baseline.json', '.'], dir);
    assert.equal(after.status, 0);
    assert.deepEqual(after.report.findings, []);
    assert.equal(after.report.summary.baselined, before.findings.length);
  });

  it('says which entries are fixed, and --prune-baseline removes them and adds none', function () {
    const dir = tempProject({ 'a.ts': BROKEN_TS, 'b.ts': BROKEN_TS, 'c.ts': BROKEN_TS });
    assert.equal(runCli(['--write-baseline', 'baseline.json', '.'], dir).status, 0);
    writeFile(dir, 'a.ts', 'export {};\n');
    rmSync(join(dir, 'c.ts'));
    writeFile(dir, 'd.ts', BROKEN_TS);

    const check = runCli(['--baseline', 'baseline.json', '.'], dir);
    assert.equal(check.status, 1, 'd.ts is new');
    assert.match(
      check.stderr,
      /2 baseline entries are fixed; run with --prune-baseline to remove them/,
    );
    assert.deepEqual(
      readBaseline(dir, 'baseline.json').entries.map((entry) => entry.file),
      ['a.ts', 'b.ts', 'c.ts'],
      'a plain run never rewrites the baseline',
    );

    const prune = runCli(['--baseline', 'baseline.json', '--prune-baseline', '.'], dir);
    assert.equal(prune.status, 1, 'the report and the exit code are those of a plain run');
    assert.match(prune.stderr, /removed 2 fixed entries from the baseline baseline\.json/);
    const pruned = readBaseline(dir, 'baseline.json');
    assert.deepEqual(
      pruned.entries.map((entry) => entry.file),
      ['b.ts'],
      'the new finding of d.ts is not added',
    );
    assert.equal(pruned.version, 1);

    const again = runCli(['--baseline', 'baseline.json', '--prune-baseline', '.'], dir);
    assert.match(again.stderr, /no baseline entry is fixed; baseline\.json is unchanged/);
    assert.doesNotMatch(runCli(['--baseline', 'baseline.json', '.'], dir).stderr, /fixed/);
  });

  it('never counts as fixed an entry of a file the run did not see or could not parse', function () {
    const seed = firstSeedFinding();
    if (!seed) this.skip();
    const dir = copySeeds('vulnerable');
    writeFile(dir, 'elsewhere/old.ts', BROKEN_TS);
    assert.equal(runCli(['--write-baseline', 'baseline.json', '.'], dir).status, 0);
    const recorded = readBaseline(dir, 'baseline.json').entries;
    const file = seed.file.replace(/^seeds\/vulnerable\//, '');
    assert.ok(recorded.some((entry) => entry.file === file && entry.ruleId === seed.ruleId));

    // The seed file no longer parses: its findings are unknown, not fixed.
    writeFile(dir, file, `${readText(dir, file)}\nexport function broken( {\n`);
    const folder = file.split('/')[0]!;
    const partial = runCli(['--baseline', 'baseline.json', '--prune-baseline', folder], dir);
    assert.equal(partial.status, 1, 'the parse error is a new finding');
    assert.match(partial.stderr, /no baseline entry is fixed/);
    assert.deepEqual(readBaseline(dir, 'baseline.json').entries, recorded);
  });

  it('is not pruned while the configuration has a problem', function () {
    const dir = tempProject({ 'a.ts': BROKEN_TS, 'b.ts': BROKEN_TS });
    assert.equal(runCli(['--write-baseline', 'baseline.json', '.'], dir).status, 0);
    writeFile(dir, 'a.ts', 'export {};\n');
    writeFile(dir, 'healthdata.config.json', '{"vocabulary": {"health": 3}}');
    const run = runCli(['--baseline', 'baseline.json', '--prune-baseline', '.'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not pruned: fix the configuration problem first/);
    assert.equal(readBaseline(dir, 'baseline.json').entries.length, 2);
  });

  it('rejects a file that is not a baseline', function () {
    const dir = tempProject({ 'baseline.json': '{"entries": 3}', 'a.ts': 'export {};\n' });
    const run = runCli(['--baseline', 'baseline.json', '.'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is not a health-data-lint baseline/);
  });
});

describe('fingerprints', function () {
  before(ensureBuilt);
  after(cleanTemps);

  const prefix = '// header added later\n// by an unrelated change\n\n';

  it('survive lines inserted above (parse errors)', function () {
    const dir = tempProject({ 'a.ts': BROKEN_TS });
    const first = runJson(['.'], dir).report.findings;
    writeFile(dir, 'a.ts', prefix + BROKEN_TS);
    const second = runJson(['.'], dir).report.findings;
    assert.equal(second[0]!.line, first[0]!.line + 3);
    assert.equal(second[0]!.fingerprint, first[0]!.fingerprint);
  });

  it('survive lines inserted above (rule findings), and differ between findings', function () {
    const seed = firstSeedFinding();
    if (!seed) this.skip();
    const dir = copySeeds('vulnerable');
    const file = seed.file.replace(/^seeds\/vulnerable\//, '');
    const first = runJson(['.'], dir).report.findings.filter((f) => f.file === file);
    writeFile(dir, file, prefix + readText(dir, file));
    const second = runJson(['.'], dir).report.findings.filter((f) => f.file === file);
    assert.deepEqual(
      second.map((f) => [f.ruleId, f.line - 3, f.fingerprint]),
      first.map((f) => [f.ruleId, f.line, f.fingerprint]),
    );
    const all = runJson(['.'], dir).report.findings.map((f) => f.fingerprint);
    assert.equal(new Set(all).size, all.length, 'every finding has its own fingerprint');
  });

  it('depend on the file', function () {
    const dir = tempProject({ 'a.ts': BROKEN_TS, 'b.ts': BROKEN_TS });
    const [a, b] = runJson(['.'], dir).report.findings;
    assert.notEqual(a!.fingerprint, b!.fingerprint, 'the file is part of the fingerprint');
  });
});
