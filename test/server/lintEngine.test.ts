import assert from 'node:assert/strict';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import plugin from '../../rules/src/index';
import {
  LintEngine,
  anyRuleFixable,
  buildConfigArray,
  knownRule,
  ruleDocsUrl,
  rulesOf,
} from '../../server/src/lintEngine';
import { defaultSettings } from '../../server/src/settings';
import { FIX_ALL_KIND, advertisedActions, toCodeActions } from '../../server/src/toCodeActions';
import { toDiagnostic } from '../../server/src/toDiagnostic';

type Rule = TSESLint.RuleModule<string, readonly unknown[]>;

/**
 * Rules registered in-process for these tests only, so that the engine's recovery from a rule
 * that throws can be observed whatever the real catalog holds.
 */
const testRules: Record<string, Rule> = {
  'zz-test-throws-in-create': {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create() {
      throw new Error('boom in create');
    },
  } as unknown as Rule,
  'zz-test-throws-on-visit': {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create: () => ({
      Identifier() {
        throw new Error('boom on visit');
      },
    }),
  } as unknown as Rule,
  'zz-test-reports-var': {
    meta: {
      type: 'problem',
      fixable: 'code',
      hasSuggestions: true,
      messages: { useConst: 'var declares {{name}}', suggestLet: 'Use let' },
      schema: [],
    },
    defaultOptions: [],
    create: (context: TSESLint.RuleContext<string, readonly unknown[]>) => ({
      VariableDeclaration(node: TSESTree.VariableDeclaration) {
        if (node.kind !== 'var') return;
        const start = node.range[0];
        context.report({
          node,
          messageId: 'useConst',
          data: { name: 'x' },
          fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange([start, start + 3], 'const'),
          suggest: [
            {
              messageId: 'suggestLet',
              fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange([start, start + 3], 'let'),
            },
          ],
        });
      },
    }),
  } as unknown as Rule,
};

const catalog = plugin.rules as Record<string, Rule>;
const settings = (rules: Record<string, 'off' | 'warn' | 'error'>) =>
  rulesOf({ ...defaultSettings(), rules });
const defaults = () => rulesOf(defaultSettings());
const FILE = '/project/src/file.ts';

describe('LintEngine', () => {
  before(() => Object.assign(catalog, testRules));
  after(() => {
    for (const id of Object.keys(testRules)) delete catalog[id];
  });

  it('turns settings overrides into the config after the preset, ignoring unknown rules', () => {
    const rules = rulesOf({
      preset: 'project',
      rules: { 'health-data/zz-test-reports-var': 'warn', 'health-data/not-a-rule': 'error' },
    });
    const config = buildConfigArray({ ...rules, 'health-data/not-a-rule': 'error' });
    const preset = plugin.configs.recommended;
    assert.deepEqual(config.slice(1, preset.length), preset.slice(1));
    assert.deepEqual({ ...config[0], rules: undefined }, { ...preset[0], rules: undefined });
    const configured = config[0]!.rules!;
    assert.equal(configured['health-data/zz-test-reports-var'], 'warn');
    assert.equal(configured['health-data/no-select-star-export'], 'error');
    assert.equal(configured['health-data/require-access-audit'], 'off', 'strict only');
    assert.equal(Object.hasOwn(configured, 'health-data/not-a-rule'), false);
    assert.equal(knownRule('health-data/not-a-rule'), false);
    assert.equal(knownRule('zz-test-reports-var'), false, 'rule ids carry the plugin prefix');
  });

  it('takes the preset and rules of healthdata.config.json under the editor settings', () => {
    const project = {
      preset: 'strict' as const,
      rules: { 'health-data/require-access-audit': 'warn' as const },
    };
    const fromProject = rulesOf(defaultSettings(), project);
    assert.equal(fromProject['health-data/require-access-audit'], 'warn');
    assert.deepEqual(fromProject['health-data/no-select-star-export'], [
      'error',
      { reportOutsideExportContext: true },
    ]);
    const overridden = rulesOf(
      { preset: 'recommended', rules: { 'require-access-audit': 'error' } },
      project,
    );
    assert.equal(overridden['health-data/require-access-audit'], 'error');
    assert.equal(overridden['health-data/no-select-star-export'], 'error');
  });

  it('reports findings with the configured severity, fix and suggestion', () => {
    const engine = new LintEngine();
    const outcome = engine.lint(
      'var x = 1;\n',
      FILE,
      '/project',
      settings({ 'health-data/zz-test-reports-var': 'warn' }),
    );
    assert.deepEqual(outcome.failedRules, []);
    assert.equal(outcome.messages.length, 1);
    const [message] = outcome.messages;
    assert.equal(message!.ruleId, 'health-data/zz-test-reports-var');
    assert.equal(message!.severity, 1);
    assert.equal(message!.message, 'var declares x');
    assert.deepEqual(message!.fix, { range: [0, 3], text: 'const' });
    assert.equal(message!.suggestions?.[0]?.desc, 'Use let');
  });

  it('runs the other rules when one throws, naming each rule that failed', () => {
    const engine = new LintEngine();
    const outcome = engine.lint(
      'var x = 1;\n',
      FILE,
      '/project',
      settings({
        'health-data/zz-test-throws-in-create': 'error',
        'health-data/zz-test-throws-on-visit': 'error',
        'health-data/zz-test-reports-var': 'error',
      }),
    );
    assert.deepEqual(outcome.failedRules.map((failure) => failure.ruleId).sort(), [
      'health-data/zz-test-throws-in-create',
      'health-data/zz-test-throws-on-visit',
    ]);
    assert.match(outcome.failedRules.map((failure) => failure.error).join('\n'), /boom on visit/);
    assert.deepEqual(
      outcome.messages.map((message) => message.ruleId),
      ['health-data/zz-test-reports-var'],
    );
    assert.equal(outcome.internalError, undefined);
  });

  it('gives one fatal message for a file that does not parse', () => {
    const outcome = new LintEngine().lint('const = ;', FILE, '/project', defaults());
    assert.equal(outcome.messages.length, 1);
    assert.equal(outcome.messages[0]!.fatal, true);
    assert.equal(outcome.messages[0]!.ruleId, null);
  });

  it('drops reports about other plugins’ directives and unused disable comments', () => {
    const text = '// eslint-disable-next-line no-console -- legacy\nconsole.log(1);\n';
    const outcome = new LintEngine().lint(text, FILE, '/project', defaults());
    assert.deepEqual(outcome.messages, []);
  });

  it('fixAll applies the safe fixes, never the suggestions, and skips failed rules', () => {
    const engine = new LintEngine();
    const fixed = engine.fixAll(
      'var a = 1;\nvar b = 2;\n',
      FILE,
      '/project',
      settings({
        'health-data/zz-test-reports-var': 'error',
        'health-data/zz-test-throws-on-visit': 'error',
      }),
      ['health-data/zz-test-throws-on-visit'],
    );
    assert.equal(fixed, 'const a = 1;\nconst b = 2;\n');
    assert.equal(engine.fixAll('let a = 1;\n', FILE, '/project', defaults()), undefined);
  });

  it('links each catalog rule to its documentation', () => {
    for (const id of Object.keys(plugin.rules)) {
      if (id.startsWith('zz-test-')) continue;
      assert.match(ruleDocsUrl(`health-data/${id}`) ?? '', new RegExp(`/docs/rules/${id}\\.md$`));
    }
    assert.equal(ruleDocsUrl(null), undefined);
    assert.equal(ruleDocsUrl('no-console'), undefined);
  });
});

describe('fix-all is offered only when a rule can fix', () => {
  it('is not advertised with the real catalog, where no rule is fixable', () => {
    assert.equal(anyRuleFixable(), false);
    assert.deepEqual(advertisedActions(anyRuleFixable()), {
      codeActionKinds: ['quickfix'],
      commands: ['healthData.scanWorkspace', 'healthData.openRuleDocs'],
    });
  });

  it('comes back with a fixable rule: advertised, offered, and its edit applies the fix', () => {
    const id = 'zz-test-reports-var';
    catalog[id] = testRules[id]!;
    try {
      assert.equal(anyRuleFixable(), true);
      assert.deepEqual(advertisedActions(anyRuleFixable()), {
        codeActionKinds: ['quickfix', 'source.fixAll.healthData'],
        commands: ['healthData.scanWorkspace', 'healthData.fixAll', 'healthData.openRuleDocs'],
      });
      const engine = new LintEngine();
      const rules = settings({ [`health-data/${id}`]: 'error' });
      const text = 'var a = 1;\nvar b = 2;\n';
      const document = TextDocument.create('file:///project/src/file.ts', 'typescript', 3, text);
      const { messages } = engine.lint(text, FILE, '/project', rules);
      const diagnostics = messages.map((message, index) =>
        toDiagnostic(message, index, document, { docsUrl: ruleDocsUrl }),
      );
      const [action, ...others] = toCodeActions(
        { document, messages, diagnostics },
        {
          range: diagnostics[0]!.range,
          diagnostics: [],
          only: ['source.fixAll'],
          docsUrl: ruleDocsUrl,
          fixAllText: () => engine.fixAll(text, FILE, '/project', rules),
        },
      );
      assert.deepEqual(others, []);
      assert.equal(action?.kind, FIX_ALL_KIND);
      const [change] = action.edit!.documentChanges as TextDocumentEdit[];
      assert.deepEqual(change!.textDocument, { uri: document.uri, version: 3 });
      assert.equal(
        TextDocument.applyEdits(document, change!.edits as TextEdit[]),
        'const a = 1;\nconst b = 2;\n',
      );
    } finally {
      delete catalog[id];
    }
    assert.equal(anyRuleFixable(), false);
  });
});
