import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { partsToWrap, wrapWithHelper } from '../../src/fix/wrap';
import { removableStatement, removeStatement } from '../../src/fix/statements';
import { addProperty } from '../../src/fix/properties';
import { applyFix } from './apply-fix';

const helper = { callee: 'encrypt', from: './crypto' };

/** Wraps the parts of `target(x)`'s argument that are named `nir` or `vih`, importing the helper. */
function wrapped(code: string, holes = false): string {
  return applyFix(code, (fixer, sourceCode, argument, filename) => {
    const sensitive = (part: TSESTree.Node) =>
      part.type === 'Identifier' && (part.name === 'nir' || part.name === 'vih');
    const parts = partsToWrap(argument, sensitive, { holes });
    return wrapWithHelper(fixer, sourceCode, filename, parts, helper, argument);
  });
}

describe('fix kit: wrap a value in a helper call', () => {
  it('wraps the value and imports the helper', () => {
    assert.equal(
      wrapped("import fs from 'fs';\ntarget(nir);\n"),
      "import fs from 'fs';\nimport { encrypt } from './crypto';\ntarget(encrypt(nir));\n",
    );
  });

  it('keeps the key of a shorthand property, and an object literal’s shape field by field', () => {
    assert.equal(
      wrapped('target({ nom, nir, vih: vih });\n'),
      "import { encrypt } from './crypto';\ntarget({ nom, nir: encrypt(nir), vih: encrypt(vih) });\n",
    );
  });

  it('wraps the holes of a template when asked, the whole template otherwise', () => {
    assert.equal(
      wrapped('target(`nir=${nir}; path=/`);\n', true),
      "import { encrypt } from './crypto';\ntarget(`nir=${encrypt(nir)}; path=/`);\n",
    );
    assert.equal(
      wrapped('target(`nir=${nir}`);\n'),
      "import { encrypt } from './crypto';\ntarget(encrypt(`nir=${nir}`));\n",
    );
  });

  it('adds no import when the helper is bound where it is used, or has no module', () => {
    assert.equal(
      wrapped("import { encrypt } from '../lib/crypto';\ntarget(nir);\n"),
      "import { encrypt } from '../lib/crypto';\ntarget(encrypt(nir));\n",
    );
    assert.equal(
      applyFix('target(nir);\n', (fixer, sourceCode, argument, filename) =>
        wrapWithHelper(fixer, sourceCode, filename, [argument], {
          callee: 'vault.seal',
          from: undefined,
        }),
      ),
      'target(vault.seal(nir));\n',
    );
  });
});

describe('fix kit: remove a statement', () => {
  const removed = (code: string) =>
    applyFix(code, (fixer, sourceCode, argument) => {
      const statement = removableStatement(sourceCode, argument);
      return statement ? removeStatement(fixer, sourceCode, statement) : [];
    });

  it('removes the statement with its line', () => {
    assert.equal(removed('a();\ntarget(nir);\nb();\n'), 'a();\nb();\n');
    assert.equal(removed('a(); target(nir);\n'), 'a(); \n');
  });

  it('keeps a statement that holds a comment or is the body of a control statement', () => {
    assert.equal(removed('target(/* why */ nir);\n'), 'target(/* why */ nir);\n');
    assert.equal(removed('if (x) target(nir);\n'), 'if (x) target(nir);\n');
  });
});

describe('fix kit: add a property to an object literal', () => {
  const added = (code: string) =>
    applyFix(code, (fixer, sourceCode, argument) =>
      addProperty(fixer, sourceCode, argument as TSESTree.ObjectExpression, "sse: 'kms'"),
    );

  it('on the same line when the literal fits on one', () => {
    assert.equal(added('target({ a: 1 });\n'), "target({ a: 1, sse: 'kms' });\n");
    assert.equal(added('target({ a: 1, });\n'), "target({ a: 1, sse: 'kms', });\n");
    assert.equal(added('target({});\n'), "target({ sse: 'kms' });\n");
  });

  it('on a new line with the last property’s indentation otherwise', () => {
    assert.equal(added('target({\n  a: 1,\n});\n'), "target({\n  a: 1,\n  sse: 'kms',\n});\n");
    assert.equal(added('target({\n  a: 1\n});\n'), "target({\n  a: 1,\n  sse: 'kms'\n});\n");
  });
});
