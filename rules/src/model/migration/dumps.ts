/**
 * Database dumps run as child processes: which call runs a dump tool (pg_dump, mysqldump,
 * mongodump, …, from `model/apis/processes.ts`), which tables it dumps, and where it writes the
 * dump — an output option in an argument list (`['-f', file]`, `` `--file=${file}` ``), or a
 * redirection or output option in a command line (`` exec(`pg_dump -t patients > ${file}`) ``).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, staticString, unwrap } from '../ast';
import { DUMP_FILE_OPTIONS, DUMP_TABLE_OPTIONS, DUMP_TOOLS, PROCESS_RUNNERS } from '../apis';
import type { MigrationFile } from './file';

export interface Dump {
  /** The tool as run: `pg_dump`. */
  tool: string;
  /** What it dumps, as a message says it: "`patients`, `visits`" or "the whole database". */
  what: string;
  /** The output file's expression, when the dump writes one. */
  target?: TSESTree.Node;
  tables: string[];
}

/** The dump a call runs, if it runs a dump tool with a command we can read. */
export function dumpOf(file: MigrationFile, call: TSESTree.CallExpression): Dump | undefined {
  const name = calleeName(call.callee);
  if (!name || !PROCESS_RUNNERS.has(name)) return undefined;
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const command = staticString(first, file.scopeOf);
  if (!command) return undefined;
  const words = command.text.trim().split(/\s+/);
  const tool = words[0]?.split('/').pop();
  if (!tool || !DUMP_TOOLS.has(tool)) return undefined;
  const tables: string[] = [];
  let target: TSESTree.Node | undefined;
  const argv = call.arguments[1] && unwrap(call.arguments[1]);
  if (argv?.type === AST_NODE_TYPES.ArrayExpression) {
    const elements = argv.elements;
    elements.forEach((element, index) => {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return;
      const value = staticString(element, file.scopeOf);
      const flag = value?.holes === 0 ? value.text : undefined;
      const next = elements[index + 1];
      if (flag && DUMP_FILE_OPTIONS.has(flag) && next && next.type !== AST_NODE_TYPES.SpreadElement)
        target = next;
      if (flag && DUMP_TABLE_OPTIONS.has(flag) && next) {
        const table = staticString(next, file.scopeOf);
        if (table) tables.push(table.text);
      }
      if (element.type === AST_NODE_TYPES.TemplateLiteral && element.expressions.length === 1) {
        const head = element.quasis[0]!.value.cooked ?? '';
        const option = head.replace(/=$/, '');
        if (head.endsWith('=') && DUMP_FILE_OPTIONS.has(option)) target = element.expressions[0];
      }
    });
  } else if (first.type === AST_NODE_TYPES.TemplateLiteral) {
    // exec(`pg_dump -t patients sil > ${file}`)
    first.quasis.forEach((quasi, index) => {
      const cooked = (quasi.value.cooked ?? '').trimEnd();
      if (/(?:^|\s)(?:>|-f|--file=?|--result-file=?|-r)$/.test(cooked))
        target = first.expressions[index];
    });
  }
  for (const match of command.text.matchAll(/(?:-t|--table(?:s)?)[ =]+([\w."]+)/g))
    tables.push(match[1]!.replace(/"/g, ''));
  if (!target) {
    const redirect = /(?:>|-f|--file=|--result-file=)\s*([^\s;|&]+)/.exec(command.text);
    if (redirect && !redirect[1]!.includes('__hole__')) target = first;
  }
  const uniqueTables = [...new Set(tables)];
  return {
    tool,
    what: uniqueTables.length
      ? uniqueTables.map((t) => `\`${t}\``).join(', ')
      : 'the whole database',
    target,
    tables: uniqueTables,
  };
}
