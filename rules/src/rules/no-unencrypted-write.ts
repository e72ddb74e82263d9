import { dirname, isAbsolute, relative, resolve as resolvePath, sep } from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import type { ImportedHelper } from '../config/project-config';
import { findProjectConfig } from '../config/project-config';
import { type HealthModel, healthModel, type Taint } from '../model';
import {
  calleeName,
  constantInit,
  findProperty,
  HOLE,
  keyName,
  resolveVariable,
  unwrap,
} from '../model/ast';
import {
  CALL,
  type ImportRef,
  resolveGlobal,
  resolveImport,
  resolveReference,
  withoutDefault,
} from '../model/imports';
import { tokenize } from '../model/tokens';
import { createRule } from '../util/create-rule';
import { addNamedImport } from '../fix/imports';
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
  RECORD_VALUE_KEYS,
  RECORD_WRITES,
  SHEETJS_BOOK,
  sheetjsFileWriter,
  WEB_STORAGE_GLOBALS,
  WEB_STORAGE_WRITE,
} from '../model/apis';
import { noteRelated, provenanceRelated } from '../model/related';

type Options = [{ checkDatabaseWrites?: boolean }];
type MessageIds =
  | 'fileWrite'
  | 'browserStorage'
  | 'cacheWrite'
  | 'objectStorage'
  | 'databaseField'
  | 'wrapInEncryption'
  | 'addServerSideEncryption'
  | 'removeBrowserWrite';

type Family = 'file' | 'browser' | 'cache' | 'object';

/** A write of a value to storage, recognised from what the callee refers to. */
interface Sink {
  family: Family;
  /** How the message names the sink: `writeFileSync`, `redis.hset`, `PutObjectCommand`. */
  name: string;
  /** Where the data lands, for browser storage and caches: `localStorage`, `Redis`. */
  store?: string;
  /** The expressions whose content is written. */
  values: TSESTree.Node[];
  /** Where to report instead of the value, when the value is not in the call (a workbook written to a path). */
  at?: TSESTree.Node;
  /** Whether wrapping the value in the encryption helper keeps the call meaningful. */
  wrappable: boolean;
  /** Wrap the holes of a template value rather than the whole text (`nir=${…}; path=/`). */
  wrapHoles?: boolean;
  /** S3 parameters, to check and to complete with server-side encryption. */
  s3Params?: { object: TSESTree.ObjectExpression; inline: boolean };
  /** The sink asks the storage service to encrypt with a key the project controls. */
  encryptedByOptions?: boolean;
}

const ENCRYPT_NAME_WORDS = new Set([
  'encrypt',
  'encrypted',
  'cipher',
  'seal',
  'kms',
  'jwe',
  'chiffrer',
  'chiffre',
  'crypter',
]);

const MAX_REFERENCES = 200;

export default createRule<Options, MessageIds>({
  name: 'no-unencrypted-write',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow writing patient data to files, browser storage, caches or object storage without encryption',
      preset: 'recommended',
      cnilFinding: 'Personal data stored on the server without encryption',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(a)(2)(iv)', 'CWE-311', 'CWE-312'],
      securitySeverity: 7.5,
      strictOptions: [{ checkDatabaseWrites: true }],
    },
    hasSuggestions: true,
    messages: {
      fileWrite:
        'Patient data ({{data}}) is written to a file in clear by `{{sink}}`: whoever reads the disk or a backup reads the patients; encrypt it before writing (GDPR art. 32).',
      browserStorage:
        'Patient data ({{data}}) is stored in clear in {{store}} by `{{sink}}`, readable by any script on the origin and by the next user of the workstation (GDPR art. 32).',
      cacheWrite:
        'Patient data ({{data}}) is written in clear to {{store}} by `{{sink}}`, readable by every service and dump of that cache; encrypt it before caching (GDPR art. 32).',
      objectStorage:
        'Patient data ({{data}}) is uploaded by `{{sink}}` without encryption; a leaked bucket or credential exposes it in clear (GDPR art. 32).',
      databaseField:
        '`{{field}}` ({{label}}) is written to the database by `{{sink}}` without field-level encryption; a dump of the table exposes it in clear (GDPR art. 9 and 32).',
      wrapInEncryption: 'Encrypt the value with `{{helper}}()` before it is written.',
      addServerSideEncryption: "Add `ServerSideEncryption: 'aws:kms'` to the upload parameters.",
      removeBrowserWrite: 'Remove this write and keep the data in memory only.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkDatabaseWrites: {
            type: 'boolean',
            description:
              'Also report database writes (INSERT/UPDATE SQL, ORM create/update/save) of national identifiers and special-category health fields that are not encrypted at field level.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ checkDatabaseWrites: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));

    function carries(node: TSESTree.Node): Taint | undefined {
      return getModel().provenance.carriesPatientData(node, ['encrypt']);
    }

    /** The object literal an expression is, or a never-reassigned variable holds. */
    function objectOf(
      node: TSESTree.Node | undefined,
    ): { object: TSESTree.ObjectExpression; inline: boolean } | undefined {
      if (!node) return undefined;
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.ObjectExpression) return { object: expr, inline: true };
      if (expr.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = resolveVariable(scopeOf(expr), expr);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable' || !def.node.init) return undefined;
      const init = unwrap(def.node.init);
      const reassigned = variable!.references.some(
        (r) => r.isWrite() && r.writeExpr !== def.node.init,
      );
      return init.type === AST_NODE_TYPES.ObjectExpression && !reassigned
        ? { object: init, inline: false }
        : undefined;
    }

    function hasKey(
      object: TSESTree.ObjectExpression | undefined,
      keys: readonly string[],
    ): boolean {
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

    function args(call: TSESTree.CallExpression, from: number): TSESTree.Node[] {
      return call.arguments.slice(from);
    }

    function fileSink(
      ref: ImportRef,
      call: TSESTree.CallExpression,
      display: string,
    ): Sink | undefined {
      if (!FILE_SYSTEM_MODULES.has(ref.module)) return undefined;
      let path = withoutDefault(ref.exportPath);
      if (path[0] === 'promises') path = path.slice(1);
      const only = path.length === 1 ? path[0]! : undefined;
      const writer =
        only === undefined ? undefined : (PATH_WRITERS.get(only) ?? DESCRIPTOR_WRITERS.get(only));
      if (writer) {
        const value = call.arguments[writer.data];
        return value
          ? { family: 'file', name: display, values: [value], wrappable: true }
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
        if (!value || isFunctionLike(value)) return undefined;
        return { family: 'file', name: display, values: [value], wrappable: true };
      }
      return undefined;
    }

    function spreadsheetSink(
      ref: ImportRef,
      call: TSESTree.CallExpression,
      display: string,
    ): Sink | undefined {
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
          values: workbookContent(workbook),
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
              values: [book, ...bookSheets(book)],
              at: call.callee,
              wrappable: false,
            }
          : undefined;
      }
      return undefined;
    }

    /** What was put into an exceljs workbook: rows added to its sheets, values assigned to cells. */
    function workbookContent(workbook: TSESTree.Node): TSESTree.Node[] {
      const content: TSESTree.Node[] = [];
      const sheets = usesOf(workbook).flatMap((use) => {
        const call = methodCallOn(use);
        const name = call && calleeName(call.callee);
        return call && name && EXCELJS_SHEETS.has(name) ? [call] : [];
      });
      for (const sheetCall of sheets) {
        const holders = [sheetCall as TSESTree.Node, ...boundUses(sheetCall)];
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
    function bookSheets(book: TSESTree.Node): TSESTree.Node[] {
      const sheets: TSESTree.Node[] = [];
      for (const use of usesOf(book)) {
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
        const def = resolveVariable(scopeOf(expr), expr)?.defs[0];
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
    function usesOf(node: TSESTree.Node): TSESTree.Node[] {
      const expr = unwrap(node);
      if (expr.type !== AST_NODE_TYPES.Identifier) return [expr];
      const variable = resolveVariable(scopeOf(expr), expr);
      if (!variable) return [expr];
      return variable.references.slice(0, MAX_REFERENCES).map((r) => r.identifier);
    }

    /** References to the variable a call's result is stored in: `const sheet = wb.addWorksheet()`. */
    function boundUses(call: TSESTree.Node): TSESTree.Node[] {
      let holder: TSESTree.Node = call;
      if (holder.parent?.type === AST_NODE_TYPES.AwaitExpression) holder = holder.parent;
      const declarator = holder.parent;
      if (
        declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
        declarator.init !== holder ||
        declarator.id.type !== AST_NODE_TYPES.Identifier
      )
        return [];
      return usesOf(declarator.id).filter((use) => use !== declarator.id);
    }

    /** `x.method(...)` when `x` is the node: the call. */
    function methodCallOn(node: TSESTree.Node): TSESTree.CallExpression | undefined {
      const member = node.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node)
        return undefined;
      const call = member.parent;
      return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member
        ? call
        : undefined;
    }

    function browserSink(
      call: TSESTree.CallExpression,
      display: string,
      ref: ImportRef | undefined,
      global: string[] | undefined,
    ): Sink | undefined {
      const sink = (store: string, value: TSESTree.Node | undefined): Sink | undefined =>
        value
          ? { family: 'browser', name: display, store, values: [value], wrappable: true }
          : undefined;
      if (
        global?.length === 2 &&
        WEB_STORAGE_GLOBALS.has(global[0]!) &&
        global[1] === WEB_STORAGE_WRITE.method
      ) {
        return sink(global[0]!, call.arguments[WEB_STORAGE_WRITE.data]);
      }
      const callee = unwrap(call.callee);
      const method = calleeName(callee);
      // IndexedDB object stores: tx.objectStore('results').put(value)
      if (
        method &&
        OBJECT_STORE_WRITES.has(method) &&
        callee.type === AST_NODE_TYPES.MemberExpression &&
        fromCall(callee.object, 'objectStore', 0)
      ) {
        return sink(INDEXED_DB_STORE, call.arguments[0]);
      }
      const write = ref && importedBrowserWrite(ref.module, withoutDefault(ref.exportPath));
      return write && sink(write.store, call.arguments[write.data]);
    }

    function cacheSink(
      ref: ImportRef,
      call: TSESTree.CallExpression,
      display: string,
    ): Sink | undefined {
      const write = cacheWrite(ref.module, ref.exportPath);
      if (!write) return undefined;
      const values = write.rest
        ? args(call, write.data)
        : call.arguments.slice(write.data, write.data + 1);
      return values.length
        ? { family: 'cache', name: display, store: write.store, values, wrappable: true }
        : undefined;
    }

    function s3Sink(
      params: TSESTree.Node | undefined,
      display: string,
      encryption: readonly string[],
    ): Sink | undefined {
      const found = objectOf(params);
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

    function objectStorageSink(
      ref: ImportRef,
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      display: string,
    ): Sink | undefined {
      const path = withoutDefault(ref.exportPath);
      const construct = call.type === AST_NODE_TYPES.NewExpression;
      const upload = objectUpload(ref.module, path, construct);
      if (!upload) return undefined;
      if (upload.kind === 's3') {
        const { params, under } = upload.upload;
        const given = call.arguments[params];
        return s3Sink(
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
              hasKey(objectOf(call.arguments[index])?.object, upload.encryption),
            ),
          }
        : undefined;
    }

    /** Whether a value comes from a call of that name, through member chains and constant variables. */
    function fromCall(node: TSESTree.Node, name: string, depth: number): boolean {
      if (depth > 8) return false;
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.CallExpression) {
        if (calleeName(expr.callee) === name) return true;
        const callee = unwrap(expr.callee);
        return (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          fromCall(callee.object, name, depth + 1)
        );
      }
      if (expr.type === AST_NODE_TYPES.MemberExpression)
        return fromCall(expr.object, name, depth + 1);
      if (expr.type === AST_NODE_TYPES.AwaitExpression)
        return fromCall(expr.argument, name, depth + 1);
      if (expr.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(scopeOf(expr), expr);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        return def?.type === 'Variable' &&
          def.node.init !== null &&
          def.node.id.type === AST_NODE_TYPES.Identifier
          ? fromCall(def.node.init, name, depth + 1)
          : false;
      }
      return false;
    }

    function sinkOfCall(call: TSESTree.CallExpression): Sink | undefined {
      // One resolution of the callee serves every sink family below. A callee that comes from
      // no module and no global can only be an IndexedDB store write (`store.put`), so other
      // calls leave before their text is copied for the message. A call without arguments
      // writes nothing, and leaves before the callee is resolved.
      if (call.arguments.length === 0) return undefined;
      const { ref, global } = resolveReference(call.callee, scopeOf);
      if (!ref && !global && !OBJECT_STORE_WRITES.has(calleeName(unwrap(call.callee)) ?? ''))
        return undefined;
      const display = sourceCode.getText(call.callee).replace(/\s+/g, '');
      const shortName = display.length > 40 ? (calleeName(call.callee) ?? display) : display;
      if (global?.join('.') === 'Bun.write' && call.arguments[1])
        return { family: 'file', name: shortName, values: [call.arguments[1]], wrappable: true };
      const browser = browserSink(call, shortName, ref, global);
      if (browser) return browser;
      if (!ref) return undefined;
      return (
        fileSink(ref, call, shortName) ??
        spreadsheetSink(ref, call, shortName) ??
        cacheSink(ref, call, shortName) ??
        objectStorageSink(ref, call, shortName)
      );
    }

    function report(sink: Sink): void {
      let first: { node: TSESTree.Node; taint: Taint } | undefined;
      const tainted: TSESTree.Node[] = [];
      for (const value of sink.values) {
        const taint = carries(value);
        if (!taint) continue;
        first ??= { node: value, taint };
        tainted.push(value);
      }
      if (!first) return;
      if (sink.encryptedByOptions) return;
      const data = getModel().provenance.describe(first.taint);
      const messageId: MessageIds =
        sink.family === 'file'
          ? 'fileWrite'
          : sink.family === 'browser'
            ? 'browserStorage'
            : sink.family === 'cache'
              ? 'cacheWrite'
              : 'objectStorage';
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const helper = getModel().config.encryption.fix;
      const wrapTargets = sink.wrappable ? tainted.filter((n) => sink.values.includes(n)) : [];
      if (helper && wrapTargets.length) {
        suggest.push({
          messageId: 'wrapInEncryption',
          data: { helper: helper.name },
          fix: (fixer) => wrapFixes(fixer, helper, wrapTargets, sink.wrapHoles),
        });
      }
      if (sink.s3Params) {
        const params = sink.s3Params;
        suggest.push({
          messageId: 'addServerSideEncryption',
          fix: (fixer) => addSse(fixer, params),
        });
      }
      if (sink.family === 'browser') {
        const statement = removableStatement(first.node);
        if (statement)
          suggest.push({
            messageId: 'removeBrowserWrite',
            fix: (fixer) => fixer.removeRange(statementLineRange(statement)),
          });
      }
      context.report({
        node: sink.at ?? first.node,
        messageId,
        data: { data, sink: sink.name, store: sink.store ?? '' },
        suggest,
      });
      noteRelated(context, sink.at ?? first.node, provenanceRelated(first.taint));
    }

    /** The statement that is nothing but this write, when removing it keeps the code valid. */
    function removableStatement(value: TSESTree.Node): TSESTree.Node | undefined {
      let node: TSESTree.Node | undefined = value.parent;
      while (
        node &&
        (node.type === AST_NODE_TYPES.CallExpression ||
          node.type === AST_NODE_TYPES.AssignmentExpression ||
          node.type === AST_NODE_TYPES.AwaitExpression ||
          node.type === AST_NODE_TYPES.ChainExpression)
      ) {
        if (node.parent?.type === AST_NODE_TYPES.ExpressionStatement) {
          const statement = node.parent;
          const holder = statement.parent;
          const inList =
            holder?.type === AST_NODE_TYPES.BlockStatement ||
            holder?.type === AST_NODE_TYPES.Program ||
            holder?.type === AST_NODE_TYPES.StaticBlock ||
            holder?.type === AST_NODE_TYPES.SwitchCase;
          return inList && sourceCode.getCommentsInside(statement).length === 0
            ? statement
            : undefined;
        }
        if (
          node.type === AST_NODE_TYPES.CallExpression &&
          node.arguments.includes(value as TSESTree.Expression)
        ) {
          node = node.parent;
          continue;
        }
        node = node.parent;
      }
      return undefined;
    }

    /** The statement with its line when nothing else shares the line, so no blank line is left. */
    function statementLineRange(statement: TSESTree.Node): [number, number] {
      const before = sourceCode.text.slice(0, statement.range[0]);
      const lineStart = before.lastIndexOf('\n') + 1;
      const after = sourceCode.text.slice(statement.range[1]);
      const lineEnd = after.search(/\n|$/);
      const alone =
        /^[ \t]*$/.test(before.slice(lineStart)) && /^[ \t]*$/.test(after.slice(0, lineEnd));
      if (!alone) return statement.range;
      return [lineStart, statement.range[1] + lineEnd + (after[lineEnd] === '\n' ? 1 : 0)];
    }

    function wrapFixes(
      fixer: TSESLint.RuleFixer,
      helper: ImportedHelper,
      targets: TSESTree.Node[],
      wrapHoles = false,
    ): TSESLint.RuleFix[] {
      const fixes: TSESLint.RuleFix[] = [];
      for (const target of targets) {
        const expr = unwrap(target);
        if (wrapHoles && expr.type === AST_NODE_TYPES.TemplateLiteral) {
          const holes = expr.expressions.filter((hole) => carries(hole));
          if (holes.length) {
            for (const hole of holes)
              fixes.push(fixer.replaceText(hole, `${helper.name}(${sourceCode.getText(hole)})`));
            continue;
          }
        }
        const parent = target.parent;
        if (
          parent?.type === AST_NODE_TYPES.Property &&
          parent.shorthand &&
          parent.value === target
        ) {
          const text = sourceCode.getText(target);
          fixes.push(fixer.replaceText(parent, `${text}: ${helper.name}(${text})`));
          continue;
        }
        if (
          expr.type === AST_NODE_TYPES.ObjectExpression &&
          expr.properties.every(isPlainProperty)
        ) {
          // { nom, nir }: encrypt field by field so the call still receives an object.
          for (const property of expr.properties as TSESTree.Property[]) {
            if (!carries(property.value)) continue;
            const text = sourceCode.getText(property.value);
            if (property.shorthand)
              fixes.push(fixer.replaceText(property, `${text}: ${helper.name}(${text})`));
            else fixes.push(fixer.replaceText(property.value, `${helper.name}(${text})`));
          }
          continue;
        }
        const text = sourceCode.getText(target);
        fixes.push(fixer.replaceText(target, `${helper.name}(${text})`));
      }
      fixes.push(...importHelper(fixer, helper, targets[0]!));
      return fixes;
    }

    function importHelper(
      fixer: TSESLint.RuleFixer,
      helper: ImportedHelper,
      at: TSESTree.Node,
    ): TSESLint.RuleFix[] {
      if (!helper.import) return [];
      return addNamedImport(fixer, sourceCode, context.filename, {
        name: helper.name.split('.')[0]!,
        from: importSpecifier(helper.import),
        at,
      });
    }

    /** The helper's module as this file imports it: paths in the config are relative to the config file. */
    function importSpecifier(module: string): string {
      if (!module.startsWith('.')) return module;
      const filename = isAbsolute(context.filename)
        ? context.filename
        : resolvePath(context.cwd, context.filename);
      const project = findProjectConfig(filename);
      const base =
        project.file && project.config.encryption.fix?.import === module
          ? dirname(project.file)
          : context.cwd;
      let path = relative(dirname(filename), resolvePath(base, module)).split(sep).join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return path;
    }

    function addSse(
      fixer: TSESLint.RuleFixer,
      params: { object: TSESTree.ObjectExpression; inline: boolean },
    ): TSESLint.RuleFix {
      const { object } = params;
      // A literal in a variable widens to string, which the SDK's enum type refuses; `as const` keeps it.
      const literal =
        !params.inline && /\.[cm]?tsx?$/.test(context.filename)
          ? `'aws:kms' as const`
          : `'aws:kms'`;
      const property = `ServerSideEncryption: ${literal}`;
      const last = object.properties[object.properties.length - 1];
      if (!last) return fixer.replaceText(object, `{ ${property} }`);
      const after = sourceCode.getTokenAfter(last);
      const comma = after?.value === ',' ? after : undefined;
      if (object.loc.start.line === object.loc.end.line)
        return comma
          ? fixer.insertTextAfter(comma, ` ${property},`)
          : fixer.insertTextAfter(last, `, ${property}`);
      const line = sourceCode.lines[last.loc.start.line - 1] ?? '';
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      return comma
        ? fixer.insertTextAfter(comma, `\n${indent}${property},`)
        : fixer.insertTextAfter(last, `,\n${indent}${property}`);
    }

    function isEncryptedValue(node: TSESTree.Node): boolean {
      const trace = getModel().provenance.trace(node);
      if (trace) return trace.sanitizers.includes('encrypt');
      let expr = unwrap(node);
      while (expr.type === AST_NODE_TYPES.AwaitExpression) expr = unwrap(expr.argument);
      if (expr.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calleeName(expr.callee);
      if (!name) return false;
      const config = getModel().config.encryption;
      if (config.helpers.includes(name) || config.fix?.name === name) return true;
      return tokenize(name).some((word) => ENCRYPT_NAME_WORDS.has(word));
    }

    /** A special-category field (national identifier, strong health term) named by a column or key. */
    function sensitiveField(name: string) {
      const cls = getModel().classifier.classify(name, { inContainer: true });
      if (!cls || cls.role !== 'data') return undefined;
      if (cls.category === 'nationalId' || (cls.category === 'health' && cls.tier === 'strong'))
        return cls;
      return undefined;
    }

    function isStoredValue(node: TSESTree.Node): boolean {
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.Literal)
        return typeof expr.value === 'string' && expr.value !== '';
      if (expr.type === AST_NODE_TYPES.Identifier && expr.name === 'undefined') return false;
      return (
        expr.type !== AST_NODE_TYPES.ObjectExpression &&
        expr.type !== AST_NODE_TYPES.ArrayExpression
      );
    }

    function reportField(
      field: string,
      label: string,
      value: TSESTree.Node,
      sink: string,
      reportAt: TSESTree.Node,
      wrappable: boolean,
    ): void {
      if (!isStoredValue(value) || isEncryptedValue(value)) return;
      const helper = getModel().config.encryption.fix;
      noteRelated(context, reportAt, provenanceRelated(getModel().provenance.trace(value)));
      context.report({
        node: reportAt,
        messageId: 'databaseField',
        data: { field, label, sink },
        suggest:
          helper && wrappable
            ? [
                {
                  messageId: 'wrapInEncryption',
                  data: { helper: helper.name },
                  fix: (fixer) => wrapFixes(fixer, helper, [value]),
                },
              ]
            : [],
      });
    }

    function checkOrmWrite(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      const name = calleeName(callee);
      const write = name ? RECORD_WRITES.get(name) : undefined;
      if (!name || !write || callee.type !== AST_NODE_TYPES.MemberExpression) return;
      if (!getModel().provenance.modelInChain(callee.object)) return;
      const objects: TSESTree.ObjectExpression[] = [];
      const collect = (node: TSESTree.Node | undefined, depth: number) => {
        const expr = node && unwrap(node);
        if (!expr || depth > 2) return;
        if (expr.type === AST_NODE_TYPES.ArrayExpression) {
          for (const element of expr.elements) if (element) collect(element, depth + 1);
          return;
        }
        const found = objectOf(expr);
        if (!found) return;
        objects.push(found.object);
        for (const property of found.object.properties) {
          if (
            property.type === AST_NODE_TYPES.Property &&
            RECORD_VALUE_KEYS.has(keyName(property) ?? '')
          )
            collect(property.value, depth + 1);
        }
      };
      // updateOne(filter, update): the filter only matches, the update writes.
      const written =
        (write.filterFirst && call.arguments.length > 1) || write.tableFirst
          ? call.arguments.slice(1)
          : call.arguments;
      for (const arg of written) collect(arg, 0);
      for (const object of objects) {
        for (const property of object.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property);
          if (!key || RECORD_VALUE_KEYS.has(key) || key === 'where') continue;
          const cls = sensitiveField(key);
          if (cls) reportField(key, cls.label, property.value, name, property, true);
        }
      }
    }

    function checkSqlWrite(call: TSESTree.CallExpression): void {
      const sqlNode = call.arguments[0];
      if (!sqlNode || sqlNode.type === AST_NODE_TYPES.SpreadElement) return;
      const sql = getModel().provenance.sqlOf(sqlNode);
      if (!sql) return;
      const params = call.arguments[1] && arrayOf(call.arguments[1]);
      const template = unwrap(sqlNode);
      // Template holes map to expressions only when no hole was filled by a constant.
      const holes =
        template.type === AST_NODE_TYPES.TemplateLiteral &&
        template.expressions.length === sql.value.holes
          ? template.expressions
          : undefined;
      const sink = calleeName(call.callee) ?? 'query';
      for (const statement of sql.statements) {
        if (statement.kind !== 'insert' && statement.kind !== 'update') continue;
        const before = sql.value.text.slice(0, statement.start);
        const offsets = { question: count(before, '?'), hole: count(before, HOLE) };
        const text = sql.value.text.slice(statement.start, statement.end);
        for (const assigned of assignedColumns(statement.kind, text, statement.targetColumns)) {
          const cls = sensitiveField(assigned.column);
          if (!cls) continue;
          const value = valueFor(assigned, offsets, params, holes);
          if (value === null) continue;
          reportField(
            assigned.column,
            cls.label,
            value ?? sqlNode,
            sink,
            value ?? sqlNode,
            value !== undefined,
          );
        }
      }
    }

    /** The elements of an array literal, directly or through a constant. */
    function arrayOf(node: TSESTree.Node): readonly (TSESTree.Node | null)[] | undefined {
      let expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(scopeOf(expr), expr);
        const init = variable && constantInit(variable);
        if (init) expr = unwrap(init);
      }
      return expr.type === AST_NODE_TYPES.ArrayExpression ? expr.elements : undefined;
    }

    return {
      CallExpression(node) {
        const sink = sinkOfCall(node);
        if (sink) {
          report(sink);
          return;
        }
        if (options.checkDatabaseWrites) {
          checkOrmWrite(node);
          checkSqlWrite(node);
        }
      },
      NewExpression(node) {
        const ref = resolveImport(node.callee, scopeOf);
        const sink = ref && objectStorageSink(ref, node, '');
        if (sink) report(sink);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' && node.operator !== '+=') return;
        const left = node.left;
        if (left.type !== AST_NODE_TYPES.MemberExpression) return;
        // `this.x = …`, most member assignments in class code, is neither a cookie nor a store.
        if (left.object.type === AST_NODE_TYPES.ThisExpression) return;
        const target = resolveGlobal(left, scopeOf);
        if (
          target?.length === 2 &&
          target[0] === DOCUMENT_COOKIE.global[0] &&
          target[1] === DOCUMENT_COOKIE.global[1]
        ) {
          report({
            family: 'browser',
            name: 'document.cookie',
            store: DOCUMENT_COOKIE.store,
            values: [node.right],
            wrappable: true,
            wrapHoles: true,
          });
          return;
        }
        const store = resolveGlobal(left.object, scopeOf);
        if (store?.length === 1 && WEB_STORAGE_GLOBALS.has(store[0]!)) {
          report({
            family: 'browser',
            name: sourceCode.getText(left).replace(/\s+/g, ''),
            store: store[0],
            values: [node.right],
            wrappable: true,
          });
        }
      },
    };
  },
});

function isFunctionLike(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

function isPlainProperty(property: TSESTree.ObjectLiteralElement): boolean {
  return property.type === AST_NODE_TYPES.Property && property.kind === 'init' && !property.method;
}

interface AssignedColumn {
  column: string;
  /** The SQL text assigned: a placeholder, a hole, a literal or an expression. */
  value: string;
  /** How many `?` and template holes precede it in the statement. */
  question: number;
  hole: number;
}

/** Columns an INSERT or UPDATE assigns, with the SQL text it assigns them. */
function assignedColumns(
  kind: 'insert' | 'update',
  text: string,
  targetColumns: string[] | undefined,
): AssignedColumn[] {
  let pairs: { column: string; value: string; start: number }[] = [];
  if (kind === 'insert') {
    if (!targetColumns?.length) return [];
    const values = /\bVALUES\s*\(/i.exec(text);
    if (!values) return [];
    const start = values.index + values[0].length;
    const items = splitTopLevel(text.slice(start));
    let offset = start;
    pairs = targetColumns.map((column, index) => {
      const item = items[index] ?? '';
      const pair = { column: bare(column), value: item.trim(), start: offset };
      offset += item.length + 1;
      return pair;
    });
  } else {
    const set = /\bSET\b/i.exec(text);
    if (!set) return [];
    const start = set.index + set[0].length;
    const end = /\b(WHERE|RETURNING|FROM)\b/i.exec(text.slice(start));
    let offset = start;
    for (const assignment of splitTopLevel(
      text.slice(start, end ? start + end.index : undefined),
    )) {
      const match = /^\s*([\w."`[\]]+)\s*=\s*([\s\S]+?)\s*$/.exec(assignment);
      if (match) pairs.push({ column: bare(match[1]!), value: match[2]!, start: offset });
      offset += assignment.length + 1;
    }
  }
  return pairs.map(({ column, value, start }) => ({
    column,
    value,
    question: count(text.slice(0, start), '?'),
    hole: count(text.slice(0, start), HOLE),
  }));
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function bare(column: string): string {
  return (
    column
      .replace(/["`[\]]/g, '')
      .split('.')
      .pop() ?? column
  );
}

/** Splits a list at top-level commas, stopping at the parenthesis that closes it. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/**
 * The expression that fills a column: `$2` is the second parameter, `?` counts its position, a
 * template hole is the template's expression. Null when the SQL itself holds a literal, NULL or
 * an encryption function; undefined when the value cannot be located.
 */
function valueFor(
  assigned: AssignedColumn,
  offsets: { question: number; hole: number },
  params: readonly (TSESTree.Node | null)[] | undefined,
  holes: readonly TSESTree.Node[] | undefined,
): TSESTree.Node | null | undefined {
  const value = assigned.value;
  // pgp_sym_encrypt($1, key), AES_ENCRYPT(?, @key): encrypted by the database at field level.
  if (/encrypt|crypt\s*\(/i.test(value)) return null;
  const numbered = /^\$(\d+)$/.exec(value);
  if (numbered) return params?.[Number(numbered[1]) - 1] ?? undefined;
  if (value === '?') return params?.[offsets.question + assigned.question] ?? undefined;
  if (value === HOLE) return holes?.[offsets.hole + assigned.hole];
  if (/^[:@$][A-Za-z_]\w*$/.test(value) || /\$\d+|\?|__hole__/.test(value)) return undefined;
  return null;
}
