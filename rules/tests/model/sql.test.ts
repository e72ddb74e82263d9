import assert from 'node:assert/strict';
import { COUNT_VALUE, scanSql, selectedValue } from '../../src/model/sql';

describe('model/sql: what a select list returns', () => {
  const columns = (sql: string): string[] =>
    scanSql(sql).flatMap((statement) => statement.selects.flatMap((select) => select.columns));

  it('names each column without table, quotes, cast or alias', () => {
    const values = columns(
      'SELECT p.id, "p"."status" AS state, COUNT(*)::text AS count, created_at FROM patients p',
    ).map(selectedValue);
    assert.deepEqual(values, ['id', 'status', COUNT_VALUE, 'created_at']);
  });

  it('gives no name for an expression', () => {
    assert.equal(
      selectedValue(columns("SELECT nom || ' ' || prenom FROM patients")[0]!),
      undefined,
    );
  });
});
