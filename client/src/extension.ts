import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_COMMANDS,
  type InventoryAnswer,
  type InventoryFormat,
  PATIENT_DATA_VIEW,
  PATIENT_INVENTORY_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  type ScanResult,
} from '../../server/src/protocol';
import { exportInventory, PatientDataTree } from './patientDataView';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/serverFlags';
import { RestartPolicy } from './restartPolicy';
import { bundledRuleDoc } from './ruleDocs';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
const DIAGNOSTIC_SOURCE = 'health-data';

let client: LanguageClient | undefined;
const restartPolicy = new RestartPolicy();

function askInventory(format?: InventoryFormat): Promise<InventoryAnswer | undefined> {
  return client
    ? client.sendRequest<InventoryAnswer>(PATIENT_INVENTORY_REQUEST, format ? { format } : {})
    : Promise.resolve(undefined);
}

const patientData = new PatientDataTree(() => askInventory());

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel) {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...process.env, ...SERVER_ENV } },
    },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: {
        execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'],
        env: { ...process.env, ...SERVER_ENV },
      },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: { configurationSection: 'healthData' },
    diagnosticPullOptions: { onChange: true, onSave: true },
    errorHandler: {
      // A malformed message is not a reason to stop: the server keeps its own state.
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        const decision = restartPolicy.onServerClosed(Date.now());
        output.warn(decision.message);
        if (decision.notify) void vscode.window.showWarningMessage(decision.message);
        return {
          action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart,
          handled: true,
        };
      },
    },
    // A function, so that a restart after trust is granted sends the new trust state.
    initializationOptions: () => ({
      trusted: vscode.workspace.isTrusted,
      // This extension registers the commands itself; see package.json `contributes.commands`.
      advertiseCommands: false,
    }),
  };
  // The id `healthData` makes the client honour the `healthData.trace.server` setting.
  return new LanguageClient('healthData', 'Health Data Lint', serverOptions, clientOptions);
}

function countFindings(uri: vscode.Uri): number {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE).length;
}

function createStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  item.name = 'Health Data Lint';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !LANGUAGES.includes(editor.document.languageId)) {
      item.hide();
      return;
    }
    const count = countFindings(editor.document.uri);
    item.text = count === 0 ? '$(shield) Health data: 0' : `$(warning) Health data: ${count}`;
    item.tooltip =
      count === 0
        ? 'Health Data Lint: no findings in this file'
        : `Health Data Lint: ${count} finding${count === 1 ? '' : 's'} in this file — open the Problems view`;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) update();
    }),
  );
  update();
}

async function scanWorkspace(): Promise<void> {
  if (!client) return;
  const result = await client.sendRequest<ScanResult>(SCAN_WORKSPACE_REQUEST, {});
  // The inventory describes the last complete scan.
  await patientData.refresh();
  const summary = `${result.findings} finding${result.findings === 1 ? '' : 's'} in ${
    result.filesWithFindings
  } of ${result.files} files`;
  void vscode.window.showInformationMessage(
    `Health Data Lint: ${result.cancelled ? 'scan cancelled after' : 'scan found'} ${summary}.`,
  );
}

/**
 * Opens a rule's page from the server's _Show documentation_ action, whose argument is the rule's
 * `docs.url`: the page bundled in the extension in VS Code's Markdown preview, which works
 * offline, else the web page.
 */
async function openRuleDocs(context: vscode.ExtensionContext, url: unknown): Promise<void> {
  if (typeof url !== 'string') return;
  const bundled = bundledRuleDoc(url);
  if (bundled) {
    const page = vscode.Uri.joinPath(context.extensionUri, ...bundled);
    try {
      await vscode.workspace.fs.stat(page);
      await vscode.commands.executeCommand('markdown.showPreview', page);
      return;
    } catch {
      // No bundled page (a build without docs), or the built-in Markdown extension is disabled.
    }
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Health Data Lint', { log: true });
  client = createClient(context, output);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(EXTENSION_COMMANDS.scanWorkspace, scanWorkspace),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.openRuleDocs, (url: unknown) =>
      openRuleDocs(context, url),
    ),
    vscode.window.registerTreeDataProvider(PATIENT_DATA_VIEW, patientData),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.refreshInventory, () =>
      patientData.refresh(),
    ),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.exportInventory, () =>
      exportInventory(askInventory),
    ),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.restartServer, () => {
      restartPolicy.reset();
      return client?.restart();
    }),
    // Restricted mode ignores healthdata.config.json; once trusted, the server reads it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.restart()),
  );
  createStatusBar(context);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
