import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import plugin from '../index';
import { type CliOptions, parseArgs, USAGE, UsageError } from './args';
import {
  applyBaseline,
  BaselineError,
  createBaseline,
  readBaseline,
  writeBaseline,
} from './baseline';
import { type LintOutcome, lintPaths } from './engine';
import { formatJson } from './format-json';
import { formatSarif, ruleInfos } from './format-sarif';
import { formatStylish } from './format-stylish';
import { summarize } from './summary';

export const TOOL = { name: 'health-data-lint', version: plugin.meta.version };

/** Trees at least this large get a progress count on an interactive stderr. */
const PROGRESS_THRESHOLD = 200;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress is drawn only there, never in CI logs. */
  stderrIsTty: boolean;
}

export function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
  };
}

function render(options: CliOptions, outcome: LintOutcome, baselined: number): string {
  const summary = summarize(outcome.reports, outcome.skipped, baselined);
  switch (options.format) {
    case 'json':
      return formatJson(outcome.reports, summary, TOOL, options.listSuppressions);
    case 'sarif':
      return formatSarif(outcome.reports, {
        root: outcome.root,
        tool: TOOL,
        rules: ruleInfos(plugin.rules),
        listSuppressions: options.listSuppressions,
      });
    default:
      return formatStylish(outcome.reports, summary, {
        listSuppressions: options.listSuppressions,
      });
  }
}

/** Runs the command line; resolves to the process exit code (0, 1 or 2). */
export async function run(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`health-data-lint: ${error.message}\nRun health-data-lint --help for usage.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout(`${TOOL.version}\n`);
    return 0;
  }

  let baseline;
  try {
    baseline = options.baseline ? readBaseline(resolve(io.cwd, options.baseline)) : undefined;
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    io.stderr(`health-data-lint: ${error.message}\n`);
    return 2;
  }

  let progressShown = false;
  let outcome: LintOutcome;
  try {
    outcome = await lintPaths({
      paths: options.paths,
      cwd: io.cwd,
      preset: options.preset,
      useEslintConfig: options.useEslintConfig,
      concurrency: options.concurrency,
      changedSince: options.changedSince,
      onProgress: (done, total) => {
        if (!io.stderrIsTty || total < PROGRESS_THRESHOLD) return;
        progressShown = true;
        io.stderr(`\rhealth-data-lint: ${done}/${total} files`);
      },
    });
  } catch (error) {
    // A usage mistake, or a project ESLint config that ESLint itself rejects: exit 2 either way.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      error instanceof UsageError
        ? `health-data-lint: ${message}\n`
        : `health-data-lint: cannot lint: ${message}\n`,
    );
    return 2;
  } finally {
    if (progressShown) io.stderr('\r\x1b[K');
  }

  for (const problem of outcome.configProblems)
    io.stderr(`health-data-lint: ${problem.file}: "${problem.key}" ${problem.message}\n`);
  for (const skipped of outcome.skipped)
    io.stderr(`health-data-lint: skipped ${skipped.file}: ${skipped.reason}\n`);
  const configExit = outcome.configProblems.length > 0 ? 2 : 0;

  if (options.writeBaseline) {
    const path = resolve(io.cwd, options.writeBaseline);
    const created = createBaseline(outcome.reports, TOOL);
    mkdirSync(dirname(path), { recursive: true });
    writeBaseline(path, created);
    io.stderr(
      `health-data-lint: wrote ${created.entries.length} finding(s) to the baseline ${options.writeBaseline}\n`,
    );
    return configExit;
  }

  let baselined = 0;
  if (baseline) {
    const applied = applyBaseline(outcome.reports, baseline);
    outcome = { ...outcome, reports: applied.reports };
    baselined = applied.baselined;
  }

  const text = render(options, outcome, baselined);
  if (options.output) {
    const path = resolve(io.cwd, options.output);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } else {
    io.stdout(text);
  }

  if (configExit) return configExit;
  const summary = summarize(outcome.reports, outcome.skipped, baselined);
  if (summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) return 1;
  return 0;
}
