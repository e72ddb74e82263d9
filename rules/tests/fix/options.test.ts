import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { removeProperty, setOption } from '../../src/fix/options';

/**
 * The fix kit's options: one behaviour for every rule that sets or removes an option in an
 * object literal. `edit` is applied to the first object literal of `code`.
 */
function edited(
  code: string,
  edit: (
    fixer: TSESLint.RuleFixer,
    object: TSESTree.ObjectExpression,
    sourceCode: Readonly<TSESLint.SourceCode>,
  ) => TSESLint.RuleFix,
): string {
  const rule: TSESLint.RuleModule<'edit', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', fixable: 'code', messages: { edit: 'edit' }, schema: [] },
    create(context) {
      let done = false;
      return {
        ObjectExpression(node) {
          if (done) return;
          done = true;
          context.report({
            node,
            messageId: 'edit',
            fix: (fixer) => edit(fixer, node, context.sourceCode),
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
        files: ['**/*.ts'],
        languageOptions: { parser },
        plugins: { kit: { rules: { edit: rule as never } } },
        rules: { 'kit/edit': 'error' },
      },
    ],
    { filename: 'src/app.ts' },
  );
  const fix = message?.fix;
  assert.ok(fix, 'the edit is a fix');
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

const set = (code: string) =>
  edited(code, (fixer, object) => setOption(fixer, object, 'secure', 'true'));

function remove(code: string, key: string): string {
  return edited(code, (fixer, object, sourceCode) => {
    const property = object.properties.find(
      (p): p is TSESTree.Property =>
        p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === key,
    )!;
    return removeProperty(fixer, sourceCode, property);
  });
}

describe('fix kit: setOption', () => {
  it('replaces the value of the property when the object has it', () => {
    assert.equal(set("f({ host: 'h', secure: false });"), "f({ host: 'h', secure: true });");
  });

  it('adds the property after the last one when it is missing', () => {
    assert.equal(
      set("f({ host: 'h', ...rest /* tail */ });"),
      "f({ host: 'h', ...rest, secure: true /* tail */ });",
    );
  });

  it('writes the whole object when it is empty', () => {
    assert.equal(set('f({});'), 'f({ secure: true });');
  });
});

describe('fix kit: removeProperty', () => {
  it('removes a property with the comma after it, keeping a comment on the next one', () => {
    assert.equal(
      remove('f({ rejectUnauthorized: false, /* ca */ ca });', 'rejectUnauthorized'),
      'f({ /* ca */ ca });',
    );
  });

  it('removes the last property with the comma before it', () => {
    assert.equal(
      remove('f({ ca, rejectUnauthorized: false });', 'rejectUnauthorized'),
      'f({ ca });',
    );
  });

  it('removes the only property', () => {
    assert.equal(remove('f({ rejectUnauthorized: false });', 'rejectUnauthorized'), 'f({  });');
  });
});
