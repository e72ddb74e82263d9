import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, clearConfigCache } from '../../src/config/project-config';
import {
  acceptsTypeScript,
  addNamedImport,
  helperModule,
  type NamedImport,
} from '../../src/fix/imports';

/**
 * The fix kit's import: one behaviour for every rule that adds a helper's import — merged into an
 * import of the same module, next to the file's imports or requires, and in the file's module
 * system when it has neither.
 */
function withImport(
  code: string,
  request: NamedImport,
  filename = 'src/app.ts',
  sourceType: 'module' | 'commonjs' = filename.endsWith('.cjs') ? 'commonjs' : 'module',
): string {
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
        languageOptions: { parser, sourceType },
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

  it('follows the parse of a JavaScript file only when the file itself does not say', () => {
    // The presets parse `.js` and `.ts` as CommonJS in a package without `"type": "module"`.
    assert.equal(
      withImport('x();\n', request, 'src/app.js', 'commonjs'),
      "const { encrypt } = require('./crypto');\nx();\n",
    );
    assert.equal(
      withImport('export const y = x();\n', request, 'src/app.js', 'commonjs'),
      "import { encrypt } from './crypto';\nexport const y = x();\n",
    );
    // TypeScript compiles `import` for CommonJS packages too.
    assert.equal(
      withImport('x();\n', request, 'src/app.ts', 'commonjs'),
      "import { encrypt } from './crypto';\nx();\n",
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

describe('fix kit: a configured helper as the linted file imports it', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hdl-helper-'));
    mkdirSync(join(dir, 'src', 'api'), { recursive: true });
    writeFileSync(
      join(dir, CONFIG_FILE_NAME),
      JSON.stringify({ redaction: { fix: { name: 'redact', import: './lib/redact' } } }),
    );
    clearConfigCache();
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    clearConfigCache();
  });

  it('keeps a package specifier as it is', () => {
    assert.equal(
      helperModule('@acme/redact', 'redaction', '/repo/src/a.ts', '/repo'),
      '@acme/redact',
    );
  });

  it('reads a relative helper of the configuration file from that file’s folder', () => {
    const file = join(dir, 'src', 'api', 'patients.ts');
    assert.equal(helperModule('./lib/redact', 'redaction', file, '/elsewhere'), '../../lib/redact');
  });

  it('reads a relative helper given in ESLint settings from the working directory', () => {
    const file = join(dir, 'src', 'api', 'patients.ts');
    // Not the configuration file's helper: from the settings, relative to the working directory.
    assert.equal(helperModule('./lib/encrypt', 'encryption', file, dir), '../../lib/encrypt');
    assert.equal(helperModule('./lib/encrypt', 'encryption', 'src/a.ts', dir), '../lib/encrypt');
  });
});

describe('fix kit: TypeScript syntax in an edit', () => {
  it('is allowed in TypeScript files only', () => {
    for (const file of ['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'A.TS'])
      assert.ok(acceptsTypeScript(file));
    for (const file of ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.d.ts.map'])
      assert.ok(!acceptsTypeScript(file));
  });
});
