import { basename } from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  describeLiteralForMessage,
  type FieldWrite,
  type HealthModel,
  healthModel,
  inInventedCode,
  MAX_QUOTED_CODE_LENGTH,
  type ImportedHelper,
  type ModuleSource,
  AST_NODE_TYPES,
  unwrap,
  type ObjectArgument,
  ormFieldWrites,
  provenanceRelated,
  specialCategoryField,
  sqlFieldWrites,
  type StorageWrite,
  StorageWrites,
  storedInClear,
  type PatientUpload,
  patientUploads,
  type Taint,
  wrappedStorageWrite,
  writesTestFixture,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';
import { acceptsTypeScript } from '../fix/imports';
import { configuredHelper, partsToWrap, wrapWithHelper } from '../fix/wrap';
import { removableStatement, removeStatement } from '../fix/statements';
import { addProperty } from '../fix/properties';

type Options = [{ checkDatabaseWrites?: boolean }];
type MessageIds =
  | 'fileWrite'
  | 'browserStorage'
  | 'cacheWrite'
  | 'objectStorage'
  | 'databaseField'
  | 'uploadToDisk'
  | 'uploadPublic'
  | 'uploadToBucket'
  | 'wrapInEncryption'
  | 'addServerSideEncryption'
  | 'removeBrowserWrite';

const MESSAGE_OF_FAMILY = {
  file: 'fileWrite',
  browser: 'browserStorage',
  cache: 'cacheWrite',
  object: 'objectStorage',
} as const satisfies Record<StorageWrite['family'], MessageIds>;

/** Longest description of the data written: the sink and the store share the 120 characters. */
const MAX_DATA_LENGTH = 40;

/** A sink as a message quotes it: `tx.objectStore('labResults').put` is cut. */
function quotedSink(name: string): string {
  return describeLiteralForMessage(name, MAX_QUOTED_CODE_LENGTH);
}

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
      fileWrite: '`{{sink}}` writes {{data}} to a file unencrypted.',
      browserStorage: '`{{sink}}` keeps {{data}} unencrypted in {{store}}.',
      cacheWrite: '`{{sink}}` caches {{data}} unencrypted in {{store}}.',
      objectStorage: '`{{sink}}` uploads {{data}} without encryption.',
      databaseField:
        '`{{sink}}` stores `{{field}}` ({{label}}) in the database without field-level encryption.',
      uploadToDisk: '`{{engine}}` stores files uploaded to {{route}} unencrypted in `{{folder}}`.',
      uploadPublic:
        "`{{engine}}` stores files uploaded to {{route}} readable by anyone (`acl: '{{acl}}'`).",
      uploadToBucket:
        '`{{engine}}` stores files uploaded to {{route}} in a bucket without server-side encryption.',
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
    // Tests, demonstration and synthetic data folders write the records they invent.
    if (inInventedCode(context.filename, context.cwd, healthModel(context).config.testCode))
      return {};
    const sourceCode = context.sourceCode;
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));
    let storage: StorageWrites | undefined;
    const writes = () => (storage ??= new StorageWrites(sourceCode));
    // The writes of the modules whose functions this file calls (sink summaries).
    const otherWrites = new WeakMap<object, StorageWrites>();
    const writesOf = (source: ModuleSource): StorageWrites => {
      if (source === sourceCode) return writes();
      let found = otherWrites.get(source);
      if (!found) otherWrites.set(source, (found = new StorageWrites(source)));
      return found;
    };

    function carries(node: TSESTree.Node): Taint | undefined {
      return getModel().provenance.carriesPatientData(node, ['encrypt']);
    }

    function reportWrite(write: StorageWrite): void {
      let first: { node: TSESTree.Node; taint: Taint } | undefined;
      const tainted: TSESTree.Node[] = [];
      for (const value of write.values) {
        const taint = carries(value);
        if (!taint) continue;
        first ??= { node: value, taint };
        tainted.push(value);
      }
      if (!first) return;
      if (write.encryptedByOptions) return;
      if (writesTestFixture(write, (node) => sourceCode.getScope(node))) return;
      const data = getModel().provenance.describeAt(first.node, first.taint, MAX_DATA_LENGTH);
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const helper = getModel().config.encryption.fix;
      const wrapTargets = write.wrappable ? tainted.filter((n) => write.values.includes(n)) : [];
      if (helper && wrapTargets.length) {
        suggest.push({
          messageId: 'wrapInEncryption',
          data: { helper: helper.name },
          fix: (fixer) => encrypt(fixer, helper, wrapTargets, write.wrapHoles),
        });
      }
      if (write.s3Params) {
        const params = write.s3Params;
        suggest.push({
          messageId: 'addServerSideEncryption',
          fix: (fixer) =>
            addProperty(fixer, sourceCode, params.object, serverSideEncryption(params)),
        });
      }
      if (write.family === 'browser') {
        const statement = removableStatement(sourceCode, first.node);
        if (statement)
          suggest.push({
            messageId: 'removeBrowserWrite',
            fix: (fixer) => removeStatement(fixer, sourceCode, statement),
          });
      }
      report(context, {
        node: write.at ?? first.node,
        messageId: MESSAGE_OF_FAMILY[write.family],
        data: { data, sink: quotedSink(write.name), store: write.store ?? '' },
        suggest,
        related: provenanceRelated(first.taint),
      });
    }

    /** Wraps each value, or the parts of it that carry patient data, in the encryption helper. */
    function encrypt(
      fixer: TSESLint.RuleFixer,
      helper: ImportedHelper,
      targets: TSESTree.Node[],
      holes = false,
    ): TSESLint.RuleFix[] {
      const parts = targets.flatMap((target) =>
        partsToWrap(target, (part) => carries(part) !== undefined, { holes }),
      );
      return wrapWithHelper(
        fixer,
        sourceCode,
        context.filename,
        parts,
        configuredHelper(helper, 'encryption', context),
        targets[0],
      );
    }

    /** `ServerSideEncryption: 'aws:kms'` for the S3 parameters. */
    function serverSideEncryption(params: ObjectArgument): string {
      // A literal in a variable widens to string, which the SDK's enum type refuses; `as const` keeps it.
      const literal =
        !params.inline && acceptsTypeScript(context.filename) ? `'aws:kms' as const` : `'aws:kms'`;
      return `ServerSideEncryption: ${literal}`;
    }

    function reportField(write: FieldWrite): void {
      const cls = specialCategoryField(getModel().classifier, write.field);
      if (!cls || !storedInClear(getModel(), write.value)) return;
      const helper = getModel().config.encryption.fix;
      report(context, {
        node: write.at,
        messageId: 'databaseField',
        data: {
          field: describeLiteralForMessage(write.field, 24),
          label: cls.label,
          sink: quotedSink(write.sink),
        },
        suggest:
          helper && write.located
            ? [
                {
                  messageId: 'wrapInEncryption',
                  data: { helper: helper.name },
                  fix: (fixer) => encrypt(fixer, helper, [write.value]),
                },
              ]
            : [],
        related: provenanceRelated(getModel().provenance.trace(write.value)),
      });
    }

    /** An upload engine that stores what a patient-data route receives in the clear or publicly. */
    function reportUpload({ storage, route }: PatientUpload): void {
      const own = route.file === context.filename;
      const where = `${route.method} ${route.path}${own ? '' : ` in ${basename(route.file)}`}`;
      const data = {
        engine: quotedSink(sourceCode.getText(storage.call.callee)),
        route: describeLiteralForMessage(where, 40),
        folder: storage.folder ? quotedSink(sourceCode.getText(storage.folder)) : '',
        acl: storage.publicAcl ?? '',
      };
      report(context, {
        node: storage.call,
        messageId: storage.folder
          ? 'uploadToDisk'
          : storage.publicAcl
            ? 'uploadPublic'
            : 'uploadToBucket',
        data,
        related: [
          {
            ...(own ? {} : { filename: route.file }),
            loc: { start: { ...route.node.loc.start }, end: { ...route.node.loc.end } },
            message: `${where} serves patient data and stores its uploads here`,
          },
        ],
      });
    }

    /** A project function that writes what it is given: `writeCsv(path, header, patients)`. */
    function checkWrapper(call: TSESTree.CallExpression): void {
      const found = wrappedStorageWrite(getModel().provenance, call, writesOf);
      if (!found) return;
      const { argument, taint, sink: write, callee } = found;
      const name = `${sourceCode.getText(call.callee)}()`;
      report(context, {
        node: argument,
        messageId: MESSAGE_OF_FAMILY[write.family],
        data: {
          data: getModel().provenance.describeAt(argument, taint, MAX_DATA_LENGTH),
          sink: quotedSink(name),
          store: write.store ?? '',
        },
        related: [
          ...provenanceRelated(taint),
          {
            ...(callee.file ? { filename: callee.file } : {}),
            loc: { start: { ...write.values[0]!.loc.start }, end: { ...write.values[0]!.loc.end } },
            message: `\`${name}\` writes it here, with \`${write.name}\``,
          },
        ],
      });
    }

    return {
      CallExpression(node) {
        const write = writes().ofCall(node);
        if (write) {
          reportWrite(write);
          return;
        }
        if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier) checkWrapper(node);
        if (options.checkDatabaseWrites) {
          for (const field of ormFieldWrites(getModel(), node)) reportField(field);
          for (const field of sqlFieldWrites(getModel(), node)) reportField(field);
        }
      },
      NewExpression(node) {
        const write = writes().ofNew(node);
        if (write) reportWrite(write);
      },
      AssignmentExpression(node) {
        const write = writes().ofAssignment(node);
        if (write) reportWrite(write);
      },
      'Program:exit'(program) {
        for (const upload of patientUploads(context.filename, program, sourceCode.text, getModel()))
          reportUpload(upload);
      },
    };
  },
});
