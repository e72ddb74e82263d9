import type { FileReport } from './findings';
import type { Summary } from './summary';

export interface JsonReport {
  tool: { name: string; version: string };
  summary: Summary;
  findings: FileReport['findings'];
  /** Present with --list-suppressions: every finding an eslint-disable comment still hides. */
  suppressions?: FileReport['suppressed'];
}

export function formatJson(
  reports: readonly FileReport[],
  summary: Summary,
  tool: JsonReport['tool'],
  listSuppressions: boolean,
): string {
  const report: JsonReport = {
    tool,
    summary,
    findings: reports.flatMap((file) => file.findings),
  };
  if (listSuppressions) report.suppressions = reports.flatMap((file) => file.suppressed);
  return `${JSON.stringify(report, null, 2)}\n`;
}
