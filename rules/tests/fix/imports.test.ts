import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { addNamedImport, type NamedImport } from '../../src/fix/imports';

/**
 * The fix kit's import: one behaviour for every rule that adds a helper's import — merged into an
 * import of the same module, next to the file's imports or requires, and in the file's module
 * system when it has neither.
 */
function withImport(code: string, request: NamedImport, filename = 'src/app.ts'): string {
  const rule: TSESLint.RuleModule<'add', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', fixable: 'code', messages: { add: 'add' }, schema: [] },
    create(context) {
      return {
        Program(node) {
          context.report({
            node,
            messageId: 'add',
            fix: (fixer) => addNamedImport(fixer, context.sourceCode, context.filename, request),
          });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const result = linter.verifyAndFix(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js', '**/*.cjs'],
        languageOptions: { parser, sourceType: filename.endsWith('.cjs') ? 'commonjs' : 'module' },
        plugins: { kit: { rules: { add: rule as never } } },
        rules: { 'kit/add': 'error' },
      },
    ],
    { filename },
  );
  return result.output;
}

describe('fix kit: addNamedImport', () => {
  const request = { name: 'encrypt', from: './crypto' };

  it('adds the name to a named import of the same module', () => {
    assert.equal(
      withImport("import { seal } from './crypto';\nx();\n", request),
      "import { seal, encrypt } from './crypto';\nx();\n",
    );
  });

  it('merges into node:crypto when the file imports crypto under the other specifier', () => {
    assert.equal(
      withImport("import { createHash } from 'crypto';\n", {
        name: 'createHmac',
        from: 'node:crypto',
        sameModule: ['crypto'],
      }),
      "import { createHash, createHmac } from 'crypto';\n",
    );
  });

  it('writes a new import after the last import', () => {
    assert.equal(
      withImport("import fs from 'node:fs';\nimport path from 'node:path';\nx();\n", request),
      "import fs from 'node:fs';\nimport path from 'node:path';\nimport { encrypt } from './crypto';\nx();\n",
    );
  });

  it('adds to a destructured require of the same module, else after the last require', () => {
    assert.equal(
      withImport("const { seal } = require('./crypto');\nx();\n", request, 'src/app.js'),
      "const { seal, encrypt } = require('./crypto');\nx();\n",
    );
    assert.equal(
      withImport("const fs = require('fs');\nx();\n", request, 'src/app.js'),
      "const fs = require('fs');\nconst { encrypt } = require('./crypto');\nx();\n",
    );
  });

  it('writes the first import in the file’s module system', () => {
    assert.equal(
      withImport('x();\n', request, 'src/app.ts'),
      "import { encrypt } from './crypto';\nx();\n",
    );
    assert.equal(
      withImport('x();\n', request, 'src/app.cjs'),
      "const { encrypt } = require('./crypto');\nx();\n",
    );
    assert.equal(
      withImport('module.exports = () => x();\n', request, 'src/app.js'),
      "const { encrypt } = require('./crypto');\nmodule.exports = () => x();\n",
    );
  });

  it('adds nothing when the file already binds the name, or no module is given', () => {
    assert.equal(
      withImport("import { encrypt } from './other';\nx();\n", request),
      "import { encrypt } from './other';\nx();\n",
    );
    assert.equal(
      withImport("const { encrypt } = require('./other');\nx();\n", request, 'src/app.cjs'),
      "const { encrypt } = require('./other');\nx();\n",
    );
    assert.equal(withImport('x();\n', { name: 'encrypt', from: undefined }), 'x();\n');
  });
});
