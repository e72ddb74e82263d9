import assert from 'node:assert/strict';
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint-v9';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import plugin from '../src/index';
import { clearModuleKindCache } from '../src/util/module-kind';

/**
 * The presets parse each file as Node.js loads it, so that ESLint's `no-undef` (in
 * `js.configs.recommended`) sees `require` and `module` where they exist and only there.
 */
describe('presets: module kind per file, under ESLint 9 and 10', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hdl-presets-'));
    write('package.json', JSON.stringify({ name: 'plain-js' }));
    write('web/package.json', JSON.stringify({ name: 'web', type: 'module' }));
    clearModuleKindCache();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const COMMONJS = [
    "const { join } = require('node:path');",
    "module.exports = { root: join(__dirname, 'public'), self: __filename };",
    'exports.ready = true;',
    '',
  ].join('\n');
  const ESM = "import { join } from 'node:path';\nexport const root = join('a', 'b');\n";

  for (const [version, Linter] of [
    ['ESLint 10', Linter10],
    ['ESLint 9', Linter9],
  ] as const) {
    describe(version, () => {
      function lint(file: string, text: string) {
        // Both versions' Linter take the same arguments; one type for the two.
        const linter = new Linter({ configType: 'flat', cwd: root }) as Linter10;
        const config = [...plugin.configs.recommended, { rules: { 'no-undef': 'error' } }];
        const messages = linter.verify(text, config as never, join(root, file));
        return {
          messages: messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
          sourceType: linter.getSourceCode().ast.sourceType,
        };
      }

      it('reads .cjs and .cts as CommonJS: require, module, exports and __dirname are defined', () => {
        assert.deepEqual(lint('server.cjs', COMMONJS).messages, []);
        assert.deepEqual(lint('web/server.cjs', COMMONJS).messages, []);
        const cts =
          "import { join } from 'node:path';\nexport const root = join(__dirname, 'x');\n";
        assert.deepEqual(lint('web/config.cts', cts).messages, []);
        assert.equal(lint('web/config.cts', cts).sourceType, 'script');
      });

      it('reads .mjs and .mts as ES modules, where require is undefined', () => {
        assert.deepEqual(lint('tool.mjs', ESM).messages, []);
        assert.equal(lint('tool.mjs', ESM).sourceType, 'module');
        assert.deepEqual(lint('tool.mts', "export const fs = require('node:fs');\n").messages, [
          "1:19 no-undef 'require' is not defined.",
        ]);
      });

      it('reads .js and .ts by the nearest package.json type', () => {
        assert.deepEqual(lint('lib/legacy.js', COMMONJS).messages, []);
        assert.equal(lint('lib/legacy.js', COMMONJS).sourceType, 'script');
        assert.deepEqual(lint('web/app.js', COMMONJS).messages, [
          "1:18 no-undef 'require' is not defined.",
          "2:1 no-undef 'module' is not defined.",
          "2:31 no-undef '__dirname' is not defined.",
          "2:59 no-undef '__filename' is not defined.",
          "3:1 no-undef 'exports' is not defined.",
        ]);
        assert.equal(lint('web/app.ts', ESM).sourceType, 'module');
      });

      it('still parses import and export in a CommonJS package (TypeScript compiles them)', () => {
        assert.deepEqual(lint('src/index.ts', ESM).messages, []);
        assert.deepEqual(lint('src/index.js', ESM).messages, []);
      });
    });
  }
});
