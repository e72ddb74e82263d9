/**
 * Database dump commands run from the code, read once for every rule: the tool, its arguments,
 * the tables it names, whether it dumps any rows, and where it writes them. The command comes
 * from a process runner (`exec('pg_dump -t patients …')`, `spawn('mysqldump', [db, 'patients'])`,
 * from `PROCESS_RUNNERS`) or from zx's `` $`pg_dump -t ${table}` ``. How each tool names its
 * tables, its output and a schema-only dump is catalogue data (`DUMP_TOOL_ARGUMENTS` in
 * `apis/processes.ts`); this module only reads command lines.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { HOLE, calleeName, staticString, unwrap } from './ast';
import { DUMP_TOOL_ARGUMENTS, PROCESS_RUNNERS, type DumpToolArguments } from './apis';

/** One word of a dump's command line. */
export interface DumpArgument {
  /** The word as run, quotes included as written; an unknown part reads `__hole__`. */
  text: string;
  /** The node that spells it: its element of an argument list, or the whole command string. */
  node: TSESTree.Node;
  /**
   * The expression its value starts with: the array element itself, or the `${}` interpolation
   * that opens the word (or the value of `--file=${out}`), when there is one.
   */
  value?: TSESTree.Node;
  /** A spread or hole of an argument list: some words we cannot see. */
  spread?: true;
}

/** A table (or collection) the dump names. */
export interface DumpedTable extends DumpArgument {
  /** The table name, without the quotes around it. */
  name: string;
}

export interface DumpCommand {
  /** The tool as run: `pg_dump`, `pg_dumpall`, `mysqldump`, `mariadb-dump`, `mongodump`. */
  tool: string;
  /** Its arguments, up to the end of its own command (a pipe, a redirection, `&&`, `;`). */
  words: DumpArgument[];
  /** The tables it names, as its tool names them; none for a dump of whole databases. */
  tables: DumpedTable[];
  /** Whether it dumps no rows: the schema only (`pg_dump -s`, `mysqldump --no-data`). */
  noData: boolean;
  /**
   * The output file's expression, when the dump writes one: the value of an output option or of
   * a shell redirection, or the command string itself when that value is spelled in it.
   */
  target?: TSESTree.Node;
}

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** Shell words that end the dump's own command line; redirections end it too. */
const COMMAND_ENDS = new Set(['|', '&&', ';', '||']);
/** Shell words that end its pipeline: a redirection after them is another command's. */
const PIPELINE_ENDS = new Set(['&&', ';', '||']);
/** A redirection of standard output: `>`, `>>`, `1>`, with or without the file attached. */
const REDIRECT = /^1?>>?/;
/** Any redirection (`2>/dev/null`, `< in`): the end of the dump's own words. */
const ANY_REDIRECT = /^\d*[<>]/;

/** A piece of a command string: text, and the expression it comes from when it is one. */
interface Piece {
  text: string;
  expression?: TSESTree.Node;
}

/** The pieces of a string: a template's quasis and interpolations, or its whole static text. */
function piecesOf(node: TSESTree.Node, scopeOf: ScopeOf, whole: boolean): Piece[] {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.TemplateLiteral)
    return expr.quasis.flatMap((quasi, index) => {
      const piece: Piece = { text: quasi.value.cooked ?? quasi.value.raw };
      const hole = expr.expressions[index];
      return hole
        ? [piece, { text: staticString(hole, scopeOf, 1)?.text ?? HOLE, expression: hole }]
        : [piece];
    });
  const text = staticString(node, scopeOf)?.text ?? HOLE;
  return [whole ? { text, expression: node } : { text }];
}

/** A word as read: where in it each interpolation starts, to follow its value to one. */
interface Word extends DumpArgument {
  starts: ReadonlyMap<number, TSESTree.Node>;
}

/** The word from `from` on, with its value's expression: `-tpatients` → `patients`. */
function wordFrom(word: Word, from: number): Word {
  const starts = new Map<number, TSESTree.Node>();
  for (const [at, expression] of word.starts) if (at >= from) starts.set(at - from, expression);
  const text = word.text.slice(from);
  const rest: Word = { text, node: word.node, starts };
  const value = starts.get(valueOffset(text));
  if (value) rest.value = value;
  if (word.spread) rest.spread = true;
  return rest;
}

/** The words of pieces, split at white space when `split`, each with the interpolations in it. */
function wordsOf(pieces: Piece[], node: TSESTree.Node, split: boolean): Word[] {
  const text = pieces.map((p) => p.text).join('');
  const starts: Array<[number, TSESTree.Node]> = [];
  let offset = 0;
  for (const piece of pieces) {
    if (piece.expression) starts.push([offset, piece.expression]);
    offset += piece.text.length;
  }
  const spans = split
    ? [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length] as const)
    : [[0, text.length] as const];
  return spans.map(([from, to]) => {
    const inWord = starts.filter(([at]) => at >= from && at < Math.max(to, from + 1));
    return wordFrom({ text: text.slice(0, to), node, starts: new Map(inWord) }, from);
  });
}

/** Where a word's value begins: after `--opt=`, after a redirection, else at its start. */
function valueOffset(word: string): number {
  const long = /^--[\w-]+=/.exec(word);
  if (long) return long[0].length;
  const redirect = REDIRECT.exec(word);
  return redirect ? redirect[0].length : 0;
}

/** The tool a command line runs, by its name: `/usr/bin/pg_dump.exe` → `pg_dump`. */
function toolOf(word: string): string {
  return (word.split('/').pop() ?? '').replace(/\.exe$/, '');
}

/** Whether a command line starts with a dump tool: the cheap test before reading its words. */
function runsDumpTool(command: string | undefined): boolean {
  const first = command && /\S+/.exec(command)?.[0];
  return first ? DUMP_TOOL_ARGUMENTS.has(toolOf(first)) : false;
}

/** The words of a command run by a process runner or a zx template, tool first, or undefined. */
function commandWords(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  scopeOf: ScopeOf,
): Word[] | undefined {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    if (!runsDumpTool(staticString(node.quasi, scopeOf)?.text)) return undefined;
    return wordsOf(piecesOf(node.quasi, scopeOf, false), node.quasi, true);
  }
  const name = calleeName(node.callee);
  if (!name || !PROCESS_RUNNERS.has(name)) return undefined;
  const first = node.arguments[0];
  if (!first || !runsDumpTool(staticString(first, scopeOf)?.text)) return undefined;
  const words = wordsOf(piecesOf(first, scopeOf, false), first, true);
  const list = node.arguments[1] && unwrap(node.arguments[1]);
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return words;
  for (const element of list.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement)
      words.push({ text: HOLE, node: list, spread: true, starts: new Map() });
    else words.push(...wordsOf(piecesOf(element, scopeOf, true), element, false));
  }
  return words;
}

/**
 * Whether a word spells one of `names`, and the value attached to it (`--table=x`, `-tx`): the
 * option's value is that, or else the next word.
 */
function optionOf(word: Word, names: ReadonlySet<string>): { attached?: Word } | undefined {
  const text = word.text;
  if (names.has(text)) return {};
  const eq = text.indexOf('=');
  if (text.startsWith('--') && eq > 0 && names.has(text.slice(0, eq)))
    return { attached: wordFrom(word, eq + 1) };
  if (/^-[^-]./.test(text) && names.has(text.slice(0, 2))) return { attached: wordFrom(word, 2) };
  return undefined;
}

/**
 * The node an output word stands for: the expression its value starts with, or the node that
 * spells it when its text is known; nothing for a word we cannot see.
 */
function targetOf(word: DumpArgument | undefined): TSESTree.Node | undefined {
  if (!word || word.spread || word.text === '') return undefined;
  if (word.value) return word.value;
  return word.text.includes(HOLE) ? undefined : word.node;
}

/** Reads a dump's own arguments (after the tool) as its tool defines them. */
function readArguments(
  args: Word[],
  tool: DumpToolArguments,
): Pick<DumpCommand, 'tables' | 'noData' | 'target'> {
  const tables: DumpArgument[] = [];
  const positional: DumpArgument[] = [];
  let noData = false;
  let wholeDatabases = false;
  let target: TSESTree.Node | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (tool.noDataOptions.has(word.text)) noData = true;
    if (tool.wholeDatabaseOptions.has(word.text)) wholeDatabases = true;
    const table = optionOf(word, tool.tableOptions);
    const output = table ? undefined : optionOf(word, tool.outputOptions);
    const valued = table ?? output ?? optionOf(word, tool.valuedOptions);
    if (valued) {
      const value = valued.attached ?? args[++i];
      if (table && value) tables.push(value);
      if (output) target = targetOf(value) ?? target;
      continue;
    }
    if (!word.text.startsWith('-') || word.spread) positional.push(word);
  }
  if (tool.positionalTables && !wholeDatabases) tables.push(...positional.slice(1));
  return {
    tables: tables.map(({ text, node }) => ({
      text,
      node,
      name: text.replace(/^["']|["']$/g, ''),
    })),
    noData,
    target,
  };
}

/** The output of a shell redirection in the dump's pipeline (`| gzip > out.gz`), if any. */
function redirectTarget(rest: Word[]): TSESTree.Node | undefined {
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (PIPELINE_ENDS.has(word.text)) return undefined;
    const redirect = REDIRECT.exec(word.text);
    if (!redirect) continue;
    return targetOf(
      word.text.length > redirect[0].length ? wordFrom(word, redirect[0].length) : rest[i + 1],
    );
  }
  return undefined;
}

/**
 * The database dump this call (or zx template) runs, or undefined when it runs no dump tool of
 * `DUMP_TOOL_ARGUMENTS` with a command we can read.
 */
export function dumpCommand(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  scopeOf: ScopeOf,
): DumpCommand | undefined {
  const argv = commandWords(node, scopeOf);
  if (!argv?.length) return undefined;
  const tool = toolOf(argv[0]!.text);
  const catalogue = DUMP_TOOL_ARGUMENTS.get(tool);
  if (!catalogue) return undefined;
  const stop = argv.findIndex(
    (a, i) => i > 0 && (COMMAND_ENDS.has(a.text) || ANY_REDIRECT.test(a.text)),
  );
  const own = stop >= 0 ? argv.slice(1, stop) : argv.slice(1);
  const read = readArguments(own, catalogue);
  const words = own.map(({ starts: _, ...word }) => word);
  const target = read.target ?? (stop >= 0 ? redirectTarget(argv.slice(stop)) : undefined);
  return { tool, words, tables: read.tables, noData: read.noData, target };
}
