import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import {
  CATEGORY_TITLES,
  FLOW_TITLES,
  FORM_TITLES,
  type Inventory,
  type InventoryFinding,
  inventoryOf,
} from '../../rules/src/host';
import type { InventoryCategory, InventoryPlace } from './protocol';

/** One file's findings as the inventory reads them, from the diagnostics the scan published. */
export function inventoryFindings(
  root: string,
  path: string,
  diagnostics: readonly Diagnostic[],
): InventoryFinding[] {
  const file = relative(root, path).split(sep).join('/');
  return diagnostics.flatMap((diagnostic) =>
    typeof diagnostic.code === 'string' && typeof diagnostic.message === 'string'
      ? [
          {
            ruleId: diagnostic.code,
            file,
            line: diagnostic.range.start.line + 1,
            column: diagnostic.range.start.character + 1,
            message: diagnostic.message as string,
            related: (diagnostic.relatedInformation ?? []).map((item) => ({
              message: item.message,
            })),
          },
        ]
      : [],
  );
}

/**
 * What a workspace scan saw, per file: the files it read and their findings. The inventory is
 * built from it on request, so it always describes the last scan.
 */
export class ScanRecord {
  private readonly findings = new Map<string, InventoryFinding[]>();
  private complete = false;

  constructor(private root = '') {}

  start(root: string): void {
    this.root = root;
    this.findings.clear();
    this.complete = false;
  }

  record(path: string, diagnostics: readonly Diagnostic[]): void {
    this.findings.set(path, inventoryFindings(this.root, path, diagnostics));
  }

  finish(cancelled: boolean): void {
    this.complete = !cancelled;
  }

  get scanned(): boolean {
    return this.complete;
  }

  inventory(targets: readonly string[]): Inventory {
    const files = [...this.findings.keys()].sort();
    return inventoryOf({
      root: this.root,
      files,
      targets,
      findings: files.flatMap((file) => this.findings.get(file)!),
    });
  }
}

const location = (root: string, file: string, line: number, column = 1) => ({
  uri: pathToFileURL(resolve(root, file)).href,
  line: Math.max(line - 1, 0),
  character: Math.max(column - 1, 0),
});

/**
 * The tree the Patient Data view shows: each category, then where it is declared and where it
 * flows, each place with the file and line a click opens. Pure: tested without an editor.
 */
export function toInventoryTree(inventory: Inventory, root: string): InventoryCategory[] {
  const flows = new Map(inventory.flows.map((flow) => [flow.id, flow]));
  return inventory.categories.map((category) => {
    const places: InventoryPlace[] = [];
    for (const flowId of category.flows) {
      const flow = flows.get(flowId)!;
      const kinds = flow.categories.find((entry) => entry.category === category.id)?.kinds ?? [];
      for (const finding of flow.findings)
        places.push({
          label: `${FLOW_TITLES[flow.kind]}: ${flow.target}`,
          description: `${flow.state} — ${finding.file}:${finding.line}`,
          tooltip: `${kinds.join(', ')}\n${finding.message}\n(${finding.ruleId})`,
          kind: flow.kind,
          ...location(root, finding.file, finding.line, finding.column),
        });
    }
    for (const definition of category.definitions)
      places.push({
        label: `Declared: ${definition.field ? `${definition.place}.${definition.field}` : definition.place}`,
        description: `${FORM_TITLES[definition.form]} — ${definition.file}:${definition.line}`,
        tooltip: `${definition.kind}, declared in ${definition.file}:${definition.line}`,
        kind: 'declaration',
        ...location(root, definition.file, definition.line),
      });
    return {
      id: category.id,
      title: CATEGORY_TITLES[category.id],
      description: category.kinds.join(', '),
      places,
    };
  });
}
