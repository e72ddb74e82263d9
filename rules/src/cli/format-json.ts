import type { Edit, FileReport, Finding, RelatedFinding } from './findings';
import { minimalEdits } from './minimal-edits';
import type { Summary } from './summary';

/** One replacement as reported: offsets, positions and the new text only. */
export type JsonEdit = Omit<Edit, 'before'>;

export interface JsonFinding extends Omit<Finding, 'fix' | 'suggestions' | 'related'> {
  /** The fix as the smallest replacements, applied in order. */
  fix?: { edits: JsonEdit[] };
  suggestions: { description: string; edits: JsonEdit[] }[];
  /** Where the patient data came from, the path it took, cross-file sites; empty when none. */
  related: RelatedFinding[];
}

export interface JsonReport {
  tool: { name: string; version: string };
  summary: Summary;
  findings: JsonFinding[];
  /** Present with --list-suppressions: every finding an eslint-disable comment still hides. */
  suppressions?: JsonFinding[];
}

// The replaced text is the flagged code itself (a literal password, a NIR) and a rule's rewrite
// of a block repeats it: reports end up in CI artifacts, so they carry only what is new.
function reported(edit: Edit): JsonEdit[] {
  return minimalEdits(edit).map(({ before: _before, ...piece }) => piece);
}

function toJsonFinding({ fix, suggestions, related, ...finding }: Finding): JsonFinding {
  return {
    ...finding,
    related: related ?? [],
    ...(fix ? { fix: { edits: reported(fix) } } : {}),
    suggestions: suggestions.map((s) => ({ description: s.description, edits: reported(s.edit) })),
  };
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
    findings: reports.flatMap((file) => file.findings.map(toJsonFinding)),
  };
  if (listSuppressions)
    report.suppressions = reports.flatMap((file) => file.suppressed.map(toJsonFinding));
  return `${JSON.stringify(report, null, 2)}\n`;
}
