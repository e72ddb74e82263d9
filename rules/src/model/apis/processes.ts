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
 * Database dump tools: each writes an extract of the database (PostgreSQL pg_dump/pg_dumpall,
 * MySQL mysqldump and MariaDB mariadb-dump, MongoDB mongodump).
 */
export const DUMP_TOOLS: ReadonlySet<string> = new Set([
  'pg_dump',
  'pg_dumpall',
  'mysqldump',
  'mariadb-dump',
  'mongodump',
]);

/**
 * Dump options naming the output: pg_dump `-f/--file`, mysqldump `-r/--result-file`, mongodump
 * `-o/--out` and `--archive`.
 */
export const DUMP_FILE_OPTIONS: ReadonlySet<string> = new Set([
  '-f',
  '--file',
  '-r',
  '--result-file',
  '--out',
  '-o',
  '--archive',
]);

/** Dump options naming what is dumped: pg_dump `-t/--table`, mysqldump `--tables`, mongodump `-c/--collection`. */
export const DUMP_TABLE_OPTIONS: ReadonlySet<string> = new Set([
  '-t',
  '--table',
  '--tables',
  '-c',
  '--collection',
]);
