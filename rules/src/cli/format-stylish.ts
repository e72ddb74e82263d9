import { maskIdentifying } from '../model/redact';
import type { Edit, FileReport, Finding, Position, Suggestion } from './findings';
import { type Summary, summaryLine } from './summary';

const MAX_SNIPPET = 60;

function snippet(text: string): string {
  const flat = text.replace(/\r?\n\s*/g, ' ⏎ ');
  return JSON.stringify(flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET - 1)}…` : flat);
}

function advance(start: Position, text: string): Position {
  const lines = text.split('\n');
  return lines.length === 1
    ? { line: start.line, column: start.column + text.length }
    : { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Says what a fix does in words a reviewer can check at a glance: only the part that changes,
 * since rules often rewrite a whole statement to add a few characters.
 */
export function describeEdit(edit: Edit): string {
  let prefix = 0;
  const limit = Math.min(edit.before.length, edit.text.length);
  while (prefix < limit && edit.before[prefix] === edit.text[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    edit.before[edit.before.length - 1 - suffix] === edit.text[edit.text.length - 1 - suffix]
  )
    suffix++;
  const removed = edit.before.slice(prefix, edit.before.length - suffix);
  const added = edit.text.slice(prefix, edit.text.length - suffix);
  const at = advance(edit.start, edit.before.slice(0, prefix));
  // Several changes merged into one replacement (an import plus a try/finally) read better as a span.
  if (removed.includes('\n') || added.includes('\n')) {
    const end = advance(at, removed);
    return at.line === end.line ? `edit line ${at.line}` : `edit lines ${at.line}-${end.line}`;
  }
  // The removed text is what the finding is about (a password, a NIR, a patient field): CI logs
  // are read far more widely than the code, so it is counted, never quoted.
  const span = `${removed.length} character${removed.length === 1 ? '' : 's'}`;
  if (added === '') return `delete ${span} at ${at.line}:${at.column}`;
  if (removed === '') return `insert ${snippet(added)} at ${at.line}:${at.column}`;
  return `replace ${span} with ${snippet(added)} at ${at.line}:${at.column}`;
}

/**
 * The code a suggestion leaves, as `--show-suggestions` prints it: the changed lines numbered as
 * in the file, with identifying values masked (CI logs travel further than the code).
 */
function resultingCode({ changed }: Suggestion): string[] {
  const width = Math.max(0, ...changed.lines.map(({ line }) => String(line).length));
  const out = changed.lines.map(
    ({ line, text }) => `  ${String(line).padStart(width)} | ${maskIdentifying(text)}`,
  );
  if (changed.deleted > 0)
    out.push(`  (${changed.deleted} line${changed.deleted === 1 ? '' : 's'} deleted)`);
  return out;
}

/**
 * The fix and suggestions on offer for a finding, one line each: a suggestion by its
 * description (what it does), with the code it leaves below it when asked.
 */
export function offers(finding: Finding, options: { showSuggestions?: boolean } = {}): string[] {
  const lines: string[] = [];
  if (finding.fix) lines.push(`fix: ${describeEdit(finding.fix)}`);
  for (const suggestion of finding.suggestions) {
    lines.push(`suggestion: ${suggestion.description}`);
    if (options.showSuggestions) lines.push(...resultingCode(suggestion));
  }
  return lines;
}

function suppressionLine(finding: Finding): string {
  const record = finding.suppression!;
  const expiry = record.expires ? `until ${record.expires}` : 'no expiry';
  const reason = record.reason === '' ? '(no reason given)' : record.reason;
  return `  ${finding.file}:${finding.line}  ${finding.ruleId}  ${expiry}  ${reason}`;
}

export interface StylishOptions {
  listSuppressions: boolean;
  /** Print the code each suggestion leaves (`--show-suggestions`). */
  showSuggestions?: boolean;
}

/** ESLint-like text: findings grouped by file, each with the fix or suggestions on offer. */
export function formatStylish(
  reports: readonly FileReport[],
  summary: Summary,
  options: StylishOptions,
): string {
  const out: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    out.push(report.file);
    const positions = report.findings.map((finding) => `${finding.line}:${finding.column}`);
    const width = Math.max(...positions.map((position) => position.length));
    const severityWidth = report.findings.some((finding) => finding.severity === 'warning') ? 7 : 5;
    report.findings.forEach((finding, index) => {
      const head = `  ${positions[index]!.padEnd(width)}  ${finding.severity.padEnd(severityWidth)}  `;
      out.push(`${head}${finding.message}  ${finding.ruleId}`);
      for (const offer of offers(finding, options)) out.push(`${' '.repeat(head.length)}${offer}`);
    });
    out.push('');
  }
  if (options.listSuppressions) {
    const suppressed = reports.flatMap((report) => report.suppressed);
    const expired = reports.flatMap((report) =>
      report.findings.filter((finding) => finding.suppression?.status === 'expired'),
    );
    out.push(`Suppressions (${suppressed.length} in force, ${expired.length} expired):`);
    for (const finding of suppressed) out.push(suppressionLine(finding));
    for (const finding of expired) out.push(`${suppressionLine(finding)}  [expired]`);
    out.push('');
  }
  const problems = `${summary.findings} problem${summary.findings === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'})`;
  out.push(`${summary.findings > 0 ? '✖' : '✔'} ${problems}`);
  out.push(summaryLine(summary));
  return `${out.join('\n')}\n`;
}
