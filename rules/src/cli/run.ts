import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { formatConfigProblem } from '../config/project-config';
import plugin from '../index';
import { type CliOptions, parseArgs, USAGE, UsageError } from './args';
import {
  applyBaseline,
  type Baseline,
  type BaselineComparison,
  BaselineError,
  createBaseline,
  pruneBaseline,
  readBaseline,
  writeBaseline,
} from './baseline';
import { type LintOutcome, lintPaths } from './engine';
import { formatJson } from './format-json';
import { formatSarif, ruleInfos, type SarifBaseline } from './format-sarif';
import { formatStylish } from './format-stylish';
import { formatInventory, type InventoryFormat, inventoryOf } from '../inventory';
import type { FileReport } from './findings';
import { createProgress } from './progress';
import { lintStdin, readStandardInput } from './stdin';
import { type Summary, summarize, summaryLine } from './summary';

export const TOOL = { name: 'health-data-lint', version: plugin.meta.version };

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: a live bar there, a line now and then in a log. */
  stderrIsTty: boolean;
  /** Standard input, read whole (--stdin). */
  readStdin: () => Promise<string>;
  /** The clock progress is measured with, and its delays (progress.ts). */
  now: () => number;
  progress: { logIntervalMs: number; barDelayMs: number };
}

/**
 * `HEALTH_DATA_LINT_PROGRESS_MS` sets both progress delays (a line in a log every N ms, a bar on a
 * terminal after N ms): 0 shows progress at every batch, as the tests of the built CLI need.
 */
function progressDelays(): CliIo['progress'] {
  const raw = process.env.HEALTH_DATA_LINT_PROGRESS_MS;
  const ms = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return { logIntervalMs: ms ?? 10_000, barDelayMs: ms ?? 2_000 };
}

export function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    readStdin: readStandardInput,
    now: () => performance.now(),
    progress: progressDelays(),
  };
}

/** `--quiet`: errors only, as ESLint's option; warnings are neither printed nor counted. */
function errorsOnly(reports: FileReport[]): FileReport[] {
  return reports.map((report) => ({
    ...report,
    findings: report.findings.filter((finding) => finding.severity === 'error'),
  }));
}

function render(
  options: CliOptions,
  outcome: LintOutcome,
  summary: Summary,
  sarifBaseline?: SarifBaseline,
): string {
  switch (options.format) {
    case 'json':
      return formatJson(outcome.reports, summary, TOOL, options.listSuppressions);
    case 'sarif':
      return formatSarif(outcome.reports, {
        root: outcome.root,
        tool: TOOL,
        rules: ruleInfos(plugin.rules),
        listSuppressions: options.listSuppressions,
        baseline: sarifBaseline,
      });
    default:
      return formatStylish(outcome.reports, summary, {
        listSuppressions: options.listSuppressions,
        showSuggestions: options.showSuggestions,
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

  let baseline: Baseline | undefined;
  try {
    baseline = options.baseline ? readBaseline(resolve(io.cwd, options.baseline)) : undefined;
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    io.stderr(`health-data-lint: ${error.message}\n`);
    return 2;
  }

  const progress = createProgress({
    write: io.stderr,
    isTty: io.stderrIsTty,
    now: io.now,
    ...io.progress,
  });
  let outcome: LintOutcome;
  try {
    outcome = options.stdin
      ? await lintStdin({
          text: await io.readStdin(),
          filename: options.stdinFilename!,
          cwd: io.cwd,
          preset: options.preset,
          useEslintConfig: options.useEslintConfig,
        })
      : await lintPaths({
          paths: options.paths,
          cwd: io.cwd,
          preset: options.preset,
          useEslintConfig: options.useEslintConfig,
          concurrency: options.concurrency,
          changedSince: options.changedSince,
          onProgress: (done, total) => progress.update(done, total),
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
    progress.finish();
  }

  for (const problem of outcome.configProblems)
    io.stderr(`health-data-lint: ${formatConfigProblem(problem)}\n`);
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

  if (options.report === 'inventory') return writeInventory(options, outcome, configExit, io);

  let baselined = 0;
  let comparison: BaselineComparison | undefined;
  if (baseline) {
    comparison = applyBaseline(outcome.reports, baseline, isGoneUnder(outcome.root, options, io));
    outcome = { ...outcome, reports: comparison.reports };
    baselined = comparison.baselined;
  }
  const sarifBaseline: SarifBaseline | undefined =
    comparison && baseline
      ? {
          file: options.baseline!,
          recorded: new Set(baseline.entries.map((entry) => entry.fingerprint)),
          unchanged: comparison.unchanged,
          absent: comparison.fixed,
        }
      : undefined;

  if (options.quiet) outcome = { ...outcome, reports: errorsOnly(outcome.reports) };

  const summary = summarize(outcome.reports, outcome.skipped, baselined);
  const text = render(options, outcome, summary, sarifBaseline);
  if (options.output) {
    const path = resolve(io.cwd, options.output);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    // The report is in the file; the log still says in one line what it holds.
    io.stderr(`health-data-lint: ${summaryLine(summary)} (report: ${options.output})\n`);
  } else {
    io.stdout(text);
  }

  if (baseline && comparison) reportFixedEntries(options, baseline, comparison, configExit, io);

  if (configExit) return configExit;
  if (summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) return 1;
  return 0;
}

/**
 * `--report inventory`: the patient-data inventory of the linted files, from the same findings a
 * findings report shows (suppressed ones left out, as there). Exit 0 whatever it lists: it is a
 * record, not a gate.
 */
function writeInventory(
  options: CliOptions,
  outcome: LintOutcome,
  configExit: number,
  io: CliIo,
): number {
  const inventory = inventoryOf({
    root: outcome.root,
    files: outcome.reports.map((report) => resolve(outcome.root, report.file)),
    targets: options.paths.map((path) => resolve(io.cwd, path)),
    findings: outcome.reports.flatMap((report) => report.findings),
  });
  const text = formatInventory(inventory, options.format as InventoryFormat, TOOL);
  if (options.output) {
    const path = resolve(io.cwd, options.output);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    io.stderr(
      `health-data-lint: inventory of ${count(inventory.totals.categories, 'category', 'categories')} and ${count(inventory.totals.flows, 'flow', 'flows')} (report: ${options.output})\n`,
    );
  } else io.stdout(text);
  return configExit;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A baseline's file that no longer exists under the linted paths: its findings are fixed. */
function isGoneUnder(root: string, options: CliOptions, io: CliIo): (file: string) => boolean {
  const targets = options.paths.map((path) => resolve(io.cwd, path));
  return (file) => {
    const path = resolve(root, file);
    const under = targets.some((target) => {
      const rel = relative(target, path);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
    return under && !existsSync(path);
  };
}

const entries = (n: number) => (n === 1 ? '1 baseline entry' : `${n} baseline entries`);

/** Says how many baseline entries no longer occur, and removes them with --prune-baseline. */
function reportFixedEntries(
  options: CliOptions,
  baseline: Baseline,
  comparison: BaselineComparison,
  configExit: number,
  io: CliIo,
): void {
  const fixed = comparison.fixed.length;
  if (!options.pruneBaseline) {
    if (fixed > 0)
      io.stderr(
        `health-data-lint: ${entries(fixed)} ${fixed === 1 ? 'is' : 'are'} fixed; run with --prune-baseline to remove ${fixed === 1 ? 'it' : 'them'}\n`,
      );
    return;
  }
  // With a configuration problem some findings may be missing only for this run.
  if (configExit) {
    io.stderr(
      `health-data-lint: baseline ${options.baseline} not pruned: fix the configuration problem first\n`,
    );
    return;
  }
  if (fixed === 0) {
    io.stderr(`health-data-lint: no baseline entry is fixed; ${options.baseline} is unchanged\n`);
    return;
  }
  writeBaseline(resolve(io.cwd, options.baseline!), pruneBaseline(baseline, comparison.fixed));
  io.stderr(
    `health-data-lint: removed ${fixed} fixed ${fixed === 1 ? 'entry' : 'entries'} from the baseline ${options.baseline}\n`,
  );
}
