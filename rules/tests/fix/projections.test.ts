import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { healthModel } from '../../src/model';
import { indexSchemas, schemasInProgram } from '../../src/model/schema';
import { UnprojectedReads } from '../../src/model/unprojected-reads';
import { type ProjectionMessageId, projectionSuggestions } from '../../src/fix/projections';

/**
 * The fix kit's projections, on the reads the model finds: each suggestion as its message id and
 * the code once applied. Schemas are those the snippet declares.
 */
function projected(code: string): string[] {
  const messages: Record<ProjectionMessageId | 'read', string> = {
    read: 'read',
    listColumns: 'listColumns',
    listPlaceholder: 'listPlaceholder',
    addProjection: 'addProjection',
    addPlaceholderProjection: 'addPlaceholderProjection',
  };
  const rule: TSESLint.RuleModule<ProjectionMessageId | 'read', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', hasSuggestions: true, messages, schema: [] },
    create(context) {
      const sourceCode = context.sourceCode;
      const schemas = () => indexSchemas(schemasInProgram(sourceCode.ast, 'this file'), []);
      const found = new UnprojectedReads({
        sourceCode,
        model: () => healthModel(context),
        schemas,
      });
      return {
        CallExpression: (node: TSESTree.CallExpression) => found.onCall(node),
        'Program:exit'() {
          const env = {
            sourceCode,
            schemas: schemas(),
            classifier: healthModel(context).classifier,
          };
          for (const read of found.reads)
            context.report({
              loc: read.loc,
              messageId: 'read',
              suggest: projectionSuggestions(read.projection, env),
            });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const results = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as never, sourceType: 'module' },
        plugins: { kit: { rules: { projection: rule as never } } },
        rules: { 'kit/projection': 'error' },
      },
    ],
    { filename: 'src/export.ts' },
  );
  return results.flatMap((message) =>
    (message.suggestions ?? []).map((suggestion) => {
      const [start, end] = suggestion.fix.range;
      const applied = code.slice(0, start) + suggestion.fix.text + code.slice(end);
      return `${suggestion.messageId}: ${applied}`;
    }),
  );
}

const DDL = "db.exec('CREATE TABLE patients (id INT, nom TEXT, nir TEXT)');\n";

describe('fix kit: projectionSuggestions', () => {
  it('lists the columns of a known table for a star, special columns commented out', () => {
    assert.deepEqual(projected(`${DDL}pool.query('SELECT * FROM patients');`), [
      `listColumns: ${DDL}pool.query('SELECT id, nom /* , nir */ FROM patients');`,
    ]);
  });

  it('a placeholder for a table of unknown columns', () => {
    assert.deepEqual(projected(`pool.query('SELECT p.* FROM dossiers p');`), [
      "listPlaceholder: pool.query('SELECT p.id /* list the requested columns */ FROM dossiers p');",
    ]);
  });

  it('a column list after COPY t', () => {
    assert.deepEqual(projected(`${DDL}pool.query('COPY patients TO STDOUT');`), [
      `listColumns: ${DDL}pool.query('COPY patients (id, nom /* , nir */) TO STDOUT');`,
    ]);
  });

  it('an ORM projection added to the options, or as a new argument', () => {
    assert.deepEqual(projected(`prisma.dossier.findMany({ where: { actif: true } });`), [
      'addPlaceholderProjection: prisma.dossier.findMany({ select: { id: true /* list the requested columns */ }, where: { actif: true } });',
    ]);
    assert.deepEqual(projected(`Patient.findAll();`), [
      "addPlaceholderProjection: Patient.findAll({ attributes: ['id' /* list the requested columns */] });",
    ]);
  });

  it('a Mongo projection argument and a builder select', () => {
    assert.deepEqual(projected(`db.collection('patients').find({ actif: true });`), [
      "addPlaceholderProjection: db.collection('patients').find({ actif: true }, { projection: { _id: 1 } });",
    ]);
    assert.deepEqual(projected(`${DDL}knex('patients').select('*');`), [
      `addProjection: ${DDL}knex('patients').select('id', 'nom' /* , 'nir' */);`,
    ]);
  });

  it('nothing for a dump', () => {
    assert.deepEqual(projected(`execSync('pg_dump -t patients sil > x.sql');`), []);
  });
});
