import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../src/model/ast';
import { assignedColumns, placeholdersIn, valueFor } from '../../src/model/sql-assignments';

const node = (name: string) => ({ type: 'Identifier', name }) as unknown as TSESTree.Node;

describe('model: SQL assignments', () => {
  it('an INSERT assigns its target columns the VALUES in order', () => {
    assert.deepEqual(
      assignedColumns(
        'insert',
        'INSERT INTO patients ("nom", p.nir, vih) VALUES (?, pgp_sym_encrypt(?, k), ?)',
        ['"nom"', 'p.nir', 'vih'],
      ),
      [
        { column: 'nom', value: '?', question: 0, hole: 0 },
        { column: 'nir', value: 'pgp_sym_encrypt(?, k)', question: 1, hole: 0 },
        { column: 'vih', value: '?', question: 2, hole: 0 },
      ],
    );
  });

  it('an UPDATE assigns the SET list, up to WHERE', () => {
    assert.deepEqual(
      assignedColumns(
        'update',
        `UPDATE dossiers SET diagnosis = ${HOLE}, note = NULL WHERE id = ?`,
        undefined,
      ),
      [
        { column: 'diagnosis', value: HOLE, question: 0, hole: 0 },
        { column: 'note', value: 'NULL', question: 0, hole: 1 },
      ],
    );
    assert.deepEqual(assignedColumns('insert', 'INSERT INTO p SELECT * FROM q', undefined), []);
  });

  it('the value of a placeholder is the parameter at its position or number, a hole its expression', () => {
    const params = [node('a'), node('b'), node('c')];
    const at = (value: string, question = 0, hole = 0) => ({ column: 'x', value, question, hole });
    const offsets = { question: 1, hole: 0 };
    assert.equal(valueFor(at('$2'), offsets, params, undefined), params[1]);
    assert.equal(valueFor(at('?', 1), offsets, params, undefined), params[2]);
    assert.equal(valueFor(at(HOLE), offsets, undefined, [node('h')])?.type, 'Identifier');
    // Filled by the SQL itself: a literal, NULL, an encryption function.
    assert.equal(valueFor(at("'x'"), offsets, params, undefined), null);
    assert.equal(valueFor(at('NULL'), offsets, params, undefined), null);
    assert.equal(valueFor(at('AES_ENCRYPT(?, @k)'), offsets, params, undefined), null);
    // A named parameter or an expression around a placeholder: not located.
    assert.equal(valueFor(at(':nir'), offsets, params, undefined), undefined);
    assert.equal(valueFor(at('upper(?)'), offsets, params, undefined), undefined);
  });

  it('counts the placeholders before a statement', () => {
    assert.deepEqual(placeholdersIn(`SELECT ?; UPDATE t SET a = ${HOLE}`), {
      question: 1,
      hole: 1,
    });
  });
});
