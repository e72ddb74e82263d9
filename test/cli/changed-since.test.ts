import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROKEN_TS,
  cleanTemps,
  committedRepository,
  copySeeds,
  ensureBuilt,
  git,
  type JsonFinding,
  readText,
  runCli,
  runJson,
  tempProject,
  writeFile,
} from './helpers';

const hasGit = spawnSync('git', ['--version']).status === 0;

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--no-gpg-sign', '-m', message);
}

const files = (findings: readonly JsonFinding[]) =>
  [...new Set(findings.map((finding) => finding.file))].sort();

describe('--changed-since', function () {
  before(function () {
    if (!hasGit) this.skip();
    ensureBuilt();
  });
  after(cleanTemps);

  it('lints what the branch committed, staged, changed and added, and nothing deleted', function () {
    // Every file fails to parse, so each linted file shows up as a finding.
    const dir = committedRepository({
      '.gitignore': 'generated/\n',
      'src/untouched.ts': BROKEN_TS,
      'src/committed.ts': BROKEN_TS,
      'src/staged.ts': BROKEN_TS,
      'src/unstaged.ts': BROKEN_TS,
      'src/deleted-in-branch.ts': BROKEN_TS,
      'src/deleted-in-tree.ts': BROKEN_TS,
      'src/changed-on-main.ts': BROKEN_TS,
      'README.md': '# not linted\n',
    });
    git(dir, 'checkout', '--quiet', '-b', 'feature');
    writeFile(dir, 'src/committed.ts', `// edited\n${BROKEN_TS}`);
    rmSync(join(dir, 'src/deleted-in-branch.ts'));
    commitAll(dir, 'feature work');
    // main moves on after the branch left it: not the branch's change.
    git(dir, 'checkout', '--quiet', 'main');
    writeFile(dir, 'src/changed-on-main.ts', `// on main\n${BROKEN_TS}`);
    commitAll(dir, 'main work');
    git(dir, 'checkout', '--quiet', 'feature');
    writeFile(dir, 'src/staged.ts', `// staged\n${BROKEN_TS}`);
    git(dir, 'add', 'src/staged.ts');
    writeFile(dir, 'src/unstaged.ts', `// unstaged\n${BROKEN_TS}`);
    rmSync(join(dir, 'src/deleted-in-tree.ts'));
    writeFile(dir, 'src/my new file.ts', BROKEN_TS);
    writeFile(dir, 'generated/ignored.ts', BROKEN_TS);
    writeFile(dir, 'README.md', '# changed, not linted\n');

    const { status, report, stderr } = runJson(['--changed-since', 'main'], dir);
    assert.equal(status, 1, stderr);
    assert.deepEqual(files(report.findings), [
      'src/committed.ts',
      'src/my new file.ts',
      'src/staged.ts',
      'src/unstaged.ts',
    ]);
    assert.equal(report.summary.files, 4);

    // Paths narrow the changed files further; the root of the report stays the same.
    writeFile(dir, 'lib/other.ts', BROKEN_TS);
    const narrowed = runJson(['--changed-since', 'main', 'src/staged.ts', 'lib'], dir).report;
    assert.deepEqual(files(narrowed.findings), ['lib/other.ts', 'src/staged.ts']);

    const nothing = runJson(['--changed-since', 'HEAD', 'src/committed.ts'], dir);
    assert.equal(nothing.status, 0);
    assert.equal(nothing.report.summary.files, 0);
  });

  it('still reads the rest of the project for cross-file facts', function () {
    // The app mounts a router whose route lives in another file: judging the mount needs the route.
    const dir = copySeeds('vulnerable');
    git(dir, 'init', '--quiet', '--initial-branch=main');
    commitAll(dir, 'base');
    writeFile(dir, 'api/app.ts', `${readText(dir, 'api/app.ts')}// touched\n`);

    const full = runJson(['.'], dir).report.findings.filter((f) => f.file === 'api/app.ts');
    const changed = runJson(['--changed-since', 'HEAD'], dir).report;
    assert.equal(changed.summary.files, 1);
    assert.deepEqual(files(changed.findings), ['api/app.ts']);
    assert.deepEqual(changed.findings, full);
    const crossFile = changed.findings.filter((finding) =>
      JSON.stringify(finding).includes('api/routes/patients.ts'),
    );
    assert.ok(crossFile.length > 0, 'a finding of app.ts points at the router in routes/');

    // Control: without the router's file (deleted, so not linted either), that finding is not made.
    rmSync(join(dir, 'api/routes/patients.ts'));
    const without = runJson(['--changed-since', 'HEAD'], dir).report.findings;
    assert.deepEqual(files(without), ['api/app.ts']);
    assert.equal(without.length, changed.findings.length - crossFile.length);
  });

  it('counts no baseline entry of an unlinted file as fixed', function () {
    const dir = committedRepository({ 'a.ts': BROKEN_TS, 'b.ts': BROKEN_TS });
    assert.equal(runCli(['--write-baseline', 'baseline.json', '.'], dir).status, 0);
    commitAll(dir, 'baseline');
    writeFile(dir, 'a.ts', 'export {};\n');
    const run = runCli(['--changed-since', 'HEAD', '--baseline', 'baseline.json'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /1 baseline entry is fixed; run with --prune-baseline to remove it/);
  });

  it('exits 2 outside a git repository and for an unknown ref', function () {
    const plain = tempProject({ 'a.ts': 'export {};\n' });
    const outside = runCli(['--changed-since', 'main'], plain);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /--changed-since needs a git repository/);
    assert.equal(outside.stdout, '');

    const dir = committedRepository({ 'a.ts': 'export {};\n' });
    const unknown = runCli(['--changed-since', 'no-such-branch'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /git knows no commit "no-such-branch"/);
  });
});
