import {
  describeLiteralForMessage,
  type ExportContext,
  healthModel,
  type HealthModel,
  indexSchemas,
  inInventedCode,
  MAX_QUOTED_CODE_LENGTH,
  projectSchemas,
  provenanceRelated,
  type RelatedLocation,
  type SchemaIndex,
  schemasInProgram,
  specialColumns,
  type UnprojectedRead,
  UnprojectedReads,
} from '../model';
import { type ProjectionMessageId, projectionSuggestions } from '../fix/projections';
import { createRule } from '../util/create-rule';
import { report } from '../report';

type Options = [{ reportOutsideExportContext?: boolean }];
type MessageIds = 'selectStar' | 'unprojectedRead' | 'dumpTable' | ProjectionMessageId;

const MESSAGE_OF_KIND = {
  star: 'selectStar',
  orm: 'unprojectedRead',
  dump: 'dumpTable',
} as const satisfies Record<UnprojectedRead['kind'], MessageIds>;

export default createRule<Options, MessageIds>({
  name: 'no-select-star-export',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `SELECT *` and unprojected ORM reads of patient tables in export and migration code',
      preset: 'recommended',
      cnilFinding: 'Far more data extracted than the laboratories requested during the migration',
      references: ['GDPR-5(1)(c)', 'GDPR-29', 'CNIL-SAN-2022-009', 'HIPAA-164.502(b)', 'CWE-359'],
      securitySeverity: 6.5,
      strictOptions: [{ reportOutsideExportContext: true }],
    },
    hasSuggestions: true,
    messages: {
      selectStar:
        '`{{what}}` reads all of `{{table}}`{{special}} {{context}}; list the requested fields.',
      unprojectedRead: '`{{what}}` reads all of `{{table}}`{{special}} {{context}}; {{how}}.',
      dumpTable:
        '`{{what}}` dumps all of `{{table}}`{{special}} {{context}}; export the requested fields only.',
      listColumns: 'List the columns of `{{table}}` explicitly{{optIn}}',
      listPlaceholder:
        'Replace `{{what}}` with a placeholder column list to complete with the requested fields',
      addProjection: 'Add `{{key}}` with the columns of `{{table}}`{{optIn}}',
      addPlaceholderProjection: 'Add a placeholder `{{key}}` to complete with the requested fields',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportOutsideExportContext: {
            type: 'boolean',
            description:
              'Also report `SELECT *` (and explicit `*` in query builders) on patient tables outside export and migration code.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ reportOutsideExportContext: false }],
  create(context, [options]) {
    // Tests and demonstration data read the rows they invented: nothing leaves with them.
    if (inInventedCode(context.filename, context.cwd, healthModel(context).config.testCode))
      return {};
    const sourceCode = context.sourceCode;
    const reportAnywhere = options.reportOutsideExportContext === true;
    let cachedModel: HealthModel | undefined;
    const model = () => (cachedModel ??= healthModel(context));
    let cachedSchemas: SchemaIndex | undefined;
    const schemas = () =>
      (cachedSchemas ??= indexSchemas(
        schemasInProgram(sourceCode.ast, 'this file'),
        projectSchemas(context.filename).tables,
      ));
    const found = new UnprojectedReads({ sourceCode, model, schemas });

    /** ` (nir, hiv_status, …)`: the first special-category columns the read takes. */
    function specialText(read: UnprojectedRead): string {
      const special = specialColumns(read.schema, model().classifier);
      if (special.length === 0) return '';
      const shown = describeLiteralForMessage(special.slice(0, 2).join(', '), 24);
      return ` (${shown}${special.length > 2 && !shown.endsWith('…') ? ', …' : ''})`;
    }

    /** Where the read is: the routine itself is where the finding is, so the message says its kind. */
    function contextText(ctx: ExportContext): string {
      switch (ctx.where) {
        case 'function':
          return 'in an export';
        case 'class':
          return 'in an export class';
        case 'file':
          return 'in an export file';
        case 'package':
          return 'in a data migration package';
        case 'caller':
          return `called by the export \`${describeLiteralForMessage(ctx.name, 24)}\``;
        default:
          return 'in an export folder';
      }
    }

    return {
      CallExpression: (node) => found.onCall(node),
      NewExpression: (node) => found.onNew(node),
      TaggedTemplateExpression: (node) => found.onTaggedTemplate(node),
      'Program:exit'() {
        const reads = found.reads;
        if (reads.length === 0) return;
        // A read is reported in export or migration code, anywhere in strict mode when the author
        // wrote the `*`, and wherever its rows reach a file, an upload or an export function.
        const reasons = new Map<UnprojectedRead, string>();
        const paths = new Map<UnprojectedRead, RelatedLocation[]>();
        for (const read of reads) {
          const ctx = model().exportContextOf(read.read);
          if (ctx) reasons.set(read, contextText(ctx));
          else if (reportAnywhere && read.explicitStar) reasons.set(read, 'outside export code');
        }
        const reached = found.sinksReached(reads.filter((read) => !reasons.has(read)));
        for (const [read, { sinkName, argument, taint }] of reached) {
          reasons.set(
            read,
            `and its rows reach \`${describeLiteralForMessage(sinkName, MAX_QUOTED_CODE_LENGTH)}\``,
          );
          paths.set(read, [
            ...provenanceRelated(taint),
            { loc: argument.loc, message: `The rows reach \`${sinkName}\` here`, kind: 'step' },
          ]);
        }
        const reported = new Set<string>();
        const env = { sourceCode, schemas: schemas(), classifier: model().classifier };
        for (const read of reads) {
          const reason = reasons.get(read);
          if (!reason || reported.has(read.key)) continue;
          reported.add(read.key);
          report(context, {
            loc: read.loc,
            messageId: MESSAGE_OF_KIND[read.kind],
            data: {
              what: describeLiteralForMessage(read.what, MAX_QUOTED_CODE_LENGTH),
              table: describeLiteralForMessage(read.table, 24),
              special: specialText(read),
              context: reason,
              how: read.how ?? 'list the requested fields',
            },
            suggest: projectionSuggestions(read.projection, env),
            related: paths.get(read),
          });
        }
      },
    };
  },
});
