import assert from 'node:assert/strict';
import { deletionsIn } from '../../../src/model/migration/deletions';
import { matches, sourcePurged, verdict } from '../../../src/model/migration/matching';
import { stagingWrites } from '../../../src/model/migration/staging';
import {
  alwaysRuns,
  reachable,
  routineName,
  routineOf,
} from '../../../src/model/migration/routines';
import { analyse } from './analyse';

/** Each deletion of the code as `kinds target|table [recursive] [helper] [tmp] [owner]`. */
function deletions(code: string): string[] {
  return analyse(code, (file) =>
    deletionsIn(file).map((d) =>
      [
        d.kinds.join('+'),
        d.target ? file.sourceCode.getText(d.target) : (d.table ?? '*'),
        d.recursive ? 'recursive' : '',
        d.helper ? 'helper' : '',
        d.tmpGlobal ? 'tmp' : '',
        d.owner ? `owner ${file.sourceCode.getText(d.owner)}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    ),
  );
}

/** The verdict on each staging write of the code. */
function verdicts(code: string): string[] {
  return analyse(code, (file) => {
    const all = deletionsIn(file);
    return stagingWrites(file).map((s) => verdict(file, s, routineOf(file, s.node), all));
  });
}

/**
 * Which calls delete staged data and what, whether a deletion matches a staging, and whether a
 * routine deletes it whatever happens, only on success, or never.
 */
describe('model/migration: deletions and their matching', () => {
  it('deletions of files, objects, tables and tmp files', () => {
    assert.deepEqual(
      deletions(`import fs from 'node:fs';
import { rimraf } from 'rimraf';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import tmp from 'tmp';
tmp.setGracefulCleanup();
const t = tmp.fileSync();
fs.unlinkSync(a);
fs.rmSync(dir, { recursive: true });
rimraf(folder);
new DeleteObjectCommand({ Bucket: b, Key: k });
storage.bucket(b).file(k2).delete();
t.removeCallback();
knex.schema.dropTable('staging_patients');
db.query('DROP TABLE "Staging_Patients"');
db.query('TRUNCATE staging');`),
      [
        'file * recursive tmp',
        'file a',
        'file dir recursive',
        'file folder recursive',
        'object k',
        'object k2',
        'file * recursive owner t',
        'table staging_patients',
        'table staging_patients',
        'table staging',
      ],
    );
  });

  it('deleted whatever happens: in finally, a close listener, before the write, tmp cleanup', () => {
    assert.deepEqual(
      verdicts(`import fs from 'node:fs';
import tmp from 'tmp';
tmp.setGracefulCleanup();
export async function a(p: Patient[], out: string) {
  try { fs.writeFileSync(out, JSON.stringify(p)); await send(out); } finally { fs.rmSync(out); }
}
export function b(p: Patient[], out: string) {
  const s = fs.createWriteStream(out);
  s.on('close', () => fs.unlinkSync(out));
  s.write(JSON.stringify(p));
}
export function c(p: Patient[]) {
  const f = tmp.fileSync();
  fs.writeFileSync(f.name, JSON.stringify(p));
}`),
      ['deleted', 'deleted', 'deleted'],
    );
  });

  it('deleted only on success, or never; a catch and a success path together count', () => {
    assert.deepEqual(
      verdicts(`import fs from 'node:fs';
export async function a(p: Patient[], out: string) {
  fs.writeFileSync(out, JSON.stringify(p));
  await send(out);
  fs.rmSync(out);
}
export async function b(p: Patient[], out: string) {
  fs.writeFileSync(out, JSON.stringify(p));
  await send(out);
}
export async function c(p: Patient[], out: string) {
  fs.writeFileSync(out, JSON.stringify(p));
  try { await send(out); fs.rmSync(out); } catch (e) { fs.rmSync(out); throw e; }
}`),
      ['successOnly', 'missing', 'deleted'],
    );
  });

  it('through local helpers and methods, with their parameters bound to the arguments', () => {
    assert.deepEqual(
      verdicts(`import fs from 'node:fs';
import path from 'node:path';
function cleanup(file: string) { fs.rmSync(file, { force: true }); }
class Exporter {
  purge(dir: string) { fs.rmSync(dir, { recursive: true }); }
  exportPatients(p: Patient[], dir: string) {
    const out = path.join(dir, 'p.json');
    try { fs.writeFileSync(out, JSON.stringify(p)); } finally { this.purge(dir); }
  }
}
export function exportOther(p: Patient[], out: string, other: string) {
  try { fs.writeFileSync(out, JSON.stringify(p)); } finally { cleanup(other); }
}`),
      ['deleted', 'missing'],
    );
  });

  it('tables: by name; a source migration is purged by removing the copied tables', () => {
    const answers = analyse(
      `export async function migrate(db) {
  await db.query('CREATE TABLE staging_patients AS SELECT * FROM patients');
  await db.query('INSERT INTO new_patients SELECT * FROM patients');
  await db.query('DROP TABLE staging_patients');
  await db.query('DELETE FROM patients');
}`,
      (file) => {
        const all = deletionsIn(file);
        const [staging, source] = stagingWrites(file);
        const routine = routineOf(file, staging!.node);
        return {
          matched: all.map((d) => matches(file, d, staging!, new Map())),
          verdict: verdict(file, staging!, routine, all),
          purged: sourcePurged(file, source!, routine, all),
          purgedWithout: sourcePurged(file, source!, routine, all.slice(0, 1)),
        };
      },
    );
    assert.deepEqual(answers, {
      matched: [true, false],
      // Dropped after the copy, with no finally: only when the copy succeeds.
      verdict: 'successOnly',
      purged: true,
      purgedWithout: false,
    });
  });

  it('routines: callbacks run as part of the routine; names for messages', () => {
    const answers = analyse(
      `import fs from 'node:fs';
export function exportAll(patients: Patient[]) {
  patients.forEach((p) => {
    fs.writeFileSync(p.id + '.json', JSON.stringify(p));
  });
  const later = () => fs.unlinkSync('x');
}
fs.writeFileSync('top.json', data);`,
      (file) => {
        const [inLoop, top] = file.calls.filter(
          (c) => file.sourceCode.getText(c.callee) === 'fs.writeFileSync',
        );
        const routine = routineOf(file, inLoop!);
        const deletions = deletionsIn(file);
        return {
          routine: routineName(file, routine, inLoop!),
          top: routineName(file, routineOf(file, top!), top!),
          // `later` is declared, not run: its deletion is not reached.
          reached: reachable(file, routine, deletions).length,
          before: alwaysRuns(deletions[0]!.node, routine, inLoop!),
        };
      },
    );
    assert.deepEqual(answers, {
      routine: 'exportAll',
      top: 'export.ts',
      reached: 0,
      before: false,
    });
  });
});
