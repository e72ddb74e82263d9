/**
 * The tables a database dump command names, read from the code that runs it: the command line of
 * `exec('pg_dump -t patients …')`, the argument list of `spawn('mysqldump', [db, 'patients'])`
 * or the words of zx's `` $`pg_dump -t ${table}` ``, each table with the node that spells it.
 * pg_dump names tables with `-t`/`--table` (https://www.postgresql.org/docs/current/app-pgdump.html);
 * mysqldump and mariadb-dump take them as the positional arguments after the database
 * (https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html). A schema-only dump (`-s`, `--no-data`)
 * or a dump of whole databases (`--databases`) names no table.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { calleeName, staticString, unwrap } from './ast';
import { PROCESS_RUNNERS } from './apis';

export interface DumpArgument {
  text: string;
  node: TSESTree.Node;
}

export interface DumpedTables {
  /** The tool as run: `pg_dump`, `mysqldump`, `mariadb-dump`. */
  tool: string;
  /** The tables named, quotes included as written. */
  tables: DumpArgument[];
}

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** Shell words that end the dump's own command line. */
const COMMAND_ENDS = new Set(['>', '|', '&&', ';', '||']);

/** mysqldump options whose value is the next word (`-u root`, `--result-file out.sql`). */
const MYSQLDUMP_VALUED_OPTIONS = new Set([
  '-u',
  '-h',
  '-P',
  '-r',
  '-S',
  '-w',
  '--user',
  '--host',
  '--port',
  '--result-file',
  '--where',
  '--socket',
]);

/** The words of a command run by a process runner or a zx template, or undefined. */
function commandWords(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  scopeOf: ScopeOf,
): DumpArgument[] | undefined {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    const text = staticString(node.quasi, scopeOf)?.text;
    return text
      ? text
          .split(/\s+/)
          .filter(Boolean)
          .map((t) => ({ text: t, node: node.quasi }))
      : undefined;
  }
  const name = calleeName(node.callee);
  if (!name || !PROCESS_RUNNERS.has(name)) return undefined;
  const first = node.arguments[0];
  const command = first && staticString(first, scopeOf)?.text;
  if (!command || !first) return undefined;
  const list = node.arguments[1] && unwrap(node.arguments[1]);
  if (list?.type === AST_NODE_TYPES.ArrayExpression && !/\s/.test(command.trim())) {
    const argv: DumpArgument[] = [{ text: command, node: first }];
    for (const element of list.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) {
        argv.push({ text: '__hole__', node: list });
        continue;
      }
      argv.push({ text: staticString(element, scopeOf)?.text ?? '__hole__', node: element });
    }
    return argv;
  }
  return command
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => ({ text: t, node: first }));
}

function pgDumpTables(args: DumpArgument[]): DumpArgument[] {
  if (args.some((a) => a.text === '-s' || a.text === '--schema-only')) return [];
  const tables: DumpArgument[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a.text === '-t' || a.text === '--table') && args[i + 1]) tables.push(args[++i]!);
    else if (a.text.startsWith('--table=')) tables.push({ text: a.text.slice(8), node: a.node });
    else if (/^-t\S/.test(a.text)) tables.push({ text: a.text.slice(2), node: a.node });
  }
  return tables;
}

function mysqlDumpTables(args: DumpArgument[]): DumpArgument[] {
  if (args.some((a) => ['-d', '--no-data', '--databases', '-B'].includes(a.text))) return [];
  const positional: DumpArgument[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.text === '--tables') continue;
    if (MYSQLDUMP_VALUED_OPTIONS.has(a.text)) {
      i++;
      continue;
    }
    if (a.text.startsWith('-')) continue;
    positional.push(a);
  }
  return positional.slice(1);
}

/**
 * The tables a pg_dump, mysqldump or mariadb-dump run by this call (or zx template) names, or
 * undefined when it runs no such dump.
 */
export function dumpedTables(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  scopeOf: ScopeOf,
): DumpedTables | undefined {
  const argv = commandWords(node, scopeOf);
  if (!argv) return undefined;
  const stop = argv.findIndex((a) => COMMAND_ENDS.has(a.text));
  const words = stop >= 0 ? argv.slice(0, stop) : argv;
  const tool = (words[0]?.text.split('/').pop() ?? '').replace(/\.exe$/, '');
  if (tool === 'pg_dump') return { tool, tables: pgDumpTables(words.slice(1)) };
  if (tool === 'mysqldump' || tool === 'mariadb-dump')
    return { tool, tables: mysqlDumpTables(words.slice(1)) };
  return undefined;
}
