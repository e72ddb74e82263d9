/**
 * What SQL stages: `SELECT … INTO OUTFILE` writes a server file; `CREATE TABLE … AS SELECT` and
 * `SELECT … INTO` fill a table (temporary tables excepted: they die with the session);
 * `INSERT … SELECT` fills a staging table — one named like one (`STAGING_WORDS`) or created by
 * the same file — or, into any other table, copies patient tables into a new system (a source
 * migration). Only statements that read or write patient tables count.
 */
import { describeLiteralForMessage } from '../redact';
import { tablesRead } from '../sql';
import { tokenize } from '../tokens';
import { type MigrationFile, normalTable, type SqlUse, tablesForMessage } from './file';
import type { Staging } from './facts';
import { STAGING_WORDS } from './words';

/** The stagings of the SQL one driver call or tag runs. */
export function sqlStagings(file: MigrationFile, use: SqlUse): Staging[] {
  const provenance = file.model.provenance;
  const sql = provenance.sqlOf(use.sql);
  if (!sql) return [];
  const node = use.node;
  const result: Staging[] = [];
  for (const statement of sql.statements) {
    const raw = sql.value.text.slice(statement.start, statement.end);
    const target = statement.target;
    if (!target) continue;
    const read = tablesRead(statement).filter((t) => provenance.isPatientTable(t));
    const patient = read.length > 0 || provenance.isPatientTable(target);
    if (!patient) continue;
    const data = () =>
      read.length
        ? `patient records from ${tablesForMessage(read)}`
        : `patient records (\`${target}\`)`;
    if (/^\s*(?:select|with)\b/i.test(raw) && /\binto\s+(?:outfile|dumpfile)\b/i.test(raw)) {
      const outfile = /\binto\s+(?:outfile|dumpfile)\s+'([^']+)'/i.exec(raw)?.[1];
      result.push({
        node,
        kind: 'file',
        where: `server file \`${outfile ? describeLiteralForMessage(outfile) : 'OUTFILE'}\``,
        data,
      });
      continue;
    }
    if (
      statement.fromQuery &&
      (statement.kind === 'create' || statement.kind === 'select' || statement.kind === 'with')
    ) {
      // Temporary tables die with the session that made them.
      if (/^\s*create\s+(?:(?:global|local)\s+)?temp(?:orary)?\b/i.test(raw)) continue;
      result.push(tableStaging(use, target, data));
      continue;
    }
    if (statement.kind === 'insert' && statement.selects.length > 0) {
      if (isStagingTable(file, target)) {
        result.push(tableStaging(use, target, data));
      } else if (read.length) {
        result.push({
          node,
          kind: 'table',
          where: `table \`${target}\``,
          table: normalTable(target),
          data,
          source: { tables: read },
        });
      }
    }
  }
  return result;
}

function tableStaging(use: SqlUse, target: string, data: () => string): Staging {
  return {
    node: use.node,
    kind: 'table',
    where: `table \`${target}\``,
    table: normalTable(target),
    data,
    fix: target.includes('__hole__')
      ? undefined
      : { sink: 'table', call: use.call, tagged: use.tagged },
  };
}

/** A table named like a hand-over place, or created by the same file. */
export function isStagingTable(file: MigrationFile, name: string): boolean {
  const normal = normalTable(name);
  if (createdTables(file).has(normal)) return true;
  return tokenize(normal).some((w) => STAGING_WORDS.has(w));
}

/** Tables this file creates: a table made and filled by the same code is a staging table. */
function createdTables(file: MigrationFile): Set<string> {
  if (file.memo.createdTables) return file.memo.createdTables;
  const created = new Set<string>();
  file.memo.createdTables = created;
  for (const use of file.sqlUses) {
    const sql = file.model.provenance.sqlOf(use.sql);
    for (const statement of sql?.statements ?? [])
      if (statement.kind === 'create' && statement.target)
        created.add(normalTable(statement.target));
  }
  return created;
}

/** A staging table as its SQL spells it (`"Staging"."Patients"`), for a statement that drops it. */
export function tableSpelling(file: MigrationFile, staging: Staging): string | undefined {
  if (!staging.table) return undefined;
  const use = file.sqlUses.find((entry) => entry.node === staging.node);
  const statements = use ? (file.model.provenance.sqlOf(use.sql)?.statements ?? []) : [];
  return (
    statements.find((s) => s.target && normalTable(s.target) === staging.table)?.target ??
    staging.table
  );
}
