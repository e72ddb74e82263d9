import assert from 'node:assert/strict';
import { classifierFor } from '../../src/model/classifier';
import {
  isPatientRecordsModel,
  isPatientRecordsTable,
  isReferenceTable,
  patientTable,
  specialColumns,
} from '../../src/model/patient-tables';
import { defaultConfig } from '../../src/config/project-config';
import type { TableSchema } from '../../src/model/schema';
import { probe } from './probe';
import { rulesReporting } from './apis/lint-with-plugin';

const classifier = classifierFor(defaultConfig());

describe('model/patient-tables', () => {
  it('reference data is never a patient table, whatever patient word it holds', () => {
    for (const name of ['patient_types', 'patient_status', 'diagnosis_codes', 'countries']) {
      assert.equal(isReferenceTable(name), true, name);
      assert.equal(patientTable(name, classifier), undefined, name);
    }
    assert.equal(isReferenceTable('patients'), false);
  });

  it('containers of patient data and strong health or national-id names hold records', () => {
    for (const name of ['patients', 'dossiers', 'public.patients', 'patients as p', 'diagnoses'])
      assert.equal(patientTable(name, classifier), 'records', name);
    assert.equal(patientTable('social_security_numbers', classifier), 'records');
  });

  it('ids of patients and a lab’s generic result words only relate to patient data', () => {
    assert.equal(patientTable('patient_ids', classifier), 'related');
    assert.equal(patientTable('resultats', classifier), 'related');
    assert.equal(isPatientRecordsTable('patient_ids', classifier), false);
  });

  it('a medical or clinical qualifier makes any table one about patients (medical_tests)', () => {
    for (const name of ['medical_tests', 'medical_conditions', 'clinical_notes'])
      assert.equal(patientTable(name, classifier), 'related', name);
    assert.equal(patientTable('medical', classifier), undefined);
    assert.equal(patientTable('medical_specialty_codes', classifier), undefined);
  });

  it('names with no patient data are no patient table', () => {
    for (const name of ['users', 'orders', '', 'sessions'])
      assert.equal(patientTable(name, classifier), undefined, name);
  });

  it('models are read without their suffix', () => {
    assert.equal(isPatientRecordsModel('PatientModel', classifier), true);
    assert.equal(isPatientRecordsModel('PatientTypeEntity', classifier), false);
  });

  it('special columns are health and national-id data', () => {
    const schema: TableSchema = {
      name: 'patients',
      aliases: [],
      columns: ['id', 'nom', 'nir', 'diagnosis', 'created_at'],
      source: 'this file',
      kind: 'sql',
    };
    assert.deepEqual(specialColumns(schema, classifier), ['nir', 'diagnosis']);
    assert.deepEqual(specialColumns(undefined, classifier), []);
  });

  it('provenance reads of reference tables carry no patient data', () => {
    const [types, patients] = probe(
      `async function f(pool) {
        sink(await pool.query('SELECT id, label FROM patient_types'));
        sink(await pool.query('SELECT id, nom FROM patients'));
      }`,
    );
    assert.equal(types!.description, null);
    assert.match(patients!.description!, /query of `patients`/);
  });

  it('every rule agrees: a dump of reference data is no patient extract', () => {
    const dump = (table: string) =>
      rulesReporting(
        `import { execSync } from 'node:child_process';
export function exportPatients() {
  execSync('pg_dump -t ${table} sil > /tmp/extract.sql');
}`,
        'src/migration/export.ts',
      );
    assert.deepEqual(dump('patient_types'), []);
    assert.deepEqual(dump('patients'), ['no-select-star-export', 'require-delete-after-migration']);
  });
});
