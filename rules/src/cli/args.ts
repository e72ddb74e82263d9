import type { Preset } from '../util/create-rule';

export type Format = 'stylish' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: Format;
  output?: string;
  maxWarnings?: number;
  preset: Preset;
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
}

/** A mistake in the command line: reported with the usage hint and exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: health-data-lint [options] [paths...]

Lints JavaScript and TypeScript for the code patterns behind health-data breaches.
Paths default to the current folder; .gitignore and healthdata.config.json "ignores" are honoured.

Options:
  --format stylish|json|sarif     Output format (default: stylish)
  --output FILE                   Write the report to FILE instead of stdout
  --max-warnings N                Exit 1 when there are more than N warnings
  --config-preset recommended|strict
                                  Rule preset when not using the project's ESLint config
                                  (default: recommended)
  --baseline FILE                 Report only findings that are not in this baseline
  --write-baseline FILE           Record today's findings as the baseline and exit 0
  --prune-baseline                With --baseline: remove the entries no longer found from FILE
  --changed-since REF             Lint only the files changed since the git ref REF (its diff
                                  with HEAD, staged, unstaged and untracked files); other files
                                  are still read for cross-file facts
  --concurrency N                 Lint with N worker threads (default: 1)
  --use-eslint-config             Run inside the project's own eslint.config.* instead of a preset
  --list-suppressions             List every eslint-disable of a health-data rule with its reason
  --help                          Show this help
  --version                       Show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.`;

const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];
const PRESETS: readonly Preset[] = ['recommended', 'strict'];

function nonNegativeInteger(option: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${option} expects a whole number, got "${raw}"`);
  return Number(raw);
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    paths: [],
    format: 'stylish',
    preset: 'recommended',
    concurrency: 1,
    pruneBaseline: false,
    useEslintConfig: false,
    listSuppressions: false,
    help: false,
    version: false,
  };
  const valueTaking = new Set([
    '--format',
    '--output',
    '--max-warnings',
    '--config-preset',
    '--baseline',
    '--write-baseline',
    '--concurrency',
    '--changed-since',
  ]);
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
        if (!FORMATS.includes(value as Format))
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${value}"`);
        options.format = value as Format;
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
      default:
        throw new UsageError(`unknown option ${name}`);
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
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}
