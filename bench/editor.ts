import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintDelayMs } from '../server/src/lintDelay';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/serverFlags';
import { LspTestClient } from '../test/helpers/lsp-client';
import type { CorpusFile } from './corpus';
import { elapsedMs, median, percentile } from './stats';

/**
 * A TypeScript file of about `lines` lines made of whole corpus files (each parses alone as
 * TypeScript), seeds first so the file has findings and code actions to ask for.
 */
export function editorFile(
  files: readonly CorpusFile[],
  lines: number,
  dir: string,
  parsesAsTypeScript: (text: string) => boolean,
): { path: string; text: string; lines: number } {
  const ordered = [
    ...files.filter((file) => file.pkg === 'seeds' && file.name.includes('/vulnerable/')),
    ...files.filter((file) => file.pkg !== 'seeds'),
  ];
  const parts: string[] = [];
  let count = 0;
  for (const file of ordered) {
    if (count >= lines) break;
    if (count + file.lines > lines * 1.05 || !parsesAsTypeScript(file.text)) continue;
    parts.push(file.text.endsWith('\n') ? file.text : `${file.text}\n`);
    count += file.lines;
  }
  const text = parts.join('');
  if (!parsesAsTypeScript(text)) throw new Error(`the ${lines}-line editor file does not parse`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `edit-${lines}.ts`);
  writeFileSync(path, text);
  return { path, text, lines: text.split('\n').length };
}

/** The server as the VS Code client starts it: with the client's Node flags and environment. */
function startServer(workspace: string): Promise<LspTestClient> {
  const added: Record<string, string> = {
    ...SERVER_ENV,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, ...SERVER_EXEC_ARGV].filter(Boolean).join(' '),
  };
  const previous = Object.fromEntries(Object.keys(added).map((key) => [key, process.env[key]]));
  Object.assign(process.env, added);
  try {
    // The child's environment is copied when it is spawned, before start() first awaits.
    return LspTestClient.start({ workspaceFolders: [workspace] });
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export interface LatencyResult {
  file: string;
  lines: number;
  edits: number;
  diagnostics: number;
  /** The server's pause inside a burst of typing for a file of this size (server/src/lintDelay.ts). */
  debounceMs: number;
  /** Single edit sent → diagnostics of that version received (an edit after a pause: no wait). */
  p50: number;
  p95: number;
  max: number;
  /** Bursts of keystrokes 15 ms apart: last keystroke → diagnostics of the last version. */
  bursts: number;
  burstKeys: number;
  burstP50: number;
  burstP95: number;
  codeActionP50: number;
  codeActionP95: number;
  codeActions: number;
  parseMs: number;
}

const BURSTS = 20;
const BURST_KEYS = 5;
const BURST_KEY_GAP_MS = 15;

/**
 * Opens the file, then types 100 single characters one after the other, each after a pause as
 * long as the server's burst delay and each waiting for the diagnostics of its own version (push,
 * version-matched); then 20 bursts of 5 keys 15 ms apart, timed from the last key. A space at the
 * start of a line keeps the file parsing, so every edit costs a full lint rather than a cheap
 * parse error.
 */
export async function measureEditLatency(
  file: { path: string; text: string; lines: number },
  edits: number,
  parseMs: number,
  workspace: string,
): Promise<LatencyResult> {
  const delay = lintDelayMs(file.text.split('\n').length);
  const client = await startServer(workspace);
  try {
    const uri = pathToFileURL(file.path).href;
    await client.open(uri, 'typescript', file.text);
    let diagnostics: Diagnostic[] = await client.diagnostics(uri);
    const latencies: number[] = [];
    const lineCount = file.text.split('\n').length;
    for (let i = 0; i < edits; i++) {
      const line = Math.floor(((i * 7919) % edits) * (lineCount / edits));
      await new Promise((resolve) => setTimeout(resolve, delay));
      const start = process.hrtime.bigint();
      await client.change(uri, [
        { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' },
      ]);
      diagnostics = await client.diagnostics(uri);
      latencies.push(elapsedMs(start));
    }
    // Typing faster than the pause: the server waits for the burst to settle, then lints once.
    const burstLatencies: number[] = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      const line = Math.floor(((burst * 104_729) % BURSTS) * (lineCount / BURSTS));
      let start = process.hrtime.bigint();
      for (let key = 0; key < BURST_KEYS; key++) {
        if (key > 0) await new Promise((resolve) => setTimeout(resolve, BURST_KEY_GAP_MS));
        start = process.hrtime.bigint();
        await client.change(uri, [
          { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' },
        ]);
      }
      diagnostics = await client.diagnostics(uri);
      burstLatencies.push(elapsedMs(start));
      // The next burst starts after a pause, like a typist reading the squiggles.
      await new Promise((resolve) => setTimeout(resolve, delay * 2));
    }
    // A parse error is the one diagnostic with no rule id as its code.
    if (diagnostics.some((diagnostic) => diagnostic.code === undefined)) {
      throw new Error(`${file.path}: an edit broke parsing; latencies would be meaningless`);
    }
    const actionTimes: number[] = [];
    let actions = 0;
    const target = diagnostics.filter((diagnostic) => diagnostic.code !== undefined);
    for (let i = 0; i < 20; i++) {
      const chosen = target.length > 0 ? [target[i % target.length]!] : [];
      const start = process.hrtime.bigint();
      actions = (await client.codeActions(uri, chosen)).length;
      actionTimes.push(elapsedMs(start));
    }
    return {
      file: file.path,
      lines: file.lines,
      edits,
      diagnostics: diagnostics.length,
      debounceMs: delay,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      bursts: BURSTS,
      burstKeys: BURST_KEYS,
      burstP50: percentile(burstLatencies, 50),
      burstP95: percentile(burstLatencies, 95),
      codeActionP50: percentile(actionTimes, 50),
      codeActionP95: percentile(actionTimes, 95),
      codeActions: actions,
      parseMs,
    };
  } finally {
    await client.shutdown().catch(() => client.kill());
  }
}

/** Resident and peak memory of a process, in MB, from /proc (Linux). */
export function processMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const languageOf = (path: string) => (/\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript');

export interface MemoryResult {
  files: number;
  lines: number;
  rssMb: number;
  peakMb: number;
  /** RSS once the first file is linted: Node, ESLint, the parser and TypeScript loaded. */
  baselineRssMb: number;
  /** RSS after 3 s without work, once the server's idle collection has run (idleCollector.ts). */
  idleRssMb: number;
  seconds: number;
}

/** Opens the corpus' largest files in one server and reads its memory once all are linted. */
export async function measureServerMemory(
  files: readonly CorpusFile[],
  count: number,
  workspace: string,
): Promise<MemoryResult> {
  const largest = [...files].sort((a, b) => b.lines - a.lines).slice(0, count);
  const client = await startServer(workspace);
  try {
    const start = process.hrtime.bigint();
    let baselineRssMb = 0;
    for (const file of largest) {
      const uri = pathToFileURL(file.path).href;
      await client.open(uri, languageOf(file.path), file.text);
      await client.diagnostics(uri);
      if (baselineRssMb === 0) baselineRssMb = processMemoryMb(client.child.pid!).rss;
    }
    const seconds = elapsedMs(start) / 1000;
    const memory = processMemoryMb(client.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRssMb = processMemoryMb(client.child.pid!).rss;
    return {
      files: largest.length,
      lines: largest.reduce((sum, file) => sum + file.lines, 0),
      rssMb: memory.rss,
      peakMb: memory.peak,
      baselineRssMb,
      idleRssMb,
      seconds,
    };
  } finally {
    await client.shutdown().catch(() => client.kill());
  }
}

export interface ColdStartResult {
  initializeMs: number;
  firstDiagnosticsMs: number;
  samples: { initializeMs: number; firstDiagnosticsMs: number }[];
}

/** Spawn → initialize answered → first diagnostics of an opened file, in a new server each time. */
export async function measureColdStart(
  file: { path: string; text: string },
  runs: number,
  workspace: string,
): Promise<ColdStartResult> {
  const samples: ColdStartResult['samples'] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const client = await startServer(workspace);
    const initializeMs = elapsedMs(start);
    try {
      const uri = pathToFileURL(file.path).href;
      await client.open(uri, 'typescript', file.text);
      await client.diagnostics(uri);
      samples.push({ initializeMs, firstDiagnosticsMs: elapsedMs(start) });
    } finally {
      await client.shutdown().catch(() => client.kill());
    }
  }
  return {
    initializeMs: median(samples.map((sample) => sample.initializeMs)),
    firstDiagnosticsMs: median(samples.map((sample) => sample.firstDiagnosticsMs)),
    samples,
  };
}
