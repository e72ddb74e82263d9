/**
 * SQL assignments: which columns an INSERT or UPDATE statement assigns, the SQL text it assigns
 * to each (a `$n` or `?` placeholder, a template hole, a literal, a database function), and which
 * expression of the call fills a placeholder or hole — so a rule can ask what value is stored in
 * a column. The statements themselves come from `model/sql.ts` (`scanSql`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE } from './ast';

export interface AssignedColumn {
  column: string;
  /** The SQL text assigned: a placeholder, a hole, a literal or an expression. */
  value: string;
  /** How many `?` and template holes precede it in the statement. */
  question: number;
  hole: number;
}

/** Columns an INSERT or UPDATE assigns, with the SQL text it assigns them. */
export function assignedColumns(
  kind: 'insert' | 'update',
  text: string,
  targetColumns: string[] | undefined,
): AssignedColumn[] {
  let pairs: { column: string; value: string; start: number }[] = [];
  if (kind === 'insert') {
    if (!targetColumns?.length) return [];
    const values = /\bVALUES\s*\(/i.exec(text);
    if (!values) return [];
    const start = values.index + values[0].length;
    const items = splitTopLevel(text.slice(start));
    let offset = start;
    pairs = targetColumns.map((column, index) => {
      const item = items[index] ?? '';
      const pair = { column: bare(column), value: item.trim(), start: offset };
      offset += item.length + 1;
      return pair;
    });
  } else {
    const set = /\bSET\b/i.exec(text);
    if (!set) return [];
    const start = set.index + set[0].length;
    const end = /\b(WHERE|RETURNING|FROM)\b/i.exec(text.slice(start));
    let offset = start;
    for (const assignment of splitTopLevel(
      text.slice(start, end ? start + end.index : undefined),
    )) {
      const match = /^\s*([\w."`[\]]+)\s*=\s*([\s\S]+?)\s*$/.exec(assignment);
      if (match) pairs.push({ column: bare(match[1]!), value: match[2]!, start: offset });
      offset += assignment.length + 1;
    }
  }
  return pairs.map(({ column, value, start }) => ({
    column,
    value,
    question: count(text.slice(0, start), '?'),
    hole: count(text.slice(0, start), HOLE),
  }));
}

/** How many `?` placeholders and template holes a text holds: offsets of a statement in its query. */
export function placeholdersIn(text: string): { question: number; hole: number } {
  return { question: count(text, '?'), hole: count(text, HOLE) };
}

/**
 * The expression that fills a column: `$2` is the second parameter, `?` counts its position, a
 * template hole is the template's expression. Null when the SQL itself holds a literal, NULL or
 * an encryption function; undefined when the value cannot be located.
 */
export function valueFor(
  assigned: AssignedColumn,
  offsets: { question: number; hole: number },
  params: readonly (TSESTree.Node | null)[] | undefined,
  holes: readonly TSESTree.Node[] | undefined,
): TSESTree.Node | null | undefined {
  const value = assigned.value;
  // pgp_sym_encrypt($1, key), AES_ENCRYPT(?, @key): encrypted by the database at field level.
  if (/encrypt|crypt\s*\(/i.test(value)) return null;
  const numbered = /^\$(\d+)$/.exec(value);
  if (numbered) return params?.[Number(numbered[1]) - 1] ?? undefined;
  if (value === '?') return params?.[offsets.question + assigned.question] ?? undefined;
  if (value === HOLE) return holes?.[offsets.hole + assigned.hole];
  if (/^[:@$][A-Za-z_]\w*$/.test(value) || /\$\d+|\?|__hole__/.test(value)) return undefined;
  return null;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** A column name without quotes and table prefix: `"p"."nir"` is `nir`. */
function bare(column: string): string {
  return (
    column
      .replace(/["`[\]]/g, '')
      .split('.')
      .pop() ?? column
  );
}

/** Splits a list at top-level commas, stopping at the parenthesis that closes it. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}
