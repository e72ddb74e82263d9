import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const SEEDS = join(ROOT, 'seeds');
/** The built CLI; an environment override lets a developer point the suite at another build. */
export const CLI = process.env.HEALTH_DATA_LINT_CLI ?? join(ROOT, 'rules/dist/cli.js');

let built = false;
/** Builds rules/dist once per test run so the suite never exercises a stale CLI. */
export function ensureBuilt(): void {
  if (built || process.env.HEALTH_DATA_LINT_CLI) return;
  execFileSync(process.execPath, ['esbuild.mjs', '--only=plugin'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fingerprint: string;
  fix?: { text: string };
  suggestions: { description: string }[];
  suppression?: { reason: string; expires?: string; status: string };
}

export interface JsonReport {
  tool: { name: string; version: string };
  summary: {
    files: number;
    findings: number;
    errors: number;
    warnings: number;
    byRule: Record<string, number>;
    baselined: number;
    suppressed: number;
    skipped: number;
  };
  findings: JsonFinding[];
  suppressions?: JsonFinding[];
}

export function runJson(args: readonly string[], cwd = ROOT): CliRun & { report: JsonReport } {
  const run = runCli(['--format', 'json', ...args], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`CLI did not print JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, report };
}

const temps: string[] = [];

/** A throwaway project folder; removed by `cleanTemps`. */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hdl-cli-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text);
  return dir;
}

export function writeFile(dir: string, path: string, text: string): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

export function readText(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

export function copySeeds(tree: 'vulnerable' | 'fixed'): string {
  const dir = tempProject();
  cpSync(join(SEEDS, tree), dir, { recursive: true });
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A TypeScript file the parser rejects: the CLI reports it whatever rules the catalog holds. */
export const BROKEN_TS = 'export function broken( {\n  return 1;\n}\n';

/** The first health-data finding on the vulnerable seeds, or undefined while no rule reports one. */
export function firstSeedFinding(): JsonFinding | undefined {
  const { report } = runJson(['seeds/vulnerable']);
  return report.findings.find((finding) => finding.ruleId.startsWith('health-data/'));
}

/** git with a fixed identity and no user or system configuration, so any machine behaves alike. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    },
  );
}

/** A temporary project committed as the first commit of branch `main`. */
export function committedRepository(files: Record<string, string>): string {
  const dir = tempProject(files);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--no-gpg-sign', '-m', 'base');
  return dir;
}
