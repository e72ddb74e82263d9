/** The shortest pause after a keystroke: a burst of typing still costs one lint, not one per key. */
export const MIN_LINT_DELAY_MS = 30;
/** The longest pause, for files whose lint costs more than a quarter of a second. */
export const MAX_LINT_DELAY_MS = 150;
/**
 * Lines per millisecond of pause. Parsing and linting cost about 0.03–0.04 ms per line on a
 * loaded two-core machine (docs/performance.md), so the pause is about half a lint: a keystroke
 * that supersedes a lint wastes at most as much work as the pause saved.
 */
const LINES_PER_MS = 50;

/**
 * How long the server waits after an edit before linting a document of `lineCount` lines. A
 * fixed 150 ms made small files feel slow for no gain, since linting them costs less than the
 * pause itself; large files keep the longer pause so fast typing does not queue full lints.
 */
export function lintDelayMs(lineCount: number): number {
  return Math.round(
    Math.min(MAX_LINT_DELAY_MS, Math.max(MIN_LINT_DELAY_MS, lineCount / LINES_PER_MS)),
  );
}

/**
 * A lint started at once cannot be interrupted: if typing goes on, the final diagnostics wait for
 * it. An edit after a pause is linted at once only while a lint of the document costs at most
 * this many pauses; past that (files of many thousand lines) the pause is cheaper than the risk.
 */
export const MAX_IMMEDIATE_LINT_IN_PAUSES = 2;

/**
 * The pause before linting after an edit, by typing pace: an edit that comes after a pause at
 * least as long as the document's delay is linted at once (a single keystroke, a paste, a quick
 * fix: waiting would only add latency); an edit that comes sooner is part of a burst and waits
 * for the burst to settle, so fast typing still costs one lint per pause, not one per key.
 *
 * The pause is counted from the later of the previous edit and the end of the last lint: edits
 * typed while the server was linting are only read once it is done, all at once, and must not
 * look as if they came after a pause.
 */
export class TypingPace {
  private readonly lastEdit = new Map<string, { at: number; wait: number }>();
  private readonly lastLint = new Map<string, { ms: number; endedAt: number }>();

  /** Records an edit of `uri` at `now` (ms) and returns how long to wait before linting. */
  delayAfterEdit(uri: string, lineCount: number, now: number): number {
    const wait = this.waitFor(uri, lineCount, now);
    this.lastEdit.set(uri, { at: now, wait });
    return wait;
  }

  /** The wait chosen for the latest edit of `uri` (0 when it has none). */
  waitAfterLastEdit(uri: string): number {
    return this.lastEdit.get(uri)?.wait ?? 0;
  }

  private waitFor(uri: string, lineCount: number, now: number): number {
    const delay = lintDelayMs(lineCount);
    const lint = this.lastLint.get(uri);
    const previous = Math.max(this.lastEdit.get(uri)?.at ?? -Infinity, lint?.endedAt ?? -Infinity);
    if (now - previous < delay) return delay;
    return (lint?.ms ?? 0) <= MAX_IMMEDIATE_LINT_IN_PAUSES * delay ? 0 : delay;
  }

  /** The latest lint of `uri` took `ms` and ended at `endedAt` (same clock as the edits). */
  linted(uri: string, ms: number, endedAt: number): void {
    this.lastLint.set(uri, { ms, endedAt });
  }

  /** The document was closed: its next edit starts afresh. */
  forget(uri: string): void {
    this.lastEdit.delete(uri);
    this.lastLint.delete(uri);
  }
}
