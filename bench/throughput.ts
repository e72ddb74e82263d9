import { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type CorpusFile, PACKAGES_DIR } from './corpus';
import { oxlintArgs, type OxlintPreset, runOxlint } from './oxlint';
import { elapsedMs, type Spread, spread } from './stats';

type Plugin = typeof import('../rules/src/index');

const requireFromRoot = createRequire(join(__dirname, '..', 'package.json'));

/** The built plugin, as users install it (`npm run build` writes rules/dist). */
export function loadBuiltPlugin(): Plugin {
  return requireFromRoot('./rules/dist/index.js') as Plugin;
}

// The compared plugins are installed with the corpus (bench/corpus-packages), not with the
// product; only their flat recommended presets are used.
const requireFromPackages = createRequire(join(PACKAGES_DIR, 'package.json'));
const security = requireFromPackages('eslint-plugin-security') as {
  configs: { recommended: unknown };
};
const sonarjs = requireFromPackages('eslint-plugin-sonarjs') as {
  configs?: { recommended?: unknown };
};

export type SetupId =
  | 'floor'
  | 'empty'
  | 'recommended'
  | 'strict'
  | 'security'
  | 'sonarjs'
  | 'oxlint'
  | 'oxlint-recommended'
  | 'oxlint-strict';

export interface Setup {
  id: SetupId;
  label: string;
  config: Linter.Config[];
  /** Rules switched off because they threw on some corpus file (sonarjs without type info). */
  disabled: string[];
  /** Lints in another process instead of this one's ESLint (oxlint). */
  oxlint?: OxlintPreset;
}

/**
 * The ESLint configurations: same files, same parser and parser options (the plugin presets'
 * typescript-eslint parser, no type information), unused-directive reports off everywhere. Then
 * oxlint on the same files, one process per pass on one thread (ESLint's rounds use one core),
 * start-up included: its own default rules alone, and with the plugin's presets as a JS plugin.
 */
export function setups(plugin: Plugin): Setup[] {
  const preset = plugin.configs.recommended as unknown as Linter.Config[];
  const [main, ...moduleKinds] = preset;
  const files = main!.files!;
  // The preset's parser and per-file module kinds, without its plugin and rules.
  const base: Linter.Config[] = [{ files, languageOptions: main!.languageOptions }, ...moduleKinds];
  const quiet: Linter.Config = {
    linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
  };
  const other = (config: unknown): Linter.Config => {
    if (!config) throw new Error('a compared plugin no longer ships a recommended flat config');
    return { ...(config as Linter.Config), files };
  };
  // ESLint's own price for running any rule at all, whatever the rule does.
  const nothing = { create: () => ({}) };
  return [
    { id: 'floor', label: '(a) parser, no rules (floor)', config: [...base, quiet], disabled: [] },
    {
      id: 'empty',
      label: "(a') one rule that does nothing",
      config: [
        ...base,
        { plugins: { bench: { rules: { nothing } } }, rules: { 'bench/nothing': 'error' } },
        quiet,
      ],
      disabled: [],
    },
    {
      id: 'recommended',
      label: '(b) configs.recommended',
      config: [...preset, quiet],
      disabled: [],
    },
    {
      id: 'strict',
      label: '(c) configs.strict',
      config: [...(plugin.configs.strict as unknown as Linter.Config[]), quiet],
      disabled: [],
    },
    {
      id: 'security',
      label: '(d) eslint-plugin-security recommended',
      config: [...base, other(security.configs.recommended), quiet],
      disabled: [],
    },
    {
      id: 'sonarjs',
      label: '(e) eslint-plugin-sonarjs recommended',
      config: [...base, other(sonarjs.configs?.recommended), quiet],
      disabled: [],
    },
    ...(
      [
        ['oxlint', '(f) oxlint, its default rules, no JS plugin', 'none'],
        ['oxlint-recommended', '(g) oxlint + configs.recommended as a JS plugin', 'recommended'],
        ['oxlint-strict', '(h) oxlint + configs.strict as a JS plugin', 'strict'],
      ] as const
    ).map(([id, label, oxlint]) => ({ id, label, config: [], disabled: [], oxlint })),
  ];
}

function thrownRuleId(error: unknown): string | undefined {
  const ruleId = (error as { ruleId?: unknown } | null)?.ruleId;
  if (typeof ruleId === 'string') return ruleId;
  const message = error instanceof Error ? error.message : '';
  return /rule '([^']+)'/.exec(message)?.[1];
}

export interface PassResult {
  ms: number;
  /** Processor time of this process (all its threads, garbage collection included). */
  cpuMs: number;
  messages: number;
  fatal: number;
}

/**
 * Lints every file once. A rule that throws is switched off for the rest of the benchmark and
 * named in the report, the way the server isolates a failing rule.
 */
export function lintPass(
  linter: Linter,
  setup: Setup,
  files: readonly CorpusFile[],
  plugin: Plugin,
  cwd: string,
): PassResult {
  if (setup.oxlint) {
    const run = runOxlint(plugin, setup.oxlint, cwd, oxlintArgs(files, cwd), 1);
    return { ms: run.ms, cpuMs: run.cpuMs, messages: run.findings + run.others, fatal: 0 };
  }
  let messages = 0;
  let fatal = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (const file of files) {
    for (;;) {
      const config =
        setup.disabled.length === 0
          ? setup.config
          : [
              ...setup.config,
              { rules: Object.fromEntries(setup.disabled.map((id) => [id, 'off' as const])) },
            ];
      try {
        const result = linter.verify(file.text, config, { filename: file.path });
        messages += result.length;
        fatal += result.filter((message) => message.fatal).length;
        break;
      } catch (error) {
        const ruleId = thrownRuleId(error);
        if (!ruleId || setup.disabled.includes(ruleId)) throw error;
        setup.disabled.push(ruleId);
      }
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: elapsedMs(start), cpuMs: (cpu.user + cpu.system) / 1000, messages, fatal };
}

export interface ThroughputResult {
  id: SetupId;
  label: string;
  firstPassMs: number;
  ms: Spread;
  linesPerSecond: number;
  /** Median time over the floor's median time. */
  ratioToFloor: number;
  /** Ratio computed within each round, then its spread: robust to drifts of machine load. */
  roundRatios: Spread;
  /** The same with processor time: less moved by other processes' load on a shared machine. */
  cpuRoundRatios: Spread;
  messages: number;
  disabled: string[];
}

/**
 * Interleaved rounds (floor, recommended, strict, security, sonarjs, the oxlint passes, floor,
 * ...) in this one process (oxlint in its own), so a burst of load from other work on the
 * machine hits every configuration alike.
 * The first round warms the JIT and the caches and is reported apart.
 */
export function measureThroughput(
  plugin: Plugin,
  files: readonly CorpusFile[],
  cwd: string,
  rounds: number,
  log: (line: string) => void,
  only?: readonly SetupId[],
): ThroughputResult[] {
  const all = setups(plugin).filter((setup) => !only || only.includes(setup.id));
  const linters = new Map(all.map((setup) => [setup.id, new Linter({ configType: 'flat', cwd })]));
  const lines = files.reduce((sum, file) => sum + file.lines, 0);
  const first = new Map<SetupId, PassResult>();
  const times = new Map<SetupId, number[]>(all.map((setup) => [setup.id, []]));
  const cpuTimes = new Map<SetupId, number[]>(all.map((setup) => [setup.id, []]));
  for (let round = 0; round <= rounds; round++) {
    for (const setup of all) {
      const pass = lintPass(linters.get(setup.id)!, setup, files, plugin, cwd);
      if (round === 0) first.set(setup.id, pass);
      else {
        times.get(setup.id)!.push(pass.ms);
        cpuTimes.get(setup.id)!.push(pass.cpuMs);
      }
      log(
        `  round ${round === 0 ? 'warm-up' : `${round}/${rounds}`} ${setup.id.padEnd(11)} ${(pass.ms / 1000).toFixed(2)} s`,
      );
    }
  }
  const floorTimes = times.get('floor')!;
  const floorCpu = cpuTimes.get('floor')!;
  const floorMedian = spread(floorTimes).median;
  return all.map((setup) => {
    const own = times.get(setup.id)!;
    const ms = spread(own);
    return {
      id: setup.id,
      label: setup.label,
      firstPassMs: first.get(setup.id)!.ms,
      ms,
      linesPerSecond: lines / (ms.median / 1000),
      ratioToFloor: ms.median / floorMedian,
      roundRatios: spread(own.map((time, i) => time / floorTimes[i]!)),
      cpuRoundRatios: spread(cpuTimes.get(setup.id)!.map((time, i) => time / floorCpu[i]!)),
      messages: first.get(setup.id)!.messages,
      disabled: setup.disabled,
    };
  });
}

export interface RuleCost {
  ruleId: string;
  ms: number;
  /** Share of the floor's parse time over the same files. */
  ofParse: number;
}

export interface RuleCosts {
  setup: SetupId;
  parseMs: number;
  rulesMs: number;
  totalMs: number;
  rules: RuleCost[];
}

/**
 * Per-rule time from ESLint's own `stats` option (the numbers behind `TIMING`): each rule's
 * listeners are timed, and so is parsing. A rule that first asks the shared health-data model
 * for something pays for computing it; later rules find it cached.
 */
export function measureRuleCosts(
  plugin: Plugin,
  files: readonly CorpusFile[],
  cwd: string,
  id: SetupId,
): RuleCosts {
  const setup = setups(plugin).find((candidate) => candidate.id === id)!;
  const linter = new Linter({ configType: 'flat', cwd });
  const byRule = new Map<string, number>();
  let parseMs = 0;
  let totalMs = 0;
  for (const file of files) {
    // `stats` is honoured by verifyAndFix since ESLint 9 but missing from its option type.
    const options = { filename: file.path, fix: false, stats: true } as Linter.FixOptions;
    linter.verifyAndFix(file.text, setup.config, options);
    for (const pass of linter.getTimes().passes) {
      parseMs += pass.parse?.total ?? 0;
      totalMs += pass.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
        byRule.set(ruleId, (byRule.get(ruleId) ?? 0) + time.total);
      }
    }
  }
  const rules = [...byRule]
    .map(([ruleId, ms]) => ({ ruleId, ms, ofParse: ms / parseMs }))
    .sort((a, b) => b.ms - a.ms);
  return {
    setup: id,
    parseMs,
    rulesMs: rules.reduce((sum, rule) => sum + rule.ms, 0),
    totalMs,
    rules,
  };
}
