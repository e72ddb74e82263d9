import type { SkippedFile } from './discover';
import type { FileReport, Finding } from './findings';

export interface Summary {
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  /** Findings per rule id, rule ids sorted. */
  byRule: Record<string, number>;
  /** Findings hidden because their fingerprint is in the baseline. */
  baselined: number;
  /** Findings hidden by an eslint-disable comment still in force. */
  suppressed: number;
  skipped: number;
}

export function allFindings(reports: readonly FileReport[]): Finding[] {
  return reports.flatMap((report) => report.findings);
}

export function summarize(
  reports: readonly FileReport[],
  skipped: readonly SkippedFile[],
  baselined = 0,
): Summary {
  const findings = allFindings(reports);
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  return {
    files: reports.length,
    findings: findings.length,
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    byRule: Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1))),
    baselined,
    suppressed: reports.reduce((sum, report) => sum + report.suppressed.length, 0),
    skipped: skipped.length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line: files, findings by rule, and what was hidden (baseline, suppressions, skipped). */
export function summaryLine(summary: Summary): string {
  const rules = Object.entries(summary.byRule)
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  const parts = [
    `${plural(summary.files, 'file')} linted`,
    `${plural(summary.findings, 'finding')}${rules ? ` (${rules})` : ''}`,
  ];
  if (summary.baselined > 0) parts.push(`${summary.baselined} baselined`);
  if (summary.suppressed > 0) parts.push(`${summary.suppressed} suppressed`);
  if (summary.skipped > 0) parts.push(`${plural(summary.skipped, 'file')} skipped`);
  return parts.join(', ');
}
