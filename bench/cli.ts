import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elapsedMs } from './stats';

const CLI = join(__dirname, '..', 'rules', 'dist', 'cli.js');

export interface CliRun {
  concurrency: number;
  seconds: number;
  files: number;
  findings: number;
}

function runCli(dir: string, concurrency: number, output: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [CLI, '--format', 'json', '--output', output, '--concurrency', String(concurrency), dir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = elapsedMs(start) / 1000;
      // Exit 1 only says the corpus has findings; 2 is a usage or configuration failure.
      if (code !== 0 && code !== 1) {
        reject(new Error(`health-data-lint exited with ${code}: ${stderr}`));
        return;
      }
      const report = JSON.parse(readFileSync(output, 'utf8')) as {
        summary: { files: number; findings: number };
      };
      resolve({
        concurrency,
        seconds,
        files: report.summary.files,
        findings: report.summary.findings,
      });
    });
  });
}

export interface CliScaling {
  runs: CliRun[];
  oneWorkerSeconds: number;
  twoWorkersSeconds: number;
  speedup: number;
}

/**
 * Wall time of the built CLI (process start included, as in CI) with 1 and then 2 workers,
 * alternating. Both must report the same files and findings, or the comparison is void.
 */
export async function measureCliScaling(
  dir: string,
  outputDir: string,
  repetitions: number,
): Promise<CliScaling> {
  const runs: CliRun[] = [];
  for (let i = 0; i < repetitions; i++) {
    for (const concurrency of [1, 2]) {
      runs.push(await runCli(dir, concurrency, join(outputDir, `cli-${concurrency}.json`)));
    }
  }
  const first = runs[0]!;
  const differing = runs.find(
    (run) => run.files !== first.files || run.findings !== first.findings,
  );
  if (differing) {
    throw new Error(
      `--concurrency ${differing.concurrency} reported ${differing.files} files / ${differing.findings} findings, --concurrency 1 ${first.files} / ${first.findings}`,
    );
  }
  const best = (concurrency: number) =>
    Math.min(...runs.filter((run) => run.concurrency === concurrency).map((run) => run.seconds));
  const oneWorkerSeconds = best(1);
  const twoWorkersSeconds = best(2);
  return {
    runs,
    oneWorkerSeconds,
    twoWorkersSeconds,
    speedup: oneWorkerSeconds / twoWorkersSeconds,
  };
}
