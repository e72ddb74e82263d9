import { lintableFiles } from './fileFilter';

export interface ScanProgress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
}

export interface ScanOptions {
  folders: readonly string[];
  projectConfigEnabled: boolean;
  isCancelled: () => boolean;
  progress: ScanProgress;
  /** Lints one file and publishes its diagnostics; resolves to the number of findings. */
  lintFile: (path: string) => Promise<number>;
  describe: (path: string) => string;
}

import type { ScanResult } from './protocol';

export type { ScanResult };

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lints every lintable file of the workspace folders, one at a time, yielding to the event loop
 * between files so that cancellation and editor traffic are served during a long scan.
 */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const { progress, isCancelled } = options;
  const result: ScanResult = { files: 0, filesWithFindings: 0, findings: 0, cancelled: false };
  progress.begin('Health Data Lint: scanning workspace', 0, 'Listing files…', true);
  try {
    const files: string[] = [];
    for (const folder of options.folders) {
      for await (const file of lintableFiles(folder, {
        isCancelled,
        projectConfigEnabled: options.projectConfigEnabled,
      })) {
        files.push(file);
      }
    }
    let lastPercentage = -1;
    let lastReport = 0;
    for (const file of files) {
      await yieldToEvents();
      if (isCancelled()) break;
      const findings = await options.lintFile(file);
      result.files++;
      result.findings += findings;
      if (findings > 0) result.filesWithFindings++;
      const percentage = Math.floor((result.files / files.length) * 100);
      const now = Date.now();
      if (percentage !== lastPercentage || now - lastReport > 250) {
        lastPercentage = percentage;
        lastReport = now;
        progress.report(percentage, `${result.files}/${files.length} ${options.describe(file)}`);
      }
    }
    result.cancelled = isCancelled();
    return result;
  } finally {
    progress.done();
  }
}
