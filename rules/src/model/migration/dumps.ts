/**
 * Database dumps run as child processes, as migration analysis sees them: the command line is
 * read by `model/dump-commands.ts` (the tool, its tables, whether it dumps rows, its output);
 * this adds how a message names what it dumps.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { dumpCommand } from '../dump-commands';
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

/**
 * The dump of rows a call runs, if it runs a dump tool with a command we can read; a schema-only
 * dump holds no patient record and is none.
 */
export function dumpOf(file: MigrationFile, call: TSESTree.CallExpression): Dump | undefined {
  const dump = dumpCommand(call, file.scopeOf);
  if (!dump || dump.noData) return undefined;
  const tables = [...new Set(dump.tables.map((t) => t.name))];
  return {
    tool: dump.tool,
    what: tables.length ? tables.map((t) => `\`${t}\``).join(', ') : 'the whole database',
    target: dump.target,
    tables,
  };
}
