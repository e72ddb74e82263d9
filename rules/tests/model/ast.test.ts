import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { sourceRangeOf, staticString } from '../../src/model/ast';

/**
 * The static string of the first template literal of `code` (no identifiers to resolve).
 * `rawAsOxlint`: each quasi's `raw` with its line ends normalised, as oxlint's parser gives it.
 */
function templateOf(code: string, rawAsOxlint = false) {
  const program = parse(code, { range: true, loc: true }) as TSESTree.Program;
  const statement = program.body[0] as TSESTree.ExpressionStatement;
  if (rawAsOxlint && statement.expression.type === 'TemplateLiteral') {
    for (const quasi of statement.expression.quasis) {
      quasi.value.raw = quasi.value.raw.replace(/\r\n?/g, '\n');
    }
  }
  const noScope = (): TSESLint.Scope.Scope => {
    throw new Error('no identifier to resolve');
  };
  const value = staticString(statement.expression, noScope);
  assert.ok(value, 'a static string');
  return value;
}

/** What the source spells at the mapped range of `word`'s `nth` occurrence in the value. */
function sourceAt(code: string, word: string, nth = 0, rawAsOxlint = false): string | undefined {
  const value = templateOf(code, rawAsOxlint);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = value.text.indexOf(word, start + 1);
  assert.ok(start >= 0, `${word} is in the value`);
  const range = sourceRangeOf(value, start, start + word.length);
  return range && code.slice(range[0], range[1]);
}

describe('model/ast: static strings map back to the source', () => {
  it('maps a template saved with CRLF line ends, after each removed \\r', () => {
    const code =
      '`\r\n  SELECT *\r\n  FROM patients\r\n  WHERE lab = ${labId()}\r\n  AND nir IS NOT NULL`;';
    const value = templateOf(code);
    assert.equal(
      value.text,
      '\n  SELECT *\n  FROM patients\n  WHERE lab = __hole__\n  AND nir IS NOT NULL',
    );
    assert.equal(sourceAt(code, '*'), '*');
    assert.equal(sourceAt(code, 'patients'), 'patients');
    assert.equal(sourceAt(code, 'WHERE lab ='), 'WHERE lab =');
    // The quasi after the hole restarts its own count of removed \r.
    assert.equal(sourceAt(code, 'nir'), 'nir');
    // A range that spans a line end covers the whole CRLF in the source.
    assert.equal(sourceAt(code, '*\n  FROM'), '*\r\n  FROM');
  });

  it('maps a CRLF template whose raw text has line feeds only, as under oxlint', () => {
    const code = '`\r\n  SELECT *\r\n  FROM patients\r\n  WHERE lab = ${labId()}\r\n  AND nir`;';
    assert.equal(sourceAt(code, 'patients', 0, true), 'patients');
    assert.equal(sourceAt(code, 'nir', 0, true), 'nir');
    assert.equal(sourceAt(code, '*\n  FROM', 0, true), '*\r\n  FROM');
  });

  it('maps a template whose lone \\r line ends become \\n without shifting', () => {
    const code = '`SELECT id,\rnom\rFROM patients`;';
    assert.equal(templateOf(code).text, 'SELECT id,\nnom\nFROM patients');
    assert.equal(sourceAt(code, 'patients'), 'patients');
  });

  it('gives no source range when the value differs from the source by escapes', () => {
    const code = '`SELECT \\u002A\r\nFROM patients`;';
    const value = templateOf(code);
    assert.equal(value.text, 'SELECT *\nFROM patients');
    const star = value.text.indexOf('*');
    assert.equal(sourceRangeOf(value, star, star + 1), undefined);
  });

  it('maps an LF template and a plain literal verbatim', () => {
    assert.equal(sourceAt('`SELECT *\n  FROM patients`;', 'patients'), 'patients');
    assert.equal(sourceAt("'SELECT * FROM ' + `patients`;", 'patients'), 'patients');
  });
});
