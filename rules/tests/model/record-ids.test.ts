import assert from 'node:assert/strict';
import { healthModel } from '../../src/model';
import { recordIdOf } from '../../src/model/record-ids';
import { runProbeRule } from './probe';

/** `<record>.id` and its key for the first argument of each `sink(x)`, or null. */
function ids(code: string): (string | null)[] {
  const seen: (string | null)[] = [];
  runProbeRule(code, (context) => ({
    CallExpression(call) {
      if (call.callee.type !== 'Identifier' || call.callee.name !== 'sink') return;
      const id = recordIdOf(healthModel(context), call.arguments[0]!);
      seen.push(id ? `${context.sourceCode.getText(id.record)}.id as ${id.key}` : null);
    },
  }));
  return seen;
}

describe('model: record ids', () => {
  it('one patient record, or a field of it, stands by the record’s id', () => {
    assert.deepEqual(
      ids(`function f(patient, source, dossier) {
  sink(patient);
  sink(patient.nir);
  sink(source.dossier);
}`),
      ['patient.id as patientId', 'patient.id as patientId', 'source.dossier.id as dossierId'],
    );
  });

  it('collections and names that are not patient data have no record id', () => {
    assert.deepEqual(
      ids(`function f(patients, rows, invoice) {
  sink(patients);
  sink(rows);
  sink(invoice);
}`),
      [null, null, null],
    );
  });

  it('an object literal or declared type without an id member has none to offer', () => {
    assert.deepEqual(
      ids(`const patient = { nom: 'x' };
sink(patient);
function g(dossier: { nom: string }) {
  sink(dossier);
}
function h(dossier: { id: string; nom: string }) {
  sink(dossier);
}`),
      [null, null, 'dossier.id as dossierId'],
    );
  });
});
