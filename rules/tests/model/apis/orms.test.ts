import assert from 'node:assert/strict';
import {
  DOCUMENT_READS,
  PRISMA,
  RECORD_DELETES,
  RECORD_LOOKUP_METHODS,
  RECORD_WRITES,
  ROW_READ_METHODS,
  SEQUELIZE_READS,
  TYPEORM,
} from '../../../src/model/apis';
import { probe } from '../probe';
import { lintWithPlugin } from './lint-with-plugin';

/**
 * The ORMs family (query builders, ORMs, document stores) is read by the patient-read analysis and
 * by every rule that sees records read, stored or removed through a model: a read in it is a
 * source of patient data and an unprojected extract, a write a bulk copy and a field stored in
 * clear, a removal the purge of a copied source.
 */

/** `rule messageId` of every finding, of the rules named in `only` when given. */
function findings(
  code: string,
  preset: 'recommended' | 'strict' = 'recommended',
  only?: string,
): string[] {
  const messages = lintWithPlugin(code, { preset }).filter(
    (m) => !only || m.ruleId === `health-data/${only}`,
  );
  return [
    ...new Set(messages.map((m) => `${m.ruleId!.replace('health-data/', '')} ${m.messageId}`)),
  ].sort();
}

describe('catalogue: ORMs and query builders', () => {
  for (const method of ROW_READ_METHODS) {
    it(`prisma.patient.${method}() reads patient records`, () => {
      const [result] = probe(
        `async function f(prisma) { sink(await prisma.patient.${method}()); }`,
      );
      assert.match(result!.description ?? '', /query of `patient`/);
    });
  }

  for (const method of RECORD_LOOKUP_METHODS) {
    it(`${method}() is not a read of records on its own (maps, routers and caches share it)`, () => {
      const [result] = probe(`async function f(store) { sink(await store.patient.${method}(1)); }`);
      assert.doesNotMatch(result!.description ?? '', /query of/);
    });
  }

  for (const [method, write] of RECORD_WRITES) {
    const args = write.tableFirst
      ? `'patients', [{ nir: input.nir }]`
      : write.filterFirst
        ? `{ id: input.id }, { nir: input.nir }`
        : write.rowsKey
          ? `{ ${write.rowsKey}: [{ nir: input.nir }] }`
          : `{ nir: input.nir }`;
    it(`${method}(${args}) stores a field for the field-encryption check`, () => {
      const code = `export async function savePatient(prisma, input) {
  await prisma.patient.${method}(${args});
}
`;
      assert.ok(findings(code, 'strict').includes('no-unencrypted-write databaseField'));
    });

    if (!write.bulk) continue;
    const rows = write.tableFirst
      ? `'patients', rows`
      : write.rowsKey
        ? `{ ${write.rowsKey}: rows }`
        : 'rows';
    it(`${method}(${rows}) copies rows read from another system`, () => {
      const code = `export async function migratePatients(source, target) {
  const rows = await source.patient.findMany({ select: { id: true, nom: true } });
  await target.patient.${method}(${rows});
}
`;
      assert.deepEqual(findings(code, 'strict', 'require-delete-after-migration'), [
        'require-delete-after-migration sourceKeptAfterBulkCopy',
      ]);
    });
  }

  for (const [method, removal] of RECORD_DELETES) {
    const call = removal.tableFirst ? `source.${method}('patient')` : `source.patient.${method}()`;
    it(`${call} purges the copied source`, () => {
      const code = `export async function migratePatients(source, target) {
  const rows = await source.patient.findMany({ select: { id: true, nom: true } });
  await target.patient.createMany({ data: rows });
  await ${call};
}
`;
      assert.deepEqual(findings(code, 'strict', 'require-delete-after-migration'), []);
    });
  }

  const reads: [string, string, string][] = [
    ...[...PRISMA.reads].map((m): [string, string, string] => [
      `prisma.patient.${m}()`,
      `prisma.patient.${m}({ select: { id: true } })`,
      'Prisma',
    ]),
    ...[...SEQUELIZE_READS].map(([m, index]): [string, string, string] => [
      `Patient.${m}(${index ? '1' : ''})`,
      `Patient.${m}(${index ? '1, ' : ''}{ attributes: ['id'] })`,
      'Sequelize',
    ]),
    ...[...DOCUMENT_READS].map((m): [string, string, string] => [
      `Patient.${m}()`,
      `Patient.${m}({}, { _id: 1 })`,
      'Mongoose',
    ]),
    ...[...TYPEORM.whereReads].map(([m, read]): [string, string, string] => [
      `repo.${m}({ id: 1 })`,
      `repo.${read}({ where: { id: 1 }, select: { id: true } })`,
      'TypeORM',
    ]),
  ];
  for (const [unprojected, projected, library] of reads) {
    it(`${library} ${unprojected} reads every column; ${projected} does not`, () => {
      const wrap = (read: string) => `export async function exportPatients(prisma, Patient) {
  const repo = dataSource.getRepository(Patient);
  return ${read};
}
`;
      assert.deepEqual(findings(wrap(unprojected)), ['no-select-star-export unprojectedRead']);
      assert.deepEqual(findings(wrap(projected)), []);
    });
  }
});
