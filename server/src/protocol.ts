/**
 * The ids the client and the server share, each defined once: the request and the commands this
 * server answers beyond the LSP standard ones, and the editor commands the extension contributes
 * (package.json `contributes.commands`, checked against these by test/server/manifest.test.ts).
 */

/** Request: scan every file of the workspace; answers a ScanResult. */
export const SCAN_WORKSPACE_REQUEST = 'healthData/scanWorkspace';

/** The answer to SCAN_WORKSPACE_REQUEST. */
export interface ScanResult {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

/** Commands of `workspace/executeCommand`, for clients without the extension's own commands. */
export const SERVER_COMMANDS = {
  scanWorkspace: 'healthData.scanWorkspace',
  /**
   * Applies every safe fix to the document whose URI is the argument; advertised, with the
   * `source.fixAll.healthData` code-action kind, only when some rule has an automatic fix.
   */
  fixAll: 'healthData.fixAll',
  /** Opens a rule's documentation: the argument is its URL. */
  openRuleDocs: 'healthData.openRuleDocs',
} as const;

/** Commands the VS Code extension registers (its command palette). */
export const EXTENSION_COMMANDS = {
  scanWorkspace: SERVER_COMMANDS.scanWorkspace,
  openRuleDocs: SERVER_COMMANDS.openRuleDocs,
  restartServer: 'healthData.restartServer',
} as const;
