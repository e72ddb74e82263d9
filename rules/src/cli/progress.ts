/** How progress is shown; the clock and the delays are the caller's, so tests need no timing. */
export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal gets one live line, redrawn in place; a log gets a line now and then. */
  isTty: boolean;
  /** In a log, the least time between two lines. */
  logIntervalMs: number;
  /** On a terminal, how long a run goes before the bar appears (short runs never show one). */
  barDelayMs: number;
  now: () => number;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Erases the bar, if one was drawn: the terminal is left as it was. */
  finish(): void;
}

const BAR_WIDTH = 20;
/** A terminal redraw at most this often: the count moves by batches anyway. */
const REDRAW_MS = 100;

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  return `[${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}]`;
}

/**
 * Progress on stderr, never on stdout (the report may be piped): in a log (CI), a line of files
 * done and time elapsed every `logIntervalMs`; on a terminal, after `barDelayMs`, a bar redrawn
 * on one line and erased at the end.
 */
export function createProgress(options: ProgressOptions): Progress {
  const start = options.now();
  let lastWrite = start;
  let drawn = false;
  return {
    update(done, total) {
      const now = options.now();
      const elapsed = formatElapsed(now - start);
      if (!options.isTty) {
        if (now - lastWrite < options.logIntervalMs) return;
        lastWrite = now;
        options.write(`health-data-lint: ${done}/${total} files, ${elapsed}\n`);
        return;
      }
      if (now - start < options.barDelayMs) return;
      if (drawn && done < total && now - lastWrite < Math.min(REDRAW_MS, options.barDelayMs))
        return;
      lastWrite = now;
      drawn = true;
      options.write(
        `\rhealth-data-lint ${bar(done, total)} ${done}/${total} files, ${elapsed}\x1b[K`,
      );
    },
    finish() {
      if (drawn) options.write('\r\x1b[K');
      drawn = false;
    },
  };
}
