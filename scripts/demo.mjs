// `npm start [-- <dir>]`: lints the seed codebase (or another folder) as `health-data-lint <dir>`
// does with no option (the preset and rules of its healthdata.config.json, else recommended) and
// prints the findings grouped by file, with the fix or suggestion on offer, then a summary line.
// Reuses the CLI's library code from the built plugin, so the demo shows exactly what CI shows.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { lintPaths, formatStylish, summarize } = require(join(root, 'rules/dist/cli.js'));

const target = process.argv[2] ?? join(root, 'seeds');
const cwd = process.cwd();

try {
  const outcome = await lintPaths({
    paths: [target],
    cwd,
    useEslintConfig: false,
    concurrency: 1,
  });
  for (const problem of outcome.configProblems)
    process.stderr.write(
      `health-data-lint: ${problem.file}: "${problem.key}" ${problem.message}\n`,
    );
  const summary = summarize(outcome.reports, outcome.skipped);
  const shown = relative(cwd, target) || '.';
  process.stdout.write(`Health Data Lint: ${shown} (as \`npx health-data-lint ${shown}\`)\n\n`);
  process.stdout.write(
    formatStylish(outcome.reports, summary, { listSuppressions: summary.suppressed > 0 }),
  );
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
