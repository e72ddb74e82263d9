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
