/**
 * The fix kit's authentication edits: run the configured authentication middleware before a
 * handler or a mounted router, add a guard decorator to a controller, or check the session at the
 * top of a handler and refuse the request — each bringing the helper it names into scope with
 * `addNamedImport`. The configured helper (`auth.fix`) is imported from a path relative to the
 * configuration file, rewritten relative to the linted file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import type { ImportedHelper } from '../config/project-config';
import { importedBinding } from '../model/project-graph';
import type { DecoratorRoutes, FileRouter } from '../model/frameworks';
import { addNamedImport, helperModule, type NamedImport } from './imports';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixes = TSESLint.RuleFix[];

/** The configured helper as the linted file imports it. */
export function configuredHelper(
  helper: ImportedHelper,
  filename: string,
  cwd: string,
): NamedImport {
  return {
    name: helper.name,
    from: helper.import && helperModule(helper.import, 'auth', filename, cwd),
  };
}

/** `app.get('/p', requireAuth, handler)`: the helper inserted before `target`, and its import. */
export function runMiddlewareBefore(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  filename: string,
  cwd: string,
  target: TSESTree.Node,
  helper: ImportedHelper,
): Fixes {
  return [
    fixer.insertTextBefore(target, `${helper.name}, `),
    ...addNamedImport(fixer, sourceCode, filename, configuredHelper(helper, filename, cwd)),
  ];
}

/** The guard a guard decorator should name, and the import it needs (none when already bound). */
export interface GuardChoice {
  guard: string;
  guardImport?: NamedImport;
}

/**
 * The guard to add: the configured helper when its name is a guard's (`JwtAuthGuard`), else a
 * configured authentication name the file already binds, else the framework's default guard.
 */
export function chooseGuard(
  guardFix: DecoratorRoutes['guardFix'],
  auth: { middleware: readonly string[]; fix?: ImportedHelper },
  program: TSESTree.Program,
  filename: string,
  cwd: string,
): GuardChoice {
  const { defaultGuard, guardName } = guardFix;
  const fix = auth.fix;
  if (fix && guardName.test(fix.name)) {
    const helper = configuredHelper(fix, filename, cwd);
    return { guard: fix.name, guardImport: helper.from ? helper : undefined };
  }
  const configured = auth.middleware.find(
    (n) => guardName.test(n) && importedBinding(program, n) !== undefined,
  );
  if (configured) return { guard: configured };
  return {
    guard: defaultGuard.expression,
    guardImport: { name: defaultGuard.name, from: defaultGuard.from },
  };
}

/** `@UseGuards(JwtAuthGuard)` on the line after `target` (the controller decorator), with imports. */
export function addGuardDecorator(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  filename: string,
  target: TSESTree.Decorator,
  guardFix: DecoratorRoutes['guardFix'],
  choice: GuardChoice,
): Fixes {
  const { decorator, from } = guardFix;
  const indent = ' '.repeat(target.loc.start.column);
  return [
    fixer.insertTextAfter(target, `\n${indent}@${decorator}(${choice.guard})`),
    ...addNamedImport(fixer, sourceCode, filename, { name: decorator, from }),
    ...(choice.guardImport ? addNamedImport(fixer, sourceCode, filename, choice.guardImport) : []),
  ];
}

type HandlerFunction =
  TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

/**
 * `const session = await getSession(req, res); if (!session) return res.status(401)…` at the top
 * of a handler, written the way its router refuses a request; undefined when the handler has no
 * block body to put it in.
 */
export function sessionCheckFix(
  sourceCode: SourceCode,
  filename: string,
  cwd: string,
  fn: HandlerFunction,
  refusal: FileRouter['refusal'],
  helper: ImportedHelper,
): ((fixer: TSESLint.RuleFixer) => Fixes) | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const body = fn.body;
  const first = body.body[0];
  const { lookupParams, statements } = refusal;
  const params = lookupParams.map((fallback, i) => {
    const param = fn.params[i];
    return param?.type === AST_NODE_TYPES.Identifier ? param.name : fallback;
  });
  const res = fn.params[1]?.type === AST_NODE_TYPES.Identifier ? fn.params[1].name : 'res';
  const indent = first ? ' '.repeat(first.loc.start.column) : '  ';
  const awaitKw = fn.async ? 'await ' : '';
  const answer = statements.map((statement) => statement.replace('{res}', res));
  const refuse =
    answer.length === 1
      ? `if (!session) ${answer[0]}\n${indent}`
      : `if (!session) {\n${answer.map((line) => `${indent}  ${line}\n`).join('')}${indent}}\n${indent}`;
  const check = `const session = ${awaitKw}${helper.name}(${params.join(', ')});\n${indent}${refuse}`;
  return (fixer) => [
    first
      ? fixer.insertTextBefore(first, check)
      : fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], `\n${indent}${check}`),
    ...addNamedImport(fixer, sourceCode, filename, configuredHelper(helper, filename, cwd)),
  ];
}
