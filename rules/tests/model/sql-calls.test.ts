import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { mayHoldSqlRead, sqlTextOfCall, sqlTextOfNew } from '../../src/model/sql-calls';
import { runProbeRule } from './probe';

describe('model/sql-calls', () => {
  function sqlArgs(code: string): string[] {
    const result: string[] = [];
    runProbeRule(code, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const text = sqlTextOfCall(node);
        if (text) result.push(context.sourceCode.getText(text));
      },
      NewExpression(node: TSESTree.NewExpression) {
        const text = sqlTextOfNew(node);
        if (text) result.push(`new ${context.sourceCode.getText(text)}`);
      },
    }));
    return result;
  }

  it('the first argument, the text of a query config, the text of a statement class', () => {
    assert.deepEqual(
      sqlArgs(`db.query(q); db.query({ sql: s, values }); new Cursor(c); new Date(d);`),
      ['q', 's', 'new c'],
    );
  });

  it('never the argument of a log, an assertion or a translation, nor a tagged template', () => {
    assert.deepEqual(sqlArgs(`console.log(q); expect(q); t(q); db.query(sql\`x\`);`), []);
  });

  it('a file spells out a SQL read', () => {
    assert.equal(mayHoldSqlRead('const q = `select id from t`'), true);
    assert.equal(mayHoldSqlRead('COPY t TO STDOUT'), true);
    assert.equal(mayHoldSqlRead('const selected = 1'), false);
  });
});
