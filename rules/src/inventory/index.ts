import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { findProjectConfig } from '../config/project-config';
import plugin from '../index';
import { classifierFor } from '../model/classifier';
import { buildInventory, type Inventory, type InventoryFinding } from './build';
import {
  type Definition,
  definitionsInFile,
  schemaFileDefinitions,
  schemaFilesUnder,
} from './definitions';

export type { CategoryId } from './categories';
export { CATEGORY_TITLES } from './categories';
export type { Definition, DefinitionForm } from './definitions';
export type { CategoryReport, FindingRef, Flow, Inventory, InventoryFinding } from './build';
export { FLOW_TITLES, type FlowKind, RULE_FLOWS } from './flows';
export { FORM_TITLES, formatInventory, INVENTORY_FORMATS, type InventoryFormat } from './format';

/** The message templates of a rule of the plugin, by its id without prefix. */
function messagesOf(ruleId: string): Readonly<Record<string, string>> | undefined {
  const rule = (plugin.rules as Record<string, { meta?: { messages?: Record<string, string> } }>)[
    ruleId
  ];
  return rule?.meta?.messages;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface InventoryRequest {
  /** Folder every path of the inventory is relative to. */
  root: string;
  /** Absolute paths of the files read (the linted files). */
  files: readonly string[];
  /** The folders and files the report covers (absolute): where `.sql` and `.prisma` files are looked for. */
  targets: readonly string[];
  /** Findings with paths relative to `root`. */
  findings: readonly InventoryFinding[];
  /** The text of a file; defaults to reading it from disk. */
  readText?: (path: string) => string | undefined;
}

const posix = (path: string) => path.split(sep).join('/');

/**
 * The patient-data inventory of the files of a run: what each file declares (read here) and what
 * the rules found (`findings`). The categories use each file's project vocabulary.
 */
export function inventoryOf(request: InventoryRequest): Inventory {
  const read = request.readText ?? readText;
  const toRelative = (path: string) => posix(relative(request.root, path));
  const definitions: Definition[] = [];
  for (const file of request.files) {
    const text = read(file);
    if (text === undefined) continue;
    const classifier = classifierFor(findProjectConfig(file).config);
    for (const definition of definitionsInFile(text, toRelative(file), classifier))
      definitions.push(definition);
  }
  const schemaFiles = schemaFilesUnder(request.targets);
  for (const file of schemaFiles) {
    const text = read(file);
    if (text === undefined) continue;
    const classifier = classifierFor(findProjectConfig(file).config);
    definitions.push(...schemaFileDefinitions(text, toRelative(file), classifier));
  }
  const first = request.files[0];
  return buildInventory({
    files: request.files.length + schemaFiles.length,
    findings: request.findings,
    definitions,
    messagesOf,
    classifier: classifierFor(first ? findProjectConfig(first).config : undefined),
  });
}
