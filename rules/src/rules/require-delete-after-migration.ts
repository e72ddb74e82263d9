import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import {
  calleeName,
  findProperty,
  forEachChild,
  functionName,
  isFunctionNode,
  keyName,
  memberChain,
  propertyName,
  resolveVariable,
} from '../model/ast';
import {
  type HealthModel,
  healthModel,
  type PatientRead,
  type SqlStatement,
  staticString,
  type Taint,
  unwrap,
} from '../model';
import { scanSql, tablesRead } from '../model/sql';
import { tokenize } from '../model/tokens';
import { createRule } from '../util/create-rule';
import { addNamedImport } from '../fix/imports';
import {
  CSV_WRITER,
  DUMP_FILE_OPTIONS,
  DUMP_TABLE_OPTIONS,
  DUMP_TOOLS,
  GCS_OBJECT,
  isCsvWriterFactory,
  isSqlTag,
  OBJECT_DELETERS,
  PATH_DELETERS,
  PATH_WRITERS,
  PROCESS_RUNNERS,
  RECORD_DELETES,
  RECORD_WRITES,
  ROW_PATH_WRITERS,
  S3_UPLOADS,
  SHEETJS_FILE_WRITERS,
  SQL_RUNNER_METHODS,
  TABLE_DROPS,
} from '../model/apis';
import { resolveImport, withoutDefault } from '../model/imports';
import { describeLiteralForMessage } from '../util/redact';
import { noteRelated, provenanceRelated, type RelatedLocation } from '../model/related';

type Options = [{ requireDeletionOnFailure?: boolean; reportSourceMigration?: boolean }];
type MessageIds =
  | 'notDeleted'
  | 'deletedOnlyOnSuccess'
  | 'sourceNotPurged'
  | 'sourceKeptAfterBulkCopy'
  | 'deleteInFinally';

type SinkKind = 'file' | 'table' | 'object';
type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
type Routine = FunctionNode | TSESTree.Program;

/** A place where patient data is put down on its way out: a file, a table, a bucket object. */
interface Staging {
  node: TSESTree.Node;
  kind: SinkKind;
  /** How the message names the place: "file `stagingPath`", "staging table `staging_patients`". */
  where: string;
  /** The path, key or table expression, for matching deletions and writing the fix. */
  target?: TSESTree.Node;
  table?: string;
  /** Lazily: what patient data it holds, or undefined when it holds none that we can see. */
  data: () => string | undefined;
  /** The staging declares its own expiry (S3 `Expires`, a lifecycle tag): nothing more to do. */
  expires?: boolean;
  /** Source-side copy of patient tables into the new system (reported only when asked). */
  source?: { tables: string[] };
  fix?: FixPlan;
  /** The write completes before the call returns (`writeFileSync`, `execSync`, SheetJS). */
  sync?: boolean;
  /** A stream or writer whose writes the routine awaits later (`createWriteStream`, `new Upload`). */
  stream?: boolean;
}

type FixPlan =
  | { sink: 'file' }
  | { sink: 'table'; call: string; tagged: boolean }
  | { sink: 's3v3'; client: string; bucket: TSESTree.Node; key: TSESTree.Node }
  | { sink: 's3v2'; client: string; bucket: TSESTree.Node; key: TSESTree.Node }
  | { sink: 'gcs'; file: TSESTree.Node };

/** A call that removes staged data. */
interface Deletion {
  node: TSESTree.Node;
  kinds: readonly SinkKind[];
  /** The deleted path, key or table; undefined when unknown (it then matches any target of its kind). */
  target?: TSESTree.Node;
  table?: string;
  /** Removes a folder, a prefix or a tmp object: matches what was staged under it. */
  recursive: boolean;
  /** A configured deletion helper (`scheduleDeletion`): counts wherever the routine calls it. */
  helper: boolean;
  /** `tmp.setGracefulCleanup()`: every tmp-created file of the module is removed at exit. */
  tmpGlobal?: boolean;
  /** The object the deletion came with (`tmpobj.removeCallback()`, `const { cleanup } = await file()`). */
  owner?: TSESTree.Node;
}

/** Words that make a bucket, prefix or table a temporary hand-over place rather than a destination. */
const STAGING_WORDS = new Set([
  'staging',
  'stage',
  'staged',
  'tmp',
  'temp',
  'temporary',
  'transit',
  'transfer',
  'transfert',
  'export',
  'exports',
  'extract',
  'extracts',
  'extraction',
  'extrait',
  'extraits',
  'migration',
  'reprise',
  'handoff',
  'dropzone',
  'scratch',
  'outbox',
  'echange',
  'echanges',
  'import',
  'imports',
  'dump',
  'dumps',
  'work',
  'interim',
  'intermediaire',
]);

/** Calls whose callbacks run as part of the routine that registers them. */
const INLINE_CALLBACK_CALLS = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'each',
  'then',
  'catch',
  'finally',
  'on',
  'once',
  'pipeline',
  'Promise',
  'all',
  'transaction',
  'writeFile',
  'appendFile',
  'end',
  'finalize',
  'close',
]);

/** Events whose listeners run even when the transfer fails. */
const ALWAYS_EVENTS = new Set(['close']);

export default createRule<Options, MessageIds>({
  name: 'require-delete-after-migration',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require export and migration code to delete the patient data it stages in files, staging tables, buckets and dumps',
      preset: 'recommended',
      cnilFinding: 'No automatic deletion of the data after the migration',
      references: ['GDPR-5(1)(e)', 'GDPR-32', 'CNIL-SAN-2022-009', 'CWE-459'],
      securitySeverity: 6.5,
      strictOptions: [{ requireDeletionOnFailure: true, reportSourceMigration: true }],
    },
    hasSuggestions: true,
    messages: {
      notDeleted:
        '`{{routine}}` stages {{data}} in {{where}} and never deletes it: an extract that outlives the transfer is what leaked after the Dedalus migration (GDPR art. 5(1)(e), art. 32)',
      deletedOnlyOnSuccess:
        '`{{routine}}` deletes {{where}} (holding {{data}}) only when the transfer succeeds: a failed run leaves the extract behind; delete it in a `finally` block',
      sourceNotPurged:
        '`{{routine}}` copies {{data}} into {{where}} but never removes or schedules the purge of the source: the old system keeps every record after the migration (GDPR art. 5(1)(e))',
      sourceKeptAfterBulkCopy:
        '`{{routine}}` copies {{data}} into {{target}} but never removes or schedules the purge of {{source}}: the source copy stays behind after the migration (CNIL SAN-2022-009: no deletion after migration; GDPR art. 5(1)(e))',
      deleteInFinally: 'Delete {{where}} in a `finally` block: `{{deletion}}`',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireDeletionOnFailure: {
            type: 'boolean',
            description:
              'Also report staged data deleted only on the success path (no `finally`): a failed transfer leaves it behind.',
          },
          reportSourceMigration: {
            type: 'boolean',
            description:
              'Also report migrations that copy patient tables into a new system (INSERT … SELECT, bulk inserts) with no removal or scheduled purge of the source.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ requireDeletionOnFailure: false, reportSourceMigration: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const requireDeletionOnFailure = options.requireDeletionOnFailure === true;
    const reportSourceMigration = options.reportSourceMigration === true;
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const sqlNodes: { node: TSESTree.Node; sql: TSESTree.Node; call: string; tagged: boolean }[] =
      [];

    // The provenance path behind each data description a message uses, as plain locations.
    const provenanceByData = new Map<string, RelatedLocation[]>();
    function described(taint: Taint): string {
      const data = getModel().provenance.describe(taint);
      if (!provenanceByData.has(data)) provenanceByData.set(data, provenanceRelated(taint));
      return data;
    }

    function report(staging: Staging, routine: Routine, messageId: MessageIds, data: string) {
      const name =
        (routine.type === AST_NODE_TYPES.Program ? undefined : functionName(routine)) ??
        getModel().exportContextOf(staging.node)?.name ??
        'this code';
      const deletion = staging.fix ? deletionText(staging, routine) : undefined;
      const suggest =
        staging.fix && deletion && messageId !== 'sourceNotPurged'
          ? wrapFix(staging, routine, deletion)
          : undefined;
      context.report({
        node: staging.node,
        messageId,
        data: { routine: name, data, where: staging.where },
        suggest: suggest
          ? [
              {
                messageId: 'deleteInFinally',
                data: {
                  where: staging.where,
                  deletion: describeLiteralForMessage(deletion!.statement, 120),
                },
                fix: suggest,
              },
            ]
          : undefined,
      });
      noteRelated(context, staging.node, provenanceByData.get(data) ?? []);
    }

    /** A path, key or bucket as the message names it: a name built from a NIR stays out. */
    function text(node: TSESTree.Node): string {
      return describeLiteralForMessage(sourceCode.getText(node));
    }

    function isTaggedSql(node: TSESTree.TaggedTemplateExpression): boolean {
      const tag = calleeName(node.tag);
      return tag !== undefined && isSqlTag(tag);
    }

    // ---- staging writes -----------------------------------------------------------------------

    function taintOf(node: TSESTree.Node | undefined): string | undefined {
      if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const taint = getModel().provenance.trace(node);
      return taint ? described(taint) : undefined;
    }

    /** Data fed into an object by its methods: `zip.file(name, csv)`, `archive.append(json)`, `ws.addRow(p)`. */
    function fedData(node: TSESTree.Node | undefined, depth = 0): string | undefined {
      if (!node || depth > 3) return undefined;
      const expr = unwrap(node);
      const direct = taintOf(expr);
      if (direct) return direct;
      let root: TSESTree.Node = expr;
      while (
        root.type === AST_NODE_TYPES.MemberExpression ||
        root.type === AST_NODE_TYPES.CallExpression ||
        root.type === AST_NODE_TYPES.AwaitExpression
      ) {
        root =
          root.type === AST_NODE_TYPES.MemberExpression
            ? unwrap(root.object)
            : root.type === AST_NODE_TYPES.CallExpression
              ? unwrap(root.callee)
              : unwrap(root.argument);
      }
      if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = resolveVariable(scopeOf(root), root);
      if (!variable) return undefined;
      for (const ref of variable.references) {
        const member = ref.identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier)
          continue;
        const call = member.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
        for (const arg of call.arguments) {
          const found = taintOf(arg);
          if (found) return found;
        }
        // A part made from it and filled in turn: `const sheet = workbook.addWorksheet(); sheet.addRow(p)`.
        const declarator = call.parent;
        if (
          depth < 2 &&
          declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
          declarator.id.type === AST_NODE_TYPES.Identifier
        ) {
          const found = fedData(declarator.id, depth + 1);
          if (found) return found;
        }
      }
      // A child's output: `dump.stdout.pipe(out)` where dump is a pg_dump process.
      const def = variable.defs[0];
      if (def?.type === 'Variable' && def.node.init) {
        const init = unwrap(def.node.init);
        const call = init.type === AST_NODE_TYPES.AwaitExpression ? unwrap(init.argument) : init;
        if (call.type === AST_NODE_TYPES.CallExpression) {
          const dump = dumpTool(call);
          if (dump) return `a ${dump.tool} of ${dump.what}`;
          if (depth < 2 && call.callee.type === AST_NODE_TYPES.MemberExpression)
            return fedData(call.callee.object, depth + 1);
        }
      }
      return undefined;
    }

    /** Patient data read anywhere in the routine: the fallback for writers whose data we cannot follow. */
    function routineRead(routine: Routine): string | undefined {
      for (const call of calls) {
        if (call.type !== AST_NODE_TYPES.CallExpression || !within(call, routine)) continue;
        const read = getModel().provenance.patientRead(call);
        if (read) {
          const taint = getModel().provenance.trace(call);
          return taint
            ? described(taint)
            : `patient records from ${read.tables.map((t) => `\`${t}\``).join(', ')}`;
        }
      }
      return undefined;
    }

    /** A file name that says whose data it holds: `patients-2021.csv`, `dossiers.json`. */
    function patientNamed(node: TSESTree.Node | undefined): string | undefined {
      if (!node) return undefined;
      const value = staticString(node, scopeOf);
      const base = value?.text.split(/[\\/]/).pop();
      if (!base) return undefined;
      const words = tokenize(base.replace(/\.[a-z0-9]+$/i, ''));
      return words.some((w) => getModel().classifier.container(w))
        ? `patient records (\`${base.slice(0, 40)}\`)`
        : undefined;
    }

    function fileStaging(call: TSESTree.CallExpression): Staging | undefined {
      const name = calleeName(call.callee);
      if (!name) return undefined;
      const chain = memberChain(call.callee).map((part) => part.toLowerCase());
      const args = call.arguments;
      const isSheet = chain.some((part) => part === 'xlsx' || part === 'xls');
      const sheetWriter = isSheet ? SHEETJS_FILE_WRITERS.get(name) : undefined;
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
          where: `spreadsheet \`${text(target)}\``,
          target,
          data: () => fedData(workbook) ?? patientNamed(target) ?? routineRead(routineOf(call)),
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
          where: `${name === 'writeToPath' ? 'CSV file' : 'file'} \`${text(target)}\``,
          target,
          data: () => fedData(data) ?? patientNamed(target),
          fix: { sink: 'file' },
          sync: name.endsWith('Sync'),
        };
      }
      if (name === 'createWriteStream' || name === 'writeZip') {
        const target = args[0];
        if (!target || target.type === AST_NODE_TYPES.SpreadElement) return undefined;
        const zip = name === 'writeZip' && call.callee.type === AST_NODE_TYPES.MemberExpression;
        return {
          node: call,
          kind: 'file',
          where: `${zip ? 'archive' : 'file'} \`${text(target)}\``,
          target,
          data: () =>
            (zip ? fedData((call.callee as TSESTree.MemberExpression).object) : streamData(call)) ??
            patientNamed(target) ??
            routineRead(routineOf(call)),
          fix: { sink: 'file' },
          sync: zip && args.length === 1,
          stream: !zip,
        };
      }
      if (CSV_WRITER.factories.has(name) || csvWriterFactory(call.callee)) {
        const target = findProperty(args[0], CSV_WRITER.pathOption)?.value;
        if (!target) return undefined;
        return {
          node: call,
          kind: 'file',
          where: `CSV file \`${text(target)}\``,
          target,
          data: () => streamData(call) ?? patientNamed(target) ?? routineRead(routineOf(call)),
          fix: { sink: 'file' },
          stream: true,
        };
      }
      return undefined;
    }

    let mentionsCsvWriter: boolean | undefined;
    /** A csv-writer factory under another name: `const createCsvWriter = require('csv-writer').createObjectCsvWriter`. */
    function csvWriterFactory(callee: TSESTree.Node): boolean {
      // Only a file that names the module can bind its factory: one text search spares the rest.
      mentionsCsvWriter ??= sourceCode.text.includes(CSV_WRITER.module);
      if (!mentionsCsvWriter || callee.type !== AST_NODE_TYPES.Identifier) return false;
      const ref = resolveImport(callee, scopeOf);
      return ref !== undefined && isCsvWriterFactory(ref.module, withoutDefault(ref.exportPath));
    }

    /** What is written into a stream or writer held by a variable: `.write(x)`, `src.pipe(out)`, `pipeline(src, out)`. */
    function streamData(call: TSESTree.CallExpression): string | undefined {
      const parent = call.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(call)) {
        // `dump.stdout.pipe(createWriteStream(p))`, `pipeline(source, createWriteStream(p))`.
        const name = calleeName(parent.callee);
        if (name === 'pipe' && parent.callee.type === AST_NODE_TYPES.MemberExpression)
          return fedData(parent.callee.object);
        if (name === 'pipeline') {
          for (const arg of parent.arguments) {
            if (arg === call) break;
            const found = fedData(arg);
            if (found) return found;
          }
        }
      }
      const holder = holderOf(call);
      if (!holder) return undefined;
      const variable = resolveVariable(scopeOf(holder), holder);
      for (const ref of variable?.references ?? []) {
        const id = ref.identifier;
        const parent = id.parent;
        if (
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === id &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent
        ) {
          for (const arg of parent.parent.arguments) {
            const found = fedData(arg);
            if (found) return found;
          }
        }
        if (
          parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.arguments.includes(id as TSESTree.Identifier)
        ) {
          const pipeName = calleeName(parent.callee);
          if (pipeName === 'pipe' && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
            const found = fedData(parent.callee.object);
            if (found) return found;
          }
          if (pipeName === 'pipeline') {
            for (const arg of parent.arguments) {
              if (arg === id) break;
              const found = fedData(arg);
              if (found) return found;
            }
          }
        }
      }
      return undefined;
    }

    /** The variable a stream or writer is kept in: `const out = fs.createWriteStream(p)`. */
    function holderOf(call: TSESTree.Node): TSESTree.Identifier | undefined {
      let node: TSESTree.Node = call;
      while (
        node.parent &&
        (node.parent.type === AST_NODE_TYPES.AwaitExpression ||
          node.parent.type === AST_NODE_TYPES.TSAsExpression ||
          node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
      )
        node = node.parent;
      const parent = node.parent;
      if (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.id.type === AST_NODE_TYPES.Identifier
      )
        return parent.id;
      if (
        parent?.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.left.type === AST_NODE_TYPES.Identifier
      )
        return parent.left;
      return undefined;
    }

    function dumpTool(
      call: TSESTree.CallExpression,
    ): { tool: string; what: string; target?: TSESTree.Node; tables: string[] } | undefined {
      const name = calleeName(call.callee);
      if (!name || !PROCESS_RUNNERS.has(name)) return undefined;
      const first = call.arguments[0];
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const command = staticString(first, scopeOf);
      if (!command) return undefined;
      const words = command.text.trim().split(/\s+/);
      const tool = words[0]?.split('/').pop();
      if (!tool || !DUMP_TOOLS.has(tool)) return undefined;
      const tables: string[] = [];
      let target: TSESTree.Node | undefined;
      const argv = call.arguments[1] && unwrap(call.arguments[1]);
      if (argv?.type === AST_NODE_TYPES.ArrayExpression) {
        const elements = argv.elements;
        elements.forEach((element, index) => {
          if (!element || element.type === AST_NODE_TYPES.SpreadElement) return;
          const value = staticString(element, scopeOf);
          const flag = value?.holes === 0 ? value.text : undefined;
          const next = elements[index + 1];
          if (
            flag &&
            DUMP_FILE_OPTIONS.has(flag) &&
            next &&
            next.type !== AST_NODE_TYPES.SpreadElement
          )
            target = next;
          if (flag && DUMP_TABLE_OPTIONS.has(flag) && next) {
            const table = staticString(next, scopeOf);
            if (table) tables.push(table.text);
          }
          if (element.type === AST_NODE_TYPES.TemplateLiteral && element.expressions.length === 1) {
            const head = element.quasis[0]!.value.cooked ?? '';
            const option = head.replace(/=$/, '');
            if (head.endsWith('=') && DUMP_FILE_OPTIONS.has(option))
              target = element.expressions[0];
          }
        });
      } else if (first.type === AST_NODE_TYPES.TemplateLiteral) {
        // exec(`pg_dump -t patients sil > ${file}`)
        first.quasis.forEach((quasi, index) => {
          const cooked = (quasi.value.cooked ?? '').trimEnd();
          if (/(?:^|\s)(?:>|-f|--file=?|--result-file=?|-r)$/.test(cooked))
            target = first.expressions[index];
        });
      }
      for (const match of command.text.matchAll(/(?:-t|--table(?:s)?)[ =]+([\w."]+)/g))
        tables.push(match[1]!.replace(/"/g, ''));
      if (!target) {
        const redirect = /(?:>|-f|--file=|--result-file=)\s*([^\s;|&]+)/.exec(command.text);
        if (redirect && !redirect[1]!.includes('__hole__')) target = first;
      }
      const uniqueTables = [...new Set(tables)];
      return {
        tool,
        what: uniqueTables.length
          ? uniqueTables.map((t) => `\`${t}\``).join(', ')
          : 'the whole database',
        target,
        tables: uniqueTables,
      };
    }

    function dumpStaging(call: TSESTree.CallExpression): Staging | undefined {
      const dump = dumpTool(call);
      if (!dump?.target) return undefined;
      // A dump of reference tables only carries no patient record.
      if (dump.tables.length && !dump.tables.some((t) => getModel().provenance.isPatientTable(t)))
        return undefined;
      const target = dump.target;
      return {
        node: call,
        kind: 'file',
        where: `${dump.tool} file \`${text(target)}\``,
        target,
        data: () => `a ${dump.tool} of ${dump.what}`,
        fix: target === call.arguments[0] ? undefined : { sink: 'file' },
        sync: calleeName(call.callee)?.endsWith('Sync') === true,
        // A child process the routine waits for later (`await once(child, 'exit')`).
        stream: calleeName(call.callee)?.endsWith('Sync') !== true,
      };
    }

    function stagingWords(node: TSESTree.Node | undefined): boolean {
      if (!node) return false;
      const expr = unwrap(node);
      const value = staticString(expr, scopeOf);
      const texts = [value?.text ?? '', expr.type === AST_NODE_TYPES.Identifier ? expr.name : ''];
      if (expr.type === AST_NODE_TYPES.TemplateLiteral)
        for (const e of expr.expressions)
          if (e.type === AST_NODE_TYPES.Identifier) texts.push(e.name);
      return texts.some((t) => tokenize(t).some((w) => STAGING_WORDS.has(w)));
    }

    function hasExpiry(params: TSESTree.Node | undefined): boolean {
      if (findProperty(params, 'Expires')) return true;
      const tagging = findProperty(params, 'Tagging')?.value;
      const tags = tagging ? staticString(tagging, scopeOf)?.text : undefined;
      return tags !== undefined && /expir|retention|ttl|delete|purge|lifecycle/i.test(tags);
    }

    function objectStaging(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
    ): Staging | undefined {
      const name = calleeName(call.callee);
      if (!name) return undefined;
      let params: TSESTree.Node | undefined;
      let plan: ((bucket: TSESTree.Node, key: TSESTree.Node) => FixPlan | undefined) | undefined;
      const s3 = S3_UPLOADS.get(name);
      const constructed = call.type === AST_NODE_TYPES.NewExpression;
      if (constructed && s3?.construct && !s3.under) {
        params = call.arguments[s3.params];
        const send = call.parent;
        plan = (bucket, key) =>
          send?.type === AST_NODE_TYPES.CallExpression &&
          calleeName(send.callee) === 'send' &&
          send.callee.type === AST_NODE_TYPES.MemberExpression
            ? { sink: 's3v3', client: sourceCode.getText(send.callee.object), bucket, key }
            : undefined;
      } else if (constructed && s3?.construct && s3.under) {
        params = findProperty(call.arguments[s3.params], s3.under)?.value;
        const client = findProperty(call.arguments[s3.params], 'client')?.value;
        plan = (bucket, key) =>
          client ? { sink: 's3v3', client: sourceCode.getText(client), bucket, key } : undefined;
      } else if (
        call.type === AST_NODE_TYPES.CallExpression &&
        s3 &&
        !s3.construct &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        findProperty(call.arguments[s3.params], 'Bucket')
      ) {
        params = call.arguments[s3.params];
        const callee = call.callee;
        const promise = call.parent;
        plan = (bucket, key) =>
          promise?.type === AST_NODE_TYPES.MemberExpression &&
          propertyName(promise) === 'promise' &&
          name === 'putObject'
            ? { sink: 's3v2', client: sourceCode.getText(callee.object), bucket, key }
            : undefined;
      } else if (
        call.type === AST_NODE_TYPES.CallExpression &&
        name === GCS_OBJECT.save &&
        call.callee.type === AST_NODE_TYPES.MemberExpression
      ) {
        // Google Cloud Storage: storage.bucket(b).file(key).save(data).
        const file = unwrap(call.callee.object);
        if (
          file.type !== AST_NODE_TYPES.CallExpression ||
          calleeName(file.callee) !== GCS_OBJECT.file
        )
          return undefined;
        const key = file.arguments[0];
        const bucket =
          file.callee.type === AST_NODE_TYPES.MemberExpression ? file.callee.object : undefined;
        if (!key || !bucket) return undefined;
        const bucketArg =
          bucket.type === AST_NODE_TYPES.CallExpression ? bucket.arguments[0] : bucket;
        if (!stagingWords(bucketArg) && !stagingWords(key)) return undefined;
        return {
          node: call,
          kind: 'object',
          where: `object \`${text(key)}\` in bucket \`${text(bucketArg ?? bucket)}\``,
          target: key,
          data: () => fedData(call.arguments[0]) ?? patientNamed(key),
          fix: { sink: 'gcs', file },
        };
      } else {
        return undefined;
      }
      const bucket = findProperty(params, 'Bucket')?.value;
      const key = findProperty(params, 'Key')?.value;
      if (!bucket || !key) return undefined;
      if (!stagingWords(bucket) && !stagingWords(key)) return undefined;
      const body = findProperty(params, 'Body')?.value;
      return {
        node: call,
        kind: 'object',
        where: `object \`${text(key)}\` in bucket \`${text(bucket)}\``,
        target: key,
        expires: hasExpiry(params),
        data: () => fedData(body) ?? patientNamed(key),
        fix: plan?.(bucket, key),
        stream: constructed && s3?.under !== undefined,
      };
    }

    function sqlStagings(
      node: TSESTree.Node,
      sqlNode: TSESTree.Node,
      call: string,
      tagged: boolean,
    ): Staging[] {
      const sql = getModel().provenance.sqlOf(sqlNode);
      if (!sql) return [];
      const result: Staging[] = [];
      for (const statement of sql.statements) {
        const raw = sql.value.text.slice(statement.start, statement.end);
        const target = statement.target;
        if (!target) continue;
        const read = tablesRead(statement).filter((t) => getModel().provenance.isPatientTable(t));
        const patient = read.length > 0 || getModel().provenance.isPatientTable(target);
        if (!patient) continue;
        const data = () =>
          read.length
            ? `patient records from ${read.map((t) => `\`${t}\``).join(', ')}`
            : `patient records (\`${target}\`)`;
        if (/^\s*(?:select|with)\b/i.test(raw) && /\binto\s+(?:outfile|dumpfile)\b/i.test(raw)) {
          const file = /\binto\s+(?:outfile|dumpfile)\s+'([^']+)'/i.exec(raw)?.[1];
          result.push({
            node,
            kind: 'file',
            where: `server file \`${file ? describeLiteralForMessage(file) : 'OUTFILE'}\``,
            data,
          });
          continue;
        }
        if (
          statement.fromQuery &&
          (statement.kind === 'create' || statement.kind === 'select' || statement.kind === 'with')
        ) {
          // Temporary tables die with the session that made them.
          if (/^\s*create\s+(?:(?:global|local)\s+)?temp(?:orary)?\b/i.test(raw)) continue;
          result.push(tableStaging(node, target, data, call, tagged));
          continue;
        }
        if (statement.kind === 'insert' && statement.selects.length > 0) {
          if (isStagingTable(target)) {
            result.push(tableStaging(node, target, data, call, tagged));
          } else if (read.length) {
            result.push({
              node,
              kind: 'table',
              where: `table \`${target}\``,
              table: normalTable(target),
              data,
              source: { tables: read },
            });
          }
        }
      }
      return result;
    }

    function tableStaging(
      node: TSESTree.Node,
      target: string,
      data: () => string,
      call: string,
      tagged: boolean,
    ): Staging {
      return {
        node,
        kind: 'table',
        where: `staging table \`${target}\``,
        table: normalTable(target),
        data,
        fix: target.includes('__hole__') ? undefined : { sink: 'table', call, tagged },
      };
    }

    function isStagingTable(name: string): boolean {
      const normal = normalTable(name);
      if (createdTables().has(normal)) return true;
      return tokenize(normal).some((w) => STAGING_WORDS.has(w));
    }

    let created: Set<string> | undefined;
    /** Tables this file creates: a table made and filled by the same code is a staging table. */
    function createdTables(): Set<string> {
      if (created) return created;
      created = new Set();
      for (const entry of sqlNodes) {
        const sql = getModel().provenance.sqlOf(entry.sql);
        for (const statement of sql?.statements ?? [])
          if (statement.kind === 'create' && statement.target)
            created.add(normalTable(statement.target));
      }
      return created;
    }

    // ---- deletions ----------------------------------------------------------------------------

    function deletionsOf(node: TSESTree.CallExpression | TSESTree.NewExpression): Deletion[] {
      const name = calleeName(node.callee);
      if (!name) return [];
      const chain = memberChain(node.callee).join('.');
      const helpers = getModel().config.deletion.helpers;
      if (helpers.includes(name) || helpers.includes(chain)) {
        const first = node.arguments[0];
        return [
          {
            node,
            kinds: ['file', 'table', 'object'],
            target: first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined,
            recursive: true,
            helper: true,
          },
        ];
      }
      const objects = OBJECT_DELETERS.get(name);
      if (objects && objects.construct === (node.type === AST_NODE_TYPES.NewExpression)) {
        const key = objects.key;
        const target =
          key === undefined
            ? undefined
            : 'property' in key
              ? findProperty(node.arguments[key.params], key.property)?.value
              : node.arguments[key.argument];
        return [{ node, kinds: ['object'], target, recursive: objects.many, helper: false }];
      }
      if (node.type === AST_NODE_TYPES.NewExpression) return [];
      const args = node.arguments;
      const first = args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement ? args[0] : undefined;
      const deleter = PATH_DELETERS.get(name);
      if (deleter && first) {
        const recursive =
          deleter.recursive ||
          findProperty(args[1], 'recursive')?.value.type === AST_NODE_TYPES.Literal;
        return [{ node, kinds: ['file'], target: first, recursive, helper: false }];
      }
      if (name === 'setGracefulCleanup')
        return [{ node, kinds: ['file'], recursive: true, helper: false, tmpGlobal: true }];
      if (name === 'removeCallback' || name === 'cleanup') {
        const owner = ownerOf(node);
        return owner ? [{ node, kinds: ['file'], recursive: true, helper: false, owner }] : [];
      }
      if (
        name === GCS_OBJECT.delete &&
        args.length <= 1 &&
        node.callee.type === AST_NODE_TYPES.MemberExpression
      ) {
        // GCS `bucket.file(key).delete()`.
        const file = unwrap(node.callee.object);
        if (
          file.type === AST_NODE_TYPES.CallExpression &&
          calleeName(file.callee) === GCS_OBJECT.file
        )
          return [
            { node, kinds: ['object'], target: file.arguments[0], recursive: false, helper: false },
          ];
      }
      if (TABLE_DROPS.has(name) && first) {
        const table = staticString(first, scopeOf);
        return [
          {
            node,
            kinds: ['table'],
            table: table && table.holes === 0 ? normalTable(table.text) : undefined,
            recursive: false,
            helper: false,
          },
        ];
      }
      return [];
    }

    function sqlDeletions(sqlNode: TSESTree.Node, at: TSESTree.Node): Deletion[] {
      let statements = getModel().provenance.sqlOf(sqlNode)?.statements;
      if (!statements) {
        // `TRUNCATE staging` and `DROP TABLE staging` are too short for the model's SQL pre-check.
        const value = staticString(sqlNode, scopeOf);
        if (value && /^\s*(?:truncate|drop)\b/i.test(value.text)) statements = scanSql(value.text);
      }
      const result: Deletion[] = [];
      for (const statement of statements ?? []) {
        for (const removed of statement.removed)
          result.push({
            node: at,
            kinds: ['table'],
            table: removed.includes('__hole__') ? undefined : normalTable(removed),
            recursive: false,
            helper: false,
          });
      }
      return result;
    }

    /** The object a cleanup function belongs to: `tmpobj` in `tmpobj.removeCallback()`, or the destructured init. */
    function ownerOf(call: TSESTree.CallExpression): TSESTree.Node | undefined {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) return callee.object;
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const def = resolveVariable(scopeOf(callee), callee)?.defs[0];
      if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern)
        return def.node.init ?? undefined;
      return undefined;
    }

    // ---- matching -----------------------------------------------------------------------------

    const keyMemo = new Map<TSESTree.Node, Set<string>>();
    /** The ways an expression's value is spelled: its text, its constant's initialiser, its static string. */
    function keysOf(node: TSESTree.Node, depth = 0): Set<string> {
      const cached = keyMemo.get(node);
      if (cached) return cached;
      const keys = new Set<string>();
      const expr = unwrap(node);
      keys.add(sourceCode.getText(expr).replace(/\s+/g, ''));
      const value = staticString(expr, scopeOf);
      if (value && value.holes === 0) keys.add(`\u0000${value.text}`);
      if (expr.type === AST_NODE_TYPES.AwaitExpression && depth < 6)
        for (const k of keysOf(expr.argument, depth + 1)) keys.add(k);
      if (expr.type === AST_NODE_TYPES.Identifier && depth < 6) {
        const def = resolveVariable(scopeOf(expr), expr)?.defs[0];
        if (
          def?.type === 'Variable' &&
          def.node.id.type === AST_NODE_TYPES.Identifier &&
          def.node.init &&
          def.parent?.kind === 'const'
        )
          for (const k of keysOf(def.node.init, depth + 1)) keys.add(k);
      }
      keyMemo.set(node, keys);
      return keys;
    }

    /** Everything a path is built from (folders, tmp objects): what a recursive deletion may remove it by. */
    function rootsOf(node: TSESTree.Node, out = new Set<string>(), depth = 0): Set<string> {
      if (depth > 8) return out;
      const expr = unwrap(node);
      for (const k of keysOf(expr)) out.add(k);
      switch (expr.type) {
        case AST_NODE_TYPES.Identifier: {
          const def = resolveVariable(scopeOf(expr), expr)?.defs[0];
          if (def?.type === 'Variable' && def.node.init) {
            if (def.node.id.type !== AST_NODE_TYPES.Identifier)
              for (const k of keysOf(def.node.init)) out.add(k);
            rootsOf(def.node.init, out, depth + 1);
          }
          break;
        }
        case AST_NODE_TYPES.MemberExpression:
          rootsOf(expr.object, out, depth + 1);
          break;
        case AST_NODE_TYPES.AwaitExpression:
          rootsOf(expr.argument, out, depth + 1);
          break;
        case AST_NODE_TYPES.TemplateLiteral:
          for (const e of expr.expressions) rootsOf(e, out, depth + 1);
          break;
        case AST_NODE_TYPES.BinaryExpression:
          rootsOf(expr.left, out, depth + 1);
          rootsOf(expr.right, out, depth + 1);
          break;
        case AST_NODE_TYPES.CallExpression:
          for (const arg of expr.arguments) rootsOf(arg, out, depth + 1);
          break;
        default:
          break;
      }
      return out;
    }

    function madeByTmp(node: TSESTree.Node, depth = 0): boolean {
      if (depth > 8) return false;
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.CallExpression) {
        const chain = memberChain(expr.callee);
        const name = chain[chain.length - 1] ?? '';
        if (chain[0] === 'tmp' || /^(?:fileSync|dirSync|tmpNameSync)$/.test(name)) return true;
        return expr.arguments.some((a) => madeByTmp(a, depth + 1));
      }
      if (expr.type === AST_NODE_TYPES.MemberExpression) return madeByTmp(expr.object, depth + 1);
      if (expr.type === AST_NODE_TYPES.AwaitExpression) return madeByTmp(expr.argument, depth + 1);
      if (expr.type === AST_NODE_TYPES.TemplateLiteral)
        return expr.expressions.some((e) => madeByTmp(e, depth + 1));
      if (expr.type === AST_NODE_TYPES.Identifier) {
        const def = resolveVariable(scopeOf(expr), expr)?.defs[0];
        return def?.type === 'Variable' && def.node.init
          ? madeByTmp(def.node.init, depth + 1)
          : false;
      }
      return false;
    }

    function matches(
      deletion: Deletion,
      staging: Staging,
      substitute: Map<string, TSESTree.Node>,
    ): boolean {
      if (!deletion.kinds.includes(staging.kind)) return false;
      if (staging.kind === 'table') {
        return deletion.table === undefined || staging.table === undefined
          ? deletion.target === undefined || deletion.helper
          : deletion.table === staging.table;
      }
      if (deletion.tmpGlobal) return staging.target !== undefined && madeByTmp(staging.target);
      const target = staging.target;
      if (!target) return deletion.target === undefined && deletion.owner === undefined;
      if (deletion.owner) return intersects(keysOf(deletion.owner), rootsOf(target));
      if (!deletion.target) return true;
      const deleted = substituted(deletion.target, substitute);
      const deletedKeys = keysOf(deleted);
      if (intersects(deletedKeys, keysOf(target))) return true;
      return deletion.recursive && intersects(deletedKeys, rootsOf(target));
    }

    /** A helper's parameter replaced by the argument its caller passed. */
    function substituted(
      node: TSESTree.Node,
      substitute: Map<string, TSESTree.Node>,
    ): TSESTree.Node {
      const expr = unwrap(node);
      return expr.type === AST_NODE_TYPES.Identifier ? (substitute.get(expr.name) ?? node) : node;
    }

    // ---- routines -----------------------------------------------------------------------------

    function functionOf(node: TSESTree.Node): FunctionNode | undefined {
      for (let current = node.parent; current; current = current.parent)
        if (isFunctionNode(current)) return current;
      return undefined;
    }

    function isInlineCallback(fn: FunctionNode): boolean {
      const parent = fn.parent;
      if (
        parent?.type !== AST_NODE_TYPES.CallExpression &&
        parent?.type !== AST_NODE_TYPES.NewExpression
      )
        return false;
      if (!parent.arguments.includes(fn as TSESTree.Expression)) return false;
      const name = calleeName(parent.callee);
      return name !== undefined && INLINE_CALLBACK_CALLS.has(name) && functionOf(fn) !== undefined;
    }

    /** The routine a node belongs to: its function, looking through loop and promise callbacks. */
    function routineOf(node: TSESTree.Node): Routine {
      let fn = isFunctionNode(node) ? node : functionOf(node);
      while (fn && isInlineCallback(fn)) fn = functionOf(fn);
      return fn ?? sourceCode.ast;
    }

    function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
      return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
    }

    /** tmp-promise `withFile`/`withDir` remove what their callback writes, whatever happens. */
    function insideTmpScope(node: TSESTree.Node): boolean {
      for (let current = node.parent; current; current = current.parent) {
        if (
          isFunctionNode(current) &&
          current.parent?.type === AST_NODE_TYPES.CallExpression &&
          /^(?:withFile|withDir)$/.test(calleeName(current.parent.callee) ?? '')
        )
          return true;
      }
      return false;
    }

    /** The local function a call runs: `cleanup(p)`, `this.purge(p)`. */
    function localFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const def = resolveVariable(scopeOf(callee), callee)?.defs[0];
        if (def?.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
        if (def?.type === 'Variable' && def.node.init) {
          const init = unwrap(def.node.init);
          if (isFunctionNode(init)) return init;
        }
        return undefined;
      }
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.ThisExpression
      ) {
        const name = propertyName(callee);
        for (
          let current: TSESTree.Node | undefined = call.parent;
          current;
          current = current.parent
        ) {
          if (current.type !== AST_NODE_TYPES.ClassBody) continue;
          for (const member of current.body) {
            if (
              (member.type === AST_NODE_TYPES.MethodDefinition ||
                member.type === AST_NODE_TYPES.PropertyDefinition) &&
              keyName(member) === name &&
              member.value &&
              isFunctionNode(member.value)
            )
              return member.value;
          }
          return undefined;
        }
      }
      return undefined;
    }

    interface Reach {
      deletion: Deletion;
      /** Where the deletion happens in the staging routine: itself, or the call that reaches it. */
      at: TSESTree.Node;
      substitute: Map<string, TSESTree.Node>;
    }

    function reachable(
      routine: Routine,
      all: Deletion[],
      at?: TSESTree.Node,
      substitute = new Map<string, TSESTree.Node>(),
      seen = new Set<Routine>(),
    ): Reach[] {
      if (seen.has(routine) || seen.size > 4) return [];
      seen.add(routine);
      const result: Reach[] = [];
      for (const deletion of all) {
        if (!within(deletion.node, routine) || !directlyIn(deletion.node, routine)) continue;
        result.push({ deletion, at: at ?? deletion.node, substitute });
      }
      for (const call of calls) {
        if (call.type !== AST_NODE_TYPES.CallExpression || !within(call, routine)) continue;
        if (!directlyIn(call, routine)) continue;
        const fn = localFunction(call);
        if (!fn || fn === routine) continue;
        const inner = new Map(substitute);
        fn.params.forEach((param, index) => {
          const arg = call.arguments[index];
          if (param.type === AST_NODE_TYPES.Identifier && arg)
            inner.set(param.name, substituted(arg, substitute));
        });
        result.push(...reachable(fn, all, at ?? call, inner, seen));
      }
      return result;
    }

    /** In the routine itself or in callbacks it registers, not in a separate function it declares. */
    function directlyIn(node: TSESTree.Node, routine: Routine): boolean {
      for (let fn = functionOf(node); fn && fn !== routine; fn = functionOf(fn)) {
        const parent = fn.parent;
        const isCallback =
          (parent?.type === AST_NODE_TYPES.CallExpression ||
            parent?.type === AST_NODE_TYPES.NewExpression) &&
          parent.arguments.includes(fn as TSESTree.Expression);
        if (!isCallback) return false;
      }
      return true;
    }

    /** A deletion that runs whether or not the transfer succeeds. */
    function alwaysRuns(at: TSESTree.Node, routine: Routine, staging: Staging): boolean {
      let child: TSESTree.Node = at;
      for (let current = at.parent; current && current !== routine; current = current.parent) {
        if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child)
          return true;
        if (
          isFunctionNode(child) &&
          current.type === AST_NODE_TYPES.CallExpression &&
          current.arguments.includes(child as TSESTree.Expression)
        ) {
          const name = calleeName(current.callee);
          if (name === 'finally') return true;
          const event = current.arguments[0];
          if (
            (name === 'on' || name === 'once') &&
            event?.type === AST_NODE_TYPES.Literal &&
            typeof event.value === 'string' &&
            ALWAYS_EVENTS.has(event.value)
          )
            return true;
        }
        child = current;
      }
      // Scheduled before the data is even written: nothing can skip it.
      return at.range[1] <= staging.node.range[0];
    }

    function inCatch(at: TSESTree.Node, routine: Routine): boolean {
      let child: TSESTree.Node = at;
      for (let current = at.parent; current && current !== routine; current = current.parent) {
        if (current.type === AST_NODE_TYPES.CatchClause && current.body === child) return true;
        child = current;
      }
      return false;
    }

    function isCallbackAt(at: TSESTree.Node, routine: Routine): boolean {
      const fn = functionOf(at);
      return fn !== undefined && fn !== routine && within(fn, routine);
    }

    type Verdict = 'deleted' | 'successOnly' | 'missing';

    function verdict(staging: Staging, routine: Routine, deletions: Deletion[]): Verdict {
      if (staging.expires) return 'deleted';
      const reaches = reachable(routine, deletions).filter(
        ({ deletion, at, substitute }) =>
          matches(deletion, staging, substitute) &&
          (deletion.helper ||
            at === staging.node ||
            at.range[0] >= staging.node.range[1] ||
            isCallbackAt(at, routine) ||
            deletion.owner !== undefined),
      );
      for (const deletion of deletions)
        if (deletion.tmpGlobal && matches(deletion, staging, new Map())) return 'deleted';
      if (!reaches.length) return 'missing';
      if (reaches.some(({ at }) => alwaysRuns(at, routine, staging))) return 'deleted';
      const caught = reaches.filter(({ at }) => inCatch(at, routine));
      if (caught.length && caught.length < reaches.length) return 'deleted';
      return 'successOnly';
    }

    // ---- fixes --------------------------------------------------------------------------------

    interface DeletionText {
      statement: string;
      imports: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | undefined;
    }

    function isAsync(routine: Routine): boolean {
      return routine.type !== AST_NODE_TYPES.Program && routine.async;
    }

    function deletionText(staging: Staging, routine: Routine): DeletionText | undefined {
      const plan = staging.fix;
      const awaitWord = isAsync(routine) ? 'await ' : '';
      if (!plan) return undefined;
      switch (plan.sink) {
        case 'file': {
          if (!staging.target || !simpleExpression(staging.target)) return undefined;
          const path = sourceCode.getText(staging.target);
          const sync = !isAsync(routine);
          const binding = fsBinding(sync, staging.node);
          if (!binding) return undefined;
          return {
            statement: `${sync ? '' : 'await '}${binding.call}(${path}, { force: true });`,
            imports: binding.imports,
          };
        }
        case 'table': {
          const sql = `DROP TABLE IF EXISTS ${staging.table ? tableSpelling(staging) : ''}`;
          if (!staging.table) return undefined;
          return {
            statement: plan.tagged
              ? `${awaitWord}${plan.call}\`${sql}\`;`
              : `${awaitWord}${plan.call}('${sql}');`,
            imports: () => [],
          };
        }
        case 's3v3': {
          if (!simpleExpression(plan.bucket) || !simpleExpression(plan.key)) return undefined;
          const binding = namedBinding('DeleteObjectCommand', '@aws-sdk/client-s3', staging.node);
          if (!binding) return undefined;
          return {
            statement: `${awaitWord}${plan.client}.send(new ${binding.call}({ ${prop('Bucket', plan.bucket)}, ${prop('Key', plan.key)} }));`,
            imports: binding.imports,
          };
        }
        case 's3v2':
          if (!simpleExpression(plan.bucket) || !simpleExpression(plan.key)) return undefined;
          return {
            statement: `${awaitWord}${plan.client}.deleteObject({ ${prop('Bucket', plan.bucket)}, ${prop('Key', plan.key)} }).promise();`,
            imports: () => [],
          };
        case 'gcs':
          if (!simpleExpression(plan.file)) return undefined;
          return {
            statement: `${awaitWord}${sourceCode.getText(plan.file)}.delete({ ignoreNotFound: true });`,
            imports: () => [],
          };
        default:
          return undefined;
      }
    }

    function tableSpelling(staging: Staging): string {
      const sql = sqlNodes.find((entry) => entry.node === staging.node);
      const statements: SqlStatement[] = sql
        ? (getModel().provenance.sqlOf(sql.sql)?.statements ?? [])
        : [];
      return (
        statements.find((s) => s.target && normalTable(s.target) === staging.table)?.target ??
        staging.table!
      );
    }

    function prop(key: string, value: TSESTree.Node): string {
      const valueText = sourceCode.getText(value);
      return valueText === key ? key : `${key}: ${valueText}`;
    }

    /** Expressions safe to evaluate again in a `finally`: names, members, literals, path joins. */
    function simpleExpression(node: TSESTree.Node, depth = 0): boolean {
      if (depth > 6) return false;
      const expr = unwrap(node);
      switch (expr.type) {
        case AST_NODE_TYPES.Identifier:
        case AST_NODE_TYPES.Literal:
        case AST_NODE_TYPES.ThisExpression:
          return true;
        case AST_NODE_TYPES.MemberExpression:
          return !expr.computed && simpleExpression(expr.object, depth + 1);
        case AST_NODE_TYPES.TemplateLiteral:
          return expr.expressions.every((e) => simpleExpression(e, depth + 1));
        case AST_NODE_TYPES.BinaryExpression:
          return (
            expr.operator === '+' &&
            simpleExpression(expr.left, depth + 1) &&
            simpleExpression(expr.right, depth + 1)
          );
        case AST_NODE_TYPES.CallExpression: {
          const name = calleeName(expr.callee);
          // Path joins and GCS handles (`bucket(b).file(k)`) only build references.
          return (
            (name === 'join' ||
              name === 'resolve' ||
              name === GCS_OBJECT.bucket ||
              name === GCS_OBJECT.file) &&
            expr.arguments.every((a) => simpleExpression(a, depth + 1))
          );
        }
        default:
          return false;
      }
    }

    interface Binding {
      call: string;
      imports: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | undefined;
    }

    function visibleVariable(name: string, at: TSESTree.Node): TSESLint.Scope.Variable | undefined {
      for (let scope: TSESLint.Scope.Scope | null = scopeOf(at); scope; scope = scope.upper) {
        const variable = scope.set.get(name);
        if (variable) return variable;
      }
      return undefined;
    }

    function importSource(
      variable: TSESLint.Scope.Variable,
    ): { module: string; imported?: string } | undefined {
      const def = variable.defs[0];
      if (def?.type === 'ImportBinding') {
        const declaration = def.parent as TSESTree.ImportDeclaration;
        const spec = def.node;
        return {
          module: String(declaration.source.value),
          imported:
            spec.type === AST_NODE_TYPES.ImportSpecifier
              ? spec.imported.type === AST_NODE_TYPES.Identifier
                ? spec.imported.name
                : String(spec.imported.value)
              : undefined,
        };
      }
      if (def?.type === 'Variable' && def.node.init) {
        const init = unwrap(def.node.init);
        if (
          init.type === AST_NODE_TYPES.CallExpression &&
          init.callee.type === AST_NODE_TYPES.Identifier &&
          init.callee.name === 'require' &&
          init.arguments[0]?.type === AST_NODE_TYPES.Literal
        ) {
          const module = String(init.arguments[0].value);
          if (def.node.id.type === AST_NODE_TYPES.Identifier) return { module };
          if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
            for (const p of def.node.id.properties)
              if (
                p.type === AST_NODE_TYPES.Property &&
                p.value.type === AST_NODE_TYPES.Identifier &&
                p.value.name === variable.name
              )
                return { module, imported: keyName(p) };
          }
        }
      }
      return undefined;
    }

    /** How to call `rm`/`rmSync` at a place, and the import it needs. */
    function fsBinding(sync: boolean, at: TSESTree.Node): Binding | undefined {
      const fn = sync ? 'rmSync' : 'rm';
      const modules = sync ? ['node:fs', 'fs', 'fs-extra'] : ['node:fs/promises', 'fs/promises'];
      const existing = visibleVariable(fn, at);
      if (existing) {
        const source = importSource(existing);
        return source && modules.includes(source.module) && source.imported === fn
          ? { call: fn, imports: () => [] }
          : undefined;
      }
      return namedBinding(fn, modules[0]!, at, modules);
    }

    /** Adds a named import (or destructured require) of `name` from `module`, reusing an existing one. */
    function namedBinding(
      name: string,
      module: string,
      at: TSESTree.Node,
      modules: string[] = [module],
    ): Binding | undefined {
      const existing = visibleVariable(name, at);
      if (existing) {
        const source = importSource(existing);
        return source && modules.includes(source.module) && source.imported === name
          ? { call: name, imports: () => [] }
          : undefined;
      }
      if (!sourceCode.ast.body[0]) return undefined;
      return {
        call: name,
        imports: (fixer) =>
          addNamedImport(fixer, sourceCode, context.filename, {
            name,
            from: module,
            sameModule: modules,
            at,
          }),
      };
    }

    /** Wraps the rest of the block from the staging statement in `try { … } finally { <deletion> }`. */
    function wrapFix(
      staging: Staging,
      routine: Routine,
      deletion: DeletionText,
    ): TSESLint.ReportFixFunction | undefined {
      if (routine.type === AST_NODE_TYPES.Program) return undefined;
      let statement: TSESTree.Node | undefined;
      let block: TSESTree.BlockStatement | undefined;
      for (let child: TSESTree.Node = staging.node; child.parent; child = child.parent) {
        const parent = child.parent;
        if (parent.type === AST_NODE_TYPES.BlockStatement && routineOf(parent) === routine) {
          if (functionOf(parent) === routine || parent === routine.body) {
            statement = child;
            block = parent;
            break;
          }
        }
        if (parent === routine) break;
      }
      if (!statement || !block) return undefined;
      const index = block.body.indexOf(statement as TSESTree.Statement);
      if (index < 0) return undefined;
      const wrapped = block.body.slice(index);
      if (!finishesBeforeFinally(staging, routine, statement, wrapped)) return undefined;
      if (
        wrapped.some(
          (s) =>
            s.type === AST_NODE_TYPES.FunctionDeclaration ||
            s.type === AST_NODE_TYPES.ClassDeclaration ||
            s.type.startsWith('TS'),
        )
      )
        return undefined;
      const start = wrapped[0]!.range[0];
      const end = wrapped[wrapped.length - 1]!.range[1];
      // Names declared in the wrapped part must not be used after it, nor by the deletion.
      for (const s of wrapped) {
        if (s.type !== AST_NODE_TYPES.VariableDeclaration) continue;
        for (const variable of sourceCode.getDeclaredVariables(s)) {
          if (
            variable.references.some(
              (r) => r.identifier.range[0] > block!.range[1] || r.identifier.range[0] < start,
            )
          )
            return undefined;
        }
      }
      const usedByDeletion = staging.fix?.sink === 'table' ? [] : deletionTargets(staging);
      for (const node of usedByDeletion) {
        for (const id of identifiersIn(node)) {
          const def = resolveVariable(scopeOf(id), id)?.defs[0];
          if (def && def.name.range[0] >= start && def.name.range[0] <= end) return undefined;
        }
      }
      const lineStart =
        start -
        sourceCode.lines[wrapped[0]!.loc.start.line - 1]!.slice(0, wrapped[0]!.loc.start.column)
          .length;
      const indent = sourceCode.lines[wrapped[0]!.loc.start.line - 1]!.slice(
        0,
        wrapped[0]!.loc.start.column,
      );
      if (indent.trim() !== '') return undefined;
      // Keep comments between the last statement and the block's closing brace inside the try.
      const closing = block.range[1] - 1;
      const tail = sourceCode.text.slice(end, closing);
      const tailEnd = end + tail.trimEnd().length;
      const body = reindent(lineStart, tailEnd);
      const replacement = `${indent}try {\n${body}\n${indent}} finally {\n${indent}  ${deletion.statement}\n${indent}}`;
      return (fixer) => {
        const imports = deletion.imports(fixer);
        if (!imports) return null;
        return [...imports, fixer.replaceTextRange([lineStart, tailEnd], replacement)];
      };
    }

    /**
     * The `finally` must not run while the data is still being written or sent: in a plain
     * function only synchronous writes qualify; in an async one the write must be awaited (or be
     * a stream the routine awaits later) and no `return` may hand back a pending promise.
     */
    function finishesBeforeFinally(
      staging: Staging,
      routine: FunctionNode,
      statement: TSESTree.Node,
      wrapped: TSESTree.Statement[],
    ): boolean {
      if (!routine.async) return staging.sync === true;
      if (!staging.sync && !staging.stream) {
        let awaited = false;
        for (let node: TSESTree.Node | undefined = staging.node; node; node = node.parent) {
          if (node.type === AST_NODE_TYPES.AwaitExpression) awaited = true;
          if (node === statement) break;
        }
        if (!awaited) return false;
      }
      let pending = false;
      const visit = (node: TSESTree.Node) => {
        if (pending || isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
          const value = unwrap(node.argument);
          if (
            value.type === AST_NODE_TYPES.CallExpression ||
            value.type === AST_NODE_TYPES.NewExpression ||
            value.type === AST_NODE_TYPES.ConditionalExpression ||
            value.type === AST_NODE_TYPES.LogicalExpression
          )
            pending = true;
        }
        forEachChild(node, visit);
      };
      for (const s of wrapped) visit(s);
      return !pending;
    }

    function deletionTargets(staging: Staging): TSESTree.Node[] {
      const plan = staging.fix;
      if (!plan) return [];
      if (plan.sink === 's3v3' || plan.sink === 's3v2') return [plan.bucket, plan.key];
      if (plan.sink === 'gcs') return [plan.file];
      return staging.target ? [staging.target] : [];
    }

    function identifiersIn(node: TSESTree.Node): TSESTree.Identifier[] {
      const found: TSESTree.Identifier[] = [];
      const visit = (n: TSESTree.Node) => {
        if (n.type === AST_NODE_TYPES.Identifier) {
          const parent = n.parent;
          if (
            parent?.type === AST_NODE_TYPES.MemberExpression &&
            parent.property === n &&
            !parent.computed
          )
            return;
          found.push(n);
          return;
        }
        forEachChild(n, visit);
      };
      visit(node);
      return found;
    }

    /** Indents every line of a range by two spaces, except lines that start inside a template literal. */
    function reindent(start: number, end: number): string {
      const templates = sourceCode.ast.tokens
        .filter((t) => t.type === 'Template' && t.range[1] > start && t.range[0] < end)
        .map((t) => t.range);
      const raw = sourceCode.text.slice(start, end);
      let offset = start;
      return raw
        .split('\n')
        .map((line) => {
          const lineOffset = offset;
          offset += line.length + 1;
          const insideTemplate = templates.some(([a, b]) => a < lineOffset && lineOffset < b);
          return insideTemplate || line.trim() === '' ? line : `  ${line}`;
        })
        .join('\n');
    }

    // ---- bulk copies into a target system -----------------------------------------------------

    /** One step of a receiver chain, with the names that may say which model or table it is. */
    interface Segment {
      text: string;
      names: string[];
    }

    /** A bulk insert of rows read from one system into another client or model. */
    interface BulkCopy {
      node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
      data: string;
      target: string;
      targetKey: string[];
      sourceChain: string[];
      sourceKey: string[];
      sourceTables: string[];
      source: string;
    }

    /** What a call or SQL tag runs on, from its root: `target.patient`, `client.db('new_lis')`. */
    function receiverChain(node: TSESTree.Node): Segment[] | undefined {
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.TaggedTemplateExpression) return chainOf(expr.tag, 0);
      if (expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = unwrap(expr.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression
        ? chainOf(callee.object, 0)
        : undefined;
    }

    function chainOf(node: TSESTree.Node, depth: number): Segment[] | undefined {
      const segments: Segment[] = [];
      let current = unwrap(node);
      for (let guard = 0; guard < 32; guard++) {
        if (current.type === AST_NODE_TYPES.MemberExpression) {
          const prop = propertyName(current);
          segments.push({
            text:
              prop !== undefined && !current.computed ? `.${prop}` : `[${flat(current.property)}]`,
            names: prop ? [prop] : [],
          });
          current = unwrap(current.object);
        } else if (current.type === AST_NODE_TYPES.CallExpression) {
          const first = current.arguments[0] && unwrap(current.arguments[0]);
          const names =
            first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
              ? [first.value]
              : first?.type === AST_NODE_TYPES.Identifier
                ? [first.name]
                : [];
          segments.push({ text: `(${current.arguments.map(flat).join(',')})`, names });
          current = unwrap(current.callee);
        } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
          current = unwrap(current.argument);
        } else if (current.type === AST_NODE_TYPES.Identifier) {
          const alias = depth < 4 ? aliasOf(current) : undefined;
          const root = alias
            ? chainOf(alias, depth + 1)
            : [{ text: current.name, names: [current.name] }];
          return root && [...root, ...segments.reverse()];
        } else {
          // `this`, `new DataSource(cfg)`: the root as written.
          return [{ text: flat(current), names: [] }, ...segments.reverse()];
        }
      }
      return undefined;
    }

    function flat(node: TSESTree.Node): string {
      return sourceCode.getText(node).replace(/\s+/g, '');
    }

    /**
     * A const bound to a handle taken from another one (`const repo = target.getRepository(Patient)`,
     * `const db = client.db('new_lis')`); factories (`knex(cfg)`, `new PrismaClient()`) make new roots.
     */
    function aliasOf(id: TSESTree.Identifier): TSESTree.Node | undefined {
      const def = resolveVariable(scopeOf(id), id)?.defs[0];
      if (
        def?.type !== 'Variable' ||
        def.parent?.kind !== 'const' ||
        def.node.id.type !== AST_NODE_TYPES.Identifier ||
        !def.node.init
      )
        return undefined;
      let init = unwrap(def.node.init);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
      if (init.type === AST_NODE_TYPES.MemberExpression) return init;
      if (
        init.type === AST_NODE_TYPES.CallExpression &&
        unwrap(init.callee).type === AST_NODE_TYPES.MemberExpression
      )
        return init;
      return undefined;
    }

    /**
     * The client part of a chain: what comes before its patient model or table and the method
     * selecting it (`target` in `target.patient`, `client.db('old_lis')` in
     * `client.db('old_lis').collection('patients')`), or the model itself when it is the root.
     */
    function clientKey(chain: Segment[]): string[] {
      let index = chain.findIndex((s) =>
        s.names.some((n) => getModel().provenance.isPatientTable(n)),
      );
      if (index < 0) return chain.map((s) => s.text);
      if (
        index >= 2 &&
        chain[index]!.text.startsWith('(') &&
        chain[index - 1]!.text.startsWith('.')
      )
        index -= 1;
      return chain.slice(0, Math.max(index, 1)).map((s) => s.text);
    }

    /** One chain is the other or leads to it: the same client, database or model. */
    function sameSystem(a: string[], b: string[]): boolean {
      const [short, long] = a.length <= b.length ? [a, b] : [b, a];
      return short.every((text, index) => long[index] === text);
    }

    /** `patients`, `"Patient"`, `old_patients` and `OldPatient` name the same table. */
    function sameTable(a: string, b: string): boolean {
      const norm = (t: string) =>
        normalTable(t)
          .replace(/[^a-z0-9]/g, '')
          .replace(/s$/, '');
      return norm(a) === norm(b);
    }

    /** The rows a bulk insert writes, and how its message names the place it writes them to. */
    function bulkInsert(
      call: TSESTree.CallExpression,
    ): { values: TSESTree.Node[]; target: string } | undefined {
      const name = calleeName(call.callee);
      const callee = unwrap(call.callee);
      const write = name ? RECORD_WRITES.get(name) : undefined;
      if (!write?.bulk || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      // A statement builder passed to a driver (`db.none(pgp.helpers.insert(rows, cs))`) writes nothing itself.
      const parent = call.parent;
      if (
        (parent?.type === AST_NODE_TYPES.CallExpression ||
          parent?.type === AST_NODE_TYPES.NewExpression) &&
        parent.arguments.includes(call)
      )
        return undefined;
      const args = call.arguments.filter(
        (a): a is TSESTree.Expression => a.type !== AST_NODE_TYPES.SpreadElement,
      );
      if (!args.length) return undefined;
      if (name === 'save') {
        // Google Cloud Storage `bucket(b).file(k).save(data)` uploads an object: not a table.
        const chain = receiverChain(call);
        if (chain && chain.length >= 2 && chain[chain.length - 2]!.text === `.${GCS_OBJECT.file}`)
          return undefined;
      }
      const receiver = describeLiteralForMessage(sourceCode.getText(callee.object), 60);
      if (write.tableFirst) {
        const table = staticString(args[0]!, scopeOf);
        return {
          values: args.slice(1),
          target: table ? `\`${table.text}\` through \`${receiver}\`` : `\`${receiver}\``,
        };
      }
      // Prisma `createMany({ data })`, or the rows themselves.
      const data = write.rowsKey ? findProperty(args[0], write.rowsKey)?.value : undefined;
      return { values: data ? [data] : args, target: `\`${receiver}\`` };
    }

    /** `INSERT … VALUES` run through a driver or SQL tag, with the values it is given. */
    function sqlInsert(
      entry: (typeof sqlNodes)[number],
    ): { values: TSESTree.Node[]; target: string } | undefined {
      let sqlExpr = unwrap(entry.sql);
      let values: TSESTree.Node[] =
        entry.node.type === AST_NODE_TYPES.CallExpression ? entry.node.arguments.slice(1) : [];
      let sql = getModel().provenance.sqlOf(sqlExpr);
      if (!sql && sqlExpr.type === AST_NODE_TYPES.CallExpression && sqlExpr.arguments[0]) {
        // pg-format and friends: `format('INSERT INTO patients … VALUES %L', rows)`.
        values = sqlExpr.arguments.slice(1);
        sqlExpr = sqlExpr.arguments[0];
        sql = getModel().provenance.sqlOf(sqlExpr);
      }
      if (entry.tagged && sqlExpr.type === AST_NODE_TYPES.TemplateLiteral)
        values = sqlExpr.expressions;
      const statement = sql?.statements.find(
        (s) => s.kind === 'insert' && s.selects.length === 0 && s.target,
      );
      if (!statement?.target || !values.length) return undefined;
      const through =
        entry.node.type === AST_NODE_TYPES.TaggedTemplateExpression
          ? entry.node.tag
          : entry.node.type === AST_NODE_TYPES.CallExpression &&
              entry.node.callee.type === AST_NODE_TYPES.MemberExpression
            ? entry.node.callee.object
            : undefined;
      if (!through) return undefined;
      return {
        values,
        target: `\`${describeLiteralForMessage(statement.target)}\` through \`${text(through)}\``,
      };
    }

    /** A bulk insert whose rows come from a patient read on another client or model. */
    function bulkCopy(
      node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
      insert: { values: TSESTree.Node[]; target: string },
    ): BulkCopy | undefined {
      const targetChain = receiverChain(node);
      if (!targetChain) return undefined;
      const targetKey = clientKey(targetChain);
      for (const value of insert.values) {
        if (value.type === AST_NODE_TYPES.SpreadElement) continue;
        const found = readBehind(value);
        if (!found) continue;
        const { at, read, taint } = found;
        const sourceChain = receiverChain(at);
        if (!sourceChain) continue;
        const sourceKey = clientKey(sourceChain);
        // A copy inside one system is a staging table's business, not a migration.
        if (sameSystem(sourceKey, targetKey)) return undefined;
        const client = sourceKey.join('');
        const tables = [...new Set(read.tables)];
        const named = tables.map((t) => `\`${describeLiteralForMessage(t)}\``).join(', ');
        return {
          node,
          data: described(taint),
          target: insert.target,
          targetKey,
          sourceChain: sourceChain.map((s) => s.text),
          sourceKey,
          sourceTables: tables,
          source:
            tables.length === 1 && tables[0] === client
              ? named
              : `${named} in \`${describeLiteralForMessage(client)}\``,
        };
      }
      return undefined;
    }

    /** The patient read a value's rows come from, along its taint or, failing that, its definitions. */
    function readBehind(
      value: TSESTree.Node,
    ): { at: TSESTree.Node; read: PatientRead; taint: Taint } | undefined {
      const taint = getModel().provenance.trace(value);
      if (!taint) return undefined;
      for (const at of [taint.source, ...taint.steps]) {
        const read = getModel().provenance.patientRead(at);
        if (read) return { at, read, taint };
      }
      // A variable named after its content (`dossiers`) is a taint source itself: look behind it.
      let current: TSESTree.Node | undefined = unwrap(value);
      for (let depth = 0; current && depth < 8; depth++) {
        const read = getModel().provenance.patientRead(current);
        if (read) {
          const own = getModel().provenance.trace(current);
          return own ? { at: current, read, taint: own } : undefined;
        }
        if (current.type === AST_NODE_TYPES.Identifier) {
          const def: TSESLint.Scope.Definition | undefined = resolveVariable(
            scopeOf(current),
            current,
          )?.defs[0];
          current = def?.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
        } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
          current = unwrap(current.argument);
        } else if (current.type === AST_NODE_TYPES.MemberExpression) {
          current = unwrap(current.object);
        } else if (
          current.type === AST_NODE_TYPES.CallExpression &&
          current.callee.type === AST_NODE_TYPES.MemberExpression
        ) {
          // `rows.map(toTarget)`, `docs.slice(0, n)`: the same records, reshaped.
          current = unwrap(current.callee.object);
        } else {
          current = undefined;
        }
      }
      return undefined;
    }

    /** ORM removals of a model's rows: `source.patient.deleteMany()`, `OldPatient.destroy(…)`. */
    function ormDeletion(call: TSESTree.CallExpression): Deletion | undefined {
      const name = calleeName(call.callee);
      const removal = name ? RECORD_DELETES.get(name) : undefined;
      if (!removal) return undefined;
      if (unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const first = call.arguments[0];
      const named = removal.tableFirst && first ? staticString(first, scopeOf)?.text : undefined;
      const table = named ?? getModel().provenance.modelInChain(call.callee);
      return { node: call, kinds: ['table'], table, recursive: false, helper: false };
    }

    /** A removal or scheduled purge of the copied source, not of the target. */
    function purgesSource(deletion: Deletion, copy: BulkCopy): boolean {
      if (deletion.helper) return true;
      if (!deletion.kinds.includes('table')) return false;
      const chain = receiverChain(deletion.node);
      const key = chain && clientKey(chain);
      if (key && sameSystem(key, copy.targetKey) && !sameSystem(key, copy.sourceKey)) return false;
      if (deletion.table !== undefined)
        return copy.sourceTables.some((t) => sameTable(t, deletion.table!));
      // `legacyRepo.clear()`: the very handle the rows were read from.
      return chain !== undefined && chain.map((s) => s.text).join('') === copy.sourceChain.join('');
    }

    function reportBulkCopies() {
      const copies: BulkCopy[] = [];
      const ormDeletions: Deletion[] = [];
      // GCS `file(k).save(data)` and its kin are staging writes, reported as such.
      const staged = new Set(candidates.map((c) => c.node));
      for (const call of calls) {
        if (call.type !== AST_NODE_TYPES.CallExpression) continue;
        const removal = ormDeletion(call);
        if (removal) ormDeletions.push(removal);
        const insert = staged.has(call) ? undefined : bulkInsert(call);
        if (!insert || !inExportContext(call)) continue;
        const copy = bulkCopy(call, insert);
        if (copy) copies.push(copy);
      }
      for (const entry of sqlNodes) {
        if (
          entry.node.type !== AST_NODE_TYPES.CallExpression &&
          entry.node.type !== AST_NODE_TYPES.TaggedTemplateExpression
        )
          continue;
        const insert = sqlInsert(entry);
        if (!insert || !inExportContext(entry.node)) continue;
        const copy = bulkCopy(entry.node, insert);
        if (copy) copies.push(copy);
      }
      const all = [...deletions, ...ormDeletions];
      for (const copy of copies) {
        const routine = routineOf(copy.node);
        if (reachable(routine, all).some(({ deletion }) => purgesSource(deletion, copy))) continue;
        const routineName =
          (routine.type === AST_NODE_TYPES.Program ? undefined : functionName(routine)) ??
          getModel().exportContextOf(copy.node)?.name ??
          'this code';
        context.report({
          node: copy.node,
          messageId: 'sourceKeptAfterBulkCopy',
          data: { routine: routineName, data: copy.data, target: copy.target, source: copy.source },
        });
        noteRelated(context, copy.node, provenanceByData.get(copy.data) ?? []);
      }
    }

    // ---- traversal ----------------------------------------------------------------------------

    const candidates: Staging[] = [];
    const deletions: Deletion[] = [];

    function inExportContext(node: TSESTree.Node): boolean {
      return getModel().exportContextOf(node) !== undefined;
    }

    return {
      'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
        calls.push(node);
        const name = calleeName(node.callee);
        if (!name) return;
        if (node.type === AST_NODE_TYPES.CallExpression && SQL_RUNNER_METHODS.has(name)) {
          const first = node.arguments[0];
          if (first && first.type !== AST_NODE_TYPES.SpreadElement)
            sqlNodes.push({
              node,
              sql: first,
              call: sourceCode.getText(node.callee),
              tagged: false,
            });
        }
      },
      TaggedTemplateExpression(node) {
        if (isTaggedSql(node))
          sqlNodes.push({
            node,
            sql: node.quasi,
            call: sourceCode.getText(node.tag),
            tagged: true,
          });
      },
      'Program:exit'() {
        for (const call of calls) {
          deletions.push(...deletionsOf(call));
          const staging =
            call.type === AST_NODE_TYPES.CallExpression
              ? (fileStaging(call) ?? dumpStaging(call) ?? objectStaging(call))
              : objectStaging(call);
          if (staging && inExportContext(call)) candidates.push(staging);
        }
        for (const entry of sqlNodes) {
          deletions.push(...sqlDeletions(entry.sql, entry.node));
          if (!inExportContext(entry.node)) continue;
          candidates.push(...sqlStagings(entry.node, entry.sql, entry.call, entry.tagged));
        }
        for (const staging of candidates) {
          if (insideTmpScope(staging.node)) continue;
          const routine = routineOf(staging.node);
          if (staging.source) {
            if (!reportSourceMigration) continue;
            const purged = reachable(routine, deletions).some(
              ({ deletion }) =>
                deletion.helper ||
                (deletion.kinds.includes('table') &&
                  (deletion.table === undefined ||
                    staging.source!.tables.some((t) => normalTable(t) === deletion.table))),
            );
            if (!purged) {
              const data = staging.data();
              if (data) report(staging, routine, 'sourceNotPurged', data);
            }
            continue;
          }
          const result = verdict(staging, routine, deletions);
          if (result === 'deleted') continue;
          if (result === 'successOnly' && !requireDeletionOnFailure) continue;
          const data = staging.data();
          if (!data) continue;
          report(
            staging,
            routine,
            result === 'missing' ? 'notDeleted' : 'deletedOnlyOnSuccess',
            data,
          );
        }
        if (reportSourceMigration) reportBulkCopies();
      },
    };
  },
});

function normalTable(name: string): string {
  return (name.split('.').pop() ?? name).replace(/["`[\]]/g, '').toLowerCase();
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}
