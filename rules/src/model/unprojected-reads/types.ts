/**
 * The facts about reads of patient tables that take every column: what was read (a `SELECT *`, a
 * `COPY t TO`, an ORM or query-builder read with no projection, a dump of the table), where, and
 * the place where a projection can be written — the site the fix kit's projection suggestions
 * (`fix/projections.ts`) edit.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { HealthModel } from '../index';
import type { SchemaIndex, TableSchema } from '../schema';
import type { SqlSelect, SqlStar } from '../sql';

/** Declarations whose column names are the SQL column names. */
export const SQL_SCHEMA_KINDS: readonly TableSchema['kind'][] = ['sql', 'knex'];

/** How an ORM projection lists a column: `{ id: true }`, `{ id: 1 }`, `['id']`. */
export type ProjectionValue = 'true' | '1' | 'array';

/** Where a projection of the read can be written, for the fix kit. */
export type ProjectionSite =
  /** `SELECT *` or `SELECT p.*`: the star's source range, when the SQL is written in one place. */
  | { kind: 'sqlStar'; select: SqlSelect; star: SqlStar; range: [number, number] | undefined }
  /** `COPY t TO`: a column list after the table's name (its source range). */
  | { kind: 'copyColumns'; table: string; what: string; range: [number, number] | undefined }
  /** `key: projection` in the options object at argument `index` (created when missing). */
  | {
      kind: 'options';
      call: TSESTree.CallExpression;
      table: string;
      key: string;
      options: TSESTree.ObjectExpression | undefined;
      index: number;
      value: ProjectionValue;
      kinds: readonly TableSchema['kind'][];
    }
  /** Prisma `include: { patient: true }`: the included relation's value. */
  | { kind: 'include'; property: TSESTree.Property; relation: string }
  /** TypeORM `findBy(where)` → `find({ where, select })`. */
  | { kind: 'findBy'; call: TSESTree.CallExpression; table: string; replacement: string }
  /** Mongoose/MongoDB `find(filter)`: a projection argument (or the driver's `{ projection }`). */
  | { kind: 'mongo'; call: TSESTree.CallExpression; table: string; driver: boolean }
  /** A query builder: the star to replace, the empty `select()` to fill, or where to add one. */
  | {
      kind: 'builder';
      table: string;
      tableNode: TSESTree.Node;
      drizzle: boolean;
      starNode?: TSESTree.Node;
      emptySelect?: TSESTree.CallExpression;
      insertAfter?: TSESTree.Node;
    };

export interface UnprojectedRead {
  kind: 'star' | 'orm' | 'dump';
  /** The call or tagged template that runs the read (its context decides). */
  read: TSESTree.Node;
  loc: TSESTree.SourceLocation;
  /** One fact per key: the same star seen through two calls is one read. */
  key: string;
  table: string;
  /** Label of the read: `*`, `p.*`, `Patient.findAll()`, `pg_dump patients`. */
  what: string;
  /** An explicit `*` the author wrote. */
  explicitStar: boolean;
  schema?: TableSchema;
  /** How to project this kind of read, for a message: "add `attributes` with the requested fields". */
  how?: string;
  /** Where a projection can be written; none when no suggestion is safe. */
  projection?: ProjectionSite;
}

/** What the read analysis needs of the file: its source, its model and its schemas (both lazy). */
export interface ReadEnv {
  sourceCode: Readonly<TSESLint.SourceCode>;
  model(): HealthModel;
  schemas(): SchemaIndex;
  add(read: UnprojectedRead): void;
}
