/**
 * Loggers: which calls write their arguments to a log (the console, logging libraries and the
 * loggers they build, debug(1) functions), how a logger is named or routed to a channel, and
 * access-log formats (morgan). Read by every rule that sees log lines: patient data written to a
 * log, and audit events (a log call on the audit channel).
 */

/** `console` methods that print their arguments, with the index of the first one printed. */
export const CONSOLE_METHODS: ReadonlyMap<string, number> = new Map([
  // Console API (https://developer.mozilla.org/docs/Web/API/console, Node.js `console`):
  // `log`/`info`/`warn`/`error`/`debug`/`trace(...data)`, `dir(item)`, `dirxml(...data)`,
  // `table(data)`, `group`/`groupCollapsed(...label)`, `timeLog(label, ...data)`.
  ['log', 0],
  ['info', 0],
  ['warn', 0],
  ['error', 0],
  ['debug', 0],
  ['trace', 0],
  ['dir', 0],
  ['dirxml', 0],
  ['table', 0],
  ['group', 0],
  ['groupCollapsed', 0],
  ['timeLog', 0],
  // `assert(condition, ...data)` prints the data, not the condition, when the condition is false.
  ['assert', 1],
]);

/** A logging library: the modules it comes from and what its loggers are. */
export interface LoggerLibrary {
  /** Module specifiers, for both `import` and `require`. */
  modules: readonly string[];
  /**
   * Whether every value built from the module is a logger (`pino()`, `winston.createLogger()`,
   * `log4js.getLogger()`), rather than one export among others (NestJS `Logger`).
   */
  loggerModule: boolean;
  /** Functions and constructors whose result is a logger, recognised by name wherever they come from. */
  factories: readonly string[];
  /**
   * Exports that are loggers themselves, by path from the module joined with dots (`''` for the
   * module itself, leading `default` dropped): `winston.info()` logs to winston's default logger.
   */
  exports?: readonly string[];
  /** Methods of its loggers that write their arguments to the log. */
  levels: readonly string[];
}

const LIBRARIES: readonly LoggerLibrary[] = [
  {
    // pino: `pino(options)`, `logger.child(bindings)`; levels trace..fatal (pino docs, "API").
    modules: ['pino'],
    loggerModule: true,
    factories: ['pino', 'child'],
    levels: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
  },
  {
    // winston: `winston.createLogger()`, `logger.child()`, `logger.log(level, message)`, the npm
    // levels (error..silly) and the syslog levels (emerg..debug) (winston README, "Logging levels");
    // the module is itself the default logger (README, "Using the default logger").
    modules: ['winston'],
    loggerModule: true,
    factories: ['createLogger', 'child'],
    exports: [''],
    levels: [
      'log',
      'error',
      'warn',
      'info',
      'http',
      'verbose',
      'debug',
      'silly',
      'emerg',
      'alert',
      'crit',
      'warning',
      'notice',
    ],
  },
  {
    // bunyan: `bunyan.createLogger({ name })`, `log.child()`; levels trace..fatal (bunyan README).
    modules: ['bunyan'],
    loggerModule: true,
    factories: ['createLogger', 'child'],
    levels: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
  },
  {
    // log4js: `log4js.getLogger(category)`; levels trace..fatal, `mark`, `log(level, ...)`
    // (log4js docs, "API").
    modules: ['log4js'],
    loggerModule: true,
    factories: ['getLogger'],
    levels: ['log', 'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'mark'],
  },
  {
    // loglevel: `log.getLogger(name)`; `trace`, `debug` (alias `log`), `info`, `warn`, `error`
    // (loglevel README, "Documentation"); the default export is the root logger.
    modules: ['loglevel'],
    loggerModule: true,
    factories: ['getLogger'],
    exports: [''],
    levels: ['log', 'trace', 'debug', 'info', 'warn', 'error'],
  },
  {
    // consola: the `consola` instance (named and default export); `createConsola()`,
    // `consola.create()`, `consola.withTag()` (reached through the module); its log types
    // (consola README, "Usage" and "Log Types").
    modules: ['consola'],
    loggerModule: true,
    factories: [],
    exports: ['', 'consola'],
    levels: [
      'log',
      'info',
      'start',
      'box',
      'success',
      'fail',
      'ready',
      'warn',
      'error',
      'debug',
      'trace',
      'verbose',
      'fatal',
    ],
  },
  {
    // NestJS: `new Logger(context)` from @nestjs/common; `log`, `error`, `warn`, `debug`,
    // `verbose`, `fatal` (NestJS docs, "Logger").
    modules: ['@nestjs/common'],
    loggerModule: false,
    factories: ['Logger'],
    levels: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'],
  },
  {
    // Google Cloud Logging: `logging.log(name)` returns a Log whose severity methods write an
    // entry (@google-cloud/logging reference, "Log").
    modules: ['@google-cloud/logging'],
    loggerModule: false,
    factories: [],
    levels: ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'],
  },
];

/** Whether an imported value is a logger itself: `import winston from 'winston'`, `{ consola }`. */
export function isLoggerExport(module: string, path: readonly string[]): boolean {
  const joined = path.join('.');
  return LIBRARIES.some(
    (library) => library.modules.includes(module) && (library.exports ?? []).includes(joined),
  );
}

/** Modules every value of which is a logger or builds one. */
export const LOGGER_MODULES: ReadonlySet<string> = new Set(
  LIBRARIES.filter((library) => library.loggerModule).flatMap((library) => library.modules),
);

/**
 * Calls that build loggers, by name: `pino()`, `winston.createLogger()`, `bunyan.createLogger()`,
 * `log4js.getLogger()`, `logger.child()`, `new Logger()`.
 */
export const LOGGER_FACTORIES: ReadonlySet<string> = new Set(
  LIBRARIES.flatMap((library) => library.factories),
);

/**
 * Methods of loggers that write their arguments to the log, in any of the libraries above (and
 * fastify's `request.log`, a pino logger).
 */
export const LOG_METHODS: ReadonlySet<string> = new Set(
  LIBRARIES.flatMap((library) => library.levels),
);

/** Words that make a receiver a logger by its name: `logger`, `this.log`, `req.log`, `journal`. */
export const LOGGER_NAME_WORDS: ReadonlySet<string> = new Set([
  'log',
  'logger',
  'logging',
  'journal',
  'journaux',
  'logs',
]);

/**
 * Modules whose call returns a logging function: debug's `debug(namespace)` returns a function that
 * prints its arguments (debug README, "Usage").
 */
export const LOG_FUNCTION_MODULES: ReadonlySet<string> = new Set(['debug']);

/**
 * Methods that take the level as their first argument: winston `logger.log(level, message)`,
 * log4js `logger.log(level, ...args)`; a custom level (`'audit'`) names the channel.
 */
export const LEVEL_FIRST_METHODS: ReadonlySet<string> = new Set(['log']);

/**
 * Option keys of loggers, and fields of a log line, that name its channel: pino and bunyan
 * `{ name }`, child bindings (`logger.child({ module })`), log4js `category`, and the usual
 * `channel`, `type`, `stream`, `topic` and `logger` fields of structured log lines.
 */
export const LOG_CHANNEL_KEYS: ReadonlySet<string> = new Set([
  'channel',
  'category',
  'name',
  'type',
  'stream',
  'topic',
  'logger',
  'module',
]);

/**
 * Factories that name the logger they build by their first argument: log4js and loglevel
 * `getLogger(name)`, NestJS `new Logger(context)`, consola `withTag(tag)`.
 */
export const NAMED_LOGGER_FACTORIES: ReadonlySet<string> = new Set([
  'getLogger',
  'Logger',
  'withTag',
]);

/**
 * morgan, the Express access logger: `morgan(format, options)` logs each request in the format of
 * its first argument, `morgan.token(name, fn)` defines a `:name` token (morgan README, "API").
 */
export const ACCESS_LOGGER = { module: 'morgan', format: 0, defineToken: 'token' } as const;

/**
 * Token names conventionally defined to print the request body (morgan has no built-in one):
 * `morgan.token('body', (req) => JSON.stringify(req.body))`.
 */
export const BODY_TOKENS: ReadonlySet<string> = new Set(['body', 'req-body', 'request-body']);
