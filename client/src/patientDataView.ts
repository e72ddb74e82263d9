import * as vscode from 'vscode';
import type {
  InventoryAnswer,
  InventoryCategory,
  InventoryFormat,
  InventoryPlace,
} from '../../server/src/protocol';

type Node = { category: InventoryCategory } | { place: InventoryPlace };

const FLOW_ICONS: Readonly<Record<string, string>> = {
  declaration: 'symbol-field',
  route: 'globe',
  store: 'database',
  export: 'package',
  log: 'output',
  transport: 'plug',
  'third-party': 'cloud-upload',
  pseudonym: 'key',
  code: 'code',
};

/**
 * The Patient Data view: the categories of patient data of the last workspace scan, each with the
 * places it is declared and the places it flows (as the server's inventory says); a click opens
 * the place. Before a scan the view shows its welcome text (package.json `viewsWelcome`).
 */
export class PatientDataTree implements vscode.TreeDataProvider<Node> {
  private categories: InventoryCategory[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ask: () => Promise<InventoryAnswer | undefined>) {}

  async refresh(): Promise<void> {
    const answer = await this.ask();
    this.categories = answer?.scanned ? answer.categories : [];
    await vscode.commands.executeCommand(
      'setContext',
      'healthData.inventoryScanned',
      answer?.scanned === true,
    );
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.categories.map((category) => ({ category }));
    return 'category' in node ? node.category.places.map((place) => ({ place })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('category' in node) {
      const item = new vscode.TreeItem(
        node.category.title,
        vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = node.category.id;
      item.description = node.category.description;
      item.tooltip = `${node.category.title}: ${node.category.description}`;
      item.contextValue = 'category';
      return item;
    }
    const { place } = node;
    const item = new vscode.TreeItem(place.label, vscode.TreeItemCollapsibleState.None);
    item.description = place.description;
    item.tooltip = place.tooltip;
    item.iconPath = new vscode.ThemeIcon(FLOW_ICONS[place.kind] ?? 'circle-outline');
    const position = new vscode.Position(place.line, place.character);
    item.command = {
      command: 'vscode.open',
      title: 'Open',
      arguments: [
        vscode.Uri.parse(place.uri),
        {
          selection: new vscode.Range(position, position),
        } satisfies vscode.TextDocumentShowOptions,
      ],
    };
    return item;
  }
}

const FILTERS: Readonly<Record<InventoryFormat, Record<string, string[]>>> = {
  html: { 'HTML report': ['html'] },
  md: { Markdown: ['md'] },
  json: { JSON: ['json'] },
  csv: { CSV: ['csv'] },
};

/** Asks for a format and a file, and writes the report the server gives for the last scan. */
export async function exportInventory(
  ask: (format: InventoryFormat) => Promise<InventoryAnswer | undefined>,
): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: 'HTML',
        description: 'one page with tables and a diagram, printable',
        format: 'html',
      },
      { label: 'Markdown', description: 'for a repository or a wiki', format: 'md' },
      { label: 'JSON', description: 'to compare two runs', format: 'json' },
      { label: 'CSV', description: 'for a spreadsheet', format: 'csv' },
    ] as const,
    { placeHolder: 'Format of the patient-data inventory' },
  );
  if (!picked) return;
  const answer = await ask(picked.format);
  if (!answer?.scanned || answer.text === undefined) {
    void vscode.window.showInformationMessage(
      'Health Data Lint: scan the workspace first; the inventory covers the files a scan reads.',
    );
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder
      ? vscode.Uri.joinPath(folder, `patient-data-inventory.${picked.format}`)
      : undefined,
    filters: FILTERS[picked.format],
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(answer.text));
  void vscode.window.showInformationMessage(
    `Health Data Lint: patient-data inventory written to ${target.fsPath}.`,
  );
}
