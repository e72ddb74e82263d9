import rule from '../../src/rules/require-delete-after-migration';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();
const STRICT = [{ requireDeletionOnFailure: true, reportSourceMigration: true }] as const;
const SOURCE_MIGRATION = [{ reportSourceMigration: true }] as const;

ruleTester.run('require-delete-after-migration', rule, {
  valid: [
    // A report written for the operator, its path announced and never passed on: the deliverable
    // (no-unencrypted-write judges what it holds), not a staging copy.
    {
      code: `import fs from 'node:fs';

export function generateCSVReport(rows: { fullName: string; dateOfBirth: string }[]) {
  const filename = \`past-due-\${Date.now()}.csv\`;
  const lines = rows.map((row) => [\`"\${row.fullName}"\`, \`"\${row.dateOfBirth}"\`].join(','));
  fs.writeFileSync(filename, lines.join('\\n'), 'utf8');
  console.log(\`CSV report generated: \${filename}\`);
}
`,
    },
    // finally-rm
    {
      code: `import { rm, writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], path: string) {
  try {
    await writeFile(path, JSON.stringify(patients));
    await send(path);
  } finally {
    await rm(path, { force: true });
  }
}
`,
    },
    // success-path-recommended
    {
      code: `import { rmSync, writeFileSync } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  writeFileSync(path, JSON.stringify(patients));
  send(path);
  rmSync(path);
}
`,
    },
    // write-callback
    {
      code: `import fs from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  fs.writeFile(path, JSON.stringify(patients), (err) => {
    fs.unlink(path, () => {});
  });
}
`,
    },
    // then
    {
      code: `import { unlink, writeFile } from 'node:fs/promises';

export function exportPatients(patients: Patient[], path: string) {
  return writeFile(path, JSON.stringify(patients)).then(() => send(path)).then(() => unlink(path));
}
`,
    },
    // promise-finally
    {
      options: STRICT,
      code: `import { rm, writeFile } from 'node:fs/promises';

export function exportPatients(patients: Patient[], path: string) {
  return writeFile(path, JSON.stringify(patients))
    .then(() => send(path))
    .finally(() => rm(path, { force: true }));
}
`,
    },
    // on-finish
    {
      code: `import { createWriteStream, unlink } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  const out = createWriteStream(path);
  out.on('finish', () => send(path).then(() => unlink(path, () => {})));
  out.end(JSON.stringify(patients));
}
`,
    },
    // on-close-strict
    {
      options: STRICT,
      code: `import { createWriteStream, unlinkSync } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  const out = createWriteStream(path);
  out.on('close', () => unlinkSync(path));
  out.end(JSON.stringify(patients));
}
`,
    },
    // local-helper
    {
      options: STRICT,
      code: `import { rm, writeFile } from 'node:fs/promises';

async function cleanup(file: string) {
  await rm(file, { force: true });
}

export async function exportPatients(patients: Patient[], path: string) {
  try {
    await writeFile(path, JSON.stringify(patients));
    await send(path);
  } finally {
    await cleanup(path);
  }
}
`,
    },
    // this-method
    {
      options: STRICT,
      code: `import { rm, writeFile } from 'node:fs/promises';

export class PatientExporter {
  async export(patients: Patient[], path: string) {
    try {
      await writeFile(path, JSON.stringify(patients));
    } finally {
      await this.purge(path);
    }
  }
  private async purge(file: string) {
    await rm(file, { force: true });
  }
}
`,
    },
    // config-helper
    {
      options: STRICT,
      settings: { healthData: { deletion: { helpers: ['scheduleDeletion'] } } },
      code: `import { writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], path: string) {
  scheduleDeletion(path, '24h');
  await writeFile(path, JSON.stringify(patients));
  await send(path);
}
`,
    },
    // withFile
    {
      code: `import { withFile } from 'tmp-promise';
import { writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[]) {
  await withFile(async ({ path }) => {
    await writeFile(path, JSON.stringify(patients));
    await send(path);
  });
}
`,
    },
    // withDir
    {
      code: `import { withDir } from 'tmp-promise';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function exporterDossiers(dossiers: Dossier[]) {
  await withDir(async ({ path }) => {
    await writeFile(join(path, 'dossiers.json'), JSON.stringify(dossiers));
    await deposer(path);
  }, { unsafeCleanup: true });
}
`,
    },
    // tmp-removeCallback
    {
      options: STRICT,
      code: `import tmp from 'tmp';
import { writeFileSync } from 'node:fs';

export function exportPatients(patients: Patient[]) {
  const tmpobj = tmp.fileSync();
  try {
    writeFileSync(tmpobj.name, JSON.stringify(patients));
    send(tmpobj.name);
  } finally {
    tmpobj.removeCallback();
  }
}
`,
    },
    // tmp-promise-cleanup
    {
      options: STRICT,
      code: `import { file } from 'tmp-promise';
import { writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[]) {
  const { path, cleanup } = await file();
  try {
    await writeFile(path, JSON.stringify(patients));
    await send(path);
  } finally {
    await cleanup();
  }
}
`,
    },
    // tmp-graceful
    {
      code: `import tmp from 'tmp';
import { writeFileSync } from 'node:fs';

tmp.setGracefulCleanup();

export function exportPatients(patients: Patient[]) {
  const tmpobj = tmp.fileSync();
  writeFileSync(tmpobj.name, JSON.stringify(patients));
  send(tmpobj.name);
}
`,
    },
    // mkdtemp-rm-recursive
    {
      options: STRICT,
      code: `import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function exportPatients(patients: Patient[]) {
  const dir = await mkdtemp('/tmp/export-');
  try {
    await writeFile(join(dir, 'patients.json'), JSON.stringify(patients));
    await send(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
`,
    },
    // rimraf-dir
    {
      code: `import { rimraf } from 'rimraf';
import { writeFileSync } from 'node:fs';

const STAGING_DIR = '/var/staging';

export async function exportPatients(patients: Patient[]) {
  writeFileSync(\`\${STAGING_DIR}/patients.json\`, JSON.stringify(patients));
  await send(STAGING_DIR);
  await rimraf(STAGING_DIR);
}
`,
    },
    // fs-extra-remove
    {
      code: `import fse from 'fs-extra';

export async function migratePatients(patients: Patient[], path: string) {
  await fse.outputJson(path, patients);
  await importIntoNewSystem(path);
  await fse.remove(path);
}
`,
    },
    // drop-finally
    {
      options: STRICT,
      code: `export async function migrateViaStaging(pool: Pool) {
  try {
    await pool.query('CREATE TABLE staging_patients AS SELECT id, nom FROM patients');
    await newLis.pull('staging_patients');
  } finally {
    await pool.query('DROP TABLE IF EXISTS staging_patients');
  }
}
`,
    },
    // truncate
    {
      code: `export async function transferResults(db: Db) {
  await db.query('INSERT INTO staging_results SELECT id, resultat FROM patients');
  await newLis.pull('staging_results');
  await db.query('TRUNCATE staging_results');
}
`,
    },
    // same-batch-drop
    {
      code: `export async function exportViaStaging(pool: Pool) {
  await pool.query(\`
    CREATE TABLE staging_patients AS SELECT id, nom FROM patients;
    COPY staging_patients TO STDOUT;
    DROP TABLE staging_patients;
  \`);
}
`,
    },
    // temp-table
    {
      code: `export async function exportViaTemp(client: PoolClient) {
  await client.query('CREATE TEMP TABLE export_patients AS SELECT id, nom FROM patients');
  await client.query('SELECT * FROM export_patients');
}
`,
    },
    // knex-drop
    {
      code: `export async function migrateViaStaging(knex: Knex) {
  await knex.raw('CREATE TABLE staging_patients AS SELECT id, nom FROM patients');
  await newLis.pull('staging_patients');
  await knex.schema.dropTableIfExists('staging_patients');
}
`,
    },
    // s3-delete-finally
    {
      options: STRICT,
      code: `import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export async function exportPatientsToS3(patients: Patient[], key: string) {
  try {
    await s3.send(new PutObjectCommand({ Bucket: 'lis-migration-staging', Key: key, Body: JSON.stringify(patients) }));
    await notifyPartner(key);
  } finally {
    await s3.send(new DeleteObjectCommand({ Bucket: 'lis-migration-staging', Key: key }));
  }
}
`,
    },
    // s3-expires
    {
      code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export async function exportPatientsToS3(s3: S3Client, patients: Patient[], key: string) {
  await s3.send(new PutObjectCommand({ Bucket: 'lis-migration-staging', Key: key, Body: JSON.stringify(patients), Expires: new Date(Date.now() + 86400000) }));
}
`,
    },
    // s3-lifecycle-tag
    {
      code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export async function exportPatientsToS3(s3: S3Client, patients: Patient[], key: string) {
  await s3.send(new PutObjectCommand({ Bucket: 'lis-migration-staging', Key: key, Body: JSON.stringify(patients), Tagging: 'retention=expire-7d' }));
}
`,
    },
    // s3-destination-bucket
    {
      code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export async function exportPatientsToS3(s3: S3Client, patients: Patient[], key: string) {
  await s3.send(new PutObjectCommand({ Bucket: 'hospital-lis-records', Key: key, Body: JSON.stringify(patients), ServerSideEncryption: 'aws:kms' }));
}
`,
    },
    // s3-delete-objects
    {
      code: `import { DeleteObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export async function exportPatientsToS3(s3: S3Client, patients: Patient[], keys: string[]) {
  for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: 'export-staging', Key: key, Body: JSON.stringify(patients) }));
  await partner.pull(keys);
  await s3.send(new DeleteObjectsCommand({ Bucket: 'export-staging', Delete: { Objects: keys.map((Key) => ({ Key })) } }));
}
`,
    },
    // gcs-delete
    {
      code: `export async function exportPatientsGcs(storage: Storage, patients: Patient[]) {
  const file = storage.bucket('lis-exports').file('patients.json');
  await storage.bucket('lis-exports').file('patients.json').save(JSON.stringify(patients));
  await partner.pull('patients.json');
  await storage.bucket('lis-exports').file('patients.json').delete();
  void file;
}
`,
    },
    // mysqldump-reference-tables: mysqldump names its tables after the database, as pg_dump -t
    {
      code: `import { execFileSync } from 'node:child_process';

export function backupReferentiels(file: string) {
  execFileSync('mysqldump', ['lis', 'catalogue_analyses', 'unites_mesure', \`--result-file=\${file}\`]);
  ship(file);
}
`,
    },
    // schema-only-dump: a dump of the schema holds no patient record
    {
      code: `import { execFileSync, execSync } from 'node:child_process';

export function migrateSchema(file: string) {
  execFileSync('pg_dump', ['--schema-only', '-t', 'patients', '-f', file]);
  execSync(\`mysqldump --no-data lis patients > \${file}\`);
  ship(file);
}
`,
    },
    // pg-dump-reference-tables
    {
      code: `import { spawn } from 'node:child_process';

export async function dumpForMigration(dumpFile: string) {
  const child = spawn('pg_dump', ['-t', 'catalogue_analyses', '-t', 'unites_mesure', '-f', dumpFile]);
  await once(child, 'exit');
  await upload(dumpFile);
}
`,
    },
    // pg-dump-finally
    {
      options: STRICT,
      code: `import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';

export async function dumpForMigration(dumpFile: string) {
  try {
    const child = spawn('pg_dump', ['-t', 'patients', '-f', dumpFile]);
    await once(child, 'exit');
    await upload(dumpFile);
  } finally {
    await rm(dumpFile, { force: true });
  }
}
`,
    },
    // not-export-context
    {
      code: `import { writeFile } from 'node:fs/promises';

export async function savePatientCard(patient: Patient, path: string) {
  await writeFile(path, JSON.stringify(patient));
}
`,
    },
    // no-patient-data
    {
      code: `import { writeFile } from 'node:fs/promises';

export async function exportReport(total: number, path: string) {
  await writeFile(path, JSON.stringify({ total, generatedAt: new Date().toISOString() }));
}
`,
    },
    // source-recommended
    {
      code: `export async function migratePatients(db: Db) {
  await db.query('INSERT INTO new_lis.patients (id, nom, nir) SELECT id, nom, nir FROM patients');
}
`,
    },
    // source-purged-strict
    {
      options: STRICT,
      code: `export async function migratePatients(db: Db) {
  await db.query('INSERT INTO new_lis.patients (id, nom, nir) SELECT id, nom, nir FROM patients');
  await db.query('DELETE FROM patients WHERE migrated = true');
}
`,
    },
    // fr-finally-unlink
    {
      options: STRICT,
      code: `import { unlink, writeFile } from 'node:fs/promises';

export async function exporterResultats(resultats: Resultat[], chemin: string) {
  try {
    await writeFile(chemin, JSON.stringify(resultats));
    await deposer(chemin);
  } finally {
    await unlink(chemin).catch(() => undefined);
  }
}
`,
    },
    // catch-and-success
    {
      options: STRICT,
      code: `import { rmSync, writeFileSync } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  try {
    writeFileSync(path, JSON.stringify(patients));
    send(path);
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  rmSync(path, { force: true });
}
`,
    },
    // bulk-prisma-purged
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
  await source.patient.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
}
`,
    },
    // bulk-sequelize-destroyed
    {
      options: SOURCE_MIGRATION,
      code: `export async function migrerPatients() {
  const anciens = await AncienPatient.findAll({ raw: true });
  await NouveauPatient.bulkCreate(anciens);
  await AncienPatient.destroy({ where: {}, truncate: true });
}
`,
    },
    // bulk-mongodb-dropped
    {
      options: SOURCE_MIGRATION,
      code: `export async function migrateDossiers(sourceDb: Db, targetDb: Db) {
  const docs = await sourceDb.collection('patients').find({}).toArray();
  await targetDb.collection('patients').insertMany(docs);
  await sourceDb.collection('patients').drop();
}
`,
    },
    // bulk-knex-source-deleted
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(sourceKnex: Knex, targetKnex: Knex) {
  const rows = await sourceKnex('patients').select('id', 'nom', 'nir');
  await targetKnex('patients').insert(rows);
  await sourceKnex('patients').del();
}
`,
    },
    // bulk-knex-source-table-dropped
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(sourceKnex: Knex, targetKnex: Knex) {
  const rows = await sourceKnex('patients').select('id', 'nom', 'nir');
  await targetKnex.batchInsert('patients', rows, 500);
  await sourceKnex.schema.dropTable('patients');
}
`,
    },
    // bulk-pg-truncated
    {
      options: SOURCE_MIGRATION,
      code: `import format from 'pg-format';

export async function migratePatients(oldPool: Pool, newPool: Pool) {
  const { rows } = await oldPool.query('SELECT id, nom, nir FROM patients');
  await newPool.query(format('INSERT INTO patients (id, nom, nir) VALUES %L', rows));
  await oldPool.query('TRUNCATE patients');
}
`,
    },
    // bulk-scheduled-purge
    {
      options: SOURCE_MIGRATION,
      settings: { healthData: { deletion: { helpers: ['scheduleDeletion'] } } },
      code: `export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
  await scheduleDeletion('lis-v1.patient', { after: '30d' });
}
`,
    },
    // bulk-typeorm-cleared
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(source: DataSource, target: DataSource) {
  const legacyRepo = source.getRepository(Patient);
  const rows = await legacyRepo.find();
  await target.getRepository(Patient).save(rows);
  await legacyRepo.clear();
}
`,
    },
    // bulk-purge-in-local-helper
    {
      options: SOURCE_MIGRATION,
      code: `async function purgeSource(db: PrismaClient) {
  await db.patient.deleteMany();
}

export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
  await purgeSource(source);
}
`,
    },
    // bulk-same-client
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(prisma: PrismaClient) {
  const rows = await prisma.patient.findMany();
  await prisma.patientArchive.createMany({ data: rows });
}
`,
    },
    // bulk-same-mongo-db
    {
      options: SOURCE_MIGRATION,
      code: `export async function exportPatients(db: Db) {
  const docs = await db.collection('patients').find().toArray();
  await db.collection('exports').insertMany(docs);
}
`,
    },
    // bulk-not-export-context
    {
      options: SOURCE_MIGRATION,
      filename: 'src/cache/refresh.ts',
      code: `export async function refreshCache(source: PrismaClient, cache: PrismaClient) {
  const rows = await source.patient.findMany();
  await cache.patient.createMany({ data: rows });
}
`,
    },
    // bulk-non-patient-rows
    {
      options: SOURCE_MIGRATION,
      code: `export async function migrateReferentiel(source: PrismaClient, target: PrismaClient) {
  const rows = await source.analyseCode.findMany();
  await target.analyseCode.createMany({ data: rows });
}
`,
    },
    // bulk-off-by-default
    {
      code: `export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
}
`,
    },
    // bulk-off-by-default-pg-format
    {
      code: `import format from 'pg-format';

export async function migratePatients(oldPool: Pool, newPool: Pool) {
  const { rows } = await oldPool.query('SELECT id, nom, nir FROM patients');
  await newPool.query(format('INSERT INTO patients (id, nom, nir) VALUES %L', rows));
}
`,
    },
    // gcs-save-is-staging
    {
      options: SOURCE_MIGRATION,
      code: `export async function exportPatients(pool: Pool, storage: Storage) {
  const { rows } = await pool.query('SELECT id, nom, nir FROM patients');
  const file = storage.bucket('lis-export-tmp').file('patients.json');
  try {
    await file.save(JSON.stringify(rows));
    await notify();
  } finally {
    await file.delete({ ignoreNotFound: true });
  }
}
`,
    },
  ],
  invalid: [
    // A file named after a patient: message and suggestion title name it without the NIR.
    {
      code: `import fs from 'node:fs';
export async function exportDossier(patient: { nir: string }): Promise<void> {
  fs.writeFileSync('/srv/export/dossier-284057512345678.json', JSON.stringify(patient));
}`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 3,
          column: 3,
          data: {
            routine: 'exportDossier',
            data: 'patient record from `patient`',
            where: "file `'/srv/export/dossier-….…`",
          },
          suggestions: [
            {
              messageId: 'deleteInFinally',
              data: {
                where: "file `'/srv/export/dossier-….…`",
                deletion: "await rm('/srv/export/dossier-….json', { force: true });",
              },
              output: `import fs from 'node:fs';
import { rm } from 'node:fs/promises';
export async function exportDossier(patient: { nir: string }): Promise<void> {
  try {
    fs.writeFileSync('/srv/export/dossier-284057512345678.json', JSON.stringify(patient));
  } finally {
    await rm('/srv/export/dossier-284057512345678.json', { force: true });
  }
}`,
            },
          ],
        },
      ],
    },
    // sync-writeFileSync
    {
      code: `import { writeFileSync } from 'node:fs';
import { upload } from './sftp';

export function exportPatients(patients: Patient[]) {
  const path = '/var/exports/patients.csv';
  writeFileSync(path, patients.map((p) => p.nom).join('\\n'));
  upload(path);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          data: {
            routine: 'exportPatients',
            data: 'name from `patients`',
            where: 'file `path`',
          },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { writeFileSync, rmSync } from 'node:fs';
import { upload } from './sftp';

export function exportPatients(patients: Patient[]) {
  const path = '/var/exports/patients.csv';
  try {
    writeFileSync(path, patients.map((p) => p.nom).join('\\n'));
    upload(path);
  } finally {
    rmSync(path, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // async-writeFile-add-rm
    {
      code: `import { writeFile } from 'node:fs/promises';

export async function exportPatients(pool: Pool, path: string) {
  const { rows } = await pool.query('SELECT nom, prenom, nir FROM patients');
  await writeFile(path, JSON.stringify(rows));
  await sendToNewLis(path);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { writeFile, rm } from 'node:fs/promises';

export async function exportPatients(pool: Pool, path: string) {
  const { rows } = await pool.query('SELECT nom, prenom, nir FROM patients');
  try {
    await writeFile(path, JSON.stringify(rows));
    await sendToNewLis(path);
  } finally {
    await rm(path, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // fs-namespace-new-import
    {
      code: `import fs from 'node:fs';

export async function extractResults(labResults: LabResult[]) {
  const target = \`/tmp/results-\${Date.now()}.json\`;
  await fs.promises.writeFile(target, JSON.stringify(labResults));
  await pushToPartner(target);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 66,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import fs from 'node:fs';
import { rm } from 'node:fs/promises';

export async function extractResults(labResults: LabResult[]) {
  const target = \`/tmp/results-\${Date.now()}.json\`;
  try {
    await fs.promises.writeFile(target, JSON.stringify(labResults));
    await pushToPartner(target);
  } finally {
    await rm(target, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // fr-cjs-stream
    {
      filename: 'scripts/migrer.cjs',
      code: `const fs = require('node:fs');
const { envoyer } = require('./sftp');

async function migrerDossiers(dossiers) {
  const fichier = '/var/sil/echanges/dossiers.hl7';
  const out = fs.createWriteStream(fichier);
  for (const dossier of dossiers) out.write(\`PID|\${dossier.nom}|\${dossier.nir}\\r\`);
  await new Promise((resolve) => out.end(resolve));
  await envoyer(fichier);
}
module.exports = { migrerDossiers };
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `const fs = require('node:fs');
const { envoyer } = require('./sftp');
const { rm } = require('node:fs/promises');

async function migrerDossiers(dossiers) {
  const fichier = '/var/sil/echanges/dossiers.hl7';
  try {
    const out = fs.createWriteStream(fichier);
    for (const dossier of dossiers) out.write(\`PID|\${dossier.nom}|\${dossier.nir}\\r\`);
    await new Promise((resolve) => out.end(resolve));
    await envoyer(fichier);
  } finally {
    await rm(fichier, { force: true });
  }
}
module.exports = { migrerDossiers };
`,
            },
          ],
        },
      ],
    },
    // stream-pipe
    {
      code: `import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';

export async function exportDiagnoses(db: Db, outPath: string) {
  const diagnoses = await db.query('SELECT patient_id, diagnosis FROM diagnoses');
  const out = createWriteStream(outPath);
  Readable.from(diagnoses.rows.map((row) => JSON.stringify(row))).pipe(out);
  await finished(out);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { rm } from 'node:fs/promises';

export async function exportDiagnoses(db: Db, outPath: string) {
  const diagnoses = await db.query('SELECT patient_id, diagnosis FROM diagnoses');
  try {
    const out = createWriteStream(outPath);
    Readable.from(diagnoses.rows.map((row) => JSON.stringify(row))).pipe(out);
    await finished(out);
  } finally {
    await rm(outPath, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // csv-writer
    {
      code: `import { createObjectCsvWriter } from 'csv-writer';

export async function exportPatientsCsv(patients: Patient[]) {
  const writer = createObjectCsvWriter({ path: 'out/patients.csv', header: ['nom', 'nir'] });
  await writer.writeRecords(patients);
  await deliver('out/patients.csv');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 93,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { createObjectCsvWriter } from 'csv-writer';
import { rm } from 'node:fs/promises';

export async function exportPatientsCsv(patients: Patient[]) {
  try {
    const writer = createObjectCsvWriter({ path: 'out/patients.csv', header: ['nom', 'nir'] });
    await writer.writeRecords(patients);
    await deliver('out/patients.csv');
  } finally {
    await rm('out/patients.csv', { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // csv-writer-alias: the factory under another name, as csv-writer's README binds it
    {
      filename: 'scripts/export-patients.cjs',
      code: `const createCsvWriter = require('csv-writer').createObjectCsvWriter;

async function exportPatientsCsv(patients) {
  const writer = createCsvWriter({ path: 'out/patients.csv', header: ['nom', 'nir'] });
  await writer.writeRecords(patients);
  await deliver('out/patients.csv');
}
module.exports = { exportPatientsCsv };
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 87,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `const { rm } = require('node:fs/promises');
const createCsvWriter = require('csv-writer').createObjectCsvWriter;

async function exportPatientsCsv(patients) {
  try {
    const writer = createCsvWriter({ path: 'out/patients.csv', header: ['nom', 'nir'] });
    await writer.writeRecords(patients);
    await deliver('out/patients.csv');
  } finally {
    await rm('out/patients.csv', { force: true });
  }
}
module.exports = { exportPatientsCsv };
`,
            },
          ],
        },
      ],
    },
    // sheetjs
    {
      code: `import * as XLSX from 'xlsx';

export async function exportResultats(pool: Pool, file: string) {
  const { rows } = await pool.query('SELECT nom, resultat FROM patients p JOIN resultats r ON r.patient_id = p.id');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(rows), 'Resultats');
  XLSX.writeFile(wb, file);
  await mail(file);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import * as XLSX from 'xlsx';
import { rm } from 'node:fs/promises';

export async function exportResultats(pool: Pool, file: string) {
  const { rows } = await pool.query('SELECT nom, resultat FROM patients p JOIN resultats r ON r.patient_id = p.id');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(rows), 'Resultats');
  try {
    XLSX.writeFile(wb, file);
    await mail(file);
  } finally {
    await rm(file, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // exceljs
    {
      code: `import ExcelJS from 'exceljs';

export async function exportPatientSheet(patients: Patient[], file: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Patients');
  for (const patient of patients) sheet.addRow([patient.nom, patient.dateOfBirth]);
  await workbook.xlsx.writeFile(file);
  await upload(file);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import ExcelJS from 'exceljs';
import { rm } from 'node:fs/promises';

export async function exportPatientSheet(patients: Patient[], file: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Patients');
  for (const patient of patients) sheet.addRow([patient.nom, patient.dateOfBirth]);
  try {
    await workbook.xlsx.writeFile(file);
    await upload(file);
  } finally {
    await rm(file, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // archiver
    {
      code: `import archiver from 'archiver';
import { createWriteStream } from 'node:fs';

export async function archivePatients(patients: Patient[], zipPath: string) {
  const output = createWriteStream(zipPath);
  const archive = archiver('zip');
  archive.pipe(output);
  archive.append(JSON.stringify(patients), { name: 'patients.json' });
  await archive.finalize();
  await transfer(zipPath);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import archiver from 'archiver';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

export async function archivePatients(patients: Patient[], zipPath: string) {
  try {
    const output = createWriteStream(zipPath);
    const archive = archiver('zip');
    archive.pipe(output);
    archive.append(JSON.stringify(patients), { name: 'patients.json' });
    await archive.finalize();
    await transfer(zipPath);
  } finally {
    await rm(zipPath, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // adm-zip
    {
      code: `import AdmZip from 'adm-zip';

export function exportDossiersZip(dossiers: Dossier[], zipPath: string) {
  const zip = new AdmZip();
  zip.addFile('dossiers.json', Buffer.from(JSON.stringify(dossiers)));
  zip.writeZip(zipPath);
  send(zipPath);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import AdmZip from 'adm-zip';
import { rmSync } from 'node:fs';

export function exportDossiersZip(dossiers: Dossier[], zipPath: string) {
  const zip = new AdmZip();
  zip.addFile('dossiers.json', Buffer.from(JSON.stringify(dossiers)));
  try {
    zip.writeZip(zipPath);
    send(zipPath);
  } finally {
    rmSync(zipPath, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // fs-extra-outputJson
    {
      code: `import { outputJson } from 'fs-extra';

export async function migratePatients(patients: Patient[], dir: string) {
  await outputJson(\`\${dir}/patients.json\`, patients);
  await importIntoNewSystem(dir);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { outputJson } from 'fs-extra';
import { rm } from 'node:fs/promises';

export async function migratePatients(patients: Patient[], dir: string) {
  try {
    await outputJson(\`\${dir}/patients.json\`, patients);
    await importIntoNewSystem(dir);
  } finally {
    await rm(\`\${dir}/patients.json\`, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // fast-csv
    {
      code: `import { writeToPath } from 'fast-csv';

export function exportPrescriptions(prescriptions: Prescription[], path: string) {
  writeToPath(path, prescriptions);
}
`,
      errors: [
        { messageId: 'notDeleted', line: 4, column: 3, endLine: 4, endColumn: 35, suggestions: [] },
      ],
    },
    // return-pending-no-sugg
    {
      code: `import { writeFile } from 'node:fs/promises';

export async function extractResults(labResults: LabResult[], target: string) {
  await writeFile(target, JSON.stringify(labResults));
  return pushToPartner(target);
}
`,
      errors: [
        { messageId: 'notDeleted', line: 4, column: 9, endLine: 4, endColumn: 54, suggestions: [] },
      ],
    },
    // ctas
    {
      code: `export async function migrateViaStaging(pool: Pool) {
  await pool.query('CREATE TABLE staging_patients AS SELECT id, nom, nir FROM patients');
  await newLis.pull('staging_patients');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 89,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function migrateViaStaging(pool: Pool) {
  try {
    await pool.query('CREATE TABLE staging_patients AS SELECT id, nom, nir FROM patients');
    await newLis.pull('staging_patients');
  } finally {
    await pool.query('DROP TABLE IF EXISTS staging_patients');
  }
}
`,
            },
          ],
        },
      ],
    },
    // mssql `request.batch(sql)` runs SQL text (catalogue: sql-drivers).
    {
      code: `export async function exportToStaging(request: Request) {
  await request.batch('SELECT id, nom, date_naissance INTO staging_patients FROM patients');
  await request.batch('EXEC push_to_partner');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 92,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function exportToStaging(request: Request) {
  try {
    await request.batch('SELECT id, nom, date_naissance INTO staging_patients FROM patients');
    await request.batch('EXEC push_to_partner');
  } finally {
    await request.batch('DROP TABLE IF EXISTS staging_patients');
  }
}
`,
            },
          ],
        },
      ],
    },
    // oracledb `connection.executeMany(sql, binds)` runs SQL text (catalogue: sql-drivers).
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(oldPool: Pool, connection: Connection) {
  const { rows } = await oldPool.query('SELECT id, nom, nir FROM patients');
  await connection.executeMany('INSERT INTO patients (id, nom, nir) VALUES (:1, :2, :3)', rows);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: '`patients` via `connection`',
            source: '`patients` in `oldPool`',
          },
          line: 3,
          column: 9,
          suggestions: [],
        },
      ],
    },
    // select-into
    {
      code: `export async function exportToStaging(request: Request) {
  await request.query('SELECT id, nom, date_naissance INTO staging_patients FROM patients');
  await request.query('EXEC push_to_partner');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 92,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function exportToStaging(request: Request) {
  try {
    await request.query('SELECT id, nom, date_naissance INTO staging_patients FROM patients');
    await request.query('EXEC push_to_partner');
  } finally {
    await request.query('DROP TABLE IF EXISTS staging_patients');
  }
}
`,
            },
          ],
        },
      ],
    },
    // insert-select-created
    {
      code: `export async function transferResults(db: Db) {
  await db.query('CREATE UNLOGGED TABLE lis_handoff (id int, nom text)');
  await db.query('INSERT INTO lis_handoff SELECT id, nom FROM patients');
  await newLis.pull('lis_handoff');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function transferResults(db: Db) {
  await db.query('CREATE UNLOGGED TABLE lis_handoff (id int, nom text)');
  try {
    await db.query('INSERT INTO lis_handoff SELECT id, nom FROM patients');
    await newLis.pull('lis_handoff');
  } finally {
    await db.query('DROP TABLE IF EXISTS lis_handoff');
  }
}
`,
            },
          ],
        },
      ],
    },
    // tagged-sql
    {
      code: `export async function exporterDossiers(sql: Sql) {
  await sql\`CREATE TABLE export_dossiers AS SELECT * FROM dossiers\`;
  await nouveauSil.importer('export_dossiers');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function exporterDossiers(sql: Sql) {
  try {
    await sql\`CREATE TABLE export_dossiers AS SELECT * FROM dossiers\`;
    await nouveauSil.importer('export_dossiers');
  } finally {
    await sql\`DROP TABLE IF EXISTS export_dossiers\`;
  }
}
`,
            },
          ],
        },
      ],
    },
    // knex-raw-sync
    {
      code: `export function migrateLabResults(knex: Knex) {
  return knex.raw('CREATE TABLE tmp_lab_results AS SELECT * FROM patients');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 76,
          suggestions: [],
        },
      ],
    },
    // s3-v3
    {
      code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export async function exportPatientsToS3(patients: Patient[], key: string) {
  await s3.send(new PutObjectCommand({ Bucket: 'lis-migration-staging', Key: key, Body: JSON.stringify(patients) }));
  await notifyPartner(key);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 116,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { PutObjectCommand, S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export async function exportPatientsToS3(patients: Patient[], key: string) {
  try {
    await s3.send(new PutObjectCommand({ Bucket: 'lis-migration-staging', Key: key, Body: JSON.stringify(patients) }));
    await notifyPartner(key);
  } finally {
    await s3.send(new DeleteObjectCommand({ Bucket: 'lis-migration-staging', Key: key }));
  }
}
`,
            },
          ],
        },
      ],
    },
    // s3-v3-tmp-prefix
    {
      code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export async function transferDossier(s3: S3Client, dossier: Dossier) {
  const Key = \`tmp/\${dossier.id}.json\`;
  await s3.send(new PutObjectCommand({ Bucket: 'lis-data', Key, Body: JSON.stringify(dossier) }));
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { PutObjectCommand, S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';

export async function transferDossier(s3: S3Client, dossier: Dossier) {
  const Key = \`tmp/\${dossier.id}.json\`;
  try {
    await s3.send(new PutObjectCommand({ Bucket: 'lis-data', Key, Body: JSON.stringify(dossier) }));
  } finally {
    await s3.send(new DeleteObjectCommand({ Bucket: 'lis-data', Key }));
  }
}
`,
            },
          ],
        },
      ],
    },
    // s3-v2
    {
      code: `export async function exportPatientsV2(s3: AWS.S3, patients: Patient[]) {
  const key = 'exports/patients.json';
  await s3.putObject({ Bucket: 'transit-bucket', Key: key, Body: JSON.stringify(patients) }).promise();
  await partner.fetch(key);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 93,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function exportPatientsV2(s3: AWS.S3, patients: Patient[]) {
  const key = 'exports/patients.json';
  try {
    await s3.putObject({ Bucket: 'transit-bucket', Key: key, Body: JSON.stringify(patients) }).promise();
    await partner.fetch(key);
  } finally {
    await s3.deleteObject({ Bucket: 'transit-bucket', Key: key }).promise();
  }
}
`,
            },
          ],
        },
      ],
    },
    // lib-storage
    {
      code: `import { Upload } from '@aws-sdk/lib-storage';

export async function exportObservations(client: S3Client, patients: Patient[], key: string) {
  const upload = new Upload({ client, params: { Bucket: 'export-staging', Key: key, Body: JSON.stringify(patients) } });
  await upload.done();
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 120,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { Upload } from '@aws-sdk/lib-storage';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';

export async function exportObservations(client: S3Client, patients: Patient[], key: string) {
  try {
    const upload = new Upload({ client, params: { Bucket: 'export-staging', Key: key, Body: JSON.stringify(patients) } });
    await upload.done();
  } finally {
    await client.send(new DeleteObjectCommand({ Bucket: 'export-staging', Key: key }));
  }
}
`,
            },
          ],
        },
      ],
    },
    // gcs
    {
      code: `export async function exportPatientsGcs(storage: Storage, patients: Patient[]) {
  await storage.bucket('lis-exports').file('patients.json').save(JSON.stringify(patients));
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 91,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function exportPatientsGcs(storage: Storage, patients: Patient[]) {
  try {
    await storage.bucket('lis-exports').file('patients.json').save(JSON.stringify(patients));
  } finally {
    await storage.bucket('lis-exports').file('patients.json').delete({ ignoreNotFound: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // pg-dump
    {
      code: `import { spawn } from 'node:child_process';

export async function dumpForMigration(dumpFile: string) {
  const child = spawn('pg_dump', ['-t', 'patients', '-f', dumpFile]);
  await once(child, 'exit');
  await upload(dumpFile);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';

export async function dumpForMigration(dumpFile: string) {
  try {
    const child = spawn('pg_dump', ['-t', 'patients', '-f', dumpFile]);
    await once(child, 'exit');
    await upload(dumpFile);
  } finally {
    await rm(dumpFile, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // mysqldump
    {
      code: `import { execFileSync } from 'node:child_process';

export function backupPatients(file: string) {
  execFileSync('mysqldump', ['lis', 'patients', \`--result-file=\${file}\`]);
  ship(file);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export function backupPatients(file: string) {
  try {
    execFileSync('mysqldump', ['lis', 'patients', \`--result-file=\${file}\`]);
    ship(file);
  } finally {
    rmSync(file, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // exec-redirect
    {
      code: `import { execSync } from 'node:child_process';

export function migrationDump(dumpFile: string) {
  execSync(\`pg_dump sil > \${dumpFile}\`);
  ship(dumpFile);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export function migrationDump(dumpFile: string) {
  try {
    execSync(\`pg_dump sil > \${dumpFile}\`);
    ship(dumpFile);
  } finally {
    rmSync(dumpFile, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // dump-stdout-stream
    {
      code: `import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export async function dumpPatients(file: string) {
  const dump = spawn('pg_dump', ['-t', 'patients']);
  dump.stdout.pipe(createWriteStream(file));
  await once(dump, 'exit');
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

export async function dumpPatients(file: string) {
  const dump = spawn('pg_dump', ['-t', 'patients']);
  try {
    dump.stdout.pipe(createWriteStream(file));
    await once(dump, 'exit');
  } finally {
    await rm(file, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // only-one-deleted
    {
      code: `import { rm, writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], dir: string) {
  const csv = \`\${dir}/patients.csv\`;
  const json = \`\${dir}/patients.json\`;
  try {
    await writeFile(csv, patients.map((p) => p.nom).join('\\n'));
    await writeFile(json, JSON.stringify(patients));
    await send(dir);
  } finally {
    await rm(csv, { force: true });
  }
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { rm, writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], dir: string) {
  const csv = \`\${dir}/patients.csv\`;
  const json = \`\${dir}/patients.json\`;
  try {
    await writeFile(csv, patients.map((p) => p.nom).join('\\n'));
    try {
      await writeFile(json, JSON.stringify(patients));
      await send(dir);
    } finally {
      await rm(json, { force: true });
    }
  } finally {
    await rm(csv, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // delete-before-write
    {
      code: `import { rmSync, writeFileSync } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  rmSync(path, { force: true });
  writeFileSync(path, JSON.stringify(patients));
  send(path);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { rmSync, writeFileSync } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  rmSync(path, { force: true });
  try {
    writeFileSync(path, JSON.stringify(patients));
    send(path);
  } finally {
    rmSync(path, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // drop-other-table
    {
      code: `export async function migrateViaStaging(pool: Pool) {
  try {
    await pool.query('CREATE TABLE staging_patients AS SELECT id, nom FROM patients');
    await newLis.pull('staging_patients');
  } finally {
    await pool.query('DROP TABLE IF EXISTS staging_results');
  }
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `export async function migrateViaStaging(pool: Pool) {
  try {
    try {
      await pool.query('CREATE TABLE staging_patients AS SELECT id, nom FROM patients');
      await newLis.pull('staging_patients');
    } finally {
      await pool.query('DROP TABLE IF EXISTS staging_patients');
    }
  } finally {
    await pool.query('DROP TABLE IF EXISTS staging_results');
  }
}
`,
            },
          ],
        },
      ],
    },
    // uncalled-helper
    {
      code: `import { rm, writeFile } from 'node:fs/promises';

async function cleanup(path: string) {
  await rm(path, { force: true });
}

export async function exportPatients(patients: Patient[], path: string) {
  await writeFile(path, JSON.stringify(patients));
  await send(path);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { rm, writeFile } from 'node:fs/promises';

async function cleanup(path: string) {
  await rm(path, { force: true });
}

export async function exportPatients(patients: Patient[], path: string) {
  try {
    await writeFile(path, JSON.stringify(patients));
    await send(path);
  } finally {
    await rm(path, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // encrypted
    {
      code: `import { writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], path: string) {
  await writeFile(path, encrypt(JSON.stringify(patients)));
  await send(path);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { writeFile, rm } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], path: string) {
  try {
    await writeFile(path, encrypt(JSON.stringify(patients)));
    await send(path);
  } finally {
    await rm(path, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // strict-success-only
    {
      options: STRICT,
      code: `import { rm, writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], path: string) {
  await writeFile(path, JSON.stringify(patients));
  await send(path);
  await rm(path);
}
`,
      errors: [
        {
          messageId: 'deletedOnlyOnSuccess',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { rm, writeFile } from 'node:fs/promises';

export async function exportPatients(patients: Patient[], path: string) {
  try {
    await writeFile(path, JSON.stringify(patients));
    await send(path);
    await rm(path);
  } finally {
    await rm(path, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // strict-then
    {
      options: STRICT,
      code: `import { unlink, writeFile } from 'node:fs/promises';

export function exportPatients(patients: Patient[], path: string) {
  return writeFile(path, JSON.stringify(patients))
    .then(() => send(path))
    .then(() => unlink(path));
}
`,
      errors: [
        {
          messageId: 'deletedOnlyOnSuccess',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 51,
          suggestions: [],
        },
      ],
    },
    // strict-finish
    {
      options: STRICT,
      code: `import { createWriteStream, unlink } from 'node:fs';

export function exportPatients(patients: Patient[], path: string) {
  const out = createWriteStream(path);
  out.on('finish', () => send(path).then(() => unlink(path, () => {})));
  out.end(JSON.stringify(patients));
}
`,
      errors: [
        {
          messageId: 'deletedOnlyOnSuccess',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },
    // strict-source
    {
      options: STRICT,
      code: `export async function migratePatients(db: Db) {
  await db.query('INSERT INTO new_lis.patients (id, nom, nir) SELECT id, nom, nir FROM patients');
}
`,
      errors: [
        {
          messageId: 'sourceNotPurged',
          data: {
            routine: 'migratePatients',
            data: 'patient records from `patients`',
            where: 'table `new_lis.patients`',
          },
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 98,
          suggestions: [],
        },
      ],
    },
    // folder-context-class
    {
      filename: 'src/migration/job.ts',
      code: `import { writeFile } from 'node:fs/promises';

export class Job {
  async run(patients: Patient[]) {
    const path = '/srv/out/patients.json';
    await writeFile(path, JSON.stringify(patients));
    await this.push(path);
  }
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { writeFile, rm } from 'node:fs/promises';

export class Job {
  async run(patients: Patient[]) {
    const path = '/srv/out/patients.json';
    try {
      await writeFile(path, JSON.stringify(patients));
      await this.push(path);
    } finally {
      await rm(path, { force: true });
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    // top-level-script
    {
      filename: 'scripts/export-patients.mjs',
      code: `import { writeFileSync } from 'node:fs';

const patients = await db.query('SELECT nom, nir FROM patients');
writeFileSync('patients.json', JSON.stringify(patients.rows));
`,
      errors: [
        { messageId: 'notDeleted', line: 4, column: 1, endLine: 4, endColumn: 62, suggestions: [] },
      ],
    },
    // fr-transferer
    {
      code: `import { writeFile } from 'node:fs/promises';

export async function transfererResultats(pool: Pool, chemin: string) {
  const { rows: resultats } = await pool.query('SELECT nom, statut_vih FROM patients');
  await writeFile(chemin, JSON.stringify(resultats));
  await deposer(chemin);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { writeFile, rm } from 'node:fs/promises';

export async function transfererResultats(pool: Pool, chemin: string) {
  const { rows: resultats } = await pool.query('SELECT nom, statut_vih FROM patients');
  try {
    await writeFile(chemin, JSON.stringify(resultats));
    await deposer(chemin);
  } finally {
    await rm(chemin, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // tmp-no-cleanup
    {
      code: `import tmp from 'tmp';
import { writeFileSync } from 'node:fs';

export function exportPatients(patients: Patient[]) {
  const tmpobj = tmp.fileSync();
  writeFileSync(tmpobj.name, JSON.stringify(patients));
  send(tmpobj.name);
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import tmp from 'tmp';
import { writeFileSync, rmSync } from 'node:fs';

export function exportPatients(patients: Patient[]) {
  const tmpobj = tmp.fileSync();
  try {
    writeFileSync(tmpobj.name, JSON.stringify(patients));
    send(tmpobj.name);
  } finally {
    rmSync(tmpobj.name, { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // mkdtemp-other-dir
    {
      code: `import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function exportPatients(patients: Patient[], other: string) {
  const dir = await mkdtemp('/tmp/export-');
  await writeFile(join(dir, 'patients.json'), JSON.stringify(patients));
  await send(dir);
  await rm(other, { recursive: true, force: true });
}
`,
      errors: [
        {
          messageId: 'notDeleted',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 72,
          suggestions: [
            {
              messageId: 'deleteInFinally',
              output: `import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function exportPatients(patients: Patient[], other: string) {
  const dir = await mkdtemp('/tmp/export-');
  try {
    await writeFile(join(dir, 'patients.json'), JSON.stringify(patients));
    await send(dir);
    await rm(other, { recursive: true, force: true });
  } finally {
    await rm(join(dir, 'patients.json'), { force: true });
  }
}
`,
            },
          ],
        },
      ],
    },
    // bulk-prisma
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: '`target.patient`',
            source: '`patient` in `source`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 50,
          suggestions: [],
        },
      ],
    },
    // bulk-sequelize-fr
    {
      options: SOURCE_MIGRATION,
      code: `export async function migrerPatients() {
  const anciens = await AncienPatient.findAll({ raw: true });
  await NouveauPatient.bulkCreate(anciens);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migrerPatients',
            data: 'patient records',
            target: '`NouveauPatient`',
            source: '`AncienPatient`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 43,
          suggestions: [],
        },
      ],
    },
    // bulk-mongodb
    {
      options: SOURCE_MIGRATION,
      code: `export async function migrateDossiers(sourceDb: Db, targetDb: Db) {
  const docs = await sourceDb.collection('patients').find({}).toArray();
  await targetDb.collection('patients').insertMany(docs);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migrateDossiers',
            data: 'patient records',
            target: '`targetDb.collection…`',
            source: '`patients` in `sourceDb`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 57,
          suggestions: [],
        },
      ],
    },
    // bulk-knex-insert
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(sourceKnex: Knex, targetKnex: Knex) {
  const rows = await sourceKnex('patients').select('id', 'nom', 'nir');
  await targetKnex('patients').insert(rows);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: "`targetKnex('patient…`",
            source: '`patients` in `sourceKnex`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 44,
          suggestions: [],
        },
      ],
    },
    // bulk-knex-batch
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(sourceKnex: Knex, targetKnex: Knex) {
  const rows = await sourceKnex('patients').select('id', 'nom', 'nir');
  await targetKnex.batchInsert('patients', rows, 500);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: '`patients` via `targetKnex`',
            source: '`patients` in `sourceKnex`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 54,
          suggestions: [],
        },
      ],
    },
    // bulk-typeorm-aliases
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(source: DataSource, target: DataSource) {
  const legacyRepo = source.getRepository(Patient);
  const targetRepo = target.getRepository(Patient);
  const rows = await legacyRepo.find();
  await targetRepo.save(rows);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: '`targetRepo`',
            source: '`Patient` in `source`',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    // bulk-pg-format
    {
      options: SOURCE_MIGRATION,
      code: `import format from 'pg-format';

export async function migratePatients(oldPool: Pool, newPool: Pool) {
  const { rows } = await oldPool.query('SELECT id, nom, nir FROM patients');
  await newPool.query(
    format(
      'INSERT INTO patients (id, nom, nir) VALUES %L',
      rows.map((r) => [r.id, r.nom, r.nir]),
    ),
  );
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'name and 1 more',
            target: '`patients` via `newPool`',
            source: '`patients` in `oldPool`',
          },
          line: 5,
          column: 9,
          endLine: 10,
          endColumn: 4,
          suggestions: [],
        },
      ],
    },
    // bulk-mongo-two-databases
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(client: MongoClient) {
  const docs = await client.db('old_lis').collection('patients').find().toArray();
  await client.db('new_lis').collection('patients').insertMany(docs);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: "`client.db('new_lis'…`",
            source: "`patients` in `client.db('old_…`",
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 69,
          suggestions: [],
        },
      ],
    },
    // bulk-target-cleared-not-source
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(sourceKnex: Knex, targetKnex: Knex) {
  const rows = await sourceKnex('patients').select('id', 'nom', 'nir');
  await targetKnex('patients').del();
  await targetKnex('patients').insert(rows);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: "`targetKnex('patient…`",
            source: '`patients` in `sourceKnex`',
          },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 44,
          suggestions: [],
        },
      ],
    },
    // bulk-other-model-purged
    {
      options: SOURCE_MIGRATION,
      code: `export async function migratePatients(source: PrismaClient, target: PrismaClient) {
  const rows = await source.patient.findMany();
  await target.patient.createMany({ data: rows });
  await source.auditEntry.deleteMany();
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'migratePatients',
            data: 'patient records',
            target: '`target.patient`',
            source: '`patient` in `source`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 50,
          suggestions: [],
        },
      ],
    },
    // bulk-folder-context-sequelize-migration
    {
      options: SOURCE_MIGRATION,
      filename: 'src/migration/reprise.ts',
      code: `export async function up(queryInterface: QueryInterface, legacy: Sequelize) {
  const dossiers = await legacy.query('SELECT id, nom, nir FROM dossiers_patients', {
    type: QueryTypes.SELECT,
  });
  await queryInterface.bulkInsert('patients', dossiers);
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'up',
            data: 'patient records',
            target: '`patients` via `queryInterface`',
            source: '`dossiers_patients` in `legacy`',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 56,
          suggestions: [],
        },
      ],
    },
    // bulk-loop-insert-values
    {
      options: SOURCE_MIGRATION,
      code: `export async function transfererPatients(ancienPool: Pool, nouveauPool: Pool) {
  const { rows } = await ancienPool.query('SELECT id, nom, nir FROM patients');
  for (const p of rows) {
    await nouveauPool.query('INSERT INTO patients (id, nom, nir) VALUES ($1, $2, $3)', [
      p.id,
      p.nom,
      p.nir,
    ]);
  }
}
`,
      errors: [
        {
          messageId: 'sourceKeptAfterBulkCopy',
          data: {
            routine: 'transfererPatients',
            data: 'name and 1 more',
            target: '`patients` via `nouveauPool`',
            source: '`patients` in `ancienPool`',
          },
          line: 4,
          column: 11,
          endLine: 8,
          endColumn: 7,
          suggestions: [],
        },
      ],
    },
  ],
});
