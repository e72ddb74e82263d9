import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { namedBinding } from '../../src/fix/bindings';
import { runProbeRule } from '../model/probe';

/** How `rm` of fs/promises is called at the first `here()` of the code: reused, imported, or not at all. */
function rmAt(code: string): string {
  let answer = 'no call';
  runProbeRule(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'here') return;
      const binding = namedBinding(
        context.sourceCode,
        context.filename,
        'rm',
        ['node:fs/promises', 'fs/promises'],
        node,
      );
      if (!binding) answer = 'unwritable';
      else {
        const fixes = binding.imports({
          insertTextAfter: (_node: unknown, text: string) => ({ range: [0, 0], text }),
          insertTextBefore: (_node: unknown, text: string) => ({ range: [0, 0], text }),
        } as never);
        answer = `${binding.call}${fixes?.length ? ` + ${fixes.map((f) => f.text.trim()).join(' ')}` : ''}`;
      }
    },
  }));
  return answer;
}

describe('fix kit: namedBinding', () => {
  it('reuses the import in scope when it is that very export, under any of its specifiers', () => {
    assert.equal(rmAt(`import { rm } from 'fs/promises';\nhere();`), 'rm');
    assert.equal(rmAt(`const { rm } = require('node:fs/promises');\nhere();`), 'rm');
  });

  it('adds an import when the name is free', () => {
    assert.equal(
      rmAt(`import x from 'y';\nhere();`),
      "rm + import { rm } from 'node:fs/promises';",
    );
  });

  it('cannot write the call where the name is something else', () => {
    assert.equal(rmAt(`import { rm } from 'rimraf';\nhere();`), 'unwritable');
    assert.equal(rmAt(`function f(rm) { here(); }`), 'unwritable');
  });
});
