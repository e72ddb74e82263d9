import assert from 'node:assert/strict';
import { unpurgedBulkCopies } from '../../../src/model/migration/bulk-copy';
import { deletionsIn } from '../../../src/model/migration/deletions';
import { stagingWrites } from '../../../src/model/migration/staging';
import { analyse } from './analyse';

/** The bulk copies of the code that leave their source behind, as `data: source -> target`. */
function unpurged(code: string): string[] {
  return analyse(code, (file) =>
    unpurgedBulkCopies(file, stagingWrites(file), deletionsIn(file)).map(
      (c) => `${c.data}: ${c.source} -> ${c.target}`,
    ),
  );
}

/**
 * Bulk copies of patient records from one system into another (ORM bulk inserts, query builder
 * inserts, INSERT … VALUES), told apart from copies inside one system, and whether the routine
 * removes or schedules the purge of the source.
 */
describe('model/migration: bulk copies into a target system', () => {
  it('Prisma createMany from another client leaves the source behind', () => {
    assert.deepEqual(
      unpurged(`export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
}`),
      ['patient records: `patient` in `source` -> `target.patient`'],
    );
  });

  it('purged by removing the source rows, not the target rows nor another model', () => {
    const copy = (removal: string) =>
      unpurged(`export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
  ${removal}
}`).length;
    assert.equal(copy('await source.patient.deleteMany();'), 0);
    assert.equal(copy('await target.patient.deleteMany();'), 1);
    assert.equal(copy('await source.auditEntry.deleteMany();'), 1);
  });

  it('a copy inside one system is not a migration', () => {
    assert.deepEqual(
      unpurged(`export async function migratePatients(db: PrismaClient) {
  const rows = await db.patient.findMany();
  await db.patient.createMany({ data: rows });
}`),
      [],
    );
  });

  it('INSERT … VALUES through another pool, and query builder inserts naming their table', () => {
    assert.deepEqual(
      unpurged(`export async function transfererPatients(ancienPool: Pool, nouveauPool: Pool, legacy, queryInterface) {
  const { rows } = await ancienPool.query('SELECT id, nom, nir FROM patients');
  for (const p of rows) {
    await nouveauPool.query('INSERT INTO patients (id, nom, nir) VALUES ($1, $2, $3)', [p.id, p.nom, p.nir]);
  }
  const dossiers = await legacy.query('SELECT id, nom FROM dossiers_patients');
  await queryInterface.bulkInsert('patients', dossiers);
}`),
      [
        // Calls first, then the SQL the file runs.
        'patient records: `dossiers_patients` in `legacy` -> `patients` via `queryInterface`',
        'name and 1 more: `patients` in `ancienPool` -> `patients` via `nouveauPool`',
      ],
    );
  });
});
