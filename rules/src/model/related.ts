import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describeLiteralForMessage } from './redact';
import { isNode } from './ast';
import { joinLabels, type Taint } from './provenance';
import { hostOptionsOf } from '../config/resolve';

/**
 * ESLint messages cannot carry extra locations, yet the editor (LSP `relatedInformation`) and CI
 * (SARIF `relatedLocations`, `codeFlows`) should show where the patient data came from. A host
 * that shows them (the language server, the CLI) creates a RelatedStore and hands it to the rules
 * with its options (`settings.healthDataHost.related`); rules note the locations there when they
 * report, and the host reads them back right after linting a file, matching the finding by rule
 * id and range. Without a host nobody reads them, and nothing is kept. Only plain data is kept:
 * no AST node outlives its lint.
 */

/** A point in ESTree convention: 1-based line, 0-based column (UTF-16 code units). */
export interface RelatedPosition {
  line: number;
  column: number;
}

export interface RelatedSpan {
  start: RelatedPosition;
  end: RelatedPosition;
}

/** A location a finding points at besides itself: the provenance source, a step, a mount site. */
export interface RelatedLocation {
  /** Absolute path of another file (a cross-file fact); absent for the linted file itself. */
  filename?: string;
  loc: RelatedSpan;
  message: string;
  /** `source` and `step` entries form the provenance path (SARIF `codeFlows`), in order. */
  kind?: 'source' | 'step';
}

/** The finding as an ESLint message gives it: 1-based line and column, end optional. */
export interface RelatedQuery {
  ruleId: string | null | undefined;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

interface FileEntry {
  /** Length and hash of the text linted, so a host never gets notes of another version. */
  textKey: string;
  findings: Map<string, RelatedLocation[]>;
}

/** One host's notes: the files it linted last, each with the related locations of its findings. */
export interface RelatedStore {
  readonly files: Map<string, FileEntry>;
  /** The entry of the lint pass a SourceCode belongs to; weak, so the AST is never retained. */
  readonly passes: WeakMap<object, FileEntry>;
}

export function createRelatedStore(): RelatedStore {
  return { files: new Map(), passes: new WeakMap() };
}

/** Files remembered at once; hosts read a file's notes right after linting it (CLI batches: 50). */
export const MAX_FILES = 2000;
/** Source plus steps: more than this is noise in an editor tooltip or a SARIF viewer. */
export const MAX_PROVENANCE_ENTRIES = 6;
const MAX_MESSAGE_LENGTH = 200;

/**
 * The store of the host linting this file. A project config (--use-eslint-config) loads the
 * plugin's own bundle while the CLI reads through its bundle: the store travels in the settings,
 * so both see the same one.
 */
function storeOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): RelatedStore | undefined {
  const related = hostOptionsOf(context.settings as Record<string, unknown> | undefined).related;
  return isRelatedStore(related) ? related : undefined;
}

function isRelatedStore(value: unknown): value is RelatedStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<RelatedStore>).files instanceof Map &&
    (value as Partial<RelatedStore>).passes instanceof WeakMap
  );
}

/** Length plus FNV-1a: cheap, and enough to tell two versions of one file apart. */
function textKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}

let lastText: { text: string; key: string } | undefined;

/** Hosts ask once per finding with the same text: hash it once. */
function cachedTextKey(text: string): string {
  if (lastText?.text !== text) lastText = { text, key: textKey(text) };
  return lastText.key;
}

function findingKey(
  ruleId: string,
  line: number,
  column: number,
  endLine: number | undefined,
  endColumn: number | undefined,
): string {
  return `${ruleId}\0${line}:${column}:${endLine ?? line}:${endColumn ?? column}`;
}

function copySpan(loc: TSESTree.SourceLocation | RelatedSpan): RelatedSpan {
  return {
    start: { line: loc.start.line, column: loc.start.column },
    end: { line: loc.end.line, column: loc.end.column },
  };
}

function sameSpan(a: RelatedSpan, b: RelatedSpan): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.column === b.start.column &&
    a.end.line === b.end.line &&
    a.end.column === b.end.column
  );
}

function before(a: RelatedPosition, b: RelatedPosition): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

function contains(outer: RelatedSpan, inner: RelatedSpan): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** A long path keeps where it starts and where it ends: the source, two steps, the last three. */
function shortened(list: RelatedLocation[]): RelatedLocation[] {
  const steps = list.filter((item) => item.kind === 'step');
  const room = MAX_PROVENANCE_ENTRIES - 1;
  if (steps.length <= room) return list;
  const dropped = new Set(steps.slice(2, steps.length - (room - 2)));
  return list.filter((item) => !dropped.has(item));
}

function entryFor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): FileEntry | undefined {
  const sourceCode = context.sourceCode;
  const store = storeOf(context);
  if (!store) return undefined;
  const { files, passes } = store;
  const known = passes.get(sourceCode);
  if (known) return known;
  const filename = context.filename;
  if (!filename) return undefined;
  // The first note of a new lint pass of this file replaces whatever an earlier pass left.
  const entry: FileEntry = { textKey: textKey(sourceCode.text), findings: new Map() };
  passes.set(sourceCode, entry);
  files.delete(filename);
  files.set(filename, entry);
  while (files.size > MAX_FILES) {
    const oldest = files.keys().next().value;
    if (oldest === undefined) break;
    files.delete(oldest);
  }
  return entry;
}

/**
 * Records the related locations of a finding. `at` must be the very node or loc the rule reports,
 * so hosts find it by rule id and range. Entries at exactly the finding's range add nothing and
 * are dropped; messages are masked like every other message (they must never quote a value).
 */
export function noteRelated(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  at: TSESTree.Node | TSESTree.SourceLocation,
  related: readonly RelatedLocation[],
): void {
  if (related.length === 0) return;
  const loc = isNode(at) ? at.loc : at;
  if (!loc?.start) return;
  const entry = entryFor(context);
  if (!entry) return;
  const primary = copySpan(loc.end ? loc : { start: loc.start, end: loc.start });
  const key = findingKey(
    context.id,
    primary.start.line,
    primary.start.column + 1,
    loc.end ? primary.end.line : undefined,
    loc.end ? primary.end.column + 1 : undefined,
  );
  const list = entry.findings.get(key) ?? [];
  for (const item of related) {
    const span = copySpan(item.loc);
    const elsewhere = item.filename !== undefined && item.filename !== context.filename;
    if (!elsewhere && sameSpan(span, primary)) continue;
    // A step inside the flagged code is the finding itself, already highlighted.
    if (!elsewhere && item.kind === 'step' && contains(primary, span)) continue;
    const message = describeLiteralForMessage(item.message, MAX_MESSAGE_LENGTH);
    const duplicate = list.some(
      (known) =>
        known.filename === (elsewhere ? item.filename : undefined) &&
        sameSpan(known.loc, span) &&
        known.message === message,
    );
    if (duplicate) continue;
    list.push({
      ...(elsewhere ? { filename: item.filename } : {}),
      loc: span,
      message,
      ...(item.kind ? { kind: item.kind } : {}),
    });
  }
  if (list.length > 0) entry.findings.set(key, shortened(list));
}

/**
 * The provenance path of a taint as related locations: where the patient data enters, then the
 * expressions it flows through, one per line (noteRelated shortens a long path).
 * Messages use the taint's description, which names fields and tables, never values.
 */
export function provenanceRelated(taint: Taint | undefined): RelatedLocation[] {
  if (!taint?.source?.loc) return [];
  const labels = taint.labels.length > 0 ? joinLabels(taint.labels) : 'patient data';
  const source: RelatedLocation = {
    loc: copySpan(taint.source.loc),
    message: `Patient data comes from here: ${labels} from ${taint.description}`,
    kind: 'source',
  };
  const lines = new Set([taint.source.loc.start.line]);
  const steps: RelatedLocation[] = [];
  for (const step of taint.steps) {
    if (!step?.loc || lines.has(step.loc.start.line)) continue;
    // A step inside the source (or the source inside a step on its line) is the same place.
    if (step.range[0] <= taint.source.range[0] && step.range[1] >= taint.source.range[1]) continue;
    lines.add(step.loc.start.line);
    steps.push({
      loc: copySpan(step.loc),
      message: `The patient data flows through here (${labels})`,
      kind: 'step',
    });
  }
  return [source, ...steps];
}

/**
 * The related locations noted in a host's store for a finding of the file last linted as
 * `filename`. With `text`,
 * nothing is returned unless the notes come from a lint of exactly that text.
 */
export function relatedFor(
  store: RelatedStore,
  filename: string,
  message: RelatedQuery,
  options: { text?: string } = {},
): RelatedLocation[] {
  if (!message.ruleId || typeof message.line !== 'number' || typeof message.column !== 'number')
    return [];
  const entry = store.files.get(filename);
  if (!entry) return [];
  // ESLint lints the text without its byte order mark.
  const text = options.text?.charCodeAt(0) === 0xfeff ? options.text.slice(1) : options.text;
  if (text !== undefined && cachedTextKey(text) !== entry.textKey) return [];
  const key = findingKey(
    message.ruleId,
    message.line,
    message.column,
    message.endLine,
    message.endColumn,
  );
  return (entry.findings.get(key) ?? []).map((item) => ({
    ...(item.filename !== undefined ? { filename: item.filename } : {}),
    loc: copySpan(item.loc),
    message: item.message,
    ...(item.kind ? { kind: item.kind } : {}),
  }));
}
