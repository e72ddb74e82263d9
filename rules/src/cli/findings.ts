import { createHash } from 'node:crypto';
import type { ESLint, Linter } from 'eslint';

export const PLUGIN_RULE_PREFIX = 'health-data/';
/** Findings the CLI itself reports about suppressions (missing reason, unused, bad expiry). */
export const SUPPRESSION_RULE_ID = 'health-data-lint/suppression';
/** A file the parser could not read: nothing in it was checked. */
export const PARSE_ERROR_RULE_ID = 'health-data-lint/parse-error';

export interface Position {
  line: number;
  column: number;
}

/** A text replacement, by offsets in the original file and by 1-based line/column. */
export interface Edit {
  range: [number, number];
  /** The text the edit replaces. */
  before: string;
  text: string;
  start: Position;
  end: Position;
}

export interface Suggestion {
  description: string;
  edit: Edit;
  /** The lines the edit changes, as they read once it is applied (`--show-suggestions`). */
  changed: ChangedLines;
}

/**
 * What an edit leaves, line by line: the lines that differ once it is applied (numbered as in the
 * original file), and the original lines it deletes outright.
 */
export interface ChangedLines {
  lines: { line: number; text: string }[];
  deleted: number;
}

export interface SuppressionRecord {
  /** The reason written after ` -- `, without the `until DATE:` prefix. */
  reason: string;
  /** ISO date after which the suppression stops working, when one was given. */
  expires?: string;
  status: 'active' | 'expired' | 'no-reason';
}

/** A range of a file with what is said of it: a finding, or a place it points at. */
export interface LocatedMessage {
  /** Path relative to the report root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** A place a finding points at besides itself: its provenance path, a cross-file fact. */
export interface RelatedFinding extends LocatedMessage {
  /** `source` then `step`s: the provenance path, in order (SARIF codeFlows). */
  kind?: 'source' | 'step';
}

export interface Finding extends LocatedMessage {
  ruleId: string;
  severity: 'error' | 'warning';
  fix?: Edit;
  suggestions: Suggestion[];
  /** Stable across unrelated edits: rule, file, flagged text and occurrence, never line numbers. */
  fingerprint: string;
  /** Set on suppressed findings (listed with --list-suppressions) and on expired ones. */
  suppression?: SuppressionRecord;
  /** Where the patient data came from and other places the rule points at, when it noted any. */
  related?: RelatedFinding[];
}

export interface FileReport {
  file: string;
  findings: Finding[];
  /** Findings hidden by an eslint-disable comment that is still in force. */
  suppressed: Finding[];
}

const UNTIL = /^until\s+(\S+?)\s*(?::\s*([\s\S]*))?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(iso: string): boolean {
  const match = ISO_DATE.exec(iso);
  if (!match) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

export interface ParsedJustification {
  reason: string;
  expires?: string;
  /** Set when `until` is followed by something that is not a calendar date. */
  badDate?: string;
}

/** Reads `-- until 2027-03-31: reason` or `-- reason` (ESLint has already cut at ` -- `). */
export function parseJustification(justification: string): ParsedJustification {
  const text = justification.trim();
  const until = UNTIL.exec(text);
  if (!until) return { reason: text };
  const date = until[1]!;
  const reason = (until[2] ?? '').trim();
  return isRealDate(date) ? { reason, expires: date } : { reason, badDate: date };
}

/** Today as an ISO date in UTC: a suppression `until D` works through D and stops the day after. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

function toEdit(
  source: string,
  starts: readonly number[],
  fix: Linter.LintMessage['fix'],
): Edit | undefined {
  if (!fix) return undefined;
  const range: [number, number] = [fix.range[0], fix.range[1]];
  return {
    range,
    before: source.slice(range[0], range[1]),
    text: fix.text,
    start: positionAt(starts, range[0]),
    end: positionAt(starts, range[1]),
  };
}

/** Longest span (lines before × lines after) compared line by line; longer ones are shown whole. */
const MAX_COMPARED = 250_000;

/** For each line of `after`, whether it is kept from `before` (a longest common subsequence). */
function keptLines(before: readonly string[], after: readonly string[]): boolean[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_COMPARED) return after.map(() => false);
  const common: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      common[i]![j] =
        before[i] === after[j]
          ? common[i + 1]![j + 1]! + 1
          : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const kept = after.map(() => false);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (before[i] === after[j]) {
      kept[j] = true;
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/**
 * The lines an edit changes, with the edit applied, numbered as in the resulting file. ESLint
 * merges a suggestion's fixes into one replacement (an import at the top and a call further
 * down), so the lines it leaves as they were are left out.
 */
function changedLines(source: string, starts: readonly number[], edit: Edit): ChangedLines {
  const from = starts[edit.start.line - 1] ?? 0;
  const next = starts[edit.end.line];
  const to = next === undefined ? source.length : next - 1;
  const before = source.slice(from, to).split(/\r?\n/);
  const after = (
    source.slice(from, edit.range[0]) +
    edit.text +
    source.slice(edit.range[1], to)
  ).split(/\r?\n/);
  const kept = keptLines(before, after);
  const lines = after
    .map((text, index) => ({ line: edit.start.line + index, text }))
    .filter((_, index) => !kept[index]);
  const keptCount = kept.filter(Boolean).length;
  return { lines, deleted: Math.max(0, before.length - keptCount - lines.length) };
}

/** The flagged line(s) with whitespace collapsed, so re-indenting does not change a fingerprint. */
function flaggedText(lines: readonly string[], line: number, endLine: number): string {
  const from = Math.max(1, line);
  const to = Math.min(lines.length, Math.max(from, endLine));
  return lines
    .slice(from - 1, to)
    .map((text) => text.trim().replace(/\s+/g, ' '))
    .join('\n');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface Draft extends Omit<Finding, 'fingerprint'> {
  flagged: string;
}

/** Numbers identical (rule, file, text) findings in reading order, then hashes each one. */
function withFingerprints(drafts: readonly Draft[]): Finding[] {
  const seen = new Map<string, number>();
  return drafts.map(({ flagged, ...finding }) => {
    const key = `${finding.ruleId}\0${finding.file}\0${flagged}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { ...finding, fingerprint: sha256(`${key}\0${occurrence}`).slice(0, 32) };
  });
}

function byPosition(a: Draft, b: Draft): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

const UNUSED_DIRECTIVE =
  /^Unused eslint-disable directive \(no problems were reported from (.+)\)\.$/;

export interface NormalizeOptions {
  /** Relative path of the file in reports. */
  file: string;
  source: string;
  today: string;
  /** The related locations the rules noted for a message while linting the file. */
  relatedOf?: (message: Linter.LintMessage) => RelatedFinding[];
}

/**
 * Turns one ESLint result into the CLI's findings: keeps health-data rules and parse errors,
 * applies suppression governance (reason required, expiry honoured, unused reported) and
 * fingerprints every finding.
 */
export function normalizeResult(result: ESLint.LintResult, options: NormalizeOptions): FileReport {
  const starts = lineStarts(options.source);
  const lines = options.source.split(/\r?\n/);
  const active: Draft[] = [];
  const suppressed: Draft[] = [];

  const draft = (message: Linter.LintMessage, ruleId: string, text: string): Draft => {
    const line = message.line || 1;
    const column = message.column || 1;
    const endLine = message.endLine ?? line;
    const endColumn = message.endColumn ?? column;
    const related = options.relatedOf?.(message) ?? [];
    return {
      ruleId,
      severity: message.severity === 1 ? 'warning' : 'error',
      file: options.file,
      line,
      column,
      endLine,
      endColumn,
      message: text,
      fix: toEdit(options.source, starts, message.fix),
      suggestions: (message.suggestions ?? []).flatMap((suggestion) => {
        const edit = toEdit(options.source, starts, suggestion.fix);
        return edit
          ? [
              {
                description: suggestion.desc,
                edit,
                changed: changedLines(options.source, starts, edit),
              },
            ]
          : [];
      }),
      flagged: flaggedText(lines, line, endLine),
      ...(related.length > 0 ? { related } : {}),
    };
  };

  for (const message of result.messages) {
    if (message.ruleId?.startsWith(PLUGIN_RULE_PREFIX)) {
      active.push(draft(message, message.ruleId, message.message));
    } else if (message.fatal) {
      active.push(draft(message, PARSE_ERROR_RULE_ID, message.message));
    } else if (message.ruleId === null) {
      const unused = UNUSED_DIRECTIVE.exec(message.message);
      const names =
        unused?.[1]?.split(/,\s*(?:or\s+)?|\s+or\s+/).map((n) => n.replace(/^'|'$/g, '')) ?? [];
      const ours = names.filter((name) => name.startsWith(PLUGIN_RULE_PREFIX));
      if (ours.length > 0) {
        const unusedDraft = draft(
          message,
          SUPPRESSION_RULE_ID,
          `Unused suppression: ${ours.join(', ')} reports nothing here any more; remove the eslint-disable comment so it cannot hide a future finding.`,
        );
        unusedDraft.severity = 'error';
        unusedDraft.fix = undefined;
        active.push(unusedDraft);
      }
    }
  }

  for (const message of result.suppressedMessages) {
    if (!message.ruleId?.startsWith(PLUGIN_RULE_PREFIX)) continue;
    const justification = message.suppressions
      .map((suppression) => suppression.justification ?? '')
      .find((text) => text.trim() !== '');
    const parsed = parseJustification(justification ?? '');
    const base = draft(message, message.ruleId, message.message);
    if (parsed.badDate !== undefined) {
      active.push({
        ...base,
        ruleId: SUPPRESSION_RULE_ID,
        severity: 'error',
        message: `Suppression of ${message.ruleId} has an expiry that is not a date ("until ${parsed.badDate}"); write it as until YYYY-MM-DD.`,
        fix: undefined,
        suggestions: [],
      });
    }
    if (parsed.expires !== undefined && parsed.expires < options.today) {
      active.push({
        ...base,
        message: `${message.message} (its suppression expired on ${parsed.expires})`,
        suppression: { reason: parsed.reason, expires: parsed.expires, status: 'expired' },
      });
      continue;
    }
    const status = parsed.reason === '' ? 'no-reason' : 'active';
    if (status === 'no-reason') {
      active.push({
        ...base,
        ruleId: SUPPRESSION_RULE_ID,
        severity: 'error',
        message: `Suppression of ${message.ruleId} has no reason; add one after " -- " (for example "-- until 2027-03-31: <why this is safe>").`,
        fix: undefined,
        suggestions: [],
      });
    }
    suppressed.push({
      ...base,
      suppression: {
        reason: parsed.reason,
        ...(parsed.expires !== undefined ? { expires: parsed.expires } : {}),
        status,
      },
    });
  }

  return {
    file: options.file,
    findings: withFingerprints(active.sort(byPosition)),
    suppressed: withFingerprints(suppressed.sort(byPosition)),
  };
}
