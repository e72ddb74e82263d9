import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { CorpusFile } from './corpus';
import { elapsedMs } from './stats';

type Plugin = typeof import('../rules/src/index');

const root = join(__dirname, '..');
const BUILT_PLUGIN = join(root, 'rules', 'dist', 'index.js');
const CONFIG_DIR = join(tmpdir(), 'health-data-lint-bench', 'oxlint');

/** The pinned oxlint dev dependency's command line (its native binary is a registry package). */
function oxlintBin(): string {
  const manifest = createRequire(join(root, 'package.json')).resolve('oxlint/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin.oxlint!);
}

export type OxlintPreset = 'none' | 'recommended' | 'strict';

/**
 * oxlint's own default rules (the `correctness` category, as a team runs it without a config),
 * plus the plugin's preset as an oxlint JS plugin (the built plugin, as users install it).
 */
function writeConfig(plugin: Plugin, preset: OxlintPreset): string {
  mkdirSync(CONFIG_DIR, { recursive: true });
  const path = join(CONFIG_DIR, `${preset}.json`);
  const config =
    preset === 'none'
      ? {}
      : { jsPlugins: [BUILT_PLUGIN], rules: plugin.configs[preset][0]!.rules as unknown };
  writeFileSync(path, JSON.stringify(config));
  return path;
}

export interface OxlintRun {
  ms: number;
  /** Processor time of oxlint (all its threads), from the children's times of this process. */
  cpuMs: number;
  /** The plugin's findings, and the diagnostics of oxlint's own rules (and parse errors). */
  findings: number;
  others: number;
  files: number;
}

/** User plus system time of the waited-for children, in ms (Linux /proc; NaN elsewhere). */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime), in clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * One oxlint process over the given files (paths relative to `cwd`), wall time including its
 * start and the plugin's load. `threads` undefined: oxlint's default, one per core.
 */
export function runOxlint(
  plugin: Plugin,
  preset: OxlintPreset,
  cwd: string,
  files: readonly string[],
  threads?: number,
): OxlintRun {
  const args = [oxlintBin(), '-c', writeConfig(plugin, preset), '--disable-nested-config'];
  if (threads !== undefined) args.push(`--threads=${threads}`);
  args.push('--no-ignore', '-f', 'json', ...files);
  const cpuStart = childrenCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = elapsedMs(start);
  const cpuMs = childrenCpuMs() - cpuStart;
  // Exit 1 only says there are findings.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`oxlint exited with ${run.status}: ${run.stderr}`);
  }
  const report = JSON.parse(run.stdout) as {
    diagnostics: { code?: string; message: string }[];
    number_of_files: number;
  };
  const ours = report.diagnostics.filter((d) => d.code?.startsWith('health-data(')).length;
  const failed = report.diagnostics.find((d) => d.message.startsWith('Error running JS plugin'));
  if (failed) throw new Error(`the plugin failed under oxlint: ${failed.message}`);
  return {
    ms,
    cpuMs: Number.isNaN(cpuMs) ? ms : cpuMs,
    findings: ours,
    others: report.diagnostics.length - ours,
    files: report.number_of_files,
  };
}

/** The corpus files as oxlint's arguments, relative to the corpus folder. */
export function oxlintArgs(files: readonly CorpusFile[], cwd: string): string[] {
  return files.map((file) => relative(cwd, file.path));
}
