import assert from 'node:assert/strict';
import { stagingWrites, writeDoneBy } from '../../../src/model/migration/staging';
import { dumpOf } from '../../../src/model/migration/dumps';
import type { FunctionNode } from '../../../src/model/ast';
import { routineOf } from '../../../src/model/migration/routines';
import { analyse } from './analyse';

/** Each staging write of the code as `kind where: data`, with its flags. */
function stagings(code: string, filename?: string): string[] {
  return analyse(
    code,
    (file) =>
      stagingWrites(file).map((s) =>
        [
          `${s.kind} ${s.where}: ${s.data() ?? '-'}`,
          s.source ? `source ${s.source.tables.join(',')}` : '',
          s.expires ? 'expires' : '',
          s.fix ? `fix ${s.fix.sink}` : '',
        ]
          .filter(Boolean)
          .join(' | '),
      ),
    filename,
  );
}

/**
 * Which writes stage patient data on its way out (files, dumps, bucket objects, SQL tables and
 * server files), how a message names each place, and what patient data it holds.
 */
describe('model/migration: staging writes', () => {
  it('files written by fs: the data written, or a file name that says whose records it holds', () => {
    assert.deepEqual(
      stagings(`import fs from 'node:fs';
export function exportPatients(patients: Patient[], out: string) {
  fs.writeFileSync(out, JSON.stringify(patients));
  fs.writeFileSync('/tmp/patients-2021.csv', header);
  fs.writeFileSync(out, 'nothing');
}`),
      [
        'file file `out`: patient record from `patients` | fix file',
        "file file `'/tmp/patients-2021.csv'`: patient records (`patients-2021.csv`) | fix file",
        'file file `out`: - | fix file',
      ],
    );
  });

  it('only export or migration code stages', () => {
    assert.deepEqual(
      stagings(
        `import fs from 'node:fs';
function render(patients: Patient[], out: string) { fs.writeFileSync(out, JSON.stringify(patients)); }`,
        'src/app.ts',
      ),
      [],
    );
  });

  it('streams, archives and CSV writers: what is piped or written into them', () => {
    assert.deepEqual(
      stagings(`import fs from 'node:fs';
import { spawn } from 'node:child_process';
import AdmZip from 'adm-zip';
import { createObjectCsvWriter } from 'csv-writer';
export async function exportPatients(patients: Patient[]) {
  const dump = spawn('pg_dump', ['-t', 'patients']);
  dump.stdout.pipe(fs.createWriteStream('/tmp/out.sql'));
  const zip = new AdmZip();
  zip.addFile('p.json', Buffer.from(JSON.stringify(patients)));
  zip.writeZip('/tmp/p.zip');
  const writer = createObjectCsvWriter({ path: '/tmp/p.csv', header: [] });
  await writer.writeRecords(patients);
}`),
      [
        "file file `'/tmp/out.sql'`: a pg_dump of `patients` | fix file",
        "file archive `'/tmp/p.zip'`: patient record from `patients` | fix file",
        "file CSV file `'/tmp/p.csv'`: patient record from `patients` | fix file",
      ],
    );
  });

  it('dumps with an output file, except dumps of reference tables only', () => {
    assert.deepEqual(
      stagings(`import { execFileSync, exec } from 'node:child_process';
export function migrate() {
  execFileSync('pg_dump', ['-t', 'patients', '-f', dumpFile]);
  execFileSync('pg_dump', ['-t', 'countries', '-f', refFile]);
  exec(\`mysqldump sil > \${file}\`);
}`),
      [
        'file pg_dump file `dumpFile`: a pg_dump of `patients` | fix file',
        'file mysqldump file `file`: a mysqldump of the whole database | fix file',
      ],
    );
  });

  it('bucket objects in a staging bucket or under a staging key, with their declared expiry', () => {
    assert.deepEqual(
      stagings(`import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function exportPatients(s3, storage, patients: Patient[]) {
  await s3.send(new PutObjectCommand({ Bucket: 'staging-exports', Key: 'p.json', Body: JSON.stringify(patients) }));
  await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'tmp/p.json', Body: JSON.stringify(patients), Tagging: 'lifecycle=expire' }));
  await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'final/p.json', Body: JSON.stringify(patients) }));
  await storage.bucket('transfer').file('p.json').save(JSON.stringify(patients));
}`),
      [
        "object object `'p.json'` of `'staging-exports'`: patient record from `patients` | fix s3v3",
        "object object `'tmp/p.json'` of `'archive'`: patient record from `patients` | expires | fix s3v3",
        "object object `'p.json'` of `'transfer'`: patient record from `patients` | fix gcs",
      ],
    );
  });

  it('SQL: staging tables, copies into other tables (source migrations) and server files; temporary tables die with the session', () => {
    assert.deepEqual(
      stagings(`export async function migrate(db) {
  await db.query('CREATE TABLE staging_patients AS SELECT * FROM patients');
  await db.query('CREATE TEMP TABLE t AS SELECT * FROM patients');
  await db.query('CREATE TABLE batch_a (id int)');
  await db.query('INSERT INTO batch_a SELECT id FROM patients');
  await db.query('INSERT INTO new_patients SELECT * FROM patients');
  await db.query("SELECT * FROM patients INTO OUTFILE '/tmp/p.csv'");
}`),
      [
        'table table `staging_patients`: patient records from `patients` | fix table',
        'table table `batch_a`: patient records from `patients` | fix table',
        'table table `new_patients`: patient records from `patients` | source patients',
        'file server file `/tmp/p.csv`: patient records from `patients`',
      ],
    );
  });

  it('dumpOf: the tool, the tables and the output, from an argument list or a command line', () => {
    const dumps = analyse(
      `import { execFileSync, exec } from 'node:child_process';
execFileSync('pg_dump', ['--table', 'patients', '-t', 'visits', \`--file=\${out}\`]);
exec(\`pg_dump -t patients sil > \${file}\`);
exec('mongodump --out /backups');
execFileSync('ls', ['-f', out]);
exec('pg_dump --schema-only sil > schema.sql');`,
      (file) =>
        file.calls.map((call) => {
          const dump = call.type === 'CallExpression' ? dumpOf(file, call) : undefined;
          return dump
            ? `${dump.tool} ${dump.what} -> ${dump.target ? file.sourceCode.getText(dump.target) : '-'}`
            : '-';
        }),
    );
    assert.deepEqual(dumps, [
      'pg_dump `patients`, `visits` -> out',
      'pg_dump `patients` -> file',
      // An output option reads the same in a command line as in an argument list.
      "mongodump the whole database -> 'mongodump --out /backups'",
      '-',
      // A schema-only dump holds no patient record: no dump of data.
      '-',
    ]);
  });

  it('writeDoneBy: sync writes in plain functions; awaited writes or streams in async ones', () => {
    const done = analyse(
      `import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
export function a(p) { fs.writeFileSync(out, JSON.stringify(p)); }
export function b(p) { fs.writeFile(out, JSON.stringify(p), () => {}); }
export async function c(p) { await writeFile(out, JSON.stringify(p)); }
export async function d(p) { writeFile(out, JSON.stringify(p)); }
export async function e(p) { const s = fs.createWriteStream(out); s.write(JSON.stringify(p)); }`,
      (file) =>
        stagingWrites(file).map((s) => {
          const routine = routineOf(file, s.node) as FunctionNode;
          const statement = routine.body.type === 'BlockStatement' ? routine.body.body[0]! : s.node;
          return writeDoneBy(s, routine, statement);
        }),
    );
    assert.deepEqual(done, [true, false, true, false, true]);
  });
});
