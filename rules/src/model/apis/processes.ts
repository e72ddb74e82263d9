/**
 * Child processes and the database dump tools run through them: which functions run a command
 * line, and which commands write a database extract (pg_dump, mysqldump, mongodump) with the
 * options that name its tables and its output file.
 */

/**
 * Functions that run a command: Node.js child_process `spawn`, `exec`, `execFile` and their Sync
 * forms (https://nodejs.org/api/child_process.html); execa `execa`, `execaCommand` and their Sync
 * forms (execa docs, "API").
 */
export const PROCESS_RUNNERS: ReadonlySet<string> = new Set([
  'spawn',
  'spawnSync',
  'execFile',
  'execFileSync',
  'exec',
  'execSync',
  'execa',
  'execaSync',
  'execaCommand',
  'execaCommandSync',
]);

/**
 * How each dump tool's command line names what it dumps and where it writes it. Options are
 * spelled as on the command line; a valued option takes the next word (`-t patients`) or an
 * attached value (`-tpatients`, `--table=patients`).
 * - pg_dump (https://www.postgresql.org/docs/current/app-pgdump.html): `-t/--table` names a
 *   table, `-f/--file` the output, `-s/--schema-only` dumps no rows; the one positional argument
 *   is the database.
 * - pg_dumpall (https://www.postgresql.org/docs/current/app-pg-dumpall.html): no table option;
 *   `-f/--file` the output; `-s/--schema-only`, `-g/--globals-only`, `-r/--roles-only` and
 *   `-t/--tablespaces-only` dump no rows.
 * - mysqldump (https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html) and mariadb-dump
 *   (https://mariadb.com/kb/en/mariadb-dump/): the positional arguments after the database are
 *   its tables (`--tables` only says so), `-B/--databases` and `-A/--all-databases` make them
 *   whole databases; `-r/--result-file` the output; `-d/--no-data` dumps no rows; the options
 *   listed as valued take a value in the next word (`-u root`, `--where "…"`).
 * - mongodump (https://www.mongodb.com/docs/database-tools/mongodump/): `-c/--collection` names a
 *   collection; `-o/--out` and `--archive` the output.
 */
export interface DumpToolArguments {
  /** Options whose value is a table (or collection) the dump holds. */
  readonly tableOptions: ReadonlySet<string>;
  /** Whether the positional arguments after the database are tables (mysqldump). */
  readonly positionalTables: boolean;
  /** Options that make the positional arguments whole databases: the dump names no table. */
  readonly wholeDatabaseOptions: ReadonlySet<string>;
  /** Options under which the dump holds no rows (the schema, roles or tablespaces only). */
  readonly noDataOptions: ReadonlySet<string>;
  /** Options whose value is the output file or directory. */
  readonly outputOptions: ReadonlySet<string>;
  /** Other options whose value may be the next word: never a positional argument. */
  readonly valuedOptions: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

const PG_DUMP: DumpToolArguments = {
  tableOptions: new Set(['-t', '--table']),
  positionalTables: false,
  wholeDatabaseOptions: NONE,
  noDataOptions: new Set(['-s', '--schema-only']),
  outputOptions: new Set(['-f', '--file']),
  valuedOptions: new Set([
    '-d',
    '--dbname',
    '-h',
    '--host',
    '-p',
    '--port',
    '-U',
    '--username',
    '-F',
    '--format',
    '-n',
    '--schema',
    '-N',
    '--exclude-schema',
    '-T',
    '--exclude-table',
    '-j',
    '--jobs',
    '-Z',
    '--compress',
    '-E',
    '--encoding',
  ]),
};

const PG_DUMPALL: DumpToolArguments = {
  tableOptions: NONE,
  positionalTables: false,
  wholeDatabaseOptions: NONE,
  noDataOptions: new Set([
    '-s',
    '--schema-only',
    '-g',
    '--globals-only',
    '-r',
    '--roles-only',
    '-t',
    '--tablespaces-only',
  ]),
  outputOptions: new Set(['-f', '--file']),
  valuedOptions: new Set(['-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username']),
};

const MYSQLDUMP: DumpToolArguments = {
  tableOptions: NONE,
  positionalTables: true,
  wholeDatabaseOptions: new Set(['-B', '--databases', '-A', '--all-databases']),
  noDataOptions: new Set(['-d', '--no-data']),
  outputOptions: new Set(['-r', '--result-file']),
  valuedOptions: new Set([
    '-u',
    '--user',
    '-h',
    '--host',
    '-P',
    '--port',
    '-S',
    '--socket',
    '-w',
    '--where',
    '--ignore-table',
    '--default-character-set',
  ]),
};

const MONGODUMP: DumpToolArguments = {
  tableOptions: new Set(['-c', '--collection']),
  positionalTables: false,
  wholeDatabaseOptions: NONE,
  noDataOptions: NONE,
  outputOptions: new Set(['-o', '--out', '--archive']),
  valuedOptions: new Set([
    '-d',
    '--db',
    '-h',
    '--host',
    '--port',
    '-u',
    '--username',
    '-q',
    '--query',
    '--uri',
  ]),
};

/** Each dump tool by the name it is run as, with how its command line reads. */
export const DUMP_TOOL_ARGUMENTS: ReadonlyMap<string, DumpToolArguments> = new Map([
  ['pg_dump', PG_DUMP],
  ['pg_dumpall', PG_DUMPALL],
  ['mysqldump', MYSQLDUMP],
  ['mariadb-dump', MYSQLDUMP],
  ['mongodump', MONGODUMP],
]);
