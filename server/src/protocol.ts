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

/**
 * Request: the patient-data inventory of the last workspace scan (issue 24), as the tree the
 * editor shows, and the report text when `format` is given; answers an InventoryAnswer.
 */
export const PATIENT_INVENTORY_REQUEST = 'healthData/patientInventory';

export type InventoryFormat = 'md' | 'html' | 'json' | 'csv';

export interface InventoryParams {
  /** Also answer the report in this format (the CLI's `--report inventory --format`). */
  format?: InventoryFormat;
}

/** A place of a category: where it is declared, or a flow with the finding it comes from. */
export interface InventoryPlace {
  label: string;
  description: string;
  tooltip: string;
  /** `declaration` or the kind of flow (`route`, `store`, …). */
  kind: string;
  uri: string;
  /** 0-based line and character, as LSP positions. */
  line: number;
  character: number;
}

export interface InventoryCategory {
  id: string;
  title: string;
  /** The kinds of data of the category, joined. */
  description: string;
  places: InventoryPlace[];
}

export interface InventoryAnswer {
  /** False until a workspace scan has run: the inventory covers the files a scan reads. */
  scanned: boolean;
  categories: InventoryCategory[];
  /** The report in the format asked for. */
  text?: string;
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
  /** Writes the patient-data inventory of the last scan to a file the user picks. */
  exportInventory: 'healthData.exportInventory',
  /** Asks the server for the inventory again (the Patient Data view's refresh button). */
  refreshInventory: 'healthData.refreshInventory',
} as const;

/** The Patient Data view (package.json `contributes.views`). */
export const PATIENT_DATA_VIEW = 'healthData.patientData';
