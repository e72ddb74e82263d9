import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { dumpedTables } from '../../src/model/dump-commands';
import { runProbeRule } from './probe';

describe('model/dump-commands', () => {
  function dumps(code: string): string[] {
    const result: string[] = [];
    runProbeRule(code, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const dump = dumpedTables(node, (n) => context.sourceCode.getScope(n));
        if (dump) result.push(`${dump.tool}: ${dump.tables.map((t) => t.text).join(', ')}`);
      },
    }));
    return result;
  }

  it('pg_dump tables in every option form', () => {
    assert.deepEqual(
      dumps(`exec('pg_dump -t patients --table=dossiers -tresultats sil | gzip > x');`),
      ['pg_dump: patients, dossiers, resultats'],
    );
    assert.deepEqual(dumps(`exec('pg_dump --schema-only -t patients sil');`), ['pg_dump: ']);
  });

  it('mysqldump positional tables after the database, through an argument list', () => {
    assert.deepEqual(dumps(`spawn('mysqldump', ['-u', 'root', 'lis', 'patients', 'actes']);`), [
      'mysqldump: patients, actes',
    ]);
    assert.deepEqual(dumps(`spawn('/usr/bin/mariadb-dump', ['--no-data', 'lis', 'patients']);`), [
      'mariadb-dump: ',
    ]);
  });

  it('no dump in other commands or other calls', () => {
    assert.deepEqual(dumps(`exec('ls -l'); query('pg_dump -t patients');`), []);
  });
});
