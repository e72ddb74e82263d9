import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { parseArgs } from '../../rules/src/cli/args';
import { LINTED_EXTENSIONS } from '../../rules/src/util/files';
import {
  BROKEN_TS,
  cleanTemps,
  CLI,
  committedRepository,
  ensureBuilt,
  git,
  ROOT,
  tempProject,
  writeFile,
} from './helpers';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  args?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

interface Step {
  id?: string;
  name: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const readYaml = (path: string): unknown => load(readFileSync(join(ROOT, path), 'utf8'));
const bins = (
  JSON.parse(readFileSync(join(ROOT, 'rules/package.json'), 'utf8')) as {
    bin: Record<string, string>;
  }
).bin;

/** `npx --no-install health-data-lint --opt`: the command npx runs and the options given to it. */
function hookCommand(hook: Hook): { runner: string; command: string; options: string[] } {
  const [runner, ...words] = hook.entry.split(/\s+/);
  const at = words.findIndex((word) => !word.startsWith('-'));
  return {
    runner: runner!,
    command: words[at]!,
    options: [...words.slice(at + 1), ...(hook.args ?? [])],
  };
}

const hasGit = spawnSync('git', ['--version']).status === 0;
const hasBash = spawnSync('bash', ['--version']).status === 0;

describe('.pre-commit-hooks.yaml', function () {
  before(ensureBuilt);
  after(cleanTemps);

  const hooks = readYaml('.pre-commit-hooks.yaml') as Hook[];

  it('declares hooks with the keys the pre-commit framework requires', function () {
    assert.ok(Array.isArray(hooks) && hooks.length > 0);
    for (const hook of hooks) {
      for (const key of ['id', 'name', 'entry', 'language'] as const)
        assert.equal(typeof hook[key], 'string', `${hook.id}: ${key}`);
      // No environment to build: the project's own plugin is what runs, as in its CI.
      assert.equal(hook.language, 'system');
      assert.notEqual(hook.pass_filenames, false, 'the staged files are the paths to lint');
    }
  });

  for (const hook of hooks) {
    it(`${hook.id}: runs the plugin's command with options the CLI accepts`, function () {
      const { runner, command, options } = hookCommand(hook);
      // --no-install: never a download at commit time, only the project's installed plugin.
      assert.match(hook.entry, /^npx --no-install /);
      assert.equal(runner, 'npx');
      assert.ok(command in bins, `${command} is a bin of eslint-plugin-health-data`);
      const parsed = parseArgs(options);
      assert.deepEqual(parsed.paths, ['.'], 'paths come from pre-commit, not from the hook');
    });

    it(`${hook.id}: selects exactly the files the CLI lints`, function () {
      const files = new RegExp(hook.files ?? '');
      for (const extension of LINTED_EXTENSIONS)
        assert.ok(files.test(`src/a${extension}`), extension);
      for (const other of ['README.md', 'package.json', 'a.ts.snap', 'a.vue', 'a.json'])
        assert.ok(!files.test(other), other);
    });

    it(`${hook.id}: reports a finding in a staged file and exits 1`, function () {
      if (!hasGit) this.skip();
      const dir = committedRepository({ 'src/clean.ts': 'export {};\n' });
      writeFile(dir, 'src/staged.ts', BROKEN_TS);
      writeFile(dir, 'notes.md', '# notes\n');
      writeFile(dir, 'src/not-staged.ts', BROKEN_TS);
      git(dir, 'add', 'src/staged.ts', 'notes.md');
      // What pre-commit does: the staged files that match `files`, after the entry and args.
      const staged = git(dir, 'diff', '--cached', '--name-only')
        .split('\n')
        .filter((file) => file && new RegExp(hook.files ?? '').test(file));
      const argv = [...hookCommand(hook).options, ...staged];
      const run = spawnSync(process.execPath, [CLI, ...argv], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /src\/staged\.ts/);
      assert.doesNotMatch(run.stdout, /not-staged/);
    });
  }
});

describe('action.yml (composite GitHub Action)', function () {
  before(ensureBuilt);
  after(cleanTemps);

  const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  const action = readYaml('action.yml') as Action;
  const steps = action.runs.steps;
  const step = (id: string) => steps.find((candidate) => candidate.id === id)!;

  /** `${{ … }}` as the runner would expand it, for the few expressions the action uses. */
  function expand(value: string, context: { inputs: Record<string, string>; bin?: string }) {
    return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) {
        const declared = action.inputs[input[1]!];
        assert.ok(declared, `input ${input[1]} is declared`);
        return context.inputs[input[1]!] ?? declared.default ?? '';
      }
      if (expression === 'github.action_path') return ROOT;
      if (expression === 'steps.cli.outputs.bin') return context.bin ?? '';
      throw new Error(`the test does not know the expression ${expression}`);
    });
  }

  /** Runs a `run` step the way the runner does for `shell: bash`; returns its outputs too. */
  function runStep(
    target: Step,
    cwd: string,
    context: { inputs: Record<string, string>; bin?: string },
  ) {
    const outputFile = join(tempProject(), 'github-output');
    writeFileSync(outputFile, '');
    const script = join(tempProject(), 'step.sh');
    writeFileSync(script, target.run!);
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(target.env ?? {}))
      env[name] = expand(value, context);
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_OUTPUT: outputFile, NO_COLOR: '1' },
    });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return { ...run, outputs };
  }

  it('is a composite action whose expressions name declared inputs and earlier steps', function () {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const [name, input] of Object.entries(action.inputs))
      assert.ok(input.description, `input ${name} is described`);
    const ids = new Set<string>();
    for (const candidate of steps) {
      assert.ok(candidate.name, 'every step is named in the job log');
      if (candidate.run) assert.equal(candidate.shell, 'bash', candidate.name);
      const used = JSON.stringify(candidate).matchAll(/steps\.([\w-]+)\.outputs/g);
      for (const [, id] of used)
        assert.ok(ids.has(id!), `${candidate.name}: step ${id} is earlier`);
      if (candidate.id) ids.add(candidate.id);
    }
    for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g))
      assert.ok(name! in action.inputs, `input ${name} is declared`);
    // Inputs reach the scripts through the environment only, never spliced into their text.
    for (const candidate of steps) assert.doesNotMatch(candidate.run ?? '', /\$\{\{/);
  });

  it("finds the project's own health-data-lint", function () {
    if (!hasBash) this.skip();
    const dir = tempProject({ 'src/a.ts': 'export {};\n' });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'rules'), join(dir, 'node_modules/eslint-plugin-health-data'));
    const run = runStep(step('cli'), dir, { inputs: {} });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      realpathSync(run.outputs.bin!),
      realpathSync(join(ROOT, 'rules', bins['health-data-lint']!)),
    );
  });

  it('reports the changed files, uploads a report of every file, fails on a finding', function () {
    if (!hasBash || !hasGit) this.skip();
    const dir = committedRepository({ 'src/old.ts': BROKEN_TS, 'src/edited.ts': BROKEN_TS });
    writeFile(dir, 'src/edited.ts', `// edited\n${BROKEN_TS}`);
    const inputs = {
      'changed-since': 'HEAD',
      'upload-sarif': 'true',
      args: '--config-preset strict --max-warnings 0',
      paths: 'src',
    };
    const run = runStep(step('lint'), dir, { inputs, bin: CLI });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /src\/edited\.ts/);
    assert.doesNotMatch(run.stdout, /src\/old\.ts/);
    assert.equal(run.outputs['sarif-file'], 'health-data.sarif');
    const log = JSON.parse(readFileSync(join(dir, 'health-data.sarif'), 'utf8')) as {
      version: string;
      runs: {
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(
      log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
      ['src/edited.ts', 'src/old.ts'],
      'a report without old.ts would close its alert in code scanning',
    );
    const upload = steps.find((candidate) => candidate.uses?.startsWith('github/codeql-action/'));
    assert.ok(upload, 'the SARIF upload step');
    assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@v\d+$/);
    assert.match(upload.if ?? '', /always\(\)/, 'uploads even when the lint step fails');
  });

  it('passes a baseline, writes no SARIF unless asked, and exits 2 on a bad option', function () {
    if (!hasBash) this.skip();
    const dir = tempProject({ 'a.ts': BROKEN_TS });
    assert.equal(
      spawnSync(process.execPath, [CLI, '--write-baseline', 'baseline.json', '.'], { cwd: dir })
        .status,
      0,
    );
    const baselined = runStep(step('lint'), dir, {
      inputs: { baseline: 'baseline.json' },
      bin: CLI,
    });
    assert.equal(baselined.status, 0, baselined.stderr);
    assert.match(baselined.stdout, /1 baselined/);
    assert.equal(baselined.outputs['sarif-file'], undefined);

    const bad = runStep(step('lint'), dir, {
      inputs: { args: '--fromat json', 'upload-sarif': 'true' },
      bin: CLI,
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option --fromat/);
  });
});
