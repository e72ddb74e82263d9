/**
 * The fix kit's projections: suggestions that make a read take only the requested columns —
 * replace `SELECT *` (or `p.*`) with the table's columns, give `COPY t TO` a column list, add
 * `select`/`attributes`/`columns`/a Mongo projection to an ORM read, fill or add a query
 * builder's `select(…)`. Columns come from the schemas the project declares; special-category
 * columns (health, national identifiers) are left commented out, to add only if requested; with
 * no known schema the suggestion is a placeholder to complete.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { unwrap } from '../model/ast';
import type { Classifier } from '../model/classifier';
import { specialColumns } from '../model/patient-tables';
import type { SchemaIndex, TableSchema } from '../model/schema';
import { refsUnderStar } from '../model/sql';
import {
  type ProjectionSite,
  type ProjectionValue,
  SQL_SCHEMA_KINDS,
} from '../model/unprojected-reads';

/** The message ids a rule offering projections declares (`{{table}}`, `{{optIn}}`, `{{what}}`, `{{key}}`). */
export type ProjectionMessageId =
  'listColumns' | 'listPlaceholder' | 'addProjection' | 'addPlaceholderProjection';

export interface ProjectionEnv {
  sourceCode: Readonly<TSESLint.SourceCode>;
  schemas: SchemaIndex;
  classifier: Classifier;
}

type Suggestions = TSESLint.ReportSuggestionArray<ProjectionMessageId>;
type Fix = TSESLint.ReportFixFunction;

/** Writes the projections of one file's reads. */
class ProjectionWriter {
  constructor(private readonly env: ProjectionEnv) {}

  private special(schema: TableSchema): string[] {
    return specialColumns(schema, this.env.classifier);
  }

  /** Split a schema's columns into those kept and those left commented out. */
  private columns<T>(schema: TableSchema, item: (column: string) => T): [T[], T[]] {
    const special = new Set(this.special(schema));
    return [
      schema.columns.filter((c) => !special.has(c)).map(item),
      schema.columns.filter((c) => special.has(c)).map(item),
    ];
  }

  private optInText(schema: TableSchema): string {
    return optInNote(this.special(schema));
  }

  /** A `--` comment line only fits in a template literal; plain strings get a block comment. */
  private isStringLiteral(range: [number, number]): boolean {
    return (
      this.env.sourceCode.getNodeByRangeIndex(range[0])?.type !== AST_NODE_TYPES.TemplateElement
    );
  }

  private indentAt(index: number): string {
    const sourceCode = this.env.sourceCode;
    const line = sourceCode.lines[sourceCode.getLocFromIndex(index).line - 1] ?? '';
    return /^\s*/.exec(line)![0];
  }

  private sqlColumnList(
    schema: TableSchema,
    qualifier: string,
    inline: boolean,
    indent: string,
    lineGoesOn = true,
  ): string {
    const [keep, optIn] = this.columns(schema, (c) => qualifier + c);
    const list = keep.length ? keep.join(', ') : `${qualifier}id`;
    if (optIn.length === 0) return list;
    if (inline) return `${list} /* , ${optIn.join(', ')} */`;
    return `${list}\n${indent}  -- , ${optIn.join(', ')}${lineGoesOn ? `\n${indent} ` : ''}`;
  }

  /** `'id', 'nom' /* , 'nir' *\/` for knex-style selects. */
  private sqlStringList(schema: TableSchema): string {
    const [keep, optIn] = this.columns(schema, (c) => `'${c}'`);
    return `${keep.join(', ') || `'id'`}${optIn.length ? ` /* , ${optIn.join(', ')} */` : ''}`;
  }

  /** `id: patients.id, nom: patients.nom` for Drizzle selects. */
  private drizzleList(schema: TableSchema, table: string): string {
    const [keep, optIn] = this.columns(schema, (c) => `${c}: ${table}.${c}`);
    return `${keep.join(', ')}${optIn.length ? ` /* , ${optIn.join(', ')} */` : ''}`;
  }

  /** `id: true, nom: true` for object projections, `'id', 'nom'` for arrays; special ones commented. */
  private ormList(schema: TableSchema, value: ProjectionValue): string {
    const item = (c: string) => (value === 'array' ? `'${c}'` : `${safeKey(c)}: ${value}`);
    const [keep, optIn] = this.columns(schema, item);
    return `${keep.join(', ')}${optIn.length ? ` /* , ${optIn.join(', ')} */` : ''}`;
  }

  suggestions(site: ProjectionSite): Suggestions {
    switch (site.kind) {
      case 'sqlStar':
        return this.sqlStar(site);
      case 'copyColumns':
        return this.copyColumns(site);
      case 'options':
        return this.options(site);
      case 'include':
        return this.include(site);
      case 'findBy':
        return this.findBy(site);
      case 'mongo':
        return this.mongo(site);
      case 'builder':
        return this.builder(site);
    }
  }

  private sqlStar({ select, star, range }: Extract<ProjectionSite, { kind: 'sqlStar' }>) {
    if (!range) return [];
    const refs = refsUnderStar(select, star);
    const inline = this.isStringLiteral(range);
    const indent = this.indentAt(range[0]);
    const lineGoesOn =
      (this.env.sourceCode.text.slice(range[1]).split('\n')[0] ?? '').trim() !== '';
    const known = refs.map((ref) =>
      ref.derived ? undefined : this.env.schemas.lookup(ref.name, SQL_SCHEMA_KINDS),
    );
    if (refs.length > 0 && known.every((k) => k !== undefined)) {
      const schemasKnown = known as TableSchema[];
      const qualify = star.qualifier !== undefined || refs.length > 1;
      const parts = refs.map((ref, i) =>
        this.sqlColumnList(
          schemasKnown[i]!,
          qualify ? `${star.qualifier ?? ref.alias ?? ref.name}.` : '',
          inline,
          indent,
          lineGoesOn && i === refs.length - 1,
        ),
      );
      const table = refs.map((r) => r.name).join('`, `');
      const special = schemasKnown.flatMap((s) => this.special(s));
      return [
        {
          messageId: 'listColumns' as const,
          data: {
            table,
            optIn: optInNote(special),
          },
          fix: ((fixer) => fixer.replaceTextRange(range, parts.join(', '))) as Fix,
        },
      ];
    }
    const qualifier = star.qualifier ? `${star.qualifier}.` : '';
    return [
      {
        messageId: 'listPlaceholder' as const,
        data: { what: `${qualifier}*` },
        fix: ((fixer) =>
          fixer.replaceTextRange(range, `${qualifier}id /* list the requested columns */`)) as Fix,
      },
    ];
  }

  private copyColumns({ table, what, range }: Extract<ProjectionSite, { kind: 'copyColumns' }>) {
    if (!range) return [];
    const known = this.env.schemas.lookup(table, SQL_SCHEMA_KINDS);
    const inline = this.isStringLiteral(range);
    const list = known
      ? this.sqlColumnList(known, '', inline, this.indentAt(range[0]))
      : `id /* list the requested columns */`;
    const fix: Fix = (fixer) => fixer.insertTextAfterRange(range, ` (${list})`);
    return known
      ? [{ messageId: 'listColumns' as const, data: { table, optIn: this.optInText(known) }, fix }]
      : [{ messageId: 'listPlaceholder' as const, data: { what }, fix }];
  }

  /** The message of a projection added to an ORM read: the columns, or a placeholder. */
  private added(known: TableSchema | undefined, key: string, table: string) {
    return {
      messageId: known ? ('addProjection' as const) : ('addPlaceholderProjection' as const),
      data: { key, table, optIn: known ? this.optInText(known) : '' },
    };
  }

  private options(site: Extract<ProjectionSite, { kind: 'options' }>): Suggestions {
    const { call, table, key, options, index, value } = site;
    const known = this.env.schemas.lookup(table, site.kinds);
    const list = known
      ? this.ormList(known, value)
      : value === 'array'
        ? `'id' /* list the requested columns */`
        : `id: ${value} /* list the requested columns */`;
    const projection = value === 'array' ? `[${list}]` : `{ ${list} }`;
    const message = this.added(known, key, table);
    if (options) {
      const firstProperty = options.properties[0];
      if (!firstProperty)
        return [
          { ...message, fix: (fixer) => fixer.replaceText(options, `{ ${key}: ${projection} }`) },
        ];
      const multiline = firstProperty.loc.start.line !== options.loc.start.line;
      const separator = multiline ? `\n${' '.repeat(firstProperty.loc.start.column)}` : ' ';
      return [
        {
          ...message,
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
        ...message,
        fix: (fixer) =>
          fixer.insertTextBeforeRange([closing, closing], `${prefix}{ ${key}: ${projection} }`),
      },
    ];
  }

  private include({ property, relation }: Extract<ProjectionSite, { kind: 'include' }>) {
    const known = this.env.schemas.lookup(relation, ['prisma']);
    const list = known ? this.ormList(known, 'true') : 'id: true';
    return [
      {
        ...this.added(known, 'select', relation),
        fix: ((fixer) => fixer.replaceText(property.value, `{ select: { ${list} } }`)) as Fix,
      },
    ];
  }

  private findBy({ call, table, replacement }: Extract<ProjectionSite, { kind: 'findBy' }>) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 1) return [];
    const known = this.env.schemas.lookup(table, ['typeorm']);
    const list = known ? this.ormList(known, 'true') : 'id: true';
    const where = call.arguments[0];
    const whereText = where ? `where: ${this.env.sourceCode.getText(where)}, ` : '';
    return [
      {
        ...this.added(known, 'select', table),
        fix: ((fixer) => [
          fixer.replaceText(callee.property, replacement),
          where
            ? fixer.replaceText(where, `{ ${whereText}select: { ${list} } }`)
            : fixer.insertTextAfterRange(
                [call.range[1] - 1, call.range[1] - 1],
                `{ select: { ${list} } }`,
              ),
        ]) as Fix,
      },
    ];
  }

  private mongo({ call, table, driver }: Extract<ProjectionSite, { kind: 'mongo' }>) {
    if (call.arguments.length > 1 && !driver) return [];
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    const second = call.arguments[1] && unwrap(call.arguments[1]);
    const known = this.env.schemas.lookup(table, ['mongoose']);
    const list = known ? this.ormList(known, '1') : '_id: 1';
    const projection = driver ? `{ projection: { ${list} } }` : `{ ${list} }`;
    const message = this.added(known, 'projection', table);
    if (second?.type === AST_NODE_TYPES.ObjectExpression) {
      const firstProperty = second.properties[0];
      if (!firstProperty || !driver) return [];
      return [
        {
          ...message,
          fix: ((fixer) =>
            fixer.insertTextBefore(firstProperty, `projection: { ${list} }, `)) as Fix,
        },
      ];
    }
    const closing = call.range[1] - 1;
    return [
      {
        ...message,
        fix: ((fixer) =>
          first
            ? fixer.insertTextAfter(call.arguments[0]!, `, ${projection}`)
            : fixer.insertTextBeforeRange([closing, closing], `{}, ${projection}`)) as Fix,
      },
    ];
  }

  private builder(site: Extract<ProjectionSite, { kind: 'builder' }>): Suggestions {
    const { table, tableNode, drizzle, starNode, emptySelect, insertAfter } = site;
    const known = this.env.schemas.lookup(table, drizzle ? ['drizzle'] : SQL_SCHEMA_KINDS);
    const tableText = this.env.sourceCode.getText(tableNode);
    const list = drizzle
      ? `{ ${known ? this.drizzleList(known, tableText) : `id: ${tableText}.id`} }`
      : known
        ? this.sqlStringList(known)
        : `'id' /* list the requested columns */`;
    const message = this.added(known, 'select', table);
    if (starNode) return [{ ...message, fix: (fixer) => fixer.replaceText(starNode, list) }];
    if (emptySelect) {
      const at = emptySelect.range[1] - 1;
      return [{ ...message, fix: (fixer) => fixer.insertTextBeforeRange([at, at], list) }];
    }
    if (insertAfter)
      return [
        { ...message, fix: (fixer) => fixer.insertTextAfter(insertAfter, `.select(${list})`) },
      ];
    return [];
  }
}

/** ` (nir, hiv_status left commented out, …)`: what a suggestion leaves for the author to add. */
function optInNote(special: readonly string[]): string {
  return special.length
    ? ` (${special.join(', ')} left commented out, to add only if requested)`
    : '';
}

function safeKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

/** The suggestions that project a read at `site`; none without a site or a safe edit. */
export function projectionSuggestions(
  site: ProjectionSite | undefined,
  env: ProjectionEnv,
): Suggestions {
  return site ? new ProjectionWriter(env).suggestions(site) : [];
}
