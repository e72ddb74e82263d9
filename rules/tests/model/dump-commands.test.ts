import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { dumpCommand } from '../../src/model/dump-commands';
import { runProbeRule } from './probe';

describe('model/dump-commands', () => {
  /** Each dump as `tool: tables [no data] -> target`, nodes spelled as in the source. */
  function dumps(code: string): string[] {
    const result: string[] = [];
    runProbeRule(code, (context) => {
      const scopeOf = (n: TSESTree.Node) => context.sourceCode.getScope(n);
      const text = (n: TSESTree.Node) => context.sourceCode.getText(n);
      const read = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression) => {
        const dump = dumpCommand(node, scopeOf);
        if (!dump) return;
        result.push(
          [
            `${dump.tool}: ${dump.tables.map((t) => t.text).join(', ')}`,
            dump.noData ? ' [no data]' : '',
            dump.target ? ` -> ${text(dump.target)}` : '',
          ].join(''),
        );
      };
      return { CallExpression: read, TaggedTemplateExpression: read };
    });
    return result;
  }

  /** The source text of the node spelling each table of the first dump. */
  function tableNodes(code: string): string[] {
    const result: string[] = [];
    runProbeRule(code, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const dump = dumpCommand(node, (n) => context.sourceCode.getScope(n));
        for (const table of dump?.tables ?? [])
          result.push(`${table.name} @ ${context.sourceCode.getText(table.node)}`);
      },
    }));
    return result;
  }

  it('pg_dump tables in every option form: -t x, -tx, --table x, --table=x', () => {
    assert.deepEqual(
      dumps(`exec('pg_dump -t patients --table=dossiers -tresultats --table visites sil | gzip');`),
      ['pg_dump: patients, dossiers, resultats, visites'],
    );
    assert.deepEqual(
      tableNodes(`spawn('pg_dump', ['-t', 'patients', '--table="Dossiers"', 'sil']);`),
      [`patients @ 'patients'`, `Dossiers @ '--table="Dossiers"'`],
    );
  });

  it('pg_dump output: -f, --file=, a redirection, through a pipe, and none for stdout', () => {
    assert.deepEqual(
      dumps(`execFileSync('pg_dump', ['-t', 'patients', '-f', dumpFile]);
execFileSync('pg_dump', ['--table', 'patients', \`--file=\${out}\`]);
exec(\`pg_dump -t patients sil > \${file}\`);
exec(\`pg_dump -f \${file} sil\`);
exec('pg_dump -Fc lis -f /backups/lis.dump');
exec(\`pg_dump sil | gzip > \${dir}/sil.gz\`);
exec('pg_dump sil 2>/dev/null');
exec(\`pg_dump sil > /tmp/\${name}.sql\`);
spawn('pg_dump', ['-t', 'patients']);`),
      [
        'pg_dump: patients -> dumpFile',
        'pg_dump: patients -> out',
        'pg_dump: patients -> file',
        'pg_dump:  -> file',
        "pg_dump:  -> 'pg_dump -Fc lis -f /backups/lis.dump'",
        'pg_dump:  -> dir',
        'pg_dump: ',
        'pg_dump: ',
        'pg_dump: patients',
      ],
    );
  });

  it('mysqldump and mariadb-dump: positional tables after the database, --result-file', () => {
    assert.deepEqual(
      dumps(`spawn('mysqldump', ['-u', 'root', 'lis', 'patients', 'actes']);
execFileSync('mysqldump', ['lis', 'patients', \`--result-file=\${file}\`]);
exec('mysqldump -u lis -r /tmp/d.sql lisdb dossiers');
exec('mysqldump --databases lis sil > all.sql');
spawn('/usr/bin/mariadb-dump.exe', ['lis', '--tables', 'patients', '-t']);`),
      [
        'mysqldump: patients, actes',
        'mysqldump: patients -> file',
        "mysqldump: dossiers -> 'mysqldump -u lis -r /tmp/d.sql lisdb dossiers'",
        "mysqldump:  -> 'mysqldump --databases lis sil > all.sql'",
        'mariadb-dump: patients',
      ],
    );
  });

  it('mongodump: -c/--collection and -o/--out/--archive=', () => {
    assert.deepEqual(
      dumps(`spawn('mongodump', ['-d', 'lis', '-c', 'patients', '--out', dir]);
exec('mongodump --collection=dossiers --out /backups');
exec(\`mongodump --archive=\${file}\`);`),
      [
        'mongodump: patients -> dir',
        "mongodump: dossiers -> 'mongodump --collection=dossiers --out /backups'",
        'mongodump:  -> file',
      ],
    );
  });

  it('schema-only dumps hold no rows, as each tool spells it', () => {
    assert.deepEqual(
      dumps(`exec('pg_dump --schema-only -t patients sil');
spawn('/usr/bin/mariadb-dump', ['--no-data', 'lis', 'patients']);
exec('pg_dumpall -g -f roles.sql');
exec('pg_dump -d lis -t patients');`),
      [
        'pg_dump: patients [no data]',
        'mariadb-dump: patients [no data]',
        "pg_dumpall:  [no data] -> 'pg_dumpall -g -f roles.sql'",
        'pg_dump: patients',
      ],
    );
  });

  it('zx templates and command lines built from constants', () => {
    assert.deepEqual(
      dumps(`const table = 'patients';
await $\`pg_dump -t \${table} -f \${out}\`;
const cmd = \`mysqldump lis \${table}\`;
execSync(cmd);`),
      ['pg_dump: patients -> out', 'mysqldump: patients'],
    );
  });

  it('no dump in other commands or other calls', () => {
    assert.deepEqual(dumps(`exec('ls -l'); query('pg_dump -t patients'); sql\`SELECT 1\`;`), []);
  });
});
