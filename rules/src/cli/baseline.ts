import { readFileSync, writeFileSync } from 'node:fs';
import type { FileReport } from './findings';

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

/** Drops the findings recorded in the baseline; returns the new reports and how many were dropped. */
export function applyBaseline(
  reports: readonly FileReport[],
  baseline: Baseline,
): { reports: FileReport[]; baselined: number } {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  let baselined = 0;
  const filtered = reports.map((report) => {
    const findings = report.findings.filter((finding) => !known.has(finding.fingerprint));
    baselined += report.findings.length - findings.length;
    return { ...report, findings };
  });
  return { reports: filtered, baselined };
}
