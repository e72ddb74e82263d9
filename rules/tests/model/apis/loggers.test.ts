import assert from 'node:assert/strict';
import {
  CONSOLE_METHODS,
  LOG_METHODS,
  LOGGER_FACTORIES,
  LOGGER_MODULES,
  NAMED_LOGGER_FACTORIES,
  isLoggerExport,
} from '../../../src/model/apis';

/** The loggers family: which calls write their arguments to a log, and which values are loggers. */
describe('catalogue: loggers', () => {
  it('console methods print their arguments; console.assert only those after the condition', () => {
    assert.equal(CONSOLE_METHODS.get('log'), 0);
    assert.equal(CONSOLE_METHODS.get('timeLog'), 0);
    assert.equal(CONSOLE_METHODS.get('assert'), 1);
    assert.equal(CONSOLE_METHODS.get('time'), undefined);
    assert.equal(CONSOLE_METHODS.get('count'), undefined);
  });

  it('level methods are the union of every library (pino, winston syslog, log4js, consola, NestJS, Cloud Logging)', () => {
    for (const method of [
      'info',
      'fatal',
      'silly',
      'emerg',
      'mark',
      'success',
      'verbose',
      'critical',
    ])
      assert.ok(LOG_METHODS.has(method), method);
    for (const method of ['child', 'write', 'query', 'get'])
      assert.ok(!LOG_METHODS.has(method), method);
  });

  it('logger modules and factories', () => {
    assert.deepEqual([...LOGGER_MODULES].sort(), [
      'bunyan',
      'consola',
      'log4js',
      'loglevel',
      'pino',
      'winston',
    ]);
    // @nestjs/common exports much more than a logger: only its `Logger` builds one.
    assert.ok(!LOGGER_MODULES.has('@nestjs/common'));
    assert.deepEqual([...LOGGER_FACTORIES].sort(), [
      'Logger',
      'child',
      'createLogger',
      'getLogger',
      'pino',
    ]);
    assert.ok(NAMED_LOGGER_FACTORIES.has('getLogger'));
  });

  const exports: [string, string[], boolean][] = [
    ['winston', [], true],
    ['winston', ['createLogger'], false],
    ['consola', ['consola'], true],
    ['consola', [], true],
    ['loglevel', [], true],
    ['pino', [], false],
    ['@nestjs/common', ['Logger'], false],
  ];
  for (const [module, path, expected] of exports) {
    it(`${module}${path.length ? `.${path.join('.')}` : ''} ${expected ? 'is' : 'is not'} a logger itself`, () => {
      assert.equal(isLoggerExport(module, path), expected);
    });
  }
});
