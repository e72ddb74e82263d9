import assert from 'node:assert/strict';
import {
  isSqlTag,
  SQL_RUNNER_METHODS,
  SQL_RUNNERS,
  SQL_STATEMENT_CLASSES,
  SQL_TEXT_KEYS,
} from '../../../src/model/apis';
import { probe } from '../probe';
import { rulesReporting } from './lint-with-plugin';

/**
 * The SQL-drivers family is read wherever SQL is looked for in a call: every runner in it is a
 * patient read for the provenance analysis, a `SELECT *` for the over-extraction rule and a
 * staging table for the deletion rule. A method added to a library's entry reaches all three.
 */

describe('catalogue: SQL drivers', () => {
  it('every library names its modules and at least one method', () => {
    for (const [library, runner] of Object.entries(SQL_RUNNERS)) {
      assert.ok(runner.modules.length > 0, library);
      assert.ok(runner.methods.length > 0, library);
    }
  });

  for (const method of SQL_RUNNER_METHODS) {
    it(`db.${method}(sql) is a patient read for the provenance analysis`, () => {
      const [result] = probe(
        `async function f(db) { sink(await db.${method}('SELECT nom, nir FROM patients')); }`,
      );
      assert.match(result!.description ?? '', /query of `patients`/);
    });

    it(`db.${method}(sql) runs SQL for the over-extraction and the staging-deletion rules`, () => {
      const code = `export async function exportPatients(db) {
  await db.${method}('CREATE TABLE staging_patients AS SELECT * FROM patients');
}
`;
      assert.deepEqual(rulesReporting(code), [
        'no-select-star-export',
        'require-delete-after-migration',
      ]);
    });
  }

  for (const key of SQL_TEXT_KEYS) {
    it(`the SQL of a query-config object is under \`${key}\``, () => {
      const code = `export async function exportPatients(pool) {
  return pool.query({ ${key}: 'SELECT * FROM patients', values: [] });
}
`;
      assert.deepEqual(rulesReporting(code), ['no-select-star-export']);
    });
  }

  for (const name of SQL_STATEMENT_CLASSES) {
    if (name === 'PreparedStatement') continue; // pg-promise's takes `{ name, text }`
    it(`new ${name}(sql) runs SQL`, () => {
      const code = `export function exportPatients(client) {
  return client.query(new ${name}('SELECT * FROM patients'));
}
`;
      assert.deepEqual(rulesReporting(code), ['no-select-star-export']);
    });
  }

  const tags: [string, boolean][] = [
    ['sql', true],
    ['SQL', true],
    ['$queryRaw', true],
    ['$executeRaw', true],
    ['unsafe', true],
    ['html', false],
    ['css', false],
    ['gql', false],
  ];
  for (const [tag, expected] of tags) {
    it(`${tag}\`…\` ${expected ? 'runs' : 'does not run'} SQL`, () => {
      assert.equal(isSqlTag(tag), expected);
    });
  }
});
