import assert from 'node:assert/strict';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import { indexSchemas, schemasInProgram } from '../../src/model/schema';
import { UnprojectedReads } from '../../src/model/unprojected-reads';
import { runProbeRule } from './probe';

type Context = Readonly<TSESLint.RuleContext<'probe', []>>;

function readsIn(context: Context): UnprojectedReads {
  const sourceCode = context.sourceCode;
  return new UnprojectedReads({
    sourceCode,
    model: () => healthModel(context),
    schemas: () => indexSchemas(schemasInProgram(sourceCode.ast, 'this file'), []),
  });
}

/** The unprojected reads of patient tables in `code`: `kind table what` (`*` when explicit). */
function reads(code: string): string[] {
  const result: string[] = [];
  runProbeRule(code, (context) => {
    const found = readsIn(context);
    return {
      CallExpression: (node: TSESTree.CallExpression) => found.onCall(node),
      NewExpression: (node: TSESTree.NewExpression) => found.onNew(node),
      TaggedTemplateExpression: (node: TSESTree.TaggedTemplateExpression) =>
        found.onTaggedTemplate(node),
      'Program:exit'() {
        for (const read of found.reads)
          result.push(
            `${read.kind} ${read.table} ${read.what}${read.explicitStar ? ' *' : ''}${read.projection ? '' : ' (no projection site)'}`,
          );
      },
    };
  });
  return result;
}

/** For each read, the export sink its rows reach: `what -> sink`. */
function sinks(code: string): string[] {
  const result: string[] = [];
  runProbeRule(code, (context) => {
    const found = readsIn(context);
    return {
      CallExpression: (node: TSESTree.CallExpression) => found.onCall(node),
      NewExpression: (node: TSESTree.NewExpression) => found.onNew(node),
      'Program:exit'() {
        for (const [read, reached] of found.sinksReached(found.reads))
          result.push(`${read.what} -> ${reached.sinkName}`);
      },
    };
  });
  return result;
}

describe('model/unprojected-reads', () => {
  describe('SQL', () => {
    it('a star over a patient table, not over reference data', () => {
      assert.deepEqual(reads(`pool.query('SELECT * FROM patients');`), ['star patients * *']);
      assert.deepEqual(reads(`pool.query('SELECT * FROM patient_types');`), []);
      assert.deepEqual(reads(`pool.query('SELECT id, nom FROM patients');`), []);
    });

    it('a qualified star names its table', () => {
      assert.deepEqual(
        reads(
          `db.query('SELECT p.*, t.label FROM patients p JOIN patient_types t ON t.id = p.t');`,
        ),
        ['star patients p.* *'],
      );
    });

    it('SQL built in a constant, a query config and a statement class', () => {
      assert.deepEqual(
        reads(`const Q = 'SELECT * ' + 'FROM dossiers'; db.query({ text: Q, values: [] });`),
        ['star dossiers * *'],
      );
      assert.deepEqual(reads(`new QueryStream('SELECT * FROM patients');`), ['star patients * *']);
    });

    it('COPY of a whole table, not with a column list', () => {
      assert.deepEqual(reads(`client.query('COPY patients TO STDOUT WITH CSV');`), [
        'star patients COPY patients TO *',
      ]);
      assert.deepEqual(reads(`client.query('COPY patients (id, nom) TO STDOUT');`), []);
    });

    it('strings that are logged or asserted are not executed', () => {
      assert.deepEqual(reads(`console.log('SELECT * FROM patients');`), []);
      assert.deepEqual(reads(`it('SELECT * FROM patients', () => {});`), []);
    });
  });

  describe('ORMs and builders', () => {
    it('Prisma with no select, and a whole included patient', () => {
      assert.deepEqual(reads(`prisma.patient.findMany({ where: { actif: true } });`), [
        'orm patient prisma.patient.findMany()',
      ]);
      assert.deepEqual(reads(`prisma.patient.findMany({ select: { id: true } });`), []);
      assert.deepEqual(reads(`prisma.order.findMany({ include: { patient: true } });`), [
        'orm patient include: { patient: … }',
      ]);
    });

    it('Sequelize with no attributes', () => {
      assert.deepEqual(reads(`Patient.findAll({ where: {} });`), ['orm Patient Patient.findAll()']);
      assert.deepEqual(reads(`Patient.findAll({ attributes: ['id'] });`), []);
    });

    it('MongoDB with no projection', () => {
      assert.deepEqual(reads(`db.collection('patients').find({}).toArray();`), [
        "orm patients db.collection('patients').find()",
      ]);
      assert.deepEqual(
        reads(`db.collection('patients').find({}, { projection: { nom: 1 } }).toArray();`),
        [],
      );
    });

    it('a query builder star, and a TypeORM query builder with no select', () => {
      assert.deepEqual(reads(`knex('patients').select('*');`), ["orm patients '*' *"]);
      assert.deepEqual(reads(`knex('patients').select('id', 'nom');`), []);
      assert.deepEqual(
        reads(`getRepository(Patient).createQueryBuilder('p').where('p.actif').getMany();`),
        ['orm Patient getRepository(Patient).createQueryBuilder() (no projection site)'],
      );
    });
  });

  it('dumps of patient tables', () => {
    assert.deepEqual(reads(`execSync('pg_dump -t patients sil > out.sql');`), [
      'dump patients pg_dump patients (no projection site)',
    ]);
    assert.deepEqual(reads(`execSync('pg_dump -t patient_types sil > out.sql');`), []);
  });

  it('the export sinks rows reach: files, uploads, file transfers', () => {
    assert.deepEqual(
      sinks(`async function f(pool, sftp) {
        const { rows } = await pool.query('SELECT * FROM patients');
        fs.writeFileSync('out.json', JSON.stringify(rows));
      }`),
      ['* -> writeFileSync'],
    );
    assert.deepEqual(
      sinks(`async function f(sftp) {
        const rows = await prisma.patient.findMany();
        await sftp.put(Buffer.from(JSON.stringify(rows)), '/in/patients.json');
      }`),
      ['prisma.patient.findMany() -> put'],
    );
    assert.deepEqual(
      sinks(`async function f(pool) {
        const { rows } = await pool.query('SELECT * FROM patients');
        res.json(rows.length);
      }`),
      [],
    );
  });
});
