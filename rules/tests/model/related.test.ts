import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../src/index';
import { healthModel } from '../../src/model';
import { hostConfig } from '../../src/host';
import {
  createRelatedStore,
  MAX_FILES,
  MAX_PROVENANCE_ENTRIES,
  noteRelated,
  provenanceRelated,
  type RelatedStore,
  relatedFor,
} from '../../src/model/related';

/** The store of the host running these lints: a fresh one per test. */
let store: RelatedStore = createRelatedStore();

/**
 * A rule that reports `sink(x)` calls the way real rules do and notes the provenance of `x`, plus
 * (for `elsewhere(x)`) an entry in another file.
 */
const rule: TSESLint.RuleModule<'sink', []> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { sink: 'sink' }, schema: [] },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'Identifier') return;
        if (node.callee.name === 'sink') {
          const taint = healthModel(context).provenance.trace(node.arguments[0]!);
          context.report({ node, messageId: 'sink' });
          noteRelated(context, node, provenanceRelated(taint));
        } else if (node.callee.name === 'elsewhere') {
          context.report({ node: node.callee, messageId: 'sink' });
          noteRelated(context, node.callee, [
            {
              filename: '/srv/app/server.ts',
              loc: { start: { line: 4, column: 2 }, end: { line: 4, column: 30 } },
              message: 'Mounted here without authentication',
            },
            // The finding's own range adds nothing: dropped.
            { loc: node.callee.loc, message: 'itself' },
          ]);
        }
      },
    };
  },
};

function lint(code: string, filename: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: '/repo' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as never, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { test: { rules: { sink: rule as never } } },
        rules: { 'test/sink': 'error' },
      },
      hostConfig({ related: store }),
    ],
    filename,
  );
}

const FLOW = `async function run(db: Db) {
  const rows = await db.query('SELECT nir, statut_vih FROM patients');
  const first = rows[0];
  const copy = { ...first };
  sink(copy);
}
`;

describe('related locations side channel', () => {
  beforeEach(() => {
    store = createRelatedStore();
  });

  it('gives the source then the steps of the provenance path for the reported finding', () => {
    const [finding] = lint(FLOW, '/repo/src/flow.ts');
    assert.ok(finding);
    const related = relatedFor(store, '/repo/src/flow.ts', finding, { text: FLOW });
    assert.equal(related[0]?.loc.start.line, 2, JSON.stringify(related));
    assert.match(related[0]!.message, /^Patient data comes from here: .*`patients`/);
    assert.deepEqual(
      related
        .slice(1)
        .map((r) => [r.loc.start.line, r.message.startsWith('The patient data flows')]),
      [
        [3, true],
        [4, true],
      ],
      'the argument of sink() on the finding line itself is not repeated',
    );
    assert.ok(related.every((r) => r.filename === undefined));
  });

  it('matches on rule id and the exact range only', () => {
    const [finding] = lint(FLOW, '/repo/src/flow.ts');
    assert.ok(finding);
    assert.deepEqual(
      relatedFor(store, '/repo/src/flow.ts', { ...finding, ruleId: 'other/sink' }),
      [],
    );
    assert.deepEqual(relatedFor(store, '/repo/src/flow.ts', { ...finding, endColumn: 1 }), []);
    assert.deepEqual(relatedFor(store, '/repo/src/other.ts', finding), []);
  });

  it('forgets the previous lint of a file, and refuses notes of another text', () => {
    const [finding] = lint(FLOW, '/repo/src/flow.ts');
    assert.ok(finding);
    // Re-linted with a value that is not patient data at the same place: nothing is noted, and
    // the notes of the previous text are not handed out for this one.
    const edited = FLOW.replace('sink(copy)', 'sink(1234)');
    const [again] = lint(edited, '/repo/src/flow.ts');
    assert.ok(again);
    assert.deepEqual(relatedFor(store, '/repo/src/flow.ts', again, { text: edited }), []);
    // A later lint that notes something replaces the whole entry of the file.
    const shifted = `\n${FLOW}`;
    const [moved] = lint(shifted, '/repo/src/flow.ts');
    assert.ok(moved);
    assert.deepEqual(relatedFor(store, '/repo/src/flow.ts', finding), []);
    assert.equal(
      relatedFor(store, '/repo/src/flow.ts', moved, { text: shifted })[0]?.loc.start.line,
      3,
    );
  });

  it('keeps entries in other files and drops the finding itself', () => {
    const code = 'elsewhere(patient);\n';
    const [finding] = lint(code, '/repo/src/routes.ts');
    assert.ok(finding);
    assert.deepEqual(relatedFor(store, '/repo/src/routes.ts', finding), [
      {
        filename: '/srv/app/server.ts',
        loc: { start: { line: 4, column: 2 }, end: { line: 4, column: 30 } },
        message: 'Mounted here without authentication',
      },
    ]);
  });

  it('caps a long path, keeping where it starts and where it ends', () => {
    const steps = Array.from({ length: 7 }, (_, i) => `  const v${i + 1} = [v${i}];`).join('\n');
    const code = `function run(patient: Patient) {\n  const v0 = patient.nir;\n${steps}\n  sink(v7);\n}\n`;
    const [finding] = lint(code, '/repo/src/long.ts');
    assert.ok(finding);
    const related = relatedFor(store, '/repo/src/long.ts', finding);
    assert.equal(related.length, MAX_PROVENANCE_ENTRIES);
    assert.equal(related[0]?.loc.start.line, 2);
    assert.deepEqual(
      related.map((r) => r.loc.start.line),
      [2, 3, 4, 7, 8, 9],
    );
  });

  it('masks identifying values a message might quote', () => {
    const code = 'elsewhere(patient);\n';
    const linter = new Linter({ configType: 'flat', cwd: '/repo' });
    const masking: TSESLint.RuleModule<'x', []> = {
      defaultOptions: [],
      meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
      create: (context) => ({
        Program(node) {
          context.report({ node, messageId: 'x' });
          noteRelated(context, node, [
            {
              loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 4 } },
              message: 'nir 284057512345678',
            },
          ]);
        },
      }),
    };
    const [finding] = linter.verify(
      code,
      [
        { plugins: { t: { rules: { x: masking as never } } }, rules: { 't/x': 'error' } },
        hostConfig({ related: store }),
      ],
      '/repo/a.js',
    );
    assert.ok(finding);
    const [related] = relatedFor(store, '/repo/a.js', finding);
    assert.equal(related?.message, 'nir …');
  });

  it('keeps nothing when no host asked for the notes (a plain ESLint run)', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/repo' });
    const config = {
      files: ['**/*.ts'],
      languageOptions: {
        parser: parser as never,
        ecmaVersion: 'latest' as const,
        sourceType: 'module' as const,
      },
      plugins: { test: { rules: { sink: rule as never } } },
      rules: { 'test/sink': 'error' as const },
    };
    const [finding] = linter.verify(FLOW, [config], '/repo/src/flow.ts');
    assert.ok(finding);
    assert.deepEqual(relatedFor(store, '/repo/src/flow.ts', finding), []);
    assert.equal(store.files.size, 0);
  });

  it(`remembers at most ${MAX_FILES} files, the least recently linted going first`, () => {
    for (let i = 0; i <= MAX_FILES; i++) lint('elsewhere(patient);\n', `/repo/f${i}.ts`);
    const query = { ruleId: 'test/sink', line: 1, column: 1, endLine: 1, endColumn: 10 };
    assert.deepEqual(relatedFor(store, '/repo/f0.ts', query), []);
    assert.equal(relatedFor(store, '/repo/f1.ts', query).length, 1);
    assert.equal(relatedFor(store, `/repo/f${MAX_FILES}.ts`, query).length, 1);
  });
});

describe('related locations of the shipped rules on the seed codebase', () => {
  before(() => {
    store = createRelatedStore();
  });

  it('a clear-text write of the migration extract points back at the query of the patient tables', () => {
    const file = resolve(__dirname, '../../../seeds/vulnerable/migration/migration-exporter.ts');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const queryLine = lines.findIndex((l) => l.includes('const resultats = await pool.query(')) + 1;
    const writeLine =
      lines.findIndex((l) => l.includes('await writeFile(`${stagingPath}.resultats')) + 1;
    assert.ok(queryLine > 0 && writeLine > queryLine, 'the seed still has its query and its write');
    const linter = new Linter({ configType: 'flat', cwd: resolve(__dirname, '../../..') });
    const messages = linter.verify(
      text,
      [...(plugin.configs.recommended as never[]), hostConfig({ related: store })],
      file,
    );
    const write = messages.find(
      (m) => m.ruleId === 'health-data/no-unencrypted-write' && m.line === writeLine,
    );
    assert.ok(write, JSON.stringify(messages.map((m) => [m.ruleId, m.line])));
    const related = relatedFor(store, file, write, { text });
    assert.equal(related[0]?.kind, 'source');
    assert.equal(related[0]?.loc.start.line, queryLine);
    assert.match(related[0]!.message, /query of `patients`, `resultats`/);
    assert.equal(related[0]?.filename, undefined, 'the source is in the linted file itself');
  });
});
