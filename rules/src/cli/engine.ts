import { existsSync } from 'node:fs';
import { dirname, join, parse, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type ConfigProblem, findProjectConfig } from '../config/project-config';
import type { ConfigProblemHandler } from '../config/resolve';
import type { Preset } from '../util/create-rule';
import { changedFiles, onlyChanged } from './changed-files';
import { discoverFiles, type Discovery, type SkippedFile } from './discover';
import { type FileReport, today } from './findings';
import { createEslint, type LintJob, lintFiles } from './lint';

export interface LintRequest {
  paths: readonly string[];
  cwd: string;
  /** `--config-preset`; absent, each healthdata.config.json's `preset`, else `recommended`. */
  preset?: Preset;
  useEslintConfig: boolean;
  concurrency: number;
  /**
   * Git ref: only the files changed since it are linted. The rules still read every other file
   * of the project from disk (project-graph.ts), so cross-file facts are those of a full run.
   */
  changedSince?: string;
  /** Called with (files done, files total) as linting progresses. */
  onProgress?: (done: number, total: number) => void;
}

export interface LintOutcome {
  /** Folder that report paths, fingerprints and SARIF `%SRCROOT%` are relative to. */
  root: string;
  /** One report per linted file, sorted by path. */
  reports: FileReport[];
  skipped: SkippedFile[];
  configProblems: ConfigProblem[];
}

/** Messages from cli-worker.ts to the main thread. */
export type WorkerMessage =
  | { type: 'progress'; done: number }
  | { type: 'problem'; problem: ConfigProblem }
  | { type: 'done'; reports: FileReport[] }
  | { type: 'failed'; error: string };

export interface WorkerInput {
  job: LintJob;
  files: string[];
}

/** Files per `lintFiles` call: small enough for a lively progress count, large enough to be cheap. */
export const BATCH_SIZE = 50;

/** The healthdata.config.json files that apply to `files`, each once. */
export function configFilesOf(files: readonly string[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    const configFile = findProjectConfig(file).file;
    if (configFile !== undefined) found.add(configFile);
  }
  return [...found];
}

/** The deepest folder holding every path: the report root. */
export function commonAncestor(paths: readonly string[]): string {
  let common = paths[0]!;
  for (const path of paths.slice(1)) {
    while (relative(common, path).startsWith('..') || parse(common).root !== parse(path).root) {
      const parent = dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}

async function lintInProcess(
  job: LintJob,
  files: readonly string[],
  onBatch: (count: number) => void,
  onConfigProblem: ConfigProblemHandler,
): Promise<FileReport[]> {
  const eslint = createEslint(job, { onConfigProblem });
  const reports: FileReport[] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) {
    const batch = files.slice(i, i + BATCH_SIZE);
    reports.push(...(await lintFiles(eslint, job, batch)));
    onBatch(batch.length);
  }
  return reports;
}

function workerScript(): string | undefined {
  // Built as rules/dist/cli-worker.js beside the CLI bundle; absent when run from sources.
  const script = join(__dirname, 'cli-worker.js');
  return existsSync(script) ? script : undefined;
}

function lintInWorker(
  script: string,
  input: WorkerInput,
  onBatch: (count: number) => void,
  onProblem: (problem: ConfigProblem) => void,
): Promise<FileReport[]> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: input });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onBatch(message.done);
      else if (message.type === 'problem') onProblem(message.problem);
      else if (message.type === 'done') {
        settled = true;
        resolvePromise(message.reports);
      } else {
        settled = true;
        reject(new Error(message.error));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`lint worker stopped with exit code ${code}`));
    });
  });
}

/** Splits files into `parts` contiguous slices of near-equal count (keeps folders together). */
function split<T>(items: readonly T[], parts: number): T[][] {
  const slices: T[][] = [];
  const size = Math.ceil(items.length / parts);
  for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
  return slices;
}

/**
 * Finds and lints the files under `paths`. The result does not depend on `concurrency`: reports
 * are sorted by path and each file is linted by exactly one ESLint instance.
 */
export async function lintPaths(request: LintRequest): Promise<LintOutcome> {
  let discovery: Discovery = discoverFiles(request.paths, request.cwd);
  if (request.changedSince !== undefined) {
    // Discovered first, then narrowed: the same ignores apply, and report paths (so baseline
    // fingerprints) stay relative to the same root as in a full run.
    const changed = changedFiles(request.cwd, request.changedSince);
    discovery = {
      ...discovery,
      files: onlyChanged(discovery.files, changed, (file) => file),
      skipped: onlyChanged(discovery.skipped, changed, (skipped) => skipped.file),
    };
  }
  const targets = request.paths.map((path) => resolve(request.cwd, path));
  const root = commonAncestor([resolve(request.cwd), ...targets]);
  const job: LintJob = {
    root,
    preset: request.preset,
    configFiles: configFilesOf(discovery.files),
    useEslintConfig: request.useEslintConfig,
    today: today(),
  };
  const problems = new Map<string, ConfigProblem>();
  const addProblem = (problem: ConfigProblem) =>
    problems.set(`${problem.file}\0${problem.key}`, problem);
  discovery.configProblems.forEach(addProblem);

  const total = discovery.files.length;
  let done = 0;
  const onBatch = (count: number) => {
    done += count;
    request.onProgress?.(done, total);
  };

  let reports: FileReport[];
  const script = workerScript();
  const workers = Math.min(request.concurrency, total);
  if (workers > 1 && script) {
    const slices = split(discovery.files, workers);
    const parts = await Promise.all(
      slices.map((files) => lintInWorker(script, { job, files }, onBatch, addProblem)),
    );
    reports = parts.flat();
  } else {
    reports = await lintInProcess(job, discovery.files, onBatch, addProblem);
  }
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { root, reports, skipped: discovery.skipped, configProblems: [...problems.values()] };
}
