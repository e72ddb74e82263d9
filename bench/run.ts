// The performance benchmark: `npm run bench` (builds first). Prints the results as Markdown
// tables with a verdict per target and writes bench/results.json. Not a test: the machine is
// shared and noisy, so it reports medians and spreads instead of failing on a threshold.
//   npm run bench -- --rounds 5 --sample-lines 40000
import { Linter } from 'eslint';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_LINT_DELAY_MS, MIN_LINT_DELAY_MS } from '../server/src/lintDelay';
import { measureCliScaling } from './cli';
import { type OxlintPreset, type OxlintRun, runOxlint } from './oxlint';
import { type Corpus, type CorpusFile, discoverCorpus, materialize } from './corpus';
import {
  editorFile,
  type LatencyResult,
  measureColdStart,
  measureEditLatency,
  measureServerMemory,
} from './editor';
import { elapsedMs, median, percentile } from './stats';
import { avoidRuleContextRetention } from '../rules/src/util/eslint-rule-contexts';
import {
  loadBuiltPlugin,
  measureRuleCosts,
  measureThroughput,
  setups,
  type ThroughputResult,
} from './throughput';

interface Options {
  rounds: number;
  sampleLines: number;
  edits: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { rounds: 9, sampleLines: 40_000, edits: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${argv[i]} expects a number`);
    if (argv[i] === '--rounds') options.rounds = value;
    else if (argv[i] === '--sample-lines') options.sampleLines = value;
    else if (argv[i] === '--edits') options.edits = value;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

const started = process.hrtime.bigint();
const loadAtStart = loadavg();
const log = (line: string) =>
  process.stderr.write(`[${(elapsedMs(started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/**
 * Every package in proportion, every seed: the in-process rounds lint a sample so that five
 * configurations times six rounds fit the ten-minute budget; the CLI and the server's memory
 * run use the whole corpus.
 */
function sampleOf(corpus: Corpus, lines: number): CorpusFile[] {
  const seeds = corpus.files.filter((file) => file.pkg === 'seeds');
  const rest = corpus.files.filter((file) => file.pkg !== 'seeds');
  const restLines = corpus.lines - seeds.reduce((sum, file) => sum + file.lines, 0);
  const step = Math.max(1, Math.round(restLines / Math.max(1, lines)));
  return [...seeds, ...rest.filter((_, index) => index % step === 0)];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number) => `${fmt(n * 100)} %`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const plugin = loadBuiltPlugin();
  const corpus = discoverCorpus();
  materialize(corpus);
  const sample = sampleOf(corpus, options.sampleLines);
  const sampleLines = sample.reduce((sum, file) => sum + file.lines, 0);
  log(
    `corpus: ${fmt(corpus.files.length)} files, ${fmt(corpus.lines)} lines (copied to ${corpus.dir}); sample ${fmt(sample.length)} files, ${fmt(sampleLines)} lines`,
  );

  log(`CI throughput: ${options.rounds} interleaved rounds after a warm-up round`);
  const throughput = measureThroughput(plugin, sample, corpus.dir, options.rounds, log);
  log('per-rule cost (ESLint stats), configs.strict');
  const ruleCosts = measureRuleCosts(plugin, sample, corpus.dir, 'strict');
  // From here on ESLint builds rule contexts as the CLI and the server make it (for good: the
  // change is process-wide), so the rounds above are ESLint as installed.
  const contextFix = avoidRuleContextRetention(Linter);
  log(`the same rounds as health-data-lint runs ESLint (rule contexts: ${contextFix})`);
  const asProduct = measureThroughput(plugin, sample, corpus.dir, options.rounds, log, [
    'floor',
    'empty',
    'recommended',
    'strict',
  ]);

  // Before the editor's files are written into the corpus folder: they are whole corpus files
  // joined, so the CLI would lint that code twice (and oxlint's parser rejects the names they
  // declare twice).
  log('CLI --concurrency 1 and 2 on the whole corpus');
  const outputDir = join(tmpdir(), 'health-data-lint-bench');
  mkdirSync(outputDir, { recursive: true });
  const cli = await measureCliScaling(corpus.dir, outputDir, 1);
  log('oxlint on the whole corpus, default threads, without and with the plugin');
  // The same folder as the CLI, best of two runs each (the CLI runs once per concurrency).
  const oxlintCli = (['none', 'recommended', 'strict'] as const).map(
    (preset): { preset: OxlintPreset; run: OxlintRun } => {
      const runs = [0, 1].map(() => runOxlint(plugin, preset, corpus.dir, ['.']));
      return { preset, run: runs.reduce((best, run) => (run.ms < best.ms ? run : best)) };
    },
  );

  const floor = setups(plugin)[0]!;
  const parser = new Linter({ configType: 'flat', cwd: corpus.dir });
  const parsesAsTypeScript = (text: string) =>
    !parser
      .verify(text, floor.config, { filename: join(corpus.dir, 'probe.ts') })
      .some((message) => message.fatal);
  const editorDir = join(corpus.dir, 'editor');
  const editorFiles = [2_000, 10_000].map((lines) =>
    editorFile(corpus.files, lines, editorDir, parsesAsTypeScript),
  );
  // The parse of each file, 20 times after two warm-up runs: the median is the floor of the
  // verdict; the p95 shows how much the machine alone spreads a fixed amount of work.
  const parseTimes = editorFiles.map((file) => {
    const times: number[] = [];
    for (let i = 0; i < 22; i++) {
      const start = process.hrtime.bigint();
      parser.verify(file.text, floor.config, { filename: file.path });
      times.push(elapsedMs(start));
    }
    const measured = times.slice(2);
    return { median: median(measured), p95: percentile(measured, 95) };
  });

  const latencies: LatencyResult[] = [];
  for (const [index, file] of editorFiles.entries()) {
    log(`editor: ${options.edits} edits on the ${fmt(file.lines)}-line file`);
    latencies.push(
      await measureEditLatency(file, options.edits, parseTimes[index]!.median, corpus.dir),
    );
  }
  log('server memory after opening the 200 largest corpus files');
  const memory = await measureServerMemory(corpus.files, 200, corpus.dir);
  log('cold start');
  const coldStart = await measureColdStart(editorFiles[0]!, 3, corpus.dir);

  const byId = new Map(throughput.map((result) => [result.id, result]));
  const recommended = byId.get('recommended')!;
  const strict = byId.get('strict')!;
  const sonarjs = byId.get('sonarjs')!;
  const empty = byId.get('empty')!;
  const productById = new Map(asProduct.map((result) => [result.id, result]));
  const productRecommended = productById.get('recommended')!;
  const productStrict = productById.get('strict')!;
  const small = latencies[0]!;
  const ratio = (result: ThroughputResult) => `${fmt(result.roundRatios.median, 2)}×`;
  const targets = [
    {
      target: 'recommended ≤ 1.25× floor, ESLint as installed',
      measured: `${ratio(recommended)} (one rule that does nothing: ${ratio(empty)})`,
      ok: recommended.roundRatios.median <= 1.25,
    },
    {
      target: 'recommended ≤ 1.25× floor, as health-data-lint runs ESLint',
      measured: ratio(productRecommended),
      ok: productRecommended.roundRatios.median <= 1.25,
    },
    {
      target: 'strict ≤ 1.5× floor, ESLint as installed',
      measured: ratio(strict),
      ok: strict.roundRatios.median <= 1.5,
    },
    {
      target: 'strict ≤ 1.5× floor, as health-data-lint runs ESLint',
      measured: ratio(productStrict),
      ok: productStrict.roundRatios.median <= 1.5,
    },
    {
      target: 'recommended and strict faster than sonarjs recommended',
      measured: `${fmt(recommended.roundRatios.median, 2)}× / ${fmt(strict.roundRatios.median, 2)}× vs ${fmt(sonarjs.roundRatios.median, 2)}×`,
      ok: strict.ms.median < sonarjs.ms.median && recommended.ms.median < sonarjs.ms.median,
    },
    ...latencies.map((latency) => ({
      target: `editor p95 ≤ 1.5× parse (${fmt(latency.lines)} lines, keystroke to diagnostics)`,
      measured: `${fmt(latency.p95)} ms vs 1.5 × ${fmt(latency.parseMs)} ms = ${fmt(1.5 * latency.parseMs)} ms`,
      ok: latency.p95 <= 1.5 * latency.parseMs,
    })),
    {
      target: `editor p95 ≤ 150 ms (${fmt(small.lines)} lines, keystroke to diagnostics)`,
      measured: `${fmt(small.p95)} ms`,
      ok: small.p95 <= 150,
    },
    {
      target: 'server memory ≤ 250 MB after 200 files',
      measured: `${fmt(memory.rssMb)} MB (${fmt(memory.idleRssMb)} MB after 3 s idle)`,
      ok: memory.rssMb <= 250,
    },
  ];

  const out: string[] = [];
  const table = (header: string[], rows: string[][]) => {
    out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of rows) out.push(`| ${row.join(' | ')} |`);
    out.push('');
  };
  out.push(
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${cpus().length} CPUs (shared), load average at start ${fmt(loadAtStart[0]!, 1)}.`,
    '',
    `Corpus: ${fmt(corpus.files.length)} files, ${fmt(corpus.lines)} lines (${corpus.skipped.length} files skipped as minified or generated).`,
    '',
  );
  table(
    ['Package', 'Version', 'Files', 'Lines', 'Skipped'],
    corpus.packages.map((pkg) => [
      pkg.pkg,
      pkg.version,
      fmt(pkg.files),
      fmt(pkg.lines),
      fmt(pkg.skipped),
    ]),
  );
  out.push(
    `CI throughput: one process, ${options.rounds} interleaved rounds after a warm-up round, on a ${fmt(sampleLines)}-line sample (${fmt(sample.length)} files, every package in proportion).`,
    '',
  );
  const throughputTable = (results: readonly ThroughputResult[]) =>
    table(
      [
        'Configuration',
        'Median',
        'Spread (min–max)',
        'Lines/s',
        '× floor (medians)',
        '× floor per round: median (min–max)',
        'Processor time × floor per round',
        'Findings',
      ],
      results.map((result) => [
        result.label +
          (result.disabled.length ? ` (${result.disabled.length} rules threw, off)` : ''),
        `${fmt(result.ms.median / 1000, 2)} s`,
        `${fmt(result.ms.min / 1000, 2)}–${fmt(result.ms.max / 1000, 2)} s (spread ${pct(result.ms.relativeSpread)})`,
        fmt(result.linesPerSecond),
        `${fmt(result.ratioToFloor, 2)}×`,
        `${fmt(result.roundRatios.median, 2)}× (${fmt(result.roundRatios.min, 2)}–${fmt(result.roundRatios.max, 2)})`,
        `${fmt(result.cpuRoundRatios.median, 2)}× (${fmt(result.cpuRoundRatios.min, 2)}–${fmt(result.cpuRoundRatios.max, 2)})`,
        fmt(result.messages),
      ]),
    );
  throughputTable(throughput);
  out.push(
    `The same files as health-data-lint's CLI and language server run ESLint: rule contexts built as copies (rules/src/util/eslint-rule-contexts.ts; here: ${contextFix}), ${options.rounds} more interleaved rounds:`,
    '',
  );
  throughputTable(asProduct);
  out.push(
    `Per-rule cost, configs.strict, ESLint \`stats\` (parse ${fmt(ruleCosts.parseMs)} ms, all rules ${fmt(ruleCosts.rulesMs)} ms over the sample):`,
    '',
  );
  table(
    ['Rule', 'Time', 'Share of parse time'],
    ruleCosts.rules.map((rule) => [
      rule.ruleId,
      `${fmt(rule.ms)} ms`,
      `${fmt(rule.ofParse * 100, 1)} %`,
    ]),
  );
  table(
    ['CLI on the whole corpus', 'Wall time', 'Files', 'Findings'],
    cli.runs.map((run) => [
      `--concurrency ${run.concurrency}`,
      `${fmt(run.seconds, 1)} s`,
      fmt(run.files),
      fmt(run.findings),
    ]),
  );
  out.push(`Speed-up with 2 workers: ${fmt(cli.speedup, 2)}×.`, '');
  const oxlintRecommended = oxlintCli.find((entry) => entry.preset === 'recommended')!.run;
  table(
    ['oxlint on the whole corpus (default threads)', 'Wall time', 'Files', 'Findings'],
    oxlintCli.map(({ preset, run }) => [
      preset === 'none' ? 'its default rules, no JS plugin' : `+ configs.${preset} as a JS plugin`,
      `${fmt(run.ms / 1000, 1)} s`,
      fmt(run.files),
      `${fmt(run.findings)} health-data, ${fmt(run.others)} of oxlint's own rules`,
    ]),
  );
  out.push(
    `oxlint + configs.recommended against the CLI: ${fmt(cli.oneWorkerSeconds / (oxlintRecommended.ms / 1000), 2)}× faster than --concurrency 1, ${fmt(cli.twoWorkersSeconds / (oxlintRecommended.ms / 1000), 2)}× faster than --concurrency 2.`,
    '',
  );
  out.push(
    `Editor (LSP over stdio, dist/server.js, push diagnostics matched by version). An edit after a pause is linted at once; inside a burst of typing the server waits for a pause that grows with the file (${MIN_LINT_DELAY_MS}–${MAX_LINT_DELAY_MS} ms), then lints once:`,
    '',
  );
  table(
    [
      'File',
      'Parse (floor) p50 / p95',
      'Edit → diagnostics p50 / p95 / max (× parse at p95)',
      'Burst of keys → diagnostics p50 / p95',
      'Code action p50 / p95',
    ],
    latencies.map((latency) => [
      `${fmt(latency.lines)} lines, ${latency.diagnostics} diagnostics, burst pause ${latency.debounceMs} ms`,
      `${fmt(latency.parseMs)} / ${fmt(parseTimes[latencies.indexOf(latency)]!.p95)} ms`,
      `${fmt(latency.p50)} / ${fmt(latency.p95)} / ${fmt(latency.max)} ms (${fmt(latency.p95 / latency.parseMs, 2)}×)`,
      `${fmt(latency.burstP50)} / ${fmt(latency.burstP95)} ms (${latency.bursts} × ${latency.burstKeys} keys)`,
      `${fmt(latency.codeActionP50, 1)} / ${fmt(latency.codeActionP95, 1)} ms (${latency.codeActions} actions)`,
    ]),
  );
  out.push(
    `Server memory after opening the ${memory.files} largest files (${fmt(memory.lines)} lines, ${fmt(memory.seconds, 1)} s): RSS ${fmt(memory.rssMb)} MB, peak ${fmt(memory.peakMb)} MB; RSS after the first file ${fmt(memory.baselineRssMb)} MB; RSS after 3 s idle ${fmt(memory.idleRssMb)} MB.`,
    '',
    `Cold start (median of ${coldStart.samples.length}): spawn → initialize ${fmt(coldStart.initializeMs)} ms, → first diagnostics of the ${fmt(small.lines)}-line file ${fmt(coldStart.firstDiagnosticsMs)} ms.`,
    '',
  );
  table(
    ['Target', 'Measured', 'Verdict'],
    targets.map((t) => [t.target, t.measured, verdict(t.ok)]),
  );
  const totalSeconds = elapsedMs(started) / 1000;
  out.push(`Benchmark wall time: ${fmt(totalSeconds)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);

  writeFileSync(
    join(__dirname, 'results.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        loadAverageAtStart: loadAtStart,
        options,
        corpus: {
          files: corpus.files.length,
          lines: corpus.lines,
          packages: corpus.packages.map(({ dir: _dir, ...pkg }) => pkg),
          skipped: corpus.skipped,
        },
        sample: { files: sample.length, lines: sampleLines },
        throughput,
        asProduct: { contextFix, throughput: asProduct },
        ruleCosts,
        cli,
        oxlint: oxlintCli,
        editor: { latencies, parse: parseTimes, memory, coldStart },
        targets,
        seconds: totalSeconds,
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
