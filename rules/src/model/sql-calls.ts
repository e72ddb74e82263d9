/**
 * Where code hands SQL text to something that runs it: which argument of a call holds the text
 * (the first argument, or the `text`/`sql` key of a query-config object), which classes are
 * constructed with it, and which calls only log, assert, translate or document a string (their
 * SQL-looking argument is never executed). Also the cheap test that a file spells out a SQL read
 * at all, so files that never do skip the constant folding of every argument.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { calleeName, findProperty, unwrap } from './ast';
import { SQL_STATEMENT_CLASSES, SQL_TEXT_KEYS } from './apis';

/**
 * Calls whose string argument is logged (console, pino, winston levels), asserted (node:assert,
 * mocha/jest/vitest `describe`/`it`/`expect` matchers), thrown as an error message, loaded as a
 * module or translated (i18next `t`, `i18n`, `__`): not executed as SQL.
 */
export const NOT_EXECUTED_CALLS: ReadonlySet<string> = new Set([
  'log',
  'info',
  'debug',
  'warn',
  'error',
  'trace',
  'fatal',
  'verbose',
  'assert',
  'describe',
  'it',
  'test',
  'expect',
  'equal',
  'strictEqual',
  'deepEqual',
  'toBe',
  'toEqual',
  'toContain',
  'toMatch',
  'Error',
  'TypeError',
  'RangeError',
  'require',
  't',
  'i18n',
  '__',
]);

const SQL_READ_WORDS = /\bselect\b|\bcopy\b/i;

/** Whether a text spells out a SQL read (`SELECT`, `COPY`) anywhere, in any case. */
export function mayHoldSqlRead(text: string): boolean {
  return SQL_READ_WORDS.test(text);
}

/**
 * The expression of a call that may hold the SQL text it runs: the first argument, or the
 * `text`/`sql` of a query-config object; none for calls that never execute their string and for
 * a tagged template argument (seen as a template of its own).
 */
export function sqlTextOfCall(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const name = calleeName(call.callee);
  if (name && NOT_EXECUTED_CALLS.has(name)) return undefined;
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const arg = unwrap(first);
  if (arg.type === AST_NODE_TYPES.ObjectExpression)
    return SQL_TEXT_KEYS.map((key) => findProperty(arg, key)).find(Boolean)?.value;
  return arg.type === AST_NODE_TYPES.TaggedTemplateExpression ? undefined : arg;
}

/** The SQL text a statement class is constructed with: `new QueryStream(text, values)`. */
export function sqlTextOfNew(node: TSESTree.NewExpression): TSESTree.Node | undefined {
  const name = calleeName(node.callee);
  const first = node.arguments[0];
  return name && SQL_STATEMENT_CLASSES.has(name) && first ? first : undefined;
}
