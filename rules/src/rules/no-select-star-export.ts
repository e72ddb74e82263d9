import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import {
  type ExportContext,
  healthModel,
  type HealthModel,
  sourceRangeOf,
  type SqlSelect,
  type SqlStar,
  type SqlStatement,
  staticString,
  tablesUnderStar,
  unwrap,
} from '../model';
import { calleeName, findProperty, keyName, propertyName } from '../model/ast';
import {
  indexSchemas,
  projectSchemas,
  type SchemaIndex,
  schemasInProgram,
  type TableSchema,
} from '../model/schema';
import {
  isPatientRecordsModel,
  isPatientRecordsTable,
  specialColumns as specialColumnsOf,
} from '../model/patient-tables';
import { createRule } from '../util/create-rule';
import {
  DESCRIPTOR_WRITERS,
  DOCUMENT_READS,
  DRIZZLE,
  MONGO,
  PATH_WRITERS,
  PRISMA,
  PROCESS_RUNNERS,
  PROJECTION_KEYS,
  QUERY_BUILDER,
  ROW_SINK_NAMES,
  SEQUELIZE_READS,
  SQL_STATEMENT_CLASSES,
  SQL_TEXT_KEYS,
  TYPEORM,
  UPLOAD_NAMES,
} from '../model/apis';
import { describeLiteralForMessage } from '../util/redact';
import { noteRelated, provenanceRelated, type RelatedLocation } from '../model/related';

type Options = [{ reportOutsideExportContext?: boolean }];
type MessageIds =
  | 'selectStar'
  | 'unprojectedRead'
  | 'dumpTable'
  | 'listColumns'
  | 'listPlaceholder'
  | 'addProjection'
  | 'addPlaceholderProjection';

/** Calls whose string argument is logged, asserted or documented, not executed. */
const NOT_EXECUTED_CALLS = new Set([
  'log',
  'info',
  'debug',
  'warn',
  'error',
  'trace',
  'fatal',
  'verbose',
  'assert',
  'describe',
  'it',
  'test',
  'expect',
  'equal',
  'strictEqual',
  'deepEqual',
  'toBe',
  'toEqual',
  'toContain',
  'toMatch',
  'Error',
  'TypeError',
  'RangeError',
  'require',
  't',
  'i18n',
  '__',
]);

/** Declarations whose column names are the SQL column names. */
const SQL_KINDS: readonly TableSchema['kind'][] = ['sql', 'knex'];

/**
 * Where an export's rows go: the file system's writers, uploads to object storage, sheets and CSV
 * writers (the catalogue's), and file transfers (SFTP `fastPut`, FTP/SFTP `put`).
 */
const FILE_OR_UPLOAD_SINKS = new Set([
  ...PATH_WRITERS.keys(),
  ...DESCRIPTOR_WRITERS.keys(),
  ...UPLOAD_NAMES,
  ...ROW_SINK_NAMES,
  'fastPut',
  'put',
]);

interface Finding {
  kind: 'star' | 'orm' | 'dump';
  /** The call or tagged template that runs the read (its context decides). */
  read: TSESTree.Node;
  loc: TSESTree.SourceLocation;
  key: string;
  table: string;
  /** Label of the read in the message: `*`, `p.*`, `Patient.findAll()`, `pg_dump -t patients`. */
  what: string;
  /** An explicit `*` the author wrote (reported anywhere in strict mode). */
  explicitStar: boolean;
  schema?: TableSchema;
  suggest: (schema: SchemaIndex) => TSESLint.ReportSuggestionArray<MessageIds>;
  how?: string;
}

const SQL_READ_WORDS = /\bselect\b|\bcopy\b/i;

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
        '`{{what}}` reads every column of `{{table}}`{{special}} {{context}}: the columns that exist now and any added later leave with the extract, so list only the fields that were requested (GDPR art. 5(1)(c), CNIL SAN-2022-009).',
      unprojectedRead:
        '`{{what}}` reads `{{table}}` with no projection{{special}} {{context}}: the columns that exist now and any added later leave with the extract, so {{how}} (GDPR art. 5(1)(c), CNIL SAN-2022-009).',
      dumpTable:
        '`{{what}}` dumps the whole `{{table}}` table{{special}} {{context}}: the columns that exist now and any added later leave with the dump, so export a query of the requested fields instead (GDPR art. 5(1)(c), CNIL SAN-2022-009).',
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
    const sourceCode = context.sourceCode;
    const reportAnywhere = options.reportOutsideExportContext === true;
    // What checkSql reports needs a SELECT (its star) or a COPY … TO in SQL that the file spells
    // out in its own strings; a file that never writes either word skips every argument's
    // constant folding (about half the bench corpus: ORMs' non-SQL files, servers, clients).
    const mayHoldSql = SQL_READ_WORDS.test(sourceCode.text);
    const findings: Finding[] = [];
    const sinkCalls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    let cachedModel: HealthModel | undefined;
    const model = () => (cachedModel ??= healthModel(context));
    let cachedSchemas: SchemaIndex | undefined;
    const schemas = () =>
      (cachedSchemas ??= indexSchemas(
        schemasInProgram(sourceCode.ast, 'this file'),
        projectSchemas(context.filename).tables,
      ));

    function isPatientTable(name: string): boolean {
      return isPatientRecordsTable(name, model().classifier);
    }

    function isPatientModel(name: string): boolean {
      return isPatientRecordsModel(name, model().classifier);
    }

    function specialColumns(schema: TableSchema | undefined): string[] {
      return specialColumnsOf(schema, model().classifier);
    }

    function specialText(schema: TableSchema | undefined): string {
      const special = specialColumns(schema);
      if (special.length === 0) return '';
      const shown = special.slice(0, 5).join(', ');
      return ` (includes ${shown}${special.length > 5 ? ', …' : ''})`;
    }

    function locOf(range: [number, number]): TSESTree.SourceLocation {
      return {
        start: sourceCode.getLocFromIndex(range[0]),
        end: sourceCode.getLocFromIndex(range[1]),
      };
    }

    function add(finding: Finding): void {
      findings.push(finding);
    }

    // SQL text: strings, templates, concatenations and constants reaching a call or a tag.
    function checkSql(expr: TSESTree.Node, read: TSESTree.Node): void {
      if (!mayHoldSql) return;
      const sql = model().provenance.sqlOf(expr);
      if (!sql) return;
      const seenStars = new Set<number>();
      for (const statement of sql.statements) {
        const copySelect = statement.kind === 'copy' ? statement.selects[0] : undefined;
        if (statement.copiedOut && statement.copiedOut !== '(query)')
          checkCopy(statement, sql.value, expr, read);
        for (const select of statement.selects) {
          if (select.predicate || (!select.topLevel && select !== copySelect)) continue;
          for (const star of select.stars) {
            if (seenStars.has(star.start)) continue;
            seenStars.add(star.start);
            const tables = [...new Set(tablesUnderStar(select, star))].filter(isPatientTable);
            if (tables.length === 0) continue;
            const range = sourceRangeOf(sql.value, star.start, star.end);
            const table = tables[0]!;
            add({
              kind: 'star',
              read,
              loc: range ? locOf(range) : expr.loc,
              key: range ? `star:${range[0]}` : `node:${expr.range[0]}:${star.start}`,
              table: tables.length > 1 ? tables.join('`, `') : table,
              what: star.qualifier ? `${star.qualifier}.*` : '*',
              explicitStar: true,
              schema: schemas().lookup(table, SQL_KINDS) ?? schemas().lookup(table),
              suggest: (index) => starSuggestions(index, select, star, range),
            });
          }
        }
      }
    }

    function checkCopy(
      statement: SqlStatement,
      value: NonNullable<ReturnType<HealthModel['provenance']['sqlOf']>>['value'],
      expr: TSESTree.Node,
      read: TSESTree.Node,
    ): void {
      const table = statement.copiedOut!;
      if (!isPatientTable(table)) return;
      const text = value.text.slice(statement.start, statement.end);
      const match = /^COPY\s+((?:"[^"]+"|[\w$.]+))(\s*\()?/i.exec(text);
      if (!match || match[2]) return; // COPY t (a, b) TO … lists its columns
      const nameStart = statement.start + match[0].indexOf(match[1]!);
      const nameEnd = nameStart + match[1]!.length;
      const range = sourceRangeOf(value, nameStart, nameEnd);
      const schema = schemas().lookup(table, SQL_KINDS) ?? schemas().lookup(table);
      add({
        kind: 'star',
        read,
        loc: range ? locOf(range) : expr.loc,
        key: range ? `copy:${range[0]}` : `copy:${expr.range[0]}`,
        table,
        what: `COPY ${match[1]} TO`,
        explicitStar: true,
        schema,
        suggest: (index) => {
          if (!range) return [];
          const known = index.lookup(table, SQL_KINDS);
          const inline = isStringLiteral(range);
          const list = known
            ? sqlColumnList(known, '', inline, indentAt(range[0]))
            : `id /* list the requested columns */`;
          const fix = (fixer: TSESLint.RuleFixer) =>
            fixer.insertTextAfterRange(range, ` (${list})`);
          return known
            ? [{ messageId: 'listColumns', data: { table, optIn: optInText(known) }, fix }]
            : [{ messageId: 'listPlaceholder', data: { what: `COPY ${match[1]}` }, fix }];
        },
      });
    }

    /** A `--` comment line only fits in a template literal; plain strings get a block comment. */
    function isStringLiteral(range: [number, number]): boolean {
      return sourceCode.getNodeByRangeIndex(range[0])?.type !== AST_NODE_TYPES.TemplateElement;
    }

    function indentAt(index: number): string {
      const line = sourceCode.lines[sourceCode.getLocFromIndex(index).line - 1] ?? '';
      return /^\s*/.exec(line)![0];
    }

    function optInText(schema: TableSchema): string {
      const special = specialColumns(schema);
      return special.length
        ? ` (${special.join(', ')} left commented out, to add only if requested)`
        : '';
    }

    function sqlColumnList(
      schema: TableSchema,
      qualifier: string,
      inline: boolean,
      indent: string,
      lineGoesOn = true,
    ): string {
      const special = new Set(specialColumns(schema));
      const keep = schema.columns.filter((c) => !special.has(c)).map((c) => qualifier + c);
      const optIn = schema.columns.filter((c) => special.has(c)).map((c) => qualifier + c);
      const list = keep.length ? keep.join(', ') : `${qualifier}id`;
      if (optIn.length === 0) return list;
      if (inline) return `${list} /* , ${optIn.join(', ')} */`;
      return `${list}\n${indent}  -- , ${optIn.join(', ')}${lineGoesOn ? `\n${indent} ` : ''}`;
    }

    function starSuggestions(
      index: SchemaIndex,
      select: SqlSelect,
      star: SqlStar,
      range: [number, number] | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      if (!range) return [];
      const refs = star.qualifier
        ? select.tables.filter(
            (t) =>
              (t.alias ?? t.name.split('.').pop())?.toUpperCase() ===
                star.qualifier!.toUpperCase() ||
              t.name.toUpperCase() === star.qualifier!.toUpperCase(),
          )
        : select.tables;
      const inline = isStringLiteral(range);
      const indent = indentAt(range[0]);
      const lineGoesOn = (sourceCode.text.slice(range[1]).split('\n')[0] ?? '').trim() !== '';
      const known = refs.map((ref) =>
        ref.derived ? undefined : index.lookup(ref.name, SQL_KINDS),
      );
      if (refs.length > 0 && known.every((k) => k !== undefined)) {
        const schemasKnown = known as TableSchema[];
        const qualify = star.qualifier !== undefined || refs.length > 1;
        const parts = refs.map((ref, i) =>
          sqlColumnList(
            schemasKnown[i]!,
            qualify ? `${star.qualifier ?? ref.alias ?? ref.name}.` : '',
            inline,
            indent,
            lineGoesOn && i === refs.length - 1,
          ),
        );
        const table = refs.map((r) => r.name).join('`, `');
        const special = schemasKnown.flatMap((s) => specialColumns(s));
        return [
          {
            messageId: 'listColumns',
            data: {
              table,
              optIn: special.length
                ? ` (${special.join(', ')} left commented out, to add only if requested)`
                : '',
            },
            fix: (fixer) => fixer.replaceTextRange(range, parts.join(', ')),
          },
        ];
      }
      const qualifier = star.qualifier ? `${star.qualifier}.` : '';
      return [
        {
          messageId: 'listPlaceholder',
          data: { what: `${qualifier}*` },
          fix: (fixer) =>
            fixer.replaceTextRange(range, `${qualifier}id /* list the requested columns */`),
        },
      ];
    }

    // ORM and query-builder reads.
    function checkChainEnd(end: TSESTree.CallExpression): void {
      const chain = chainOf(end);
      if (chain.length === 0) return;
      const names = chain.map((link) => link.name);
      if (names.some((n) => n !== undefined && QUERY_BUILDER.nonReads.has(n))) return;
      for (let i = 0; i < chain.length; i++) {
        const link = chain[i]!;
        const name = link.name;
        if (!name) continue;
        if (PRISMA.reads.has(name)) return checkPrisma(link.call, chain.slice(i + 1));
        if (SEQUELIZE_READS.has(name)) return checkSequelize(link.call, name);
        if (TYPEORM.whereReads.has(name)) return checkTypeormWhere(link.call, name);
        if (DOCUMENT_READS.has(name)) return checkDocument(link.call, name, chain.slice(i + 1));
        if (name === TYPEORM.queryBuilder)
          return checkQueryBuilder(link.call, chain.slice(i + 1), end);
      }
      checkBuilder(chain, end);
    }

    function modelOf(call: TSESTree.CallExpression): string | undefined {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const object = unwrap(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        if (isPatientModel(object.name)) return object.name;
      } else if (object.type === AST_NODE_TYPES.MemberExpression) {
        const prop = propertyName(object);
        if (prop && isPatientModel(prop)) return prop;
      }
      const found = model().provenance.modelInChain(callee.object);
      return found && isPatientModel(found) ? found : undefined;
    }

    function readLabel(call: TSESTree.CallExpression): string {
      const callee = unwrap(call.callee);
      const text = sourceCode.getText(callee).replace(/\s+/g, '');
      return text.length > 48 ? `${calleeName(callee) ?? 'read'}()` : `${text}()`;
    }

    function firstObjectArg(
      call: TSESTree.CallExpression,
      index = 0,
    ): TSESTree.ObjectExpression | undefined {
      const arg = call.arguments[index];
      const expr = arg && unwrap(arg);
      return expr?.type === AST_NODE_TYPES.ObjectExpression ? expr : undefined;
    }

    function hasKey(
      object: TSESTree.ObjectExpression | undefined,
      keys: ReadonlySet<string>,
    ): boolean {
      return (
        object?.properties.some(
          (p) =>
            p.type === AST_NODE_TYPES.SpreadElement ||
            (p.type === AST_NODE_TYPES.Property && keys.has(keyName(p) ?? '')),
        ) ?? false
      );
    }

    function optionsArgOpaque(call: TSESTree.CallExpression, index: number): boolean {
      const arg = call.arguments[index];
      if (!arg) return false;
      return unwrap(arg).type !== AST_NODE_TYPES.ObjectExpression;
    }

    function checkPrisma(call: TSESTree.CallExpression, _after: ChainLink[]): void {
      const options = firstObjectArg(call);
      if (optionsArgOpaque(call, 0)) return;
      if (hasKey(options, PROJECTION_KEYS)) return;
      const table = modelOf(call);
      const key = isDrizzleQuery(call) ? DRIZZLE.projection : 'select';
      if (table) {
        addOrm(call, table, `add \`${key}\` with the requested fields`, key, options, 0, 'true', [
          key === DRIZZLE.projection ? 'drizzle' : 'prisma',
        ]);
        return;
      }
      // prisma.resultat.findMany({ include: { patient: true } }) pulls the whole patient.
      const include = findProperty(options, PRISMA.relations);
      const value = include && unwrap(include.value);
      if (value?.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of value.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const relation = keyName(property);
        const included = unwrap(property.value);
        const whole =
          (included.type === AST_NODE_TYPES.Literal && included.value === true) ||
          (included.type === AST_NODE_TYPES.ObjectExpression && !hasKey(included, PROJECTION_KEYS));
        if (!relation || !whole || !isPatientModel(relation)) continue;
        const schema = schemas().lookup(relation);
        add({
          kind: 'orm',
          read: call,
          loc: property.loc,
          key: `orm:${property.range[0]}`,
          table: relation,
          what: `include: { ${relation}: … }`,
          explicitStar: false,
          schema,
          how: `replace the include with \`${relation}: { select: { … } }\` listing the requested fields`,
          suggest: (index) => {
            const known = index.lookup(relation, ['prisma']);
            const list = known ? ormList(known, 'true', false) : 'id: true';
            return [
              {
                messageId: known ? 'addProjection' : 'addPlaceholderProjection',
                data: { key: 'select', table: relation, optIn: known ? optInText(known) : '' },
                fix: (fixer) => fixer.replaceText(property.value, `{ select: { ${list} } }`),
              },
            ];
          },
        });
      }
    }

    function isDrizzleQuery(call: TSESTree.CallExpression): boolean {
      // db.query.patients.findMany(): Drizzle's relational queries take `columns`.
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = unwrap(callee.object);
      if (object.type !== AST_NODE_TYPES.MemberExpression) return false;
      const holder = unwrap(object.object);
      return (
        holder.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(holder) === DRIZZLE.queryHolder
      );
    }

    function checkSequelize(call: TSESTree.CallExpression, name: string): void {
      const index = SEQUELIZE_READS.get(name)!;
      if (optionsArgOpaque(call, index)) return;
      if (index > 0 && call.arguments.length === 0) return;
      const options = firstObjectArg(call, index);
      if (hasKey(options, PROJECTION_KEYS)) return;
      const table = modelOf(call);
      if (!table) return;
      addOrm(
        call,
        table,
        'add `attributes` with the requested fields',
        'attributes',
        options,
        index,
        'array',
        ['sequelize'],
      );
    }

    function checkTypeormWhere(call: TSESTree.CallExpression, name: string): void {
      const table = modelOf(call);
      if (!table) return;
      const replacement = TYPEORM.whereReads.get(name)!;
      const schema = schemas().lookup(table);
      const callee = unwrap(call.callee);
      add({
        kind: 'orm',
        read: call,
        loc: call.loc,
        key: `orm:${call.range[0]}`,
        table,
        what: readLabel(call),
        explicitStar: false,
        schema,
        how: `use \`${replacement}({ where, select })\` with the requested fields`,
        suggest: (index) => {
          if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 1)
            return [];
          const known = index.lookup(table, ['typeorm']);
          const list = known ? ormList(known, 'true', false) : 'id: true';
          const where = call.arguments[0];
          const whereText = where ? `where: ${sourceCode.getText(where)}, ` : '';
          return [
            {
              messageId: known ? 'addProjection' : 'addPlaceholderProjection',
              data: { key: 'select', table, optIn: known ? optInText(known) : '' },
              fix: (fixer) => [
                fixer.replaceText(callee.property, replacement),
                where
                  ? fixer.replaceText(where, `{ ${whereText}select: { ${list} } }`)
                  : fixer.insertTextAfterRange(
                      [call.range[1] - 1, call.range[1] - 1],
                      `{ select: { ${list} } }`,
                    ),
              ],
            },
          ];
        },
      });
    }

    function checkDocument(call: TSESTree.CallExpression, name: string, after: ChainLink[]): void {
      const first = call.arguments[0] && unwrap(call.arguments[0]);
      if (
        first &&
        (first.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          first.type === AST_NODE_TYPES.FunctionExpression ||
          first.type === AST_NODE_TYPES.SpreadElement)
      )
        return; // Array.prototype.find(callback)
      if (after.some((link) => link.name && MONGO.chainedProjections.has(link.name))) return;
      const table = modelOf(call);
      if (!table) return;
      const options = first?.type === AST_NODE_TYPES.ObjectExpression ? first : undefined;
      // TypeORM: find({ where, select, relations }).
      if (options && hasKey(options, TYPEORM.findOptions)) {
        if (hasKey(options, PROJECTION_KEYS)) return;
        addOrm(
          call,
          table,
          'add `select` with the requested fields',
          'select',
          options,
          0,
          'true',
          ['typeorm'],
        );
        return;
      }
      if (name === 'findAndCount' || name === 'findOneOrFail') {
        if (!first)
          addOrm(
            call,
            table,
            'add `select` with the requested fields',
            'select',
            undefined,
            0,
            'true',
            ['typeorm'],
          );
        return;
      }
      // Mongoose / MongoDB: find(filter, projection) or find(filter, { projection }).
      const second = call.arguments[1] && unwrap(call.arguments[1]);
      const driver = isMongoDriver(call);
      if (second) {
        const none =
          (second.type === AST_NODE_TYPES.Identifier && second.name === 'undefined') ||
          (second.type === AST_NODE_TYPES.Literal && second.value === null);
        // Driver options without `projection` (`{ sort, limit }`) or `{}` select every field.
        const optionsOnly =
          second.type === AST_NODE_TYPES.ObjectExpression &&
          second.properties.every(
            (p) => p.type === AST_NODE_TYPES.Property && MONGO.findOptions.has(keyName(p) ?? ''),
          );
        if (!none && !optionsOnly) return;
      }
      if (call.arguments.length > 2) return;
      const schema = schemas().lookup(table);
      add({
        kind: 'orm',
        read: call,
        loc: call.loc,
        key: `orm:${call.range[0]}`,
        table,
        what: readLabel(call),
        explicitStar: false,
        schema,
        how: driver
          ? 'pass `{ projection }` with the requested fields'
          : 'pass a projection with the requested fields',
        suggest: (index) => {
          if (call.arguments.length > 1 && !driver) return [];
          const known = index.lookup(table, ['mongoose']);
          const list = known ? ormList(known, '1', false) : '_id: 1';
          const projection = driver ? `{ projection: { ${list} } }` : `{ ${list} }`;
          const data = { key: 'projection', table, optIn: known ? optInText(known) : '' };
          const messageId = known
            ? ('addProjection' as const)
            : ('addPlaceholderProjection' as const);
          if (second?.type === AST_NODE_TYPES.ObjectExpression) {
            const firstProperty = second.properties[0];
            if (!firstProperty || !driver) return [];
            return [
              {
                messageId,
                data,
                fix: (fixer) => fixer.insertTextBefore(firstProperty, `projection: { ${list} }, `),
              },
            ];
          }
          const closing = call.range[1] - 1;
          return [
            {
              messageId,
              data,
              fix: (fixer) =>
                first
                  ? fixer.insertTextAfter(call.arguments[0]!, `, ${projection}`)
                  : fixer.insertTextBeforeRange([closing, closing], `{}, ${projection}`),
            },
          ];
        },
      });
    }

    function isMongoDriver(call: TSESTree.CallExpression): boolean {
      let current: TSESTree.Node = unwrap(call.callee);
      for (let guard = 0; guard < 16; guard++) {
        if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
        else if (current.type === AST_NODE_TYPES.CallExpression) {
          if (calleeName(current.callee) === MONGO.collection) return true;
          current = unwrap(current.callee);
        } else break;
      }
      return false;
    }

    function checkQueryBuilder(
      call: TSESTree.CallExpression,
      after: ChainLink[],
      end: TSESTree.CallExpression,
    ): void {
      if (!after.some((link) => link.name && TYPEORM.terminals.has(link.name))) return;
      const alias = staticString(call.arguments[0] ?? call, model().provenance.scopeOf)?.text;
      const projected = after.some(
        (link) =>
          link.name !== undefined &&
          TYPEORM.selects.has(link.name) &&
          link.call.arguments.some((arg) => {
            const text = staticString(arg, model().provenance.scopeOf)?.text;
            if (text !== undefined) return text.includes('.') && !text.endsWith('.*');
            return unwrap(arg).type === AST_NODE_TYPES.ArrayExpression;
          }),
      );
      if (projected) return;
      const table = modelOf(call) ?? model().provenance.modelInChain(end.callee);
      if (!table || !isPatientModel(table)) return;
      add({
        kind: 'orm',
        read: end,
        loc: call.loc,
        key: `orm:${call.range[0]}`,
        table,
        what: readLabel(call),
        explicitStar: false,
        schema: schemas().lookup(table),
        how: `add \`.select([${alias ? `'${alias}.…'` : '…'}])\` with the requested fields`,
        suggest: () => [],
      });
    }

    function checkBuilder(chain: ChainLink[], end: TSESTree.CallExpression): void {
      const root = chain[0]!;
      let table: string | undefined;
      let tableNode: TSESTree.Node | undefined;
      let insertAfter: TSESTree.Node | undefined;
      const rootCallee = unwrap(root.call.callee);
      const rootArg = root.call.arguments[0] && unwrap(root.call.arguments[0]);
      if (rootCallee.type === AST_NODE_TYPES.Identifier) {
        if (NOT_EXECUTED_CALLS.has(rootCallee.name)) return;
        const text = rootArg?.type === AST_NODE_TYPES.Literal ? rootArg.value : undefined;
        const hasBuilderMethod = chain
          .slice(1)
          .some((l) => l.name && QUERY_BUILDER.methods.has(l.name));
        if (
          typeof text === 'string' &&
          (hasBuilderMethod || QUERY_BUILDER.rootNames.test(rootCallee.name))
        ) {
          table = text.split(/\s+as\s+|\s+/i)[0];
          tableNode = rootArg;
          insertAfter = root.call;
        }
      }
      for (const link of chain) {
        if (!link.name || !QUERY_BUILDER.tableMethods.has(link.name)) continue;
        const arg = link.call.arguments[0] && unwrap(link.call.arguments[0]);
        if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') {
          table = arg.value.split(/\s+as\s+|\s+/i)[0];
          tableNode = arg;
        } else if (arg?.type === AST_NODE_TYPES.Identifier) {
          table = arg.name;
          tableNode = arg;
        }
      }
      if (!table || !tableNode || !isPatientTable(table)) return;
      const selects = chain.filter((l) => l.name && QUERY_BUILDER.projections.has(l.name));
      let starNode: TSESTree.Node | undefined;
      let emptySelect: TSESTree.CallExpression | undefined;
      for (const link of selects) {
        const args = link.call.arguments;
        if (args.length === 0) {
          if (link.name === 'select') emptySelect = link.call;
          else if (link.name !== 'first') return;
          continue;
        }
        const star = args.find((arg) => {
          const text = staticString(arg, model().provenance.scopeOf)?.text;
          return text !== undefined && (text.trim() === '*' || /\.\*$/.test(text.trim()));
        });
        if (!star) return; // explicit columns
        starNode = star;
      }
      // A bare builder with no select and no other builder method is not evidently a read.
      if (!starNode && !emptySelect && !insertAfter) return;
      const schema = schemas().lookup(table);
      const tableName = table;
      const drizzle = tableNode.type === AST_NODE_TYPES.Identifier;
      const loc = (starNode ?? emptySelect ?? root.call).loc;
      add({
        kind: 'orm',
        read: end,
        loc,
        key: `orm:${(starNode ?? emptySelect ?? root.call).range[0]}`,
        table,
        what: starNode
          ? sourceCode.getText(starNode)
          : emptySelect
            ? `${readLabel(emptySelect).slice(0, -2)}()`
            : sourceCode.getText(root.call).length <= 48
              ? describeLiteralForMessage(sourceCode.getText(root.call), 48)
              : readLabel(root.call),
        explicitStar: starNode !== undefined,
        schema,
        how: drizzle
          ? `pass the requested columns to \`select({ … })\``
          : 'add `.select(…)` with the requested columns',
        suggest: (index) => {
          const known = index.lookup(tableName, drizzle ? ['drizzle'] : SQL_KINDS);
          const tableText = sourceCode.getText(tableNode);
          const list = drizzle
            ? `{ ${known ? ormDrizzleList(known, tableText) : `id: ${tableText}.id`} }`
            : known
              ? sqlStringList(known)
              : `'id' /* list the requested columns */`;
          const data = { key: 'select', table: tableName, optIn: known ? optInText(known) : '' };
          const messageId = known
            ? ('addProjection' as const)
            : ('addPlaceholderProjection' as const);
          if (starNode)
            return [{ messageId, data, fix: (fixer) => fixer.replaceText(starNode, list) }];
          if (emptySelect) {
            const at = emptySelect.range[1] - 1;
            return [
              { messageId, data, fix: (fixer) => fixer.insertTextBeforeRange([at, at], list) },
            ];
          }
          if (insertAfter)
            return [
              {
                messageId,
                data,
                fix: (fixer) => fixer.insertTextAfter(insertAfter, `.select(${list})`),
              },
            ];
          return [];
        },
      });
    }

    function sqlStringList(schema: TableSchema): string {
      const special = new Set(specialColumns(schema));
      const keep = schema.columns.filter((c) => !special.has(c)).map((c) => `'${c}'`);
      const optIn = schema.columns.filter((c) => special.has(c)).map((c) => `'${c}'`);
      return `${keep.join(', ') || `'id'`}${optIn.length ? ` /* , ${optIn.join(', ')} */` : ''}`;
    }

    function ormDrizzleList(schema: TableSchema, table: string): string {
      const special = new Set(specialColumns(schema));
      const keep = schema.columns.filter((c) => !special.has(c)).map((c) => `${c}: ${table}.${c}`);
      const optIn = schema.columns.filter((c) => special.has(c)).map((c) => `${c}: ${table}.${c}`);
      return `${keep.join(', ')}${optIn.length ? ` /* , ${optIn.join(', ')} */` : ''}`;
    }

    /** `id: true, nom: true` for object projections, `'id', 'nom'` for arrays; special ones commented. */
    function ormList(
      schema: TableSchema,
      value: 'true' | '1' | 'array',
      _multiline: boolean,
    ): string {
      const special = new Set(specialColumns(schema));
      const item = (c: string) => (value === 'array' ? `'${c}'` : `${safeKey(c)}: ${value}`);
      const keep = schema.columns.filter((c) => !special.has(c)).map(item);
      const optIn = schema.columns.filter((c) => special.has(c)).map(item);
      return `${keep.join(', ')}${optIn.length ? ` /* , ${optIn.join(', ')} */` : ''}`;
    }

    function safeKey(name: string): string {
      return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
    }

    /** Adds `key: …` to the options object at `index` (created when missing). */
    function addOrm(
      call: TSESTree.CallExpression,
      table: string,
      how: string,
      key: string,
      options: TSESTree.ObjectExpression | undefined,
      index: number,
      value: 'true' | '1' | 'array',
      kinds: readonly TableSchema['kind'][],
    ): void {
      add({
        kind: 'orm',
        read: call,
        loc: call.loc,
        key: `orm:${call.range[0]}`,
        table,
        what: readLabel(call),
        explicitStar: false,
        schema: schemas().lookup(table),
        how,
        suggest: (schemaIndex) => {
          const known = schemaIndex.lookup(table, kinds);
          const list = known
            ? ormList(known, value, false)
            : value === 'array'
              ? `'id' /* list the requested columns */`
              : `id: ${value} /* list the requested columns */`;
          const projection = value === 'array' ? `[${list}]` : `{ ${list} }`;
          const data = { key, table, optIn: known ? optInText(known) : '' };
          const messageId = known
            ? ('addProjection' as const)
            : ('addPlaceholderProjection' as const);
          if (options) {
            const firstProperty = options.properties[0];
            if (!firstProperty)
              return [
                {
                  messageId,
                  data,
                  fix: (fixer) => fixer.replaceText(options, `{ ${key}: ${projection} }`),
                },
              ];
            const multiline = firstProperty.loc.start.line !== options.loc.start.line;
            const separator = multiline ? `\n${' '.repeat(firstProperty.loc.start.column)}` : ' ';
            return [
              {
                messageId,
                data,
                fix: (fixer) =>
                  fixer.insertTextBefore(firstProperty, `${key}: ${projection},${separator}`),
              },
            ];
          }
          if (call.arguments.length !== index) return [];
          const closing = call.range[1] - 1;
          const prefix = index > 0 ? ', ' : '';
          return [
            {
              messageId,
              data,
              fix: (fixer) =>
                fixer.insertTextBeforeRange(
                  [closing, closing],
                  `${prefix}{ ${key}: ${projection} }`,
                ),
            },
          ];
        },
      });
    }

    // pg_dump / mysqldump of patient tables spawned from the code.
    function checkDump(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      let argv: { text: string; node: TSESTree.Node }[] | undefined;
      const scopeOf = model().provenance.scopeOf;
      if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
        const text = staticString(node.quasi, scopeOf)?.text;
        if (text)
          argv = text
            .split(/\s+/)
            .filter(Boolean)
            .map((t) => ({ text: t, node: node.quasi }));
      } else {
        const name = calleeName(node.callee);
        if (!name || !PROCESS_RUNNERS.has(name)) return;
        const first = node.arguments[0];
        const command = first && staticString(first, scopeOf)?.text;
        if (!command || !first) return;
        const list = node.arguments[1] && unwrap(node.arguments[1]);
        if (list?.type === AST_NODE_TYPES.ArrayExpression && !/\s/.test(command.trim())) {
          argv = [{ text: command, node: first }];
          for (const element of list.elements) {
            if (!element || element.type === AST_NODE_TYPES.SpreadElement) {
              argv.push({ text: '__hole__', node: list });
              continue;
            }
            argv.push({ text: staticString(element, scopeOf)?.text ?? '__hole__', node: element });
          }
        } else {
          argv = command
            .split(/\s+/)
            .filter(Boolean)
            .map((t) => ({ text: t, node: first }));
        }
      }
      if (!argv) return;
      const stop = argv.findIndex((a) => ['>', '|', '&&', ';', '||'].includes(a.text));
      const words = stop >= 0 ? argv.slice(0, stop) : argv;
      const tool = (words[0]?.text.split('/').pop() ?? '').replace(/\.exe$/, '');
      let tables: { text: string; node: TSESTree.Node }[];
      if (tool === 'pg_dump') tables = pgDumpTables(words.slice(1));
      else if (tool === 'mysqldump' || tool === 'mariadb-dump')
        tables = mysqlDumpTables(words.slice(1));
      else return;
      for (const table of tables) {
        const name = table.text.replace(/^["']|["']$/g, '');
        if (!isPatientTable(name)) continue;
        add({
          kind: 'dump',
          read: node,
          loc: table.node.loc,
          key: `dump:${table.node.range[0]}:${name}`,
          table: name,
          what: `${tool} ${name}`,
          explicitStar: false,
          schema: schemas().lookup(name),
          suggest: () => [],
        });
      }
    }

    function pgDumpTables(args: { text: string; node: TSESTree.Node }[]) {
      if (args.some((a) => a.text === '-s' || a.text === '--schema-only')) return [];
      const tables: { text: string; node: TSESTree.Node }[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if ((a.text === '-t' || a.text === '--table') && args[i + 1]) tables.push(args[++i]!);
        else if (a.text.startsWith('--table='))
          tables.push({ text: a.text.slice(8), node: a.node });
        else if (/^-t\S/.test(a.text)) tables.push({ text: a.text.slice(2), node: a.node });
      }
      return tables;
    }

    function mysqlDumpTables(args: { text: string; node: TSESTree.Node }[]) {
      if (
        args.some(
          (a) =>
            a.text === '-d' ||
            a.text === '--no-data' ||
            a.text === '--databases' ||
            a.text === '-B',
        )
      )
        return [];
      const valued = new Set([
        '-u',
        '-h',
        '-P',
        '-r',
        '-S',
        '-w',
        '--user',
        '--host',
        '--port',
        '--result-file',
        '--where',
        '--socket',
      ]);
      const positional: { text: string; node: TSESTree.Node }[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a.text === '--tables') continue;
        if (valued.has(a.text)) {
          i++;
          continue;
        }
        if (a.text.startsWith('-')) continue;
        positional.push(a);
      }
      return positional.slice(1);
    }

    function contextText(ctx: ExportContext): string {
      switch (ctx.where) {
        case 'function':
          return `in export/migration code (\`${ctx.name}\`)`;
        case 'class':
          return `in export/migration class \`${ctx.name}\``;
        case 'file':
          return `in export/migration file \`${ctx.name}\``;
        default:
          return `in export/migration folder \`${ctx.name}/\``;
      }
    }

    function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
      return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
    }

    return {
      CallExpression(node) {
        const name = calleeName(node.callee);
        if (!name || !NOT_EXECUTED_CALLS.has(name)) {
          const first = node.arguments[0];
          if (first && first.type !== AST_NODE_TYPES.SpreadElement) {
            const arg = unwrap(first);
            if (arg.type === AST_NODE_TYPES.ObjectExpression) {
              const text = SQL_TEXT_KEYS.map((key) => findProperty(arg, key)).find(Boolean);
              if (text) checkSql(text.value, node);
            } else if (arg.type !== AST_NODE_TYPES.TaggedTemplateExpression) {
              checkSql(arg, node);
            }
          }
        }
        if (name && PROCESS_RUNNERS.has(name)) checkDump(node);
        if (name && (FILE_OR_UPLOAD_SINKS.has(name) || model().exportContext.match(name)))
          sinkCalls.push(node);
        const parent = node.parent;
        const continues =
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === node &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent;
        if (!continues) checkChainEnd(node);
      },
      NewExpression(node) {
        const name = calleeName(node.callee);
        if (name && FILE_OR_UPLOAD_SINKS.has(name)) sinkCalls.push(node);
        const first = node.arguments[0];
        if (name && SQL_STATEMENT_CLASSES.has(name) && first) checkSql(first, node);
      },
      TaggedTemplateExpression(node) {
        if (calleeName(node.tag) === '$') checkDump(node);
        else checkSql(node.quasi, node);
      },
      'Program:exit'() {
        if (findings.length === 0) return;
        const reasons = new Map<Finding, string>();
        const paths = new Map<Finding, RelatedLocation[]>();
        for (const finding of findings) {
          const ctx = model().exportContextOf(finding.read);
          if (ctx) reasons.set(finding, contextText(ctx));
          else if (reportAnywhere && finding.explicitStar)
            reasons.set(finding, 'on patient records');
        }
        const waiting = findings.filter((f) => !reasons.has(f));
        if (waiting.length > 0) {
          for (const sink of sinkCalls) {
            for (const arg of sink.arguments) {
              const taint = model().provenance.trace(arg);
              if (!taint) continue;
              for (const finding of waiting) {
                if (reasons.has(finding)) continue;
                if (contains(finding.read, taint.source) || contains(taint.source, finding.read)) {
                  const sinkName = calleeName(sink.callee) ?? 'an export';
                  reasons.set(
                    finding,
                    `and its rows reach \`${sinkName}\` (line ${sink.loc.start.line})`,
                  );
                  paths.set(finding, [
                    ...provenanceRelated(taint),
                    {
                      loc: arg.loc,
                      message: `The rows reach \`${sinkName}\` here`,
                      kind: 'step',
                    },
                  ]);
                }
              }
            }
          }
        }
        const reported = new Set<string>();
        const index = schemas();
        for (const finding of findings) {
          const reason = reasons.get(finding);
          if (!reason || reported.has(finding.key)) continue;
          reported.add(finding.key);
          const messageId =
            finding.kind === 'star'
              ? 'selectStar'
              : finding.kind === 'dump'
                ? 'dumpTable'
                : 'unprojectedRead';
          context.report({
            loc: finding.loc,
            messageId,
            data: {
              what: finding.what,
              table: finding.table,
              special: specialText(finding.schema),
              context: reason,
              how: finding.how ?? 'list the requested fields',
            },
            suggest: finding.suggest(index),
          });
          noteRelated(context, finding.loc, paths.get(finding) ?? []);
        }
      },
    };
  },
});

interface ChainLink {
  call: TSESTree.CallExpression;
  name: string | undefined;
}

/** The calls of a method chain, innermost first: `knex('t').where().select()`. */
function chainOf(end: TSESTree.CallExpression): ChainLink[] {
  const links: ChainLink[] = [];
  let current: TSESTree.Node = end;
  for (let guard = 0; guard < 32; guard++) {
    const expr = unwrap(current);
    if (expr.type === AST_NODE_TYPES.CallExpression) {
      links.unshift({ call: expr, name: calleeName(expr.callee) });
      current = expr.callee;
    } else if (expr.type === AST_NODE_TYPES.MemberExpression) {
      current = expr.object;
    } else if (expr.type === AST_NODE_TYPES.AwaitExpression) {
      current = expr.argument;
    } else {
      break;
    }
  }
  return links;
}
