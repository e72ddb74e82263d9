import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { Linter as Linter9 } from 'eslint-v9';
import { avoidRuleContextRetention, DISABLE_ENV } from '../../src/util/eslint-rule-contexts';

const root = join(__dirname, '../../..');

/** What a rule sees of its context: own and inherited members, frozen or not. */
function contextShape(LinterClass: typeof Linter): Record<string, unknown> {
  let shape: Record<string, unknown> = {};
  const rule = {
    meta: { schema: [{ type: 'string' }] },
    create(ruleContext: object) {
      const context = ruleContext as Record<string, unknown>;
      const members: Record<string, unknown> = {};
      for (const key of ['id', 'options', 'cwd', 'filename', 'physicalFilename', 'settings']) {
        members[key] = context[key];
      }
      members.sourceText = (context.sourceCode as { text: string }).text;
      members.languageOptions = typeof context.languageOptions;
      members.report = typeof context.report;
      members.frozen = Object.isFrozen(context);
      // ESLint 9 still has the deprecated getters; they must read the same file.
      if (typeof context.getFilename === 'function') members.getFilename = context.getFilename();
      shape = members;
      return {};
    },
  };
  new LinterClass({ configType: 'flat', cwd: '/project' }).verify(
    'let a = 1;',
    [
      {
        plugins: { t: { rules: { shape: rule } } },
        rules: { 't/shape': ['error', 'opt'] },
        settings: { s: 1 },
      },
    ],
    { filename: '/project/a.js' },
  );
  return shape;
}

describe('util/eslint-rule-contexts: rule contexts that do not keep files alive', () => {
  it('is applied once per ESLint (10 and 9), and rules see the same context as before', () => {
    for (const LinterClass of [Linter, Linter9 as unknown as typeof Linter]) {
      const before = contextShape(LinterClass);
      const first = avoidRuleContextRetention(LinterClass);
      assert.ok(first === 'applied' || first === 'already-applied', first);
      assert.equal(avoidRuleContextRetention(LinterClass), 'already-applied');
      assert.deepEqual(contextShape(LinterClass), before);
      assert.equal(before.id, 't/shape');
      assert.deepEqual(before.options, ['opt']);
      assert.equal(before.frozen, true);
    }
  });

  it('leaves an ESLint alone when its rule contexts are built another way', () => {
    type ProbeConfig = { plugins: Record<string, { rules: Record<string, ProbeRule> }> };
    type ProbeRule = { create(context: object): object };
    class Other {
      verify(_text: string, config: ProbeConfig[]) {
        const rule = config[0]!.plugins.probe!.rules.probe!;
        const fileContext = { extend: (extension: object) => Object.freeze({ ...extension }) };
        rule.create(Object.create(fileContext));
        return [];
      }
    }
    assert.equal(avoidRuleContextRetention(Other as unknown as typeof Linter), 'not-recognised');
  });

  it('changes no finding: the CLI on the seeds with and without it', () => {
    const cli = join(root, 'rules/dist/cli.js');
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [cli, '--format', 'json', 'seeds'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const changed = run({});
    const unchanged = run({ [DISABLE_ENV]: 'unchanged' });
    assert.equal(changed.status, unchanged.status, changed.stderr + unchanged.stderr);
    const findings = JSON.parse(changed.stdout);
    assert.ok(JSON.stringify(findings).includes('health-data/'), 'the seeds have findings');
    assert.deepEqual(findings, JSON.parse(unchanged.stdout));
  });
});
