/**
 * SQL drivers: the calls that run SQL text — the database clients (pg, pg-promise, postgres.js,
 * mysql/mysql2/mariadb, mssql, oracledb, sqlite3, sqlite, better-sqlite3) and the raw-SQL doors of
 * the query builders and ORMs (knex `raw`, Prisma `$queryRaw`, Sequelize and TypeORM `query`,
 * Drizzle `execute`). Read wherever SQL is looked for in a call: patient reads
 * (`model/provenance.ts`), `SELECT *` and `COPY … TO` in exports (`no-select-star-export`),
 * staging tables and bulk copies (`require-delete-after-migration`).
 *
 * The clients are instances (a pool, a connection, a request, `prisma`, a `DataSource`) made in
 * another file as often as not, so a runner is recognised by its method name; its SQL is checked
 * by the model's SQL scanner before anything is made of it.
 */

/** A library that runs SQL text: its module specifiers and the methods that take SQL in argument 0. */
export interface SqlRunner {
  modules: readonly string[];
  methods: readonly string[];
}

/** The libraries that run SQL text given as the first argument of a method, by library. */
export const SQL_RUNNERS: Readonly<Record<string, SqlRunner>> = {
  // node-postgres: `client.query(text, values)`, `pool.query` (https://node-postgres.com/apis/client).
  pg: { modules: ['pg', 'pg-pool'], methods: ['query'] },
  // pg-copy-streams: `client.query(copyTo('COPY patients TO STDOUT'))` (pg-copy-streams README).
  'pg-copy-streams': { modules: ['pg-copy-streams'], methods: ['copyTo'] },
  // pg-promise: `db.query`, `none`, `one`, `oneOrNone`, `many`, `manyOrNone`, `any`, `multi`,
  // `each`, and `stream` of a query stream (https://vitaly-t.github.io/pg-promise/Database.html).
  'pg-promise': {
    modules: ['pg-promise'],
    methods: [
      'query',
      'none',
      'one',
      'oneOrNone',
      'many',
      'manyOrNone',
      'any',
      'multi',
      'each',
      'stream',
    ],
  },
  // postgres.js: sql`…` is a tag (`isSqlTag`); `sql.unsafe(text)` runs text (postgres README).
  postgres: { modules: ['postgres'], methods: ['unsafe'] },
  // mysql, mysql2 and mariadb: `connection.query(sql, values)`, mysql2 `execute(sql, values)` and
  // `prepare(sql)` (mysqljs README "Performing queries"; mysql2 docs "Prepared Statements").
  mysql: {
    modules: ['mysql', 'mysql2', 'mysql2/promise', 'mariadb'],
    methods: ['query', 'execute', 'prepare'],
  },
  // mssql: `request.query(text)`, `request.batch(text)` (node-mssql README "Request").
  mssql: { modules: ['mssql'], methods: ['query', 'batch'] },
  // oracledb: `connection.execute(sql, binds)`, `executeMany(sql, binds)`, `queryStream(sql)`
  // (node-oracledb API "Connection Class").
  oracledb: { modules: ['oracledb'], methods: ['execute', 'executeMany', 'queryStream'] },
  // sqlite3 and its promise wrapper sqlite: `db.run`, `get`, `all`, `each`, `exec`, `prepare`
  // (node-sqlite3 wiki "API"; sqlite README).
  sqlite3: {
    modules: ['sqlite3', 'sqlite'],
    methods: ['run', 'get', 'all', 'each', 'exec', 'prepare'],
  },
  // better-sqlite3: `db.prepare(sql)`, `db.exec(sql)` (better-sqlite3 docs/api.md).
  'better-sqlite3': { modules: ['better-sqlite3'], methods: ['prepare', 'exec'] },
  // knex: `knex.raw(sql, bindings)` (https://knexjs.org/guide/raw.html).
  knex: { modules: ['knex'], methods: ['raw'] },
  // Prisma: `$queryRaw`, `$queryRawUnsafe`, `$executeRaw`, `$executeRawUnsafe` (Prisma docs "Raw
  // queries"); `queryRaw`/`executeRaw` are their names before Prisma 2.12.
  '@prisma/client': {
    modules: ['@prisma/client'],
    methods: [
      '$queryRaw',
      '$queryRawUnsafe',
      '$executeRaw',
      '$executeRawUnsafe',
      'queryRaw',
      'executeRaw',
    ],
  },
  // Sequelize `sequelize.query(sql)` (Sequelize docs "Raw Queries"); TypeORM `dataSource.query`,
  // `manager.query`, `queryRunner.query` (TypeORM docs "DataSource API").
  orms: { modules: ['sequelize', 'typeorm'], methods: ['query'] },
  // Drizzle: `db.execute(sql…)` and, on SQLite, `db.run`, `db.all`, `db.get` (Drizzle docs "Magic
  // sql operator").
  'drizzle-orm': { modules: ['drizzle-orm'], methods: ['execute', 'run', 'all', 'get'] },
};

/** Every method that runs SQL text given as its first argument, whatever its library. */
export const SQL_RUNNER_METHODS: ReadonlySet<string> = new Set(
  Object.values(SQL_RUNNERS).flatMap((runner) => runner.methods),
);

/**
 * Keys of a query-config object that hold the SQL text: node-postgres `query({ text, values })`
 * ("Query config object"), mysql `query({ sql, timeout, values })` (mysqljs README).
 */
export const SQL_TEXT_KEYS: readonly string[] = ['text', 'sql'];

/**
 * Classes constructed with SQL text: pg-query-stream `new QueryStream(text, values)`, pg-cursor
 * `new Cursor(text, values)`, pg-promise `new PreparedStatement({ name, text })`.
 */
export const SQL_STATEMENT_CLASSES: ReadonlySet<string> = new Set([
  'QueryStream',
  'Cursor',
  'PreparedStatement',
]);

/**
 * Tags that run the SQL template they are given, by name: postgres.js, @vercel/postgres, Slonik
 * and Drizzle `sql`, sql-template-strings `SQL`, Prisma `$queryRaw`/`$executeRaw`, knex-style
 * `raw` and postgres.js `unsafe`.
 */
const SQL_TAG = /sql|query|raw|unsafe/i;

/** Whether a template tag of this name runs SQL (`sql`, `db.sql`, `prisma.$queryRaw`). */
export function isSqlTag(name: string): boolean {
  return SQL_TAG.test(name);
}
