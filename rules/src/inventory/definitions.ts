import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Classifier } from '../model/classifier';
import { keyName, literalString, walk } from '../model/ast';
import { AST_NODE_TYPES } from '../model/node-types';
import { SKIPPED_DIRS, schemasInFile, type TableSchema } from '../model/schema';
import { FHIR_PATIENT_RESOURCES, FHIR_RESOURCE_LABELS } from '../model/vocabulary';
import { categorize, categorizeLabel, type CategoryId, RECORD_LABEL } from './categories';

/** How a place declares patient data: a table or model of one of the schema kinds, a type, a FHIR resource. */
export type DefinitionForm = TableSchema['kind'] | 'type' | 'fhir';

/** A name that holds patient data where the code declares it: a column, an attribute, a field. */
export interface Definition {
  category: CategoryId;
  /** The vocabulary label of the data (`HIV/STI status`), `patient record` for a whole record. */
  kind: string;
  /** The table, model, type or FHIR resource that declares it. */
  place: string;
  /** The column, attribute or field; absent when the place as a whole is the record. */
  field?: string;
  form: DefinitionForm;
  /** Path as the caller gives it (relative to the report root in the CLI). */
  file: string;
  line: number;
}

const TYPE_FILE = /\.(?:[cm]?ts|tsx)$/;

/** 1-based line of the first mention of `name` as a word (a table's declaration), else 1. */
function lineOf(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).exec(text);
  if (!match) return 1;
  let line = 1;
  for (let i = 0; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The definitions of a place from its field names: each patient-data field, else the record. */
function fieldDefinitions(
  classifier: Classifier,
  place: { name: string; form: DefinitionForm; file: string; line: number },
  fields: readonly { name: string; line: number }[],
): Definition[] {
  const record = classifier.container(place.name) ?? classifier.classify(place.name);
  const resourceLabel = place.form === 'fhir' ? FHIR_RESOURCE_LABELS.get(place.name) : undefined;
  // FHIR resource names are records whatever declares them (model/provenance.ts reads them so).
  const inContainer = record !== undefined || FHIR_PATIENT_RESOURCES.has(place.name);
  const found: Definition[] = [];
  for (const field of fields) {
    const classification = classifier.classify(field.name, { inContainer });
    if (!classification || classification.role !== 'data') continue;
    const { category, kind } = categorize(classification);
    if (category === 'patient-record') continue;
    found.push({
      category,
      kind,
      place: place.name,
      field: field.name,
      form: place.form,
      file: place.file,
      line: field.line,
    });
  }
  if (found.length > 0) return found;
  if (resourceLabel) {
    const categorized = categorizeLabel(resourceLabel);
    if (categorized) return [{ ...categorized, place: place.name, ...placeOf(place) }];
  }
  if (!inContainer || (record && record.role !== 'data' && record.category !== 'container'))
    return [];
  return [{ category: 'patient-record', kind: RECORD_LABEL, place: place.name, ...placeOf(place) }];
}

function placeOf(place: { form: DefinitionForm; file: string; line: number }) {
  return { form: place.form, file: place.file, line: place.line };
}

/** Interfaces and object type aliases with their property names (`interface LignePatient { nir }`). */
function declaredTypes(
  program: TSESTree.Program,
): { name: string; line: number; fields: { name: string; line: number }[] }[] {
  const types: { name: string; line: number; fields: { name: string; line: number }[] }[] = [];
  const members = (list: readonly TSESTree.TypeElement[]) =>
    list.flatMap((member) => {
      if (member.type !== AST_NODE_TYPES.TSPropertySignature) return [];
      const name = keyName(member);
      return name === undefined ? [] : [{ name, line: member.loc.start.line }];
    });
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration)
      types.push({
        name: node.id.name,
        line: node.loc.start.line,
        fields: members(node.body.body),
      });
    else if (
      node.type === AST_NODE_TYPES.TSTypeAliasDeclaration &&
      node.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral
    )
      types.push({
        name: node.id.name,
        line: node.loc.start.line,
        fields: members(node.typeAnnotation.members),
      });
  });
  return types;
}

/** `resourceType: 'Observation'` in an object literal: the code builds or reads that resource. */
function fhirResources(program: TSESTree.Program): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.Property || keyName(node) !== 'resourceType') return;
    const value = literalString(node.value);
    if (value && FHIR_PATIENT_RESOURCES.has(value) && value !== 'Bundle')
      found.push({ name: value, line: node.loc.start.line });
  });
  return found;
}

function parseProgram(text: string, file: string): TSESTree.Program | undefined {
  try {
    return parse(text, {
      range: true,
      loc: true,
      jsx: !/\.[cm]?ts$/.test(file),
      sourceType: 'module',
      ecmaVersion: 'latest',
    }) as unknown as TSESTree.Program;
  } catch {
    return undefined;
  }
}

/**
 * The patient data one JS/TS file declares: its tables and models (the schemas the rules read,
 * model/schema.ts), its interfaces and object types, and the FHIR resources it builds. Each name
 * is classified by the model's classifier; a place whose fields name no patient data but whose
 * own name is a patient record is listed as a record. Never throws: a file that does not parse
 * declares nothing.
 */
export function definitionsInFile(
  text: string,
  file: string,
  classifier: Classifier,
): Definition[] {
  const definitions: Definition[] = [];
  for (const table of schemasInFile(text, extname(file), file))
    definitions.push(...tableDefinitions(table, file, lineOf(text, table.name), classifier));
  const mayDeclare = TYPE_FILE.test(file) || /resourceType/.test(text);
  const program = mayDeclare ? parseProgram(text, file) : undefined;
  if (program) {
    for (const type of declaredTypes(program)) {
      // A type is a FHIR resource when it says so (`resourceType`), not by its name alone:
      // `Patient`, `Person` and `Encounter` are also the tables of OpenMRS and many others.
      const fhir =
        FHIR_PATIENT_RESOURCES.has(type.name) &&
        type.fields.some((field) => field.name === 'resourceType');
      const form: DefinitionForm = fhir ? 'fhir' : 'type';
      definitions.push(
        ...fieldDefinitions(
          classifier,
          { name: type.name, form, file, line: type.line },
          type.fields,
        ),
      );
    }
    for (const resource of fhirResources(program))
      definitions.push(
        ...fieldDefinitions(
          classifier,
          { name: resource.name, form: 'fhir', file, line: resource.line },
          [],
        ),
      );
  }
  return definitions;
}

function tableDefinitions(
  table: TableSchema,
  file: string,
  line: number,
  classifier: Classifier,
): Definition[] {
  return fieldDefinitions(
    classifier,
    { name: table.name, form: table.kind, file, line },
    table.columns.map((name) => ({ name, line })),
  );
}

/** Bounds of the walk for schema files: the linter's discovery does not list them. */
const MAX_SCHEMA_FILES = 500;
const MAX_SCHEMA_DEPTH = 12;

/**
 * The `.sql` and `.prisma` files under the folders the report covers (files the linter does not
 * read), skipping dependencies, build output and hidden folders as the schema index does.
 */
export function schemaFilesUnder(targets: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (path: string, depth: number) => {
    if (found.size >= MAX_SCHEMA_FILES) return;
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      if (/\.(?:sql|prisma)$/.test(path)) found.add(path);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (
          depth < MAX_SCHEMA_DEPTH &&
          !SKIPPED_DIRS.has(entry.name) &&
          !entry.name.startsWith('.')
        )
          visit(child, depth + 1);
      } else if (entry.isFile() && /\.(?:sql|prisma)$/.test(entry.name)) found.add(child);
    }
  };
  for (const target of targets) visit(target, 0);
  return [...found].sort();
}

/** The tables a `.sql` or `.prisma` file declares. */
export function schemaFileDefinitions(
  text: string,
  file: string,
  classifier: Classifier,
): Definition[] {
  return schemasInFile(text, extname(file), file).flatMap((table) =>
    tableDefinitions(table, file, lineOf(text, table.name), classifier),
  );
}
