import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as assert from 'node:assert/strict';
import rule from '../../src/rules/no-patient-data-in-logs';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

// Synthetic values: a NIR with an invalid key and a made-up diagnosis.
const SYNTHETIC_VALUES = ['2 84 05 75 123 456 78', '284057512345678', 'HIV positive', 'Martin'];

type Options = [{ loggers?: string[] }];
type MessageIds =
  | 'patientDataInLog'
  | 'patientDataInError'
  | 'bodyInAccessLog'
  | 'replaceWithId'
  | 'wrapInRedaction';

const valid: ValidTestCase<Options>[] = [
  // Strong updates and declared types (issue 19): what is printed, not what was there before.
  {
    // Only the rejected variant, with the lab's error text, reaches the log (issue 19).
    code: `async function submitAll(orders, lab) {
  const settled = await Promise.all(
    orders.map(async (order) => {
      try {
        const receipt: DocumentReference = await lab.submit(order);
        return { status: 'fulfilled', order: order.number, receipt };
      } catch (e) {
        return { status: 'rejected', order: order.number, reason: String(e) };
      }
    }),
  );
  for (const res of settled) {
    if (res.status === 'rejected') console.error('rejected result', res);
  }
}`,
  },
  {
    // A FHIR report put whole into a template prints "[object Object]".
    code: `function check(results: DiagnosticReport[]) {
  for (let i = 0; i < results.length; i++) {
    const report = results[i];
    if (!report.id) console.log(\`report \${report} has no id\`);
  }
}`,
  },
  {
    // The character replaced just before is logged, not the patient's name it came from.
    code: `function draw(patient: Patient) {
  const chars = [...patient.name[0].family];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i].codePointAt(0) === undefined) {
      chars[i] = '?';
      console.warn('no code point for character', chars[i]);
    }
  }
}`,
  },
  {
    // A form's state declared as collection dates by specimen id.
    code: `function OrderForm() {
  const [specimensData, setSpecimensData] = useState<{ [specimenId: string]: { date: string } }>({});
  console.log('specimensData', specimensData);
}`,
  },
  // Sink summaries (issue 19): a project function that logs only what it is given.
  {
    // Only the service's replies are logged, not the people or the message (issue 19).
    code: `async function notifyAll({ people, message, client }) {
  const results = await Promise.allSettled(people.map((p) => client.send({ message, to: \`RelatedPerson/\${p.id}\` })));
  results.forEach((r) => console.log('sent', r));
}
async function f(relatedPersons: RelatedPerson[], client) {
  await notifyAll({ people: relatedPersons, message: 'Your results are ready', client });
}`,
  },
  {
    code: `function logFailure(step, detail) { console.error(\`\${step} failed\`, detail); }
function f(patient: Patient) { logFailure('import', patient.id); }`,
  },
  {
    code: `function logFailure(step, detail) { console.error(\`\${step} failed\`, maskPii(detail)); }
function f(patient: Patient) { logFailure('import', patient); }`,
  },
  {
    code: `function logStep(step) { console.log('step', step); }
function f(patient: Patient) { logStep('import', patient); }`,
  },
  {
    code: `async function push(patient) {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(patient) });
  if (!response.ok) throw new Error(\`push failed with \${response.status}\`);
}`,
  },
  {
    code: `function f(patient) {
  console.log(patient.id);
}`,
  },
  {
    code: `async function f(pool) {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(\`loaded \${rows.length} patients\`);
}`,
  },
  {
    code: `import pino from 'pino';
const logger = pino();
function f(patient) {
  logger.info({ patientId: patient.id }, 'loaded');
}`,
  },
  {
    code: `function f(patient) {
  console.log(redact(patient));
}`,
  },
  {
    code: `function f(user) {
  console.log(user.name, user.email);
}`,
  },
  {
    code: `function f(file) {
  console.log('uploaded', file.name);
}`,
  },
  {
    code: "console.log('Patient record not found');",
  },
  {
    code: `function f(logger, count) {
  logger.info(\`Exported \${count} dossiers\`);
}`,
  },
  {
    code: `function f(patient) {
  throw new Error(\`Patient \${patient.id} not found\`);
}`,
  },
  {
    code: "throw new Error('Invalid NIR format');",
  },
  {
    code: `function f(patient) {
  res.json(patient);
}`,
  },
  {
    code: `function f(logger, patient) {
  logger.info({ nir: hmacNir(patient.nir) });
}`,
  },
  {
    code: `function f(patient) {
  console.log(encryptForStorage(patient));
}`,
  },
  {
    code: `function f(patient) {
  toast.info(patient.nom);
}`,
  },
  {
    code: `function debug(value) {}
function f(patient) {
  debug(patient);
}`,
  },
  {
    code: `import morgan from 'morgan';
app.use(morgan('combined'));`,
  },
  {
    code: `import morgan from 'morgan';
morgan.token('id', (req) => req.id);
app.use(morgan(':id :method :url :status'));`,
  },
  {
    code: `function f(patients) {
  console.log(patients.length);
}`,
  },
  {
    code: `function f(logger, err: Error) {
  logger.error(err);
}`,
  },
  {
    code: `function f(logger, dossier) {
  logger.info('dossier %s migre', dossier.id);
}`,
  },
  {
    code: `function f(dossier) {
  throw new NotFoundException('Dossier introuvable');
}`,
  },
  {
    code: `function f(isPatient: boolean, isAdult: boolean) {
  console.log(isPatient, isAdult);
}`,
  },
  {
    code: `function f(logger, rows) {
  const stats = { count: rows.length };
  logger.info(stats);
}`,
  },
  {
    code: `function f(dossier) {
  console.log(\`dossier \${dossier.id} migre\`);
}`,
  },
  {
    code: `function f(patient) {
  console.log(patient.createdAt);
}`,
  },
  {
    code: `function f(patient) {
  sentryLog(patient.nir);
}`,
    options: [{ loggers: ['auditLog'] }],
  },
  {
    code: `function f(patient) {
  const error = new Error(patient.nir);
  return error;
}`,
  },
  {
    code: `function f(cache, patient) {
  cache.info(patient);
}`,
  },
  // console.assert prints its data arguments, not the condition (catalogue: loggers).
  {
    code: `function f(patient) {
  console.assert(patient.nir, 'patient without NIR');
}`,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    code: `function show(patient) {
  console.log(patient);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function show(patient) {
  console.log(patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function show(patient) {
  console.log('nir', patient.nir);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function show(patient) {
  console.log('nir', patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import pino from 'pino';
const logger = pino();
export function load(patient) {
  logger.info({ patient }, 'loaded');
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import pino from 'pino';
const logger = pino();
export function load(patient) {
  logger.info({ patientId: patient.id }, 'loaded');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import pino from 'pino';
const journal = pino({ name: 'sil-journal' });
export function record(action: string, patient: Record<string, unknown>) {
  journal.info({ action, patient }, 'acces dossier');
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import pino from 'pino';
const journal = pino({ name: 'sil-journal' });
export function record(action: string, patient: Record<string, unknown>) {
  journal.info({ action, patientId: patient.id }, 'acces dossier');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const winston = require('winston');
const logger = winston.createLogger({});
function migrer(dossier) {
  logger.info('dossier migre', dossier);
}`,
    filename: 'migrer.cjs',
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 32,
        endLine: 4,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `const winston = require('winston');
const logger = winston.createLogger({});
function migrer(dossier) {
  logger.info('dossier migre', dossier.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import bunyan from 'bunyan';
const log = bunyan.createLogger({ name: 'lab' });
function f(patient) {
  log.info({ nir: patient.nir }, 'imported');
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 14,
        endLine: 4,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import bunyan from 'bunyan';
const log = bunyan.createLogger({ name: 'lab' });
function f(patient) {
  log.info({ patientId: patient.id }, 'imported');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import log4js from 'log4js';
const out = log4js.getLogger('import');
function f(patient) {
  out.debug(patient.dateNaissance);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 13,
        endLine: 4,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import log4js from 'log4js';
const out = log4js.getLogger('import');
function f(patient) {
  out.debug(patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import createDebug from 'debug';
const dbg = createDebug('lab:import');
function f(dossier) {
  dbg('%o', dossier);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 13,
        endLine: 4,
        endColumn: 20,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import createDebug from 'debug';
const dbg = createDebug('lab:import');
function f(dossier) {
  dbg('%o', dossier.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const trace = require('debug')('lab:import');
function f(patient) {
  trace(patient);
}`,
    filename: 'import.js',
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 16,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `const trace = require('debug')('lab:import');
function f(patient) {
  trace(patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Logger } from '@nestjs/common';
export class PatientService {
  private readonly logger = new Logger(PatientService.name);
  save(patient: Patient) {
    this.logger.log(patient.nir);
  }
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 5,
        column: 21,
        endLine: 5,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import { Logger } from '@nestjs/common';
export class PatientService {
  private readonly logger = new Logger(PatientService.name);
  save(patient: Patient) {
    this.logger.log(patient.id);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function check(patient) {
  if (!patient.ok) throw new Error(\`NIR invalide: \${patient.nir}\`);
}`,
    errors: [
      {
        messageId: 'patientDataInError',
        line: 2,
        column: 36,
        endLine: 2,
        endColumn: 66,
        suggestions: [],
      },
    ],
  },
  {
    code: `function check(dossier) {
  throw new BadRequestException(\`Dossier de \${dossier.nom} incomplet\`);
}`,
    errors: [
      {
        messageId: 'patientDataInError',
        line: 2,
        column: 33,
        endLine: 2,
        endColumn: 70,
        suggestions: [],
      },
    ],
  },
  {
    code: `import morgan from 'morgan';
morgan.token('body', (req) => JSON.stringify(req.body));
app.use(morgan(':method :url :body'));`,
    errors: [
      {
        messageId: 'bodyInAccessLog',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 36,
        suggestions: [],
      },
    ],
  },
  {
    code: `import morgan from 'morgan';
const FORMAT = ':method :url :payload';
morgan.token('payload', function (request) {
  return JSON.stringify(request.body);
});
app.use(morgan(FORMAT));`,
    errors: [
      {
        messageId: 'bodyInAccessLog',
        line: 6,
        column: 16,
        endLine: 6,
        endColumn: 22,
        suggestions: [],
      },
    ],
  },
  {
    code: `async function list(pool) {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(rows);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 3,
        column: 15,
        endLine: 3,
        endColumn: 19,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { pool } from './db';
async function list() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(rows);
}`,
    settings: {
      healthData: { redaction: { fix: { name: 'redactPatient', import: './security/redact' } } },
    },
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 15,
        endLine: 4,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'wrapInRedaction',
            output: `import { pool } from './db';
import { redactPatient } from './security/redact';
async function list() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(redactPatient(rows));
}`,
          },
        ],
      },
    ],
  },
  {
    // A relative helper from ESLint settings is relative to the working directory: a file in a
    // subfolder imports it with the path from its own folder, so the suggestion compiles there.
    code: `import { pool } from '../db';
async function list() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(rows);
}`,
    filename: 'src/api/list.ts',
    settings: {
      healthData: { redaction: { fix: { name: 'redactPatient', import: './security/redact' } } },
    },
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 15,
        endLine: 4,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'wrapInRedaction',
            output: `import { pool } from '../db';
import { redactPatient } from '../../security/redact';
async function list() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(redactPatient(rows));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { pool } = require('./db');
async function list() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(rows);
}`,
    filename: 'list.cjs',
    settings: {
      healthData: { redaction: { fix: { name: 'redactPatient', import: './security/redact' } } },
    },
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 15,
        endLine: 4,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'wrapInRedaction',
            output: `const { pool } = require('./db');
const { redactPatient } = require('./security/redact');
async function list() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  console.log(redactPatient(rows));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { redactPatient } from '../security/redact';
function f(patient) {
  console.log(patient);
}`,
    settings: {
      healthData: { redaction: { fix: { name: 'redactPatient', import: './security/redact' } } },
    },
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 3,
        column: 15,
        endLine: 3,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import { redactPatient } from '../security/redact';
function f(patient) {
  console.log(patient.id);
}`,
          },
          {
            messageId: 'wrapInRedaction',
            output: `import { redactPatient } from '../security/redact';
function f(patient) {
  console.log(redactPatient(patient));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import pino from 'pino';
const logger = pino();
function f(dossier) {
  logger.info({ dossier }, 'charge');
}`,
    settings: {
      healthData: { redaction: { fix: { name: 'redactPatient', import: './security/redact' } } },
    },
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import pino from 'pino';
const logger = pino();
function f(dossier) {
  logger.info({ dossierId: dossier.id }, 'charge');
}`,
          },
          {
            messageId: 'wrapInRedaction',
            output: `import pino from 'pino';
import { redactPatient } from './security/redact';
const logger = pino();
function f(dossier) {
  logger.info({ dossier: redactPatient(dossier) }, 'charge');
}`,
          },
        ],
      },
    ],
  },
  {
    // A property with its own key keeps the key: only the value is wrapped.
    code: `import pino from 'pino';
const logger = pino();
function f(dossier) {
  logger.info({ nir: dossier.nir }, 'charge');
}`,
    settings: {
      healthData: { redaction: { fix: { name: 'redactPatient', import: './security/redact' } } },
    },
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import pino from 'pino';
const logger = pino();
function f(dossier) {
  logger.info({ dossierId: dossier.id }, 'charge');
}`,
          },
          {
            messageId: 'wrapInRedaction',
            output: `import pino from 'pino';
import { redactPatient } from './security/redact';
const logger = pino();
function f(dossier) {
  logger.info({ nir: redactPatient(dossier.nir) }, 'charge');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const resource = { resourceType: 'Patient', name: [{ family: 'Martin' }] };
console.log(resource);`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 13,
        endLine: 2,
        endColumn: 21,
        suggestions: [],
      },
    ],
  },
  {
    code: `function f(patient) {
  console.log(\`statut VIH: \${patient.statutVih}\`);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 49,
        suggestions: [],
      },
    ],
  },
  {
    code: `import winston from 'winston';
const logger = winston.createLogger();
function f(result: LabResult) {
  logger.warn(result);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 4,
        column: 15,
        endLine: 4,
        endColumn: 21,
        suggestions: [],
      },
    ],
  },
  {
    code: `function f(logger, patient) {
  logger.info(JSON.stringify(patient));
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 38,
        suggestions: [],
      },
    ],
  },
  {
    code: `function f(patient) {
  console.log(patient.nom, patient.prenom);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 26,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(patient) {
  console.log(patient.id, patient.prenom);
}`,
          },
        ],
      },
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 28,
        endLine: 2,
        endColumn: 42,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(patient) {
  console.log(patient.nom, patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function f(patient) {
  sentryLog(patient.nir);
}`,
    options: [{ loggers: ['sentryLog'] }],
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 13,
        endLine: 2,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(patient) {
  sentryLog(patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function f(dossier) {
  console.dir(dossier, { depth: null });
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(dossier) {
  console.dir(dossier.id, { depth: null });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `fastify.post('/p', async (request) => {
  const patient = request.body.patient;
  request.log.error({ err: 'x', patient });
});`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 3,
        column: 33,
        endLine: 3,
        endColumn: 40,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `fastify.post('/p', async (request) => {
  const patient = request.body.patient;
  request.log.error({ err: 'x', patientId: patient.id });
});`,
          },
        ],
      },
    ],
  },
  {
    code: `function f(patient: { nir: string }) {
  console.log(patient.nir);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 26,
        suggestions: [],
      },
    ],
  },
  {
    code: `function f(dossier) {
  console.warn('date de naissance', dossier.dateNaissance);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 37,
        endLine: 2,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(dossier) {
  console.warn('date de naissance', dossier.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const patient = { nir: '2 84 05 75 123 456 78', diagnostic: 'HIV positive' };
console.log(patient);`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 13,
        endLine: 2,
        endColumn: 20,
        suggestions: [],
      },
    ],
  },
  // Methods the loggers catalogue knows beyond the usual levels: consola's log types,
  // console.timeLog's data and console.assert's data after the condition.
  {
    code: `import { consola } from 'consola';
function f(patient) {
  consola.success(patient.nir);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 3,
        column: 19,
        endLine: 3,
        endColumn: 30,
        data: {
          sink: 'consola.success',
          data: '`patient.nir` (social security number (NIR))',
        },
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `import { consola } from 'consola';
function f(patient) {
  consola.success(patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function f(patient) {
  console.timeLog('import', patient.nir);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 40,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(patient) {
  console.timeLog('import', patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function f(ok, patient) {
  console.assert(ok, patient.nir);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function f(ok, patient) {
  console.assert(ok, patient.id);
}`,
          },
        ],
      },
    ],
  },
  // Sink summaries (issue 19): the call hands patient data to a function that logs it.
  {
    code: `function logFailure(step, detail) {
  console.error(\`\${step} failed\`, JSON.stringify(detail));
}
function f(patient: Patient) {
  logFailure('import', patient);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        data: {
          sink: 'logFailure()',
          data: 'patient record from `patient`',
        },
        line: 5,
        column: 24,
        endLine: 5,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `function logFailure(step, detail) {
  console.error(\`\${step} failed\`, JSON.stringify(detail));
}
function f(patient: Patient) {
  logFailure('import', patient.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const fail = (why) => { throw new ValidationError(\`rejected: \${why}\`); };
function f(patient: Patient) {
  if (!patient.identifier) fail(patient.name);
}`,
    errors: [{ messageId: 'patientDataInError', line: 3, column: 33 }],
  },
  {
    // The parameter is patient data by its type: reported once, inside.
    code: `function logPatient(p: Patient) { console.log(p); }
function f(patient: Patient) { logPatient(patient); }`,
    errors: [{ messageId: 'patientDataInLog', line: 1, column: 47 }],
  },
  // winston's module is its default logger (catalogue: loggers, exports).
  {
    code: `const winston = require('winston');
function f(patient) {
  winston.warn('import failed', patient.nir);
}`,
    errors: [
      {
        messageId: 'patientDataInLog',
        line: 3,
        column: 33,
        endLine: 3,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'replaceWithId',
            output: `const winston = require('winston');
function f(patient) {
  winston.warn('import failed', patient.id);
}`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-patient-data-in-logs', rule, { valid, invalid });

describe('no-patient-data-in-logs messages', () => {
  it('never repeat the patient values that triggered them', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = [
      "const patient = { nir: '284057512345678', diagnostic: 'HIV positive', nom: 'Martin' };",
      'console.log(patient.nir, patient.diagnostic, patient.nom);',
      "const dossier = { nir: '2 84 05 75 123 456 78' };",
      'throw new Error(`bad ${dossier.nir}`);',
    ].join('\n');
    const messages = [...invalid.map((c) => c.code), code].flatMap((source) =>
      linter.verify(
        source,
        [
          {
            files: ['**/*.ts', '**/*.cjs', '**/*.js'],
            languageOptions: { parser: parser as never },
            plugins: { t: { rules: { r: rule as never } } },
            rules: { 't/r': 'error' },
          },
        ],
        'file.ts',
      ),
    );
    assert.ok(messages.filter((m) => m.ruleId === 't/r').length >= 4);
    for (const message of messages) {
      for (const value of SYNTHETIC_VALUES) assert.ok(!message.message.includes(value), value);
    }
  });
});
