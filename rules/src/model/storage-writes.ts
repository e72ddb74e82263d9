/**
 * Storage writes: the calls and assignments of one file that put a value into storage outside
 * the database — files (fs and its wrappers, streams and handles, Bun), spreadsheet and CSV
 * writers (with what was put into a workbook before it is written), browser storage
 * (localStorage, IndexedDB, its libraries, `document.cookie`), caches and object storage (with
 * the options that make the service encrypt) — and which expressions are written. Every library
 * fact comes from the API catalogue (`model/apis/`); this module resolves the file's calls
 * against it through the import and alias resolution of `model/imports.ts`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from './ast';
import type { ModuleSource } from './imported-functions';
import type { Provenance } from './provenance';
import { folderSegments } from './served-folders';
import { TEST_FOLDERS } from './test-files';
import { sinksInside, type WrappedSink, wrappedSink } from './sink-summaries';
import { AST_NODE_TYPES } from './node-types';
import {
  calleeName,
  findProperty,
  isFunctionNode,
  reassigned,
  resolveVariable,
  unwrap,
} from './ast';
import {
  CALL,
  type ImportRef,
  resolveGlobal,
  resolveImport,
  resolveReference,
  withoutDefault,
} from './imports';
import {
  cacheWrite,
  DESCRIPTOR_WRITERS,
  DOCUMENT_COOKIE,
  EXCELJS_CELLS,
  EXCELJS_ROW_WRITES,
  EXCELJS_SHEETS,
  FILE_SYSTEM_MODULES,
  HANDLE_WRITERS,
  INDEXED_DB_STORE,
  importedBrowserWrite,
  isCsvWriterWrite,
  isExceljsWrite,
  OBJECT_STORE_WRITES,
  objectUpload,
  PATH_WRITERS,
  SHEETJS_BOOK,
  sheetjsFileWriter,
  WEB_STORAGE_GLOBALS,
  WEB_STORAGE_WRITE,
} from './apis';

export type StorageFamily = 'file' | 'browser' | 'cache' | 'object';

/** An object literal passed to a sink, written in the call (`inline`) or held by a constant. */
export interface ObjectArgument {
  object: TSESTree.ObjectExpression;
  inline: boolean;
}

/** A write of a value to storage, recognised from what the callee refers to. */
export interface StorageWrite {
  family: StorageFamily;
  /** How the call is named: `writeFileSync`, `redis.hset`, `PutObjectCommand`. */
  name: string;
  /** Where the data lands, for browser storage and caches: `localStorage`, `Redis`. */
  store?: string;
  /** The expressions whose content is written. */
  values: TSESTree.Node[];
  /** The node that stands for the write when the value is not in the call (a workbook written to a path). */
  at?: TSESTree.Node;
  /** Whether the value may be replaced by an encrypted one and the call keep its meaning. */
  wrappable: boolean;
  /** The value is a template whose holes, not its whole text, are the data (`nir=${…}; path=/`). */
  wrapHoles?: boolean;
  /** S3 parameters, which may ask for server-side encryption. */
  s3Params?: ObjectArgument;
  /** The call asks the storage service to encrypt with a key the project controls. */
  encryptedByOptions?: boolean;
  /** The path a file write names, when the call takes one. */
  target?: TSESTree.Node;
}

/**
 * Whether a file write lands in a test folder of the project (`path.join(__dirname,
 * '../test/data')`, `fixtures/`): a script regenerating test fixtures writes what tests read,
 * invented or derived from configuration, not patients' records.
 */
export function writesTestFixture(
  write: StorageWrite,
  scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope,
): boolean {
  return (
    write.family === 'file' &&
    write.target !== undefined &&
    folderSegments(write.target, scopeOf).some((segment) => TEST_FOLDERS.has(segment))
  );
}

/** How many references of a variable are followed to find what was put into a workbook. */
const MAX_REFERENCES = 200;

/** The storage writes of one file, asked node by node. */
export class StorageWrites {
  private readonly scopeOf = (node: TSESTree.Node) => this.sourceCode.getScope(node);

  constructor(private readonly sourceCode: Readonly<ModuleSource>) {}

  /** The writes inside a function of this module, its callbacks included (sink summaries). */
  writesInside(fn: FunctionNode): readonly StorageWrite[] {
    return sinksInside(this.inside, fn, (node) => {
      const write =
        node.type === AST_NODE_TYPES.CallExpression
          ? this.ofCall(node)
          : node.type === AST_NODE_TYPES.NewExpression
            ? this.ofNew(node)
            : node.type === AST_NODE_TYPES.AssignmentExpression
              ? this.ofAssignment(node)
              : undefined;
      return write && !write.encryptedByOptions ? write : undefined;
    });
  }

  private readonly inside = new WeakMap<FunctionNode, StorageWrite[]>();

  /** The write a call performs, if any. */
  ofCall(call: TSESTree.CallExpression): StorageWrite | undefined {
    // One resolution of the callee serves every family below. A callee that comes from no module
    // and no global can only be an IndexedDB store write (`store.put`), so other calls leave
    // before their text is copied for the message. A call without arguments writes nothing, and
    // leaves before the callee is resolved.
    if (call.arguments.length === 0) return undefined;
    const { ref, global } = resolveReference(call.callee, this.scopeOf);
    if (!ref && !global && !OBJECT_STORE_WRITES.has(calleeName(unwrap(call.callee)) ?? ''))
      return undefined;
    const write = this.callWrite(call, ref, global);
    if (!write) return undefined;
    // The callee as the message names it, copied only for a write.
    const display = this.sourceCode.getText(call.callee).replace(/\s+/g, '');
    write.name = display.length > 40 ? (calleeName(call.callee) ?? display) : display;
    return write;
  }

  /** The write of a call by its resolved callee, its name left for `ofCall` to fill. */
  private callWrite(
    call: TSESTree.CallExpression,
    ref: ImportRef | undefined,
    global: string[] | undefined,
  ): StorageWrite | undefined {
    if (global?.join('.') === 'Bun.write' && call.arguments[1])
      return { family: 'file', name: '', values: [call.arguments[1]], wrappable: true };
    const browser = this.browserWrite(call, '', ref, global);
    if (browser) return browser;
    if (!ref) return undefined;
    return (
      this.fileWrite(ref, call, '') ??
      this.spreadsheetWrite(ref, call, '') ??
      this.cacheWrite(ref, call, '') ??
      this.objectUpload(ref, call, '')
    );
  }

  /** The upload a constructed command performs: `new PutObjectCommand({ Bucket, Key, Body })`. */
  ofNew(node: TSESTree.NewExpression): StorageWrite | undefined {
    const ref = resolveImport(node.callee, this.scopeOf);
    return ref && this.objectUpload(ref, node, '');
  }

  /** The write an assignment performs: `document.cookie = …`, `localStorage.token = …`. */
  ofAssignment(node: TSESTree.AssignmentExpression): StorageWrite | undefined {
    if (node.operator !== '=' && node.operator !== '+=') return undefined;
    const left = node.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    // `this.x = …`, most member assignments in class code, is neither a cookie nor a store.
    if (left.object.type === AST_NODE_TYPES.ThisExpression) return undefined;
    const target = resolveGlobal(left, this.scopeOf);
    if (
      target?.length === 2 &&
      target[0] === DOCUMENT_COOKIE.global[0] &&
      target[1] === DOCUMENT_COOKIE.global[1]
    ) {
      return {
        family: 'browser',
        name: 'document.cookie',
        store: DOCUMENT_COOKIE.store,
        values: [node.right],
        wrappable: true,
        wrapHoles: true,
      };
    }
    const store = resolveGlobal(left.object, this.scopeOf);
    if (store?.length === 1 && WEB_STORAGE_GLOBALS.has(store[0]!)) {
      return {
        family: 'browser',
        name: this.sourceCode.getText(left).replace(/\s+/g, ''),
        store: store[0],
        values: [node.right],
        wrappable: true,
      };
    }
    return undefined;
  }

  private fileWrite(
    ref: ImportRef,
    call: TSESTree.CallExpression,
    display: string,
  ): StorageWrite | undefined {
    if (!FILE_SYSTEM_MODULES.has(ref.module)) return undefined;
    let path = withoutDefault(ref.exportPath);
    if (path[0] === 'promises') path = path.slice(1);
    const only = path.length === 1 ? path[0]! : undefined;
    const writer =
      only === undefined ? undefined : (PATH_WRITERS.get(only) ?? DESCRIPTOR_WRITERS.get(only));
    if (writer) {
      const value = call.arguments[writer.data];
      const target = 'path' in writer ? call.arguments[writer.path] : undefined;
      return value
        ? {
            family: 'file',
            name: display,
            values: [value],
            wrappable: true,
            ...(target ? { target } : {}),
          }
        : undefined;
    }
    // createWriteStream(path).write(data), (await open(path, 'w')).writeFile(data)
    if (
      path.length === 3 &&
      (path[0] === 'createWriteStream' || path[0] === 'open') &&
      path[1] === CALL &&
      HANDLE_WRITERS.has(path[2]!)
    ) {
      const value = call.arguments[0];
      if (!value || isFunctionNode(value)) return undefined;
      return { family: 'file', name: display, values: [value], wrappable: true };
    }
    return undefined;
  }

  private spreadsheetWrite(
    ref: ImportRef,
    call: TSESTree.CallExpression,
    display: string,
  ): StorageWrite | undefined {
    const path = withoutDefault(ref.exportPath);
    if (isCsvWriterWrite(ref.module, path)) {
      const value = call.arguments[0];
      return value
        ? { family: 'file', name: display, values: [value], wrappable: false }
        : undefined;
    }
    if (
      isExceljsWrite(ref.module, path) &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      call.callee.object.type === AST_NODE_TYPES.MemberExpression
    ) {
      const workbook = call.callee.object.object;
      return {
        family: 'file',
        name: display,
        values: this.workbookContent(workbook),
        at: call.callee,
        wrappable: false,
      };
    }
    const sheetjs = sheetjsFileWriter(ref.module, path);
    if (sheetjs) {
      const book = call.arguments[sheetjs.book];
      return book
        ? {
            family: 'file',
            name: display,
            values: [book, ...this.bookSheets(book)],
            at: call.callee,
            wrappable: false,
          }
        : undefined;
    }
    return undefined;
  }

  /** What was put into an exceljs workbook: rows added to its sheets, values assigned to cells. */
  private workbookContent(workbook: TSESTree.Node): TSESTree.Node[] {
    const content: TSESTree.Node[] = [];
    const sheets = this.usesOf(workbook).flatMap((use) => {
      const call = methodCallOn(use);
      const name = call && calleeName(call.callee);
      return call && name && EXCELJS_SHEETS.has(name) ? [call] : [];
    });
    for (const sheetCall of sheets) {
      const holders = [sheetCall as TSESTree.Node, ...this.boundUses(sheetCall)];
      for (const sheet of holders) {
        const call = methodCallOn(sheet);
        const name = call && calleeName(call.callee);
        if (!call || !name) continue;
        if (EXCELJS_ROW_WRITES.has(name)) content.push(...call.arguments);
        if (EXCELJS_CELLS.has(name)) {
          const parent = call.parent;
          if (
            parent?.type === AST_NODE_TYPES.MemberExpression &&
            parent.object === call &&
            parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
            parent.parent.left === parent
          )
            content.push(parent.parent.right);
        }
      }
    }
    return content;
  }

  /** SheetJS sheets appended to a workbook: `utils.book_append_sheet(wb, ws)`, `utils.book_new(ws)`. */
  private bookSheets(book: TSESTree.Node): TSESTree.Node[] {
    const sheets: TSESTree.Node[] = [];
    for (const use of this.usesOf(book)) {
      const call = use.parent;
      if (
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === use &&
        calleeName(call.callee) === SHEETJS_BOOK.append &&
        call.arguments[SHEETJS_BOOK.appended]
      )
        sheets.push(call.arguments[SHEETJS_BOOK.appended]!);
    }
    const expr = unwrap(book);
    if (expr.type === AST_NODE_TYPES.Identifier) {
      const def = resolveVariable(this.scopeOf(expr), expr)?.defs[0];
      const init = def?.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
      if (
        init?.type === AST_NODE_TYPES.CallExpression &&
        calleeName(init.callee) === SHEETJS_BOOK.create
      )
        sheets.push(...init.arguments);
    }
    return sheets;
  }

  /** The other references to the variable an expression is, or the expression itself. */
  private usesOf(node: TSESTree.Node): TSESTree.Node[] {
    const expr = unwrap(node);
    if (expr.type !== AST_NODE_TYPES.Identifier) return [expr];
    const variable = resolveVariable(this.scopeOf(expr), expr);
    if (!variable) return [expr];
    return variable.references.slice(0, MAX_REFERENCES).map((r) => r.identifier);
  }

  /** References to the variable a call's result is stored in: `const sheet = wb.addWorksheet()`. */
  private boundUses(call: TSESTree.Node): TSESTree.Node[] {
    let holder: TSESTree.Node = call;
    if (holder.parent?.type === AST_NODE_TYPES.AwaitExpression) holder = holder.parent;
    const declarator = holder.parent;
    if (
      declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
      declarator.init !== holder ||
      declarator.id.type !== AST_NODE_TYPES.Identifier
    )
      return [];
    return this.usesOf(declarator.id).filter((use) => use !== declarator.id);
  }

  private browserWrite(
    call: TSESTree.CallExpression,
    display: string,
    ref: ImportRef | undefined,
    global: string[] | undefined,
  ): StorageWrite | undefined {
    const write = (store: string, value: TSESTree.Node | undefined): StorageWrite | undefined =>
      value
        ? { family: 'browser', name: display, store, values: [value], wrappable: true }
        : undefined;
    if (
      global?.length === 2 &&
      WEB_STORAGE_GLOBALS.has(global[0]!) &&
      global[1] === WEB_STORAGE_WRITE.method
    ) {
      return write(global[0]!, call.arguments[WEB_STORAGE_WRITE.data]);
    }
    const callee = unwrap(call.callee);
    const method = calleeName(callee);
    // IndexedDB object stores: tx.objectStore('results').put(value)
    if (
      method &&
      OBJECT_STORE_WRITES.has(method) &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      this.fromCall(callee.object, 'objectStore', 0)
    ) {
      return write(INDEXED_DB_STORE, call.arguments[0]);
    }
    const imported = ref && importedBrowserWrite(ref.module, withoutDefault(ref.exportPath));
    return imported && write(imported.store, call.arguments[imported.data]);
  }

  private cacheWrite(
    ref: ImportRef,
    call: TSESTree.CallExpression,
    display: string,
  ): StorageWrite | undefined {
    const write = cacheWrite(ref.module, ref.exportPath);
    if (!write) return undefined;
    const values = write.rest
      ? call.arguments.slice(write.data)
      : call.arguments.slice(write.data, write.data + 1);
    return values.length
      ? { family: 'cache', name: display, store: write.store, values, wrappable: true }
      : undefined;
  }

  private s3Upload(
    params: TSESTree.Node | undefined,
    display: string,
    encryption: readonly string[],
  ): StorageWrite | undefined {
    const found = objectArgument(this.scopeOf, params);
    if (!found) return undefined;
    // Parameters spread from elsewhere may hold the encryption settings: do not guess.
    if (found.object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement))
      return undefined;
    const body = findProperty(found.object, 'Body');
    if (!body) return undefined;
    return {
      family: 'object',
      name: display,
      values: [body.value],
      wrappable: true,
      s3Params: found,
      encryptedByOptions: hasKey(found.object, encryption),
    };
  }

  private objectUpload(
    ref: ImportRef,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    display: string,
  ): StorageWrite | undefined {
    const path = withoutDefault(ref.exportPath);
    const construct = call.type === AST_NODE_TYPES.NewExpression;
    const upload = objectUpload(ref.module, path, construct);
    if (!upload) return undefined;
    if (upload.kind === 's3') {
      const { params, under } = upload.upload;
      const given = call.arguments[params];
      return this.s3Upload(
        under ? findProperty(given, under)?.value : given,
        construct ? path[path.length - 1]! : display,
        upload.encryption,
      );
    }
    const value = call.arguments[upload.data];
    return value
      ? {
          family: 'object',
          name: display,
          values: [value],
          wrappable: upload.wrappable,
          encryptedByOptions: upload.options.some((index) =>
            hasKey(objectArgument(this.scopeOf, call.arguments[index])?.object, upload.encryption),
          ),
        }
      : undefined;
  }

  /** Whether a value comes from a call of that name, through member chains and constant variables. */
  private fromCall(node: TSESTree.Node, name: string, depth: number): boolean {
    if (depth > 8) return false;
    const expr = unwrap(node);
    if (expr.type === AST_NODE_TYPES.CallExpression) {
      if (calleeName(expr.callee) === name) return true;
      const callee = unwrap(expr.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        this.fromCall(callee.object, name, depth + 1)
      );
    }
    if (expr.type === AST_NODE_TYPES.MemberExpression)
      return this.fromCall(expr.object, name, depth + 1);
    if (expr.type === AST_NODE_TYPES.AwaitExpression)
      return this.fromCall(expr.argument, name, depth + 1);
    if (expr.type === AST_NODE_TYPES.Identifier) {
      const variable = resolveVariable(this.scopeOf(expr), expr);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      return def?.type === 'Variable' &&
        def.node.init !== null &&
        def.node.id.type === AST_NODE_TYPES.Identifier
        ? this.fromCall(def.node.init, name, depth + 1)
        : false;
    }
    return false;
  }
}

/** The object literal an expression is, or a never-reassigned variable holds. */
export function objectArgument(
  scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope,
  node: TSESTree.Node | undefined,
): ObjectArgument | undefined {
  if (!node) return undefined;
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.ObjectExpression) return { object: expr, inline: true };
  if (expr.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolveVariable(scopeOf(expr), expr);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression && !reassigned(variable!)
    ? { object: init, inline: false }
    : undefined;
}

/** Whether an options object sets one of the keys to something (not `null`, `''`, `undefined`). */
function hasKey(object: TSESTree.ObjectExpression | undefined, keys: readonly string[]): boolean {
  return keys.some((key) => {
    const property = findProperty(object, key);
    if (!property) return false;
    const value = unwrap(property.value);
    return !(
      (value.type === AST_NODE_TYPES.Literal && (value.value === null || value.value === '')) ||
      (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined')
    );
  });
}

/** `x.method(...)` when `x` is the node: the call. */
function methodCallOn(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  const member = node.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return undefined;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : undefined;
}

/**
 * Patient data a call hands to a function of the project that writes it to a file or a store —
 * a sink summary: `writeCsv(path, header, patients)` around csv-writer, in this file or in a
 * module it imports. `writesOf` gives the storage writes of the module declaring the function.
 */
export function wrappedStorageWrite(
  provenance: Provenance,
  call: TSESTree.CallExpression,
  writesOf: (source: ModuleSource) => StorageWrites,
): WrappedSink<StorageWrite> | undefined {
  return wrappedSink(provenance, call, {
    inside: (callee) => writesOf(callee.source).writesInside(callee.fn),
    values: (write) => write.values,
    carries: (inside, value) => inside.carriesPatientData(value, ['encrypt']),
  });
}
