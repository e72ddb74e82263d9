import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { keyedHashFix } from '../../src/fix/keyed-hash';
import { weakTransform } from '../../src/model/pseudonyms';

/**
 * The fix kit's keyed hash: the first weak transform of `code` rewritten into an HMAC keyed by
 * `KEY`, in its library's keyed form, with `createHmac` brought into scope when needed.
 */
function keyed(code: string, filename = 'src/app.ts'): string {
  const rule: TSESLint.RuleModule<'key', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', fixable: 'code', messages: { key: 'key' }, schema: [] },
    create(context) {
      return {
        CallExpression(call) {
          const rewrite = weakTransform(call, context.sourceCode)?.keyed;
          if (rewrite)
            context.report({
              node: call,
              messageId: 'key',
              fix: keyedHashFix(context.sourceCode, context.filename, rewrite, 'KEY'),
            });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const [message] = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser, sourceType: filename.endsWith('.js') ? 'commonjs' : 'module' },
        plugins: { kit: { rules: { key: rule as never } } },
        rules: { 'kit/key': 'error' },
      },
    ],
    { filename },
  );
  const fix = message?.fix;
  assert.ok(fix, 'a keyed form is offered');
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('fix kit: keyedHashFix', () => {
  it('puts createHmac in the place of a createHash import used nowhere else', () => {
    assert.equal(
      keyed("import { createHash } from 'node:crypto';\nconst h = createHash('md5').update(x);\n"),
      "import { createHmac } from 'node:crypto';\nconst h = createHmac('sha256', KEY).update(x);\n",
    );
  });

  it('calls createHmac on a crypto namespace the file already has', () => {
    assert.equal(
      keyed("const crypto = require('crypto');\nconst h = crypto.createHash('md5');\n", 'app.js'),
      "const crypto = require('crypto');\nconst h = crypto.createHmac('sha256', KEY);\n",
    );
  });

  it('replaces an encoding by an HMAC digest in the same encoding, importing createHmac', () => {
    assert.equal(
      keyed("import fs from 'node:fs';\nconst p = Buffer.from(nir).toString('base64');\n"),
      "import fs from 'node:fs';\nimport { createHmac } from 'node:crypto';\nconst p = createHmac('sha256', KEY).update(Buffer.from(nir)).digest('base64');\n",
    );
  });

  it("uses the library's own keyed form", () => {
    assert.equal(
      keyed("import { sha256 } from 'js-sha256';\nconst p = sha256.hex(nir);\n"),
      "import { sha256 } from 'js-sha256';\nconst p = sha256.hmac.hex(KEY, nir);\n",
    );
    assert.equal(
      keyed("import CryptoJS from 'crypto-js';\nconst p = CryptoJS.MD5(nir);\n"),
      "import CryptoJS from 'crypto-js';\nconst p = CryptoJS.HmacSHA256(nir, KEY);\n",
    );
  });
});
