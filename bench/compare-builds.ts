/**
 * Before and after in one process: this checkout's built rules against another checkout's (a
 * worktree of an earlier commit, built), on the benchmark corpus, in interleaved rounds with the
 * parse-only floor, ESLint run as health-data-lint runs it (and, with --as-installed, as ESLint
 * is installed). Two `npm run bench` runs minutes apart differ by more than the 5 % a change is
 * judged by (the floor alone moves by 5–10 %); here both builds meet the same machine, the same
 * heap and the same floor, round after round.
 *
 *   npm run bench:compare -- --before ../health-data-lint-before [--rounds 7] [--as-installed]
 *
 * The other checkout needs `npm ci && npm run build` (or node_modules linked from this one and
 * `node esbuild.mjs`). Presets of builds older than the module-kind layers (a single object) get
 * this build's layers, so both parse every file the same way.
 */
import { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { avoidRuleContextRetention } from '../rules/src/util/eslint-rule-contexts';
import { discoverCorpus, materialize } from './corpus';

interface Options {
  before: string;
  rounds: number;
  asInstalled: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { before: '', rounds: 7, asInstalled: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--before') options.before = resolve(argv[++i] ?? '');
    else if (arg === '--rounds') options.rounds = Number(argv[++i]);
    else if (arg === '--as-installed') options.asInstalled = true;
    else throw new Error(`unknown option ${arg} (--before DIR, --rounds N, --as-installed)`);
  }
  if (!options.before) throw new Error('--before DIR: a built checkout to compare with');
  if (!Number.isInteger(options.rounds) || options.rounds < 2)
    throw new Error('--rounds: a whole number, at least 2');
  return options;
}

function recommended(checkout: string): Linter.Config[] {
  const load = createRequire(resolve(checkout, 'package.json'));
  const loaded = load('./rules/dist/index.js') as { default?: unknown };
  const plugin = (loaded.default ?? loaded) as { configs: { recommended: unknown } };
  const preset = plugin.configs.recommended;
  return (Array.isArray(preset) ? preset : [preset]) as Linter.Config[];
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1]!;

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const corpus = discoverCorpus();
  materialize(corpus);
  if (!options.asInstalled) avoidRuleContextRetention(Linter);
  const after = recommended(resolve(__dirname, '..'));
  const [first, ...moduleKinds] = after;
  const before = recommended(options.before);
  const quiet: Linter.Config = { linterOptions: { reportUnusedDisableDirectives: 'off' } };
  const setups: [string, Linter.Config[]][] = [
    [
      'floor',
      [{ files: first!.files, languageOptions: first!.languageOptions }, ...moduleKinds, quiet],
    ],
    ['before', [...before, ...(before.length === 1 ? moduleKinds : []), quiet]],
    ['after', [...after, quiet]],
  ];
  const linter = new Linter({ configType: 'flat', cwd: corpus.dir });
  const times = new Map<string, number[]>(setups.map(([id]) => [id, []]));
  console.log(
    `${corpus.files.length} files, ${corpus.lines} lines; ${options.rounds} rounds after a warm-up, ` +
      `ESLint ${options.asInstalled ? 'as installed' : 'as health-data-lint runs it'}; before: ${options.before}`,
  );
  for (let round = 0; round <= options.rounds; round++) {
    // The order alternates, so neither build always runs on the heap the other left.
    for (const [id, config] of round % 2 ? [...setups].reverse() : setups) {
      const start = process.hrtime.bigint();
      for (const file of corpus.files) linter.verify(file.text, config, { filename: file.path });
      if (round > 0) times.get(id)!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const floor = times.get('floor')!;
  console.log('| Setup | Median | × floor per round: median (min–max) |');
  console.log('| --- | --- | --- |');
  const ratios = new Map<string, number>();
  for (const [id] of setups) {
    const own = times.get(id)!;
    const perRound = own.map((t, i) => t / floor[i]!);
    ratios.set(id, median(perRound));
    console.log(
      `| ${id} | ${median(own).toFixed(0)} ms | ${median(perRound).toFixed(3)}× (${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}) |`,
    );
  }
  const change = ratios.get('after')! / ratios.get('before')! - 1;
  console.log(
    `after against before: ${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} % (× floor, medians of the per-round ratios)`,
  );
}

main();
