/**
 * Which writes of a file stage patient data on its way out, and where: files written by fs and
 * its wrappers, spreadsheets (SheetJS, ExcelJS), CSV writers, write streams and zip archives,
 * database dumps with an output file, bucket objects (`object-staging.ts`) and staging tables
 * or server files written by SQL (`table-staging.ts`). Only writes in export or migration code
 * count; each staging says how a message names its place and, lazily, what patient data it holds.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, findProperty, memberChain, resolveVariable, staticString } from '../ast';
import {
  CSV_WRITER,
  isCsvWriterFactory,
  PATH_WRITERS,
  ROW_PATH_WRITERS,
  SHEETJS_FILE_WRITERS,
} from '../apis';
import { resolveImport, withoutDefault } from '../imports';
import { LogCalls } from '../log-calls';
import type { ModuleSource } from '../imported-functions';
import { StorageWrites, wrappedStorageWrite } from '../storage-writes';
import type { MigrationFile } from './file';
import type { Staging } from './facts';
import { dumpOf } from './dumps';
import { fedData, patientNamed, routineRead, streamData } from './data';
import type { FunctionNode } from '../ast';
import { routineOf } from './routines';
import { objectStaging } from './object-staging';
import { sqlStagings } from './table-staging';
import { STREAM_FILE_OPENER, ZIP_FILE_WRITER } from './words';

/** Every staging write of export or migration code in the file: calls first, then SQL. */
export function stagingWrites(file: MigrationFile): Staging[] {
  const result: Staging[] = [];
  for (const call of file.calls) {
    if (!file.inExportContext(call)) continue;
    const staging =
      call.type === AST_NODE_TYPES.CallExpression
        ? (fileStaging(file, call) ??
          dumpStaging(file, call) ??
          objectStaging(file, call) ??
          wrapperStaging(file, call))
        : objectStaging(file, call);
    if (staging && !isDeliverable(file, staging)) result.push(staging);
  }
  for (const use of file.sqlUses) {
    if (!file.inExportContext(use.node)) continue;
    result.push(...sqlStagings(file, use));
  }
  return result;
}

/** A file written by a path: fs and its wrappers, spreadsheets, CSV writers, streams, zips. */
export function fileStaging(
  file: MigrationFile,
  call: TSESTree.CallExpression,
): Staging | undefined {
  const name = calleeName(call.callee);
  if (!name) return undefined;
  const chain = memberChain(call.callee).map((part) => part.toLowerCase());
  const args = call.arguments;
  const isSheet = chain.some((part) => part === 'xlsx' || part === 'xls');
  const sheetWriter = isSheet ? SHEETJS_FILE_WRITERS.get(name) : undefined;
  const orRoutineRead = () => routineRead(file, routineOf(file, call));
  if (sheetWriter) {
    // SheetJS `XLSX.writeFile(workbook, path)`; ExcelJS `workbook.xlsx.writeFile(path)`.
    const sheetjs = args.length > sheetWriter.path;
    const target = sheetjs ? args[sheetWriter.path] : args[0];
    if (!target) return undefined;
    const workbook =
      sheetjs || call.callee.type !== AST_NODE_TYPES.MemberExpression
        ? args[sheetWriter.book]
        : call.callee.object;
    return {
      node: call,
      kind: 'file',
      where: `spreadsheet \`${file.text(target)}\``,
      target,
      data: () => fedData(file, workbook) ?? patientNamed(file, target) ?? orRoutineRead(),
      fix: { sink: 'file' },
      sync: sheetjs,
    };
  }
  const writer = PATH_WRITERS.get(name) ?? ROW_PATH_WRITERS.get(name);
  if (writer) {
    const target = args[writer.path];
    if (!target || target.type === AST_NODE_TYPES.SpreadElement) return undefined;
    // A file descriptor or handle (`fs.writeFile(fd, …)`, `handle.writeFile(data)`) is not a path.
    if (args.length < 2) return undefined;
    const data = args[writer.data];
    return {
      node: call,
      kind: 'file',
      where: `${ROW_PATH_WRITERS.has(name) ? 'CSV file' : 'file'} \`${file.text(target)}\``,
      target,
      data: () => fedData(file, data) ?? patientNamed(file, target),
      fix: { sink: 'file' },
      sync: name.endsWith('Sync'),
    };
  }
  if (name === STREAM_FILE_OPENER || name === ZIP_FILE_WRITER) {
    const target = args[0];
    if (!target || target.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const zip = name === ZIP_FILE_WRITER && call.callee.type === AST_NODE_TYPES.MemberExpression;
    return {
      node: call,
      kind: 'file',
      where: `${zip ? 'archive' : 'file'} \`${file.text(target)}\``,
      target,
      data: () =>
        (zip
          ? fedData(file, (call.callee as TSESTree.MemberExpression).object)
          : streamData(file, call)) ??
        patientNamed(file, target) ??
        orRoutineRead(),
      fix: { sink: 'file' },
      sync: zip && args.length === 1,
      stream: !zip,
    };
  }
  if (CSV_WRITER.factories.has(name) || csvWriterFactory(file, call.callee)) {
    const target = findProperty(args[0], CSV_WRITER.pathOption)?.value;
    if (!target) return undefined;
    return {
      node: call,
      kind: 'file',
      where: `CSV file \`${file.text(target)}\``,
      target,
      data: () => streamData(file, call) ?? patientNamed(file, target) ?? orRoutineRead(),
      fix: { sink: 'file' },
      stream: true,
    };
  }
  return undefined;
}

/**
 * A file written by a function of the project the call hands patient data to, at a path the call
 * passes: `writeCsv('./metadata/patients.csv', header, patients)` around csv-writer (the sink
 * summaries of `storage-writes.ts`, in this file or a module it imports).
 */
function wrapperStaging(file: MigrationFile, call: TSESTree.CallExpression): Staging | undefined {
  if (call.arguments.length < 2) return undefined;
  const writes = (file.memo.storageWrites ??= new Map<ModuleSource, StorageWrites>());
  const found = wrappedStorageWrite(file.model.provenance, call, (source) => {
    let known = writes.get(source);
    if (!known) writes.set(source, (known = new StorageWrites(source)));
    return known;
  });
  if (!found || found.sink.family !== 'file') return undefined;
  const target = call.arguments.find(
    (arg) =>
      arg !== found.argument && arg.type !== AST_NODE_TYPES.SpreadElement && isPath(file, arg),
  );
  if (!target) return undefined;
  return {
    node: call,
    kind: 'file',
    where: `file \`${file.text(target)}\``,
    target,
    data: () => file.describe(found.taint),
    fix: { sink: 'file' },
  };
}

/** A value spelled as a file path: a folder separator or a file extension (`./out/p.csv`, `p.json`). */
function isPath(file: MigrationFile, node: TSESTree.Node): boolean {
  const text = staticString(node, file.scopeOf)?.text;
  return !!text && !/\s/.test(text) && (/[\\/]/.test(text) || /\.[a-z0-9]{2,5}$/i.test(text));
}

/** A csv-writer factory under another name: `const createCsvWriter = require('csv-writer').createObjectCsvWriter`. */
function csvWriterFactory(file: MigrationFile, callee: TSESTree.Node): boolean {
  // Only a file that names the module can bind its factory: one text search spares the rest.
  file.memo.mentionsCsvWriter ??= file.sourceCode.text.includes(CSV_WRITER.module);
  if (!file.memo.mentionsCsvWriter || callee.type !== AST_NODE_TYPES.Identifier) return false;
  const ref = resolveImport(callee, file.scopeOf);
  return ref !== undefined && isCsvWriterFactory(ref.module, withoutDefault(ref.exportPath));
}

/** A database dump written to a file, unless it dumps reference tables only. */
export function dumpStaging(
  file: MigrationFile,
  call: TSESTree.CallExpression,
): Staging | undefined {
  const dump = dumpOf(file, call);
  if (!dump?.target) return undefined;
  // A dump of reference tables only carries no patient record.
  if (dump.tables.length && !dump.tables.some((t) => file.model.provenance.isPatientTable(t)))
    return undefined;
  const target = dump.target;
  const sync = calleeName(call.callee)?.endsWith('Sync') === true;
  return {
    node: call,
    kind: 'file',
    where: `${dump.tool} file \`${file.text(target)}\``,
    target,
    data: () => `a ${dump.tool} of ${dump.what}`,
    fix: target === call.arguments[0] ? undefined : { sink: 'file' },
    sync,
    // A child process the routine waits for later (`await once(child, 'exit')`).
    stream: !sync,
  };
}

/**
 * Whether a staging's data is written by the time `statement` (the statement of `routine` holding
 * the write) ends: in a plain function only synchronous writes qualify; in an async one the
 * write must be awaited there, or be a stream or process the routine awaits later.
 */
export function writeDoneBy(
  staging: Staging,
  routine: FunctionNode,
  statement: TSESTree.Node,
): boolean {
  if (!routine.async) return staging.sync === true;
  if (staging.sync || staging.stream) return true;
  for (let node: TSESTree.Node | undefined = staging.node; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (node === statement) break;
  }
  return false;
}

/**
 * A file written as the routine's deliverable rather than staged on the way to another system: a
 * local file whose path the routine announces (logs or returns) and never hands to another call
 * (`fs.writeFileSync(filename, csv); console.log(\`report written: ${filename}\`)`). What it
 * holds is then the unencrypted-write rule's question, not a leftover extract's.
 */
function isDeliverable(file: MigrationFile, staging: Staging): boolean {
  if (staging.kind !== 'file' || staging.target?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolveVariable(file.scopeOf(staging.target), staging.target);
  if (!variable) return false;
  // A log call shows the path to whoever runs the routine.
  const logCalls = new LogCalls(file.sourceCode, new Set());
  let announced = false;
  for (const reference of variable.references) {
    const use = reference.identifier;
    if (use === staging.target || reference.isWrite()) continue;
    const call = enclosingCall(use);
    if (call === staging.node) continue;
    if (call && logCalls.logCallOf(call)) announced = true;
    else if (call)
      return false; // read back, uploaded, zipped, passed on
    else if (insideReturn(use)) announced = true;
  }
  return announced;
}

/** The call whose argument (or part of one) a node is, stopping at functions and statements. */
function enclosingCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) return current;
    if (
      current.type.endsWith('Statement') ||
      current.type.endsWith('Declaration') ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      current.type === AST_NODE_TYPES.FunctionExpression
    )
      return undefined;
  }
  return undefined;
}

function insideReturn(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (current.type.endsWith('Statement') || current.type.endsWith('Declaration')) return false;
  }
  return false;
}
