import assert from 'node:assert/strict';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { parse } from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { chooseGuard, runMiddlewareBefore, sessionCheckFix } from '../../src/fix/authentication';
import { nestjs } from '../../src/model/frameworks/nestjs';
import { nextjs } from '../../src/model/frameworks/nextjs';

/**
 * The fix kit's authentication edits, as a suggestion applies them: a middleware before a
 * handler, the guard a controller decorator should name, a session check at the top of a handler.
 */
function applied(
  code: string,
  fix: (
    fixer: TSESLint.RuleFixer,
    sourceCode: Readonly<TSESLint.SourceCode>,
    filename: string,
  ) => TSESLint.RuleFix[],
  filename = 'src/app.ts',
): string {
  // verifyAndFix lints again after fixing: the edit is made once.
  let done = false;
  const rule: TSESLint.RuleModule<'edit', []> = {
    defaultOptions: [],
    meta: { type: 'suggestion', fixable: 'code', messages: { edit: 'edit' }, schema: [] },
    create(context) {
      return {
        Program(node) {
          if (done) return;
          done = true;
          context.report({
            node,
            messageId: 'edit',
            fix: (fixer) => fix(fixer, context.sourceCode, context.filename),
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
        files: ['**/*.ts'],
        languageOptions: { parser, sourceType: 'module' },
        plugins: { kit: { rules: { edit: rule as never } } },
        rules: { 'kit/edit': 'error' },
      },
    ],
    { filename },
  ).output;
}

const guardFix = nestjs.decorators!.guardFix;

describe('fix kit: authentication', () => {
  it('runs the configured middleware before a handler and imports it', () => {
    const code = "import express from 'express';\napp.get('/p', handler);\n";
    const output = applied(code, (fixer, sourceCode, filename) => {
      const call = (sourceCode.ast.body[1] as TSESTree.ExpressionStatement)
        .expression as TSESTree.CallExpression;
      return runMiddlewareBefore(fixer, sourceCode, filename, process.cwd(), call.arguments[1]!, {
        name: 'requireAuth',
        import: '@acme/auth',
      });
    });
    assert.equal(
      output,
      "import express from 'express';\nimport { requireAuth } from '@acme/auth';\napp.get('/p', requireAuth, handler);\n",
    );
  });

  it('chooses the guard: a configured guard, else one the file binds, else the default', () => {
    const program = parse("import { JwtAuthGuard } from './jwt.guard';", {
      range: true,
      loc: true,
    });
    assert.deepEqual(
      chooseGuard(
        guardFix,
        { middleware: [], fix: { name: 'SessionGuard', import: '@acme/guards' } },
        program,
        'src/app.ts',
        process.cwd(),
      ),
      { guard: 'SessionGuard', guardImport: { name: 'SessionGuard', from: '@acme/guards' } },
    );
    assert.deepEqual(
      chooseGuard(
        guardFix,
        { middleware: ['requireAuth', 'JwtAuthGuard'] },
        program,
        'src/a.ts',
        process.cwd(),
      ),
      { guard: 'JwtAuthGuard' },
    );
    assert.deepEqual(
      chooseGuard(guardFix, { middleware: [] }, program, 'src/a.ts', process.cwd()),
      {
        guard: "AuthGuard('jwt')",
        guardImport: { name: 'AuthGuard', from: '@nestjs/passport' },
      },
    );
  });

  it('checks the session at the top of a handler, answering as its router refuses', () => {
    const refusal = nextjs.fileRoutes!.routers[0]!.refusal;
    const code = 'export default async function handler(request, response) {\n  work();\n}\n';
    const output = applied(code, (fixer, sourceCode, filename) => {
      const fn = (sourceCode.ast.body[0] as TSESTree.ExportDefaultDeclaration)
        .declaration as TSESTree.FunctionDeclaration;
      return sessionCheckFix(sourceCode, filename, process.cwd(), fn, refusal, {
        name: 'getSession',
        import: 'next-auth/react',
      })!(fixer);
    });
    assert.equal(
      output,
      [
        "import { getSession } from 'next-auth/react';",
        'export default async function handler(request, response) {',
        '  const session = await getSession(request, response);',
        '  if (!session) {',
        '    response.status(401).end();',
        '    return;',
        '  }',
        '  work();',
        '}',
        '',
      ].join('\n'),
    );
  });
});
