import { readFileSync, writeFileSync } from 'node:fs';
import { type FileReport, type Finding, PARSE_ERROR_RULE_ID } from './findings';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
}

export interface Baseline {
  version: number;
  tool: { name: string; version: string };
  entries: BaselineEntry[];
}

/** Thrown for an unreadable or malformed baseline: a usage error (exit 2), never silently empty. */
export class BaselineError extends Error {}

export function createBaseline(reports: readonly FileReport[], tool: Baseline['tool']): Baseline {
  const entries = reports
    .flatMap((report) => report.findings)
    .map(({ ruleId, file, fingerprint }) => ({ ruleId, file, fingerprint }))
    .sort(
      (a, b) =>
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.fingerprint < b.fingerprint ? -1 : 1),
    );
  return { version: BASELINE_VERSION, tool, entries };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

export function readBaseline(path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BaselineError(`cannot read baseline ${path}: ${reason}`);
  }
  const baseline = data as Partial<Baseline> | null;
  if (
    typeof baseline !== 'object' ||
    baseline === null ||
    baseline.version !== BASELINE_VERSION ||
    !Array.isArray(baseline.entries) ||
    !baseline.entries.every(
      (entry) =>
        typeof entry?.fingerprint === 'string' &&
        typeof entry.ruleId === 'string' &&
        typeof entry.file === 'string',
    )
  ) {
    throw new BaselineError(
      `${path} is not a health-data-lint baseline (version ${BASELINE_VERSION}); rewrite it with --write-baseline`,
    );
  }
  return baseline as Baseline;
}

export interface BaselineComparison {
  /** The reports without the findings the baseline records. */
  reports: FileReport[];
  /** How many findings the baseline hid. */
  baselined: number;
  /** The findings the baseline hid (SARIF `unchanged`). */
  unchanged: Finding[];
  /** Entries whose finding no longer occurs (SARIF `absent`): candidates for --prune-baseline. */
  fixed: BaselineEntry[];
}

/**
 * Drops the findings recorded in the baseline, and finds the entries that are fixed. An entry is
 * fixed only when this run could have seen its finding: its file was linted and parsed (and, for
 * any finding but a parse error, every file of the run parsed), or the file is gone (`isGone`). Entries of files left out of the run (other paths, --changed-since,
 * too large, ignored) stay: nothing is known of them.
 */
export function applyBaseline(
  reports: readonly FileReport[],
  baseline: Baseline,
  isGone: (file: string) => boolean = () => false,
): BaselineComparison {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  let baselined = 0;
  const unchanged: Finding[] = [];
  const filtered = reports.map((report) => {
    const findings: Finding[] = [];
    for (const finding of report.findings)
      (known.has(finding.fingerprint) ? unchanged : findings).push(finding);
    baselined += report.findings.length - findings.length;
    return { ...report, findings };
  });
  const occurring = new Set(unchanged.map((finding) => finding.fingerprint));
  // A file that did not parse was not checked: its entries may well still be there. Nor were the
  // facts other files take from it (a route mounted there, a helper summarised from it): with
  // one in the run, only parse errors that are gone count as fixed.
  const doesNotParse = (report: FileReport) =>
    report.findings.some((f) => f.ruleId === PARSE_ERROR_RULE_ID);
  const unparsed = reports.some(doesNotParse);
  const checked = new Set(
    reports.filter((report) => !doesNotParse(report)).map((report) => report.file),
  );
  const linted = new Set(reports.map((report) => report.file));
  const fixed = baseline.entries.filter(
    (entry) =>
      !occurring.has(entry.fingerprint) &&
      (!unparsed || entry.ruleId === PARSE_ERROR_RULE_ID || !linted.has(entry.file)) &&
      (checked.has(entry.file) || (!linted.has(entry.file) && isGone(entry.file))),
  );
  return { reports: filtered, baselined, unchanged, fixed };
}

/** The baseline without the fixed entries; it never gains an entry. */
export function pruneBaseline(baseline: Baseline, fixed: readonly BaselineEntry[]): Baseline {
  const removed = new Set(fixed);
  return { ...baseline, entries: baseline.entries.filter((entry) => !removed.has(entry)) };
}
