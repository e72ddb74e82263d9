import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  DocumentDiagnosticReportKind,
  ExecuteCommandRequest,
  type ExecuteCommandParams,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type WorkDoneProgressParams,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIG_FILE_NAME,
  type ConfigProblem,
  type HostOptions,
  type LoadedConfig,
  clearConfigCache,
  clearProjectCaches,
  createRelatedStore,
  findProjectConfig,
  formatConfigProblem,
  formatInventory,
  plugin,
  withRuleSettings,
} from '../../rules/src/host';
import { type DocumentTarget, documentTarget, folderOf } from './documentTarget';
import { ESLINT_CONFIG_FILES, EslintConfigRules } from './eslintConfigRules';
import { matchesConfigIgnores } from './fileFilter';
import { IdleCollector, exposedGc } from './idleCollector';
import { MAX_LINT_DELAY_MS, TypingPace } from './lintDelay';
import {
  LintEngine,
  type LintOutcome,
  type LintRules,
  anyRuleFixable,
  ruleDocsUrl,
  rulesOf,
} from './lintEngine';
import { ScanRecord, toInventoryTree } from './patientInventory';
import {
  type InventoryAnswer,
  type InventoryParams,
  PATIENT_INVENTORY_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  SERVER_COMMANDS,
} from './protocol';
import { SettingsCache, type Settings } from './settings';
import { type LintSnapshot, advertisedActions, minimalEdit, toCodeActions } from './toCodeActions';
import { toDiagnostic, tooLargeDiagnostic } from './toDiagnostic';
import { type ScanResult, scanWorkspace } from './workspaceScan';

const SCAN_WORKSPACE_COMMAND = SERVER_COMMANDS.scanWorkspace;
const FIX_ALL_COMMAND = SERVER_COMMANDS.fixAll;
const OPEN_RULE_DOCS_COMMAND = SERVER_COMMANDS.openRuleDocs;

interface InitializationOptions {
  /** VS Code's Workspace Trust: when false, no `healthdata.config.json` is read. */
  trusted?: boolean;
  /** Settings for clients that support neither workspace/configuration nor pushed settings. */
  settings?: unknown;
  /**
   * False when the client registers the commands itself (the VS Code extension does), since
   * vscode-languageclient would otherwise register the advertised ones a second time.
   */
  advertiseCommands?: boolean;
}

interface CachedLint extends LintSnapshot {
  generation: number;
  failedRules: string[];
  settings: Settings;
  /** What the document was linted with; absent when it was not linted. */
  rules?: LintRules;
  /** The fix-all text of this version, once asked: the editor asks on every cursor move. */
  fixAll?: { text: string | undefined };
}

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** This server's options to the rules: configuration problems go to the user, trust decides whether project files are read. */
const host: HostOptions = {
  readProjectConfig: true,
  onConfigProblem: reportConfigProblem,
  related: createRelatedStore(),
};
const engine = new LintEngine(host);
/** `healthData.useEslintConfig`: the project's own ESLint config, read in trusted workspaces only. */
const eslintConfigRules = new EslintConfigRules();
/** Two seconds without a lint: typing has paused, a full collection will not be felt. */
const idleCollector = new IdleCollector(2000, exposedGc());
/** Fix-all (code action and command) exists only when some rule has an automatic fix. */
const fixAllOffered = anyRuleFixable();

let capabilities: ClientCapabilities = {};
let pullDiagnostics = false;
let projectConfigEnabled = true;
let folders: string[] = [];
let pushedSettings: unknown;
let initialSettings: unknown;
/** Bumped whenever settings or config files change: every cached lint is then stale. */
let generation = 0;

const lintCache = new Map<string, CachedLint>();
const pendingLints = new Map<string, NodeJS.Timeout>();
/** Edits after a pause are linted at once; edits in a burst wait for it to settle. */
const typingPace = new TypingPace();
/** Files whose diagnostics came from a workspace scan, not from an open editor. */
const scanPublished = new Set<string>();
const loggedRuleFailures = new Set<string>();
const reportedProblems = new Set<string>();
let runningScan: CancellationTokenSource | undefined;
/** The CLI names itself so in its reports; the inventory the editor exports is the same report. */
const INVENTORY_TOOL = { name: 'health-data-lint', version: plugin.meta.version };
/** The files and findings of the last workspace scan: what the patient-data inventory reads. */
const lastScan = new ScanRecord();
let lastScanFolders: string[] = [];
let shutdownReceived = false;

/** LSP 3.17 `shutdown`: every request after it fails with InvalidRequest, a second shutdown too. */
function refuseAfterShutdown(method: string): void {
  if (shutdownReceived) {
    throw new ResponseError(ErrorCodes.InvalidRequest, `${method}: the server is shutting down`);
  }
}

const settingsCache = new SettingsCache(async (scopeUri) => {
  if (capabilities.workspace?.configuration) {
    return connection.workspace.getConfiguration({ scopeUri, section: 'healthData' });
  }
  return pushedSettings ?? initialSettings;
});

function settingsFor(uri: string): Promise<Settings> {
  return settingsCache.get(folderOf(uri, folders) ?? uri);
}

/** Tells the user once per problem (until the file changes) and keeps it in the log. */
function reportConfigProblem(problem: ConfigProblem): void {
  const text = `Health Data Lint: ${formatConfigProblem(problem)}`;
  if (reportedProblems.has(text)) return;
  reportedProblems.add(text);
  connection.console.warn(text);
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Warning,
    message: text,
  });
}

/** The project config for a file, as the rules see it; its problems go to the user too. */
function projectConfigOf(filename: string): LoadedConfig | undefined {
  if (!projectConfigEnabled) return undefined;
  const loaded = findProjectConfig(filename);
  for (const problem of loaded.problems) reportConfigProblem(problem);
  return loaded;
}

function ignoredByProjectConfig(filename: string): boolean {
  const loaded = projectConfigOf(filename);
  return loaded !== undefined && matchesConfigIgnores(filename, loaded);
}

function logRuleFailures(filename: string, outcome: LintOutcome): void {
  for (const failure of outcome.failedRules) {
    const key = `${failure.ruleId}\n${failure.error.split('\n')[0]}`;
    if (loggedRuleFailures.has(key)) continue;
    loggedRuleFailures.add(key);
    connection.console.error(
      `Rule ${failure.ruleId} threw while linting ${filename}; it is skipped for that file and the other rules still run.\n${failure.error}`,
    );
  }
  if (outcome.internalError) {
    connection.console.error(`Linting ${filename} failed: ${outcome.internalError}`);
  }
}

/**
 * Every rule of the plugin with its level for one file: from the project's own ESLint config when
 * the user asks and the workspace is trusted, else as the CLI builds it from healthdata.config.json
 * (rulesOf); the editor's `healthData.rules` over either. Undefined: the ESLint config ignores the
 * file, so the CLI with `--use-eslint-config` would not lint it either.
 */
async function rulesFor(
  target: DocumentTarget,
  settings: Settings,
): Promise<LintRules | undefined> {
  if (settings.useEslintConfig && projectConfigEnabled) {
    const answer = await eslintConfigRules.rulesFor(target.filename, target.cwd);
    if (answer.kind === 'ignored') return undefined;
    if (answer.kind === 'rules') return withRuleSettings(answer.rules, settings.rules) as LintRules;
    reportConfigProblem({
      file: target.cwd,
      key: 'healthData.useEslintConfig',
      message: `cannot use the project's ESLint config (${answer.error}); linting with healthdata.config.json`,
    });
  }
  return rulesOf(settings, projectConfigOf(target.filename)?.config);
}

/** The stricter of the editor setting and the project's `maxFileSizeKb`. */
function sizeLimitKb(filename: string, settings: Settings): number {
  const project = projectConfigOf(filename);
  return project
    ? Math.min(settings.maxFileSizeKb, project.config.maxFileSizeKb)
    : settings.maxFileSizeKb;
}

/** Lints one document snapshot with `rules` (none: not linted); never throws. */
function lintSnapshot(
  document: TextDocument,
  settings: Settings,
  target: DocumentTarget,
  rules: LintRules | undefined,
): CachedLint {
  const snapshot: CachedLint = {
    document,
    messages: [],
    diagnostics: [],
    generation,
    failedRules: [],
    settings,
  };
  if (!settings.enable || !rules) return snapshot;
  snapshot.rules = rules;
  if (target.onDisk && ignoredByProjectConfig(target.filename)) {
    return snapshot;
  }
  const text = document.getText();
  const limitKb = sizeLimitKb(target.filename, settings);
  const sizeKb = Buffer.byteLength(text, 'utf8') / 1024;
  if (sizeKb > limitKb) {
    snapshot.diagnostics = [tooLargeDiagnostic(sizeKb, limitKb)];
    return snapshot;
  }
  let outcome: LintOutcome;
  const started = performance.now();
  try {
    outcome = engine.lint(text, target.filename, target.cwd, rules);
  } catch (error) {
    outcome = { messages: [], failedRules: [], internalError: String(error) };
  }
  const ended = performance.now();
  typingPace.linted(document.uri, ended - started, ended);
  logRuleFailures(target.filename, outcome);
  idleCollector.touch();
  snapshot.messages = outcome.messages;
  snapshot.failedRules = outcome.failedRules.map((failure) => failure.ruleId);
  snapshot.diagnostics = outcome.messages.map((message, index) =>
    // The lint filename, not the URI: untitled buffers are linted under a synthetic path.
    toDiagnostic(message, index, document, {
      docsUrl: ruleDocsUrl,
      filename: target.filename,
      related: host.related,
    }),
  );
  return snapshot;
}

function freshCache(document: TextDocument): CachedLint | undefined {
  const cached = lintCache.get(document.uri);
  return cached && cached.document.version === document.version && cached.generation === generation
    ? cached
    : undefined;
}

/** The lint result of the document's current version: from the cache, or computed now. */
async function currentLint(document: TextDocument): Promise<CachedLint> {
  const settings = await settingsFor(document.uri);
  const target = documentTarget(document.uri, document.languageId, folders, process.cwd());
  const rules = settings.enable ? await rulesFor(target, settings) : undefined;
  // The settings round trip may have let newer edits arrive; lint the newest text.
  const latest = documents.get(document.uri) ?? document;
  const cached = freshCache(latest);
  if (cached) return cached;
  const snapshot = TextDocument.create(
    latest.uri,
    latest.languageId,
    latest.version,
    latest.getText(),
  );
  const result = lintSnapshot(snapshot, settings, target, rules);
  if (documents.get(latest.uri)) lintCache.set(latest.uri, result);
  return result;
}

async function publishFor(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const result = await currentLint(document);
  // A newer version arrived while linting: its own scheduled lint will publish.
  if (documents.get(uri)?.version !== result.document.version) return;
  await connection.sendDiagnostics({
    uri,
    version: result.document.version,
    diagnostics: result.diagnostics,
  });
}

function schedulePublish(uri: string, delay: number): void {
  if (shutdownReceived) return;
  clearTimeout(pendingLints.get(uri));
  pendingLints.set(
    uri,
    setTimeout(() => {
      pendingLints.delete(uri);
      publishFor(uri).catch((error: unknown) =>
        connection.console.error(`Publishing diagnostics for ${uri} failed: ${String(error)}`),
      );
    }, delay),
  );
}

/** After settings or config files change: every open document is linted again. */
function relintOpenDocuments(delay = 0): void {
  generation++;
  if (pullDiagnostics) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) {
      void connection.languages.diagnostics.refresh();
    }
    return;
  }
  for (const document of documents.all()) schedulePublish(document.uri, delay);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  refuseAfterShutdown('initialize');
  capabilities = params.capabilities ?? {};
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  projectConfigEnabled = options.trusted !== false;
  host.readProjectConfig = projectConfigEnabled;
  initialSettings = options.settings;
  folders =
    params.workspaceFolders?.map((folder) => folder.uri) ??
    (params.rootUri ? [params.rootUri] : []);
  const advertised = advertisedActions(fixAllOffered);
  return {
    capabilities: {
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
      codeActionProvider: {
        codeActionKinds: advertised.codeActionKinds,
        resolveProvider: false,
      },
      executeCommandProvider:
        options.advertiseCommands === false ? undefined : { commands: advertised.commands },
      diagnosticProvider: pullDiagnostics
        ? { identifier: 'health-data', interFileDependencies: false, workspaceDiagnostics: false }
        : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'health-data-lint', version: plugin.meta.version },
  };
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: `**/${CONFIG_FILE_NAME}` },
        { globPattern: `**/{${ESLINT_CONFIG_FILES.join(',')}}` },
        // Cross-file facts: mounted routers, global guards, table schemas, project roots.
        { globPattern: `**/*.{${CROSS_FILE_EXTENSIONS.join(',')}}` },
        { globPattern: '**/package.json' },
      ],
    });
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      folders = [
        ...folders.filter((uri) => !removed.has(uri)),
        ...event.added.map((folder) => folder.uri),
      ];
      settingsCache.clear();
      relintOpenDocuments();
    });
  }
  connection.console.info(
    `Health Data Lint server ${plugin.meta.version}: ${Object.keys(plugin.rules).length} rules, ${
      pullDiagnostics ? 'pull' : 'push'
    } diagnostics${projectConfigEnabled ? '' : ', untrusted workspace: config files ignored'}.`,
  );
});

connection.onDidChangeConfiguration((params) => {
  const settings = (params.settings as { healthData?: unknown } | undefined)?.healthData;
  if (settings !== undefined) pushedSettings = settings;
  settingsCache.clear();
  relintOpenDocuments();
});

connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((change) => isEslintConfig(change.uri))) {
    eslintConfigRules.clear();
    reportedProblems.clear();
  }
  if (params.changes.some((change) => change.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
    clearConfigCache();
    reportedProblems.clear();
    clearProjectCaches();
    relintOpenDocuments();
  } else if (params.changes.some((change) => isCrossFileSource(change.uri))) {
    clearProjectCaches();
    // A checkout or a formatter touches many files at once: one re-lint after the burst.
    relintOpenDocuments(MAX_LINT_DELAY_MS);
  }
});

/** Files whose content other files' findings depend on (see the watchers registered above). */
const CROSS_FILE_EXTENSIONS = [
  'ts',
  'tsx',
  'js',
  'jsx',
  'mjs',
  'cjs',
  'mts',
  'cts',
  'sql',
  'prisma',
];

function isEslintConfig(uri: string): boolean {
  return ESLINT_CONFIG_FILES.includes(uri.slice(uri.lastIndexOf('/') + 1));
}

function isCrossFileSource(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return (
    name === 'package.json' || CROSS_FILE_EXTENSIONS.includes(name.slice(name.lastIndexOf('.') + 1))
  );
}

documents.onDidOpen((event) => {
  if (pullDiagnostics && scanPublished.delete(event.document.uri)) {
    // The editor now pulls this file's diagnostics; the scan's pushed copy would duplicate them.
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  }
});

documents.onDidChangeContent((event) => {
  const uri = event.document.uri;
  const wait = typingPace.delayAfterEdit(uri, event.document.lineCount, performance.now());
  if (pullDiagnostics) return;
  const known = lintCache.has(uri) || pendingLints.has(uri);
  void settingsFor(uri).then((settings) => {
    if (!known) schedulePublish(uri, 0);
    else if (settings.run === 'onType') schedulePublish(uri, wait);
  });
});

documents.onDidSave((event) => {
  void settingsFor(event.document.uri).then((settings) => {
    if (settings.run !== 'onSave') return;
    if (!pullDiagnostics) schedulePublish(event.document.uri, 0);
    else if (capabilities.workspace?.diagnostics?.refreshSupport) {
      lintCache.delete(event.document.uri);
      void connection.languages.diagnostics.refresh();
    }
  });
});

documents.onDidClose((event) => {
  const uri = event.document.uri;
  clearTimeout(pendingLints.get(uri));
  pendingLints.delete(uri);
  lintCache.delete(uri);
  typingPace.forget(uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

connection.onShutdown(() => {
  refuseAfterShutdown('shutdown');
  shutdownReceived = true;
  runningScan?.cancel();
  // Diagnostics scheduled by the last edits would be published to a client that stopped listening.
  for (const timer of pendingLints.values()) clearTimeout(timer);
  pendingLints.clear();
});

connection.languages.diagnostics.on(async (params, token) => {
  refuseAfterShutdown('textDocument/diagnostic');
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const settings = await settingsFor(document.uri);
  const previous = lintCache.get(document.uri);
  if (previous && settings.run === 'onSave' && previous.generation === generation) {
    // Run on save: edits since the last save keep the last result until the next save.
    return { kind: DocumentDiagnosticReportKind.Full, items: previous.diagnostics };
  }
  // Pull mode: the wait chosen when the document was last edited.
  const wait = typingPace.waitAfterLastEdit(document.uri);
  if (previous && !freshCache(document) && wait > 0) await delay(wait);
  if (token.isCancellationRequested) {
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'Superseded by a newer edit', {
      retriggerRequest: true,
    });
  }
  const result = await currentLint(document);
  return { kind: DocumentDiagnosticReportKind.Full, items: result.diagnostics };
});

/** The snapshot's text with every safe fix applied, computed once per version. */
function fixAllTextOf(snapshot: CachedLint): string | undefined {
  if (!snapshot.fixAll) {
    const { document } = snapshot;
    const target = documentTarget(document.uri, document.languageId, folders, process.cwd());
    snapshot.fixAll = {
      text:
        snapshot.rules &&
        engine.fixAll(
          document.getText(),
          target.filename,
          target.cwd,
          snapshot.rules,
          snapshot.failedRules,
        ),
    };
  }
  return snapshot.fixAll.text;
}

connection.onCodeAction(async (params) => {
  refuseAfterShutdown('textDocument/codeAction');
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const snapshot = await currentLint(document);
  return toCodeActions(snapshot, {
    range: params.range,
    diagnostics: params.context.diagnostics,
    only: params.context.only,
    docsUrl: ruleDocsUrl,
    snippetEdits: capabilities.workspace?.workspaceEdit?.snippetEditSupport === true,
    fixAllText: fixAllOffered ? () => fixAllTextOf(snapshot) : undefined,
  });
});

async function lintFileOnDisk(path: string): Promise<Diagnostic[]> {
  const uri = pathToFileURL(path).href;
  const settings = await settingsFor(uri);
  if (!settings.enable) return [];
  const size = (await stat(path)).size;
  const limitKb = sizeLimitKb(path, settings);
  if (size / 1024 > limitKb) return [tooLargeDiagnostic(size / 1024, limitKb)];
  const text = await readFile(path, 'utf8');
  const document = TextDocument.create(uri, 'typescript', 0, text);
  const target = documentTarget(uri, document.languageId, folders, process.cwd());
  const rules = await rulesFor(target, settings);
  if (!rules) return [];
  const outcome = engine.lint(text, target.filename, target.cwd, rules);
  logRuleFailures(path, outcome);
  return outcome.messages.map((message, index) =>
    toDiagnostic(message, index, document, {
      docsUrl: ruleDocsUrl,
      filename: target.filename,
      related: host.related,
    }),
  );
}

async function runScan(
  token: CancellationToken,
  params: WorkDoneProgressParams,
): Promise<ScanResult> {
  runningScan?.cancel();
  const own = new CancellationTokenSource();
  runningScan = own;
  const progress =
    params.workDoneToken !== undefined
      ? connection.window.attachWorkDoneProgress(params.workDoneToken)
      : await connection.window.createWorkDoneProgress();
  const progressToken = 'token' in progress ? (progress.token as CancellationToken) : undefined;
  const folderPaths = folders.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
  const previous = new Set(scanPublished);
  lastScan.start(folderPaths[0] ?? process.cwd());
  lastScanFolders = folderPaths;
  try {
    const result = await scanWorkspace({
      folders: folderPaths,
      projectConfigEnabled,
      progress,
      isCancelled: () =>
        token.isCancellationRequested ||
        own.token.isCancellationRequested ||
        (progressToken?.isCancellationRequested ?? false),
      describe: (path) => {
        const base = folderPaths.find((folder) => path.startsWith(folder));
        return base ? relative(base, path) : path;
      },
      lintFile: async (path) => {
        const uri = pathToFileURL(path).href;
        previous.delete(uri);
        const open = documents.get(uri);
        if (open) {
          const { diagnostics } = await currentLint(open);
          lastScan.record(path, diagnostics);
          return diagnostics.length;
        }
        let diagnostics: Diagnostic[];
        try {
          diagnostics = await lintFileOnDisk(path);
        } catch (error) {
          connection.console.error(`Scanning ${path} failed: ${String(error)}`);
          return 0;
        }
        lastScan.record(path, diagnostics);
        if (diagnostics.length > 0 || scanPublished.has(uri)) {
          await connection.sendDiagnostics({ uri, diagnostics });
        }
        if (diagnostics.length > 0) scanPublished.add(uri);
        else scanPublished.delete(uri);
        return diagnostics.length;
      },
    });
    lastScan.finish(result.cancelled);
    if (!result.cancelled) {
      // Files that disappeared since the last scan lose their stale findings.
      for (const uri of previous) {
        scanPublished.delete(uri);
        if (!documents.get(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    connection.console.info(
      `Workspace scan ${result.cancelled ? 'cancelled' : 'finished'}: ${result.findings} findings in ${result.filesWithFindings} of ${result.files} files.`,
    );
    return result;
  } finally {
    if (runningScan === own) runningScan = undefined;
  }
}

connection.onRequest(
  SCAN_WORKSPACE_REQUEST,
  (params: WorkDoneProgressParams | undefined, token) => {
    refuseAfterShutdown(SCAN_WORKSPACE_REQUEST);
    return runScan(token, params ?? {});
  },
);

/**
 * The patient-data inventory of the last complete scan (issue 24): the tree of the Patient Data
 * view, and the report text when a format is asked. Never throws: a failure answers an empty tree.
 */
connection.onRequest(
  PATIENT_INVENTORY_REQUEST,
  (params: InventoryParams | undefined): InventoryAnswer => {
    refuseAfterShutdown(PATIENT_INVENTORY_REQUEST);
    if (!lastScan.scanned) return { scanned: false, categories: [] };
    try {
      const inventory = lastScan.inventory(lastScanFolders);
      const root = lastScanFolders[0] ?? process.cwd();
      return {
        scanned: true,
        categories: toInventoryTree(inventory, root),
        ...(params?.format
          ? { text: formatInventory(inventory, params.format, INVENTORY_TOOL) }
          : {}),
      };
    } catch (error) {
      connection.console.error(`The patient-data inventory failed: ${String(error)}`);
      return { scanned: true, categories: [] };
    }
  },
);

async function applyFixAll(uri: string): Promise<boolean> {
  const document = documents.get(uri);
  if (!document) return false;
  const snapshot = await currentLint(document);
  const fixed = fixAllTextOf(snapshot);
  if (fixed === undefined) return false;
  const result = await connection.workspace.applyEdit({
    label: 'Fix all auto-fixable health-data problems',
    edit: {
      documentChanges: [
        {
          textDocument: { uri, version: snapshot.document.version },
          edits: [minimalEdit(snapshot.document, fixed)],
        },
      ],
    },
  });
  return result.applied;
}

function uriArgument(params: ExecuteCommandParams): string | undefined {
  const [first] = params.arguments ?? [];
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && typeof first.uri === 'string')
    return first.uri;
  return undefined;
}

// Registered as a plain request: `onExecuteCommand` would consume the client's workDoneToken
// before the scan could report progress on it.
connection.onRequest(
  ExecuteCommandRequest.type.method,
  async (params: ExecuteCommandParams, token) => {
    refuseAfterShutdown(ExecuteCommandRequest.type.method);
    switch (params.command) {
      case SCAN_WORKSPACE_COMMAND:
        return runScan(token, params);
      case FIX_ALL_COMMAND: {
        // Not advertised without a fixable rule: the command then does not exist.
        if (!fixAllOffered) throw new ResponseError(-32602, `Unknown command ${params.command}`);
        const uri = uriArgument(params);
        if (!uri) throw new ResponseError(-32602, `${FIX_ALL_COMMAND} needs a document URI`);
        return applyFixAll(uri);
      }
      case OPEN_RULE_DOCS_COMMAND: {
        const url = uriArgument(params);
        if (!url) throw new ResponseError(-32602, `${OPEN_RULE_DOCS_COMMAND} needs a URL`);
        return (await connection.window.showDocument({ uri: url, external: true })).success;
      }
      default:
        throw new ResponseError(-32602, `Unknown command ${params.command}`);
    }
  },
);

// An analysis bug must cost one answer, never the editor's server.
process.on('uncaughtException', (error) => {
  connection.console.error(`Unexpected error: ${error.stack ?? String(error)}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${String(reason)}`);
});

documents.listen(connection);
connection.listen();
