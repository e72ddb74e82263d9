/**
 * The words and names that migration analysis reads: which words make a bucket, prefix or table
 * a temporary hand-over place, which calls run their callbacks as part of the routine that
 * registers them, which events fire whatever the outcome, and the temporary-file libraries whose
 * files are removed for the program (tmp, tmp-promise).
 */

/** Words that make a bucket, prefix or table a temporary hand-over place rather than a destination. */
export const STAGING_WORDS: ReadonlySet<string> = new Set([
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

/**
 * Calls whose callbacks run as part of the routine that registers them: array iteration, promise
 * handlers, stream and event listeners, `new Promise(executor)`, transactions, and the
 * callback forms of fs writes and archive/stream completion.
 */
export const INLINE_CALLBACK_CALLS: ReadonlySet<string> = new Set([
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

/** Events whose listeners run even when the transfer fails (a stream's `close`, after `error` too). */
export const ALWAYS_EVENTS: ReadonlySet<string> = new Set(['close']);

/** Promise methods whose callback runs whether the promise settles or fails (`p.finally(fn)`). */
export const SETTLED_CALLBACK = 'finally';

/** Registrations of an event listener (Node.js EventEmitter `on`, `once`). */
export const LISTENER_REGISTRATIONS: ReadonlySet<string> = new Set(['on', 'once']);

/**
 * Words in an object's tags that declare its expiry: a lifecycle rule deletes it (S3 object
 * tagging read by bucket lifecycle configuration).
 */
export const EXPIRY_TAG = /expir|retention|ttl|delete|purge|lifecycle/i;

/**
 * The tmp library (https://github.com/raszi/node-tmp): `tmp.fileSync()`, `tmp.dirSync()`,
 * `tmp.tmpNameSync()` make temporary paths; `setGracefulCleanup()` removes every one of them at
 * exit; the objects it returns carry `removeCallback()`.
 */
export const TMP = {
  module: 'tmp',
  creators: new Set(['fileSync', 'dirSync', 'tmpNameSync']) as ReadonlySet<string>,
  removeAllAtExit: 'setGracefulCleanup',
} as const;

/**
 * Cleanup functions that come with a temporary file or folder: tmp `removeCallback()`, tmp-promise
 * `cleanup()` (https://github.com/benjamingr/tmp-promise).
 */
export const TMP_CLEANUPS: ReadonlySet<string> = new Set(['removeCallback', 'cleanup']);

/** tmp-promise `withFile(fn)` and `withDir(fn)` remove what their callback writes, whatever happens. */
export const TMP_SCOPES: ReadonlySet<string> = new Set(['withFile', 'withDir']);

/**
 * Writers that open a file by path and take the data later: Node.js fs `createWriteStream(path)`
 * (https://nodejs.org/api/fs.html) and adm-zip `zip.writeZip(path)`.
 */
export const STREAM_FILE_OPENER = 'createWriteStream';
export const ZIP_FILE_WRITER = 'writeZip';

/** Functions that only build a path (Node.js path `join`, `resolve`): safe to evaluate again. */
export const PATH_BUILDERS: ReadonlySet<string> = new Set(['join', 'resolve']);

/** Functions that pipe one stream into another: `src.pipe(dest)`, stream `pipeline(src, …, dest)`. */
export const PIPE = 'pipe';
export const PIPELINE = 'pipeline';
