#!/usr/bin/env node
import { run } from './cli/run';

export { run, TOOL } from './cli/run';
export { lintPaths } from './cli/engine';
export { formatStylish, offers } from './cli/format-stylish';
export { summarize, summaryLine } from './cli/summary';

/** Runs the command line with `argv` and sets the process exit code; never throws. */
export function main(argv: string[]): Promise<void> {
  return run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `health-data-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}

// Run only as the program itself, so that scripts (the demo) can import the library parts.
if (require.main === module) void main(process.argv.slice(2));
