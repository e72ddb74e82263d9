/**
 * Query builders, ORMs and document stores: which methods read the rows of a table, model or
 * collection (and how each library takes a projection), which store records, which remove them.
 * Libraries: Prisma, Sequelize, TypeORM (repositories and `createQueryBuilder`), Mongoose, the
 * MongoDB driver, knex, Drizzle, Objection, Bookshelf. Read by the patient-read analysis
 * (`model/provenance.ts`), unprojected reads in exports (`no-select-star-export`), endpoints that
 * touch patient data (`no-unauthenticated-endpoint`), field-level encryption of stored records
 * (`no-unencrypted-write`) and bulk copies between systems (`require-delete-after-migration`).
 *
 * A model, repository or collection is reached through an instance (`prisma.patient`,
 * `dataSource.getRepository(Patient)`, `db.collection('patients')`), so a method is recognised by
 * its name on a chain that names a table or model; which tables hold patient records is decided
 * by the model (`Provenance.isPatientTable`), never here.
 */

/**
 * Methods that read records of the table, model or collection they are called on. Prisma
 * `findMany`, `findFirst`, `findUnique` and their `OrThrow` forms, `aggregate` (Prisma Client API
 * reference); Sequelize `findAll`, `findOne`, `findByPk`, `findAndCountAll` (Sequelize docs "Model
 * Querying - Finders"); TypeORM `find`, `findBy`, `findOne`, `findOneBy`, `findAndCount` and the
 * query builder's `getMany`, `getOne`, `getRawMany`, `getRawOne`, `stream` (TypeORM docs "Find
 * Options", "Select using Query Builder"); Mongoose `find`, `findById`, `findOne`, `lean`, `exec`,
 * `cursor`, `aggregate` (Mongoose docs "Queries"); MongoDB driver `find`, `findOne`, `aggregate`,
 * `toArray` (MongoDB Node.js driver "Read Operations"); knex `select`, `first`, `where`, `from`,
 * `pluck`, `stream` (knex docs "Query Builder"); Drizzle `select().from()` and `query.<table>`
 * `findMany`/`findFirst`; Bookshelf `fetch`, `fetchAll`; DynamoDB DocumentClient `scan`; `query`,
 * `raw`, `all` and `list` as the builders and data clients spell a read of many rows.
 */
export const ROW_READ_METHODS: ReadonlySet<string> = new Set([
  'find',
  'findAll',
  'findOne',
  'findMany',
  'findFirst',
  'findUnique',
  'findFirstOrThrow',
  'findUniqueOrThrow',
  'findById',
  'findBy',
  'findOneBy',
  'findAndCountAll',
  'findAndCount',
  'findByPk',
  'getMany',
  'getOne',
  'getRawMany',
  'getRawOne',
  'select',
  'first',
  'all',
  'stream',
  'cursor',
  'aggregate',
  'query',
  'raw',
  'where',
  'from',
  'fetch',
  'fetchAll',
  'toArray',
  'lean',
  'exec',
  'list',
  'scan',
  'pluck',
]);

/**
 * Methods that read one record by key or search records in a data client (Firestore and Dexie
 * `get`, CouchDB nano `get`, DynamoDB DocumentClient `get`, Elasticsearch `search`, `read` of
 * repository-style services), whose names are also those of maps, routers and caches: a read of
 * records only on a receiver that names them, and not a source of patient data on its own.
 */
export const RECORD_LOOKUP_METHODS: ReadonlySet<string> = new Set(['get', 'read', 'search']);

/** How a method that stores records takes them. */
export interface RecordWrite {
  /** Writes many rows at once (a bulk copy when its rows come from another system). */
  bulk?: true;
  /** Argument 0 names the table; the rows follow (knex `batchInsert`, Sequelize `bulkInsert`). */
  tableFirst?: true;
  /** Argument 0 is a filter and the written values follow when there is more than one argument. */
  filterFirst?: true;
  /** The rows are under this key of argument 0 (Prisma `createMany({ data })`). */
  rowsKey?: string;
}

/**
 * Methods that store records. Prisma `create`, `createMany`, `createManyAndReturn`, `update`,
 * `updateMany`, `upsert` (Prisma Client API reference); Sequelize `create`, `bulkCreate`, `update`,
 * `upsert`, `save`, and `queryInterface.bulkInsert(table, rows)` (Sequelize docs "Model Querying",
 * "QueryInterface"); TypeORM `save`, `insert`, `update`, `upsert` (TypeORM "Repository APIs");
 * Mongoose and the MongoDB driver `create`, `insertMany`, `insertOne`, `updateOne`, `updateMany`,
 * `replaceOne`, `findOneAndUpdate`, `findByIdAndUpdate` (Mongoose "Models"; MongoDB driver "Write
 * Operations"); knex `insert(rows)`, `update`, `upsert` and `knex.batchInsert(table, rows)` (knex
 * docs "Query Builder", "Utility").
 */
export const RECORD_WRITES: ReadonlyMap<string, RecordWrite> = new Map<string, RecordWrite>([
  ['create', {}],
  ['createMany', { bulk: true, rowsKey: 'data' }],
  ['createManyAndReturn', { bulk: true, rowsKey: 'data' }],
  ['bulkCreate', { bulk: true }],
  ['insertMany', { bulk: true }],
  ['insert', { bulk: true }],
  ['batchInsert', { bulk: true, tableFirst: true }],
  ['bulkInsert', { bulk: true, tableFirst: true }],
  ['save', { bulk: true }],
  ['insertOne', {}],
  ['update', { filterFirst: true }],
  ['updateMany', { filterFirst: true }],
  ['updateOne', { filterFirst: true }],
  ['upsert', {}],
  ['findOneAndUpdate', { filterFirst: true }],
  ['findByIdAndUpdate', { filterFirst: true }],
  ['replaceOne', { filterFirst: true }],
]);

/**
 * Keys under which the written values are given: Prisma `data`, `create`, `update` (nested and
 * `upsert`), MongoDB `$set` and `$setOnInsert` update operators, TypeORM query builder `values`.
 */
export const RECORD_VALUE_KEYS: ReadonlySet<string> = new Set([
  'data',
  '$set',
  'values',
  'create',
  'update',
  '$setOnInsert',
]);

/**
 * Methods that remove records or a whole table or collection, and whether argument 0 names it:
 * Prisma `delete`, `deleteMany`; Sequelize `destroy`, `truncate`, `queryInterface.bulkDelete(table)`;
 * TypeORM `delete`, `remove`, `clear`; Mongoose and the MongoDB driver `deleteMany`, `remove`,
 * `drop`, `db.dropCollection(name)`; knex `del`, `delete`, `truncate`; Bookshelf `destroy`;
 * `deleteAll` of repository-style data layers.
 */
export const RECORD_DELETES: ReadonlyMap<string, { tableFirst?: true }> = new Map<
  string,
  { tableFirst?: true }
>([
  ['deleteMany', {}],
  ['deleteAll', {}],
  ['destroy', {}],
  ['remove', {}],
  ['delete', {}],
  ['del', {}],
  ['truncate', {}],
  ['clear', {}],
  ['drop', {}],
  ['dropCollection', { tableFirst: true }],
  ['bulkDelete', { tableFirst: true }],
]);

/** knex schema builder: `knex.schema.dropTable(name)`, `dropTableIfExists(name)` (knex "Schema Builder"). */
export const TABLE_DROPS: ReadonlySet<string> = new Set(['dropTable', 'dropTableIfExists']);

// ---- projections: how each library reads only some columns -----------------------------------

/**
 * Option keys that restrict the columns read: Sequelize `attributes`, Prisma and TypeORM `select`,
 * Drizzle relational queries `columns`, MongoDB driver `projection`, Prisma `omit`.
 */
export const PROJECTION_KEYS: ReadonlySet<string> = new Set([
  'attributes',
  'select',
  'columns',
  'projection',
  'omit',
]);

/**
 * Prisma reads taking `{ where, select, include }` in argument 0 (Prisma Client API reference):
 * with no `select` every scalar field is read; `include: { relation: true }` reads the whole
 * related record. Drizzle's relational queries (`db.query.patients.findMany({ columns })`) share
 * the names and take `columns`.
 */
export const PRISMA = {
  reads: new Set([
    'findMany',
    'findFirst',
    'findUnique',
    'findFirstOrThrow',
    'findUniqueOrThrow',
  ]) as ReadonlySet<string>,
  relations: 'include',
} as const;

/** Drizzle relational queries: `db.query.<table>.findMany({ columns })` (Drizzle docs "Query"). */
export const DRIZZLE = { queryHolder: 'query', projection: 'columns' } as const;

/**
 * Sequelize reads by the index of their options (`{ where, attributes }`): `findAll(options)`,
 * `findAndCountAll(options)`, `findByPk(pk, options)` (Sequelize docs "Model Querying - Finders").
 */
export const SEQUELIZE_READS: ReadonlyMap<string, number> = new Map([
  ['findAll', 0],
  ['findAndCountAll', 0],
  ['findByPk', 1],
]);

/**
 * Reads shared by the document stores and TypeORM: Mongoose `Model.find(filter, projection)`,
 * `findOne`, `findById` (Mongoose "Queries"); MongoDB driver `collection.find(filter, { projection
 * })` (driver docs "Specify Which Fields to Return"); TypeORM `find({ where, select })`, `findOne`,
 * `findAndCount`, `findOneOrFail` (TypeORM "Find Options").
 */
export const DOCUMENT_READS: ReadonlySet<string> = new Set([
  'find',
  'findOne',
  'findById',
  'findAndCount',
  'findOneOrFail',
]);

/** TypeORM: its find options, its `where`-only reads, its query builder. */
export const TYPEORM = {
  /** `find({ where, relations, order, take, skip, withDeleted, select })` (TypeORM "Find Options"). */
  findOptions: new Set([
    'where',
    'relations',
    'order',
    'take',
    'skip',
    'withDeleted',
  ]) as ReadonlySet<string>,
  /**
   * Reads that take only a `where` and so always return whole entities, with the read taking
   * `{ where, select }` instead (TypeORM "Repository APIs").
   */
  whereReads: new Map([
    ['findBy', 'find'],
    ['findOneBy', 'findOne'],
    ['findAndCountBy', 'findAndCount'],
    ['findOneByOrFail', 'findOneOrFail'],
  ]) as ReadonlyMap<string, string>,
  /** `repository.createQueryBuilder('p')` (TypeORM "Select using Query Builder"). */
  queryBuilder: 'createQueryBuilder',
  /** Query-builder calls that run the query and return rows. */
  terminals: new Set([
    'getMany',
    'getOne',
    'getOneOrFail',
    'getRawMany',
    'getRawOne',
    'getManyAndCount',
    'stream',
  ]) as ReadonlySet<string>,
  /** Query-builder calls that choose the columns: `select(['p.id'])`, `addSelect('p.nom')`. */
  selects: new Set(['select', 'addSelect']) as ReadonlySet<string>,
} as const;

/** MongoDB driver and Mongoose: how a read is recognised and projected. */
export const MONGO = {
  /** `db.collection(name)`: a chain through it is the MongoDB driver's (driver docs "Collections"). */
  collection: 'collection',
  /**
   * Options of the driver's `find(filter, options)` other than `projection`: with only these the
   * read returns every field (driver API `FindOptions`; Mongoose `lean`, `populate` query options).
   */
  findOptions: new Set([
    'sort',
    'limit',
    'skip',
    'session',
    'hint',
    'batchSize',
    'collation',
    'maxTimeMS',
    'readPreference',
    'comment',
    'lean',
    'populate',
    'allowDiskUse',
  ]) as ReadonlySet<string>,
  /**
   * Calls chained after a read that project it: Mongoose `Query.select()` and
   * `Query.projection()`, the driver's `FindCursor.project()`.
   */
  chainedProjections: new Set(['select', 'project', 'projection']) as ReadonlySet<string>,
} as const;

/**
 * Query builders (knex, Drizzle `select().from()`, Objection): the chain of calls of one query.
 * knex docs "Query Builder", "Schema Builder"; Drizzle docs "Select".
 */
export const QUERY_BUILDER = {
  /**
   * Calls that make a chain a write, a count or an aggregate, a single-column read, SQL text or a
   * schema change: nothing to project.
   */
  nonReads: new Set([
    'insert',
    'update',
    'del',
    'delete',
    'truncate',
    'increment',
    'decrement',
    'upsert',
    'onConflict',
    'merge',
    'count',
    'countDistinct',
    'sum',
    'sumDistinct',
    'avg',
    'avgDistinct',
    'min',
    'max',
    'pluck',
    'exists',
    'toSQL',
    'toQuery',
    'toString',
    'countDocuments',
    'estimatedDocumentCount',
    'distinct',
    'deleteMany',
    'deleteOne',
    'updateMany',
    'updateOne',
    'insertMany',
    'insertOne',
    'createTable',
    'dropTable',
    'alterTable',
    'hasTable',
    'columnInfo',
  ]) as ReadonlySet<string>,
  /** Calls that choose the columns read: knex `select`, `column`, `columns`, `first`, `distinctOn`. */
  projections: new Set([
    'select',
    'column',
    'columns',
    'first',
    'distinctOn',
  ]) as ReadonlySet<string>,
  /** Calls that only exist on query builders: a chain with one of them is a builder chain. */
  methods: new Set([
    'select',
    'where',
    'whereIn',
    'whereNot',
    'whereNull',
    'whereNotNull',
    'whereBetween',
    'andWhere',
    'orWhere',
    'orderBy',
    'limit',
    'offset',
    'join',
    'leftJoin',
    'innerJoin',
    'first',
    'from',
    'stream',
    'modify',
    'groupBy',
    'having',
  ]) as ReadonlySet<string>,
  /**
   * Calls that name the table in argument 0: knex `from('patients')`, `table('patients')`,
   * `queryBuilder().from`, Drizzle `from(patients)`.
   */
  tableMethods: new Set(['from', 'table', 'queryBuilder']) as ReadonlySet<string>,
  /**
   * Names conventionally given to a knex instance or a database handle, called with a table name
   * (`knex('patients')`, `db('patients')`, `trx('patients')`).
   */
  rootNames: /^(?:knex|db|trx|tx|k|pg|database|conn|connection|qb|builder|client)$/i,
} as const;

/**
 * The two steps a schema migration file defines: knex and node-pg-migrate (`exports.up`,
 * `exports.down`), Sequelize's and umzug's `up`/`down` taking the query interface, TypeORM's
 * `MigrationInterface` and MikroORM's `Migration` classes (`up()`, `down()` methods). A file that
 * defines both changes the schema of one database and moves rows inside it: whatever its folder
 * is called (`migrations/`), nothing leaves the database, so it is no export or data migration.
 */
export const SCHEMA_MIGRATION_STEPS: readonly string[] = ['up', 'down'];
