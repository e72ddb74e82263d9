import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { SERVER } from './support';

/**
 * A raw LSP client for the built server: it writes whole frames itself (one `write` per frame, so
 * nothing interleaves), which lets tests send what no client library would (invalid JSON, wrong
 * types, unknown methods), start the server under a `--require` preload, and answer the server's
 * own requests the way an editor does.
 */
interface Message {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class RawLspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly published = new Map<string, { version?: number; diagnostics: unknown[] }[]>();
  readonly stderr: string[] = [];
  /** Errors the server caught at its last line of defence (uncaught exceptions, rejections). */
  readonly escaped: string[] = [];
  /** Every window/logMessage and window/showMessage text: the output channel's content. */
  readonly notices: string[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<string, (message: Message) => void>();
  private readonly publishWaiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(
    private readonly folder: string,
    nodeArgs: readonly string[] = [],
    env: NodeJS.ProcessEnv = {},
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], {
      stdio: 'pipe',
      env: { ...process.env, ...env },
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.child.stdin.on('error', () => undefined);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Writes one frame; `body` is sent verbatim when it is a string. */
  send(body: unknown): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`);
  }

  request(method: string, params: unknown, timeoutMs = 30_000): Promise<Message> {
    const id = `sanity-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method}`)), timeoutMs);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(): Promise<void> {
    const answer = await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.folder).href,
      workspaceFolders: [{ uri: pathToFileURL(this.folder).href, name: 'fuzz' }],
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
        window: { showDocument: { support: true }, workDoneProgress: true },
      },
    });
    assert.ok(answer.result, JSON.stringify(answer.error));
    this.notify('initialized', {});
  }

  /** Resolves with the first diagnostics published for `uri` at `version` that satisfy `accept`. */
  async diagnosticsFor(
    uri: string,
    version: number,
    accept: (diagnostics: unknown[]) => boolean,
    timeoutMs = 30_000,
  ): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published
        .get(uri)
        ?.find((p) => p.version === version && accept(p.diagnostics));
      if (hit) return hit.diagnostics;
      if (!this.alive) throw new Error(`server exited; stderr:\n${this.stderr.join('')}`);
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} version ${version}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        this.publishWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Message);
    }
  }

  private handle(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: message.id, result: this.answer(message) });
      return;
    }
    if (message.method === 'window/logMessage' || message.method === 'window/showMessage') {
      const text = (message.params as { message?: string }).message ?? '';
      this.notices.push(text);
      if (/^(Unexpected error|Unhandled rejection)/.test(text)) this.escaped.push(text);
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as { uri: string; version?: number; diagnostics: unknown[] };
      const list = this.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics });
      this.published.set(params.uri, list);
      for (const waiter of this.publishWaiters.splice(0)) waiter();
      return;
    }
    if (message.id !== undefined && message.id !== null) {
      this.pending.get(String(message.id))?.(message);
      this.pending.delete(String(message.id));
    }
  }

  /** What an editor answers to the server's own requests. */
  private answer(message: Message): unknown {
    switch (message.method) {
      case 'workspace/configuration':
        return ((message.params as { items?: unknown[] })?.items ?? []).map(() => ({}));
      case 'workspace/applyEdit':
        return { applied: false, failureReason: 'fuzz client' };
      case 'window/showDocument':
        return { success: false };
      default:
        return null;
    }
  }
}
