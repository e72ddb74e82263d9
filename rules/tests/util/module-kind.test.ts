import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearModuleKindCache, moduleKindOf } from '../../src/util/module-kind';

describe('moduleKindOf: how Node.js would load a file', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hdl-module-kind-'));
    clearModuleKindCache();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('follows the extension when it says, whatever package.json says', () => {
    write('package.json', JSON.stringify({ type: 'module' }));
    assert.equal(moduleKindOf(join(root, 'a.cjs')), 'commonjs');
    assert.equal(moduleKindOf(join(root, 'a.cts')), 'commonjs');
    write('legacy/package.json', JSON.stringify({ type: 'commonjs' }));
    assert.equal(moduleKindOf(join(root, 'legacy/a.mjs')), 'module');
    assert.equal(moduleKindOf(join(root, 'legacy/a.mts')), 'module');
  });

  it('reads `type` from the nearest package.json for .js, .jsx, .ts and .tsx', () => {
    write('package.json', JSON.stringify({ name: 'app', type: 'module' }));
    write('tools/package.json', JSON.stringify({ name: 'tools' }));
    write('tools/old/package.json', JSON.stringify({ type: 'commonjs' }));
    assert.equal(moduleKindOf(join(root, 'src/deep/a.js')), 'module');
    assert.equal(moduleKindOf(join(root, 'src/view.tsx')), 'module');
    assert.equal(moduleKindOf(join(root, 'tools/a.ts')), 'commonjs', 'no type: CommonJS');
    assert.equal(moduleKindOf(join(root, 'tools/old/a.jsx')), 'commonjs');
  });

  it('takes CommonJS, as Node does, when package.json cannot be read', () => {
    write('package.json', '{ "type": "module", ');
    assert.equal(moduleKindOf(join(root, 'a.js')), 'commonjs');
  });

  it('sees package.json change between two lints', () => {
    write('package.json', JSON.stringify({ name: 'app' }));
    assert.equal(moduleKindOf(join(root, 'a.js')), 'commonjs');
    // A different size, so that the change is seen even within the file system's mtime precision.
    write('package.json', JSON.stringify({ name: 'app', type: 'module' }));
    assert.equal(moduleKindOf(join(root, 'a.js')), 'module');
  });
});
