import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { hostConfig } from '../src/host';
import { createRelatedStore, relatedFor, type RelatedLocation } from '../src/model/related';
import { report } from '../src/report';

const SOURCE: RelatedLocation = {
  loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 5 } },
  message: 'Patient records read here',
};

/** Reports `byNode(x)` at the call, `byLoc(x)` at the callee's range, `byPoint(x)` at a point. */
const rule: TSESLint.RuleModule<'found', []> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { found: 'found {{what}}' }, schema: [] },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'Identifier') return;
        const what = node.callee.name;
        const data = { what };
        if (what === 'byNode')
          report(context, { node, messageId: 'found', data, related: [SOURCE] });
        if (what === 'byLoc')
          report(context, {
            node,
            loc: node.callee.loc,
            messageId: 'found',
            data,
            related: [SOURCE],
          });
        if (what === 'byPoint')
          report(context, { loc: node.loc.end, messageId: 'found', data, related: [SOURCE] });
        if (what === 'plain') report(context, { node, messageId: 'found', data });
      },
    };
  },
};

const CODE = 'const x = 1;\nbyNode(x);\nbyLoc(x);\nbyPoint(x);\nplain(x);\n';

function lint(store = createRelatedStore()) {
  const linter = new Linter({ configType: 'flat', cwd: '/repo' });
  const messages = linter.verify(
    CODE,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as never, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { test: { rules: { found: rule as never } } },
        rules: { 'test/found': 'error' },
      },
      hostConfig({ related: store }),
    ],
    '/repo/src/a.ts',
  );
  return { store, messages };
}

describe('report layer', () => {
  it('reports the descriptor as ESLint gets it', () => {
    const { messages } = lint();
    assert.deepEqual(
      messages.map((m) => [m.message, m.line, m.column, m.endLine, m.endColumn]),
      [
        ['found byNode', 2, 1, 2, 10],
        ['found byLoc', 3, 1, 3, 6],
        ['found byPoint', 4, 11, undefined, undefined],
        ['found plain', 5, 1, 5, 9],
      ],
    );
  });

  it('notes related locations at exactly the range ESLint reports, for the host to find', () => {
    const { store, messages } = lint();
    const related = messages.map((m) => relatedFor(store, '/repo/src/a.ts', m, { text: CODE }));
    assert.deepEqual(
      related.map((list) => list.map((r) => r.message)),
      [[SOURCE.message], [SOURCE.message], [SOURCE.message], []],
    );
  });
});
