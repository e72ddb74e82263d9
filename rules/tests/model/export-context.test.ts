import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../src/index';
import { classifierFor } from '../../src/model/classifier';
import { patientTable } from '../../src/model/patient-tables';
import { clearProjectGraphCache } from '../../src/model/project-graph';
import { defaultConfig } from '../../src/config/project-config';
import { lintWithPlugin } from './apis/lint-with-plugin';
import { probe } from './probe';

/** `rule line message` of each finding of the recommended preset. */
function findings(code: string, filename: string): string[] {
  return lintWithPlugin(code, { filename }).map(
    (m) => `${m.ruleId!.replace('health-data/', '')} ${m.line} ${m.message}`,
  );
}

const STAR_READ = "const rows = await pool.query('SELECT * FROM patients');";

/**
 * What makes code an export or a data migration (model/context.ts): the names around it, its
 * file and folders, and the package it belongs to — and what does not (a product's own sync, an
 * ORM's bulk operations, a schema migration of one database).
 */
describe('model/context: export and migration code', () => {
  it('names export routines, not a product synchronising its own servers or an ORM batch', () => {
    assert.equal(
      findings(`export async function exportPatients() { ${STAR_READ} }`, 'src/a.ts').length,
      1,
    );
    for (const name of [
      'syncPatients',
      'markForSync',
      'afterBulkUpdateHook',
      'synchronizationTask',
    ])
      assert.deepEqual(
        findings(`export async function ${name}() { ${STAR_READ} }`, 'src/a.ts'),
        [],
        name,
      );
    assert.deepEqual(
      findings(`export async function run() { ${STAR_READ} }`, 'src/sync/run.ts'),
      [],
    );
  });

  it('a schema migration (`up` and `down`) in a migrations folder moves no data out of its database', () => {
    const shapes = [
      `export async function up(q) { ${STAR_READ} }\nexport async function down(q) {}`,
      `exports.up = async (knex) => { ${STAR_READ} };\nexports.down = async () => {};`,
      `module.exports = { async up(q) { ${STAR_READ} }, async down() {} };`,
      `export class AddIndex1700000000000 { async up(queryRunner) { ${STAR_READ} } async down() {} }`,
    ];
    for (const code of shapes)
      assert.deepEqual(findings(code, 'src/migrations/1700000000000-add-index.ts'), [], code);
    // The same folder without the two steps: a data migration script.
    assert.equal(
      findings(`export async function run() { ${STAR_READ} }`, 'src/migrations/move-dossiers.ts')
        .length,
      1,
    );
  });

  it('a package that says it migrates or imports data makes each of its files migration code', () => {
    const root = mkdtempSync(join(tmpdir(), 'hdl-package-'));
    try {
      const lint = (description: string) => {
        clearProjectGraphCache();
        writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'tool', description }));
        mkdirSync(join(root, 'app'), { recursive: true });
        const linter = new Linter({ configType: 'flat', cwd: root });
        return linter
          .verify(
            'export async function fetchAddress(id: number) {\n  return CM.query(`select * from person_address where person_id = ${id}`);\n}',
            plugin.configs.recommended as Linter.Config[],
            { filename: join(root, 'app/load.ts') },
          )
          .map((m) => m.message);
      };
      assert.deepEqual(lint('Used to import data from one openmrs instance to another'), [
        '`*` reads all of `person_address` in a data migration package; list the requested fields.',
      ]);
      assert.deepEqual(lint('Patient portal of the lab'), []);
      // A migration mentioned further on is not what the package is for.
      assert.deepEqual(
        lint('Catches code patterns behind breaches (undeleted migration extracts, imports)'),
        [],
      );
    } finally {
      clearProjectGraphCache();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a function of the file that an export routine calls is part of the export', () => {
    const code = `async function fetchAddress(id: number) {
  return pool.query('SELECT * FROM patients WHERE id = $1', [id]);
}
export async function transferPatient(id: number) { return fetchAddress(id); }`;
    assert.deepEqual(findings(code, 'src/load.ts'), [
      'no-select-star-export 2 `*` reads all of `patients` called by the export `transferPatient`; list the requested fields.',
    ]);
    assert.deepEqual(findings(code.replace('transferPatient', 'showPatient'), 'src/load.ts'), []);
  });

  it("OpenMRS's person tables hold patient records; their `…_type` tables are reference data", () => {
    const classifier = classifierFor(defaultConfig());
    for (const table of ['person', 'person_name', 'person_address', 'person_attribute', 'obs'])
      assert.equal(patientTable(table, classifier), 'records', table);
    assert.equal(patientTable('person_attribute_type', classifier), undefined);
  });

  it('an export routine named for patient data exports it through its generic parameter', () => {
    const [exported, shaped, counted] = probe(`
export async function exportRecurrentPatients(data: Array<any>) { sink(data); }
export function formatPatient(data: any) { sink(data); }
export async function exportJobs(rows: unknown[]) { sink(rows); }`);
    assert.equal(exported?.description, 'patient record from `data` of `exportRecurrentPatients`');
    assert.equal(shaped?.description, null);
    assert.equal(counted?.description, null);
  });

  it('a call named like an export is an export sink only when the function writes somewhere', () => {
    const read = `const death = await PatientDeathData.findOne({ where: { patientId } });`;
    const shapes = findings(
      `function exportCause(cause) { return { id: cause.id, name: cause.name }; }
export async function handler(patientId) { ${read} return exportCause(death); }`,
      'src/routes/death.ts',
    );
    assert.deepEqual(shapes, []);
    const writes = findings(
      `import { writeFileSync } from 'node:fs';
function exportCause(cause) { writeFileSync('cause.json', JSON.stringify(cause)); }
export async function handler(patientId) { ${read} exportCause(death); }`,
      'src/routes/death.ts',
    );
    assert.ok(
      writes.some((f) => f.startsWith('no-select-star-export 3 ')),
      writes.join('\n'),
    );
  });
});

/**
 * A project helper that writes what it is given (`writeCsv(path, header, records)`) is a file
 * write and a staging for its callers, also as a whole CommonJS module (`module.exports = fn`).
 */
describe('model/migration: writes through a helper module', () => {
  it('reports the caller of a required helper module, for the write and for its deletion', () => {
    const root = mkdtempSync(join(tmpdir(), 'hdl-wrapper-'));
    try {
      clearProjectGraphCache();
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'matcher' }));
      mkdirSync(join(root, 'app/match'), { recursive: true });
      writeFileSync(
        join(root, 'app/write-csv.js'),
        `const createCsvWriter = require('csv-writer').createObjectCsvWriter;
module.exports = function (path, header, records) {
  return createCsvWriter({ path, header }).writeRecords(records);
};`,
      );
      const linter = new Linter({ configType: 'flat', cwd: root });
      const messages = linter.verify(
        `const writeCsv = require('../write-csv');
export async function exportRecurrentPatients(data: Array<any>) {
  const path = './metadata/possible-existing-patients.csv';
  await writeCsv(path, [{ id: 'names', title: 'Names' }], data);
}`,
        plugin.configs.recommended as Linter.Config[],
        { filename: join(root, 'app/match/export.ts') },
      );
      assert.deepEqual(messages.map((m) => `${m.ruleId} ${m.message}`).sort(), [
        'health-data/no-unencrypted-write `writeCsv()` writes `data` (patient record) to a file unencrypted.',
        'health-data/require-delete-after-migration `exportRecurrentPatients` stages patient record in file `path`, never deleted.',
      ]);
    } finally {
      clearProjectGraphCache();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
