import assert from 'node:assert/strict';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../src/index';
import { healthModel } from '../../src/model';
import { onFileDone } from '../../src/model/file-lifetime';
import { createRule } from '../../src/util/create-rule';

const released: object[] = [];
/** How many files had been released when the late reader ran (it must see its own file live). */
let releasedWhenRead = -1;

const seed = resolve(__dirname, '../../../seeds/vulnerable/migration/migration-exporter.ts');

/** Asks for the model in its own `Program:exit`, like the rules that judge a whole file. */
const lateReader = createRule<[], 'late'>({
  name: 'late-reader',
  meta: {
    type: 'problem',
    docs: {
      description: 'test',
      preset: 'strict',
      cnilFinding: 'test',
      references: [],
      securitySeverity: 1,
    },
    messages: { late: 'late' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      'Program:exit'(program: TSESTree.Program) {
        healthModel(context);
        releasedWhenRead = released.length;
        context.report({ node: program, messageId: 'late' });
      },
    };
  },
});

describe('model/file-lifetime: per-file state is dropped when the last rule leaves the file', () => {
  before(() => onFileDone((sourceCode) => released.push(sourceCode)));
  beforeEach(() => (released.length = 0));

  it('releases once per linted file, after every rule of the preset ran', () => {
    const linter = new Linter({ configType: 'flat' });
    const text = readFileSync(seed, 'utf8');
    const strict = plugin.configs.strict as unknown as Linter.Config[];
    const messages = linter.verify(text, strict, { filename: seed });
    assert.ok(messages.length > 0, 'the seed has findings');
    assert.equal(released.length, 1);
    assert.equal(released[0], linter.getSourceCode());
    linter.verify(text, strict, { filename: seed });
    assert.equal(released.length, 2, 'a new lint pass is a new file');
  });

  it('waits for a rule that reads the model in Program:exit, however the rules are ordered', () => {
    const linter = new Linter({ configType: 'flat' });
    const text = readFileSync(seed, 'utf8');
    const local = {
      rules: { 'late-reader': lateReader as unknown as TSESLint.RuleModule<'late'> },
    };
    for (const order of [
      ['late/late-reader', 'health-data/no-patient-data-in-logs'],
      ['health-data/no-patient-data-in-logs', 'late/late-reader'],
    ]) {
      released.length = 0;
      const messages = linter.verify(
        text,
        [
          {
            files: ['**/*.ts'],
            languageOptions: (plugin.configs.recommended[0] as unknown as Linter.Config)
              .languageOptions,
            plugins: { 'health-data': plugin as never, late: local as never },
            rules: Object.fromEntries(order.map((id) => [id, 'error'])),
          },
        ],
        { filename: seed },
      );
      assert.ok(messages.some((message) => message.ruleId === 'late/late-reader'));
      assert.equal(releasedWhenRead, 0, `${order.join(' then ')}: released before the last rule`);
      assert.equal(released.length, 1, order.join(' then '));
    }
  });

  it('does not release a file that fails to parse (no rule ran), and keeps linting the next', () => {
    const linter = new Linter({ configType: 'flat' });
    const strict = plugin.configs.strict as unknown as Linter.Config[];
    const broken = linter.verify('const = ;', strict, { filename: 'broken.ts' });
    assert.equal(broken[0]?.fatal, true);
    assert.equal(released.length, 0);
    linter.verify(readFileSync(seed, 'utf8'), strict, { filename: seed });
    assert.equal(released.length, 1);
  });
});
