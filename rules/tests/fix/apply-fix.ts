import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

/**
 * Applies the fix `fixFor` makes for the first `target(...)` call of `code` (its argument, the
 * node the fix is about), the way a rule's suggestion is applied, and returns the output.
 */
export function applyFix(
  code: string,
  fixFor: (
    fixer: TSESLint.RuleFixer,
    sourceCode: Readonly<TSESLint.SourceCode>,
    argument: TSESTree.Node,
    filename: string,
  ) => TSESLint.RuleFix | TSESLint.RuleFix[],
  filename = 'src/app.ts',
): string {
  let done = false;
  const rule: TSESLint.RuleModule<'fix', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', fixable: 'code', messages: { fix: 'fix' }, schema: [] },
    create(context) {
      return {
        CallExpression(node) {
          if (done || node.callee.type !== 'Identifier' || node.callee.name !== 'target') return;
          done = true;
          const argument = node.arguments[0]!;
          context.report({
            node,
            messageId: 'fix',
            fix: (fixer) => fixFor(fixer, context.sourceCode, argument, context.filename),
          });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  return linter.verifyAndFix(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js', '**/*.cjs'],
        languageOptions: { parser, sourceType: filename.endsWith('.cjs') ? 'commonjs' : 'module' },
        plugins: { kit: { rules: { fix: rule as never } } },
        rules: { 'kit/fix': 'error' },
      },
    ],
    { filename },
  ).output;
}
