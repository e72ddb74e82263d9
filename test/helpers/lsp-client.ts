import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type ApplyWorkspaceEditResult,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProgressToken,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** The built server the tests drive; `npm test` builds it first. */
export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

export interface StartOptions {
  /** Advertise pull diagnostics (textDocument/diagnostic); push otherwise. */
  pull?: boolean;
  workspaceFolders?: string[];
  initializationOptions?: unknown;
  /** What the client answers to workspace/configuration for `healthData`. */
  settings?: Record<string, unknown>;
}

export interface ProgressEvent {
  token: ProgressToken;
  value: {
    kind: 'begin' | 'report' | 'end';
    title?: string;
    message?: string;
    percentage?: number;
  };
}

interface Waiter<T> {
  accept: (value: T) => boolean;
  resolve: (value: T) => void;
}

/**
 * A minimal but real LSP client over the server's stdio: it keeps its own copy of each open
 * document, applies workspace edits the way an editor does (rejecting stale versions) and
 * records every notification the server sends.
 */
export class LspTestClient {
  readonly documents = new Map<string, TextDocument>();
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics notification, in arrival order. */
  readonly publishLog: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly createdProgressTokens: ProgressToken[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  readonly shownDocuments: string[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private readonly publishWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly progressWaiters: Waiter<ProgressEvent>[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly pull: boolean,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr!.resume();
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspTestClient(child, connection, options.pull ?? false, {
      ...options.settings,
    });
    client.listen();
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((path) => ({ uri: pathToFileURL(path).href, name: path })),
      capabilities: client.capabilities(),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private capabilities(): ClientCapabilities {
    return {
      workspace: {
        configuration: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: this.pull ? { refreshSupport: true } : undefined,
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        codeAction: {
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] },
          },
          isPreferredSupport: true,
        },
        diagnostic: this.pull ? { dynamicRegistration: false } : undefined,
      },
      window: { workDoneProgress: true, showDocument: { support: true } },
    };
  }

  private listen(): void {
    const { connection } = this;
    connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: PublishDiagnosticsParams) => {
        this.published.set(params.uri, params);
        this.publishLog.push(params);
        this.settle(this.publishWaiters, params);
      },
    );
    connection.onNotification('$/progress', (params: ProgressEvent) => {
      this.progress.push(params);
      this.settle(this.progressWaiters, params);
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'healthData' ? this.settings : null)),
    );
    connection.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', (params: { token: ProgressToken }) => {
      this.createdProgressTokens.push(params.token);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    connection.onRequest(
      'workspace/applyEdit',
      async (params: { edit: WorkspaceEdit }): Promise<ApplyWorkspaceEditResult> => {
        try {
          await this.applyWorkspaceEdit(params.edit);
          return { applied: true };
        } catch (error) {
          return { applied: false, failureReason: String(error) };
        }
      },
    );
  }

  private settle<T>(waiters: Waiter<T>[], value: T): void {
    for (const waiter of [...waiters]) {
      if (waiter.accept(value)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(value);
      }
    }
  }

  private waitFor<T>(
    waiters: Waiter<T>[],
    accept: (value: T) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        accept,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      waiters.push(waiter);
    });
  }

  waitForPublish(
    accept: (params: PublishDiagnosticsParams) => boolean,
    what = 'diagnostics',
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(this.publishWaiters, accept, what);
  }

  waitForProgress(
    accept: (event: ProgressEvent) => boolean,
    what = 'progress',
  ): Promise<ProgressEvent> {
    const seen = this.progress.find(accept);
    return seen ? Promise.resolve(seen) : this.waitFor(this.progressWaiters, accept, what);
  }

  async open(uri: string, languageId: string, text: string): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return document;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<TextDocument> {
    const current = this.document(uri);
    const next = TextDocument.update(current, changes, current.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges: changes,
    });
    return next;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  /** The diagnostics of the document's current version, pulled or pushed as negotiated. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const version = this.document(uri).version;
    if (this.pull) {
      const report: DocumentDiagnosticReport = await this.connection.sendRequest(
        'textDocument/diagnostic',
        { textDocument: { uri } },
      );
      if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
      return report.items;
    }
    const current = this.published.get(uri);
    if (current?.version === version) return current.diagnostics;
    const params = await this.waitForPublish(
      (params) => params.uri === uri && params.version === version,
      `diagnostics of ${uri} version ${version}`,
    );
    return params.diagnostics;
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    };
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
  }

  /** Applies an edit as an editor would: versioned edits for a stale version are refused. */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('only text document edits are expected');
      const document = this.document(change.textDocument.uri);
      if (
        change.textDocument.version !== null &&
        change.textDocument.version !== document.version
      ) {
        throw new Error(
          `edit for version ${change.textDocument.version}, document is at ${document.version}`,
        );
      }
      const edits = [...(change.edits as TextEdit[])].sort(
        (a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start),
      );
      // Applied last-first, each edit's range is still valid in the partially edited text.
      await this.change(
        document.uri,
        edits.map((textEdit) => ({ range: textEdit.range, text: textEdit.newText })),
      );
    }
    if (edit.changes) throw new Error('the server must send versioned documentChanges');
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}
