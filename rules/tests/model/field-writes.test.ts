import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import { classifierFor } from '../../src/model/classifier';
import {
  isEncryptedValue,
  ormFieldWrites,
  specialCategoryField,
  sqlFieldWrites,
  storedInClear,
} from '../../src/model/field-writes';
import { runProbeRule } from './probe';

interface Seen {
  field: string;
  value: string;
  at: string;
  sink: string;
  located: boolean;
  clear: boolean;
}

/** The fields each call of a snippet stores in the database, as text. */
function fieldWrites(code: string): Seen[] {
  const seen: Seen[] = [];
  runProbeRule(code, (context) => ({
    CallExpression(node) {
      const model = healthModel(context);
      const text = (n: TSESTree.Node) => context.sourceCode.getText(n);
      for (const write of [...ormFieldWrites(model, node), ...sqlFieldWrites(model, node)])
        seen.push({
          field: write.field,
          value: text(write.value),
          at: text(write.at),
          sink: write.sink,
          located: write.located,
          clear: storedInClear(model, write.value),
        });
    },
  }));
  return seen;
}

/** Whether the first argument of each `sink(x)` is encrypted. */
function encrypted(code: string): boolean[] {
  const seen: boolean[] = [];
  runProbeRule(code, (context) => ({
    CallExpression(node) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'sink')
        seen.push(isEncryptedValue(healthModel(context), node.arguments[0]!));
    },
  }));
  return seen;
}

describe('model: database field writes', () => {
  it('an ORM write stores the keys of the objects it creates or updates', () => {
    assert.deepEqual(
      fieldWrites(`export async function save(prisma, Patient, dto, id) {
  await prisma.patient.create({ data: { nom: dto.nom, nir: encrypt(dto.nir) } });
  await Patient.updateOne({ nir: dto.nir }, { $set: { vih: dto.vih } });
}`),
      [
        {
          field: 'nom',
          value: 'dto.nom',
          at: 'nom: dto.nom',
          sink: 'create',
          located: true,
          clear: true,
        },
        {
          field: 'nir',
          value: 'encrypt(dto.nir)',
          at: 'nir: encrypt(dto.nir)',
          sink: 'create',
          located: true,
          clear: false,
        },
        {
          field: 'vih',
          value: 'dto.vih',
          at: 'vih: dto.vih',
          sink: 'updateOne',
          located: true,
          clear: true,
        },
      ],
    );
  });

  it('an INSERT stores the parameters of its columns; SQL literals and functions are not values', () => {
    assert.deepEqual(
      fieldWrites(`export async function save(pool, p) {
  await pool.query('INSERT INTO patients (nom, nir, vih) VALUES ($1, pgp_sym_encrypt($2, k), :vih)', [p.nom, p.nir]);
}`),
      [
        { field: 'nom', value: 'p.nom', at: 'p.nom', sink: 'query', located: true, clear: true },
        {
          field: 'vih',
          value: "'INSERT INTO patients (nom, nir, vih) VALUES ($1, pgp_sym_encrypt($2, k), :vih)'",
          at: "'INSERT INTO patients (nom, nir, vih) VALUES ($1, pgp_sym_encrypt($2, k), :vih)'",
          sink: 'query',
          located: false,
          clear: true,
        },
      ],
    );
  });

  it('special-category fields are national identifiers and strong health terms', () => {
    const classifier = classifierFor();
    assert.equal(specialCategoryField(classifier, 'nir')?.category, 'nationalId');
    assert.equal(specialCategoryField(classifier, 'statut_vih')?.category, 'health');
    assert.equal(specialCategoryField(classifier, 'nom'), undefined);
    assert.equal(specialCategoryField(classifier, 'patientId'), undefined);
  });

  it('a value is encrypted when an encryption function made it, by the model’s one word list', () => {
    assert.deepEqual(
      encrypted(`sink(encryptField(x));
sink(await kms.seal(x));
sink(envelopeEncryption(x));
sink(chiffrer(x));
sink(decrypt(x));
sink(x);`),
      [true, true, true, true, false, false],
    );
  });
});
