import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { clearSchemaCache, projectSchemas, sqlSchemas } from '../../src/model/schema';
import rule from '../../src/rules/no-select-star-export';
import { createRuleTester } from '../rule-tester';

const FIXTURES = join(__dirname, '..', 'fixtures', 'no-select-star-export');

/**
 * Test files live in fixture projects: `empty` declares no schema (placeholder fixes), `lis`
 * declares its tables in SQL, Prisma, Sequelize, TypeORM, knex and Mongoose files.
 */
function at(project: 'empty' | 'lis', path: string): string {
  return join(FIXTURES, project, path);
}

const STRICT = [{ reportOutsideExportContext: true }] as const;

const valid = [
  {
    code: `export async function exportPatients() { return pool.query('SELECT id, nom, prenom FROM patients'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return pool.query('SELECT COUNT(*) FROM patients'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return pool.query('SELECT id FROM dossiers d WHERE EXISTS (SELECT * FROM prelevements p WHERE p.dossier_id = d.id)'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return pool.query('SELECT id FROM patients WHERE id IN (SELECT * FROM cohort)'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return pool.query("SELECT id, nom FROM patients -- SELECT * FROM patients"); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return pool.query("SELECT id, '*' AS marker, nom FROM patients"); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return pool.query(\`WITH recent AS (SELECT * FROM patients WHERE created_at > now() - interval '1 day') SELECT id, nom FROM recent\`); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return pool.query('SELECT * FROM (SELECT id, nom FROM patients) t'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPays() { return pool.query('SELECT * FROM pays'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportCountries() { return pool.query('SELECT * FROM countries'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportSettings() { return pool.query('SELECT * FROM patient_types'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportCatalogue() { return pool.query('SELECT * FROM catalogue_analyses'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportAll() { return pool.query('SELECT p.id, c.* FROM patients p JOIN countries c ON c.code = p.pays'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { await pool.query('INSERT INTO archive_patients (id, nom) SELECT id, nom FROM patients'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { await pool.query('DELETE FROM staging_patients'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function getPatient(id: string) { return pool.query('SELECT * FROM patients WHERE id = $1', [id]); }`,
    filename: at('empty', 'src/api/patients.ts'),
  },
  {
    code: `const ALL = 'SELECT * FROM patients';
export async function list() { return db.any(ALL); }`,
    filename: at('empty', 'src/api/patients.ts'),
  },
  {
    code: 'export async function show(id: string) { return Patient.findAll({ where: { id } }); }',
    filename: at('empty', 'src/api/patients.ts'),
    options: STRICT,
  },
  {
    code: `export function exportPatients() { console.log('SELECT * FROM patients'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export function exportPatients() { throw new Error('SELECT * FROM patients is forbidden'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return knex('patients').select('id', 'nom').where('lab', 1); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return knex('patients').count('id'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return knex('patients').insert(rows); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return knex('patients').where('id', 1).del(); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return knex('patients').pluck('id'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return db.select({ id: patients.id }).from(patients); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return knex.select('p.id', 'p.nom').from('patients as p'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return Patient.findAll({ attributes: ['id', 'nom'], where: { lab: 1 } }); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return Patient.findAll({ attributes: { exclude: ['nir'] } }); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return prisma.patient.findMany({ select: { id: true, nom: true } }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return prisma.patient.findMany({ omit: { nir: true } }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportResultats() { return prisma.resultat.findMany({ include: { patient: { select: { id: true } } } }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return PatientModel.find({ lab: 1 }, { nom: 1, prenom: 1 }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return PatientModel.find({ lab: 1 }).select('nom prenom').lean(); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return db.collection('patients').find({}, { projection: { nom: 1 } }).toArray(); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return PatientModel.countDocuments({ lab: 1 }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return patients.find((p) => p.id === id); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return repo.find({ where: { lab: 1 }, select: { id: true } }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { return dataSource.getRepository(Patient).createQueryBuilder('p').select(['p.id', 'p.nom']).getMany(); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportUsers() { return User.findAll({ where: { active: true } }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return db.query.patients.findMany({ columns: { id: true } }); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `import { spawn } from 'node:child_process';
export function exportReferentiels() { spawn('pg_dump', ['-t', 'catalogue_analyses', '-t', 'unites_mesure', '-f', 'ref.sql']); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `import { spawn } from 'node:child_process';
export function exportSchema() { spawn('pg_dump', ['--schema-only', '-t', 'patients']); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `import { execSync } from 'node:child_process';
export function backupAll() { execSync('pg_dump -Fc lis -f /backups/lis.dump'); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export async function exportPatients() { await client.query(copyTo('COPY patients (id, nom) TO STDOUT WITH CSV')); }`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: `export const help = 'Select * from the menu to export patients';`,
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return pool.query(); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
  {
    code: 'export async function exportPatients() { return Patient.findAll(options); }',
    filename: at('empty', 'src/export/export-patients.ts'),
  },
];

const invalid = [
  {
    // A file saved with CRLF line ends: the template's value has LF only, the source CRLF.
    code: 'export async function exportPatients(db) {\r\n  const rows = await db.query(`\r\n    SELECT *\r\n    FROM patients`);\r\n  return rows;\r\n}',
    filename: at('empty', 'migration/export.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 12,
        endLine: 3,
        endColumn: 13,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output:
              'export async function exportPatients(db) {\r\n  const rows = await db.query(`\r\n    SELECT id /* list the requested columns */\r\n    FROM patients`);\r\n  return rows;\r\n}',
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('SELECT * FROM patients WHERE lab = $1', [1]);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('SELECT id /* list the requested columns */ FROM patients WHERE lab = $1', [1]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('select * from PATIENTS');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('select id /* list the requested columns */ from PATIENTS');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function extrairePatients() {
  return pool.query(\`
    SELECT *
      FROM patients
     WHERE lab = $1\`, [1]);
}`,
    filename: at('empty', 'src/jobs/run.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 12,
        endLine: 3,
        endColumn: 13,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `async function extrairePatients() {
  return pool.query(\`
    SELECT id /* list the requested columns */
      FROM patients
     WHERE lab = $1\`, [1]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('SELECT p.*, r.valeur FROM patients p JOIN resultats r ON r.patient_id = p.id');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('SELECT p.id /* list the requested columns */, r.valeur FROM patients p JOIN resultats r ON r.patient_id = p.id');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('SELECT /* every column */ * FROM dossiers');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 48,
        endLine: 2,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('SELECT /* every column */ id /* list the requested columns */ FROM dossiers');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('SELECT * FROM (SELECT * FROM patients) t');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('SELECT id /* list the requested columns */ FROM (SELECT * FROM patients) t');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('WITH p AS (SELECT * FROM patients) SELECT * FROM p');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 64,
        endLine: 2,
        endColumn: 65,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('WITH p AS (SELECT * FROM patients) SELECT id /* list the requested columns */ FROM p');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('SELECT * FROM patients WHERE EXISTS (SELECT * FROM resultats r WHERE r.patient_id = patients.id)');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('SELECT id /* list the requested columns */ FROM patients WHERE EXISTS (SELECT * FROM resultats r WHERE r.patient_id = patients.id)');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const EXPORT_SQL = 'SELECT * ' + 'FROM patients ' + 'WHERE lab = $1';
export async function exportPatients() {
  return pool.query(EXPORT_SQL, [1]);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 1,
        column: 28,
        endLine: 1,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `const EXPORT_SQL = 'SELECT id /* list the requested columns */ ' + 'FROM patients ' + 'WHERE lab = $1';
export async function exportPatients() {
  return pool.query(EXPORT_SQL, [1]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const TABLE = 'patients';
export async function exportPatients() {
  return pool.query(\`SELECT * FROM \${TABLE}\`);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 29,
        endLine: 3,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `const TABLE = 'patients';
export async function exportPatients() {
  return pool.query(\`SELECT id /* list the requested columns */ FROM \${TABLE}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients(lab: number) {
  return sql\`SELECT * FROM patients WHERE lab = \${lab}\`;
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 21,
        endLine: 2,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients(lab: number) {
  return sql\`SELECT id /* list the requested columns */ FROM patients WHERE lab = \${lab}\`;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return prisma.$queryRaw\`SELECT * FROM "patients"\`;
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 34,
        endLine: 2,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return prisma.$queryRaw\`SELECT id /* list the requested columns */ FROM "patients"\`;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return knex.raw('SELECT * FROM patients');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 27,
        endLine: 2,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return knex.raw('SELECT id /* list the requested columns */ FROM patients');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return sequelize.query(['SELECT *', 'FROM dossiers'].join(' '));
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 35,
        endLine: 2,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return sequelize.query(['SELECT id /* list the requested columns */', 'FROM dossiers'].join(' '));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query({ text: 'SELECT * FROM patients', values: [] });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 37,
        endLine: 2,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query({ text: 'SELECT id /* list the requested columns */ FROM patients', values: [] });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function migrer() {
  await pool.query('CREATE TABLE staging_patients AS SELECT * FROM patients');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 61,
        endLine: 2,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function migrer() {
  await pool.query('CREATE TABLE staging_patients AS SELECT id /* list the requested columns */ FROM patients');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function migrer() {
  await pool.query('INSERT INTO archive_patients SELECT * FROM patients');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 57,
        endLine: 2,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function migrer() {
  await pool.query('INSERT INTO archive_patients SELECT id /* list the requested columns */ FROM patients');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  await client.query(copyTo('COPY patients TO STDOUT WITH CSV'));
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 35,
        endLine: 2,
        endColumn: 43,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  await client.query(copyTo('COPY patients (id /* list the requested columns */) TO STDOUT WITH CSV'));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('COPY (SELECT * FROM dossiers) TO STDOUT');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 35,
        endLine: 2,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function exportPatients() {
  return pool.query('COPY (SELECT id /* list the requested columns */ FROM dossiers) TO STDOUT');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class PatientExporter {
  run() {
    return pool.query('SELECT * FROM patients');
  }
}`,
    filename: at('empty', 'src/api/jobs.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 31,
        endLine: 3,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export class PatientExporter {
  run() {
    return pool.query('SELECT id /* list the requested columns */ FROM patients');
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function run() {
  return pool.query('SELECT * FROM patients');
}`,
    filename: at('empty', 'src/jobs/export-patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function run() {
  return pool.query('SELECT id /* list the requested columns */ FROM patients');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function run() {
  return pool.query('SELECT * FROM patients');
}`,
    filename: at('empty', 'src/migration/run.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function run() {
  return pool.query('SELECT id /* list the requested columns */ FROM patients');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'node:fs';
export async function nightly() {
  const { rows } = await pool.query('SELECT * FROM patients');
  writeFileSync('/tmp/p.json', JSON.stringify(rows));
}`,
    filename: at('empty', 'src/jobs/nightly.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 45,
        endLine: 3,
        endColumn: 46,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `import { writeFileSync } from 'node:fs';
export async function nightly() {
  const { rows } = await pool.query('SELECT id /* list the requested columns */ FROM patients');
  writeFileSync('/tmp/p.json', JSON.stringify(rows));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function getPatient(id: string) {
  return pool.query('SELECT * FROM patients WHERE id = $1', [id]);
}`,
    filename: at('empty', 'src/api/patients.ts'),
    options: STRICT,
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listPlaceholder',
            output: `export async function getPatient(id: string) {
  return pool.query('SELECT id /* list the requested columns */ FROM patients WHERE id = $1', [id]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function list() {
  return knex('patients').select('*');
}`,
    filename: at('empty', 'src/api/patients.ts'),
    options: STRICT,
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 34,
        endLine: 2,
        endColumn: 37,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function list() {
  return knex('patients').select('id' /* list the requested columns */);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return knex('patients').where('lab', 1);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 26,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return knex('patients').select('id' /* list the requested columns */).where('lab', 1);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return knex('patients').select('*').where('lab', 1);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 34,
        endLine: 2,
        endColumn: 37,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return knex('patients').select('id' /* list the requested columns */).where('lab', 1);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return knex.select().from('dossiers');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return knex.select('id' /* list the requested columns */).from('dossiers');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return db.select().from(patients);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return db.select({ id: patients.id }).from(patients);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return knex('patients').first();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 26,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return knex('patients').select('id' /* list the requested columns */).first();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return Patient.findAll({ where: { lab: 1 } });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return Patient.findAll({ attributes: ['id' /* list the requested columns */], where: { lab: 1 } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return Patient.findAll();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 27,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return Patient.findAll({ attributes: ['id' /* list the requested columns */] });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return Patient.findAndCountAll({
    where: { lab: 1 },
  });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 4,
        endColumn: 5,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return Patient.findAndCountAll({
    attributes: ['id' /* list the requested columns */],
    where: { lab: 1 },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatient(id: number) {
  return Patient.findByPk(id);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatient(id: number) {
  return Patient.findByPk(id, { attributes: ['id' /* list the requested columns */] });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return prisma.patient.findMany({ where: { lab: 1 } });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 56,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return prisma.patient.findMany({ select: { id: true /* list the requested columns */ }, where: { lab: 1 } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return prisma.patient.findMany();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return prisma.patient.findMany({ select: { id: true /* list the requested columns */ } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportResultats() {
  return prisma.resultat.findMany({ include: { patient: true } });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 48,
        endLine: 2,
        endColumn: 61,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportResultats() {
  return prisma.resultat.findMany({ include: { patient: { select: { id: true } } } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return PatientModel.find({ lab: 1 }).lean();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return PatientModel.find({ lab: 1 }, { _id: 1 }).lean();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return db.collection('patients').find({ lab: 1 }).toArray();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return db.collection('patients').find({ lab: 1 }, { projection: { _id: 1 } }).toArray();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatient(id: string) {
  return PatientModel.findById(id);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatient(id: string) {
  return PatientModel.findById(id, { _id: 1 });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return this.patientRepository.find({ where: { lab: 1 } });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 60,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return this.patientRepository.find({ select: { id: true /* list the requested columns */ }, where: { lab: 1 } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return patientRepository.findBy({ lab: 1 });
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 46,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return patientRepository.find({ where: { lab: 1 }, select: { id: true } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return dataSource.getRepository(Patient).createQueryBuilder('p').where('p.lab = 1').getMany();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 67,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return db.query.patients.findMany();
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'addPlaceholderProjection',
            output: `export async function exportPatients() {
  return db.query.patients.findMany({ columns: { id: true /* list the requested columns */ } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { spawn } from 'node:child_process';
export function sauvegarde() {
  spawn('pg_dump', ['-t', 'patients', '-f', 'p.sql']);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      { messageId: 'dumpTable', line: 3, column: 27, endLine: 3, endColumn: 37, suggestions: [] },
    ],
  },
  {
    code: `import { execSync } from 'node:child_process';
export function sauvegarde() {
  execSync('mysqldump -u lis lisdb dossiers > dossiers.sql');
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      { messageId: 'dumpTable', line: 3, column: 12, endLine: 3, endColumn: 60, suggestions: [] },
    ],
  },
  {
    // mongodump of a collection, a dump tool the migration rule knows too
    code: `import { spawn } from 'node:child_process';
export function sauvegarde(dir: string) {
  spawn('mongodump', ['--db', 'lis', '-c', 'patients', '--out', dir]);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      { messageId: 'dumpTable', line: 3, column: 44, endLine: 3, endColumn: 54, suggestions: [] },
    ],
  },
  {
    code: `import { execFile } from 'node:child_process';
export function sauvegarde() {
  execFile('/usr/bin/pg_dump', ['--table=prelevements', 'lis']);
}`,
    filename: at('empty', 'src/export/export-patients.ts'),
    errors: [
      { messageId: 'dumpTable', line: 3, column: 33, endLine: 3, endColumn: 55, suggestions: [] },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query('SELECT * FROM patients WHERE lab = $1', [1]);
}`,
    filename: at('lis', 'src/export/patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listColumns',
            output: `export async function exportPatients() {
  return pool.query('SELECT id, nom, prenom, date_naissance /* , statut_vih, nir, groupe_sanguin */ FROM patients WHERE lab = $1', [1]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return pool.query(\`
    SELECT p.*
      FROM patients p
  \`);
}`,
    filename: at('lis', 'src/export/patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 12,
        endLine: 3,
        endColumn: 15,
        suggestions: [
          {
            messageId: 'listColumns',
            output: `export async function exportPatients() {
  return pool.query(\`
    SELECT p.id, p.nom, p.prenom, p.date_naissance
      -- , p.statut_vih, p.nir, p.groupe_sanguin
      FROM patients p
  \`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  return prisma.patient.findMany({ where: { lab: 1 } });
}`,
    filename: at('lis', 'src/export/patients.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 56,
        suggestions: [
          {
            messageId: 'addProjection',
            output: `export async function exportPatients() {
  return prisma.patient.findMany({ select: { id: true, nom: true, prenom: true /* , nir: true, hivStatus: true */ }, where: { lab: 1 } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportDossiers() {
  return Dossier.findAll({
    where: { lab: 1 },
  });
}`,
    filename: at('lis', 'src/export/dossiers.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 4,
        endColumn: 5,
        suggestions: [
          {
            messageId: 'addProjection',
            output: `export async function exportDossiers() {
  return Dossier.findAll({
    attributes: ['id', 'numero', 'nom' /* , 'diagnostic', 'grossesse' */],
    where: { lab: 1 },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPrelevements() {
  return prelevementRepository.findBy({ lab: 1 });
}`,
    filename: at('lis', 'src/export/prelevements.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 50,
        suggestions: [
          {
            messageId: 'addProjection',
            output: `export async function exportPrelevements() {
  return prelevementRepository.find({ where: { lab: 1 }, select: { id: true /* , codeAnalyse: true, serologie: true */ } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportComptesRendus() {
  return knex('comptes_rendus').where('patient_id', 1);
}`,
    filename: at('lis', 'src/export/cr.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'addProjection',
            output: `export async function exportComptesRendus() {
  return knex('comptes_rendus').select('id', 'patient_id', 'conclusion', 'created_at', 'updated_at' /* , 'genetique' */).where('patient_id', 1);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportConsultations() {
  return ConsultationModel.find({ lab: 1 });
}`,
    filename: at('lis', 'src/export/consultations.ts'),
    errors: [
      {
        messageId: 'unprojectedRead',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'addProjection',
            output: `export async function exportConsultations() {
  return ConsultationModel.find({ lab: 1 }, { _id: 1, patientNom: 1, motif: 1 /* , diagnostic: 1 */ });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function exportPatients() {
  await pool.query('COPY patients TO STDOUT');
}`,
    filename: at('lis', 'src/export/patients.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 2,
        column: 26,
        endLine: 2,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'listColumns',
            output: `export async function exportPatients() {
  await pool.query('COPY patients (id, nom, prenom, date_naissance /* , statut_vih, nir, groupe_sanguin */) TO STDOUT');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `await pool.query('CREATE TABLE labo_patients (id int, nom text, statut_vih text)');
export async function exportPatients() {
  return pool.query('SELECT * FROM labo_patients');
}`,
    filename: at('empty', 'src/export/local.ts'),
    errors: [
      {
        messageId: 'selectStar',
        line: 3,
        column: 29,
        endLine: 3,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'listColumns',
            output: `await pool.query('CREATE TABLE labo_patients (id int, nom text, statut_vih text)');
export async function exportPatients() {
  return pool.query('SELECT id, nom /* , statut_vih */ FROM labo_patients');
}`,
          },
        ],
      },
    ],
  },
];

// The fixture projects lie in this repository's tests/ folder, which the rule skips as test code
// (the last cases check that): the cases lint them as the projects they stand for.
const AS_PROJECT = { healthData: { testCode: { conventions: false } } };

const ruleTester = createRuleTester();
ruleTester.run('no-select-star-export', rule, {
  valid: [
    ...valid.map((c) => ({
      settings: AS_PROJECT,
      ...c,
      options: 'options' in c ? [...STRICT] : [],
    })),
    // Tests read back the rows they wrote: no export however they are named.
    {
      code: "export async function exportPatients() { return pool.query('SELECT * FROM patients'); }",
      filename: 'src/export/patients.test.ts',
      options: [],
    },
    {
      code: "it('exports the patients', async () => { await Patient.findAll(); });",
      filename: '__tests__/export.ts',
      options: [],
    },
  ],
  invalid: [
    ...invalid.map((c) => ({
      settings: AS_PROJECT,
      ...c,
      options: 'options' in c ? [...STRICT] : [],
    })),
  ],
} as never);

function lint(code: string, filename: string, settings = AS_PROJECT): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as never, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { hd: { rules: { 'no-select-star-export': rule as never } } },
        rules: { 'hd/no-select-star-export': 'error' },
        settings,
      },
    ],
    filename,
  );
}

describe('no-select-star-export in test code', () => {
  const code =
    "export async function exportPatients() { return pool.query('SELECT * FROM patients'); }";
  it('reports the read outside test code and not in a test file of the same project', () => {
    assert.equal(lint(code, 'src/export/patients.ts', {} as never).length, 1);
    assert.equal(lint(code, 'src/export/patients.test.ts', {} as never).length, 0);
  });
});

describe('no-select-star-export messages', () => {
  it('names the table and the first special-category columns the star pulls, in one short sentence', () => {
    const [message] = lint(
      "export async function exportPatients() { return pool.query('SELECT * FROM patients'); }",
      at('lis', 'src/export/patients.ts'),
    );
    assert.equal(
      message?.message,
      '`*` reads all of `patients` (statut_vih, nir, …) in an export; list the requested fields.',
    );
  });

  it('says where the rows go when only a sink makes the read an export', () => {
    const [message] = lint(
      "import { writeFile } from 'node:fs/promises';\nexport async function nightly() {\n  const rows = await Patient.findAll();\n  await writeFile('p.json', JSON.stringify(rows));\n}",
      at('empty', 'src/jobs/nightly.ts'),
    );
    assert.match(message?.message ?? '', /and its rows reach `writeFile`;/);
  });

  it('follows rows into an ExcelJS sheet, a sink of the spreadsheet catalogue', () => {
    const [message] = lint(
      "import ExcelJS from 'exceljs';\nexport async function nightly() {\n  const rows = await Patient.findAll();\n  const sheet = new ExcelJS.Workbook().addWorksheet('patients');\n  sheet.addRows(rows);\n}",
      at('empty', 'src/jobs/nightly.ts'),
    );
    assert.match(message?.message ?? '', /and its rows reach `addRows`;/);
  });
});

describe('schema discovery (model/schema.ts)', () => {
  afterEach(() => clearSchemaCache());

  it('finds tables declared in SQL, Prisma, Sequelize, TypeORM, knex and Mongoose files', () => {
    const index = projectSchemas(at('lis', 'src/export/patients.ts'));
    assert.deepEqual(index.lookup('patients', ['sql'])?.columns, [
      'statut_vih',
      'id',
      'nom',
      'prenom',
      'date_naissance',
      'nir',
      'groupe_sanguin',
    ]);
    assert.deepEqual(index.lookup('Patient', ['prisma'])?.columns, [
      'id',
      'nom',
      'prenom',
      'nir',
      'hivStatus',
    ]);
    assert.equal(index.lookup('dossiers', ['sequelize'])?.name, 'Dossier');
    assert.deepEqual(index.lookup('prelevementRepository', ['typeorm'])?.columns, [
      'id',
      'codeAnalyse',
      'serologie',
    ]);
    assert.deepEqual(index.lookup('comptes_rendus')?.columns, [
      'id',
      'patient_id',
      'conclusion',
      'genetique',
      'created_at',
      'updated_at',
    ]);
    assert.equal(index.lookup('ConsultationModel', ['mongoose'])?.kind, 'mongoose');
  });

  it('skips build and coverage folders', () => {
    const index = projectSchemas(at('lis', 'src/export/patients.ts'));
    assert.equal(index.lookup('consultations', ['sql']), undefined);
  });

  it('reads the columns of CREATE TABLE without constraints and with ALTER TABLE additions', () => {
    const [table] = sqlSchemas(
      'CREATE TABLE lab.patients (id int PRIMARY KEY, "nom" text, PRIMARY KEY (id), CHECK (id > 0));\nALTER TABLE lab.patients ADD COLUMN IF NOT EXISTS hiv_status text;',
      'x.sql',
    );
    assert.deepEqual(table?.columns, ['id', 'nom', 'hiv_status']);
    assert.deepEqual(table?.aliases, ['lab.patients']);
  });

  it('sees a changed schema file after its mtime changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'hdl-schema-'));
    try {
      writeFileSync(join(root, 'package.json'), '{}');
      const sql = join(root, 'schema.sql');
      writeFileSync(sql, 'CREATE TABLE patients (id int, nom text);');
      const file = join(root, 'export.ts');
      assert.deepEqual(projectSchemas(file, 1_000).lookup('patients')?.columns, ['id', 'nom']);
      writeFileSync(sql, 'CREATE TABLE patients (id int, nom text, nir text);');
      utimesSync(sql, new Date(), new Date(Date.now() + 5_000));
      // Within the revalidation window the cached index is served as is.
      assert.deepEqual(projectSchemas(file, 1_500).lookup('patients')?.columns, ['id', 'nom']);
      assert.deepEqual(projectSchemas(file, 10_000).lookup('patients')?.columns, [
        'id',
        'nom',
        'nir',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
