import { parentPort, workerData } from 'node:worker_threads';
import { BATCH_SIZE, type WorkerInput, type WorkerMessage } from './cli/engine';
import { createEslint, lintFiles } from './cli/lint';
import type { FileReport } from './cli/findings';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('cli-worker.js runs only as a worker thread of health-data-lint');
  const post = (message: WorkerMessage) => port.postMessage(message);
  const { job, files } = workerData as WorkerInput;
  try {
    const eslint = createEslint(job, {
      onConfigProblem: (problem) => post({ type: 'problem', problem }),
    });
    const reports: FileReport[] = [];
    for (let i = 0; i < files.length; i += BATCH_SIZE) {
      const batch = files.slice(i, i + BATCH_SIZE);
      reports.push(...(await lintFiles(eslint, job, batch)));
      post({ type: 'progress', done: batch.length });
    }
    post({ type: 'done', reports });
  } catch (error) {
    post({
      type: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}

void main();
