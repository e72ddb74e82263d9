/**
 * A small, tolerant SQL scanner: enough structure to judge select lists, the tables a statement
 * reads and writes, and staging/cleanup statements, on SQL embedded in JS/TS strings that may be
 * incomplete or hold `${}` holes. It never throws; what it cannot read it skips.
 */
export interface SqlToken {
  type: 'word' | 'punct' | 'string' | 'number';
  /** Upper-cased for words and punctuation; unquoted identifier text for quoted identifiers. */
  value: string;
  /** Original text of a word or quoted identifier. */
  text: string;
  start: number;
  end: number;
  depth: number;
}

export interface SqlTableRef {
  name: string;
  alias?: string;
  start: number;
  end: number;
  /** A derived table `(SELECT …) t` or a CTE name resolves to the select that defines it. */
  derived?: SqlSelect;
}

export interface SqlStar {
  /** `t` in `t.*`; undefined for a bare `*`. */
  qualifier?: string;
  /** Offsets of the `*` (or `t.*`) in the SQL text. */
  start: number;
  end: number;
}

export interface SqlSelect {
  start: number;
  stars: SqlStar[];
  /** Column expressions of the select list as written (for explicit lists). */
  columns: string[];
  tables: SqlTableRef[];
  /** The select is the statement's result (not inside EXISTS, IN, a CTE body or a derived table). */
  topLevel: boolean;
  /** Inside `EXISTS (…)` or `IN (…)`: its columns never leave the database. */
  predicate: boolean;
}

export type SqlStatementKind =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'create'
  | 'drop'
  | 'truncate'
  | 'copy'
  | 'with'
  | 'other';

export interface SqlStatement {
  kind: SqlStatementKind;
  start: number;
  end: number;
  selects: SqlSelect[];
  /** Table written by INSERT INTO / CREATE TABLE / SELECT … INTO / UPDATE / COPY … FROM. */
  target?: string;
  /** Explicit column list of INSERT INTO t (a, b). */
  targetColumns?: string[];
  /** Tables removed or emptied (DROP TABLE, TRUNCATE, DELETE FROM). */
  removed: string[];
  /** COPY t TO …: the table copied out. */
  copiedOut?: string;
  /** CREATE TABLE … AS SELECT / SELECT … INTO: a table filled from a query. */
  fromQuery: boolean;
}

const STOP_AFTER_FROM = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'WINDOW',
  'FETCH',
  'FOR',
  'RETURNING',
  'ON',
  'USING',
  'INTO',
  'VALUES',
  'SET',
  'QUALIFY',
]);
const JOIN_WORDS = new Set([
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'OUTER',
  'CROSS',
  'NATURAL',
  'LATERAL',
  'STRAIGHT_JOIN',
]);
const NOT_ALIAS = new Set([...STOP_AFTER_FROM, ...JOIN_WORDS, 'AS', 'SELECT', 'FROM']);

/** Splits SQL into tokens, dropping comments and whitespace; strings become one token. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (ch === '#' && (i === 0 || /\s/.test(sql[i - 1]!))) {
      while (i < n && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (ch === "'") {
      const start = i++;
      while (i < n) {
        if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === '\\') i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i = Math.min(i + 1, n);
      tokens.push({ type: 'string', value: '', text: sql.slice(start, i), start, end: i, depth });
    } else if (ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      const start = i;
      const stop = sql.indexOf(close, i + 1);
      i = stop < 0 ? n : stop + 1;
      const text = sql.slice(start + 1, stop < 0 ? n : stop);
      tokens.push({ type: 'word', value: text.toUpperCase(), text, start, end: i, depth });
    } else if (/[A-Za-z_\u00C0-\u024F$@:]/.test(ch)) {
      const start = i;
      i++;
      while (i < n && /[A-Za-z0-9_\u00C0-\u024F$]/.test(sql[i]!)) i++;
      const text = sql.slice(start, i);
      tokens.push({ type: 'word', value: text.toUpperCase(), text, start, end: i, depth });
    } else if (/[0-9]/.test(ch)) {
      const start = i;
      while (i < n && /[0-9.]/.test(sql[i]!)) i++;
      tokens.push({
        type: 'number',
        value: sql.slice(start, i),
        text: sql.slice(start, i),
        start,
        end: i,
        depth,
      });
    } else {
      if (ch === ')') depth = Math.max(0, depth - 1);
      tokens.push({ type: 'punct', value: ch, text: ch, start: i, end: i + 1, depth });
      if (ch === '(') depth++;
      i++;
    }
  }
  return tokens;
}

/** Quick pre-check so that ordinary strings are never tokenised. */
export function looksLikeSql(text: string): boolean {
  return (
    /\b(select|insert|update|delete|create|drop|truncate|copy|with)\b[\s\S]*\b(from|into|table|set|to|as)\b/i.test(
      text,
    ) || /^\s*(truncate|drop\s+table)\s+[\w"`[]/i.test(text)
  );
}

/** Scans SQL text (possibly several statements) into statements. */
export function scanSql(sql: string): SqlStatement[] {
  const tokens = tokenizeSql(sql);
  const statements: SqlStatement[] = [];
  let begin = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i === tokens.length || (tokens[i]!.value === ';' && tokens[i]!.depth === 0)) {
      if (i > begin) statements.push(statement(tokens.slice(begin, i)));
      begin = i + 1;
    }
  }
  return statements;
}

function statement(tokens: SqlToken[]): SqlStatement {
  const first = tokens[0]!;
  const kindWord = first.value;
  const kind: SqlStatementKind =
    kindWord === 'SELECT' ||
    kindWord === 'INSERT' ||
    kindWord === 'UPDATE' ||
    kindWord === 'DELETE' ||
    kindWord === 'CREATE' ||
    kindWord === 'DROP' ||
    kindWord === 'TRUNCATE' ||
    kindWord === 'COPY' ||
    kindWord === 'WITH'
      ? (kindWord.toLowerCase() as SqlStatementKind)
      : first.value === '('
        ? 'select'
        : 'other';
  const result: SqlStatement = {
    kind,
    start: first.start,
    end: tokens[tokens.length - 1]!.end,
    selects: [],
    removed: [],
    fromQuery: false,
  };
  const ctes = new Map<string, SqlSelect>();
  const selectAt = new Map<number, SqlSelect>();
  // Parse innermost selects first so that derived tables can point at them.
  const selectIndexes = tokens
    .map((token, index) => (token.value === 'SELECT' ? index : -1))
    .filter((index) => index >= 0)
    .sort((a, b) => tokens[b]!.depth - tokens[a]!.depth);
  for (const index of selectIndexes) {
    selectAt.set(index, parseSelect(tokens, index, selectAt, ctes));
  }
  // CTE names: WITH name AS ( SELECT … )
  if (kind === 'with') {
    for (let i = 1; i + 3 < tokens.length; i++) {
      const t = tokens[i]!;
      if (
        t.type === 'word' &&
        t.depth === 0 &&
        tokens[i + 1]?.value === 'AS' &&
        tokens[i + 2]?.value === '('
      ) {
        const inner = selectAt.get(i + 3);
        if (inner) ctes.set(t.value, inner);
      }
    }
    // Re-resolve table refs that name a CTE.
    for (const select of selectAt.values()) {
      for (const table of select.tables) {
        const cte = ctes.get(table.name.toUpperCase());
        if (cte && cte !== select) table.derived = cte;
      }
    }
  }
  const topDepth = kind === 'with' ? 0 : first.value === '(' ? 1 : 0;
  for (const [index, select] of selectAt) {
    const token = tokens[index]!;
    const prev = tokens[index - 1];
    const beforeParen = prev?.value === '(' ? tokens[index - 2] : undefined;
    select.predicate =
      beforeParen !== undefined &&
      (beforeParen.value === 'EXISTS' ||
        beforeParen.value === 'IN' ||
        beforeParen.value === 'ANY' ||
        beforeParen.value === 'ALL');
    select.topLevel = token.depth === topDepth && !select.predicate;
  }
  result.selects = [...selectAt.entries()].sort((a, b) => a[0] - b[0]).map(([, select]) => select);

  const word = (i: number) => tokens[i]?.value;
  const nameAt = (i: number): string | undefined => {
    const t = tokens[i];
    if (!t || t.type !== 'word') return undefined;
    let name = t.text;
    let j = i;
    while (tokens[j + 1]?.value === '.' && tokens[j + 2]?.type === 'word') {
      name += `.${tokens[j + 2]!.text}`;
      j += 2;
    }
    return name;
  };
  const skipIfExists = (i: number) => {
    let j = i;
    if (word(j) === 'IF' && word(j + 1) === 'EXISTS') j += 2;
    if (word(j) === 'IF' && word(j + 1) === 'NOT' && word(j + 2) === 'EXISTS') j += 3;
    return j;
  };
  switch (kind) {
    case 'insert': {
      const into = tokens.findIndex((t) => t.value === 'INTO');
      if (into >= 0) {
        result.target = nameAt(into + 1);
        let j = into + 2;
        while (tokens[j]?.value === '.') j += 2;
        if (tokens[j]?.value === '(' && word(j + 1) !== 'SELECT') {
          const columns: string[] = [];
          const depth = tokens[j]!.depth + 1;
          for (
            j++;
            j < tokens.length && !(tokens[j]!.value === ')' && tokens[j]!.depth === depth - 1);
            j++
          ) {
            if (tokens[j]!.type === 'word' && tokens[j]!.depth === depth)
              columns.push(tokens[j]!.text);
          }
          result.targetColumns = columns;
        }
      }
      break;
    }
    case 'create': {
      let j = 1;
      while (
        ['TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'OR', 'REPLACE'].includes(
          word(j) ?? '',
        )
      )
        j++;
      if (word(j) === 'TABLE') {
        j = skipIfExists(j + 1);
        result.target = nameAt(j);
        result.fromQuery = tokens.some(
          (t, k) =>
            t.value === 'AS' &&
            (word(k + 1) === 'SELECT' || (word(k + 1) === '(' && word(k + 2) === 'SELECT')),
        );
      }
      break;
    }
    case 'drop':
    case 'truncate': {
      let j = 1;
      if (word(j) === 'TABLE') j++;
      j = skipIfExists(j);
      for (; j < tokens.length; j++) {
        const name = nameAt(j);
        if (name) result.removed.push(name);
        while (tokens[j + 1]?.value === '.') j += 2;
        if (tokens[j + 1]?.value !== ',') break;
        j++;
      }
      break;
    }
    case 'delete': {
      const from = tokens.findIndex((t) => t.value === 'FROM');
      const name = from >= 0 ? nameAt(from + 1) : undefined;
      if (name) result.removed.push(name);
      break;
    }
    case 'update':
      result.target = nameAt(1);
      break;
    case 'copy': {
      const table = nameAt(1);
      const direction = tokens.find(
        (t) => t.depth === 0 && (t.value === 'TO' || t.value === 'FROM'),
      );
      if (direction?.value === 'TO') result.copiedOut = table ?? '(query)';
      else result.target = table;
      break;
    }
    default:
      break;
  }
  // SELECT … INTO new_table FROM …
  if (kind === 'select' || kind === 'with') {
    const into = tokens.findIndex((t) => t.value === 'INTO' && t.depth === 0);
    if (into >= 0) {
      result.target = nameAt(into + 1);
      result.fromQuery = true;
    }
  }
  return result;
}

function parseSelect(
  tokens: SqlToken[],
  index: number,
  selectAt: Map<number, SqlSelect>,
  ctes: Map<string, SqlSelect>,
): SqlSelect {
  const depth = tokens[index]!.depth;
  const select: SqlSelect = {
    start: tokens[index]!.start,
    stars: [],
    columns: [],
    tables: [],
    topLevel: false,
    predicate: false,
  };
  let i = index + 1;
  // Skip DISTINCT / ALL / TOP n.
  while (
    ['DISTINCT', 'ALL', 'TOP', 'SQL_CALC_FOUND_ROWS'].includes(tokens[i]?.value ?? '') ||
    (tokens[i - 1]?.value === 'TOP' && tokens[i]?.type === 'number')
  )
    i++;
  let itemStart = i;
  const finishItem = (end: number) => {
    const item = tokens.slice(itemStart, end).filter((t) => t.depth === depth);
    if (item.length === 1 && item[0]!.value === '*') {
      select.stars.push({ start: item[0]!.start, end: item[0]!.end });
    } else if (
      item.length === 3 &&
      item[1]!.value === '.' &&
      item[2]!.value === '*' &&
      item[0]!.type === 'word'
    ) {
      select.stars.push({ qualifier: item[0]!.text, start: item[0]!.start, end: item[2]!.end });
    } else if (end > itemStart) {
      select.columns.push(
        tokens
          .slice(itemStart, end)
          .map((t) => t.text)
          .join(' '),
      );
    }
  };
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth < depth) {
      finishItem(i);
      return select;
    }
    if (t.depth !== depth) continue;
    if (t.value === ',') {
      finishItem(i);
      itemStart = i + 1;
    } else if (
      t.value === 'FROM' ||
      t.value === 'INTO' ||
      t.value === 'UNION' ||
      t.value === 'WHERE' ||
      t.value === 'ORDER' ||
      t.value === 'LIMIT'
    ) {
      finishItem(i);
      break;
    }
  }
  if (i === tokens.length) finishItem(i);
  // INTO target before FROM (SELECT … INTO t FROM …): skip to FROM.
  while (i < tokens.length && tokens[i]!.value !== 'FROM' && tokens[i]!.depth >= depth) {
    if (tokens[i]!.depth === depth && (tokens[i]!.value === 'UNION' || tokens[i]!.value === ')'))
      return select;
    i++;
  }
  if (tokens[i]?.value !== 'FROM') return select;
  i++;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth < depth) break;
    if (t.depth !== depth) continue;
    if (t.type === 'word' && STOP_AFTER_FROM.has(t.value)) {
      if (t.value === 'ON' || t.value === 'USING') {
        // Skip the join condition up to the next join or comma.
        while (
          i + 1 < tokens.length &&
          tokens[i + 1]!.depth >= depth &&
          !(
            tokens[i + 1]!.depth === depth &&
            (JOIN_WORDS.has(tokens[i + 1]!.value) ||
              tokens[i + 1]!.value === ',' ||
              (STOP_AFTER_FROM.has(tokens[i + 1]!.value) && tokens[i + 1]!.value !== 'ON'))
          )
        )
          i++;
        continue;
      }
      break;
    }
    if (t.value === ',' || JOIN_WORDS.has(t.value)) continue;
    if (t.value === '(') {
      const inner = selectAt.get(i + 1);
      let j = i + 1;
      while (j < tokens.length && !(tokens[j]!.value === ')' && tokens[j]!.depth === depth)) j++;
      const aliasIndex = tokens[j + 1]?.value === 'AS' ? j + 2 : j + 1;
      const alias =
        tokens[aliasIndex]?.type === 'word' && !NOT_ALIAS.has(tokens[aliasIndex]!.value)
          ? tokens[aliasIndex]!.text
          : undefined;
      if (inner)
        select.tables.push({
          name: alias ?? '(subquery)',
          alias,
          start: t.start,
          end: tokens[j]?.end ?? t.end,
          derived: inner,
        });
      i = alias !== undefined ? aliasIndex : j;
      continue;
    }
    if (t.type === 'word') {
      let name = t.text;
      let end = t.end;
      while (tokens[i + 1]?.value === '.' && tokens[i + 2]?.type === 'word') {
        name += `.${tokens[i + 2]!.text}`;
        end = tokens[i + 2]!.end;
        i += 2;
      }
      let alias: string | undefined;
      const next = tokens[i + 1];
      if (next?.value === 'AS' && tokens[i + 2]?.type === 'word') {
        alias = tokens[i + 2]!.text;
        i += 2;
      } else if (next?.type === 'word' && next.depth === depth && !NOT_ALIAS.has(next.value)) {
        alias = next.text;
        i += 1;
      }
      const ref: SqlTableRef = { name, alias, start: t.start, end };
      const cte = ctes.get(name.toUpperCase());
      if (cte) ref.derived = cte;
      select.tables.push(ref);
    }
  }
  return select;
}

/** The table references a star selects from: all of them, or those its qualifier names (`p.*`). */
export function refsUnderStar(select: SqlSelect, star: SqlStar): SqlTableRef[] {
  if (!star.qualifier) return select.tables;
  const qualifier = star.qualifier.toUpperCase();
  return select.tables.filter(
    (t) =>
      (t.alias ?? t.name.split('.').pop())?.toUpperCase() === qualifier ||
      t.name.toUpperCase() === qualifier,
  );
}

/**
 * The base tables whose every column a star pulls: `*` covers all FROM tables, `t.*` the table
 * aliased `t`; a derived table or CTE with an explicit column list stops the star.
 */
export function tablesUnderStar(
  select: SqlSelect,
  star: SqlStar,
  seen = new Set<SqlSelect>(),
): string[] {
  seen.add(select);
  const names: string[] = [];
  for (const ref of refsUnderStar(select, star)) {
    if (ref.derived) {
      if (seen.has(ref.derived)) continue;
      for (const innerStar of ref.derived.stars)
        names.push(...tablesUnderStar(ref.derived, innerStar, seen));
    } else {
      names.push(ref.name);
    }
  }
  return names;
}

/** Every base table a statement reads (FROM and JOIN of all its selects). */
/** What `selectedValue` answers for `COUNT(…)`: a number, whatever it counts. */
export const COUNT_VALUE = 'COUNT()';

/**
 * What one column of a select list returns, from its text as scanned (`p . id`, `COUNT ( * ) :
 * :text as count`): the column's name without table, quotes, cast or alias (`id`), `COUNT_VALUE`
 * for a count, undefined for any other expression.
 */
export function selectedValue(column: string): string | undefined {
  const expression = column
    .trim()
    .replace(/\s*([.():*])\s*/g, '$1')
    .replace(/\s+(?:as\s+)?[\w"`]+$/i, '')
    .replace(/::\w+$/, '')
    .trim();
  if (/^count\(/i.test(expression)) return COUNT_VALUE;
  const name =
    expression
      .replace(/["`[\]]/g, '')
      .split('.')
      .pop() ?? '';
  return /^\w+$/.test(name) ? name : undefined;
}

export function tablesRead(statement: SqlStatement): string[] {
  const names = new Set<string>();
  for (const select of statement.selects)
    for (const table of select.tables) if (!table.derived) names.add(table.name);
  return [...names];
}
