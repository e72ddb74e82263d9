import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import {
  type LogCall,
  LogCalls,
  loggedPatientData,
  thrownErrorMessage,
} from '../../src/model/log-calls';
import { runProbeRule } from './probe';

/** The log calls of a snippet, and the access-log body tokens its formats print. */
function logCalls(
  code: string,
  loggers: string[] = [],
  filename = 'src/app.ts',
): { calls: LogCall[]; bodyTokens: string[] } {
  const calls: LogCall[] = [];
  const bodyTokens: string[] = [];
  runProbeRule(
    code,
    (context) => {
      const logs = new LogCalls(context.sourceCode, new Set(loggers));
      const formats: TSESTree.Node[] = [];
      return {
        CallExpression(call) {
          if (!logs.mayLog(call.callee)) return;
          if (logs.definesToken(call)) return;
          if (logs.isAccessLogger(call.callee)) {
            if (call.arguments[0]) formats.push(call.arguments[0]);
            return;
          }
          const log = logs.logCallOf(call);
          if (log) calls.push(log);
        },
        'Program:exit'() {
          for (const format of formats) {
            const token = logs.bodyTokenIn(format);
            if (token) bodyTokens.push(token);
          }
        },
      };
    },
    filename,
  );
  return { calls, bodyTokens };
}

describe('model: log calls', () => {
  it('the console, from the argument it prints', () => {
    assert.deepEqual(logCalls('console.log(a); console.assert(ok, b); console.time(c);').calls, [
      { name: 'console.log', from: 0 },
      { name: 'console.assert', from: 1 },
    ]);
  });

  it('loggers by name, by factory, by module, and a library’s own logger', () => {
    const { calls } = logCalls(`import pino from 'pino';
import winston from 'winston';
import { Logger } from '@nestjs/common';
const journal = pino();
const nest = new Logger('x');
this.logger.info(a);
journal.warn(b);
nest.error(c);
winston.info(d);
cache.info(e);`);
    assert.deepEqual(calls, [
      { name: 'this.logger.info', from: 0 },
      { name: 'journal.warn', from: 0 },
      { name: 'nest.error', from: 0 },
      { name: 'winston.info', from: 0 },
    ]);
  });

  it('debug(1) functions and the loggers a project names', () => {
    const { calls } = logCalls(
      `const debug = require('debug');
const dbg = debug('lab:import');
const trace2 = require('debug')('lab:x');
dbg(a);
trace2(b);
sentry(c);
other(d);`,
      ['sentry'],
      'src/app.js',
    );
    assert.deepEqual(calls, [
      { name: 'dbg', from: 0 },
      { name: 'trace2', from: 0 },
      { name: 'sentry', from: 0 },
    ]);
  });

  it('access-log formats that print request bodies, with the tokens the file defines', () => {
    const { calls, bodyTokens } = logCalls(`import morgan from 'morgan';
morgan.token('payload', (req) => JSON.stringify(req.body));
morgan.token('agent', (req) => req.headers['user-agent']);
const format = ':method :url :payload';
app.use(morgan(format));
app.use(morgan(':method :agent'));
app.use(morgan(':url :body'));`);
    assert.deepEqual(calls, []);
    assert.deepEqual(bodyTokens, ['payload', 'body']);
  });

  it('a logged value carries patient data unless masked; outcome fields never do', () => {
    const seen: (string | null)[] = [];
    runProbeRule(
      `export async function f(patient, http) {
  const response = await http.post('/p', patient);
  sink(patient.nir);
  sink(\`nir=\${patient.nir}\`);
  sink(mask(patient.nir));
  sink(response.status);
}`,
      (context) => ({
        CallExpression(call) {
          if (call.callee.type !== 'Identifier' || call.callee.name !== 'sink') return;
          const model = healthModel(context);
          const taint = loggedPatientData(model.provenance, call.arguments[0]!);
          seen.push(taint ? model.provenance.describe(taint) : null);
        },
      }),
    );
    assert.equal(seen.length, 4);
    assert.ok(seen[0] && seen[1]);
    assert.deepEqual(seen.slice(2), [null, null]);
  });

  it('the message of a thrown error, by its constructor’s name', () => {
    const seen: string[] = [];
    runProbeRule(
      `throw new ValidationError(a);
throw new NotFoundException(b);
const e = new Error(c);
throw new Boom(d);
throw new Error();`,
      (context) => ({
        NewExpression(node) {
          const thrown = thrownErrorMessage(node);
          if (thrown) seen.push(`${thrown.name}(${context.sourceCode.getText(thrown.message)})`);
        },
      }),
    );
    assert.deepEqual(seen, ['ValidationError(a)', 'NotFoundException(b)']);
  });
});
