import type { Preset } from '../util/create-rule';
import { didYouMean } from '../config/did-you-mean';
import { LINTED_EXTENSIONS } from '../util/files';

export type Format = 'stylish' | 'json' | 'sarif' | 'md' | 'html' | 'csv';

/** `--report`: the kind of report; findings when absent. */
export type Report = 'inventory';

export interface CliOptions {
  paths: string[];
  format: Format;
  /** `--report inventory`: the patient-data inventory instead of the findings (issue 24). */
  report?: Report;
  output?: string;
  maxWarnings?: number;
  /** `--config-preset`; absent, the `preset` of healthdata.config.json, else `recommended`. */
  preset?: Preset;
  baseline?: string;
  writeBaseline?: string;
  /** With `baseline`: rewrite it without the entries that no longer occur. */
  pruneBaseline: boolean;
  /** Git ref: lint only the files changed since it (committed, staged, unstaged, untracked). */
  changedSince?: string;
  concurrency: number;
  useEslintConfig: boolean;
  listSuppressions: boolean;
  help: boolean;
  version: boolean;
  /** Report errors only, as ESLint's `--quiet`: warnings are neither printed nor counted. */
  quiet: boolean;
  /** Lint the text on standard input as if it were the file `stdinFilename`. */
  stdin: boolean;
  stdinFilename?: string;
  /** Stylish output: print the lines each suggestion would leave (issue 22). */
  showSuggestions: boolean;
}

/** A mistake in the command line: reported with the usage hint and exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: health-data-lint [options] [paths...]

Lints JavaScript and TypeScript for the code patterns behind health-data breaches.
Paths default to the current folder; .gitignore and healthdata.config.json "ignores" are honoured.

Options:
  --format stylish|json|sarif     Output format (default: stylish)
  --report inventory              Report the patient-data inventory: categories, where they are
                                  declared, where they flow (--format md|html|json|csv,
                                  default md)
  --output FILE                   Write the report to FILE instead of stdout
  --max-warnings N                Exit 1 when there are more than N warnings
  --config-preset recommended|strict
                                  Rule preset when not using the project's ESLint config
                                  (default: the "preset" of healthdata.config.json, else
                                  recommended; its "rules" still apply over it)
  --baseline FILE                 Report only findings that are not in this baseline
  --write-baseline FILE           Record today's findings as the baseline and exit 0
  --prune-baseline                With --baseline: remove the entries no longer found from FILE
  --changed-since REF             Lint only the files changed since the git ref REF (its diff
                                  with HEAD, staged, unstaged and untracked files); other files
                                  are still read for cross-file facts
  --concurrency N                 Lint with N worker threads (default: 1)
  --use-eslint-config             Run inside the project's own eslint.config.* instead of a preset
  --list-suppressions             List every eslint-disable of a health-data rule with its reason
  --quiet                         Report errors only (warnings are not printed or counted)
  --stdin                         Lint the text on standard input (needs --stdin-filename)
  --stdin-filename PATH           The path that text stands for: it decides the parser, the
                                  project configuration and the rules
  --show-suggestions              Print the code each suggestion leaves (its changed lines)
  --help                          Show this help
  --version                       Show the version

Progress goes to stderr: a line every 10 s when stderr is a log, a bar on a terminal.

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.`;

const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];
const INVENTORY_FORMATS: readonly Format[] = ['md', 'html', 'json', 'csv'];
const REPORTS: readonly Report[] = ['inventory'];
const PRESETS: readonly Preset[] = ['recommended', 'strict'];

/** Every option the help names: what a mistyped option is compared with. */
const KNOWN_OPTIONS = [...new Set(USAGE.match(/--[a-z][a-z-]*/g) ?? [])];

function unknownOption(name: string): UsageError {
  const near = name.startsWith('--') ? didYouMean(name, KNOWN_OPTIONS) : undefined;
  return new UsageError(`unknown option ${name}${near ? `; did you mean ${near}?` : ''}`);
}

function nonNegativeInteger(option: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${option} expects a whole number, got "${raw}"`);
  return Number(raw);
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    paths: [],
    format: 'stylish',
    concurrency: 1,
    pruneBaseline: false,
    useEslintConfig: false,
    listSuppressions: false,
    help: false,
    version: false,
    quiet: false,
    stdin: false,
    showSuggestions: false,
  };
  const valueTaking = new Set([
    '--format',
    '--report',
    '--output',
    '--max-warnings',
    '--config-preset',
    '--baseline',
    '--write-baseline',
    '--concurrency',
    '--changed-since',
    '--stdin-filename',
  ]);
  let formatGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (valueTaking.has(name)) {
      if (eq > 0 && name !== arg) value = arg.slice(eq + 1);
      else {
        value = argv[++i];
        if (value === undefined) throw new UsageError(`${name} expects a value`);
      }
    } else if (name !== arg) {
      throw new UsageError(`${name} takes no value`);
    }
    switch (name) {
      case '--format':
        if (!FORMATS.includes(value as Format) && !INVENTORY_FORMATS.includes(value as Format))
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${value}"`);
        options.format = value as Format;
        formatGiven = true;
        break;
      case '--report':
        if (!REPORTS.includes(value as Report))
          throw new UsageError(`--report must be one of ${REPORTS.join(', ')}, got "${value}"`);
        options.report = value as Report;
        break;
      case '--output':
        options.output = value;
        break;
      case '--max-warnings':
        options.maxWarnings = nonNegativeInteger(name, value!);
        break;
      case '--config-preset':
        if (!PRESETS.includes(value as Preset))
          throw new UsageError(
            `--config-preset must be one of ${PRESETS.join(', ')}, got "${value}"`,
          );
        options.preset = value as Preset;
        break;
      case '--baseline':
        options.baseline = value;
        break;
      case '--write-baseline':
        options.writeBaseline = value;
        break;
      case '--prune-baseline':
        options.pruneBaseline = true;
        break;
      case '--changed-since':
        // A ref is handed to git: one that starts with "-" would be read as an option.
        if (!value || value.startsWith('-'))
          throw new UsageError(`--changed-since expects a git ref, got "${value}"`);
        options.changedSince = value;
        break;
      case '--concurrency': {
        const n = nonNegativeInteger(name, value!);
        if (n < 1) throw new UsageError('--concurrency must be at least 1');
        options.concurrency = n;
        break;
      }
      case '--use-eslint-config':
        options.useEslintConfig = true;
        break;
      case '--list-suppressions':
        options.listSuppressions = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--version':
      case '-v':
        options.version = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--stdin':
        options.stdin = true;
        break;
      case '--stdin-filename':
        options.stdinFilename = value;
        break;
      // Issue 22: suggestions shown as the code they leave.
      case '--show-suggestions':
        options.showSuggestions = true;
        break;
      default:
        throw unknownOption(name);
    }
  }
  if (options.baseline !== undefined && options.writeBaseline !== undefined)
    throw new UsageError('--baseline and --write-baseline cannot be used together');
  if (options.pruneBaseline && options.baseline === undefined)
    throw new UsageError('--prune-baseline rewrites the file given with --baseline FILE');
  // A baseline records every finding of the tree; a partial run would drop the others' entries.
  if (options.changedSince !== undefined && options.writeBaseline !== undefined)
    throw new UsageError(
      '--write-baseline records the whole tree; it cannot be used with --changed-since',
    );
  checkStdin(options);
  checkReport(options, formatGiven);
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

function checkStdin(options: CliOptions): void {
  if (options.stdinFilename !== undefined && !options.stdin)
    throw new UsageError('--stdin-filename is for --stdin');
  if (!options.stdin) return;
  if (options.stdinFilename === undefined)
    throw new UsageError('--stdin needs --stdin-filename PATH (the path decides parser and rules)');
  if (options.paths.length > 0)
    throw new UsageError('--stdin lints standard input: give no paths with it');
  const extension = /\.[^./\\]+$/.exec(options.stdinFilename)?.[0].toLowerCase();
  if (!extension || !LINTED_EXTENSIONS.includes(extension))
    throw new UsageError(
      `--stdin-filename must name a ${LINTED_EXTENSIONS.join(' ')} file, got "${options.stdinFilename}"`,
    );
}

/** `--report inventory` is a report of the whole tree in its own formats. */
function checkReport(options: CliOptions, formatGiven: boolean): void {
  if (options.report === undefined) {
    if (INVENTORY_FORMATS.includes(options.format) && options.format !== 'json')
      throw new UsageError(
        `--format ${options.format} is a format of --report inventory; findings are reported as ${FORMATS.join(', ')}`,
      );
    return;
  }
  if (!formatGiven) options.format = 'md';
  else if (!INVENTORY_FORMATS.includes(options.format))
    throw new UsageError(
      `--report inventory is written as ${INVENTORY_FORMATS.join(', ')}, got --format ${options.format}`,
    );
  const conflicting = [
    options.baseline !== undefined && '--baseline',
    options.writeBaseline !== undefined && '--write-baseline',
    options.changedSince !== undefined && '--changed-since',
    options.stdin && '--stdin',
    options.listSuppressions && '--list-suppressions',
    options.maxWarnings !== undefined && '--max-warnings',
    options.showSuggestions && '--show-suggestions',
    options.quiet && '--quiet',
  ].filter((name): name is string => typeof name === 'string');
  if (conflicting.length > 0)
    throw new UsageError(
      `--report inventory covers the whole tree and every finding; it cannot be used with ${conflicting.join(', ')}`,
    );
}
