/**
 * Which reads of a file take every column of a patient table, and which export sinks their rows
 * reach: `SELECT *` and `SELECT p.*` over patient tables and `COPY patients TO` in SQL the file
 * spells out (strings, templates, constants), ORM and query-builder reads with no projection
 * (`orm-reads.ts`), pg_dump/mysqldump runs of patient tables, and the calls that write, upload or
 * send rows out (the catalogue's file writers, uploads, sheet/CSV writers, file transfers, and
 * the configured export functions). Patient tables are those of `patient-tables.ts` that hold
 * records; reference tables (`patient_types`) never count.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, sourceRangeOf, walk } from '../ast';
import {
  DESCRIPTOR_WRITERS,
  FILE_TRANSFER_UPLOADS,
  PATH_WRITERS,
  PROCESS_RUNNERS,
  ROW_SINK_NAMES,
  UPLOAD_NAMES,
} from '../apis';
import { dumpCommand } from '../dump-commands';
import { isPatientRecordsTable } from '../patient-tables';
import type { Taint } from '../provenance';
import { mayHoldSqlRead, sqlTextOfCall, sqlTextOfNew } from '../sql-calls';
import { type SqlStatement, tablesUnderStar } from '../sql';
import { endsChain, OrmReads } from './orm-reads';
import { type ReadEnv, SQL_SCHEMA_KINDS, type UnprojectedRead } from './types';

export type { ProjectionSite, ProjectionValue, UnprojectedRead } from './types';
export { SQL_SCHEMA_KINDS } from './types';

/**
 * Where an export's rows go: the file system's writers, uploads to object storage, sheets and CSV
 * writers, and file transfers.
 */
const EXPORT_SINKS: ReadonlySet<string> = new Set([
  ...PATH_WRITERS.keys(),
  ...DESCRIPTOR_WRITERS.keys(),
  ...UPLOAD_NAMES,
  ...ROW_SINK_NAMES,
  ...FILE_TRANSFER_UPLOADS.keys(),
]);

type SinkCall = TSESTree.CallExpression | TSESTree.NewExpression;

/** A read whose rows reach an export sink: the sink, the argument they reach it in, and how. */
export interface SinkReached {
  sink: SinkCall;
  sinkName: string;
  argument: TSESTree.Node;
  taint: Taint;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The unprojected reads of patient tables in one file and its export sinks, collected as the file
 * is walked (`onCall`, `onNew`, `onTaggedTemplate`), in the order they are met.
 */
export class UnprojectedReads {
  readonly reads: UnprojectedRead[] = [];
  /** Every call and `new` met, in source order: which are export sinks is asked only of a file with reads. */
  private readonly calls: SinkCall[] = [];
  private readonly env: ReadEnv;
  private readonly orm: OrmReads;
  // What the SQL checks report needs a SELECT (its star) or a COPY … TO in SQL that the file
  // spells out in its own strings; a file that never writes either word skips every argument's
  // constant folding (about half the bench corpus: ORMs' non-SQL files, servers, clients).
  private readonly mayHoldSql: boolean;

  constructor(env: Omit<ReadEnv, 'add'>) {
    this.env = { ...env, add: (read) => this.reads.push(read) };
    this.orm = new OrmReads(this.env);
    this.mayHoldSql = mayHoldSqlRead(env.sourceCode.text);
  }

  onCall(node: TSESTree.CallExpression): void {
    const sql = sqlTextOfCall(node);
    if (sql) this.checkSql(sql, node);
    const name = calleeName(node.callee);
    if (name && PROCESS_RUNNERS.has(name)) this.checkDump(node);
    this.calls.push(node);
    if (endsChain(node)) this.orm.checkChainEnd(node);
  }

  onNew(node: TSESTree.NewExpression): void {
    this.calls.push(node);
    const sql = sqlTextOfNew(node);
    if (sql) this.checkSql(sql, node);
  }

  /**
   * An export sink by name: a known one (`writeFile`, `addRows`), or a call named like an export
   * — unless it calls a function of this file that writes nowhere (`exportCause(cause)` shaping a
   * response's value is no export).
   */
  private isExportSink(node: SinkCall, depth = 0): boolean {
    const name = calleeName(node.callee);
    if (!name) return false;
    if (EXPORT_SINKS.has(name)) return true;
    if (node.type !== AST_NODE_TYPES.CallExpression || !this.env.model().exportContext.match(name))
      return false;
    const callee = this.env.model().provenance.calledFunction(node, { localOnly: true });
    if (!callee || callee.file !== undefined) return true;
    if (depth >= 2) return true;
    let writes = false;
    walk(callee.fn.body, (inner) => {
      if (writes) return false;
      if (
        (inner.type === AST_NODE_TYPES.CallExpression ||
          inner.type === AST_NODE_TYPES.NewExpression) &&
        this.isExportSink(inner, depth + 1)
      )
        writes = true;
      return undefined;
    });
    return writes;
  }

  onTaggedTemplate(node: TSESTree.TaggedTemplateExpression): void {
    // zx: $`pg_dump -t patients`.
    if (calleeName(node.tag) === '$') this.checkDump(node);
    else this.checkSql(node.quasi, node);
  }

  /**
   * For each read, the first export sink (in the order met) that an argument's patient data
   * comes from it, as provenance traces it.
   */
  sinksReached(reads: readonly UnprojectedRead[]): Map<UnprojectedRead, SinkReached> {
    const reached = new Map<UnprojectedRead, SinkReached>();
    if (reads.length === 0) return reached;
    for (const sink of this.calls) {
      if (!this.isExportSink(sink)) continue;
      for (const argument of sink.arguments) {
        const taint = this.env.model().provenance.trace(argument);
        if (!taint) continue;
        for (const read of reads) {
          if (reached.has(read)) continue;
          if (contains(read.read, taint.source) || contains(taint.source, read.read)) {
            const sinkName = calleeName(sink.callee) ?? 'an export';
            reached.set(read, { sink, sinkName, argument, taint });
          }
        }
      }
    }
    return reached;
  }

  private isPatientTable(name: string): boolean {
    return isPatientRecordsTable(name, this.env.model().classifier);
  }

  private locOf(range: [number, number]): TSESTree.SourceLocation {
    const sourceCode = this.env.sourceCode;
    return {
      start: sourceCode.getLocFromIndex(range[0]),
      end: sourceCode.getLocFromIndex(range[1]),
    };
  }

  private schemaOf(table: string) {
    const schemas = this.env.schemas();
    return schemas.lookup(table, SQL_SCHEMA_KINDS) ?? schemas.lookup(table);
  }

  /** SQL text: strings, templates, concatenations and constants reaching a call or a tag. */
  private checkSql(expr: TSESTree.Node, read: TSESTree.Node): void {
    if (!this.mayHoldSql) return;
    const sql = this.env.model().provenance.sqlOf(expr);
    if (!sql) return;
    const seenStars = new Set<number>();
    for (const statement of sql.statements) {
      const copySelect = statement.kind === 'copy' ? statement.selects[0] : undefined;
      if (statement.copiedOut && statement.copiedOut !== '(query)')
        this.checkCopy(statement, sql.value, expr, read);
      for (const select of statement.selects) {
        if (select.predicate || (!select.topLevel && select !== copySelect)) continue;
        for (const star of select.stars) {
          if (seenStars.has(star.start)) continue;
          seenStars.add(star.start);
          const tables = [...new Set(tablesUnderStar(select, star))].filter((t) =>
            this.isPatientTable(t),
          );
          if (tables.length === 0) continue;
          const range = sourceRangeOf(sql.value, star.start, star.end);
          const table = tables[0]!;
          this.env.add({
            kind: 'star',
            read,
            loc: range ? this.locOf(range) : expr.loc,
            key: range ? `star:${range[0]}` : `node:${expr.range[0]}:${star.start}`,
            table: tables.length > 1 ? tables.join('`, `') : table,
            what: star.qualifier ? `${star.qualifier}.*` : '*',
            explicitStar: true,
            schema: this.schemaOf(table),
            projection: { kind: 'sqlStar', select, star, range },
          });
        }
      }
    }
  }

  /** `COPY patients TO …` with no column list. */
  private checkCopy(
    statement: SqlStatement,
    value: Parameters<typeof sourceRangeOf>[0],
    expr: TSESTree.Node,
    read: TSESTree.Node,
  ): void {
    const table = statement.copiedOut!;
    if (!this.isPatientTable(table)) return;
    const text = value.text.slice(statement.start, statement.end);
    const match = /^COPY\s+((?:"[^"]+"|[\w$.]+))(\s*\()?/i.exec(text);
    if (!match || match[2]) return; // COPY t (a, b) TO … lists its columns
    const nameStart = statement.start + match[0].indexOf(match[1]!);
    const nameEnd = nameStart + match[1]!.length;
    const range = sourceRangeOf(value, nameStart, nameEnd);
    this.env.add({
      kind: 'star',
      read,
      loc: range ? this.locOf(range) : expr.loc,
      key: range ? `copy:${range[0]}` : `copy:${expr.range[0]}`,
      table,
      what: `COPY ${match[1]} TO`,
      explicitStar: true,
      schema: this.schemaOf(table),
      projection: { kind: 'copyColumns', table, what: `COPY ${match[1]}`, range },
    });
  }

  /** A dump of patient tables (pg_dump, mysqldump, mongodump, …) run from the code. */
  private checkDump(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
    const dump = dumpCommand(node, this.env.model().provenance.scopeOf);
    // A schema-only dump carries no row of any table.
    if (!dump || dump.noData) return;
    for (const table of dump.tables) {
      const name = table.name;
      if (!this.isPatientTable(name)) continue;
      this.env.add({
        kind: 'dump',
        read: node,
        loc: table.node.loc,
        key: `dump:${table.node.range[0]}:${name}`,
        table: name,
        what: `${dump.tool} ${name}`,
        explicitStar: false,
        schema: this.env.schemas().lookup(name),
      });
    }
  }
}
