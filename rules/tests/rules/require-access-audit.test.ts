import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import rule from '../../src/rules/require-access-audit';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

const q =
  "const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);";

const valid: (string | ValidTestCase<[]>)[] = [
  // Audit calls in the handler: built-in vocabulary, before or after the read.
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  audit.record('patient.read', { actor: req.user.id, patientId: req.params.id });\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  ${q}\n  await auditLog('patient.read', req.user.id, req.params.id);\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  logAccess(req.user, 'patient', req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  await recordAccess({ user: req.user.id, patientId: req.params.id });\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  emitSecurityEvent('patient.read', req.user.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  journaliser('lecture dossier', req.user.id, req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  tracerAcces(req.user.id, req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  await this.auditService.log('patient.read', req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  // Loggers on the audit channel.
  `import express from 'express';\nconst auditLogger = logger.child({ channel: 'audit' });\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  const log = auditLogger;\n  log.info({ actor: req.user.id, patientId: req.params.id }, 'patient.read');\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst journal = pino({ name: 'sil-audit' });\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  journal.info({ actor: req.user.id, patientId: req.params.id });\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  logger.child({ channel: 'audit' }).info({ patientId: req.params.id });\n  ${q}\n  res.json(rows[0]);\n});`,
  // Loggers named for the audit channel by their factory's first argument (catalogue: loggers).
  `import express from 'express';\nimport log4js from 'log4js';\nconst trail = log4js.getLogger('audit');\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  trail.info('patient.read', req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nimport { Logger } from '@nestjs/common';\nconst trail = new Logger('Audit');\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  trail.log('patient.read', req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  logger.log('audit', 'patient.read', { patientId: req.params.id });\n  ${q}\n  res.json(rows[0]);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  logger.info('patient.read', { audit: true, patientId: req.params.id });\n  ${q}\n  res.json(rows[0]);\n});`,
  // Audit middleware on the route or the router, Fastify hooks, NestJS interceptors.
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id', requireAuth, auditAccess('patient.read'), async (req, res) => {\n  ${q}\n  res.json(rows[0]);\n});`,
  `import { Router } from 'express';\nexport const router = Router();\nrouter.use(auditTrail);\nrouter.get('/:id', async (req, res) => {\n  ${q}\n  res.json(rows[0]);\n});`,
  `import Fastify from 'fastify';\nconst app = Fastify();\napp.route({\n  method: 'GET',\n  url: '/dossiers/:id',\n  onResponse: [auditHook],\n  handler: async (request) => prisma.dossier.findUnique({ where: { id: request.params.id } }),\n});`,
  `import { Controller, Get, UseInterceptors } from '@nestjs/common';\n@Controller('patients')\n@UseInterceptors(AuditInterceptor)\nexport class PatientsController {\n  constructor(private readonly prisma: PrismaClient) {}\n  @Get(':id')\n  findOne(id: string) {\n    return this.prisma.patient.findUnique({ where: { id } });\n  }\n}`,
  `import { Controller, Get } from '@nestjs/common';\n@Controller('patients')\nexport class PatientsController {\n  constructor(private readonly prisma: PrismaClient, private readonly audit: AuditService) {}\n  @Get(':id')\n  async findOne(id: string) {\n    await this.audit.record('patient.read', id);\n    return this.prisma.patient.findUnique({ where: { id } });\n  }\n}`,
  // The configured audit function, by name or dotted chain.
  {
    code: `import express from 'express';\nconst app = express();\napp.get('/patients/:id', async (req, res) => {\n  journal.ecrire('lecture', req.params.id);\n  ${q}\n  res.json(rows[0]);\n});`,
    settings: { healthData: { audit: { functions: ['journal.ecrire'] } } },
  },
  {
    code: `export async function exportPatients(pool: Pool, operateur: string) {\n  await this.siem.push('export', operateur);\n  return pool.query('SELECT nom FROM patients');\n}`,
    settings: { healthData: { audit: { functions: ['push'] } } },
  },
  // Export routines with an audit event.
  `export async function exportPatients(pool: Pool, operateur: string) {\n  audit.record('patient.export', { actor: operateur });\n  const { rows } = await pool.query('SELECT id, nom FROM patients');\n  return rows;\n}`,
  `export class PatientExporter {\n  async run(pool: Pool, operateur: string) {\n    await auditLog('export', operateur);\n    const { rows } = await pool.query('SELECT id, nom FROM patients');\n    return rows;\n  }\n}`,
  // No patient read: reference data, counts of nothing, health checks.
  `import express from 'express';\nconst app = express();\napp.get('/catalogue/analyses', async (_req, res) => {\n  const { rows } = await pool.query('SELECT code, libelle FROM catalogue_analyses');\n  res.json(rows);\n});`,
  `import express from 'express';\nconst app = express();\napp.get('/health', (_req, res) => {\n  res.json({ status: 'ok' });\n});`,
  // Reads outside routes and export code are for the other rules.
  `export async function findPatient(pool: Pool, id: string) {\n  const { rows } = await pool.query('SELECT nom FROM patients WHERE id = $1', [id]);\n  return rows[0];\n}`,
  `export async function exportCatalogue(pool: Pool) {\n  return pool.query('SELECT code, libelle FROM catalogue_analyses');\n}`,
  // Half-typed code never crashes the rule.
  `import express from 'express';\nconst app = express();\napp.get('/patients/:id');\napp.get();`,
];

const invalid: InvalidTestCase<'routeWithoutAudit' | 'exportWithoutAudit', []>[] = [
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 107,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { Router } from 'express';
export const router = Router();
router.get('/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows);
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 107,
        suggestions: [],
      },
    ],
  },
  {
    code: `const express = require('express');
const app = express();
app.post('/dossiers/search', async (req, res) => {
  const dossiers = await db.dossier.findMany({ where: req.body });
  res.json(dossiers);
});`,
    filename: 'server.js',
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 66,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients', requireAuth, async (_req, res) => {
  res.json(await Patient.findAll({ attributes: ['id', 'nom'] }));
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 64,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  logger.info('patient read', { id: req.params.id });
  res.json(await prisma.patient.findUnique({ where: { id: req.params.id } }));
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 77,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', (req, res) => {
  pool.query('SELECT nir FROM patients WHERE id = $1', [req.params.id], (err, result) => {
    res.json(result.rows);
  });
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 3,
        endLine: 6,
        endColumn: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/patients/:id', async (request) => prisma.patient.findUnique({ where: { id: request.params.id } }));`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 3,
        column: 45,
        endLine: 3,
        endColumn: 108,
        suggestions: [],
      },
    ],
  },
  {
    code: `import Fastify from 'fastify';
const app = Fastify();
app.route({
  method: 'GET',
  url: '/dossiers/:id',
  preHandler: [app.authenticate],
  handler: async (request) => prisma.dossier.findUnique({ where: { id: request.params.id } }),
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 7,
        column: 31,
        endLine: 7,
        endColumn: 94,
        suggestions: [],
      },
    ],
  },
  {
    code: `import Router from '@koa/router';
const router = new Router();
router.get('/patients/:id', async (ctx) => {
  ctx.body = await knex('patients').where({ id: ctx.params.id }).first();
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 73,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { Controller, Get, Param } from '@nestjs/common';
@Controller('patients')
export class PatientsController {
  constructor(private readonly prisma: PrismaClient) {}
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.prisma.patient.findUnique({ where: { id } });
  }
}`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 7,
        column: 12,
        endLine: 7,
        endColumn: 61,
        suggestions: [],
      },
    ],
  },
  // Controller routes come from model/frameworks/nestjs.ts, as for no-unauthenticated-endpoint:
  // a path in an options object, slashes around the paths joined once.
  {
    code: `import { Controller, Get } from '@nestjs/common';
@Controller('/patients/')
export class PatientsController {
  constructor(private readonly prisma: PrismaClient) {}
  @Get({ path: ':id/' })
  findOne(id: string) {
    return this.prisma.patient.findUnique({ where: { id } });
  }
}`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 7,
        data: {
          method: 'GET',
          path: '/patients/:id',
          data: 'patient records of `patient`',
        },
      },
    ],
  },
  {
    code: `import { Controller, Get, UseGuards } from '@nestjs/common';
@Controller('dossiers')
@UseGuards(JwtAuthGuard)
export class DossiersController {
  constructor(private readonly repo: DossierRepository) {}
  @Get()
  async list() {
    return this.repo.dossier.findMany();
  }
}`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 8,
        column: 12,
        endLine: 8,
        endColumn: 40,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  const tracer = trace.getTracer('lis');
  tracer.startSpan('read');
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 6,
        column: 26,
        endLine: 6,
        endColumn: 107,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  const log = logger.child({ channel: 'http' });
  log.info('read');
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 6,
        column: 26,
        endLine: 6,
        endColumn: 107,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
function auditPatient(id: string) { audit.record('patient.read', { id }); }
app.get('/patients/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 107,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function exportPatients(pool: Pool) {
  const { rows } = await pool.query('SELECT id, nom, nir FROM patients');
  return rows;
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 2,
        column: 26,
        endLine: 2,
        endColumn: 73,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function migrerDossiers(laboratoireId: number) {
  return db.dossier.findMany({ where: { laboratoireId } });
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 59,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class PatientExporter {
  async run(pool: Pool) {
    const { rows } = await pool.query('SELECT id, nom FROM patients');
    return rows;
  }
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 3,
        column: 28,
        endLine: 3,
        endColumn: 70,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function run(pool: Pool) {
  const { rows } = await pool.query('SELECT id, nom FROM patients');
  return rows;
}`,
    filename: 'src/migration/run.ts',
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 2,
        column: 26,
        endLine: 2,
        endColumn: 68,
        suggestions: [],
      },
    ],
  },
  {
    code: `const { rows } = await pool.query('SELECT * FROM patients');
await writeFile('extract.csv', toCsv(rows));`,
    filename: 'scripts/export-patients.mjs',
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 60,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function extractPatients(sql: Sql) {
  return sql\`SELECT id, nom FROM patients WHERE lab = \${1}\`;
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 60,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function transfertResultats(pool: Pool) {
  const audited = false;
  const { rows } = await pool.query('SELECT nom, date_naissance FROM patients');
  return audited ? [] : rows;
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 3,
        column: 26,
        endLine: 3,
        endColumn: 80,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function exportPatients(pool: Pool) {
  logger.info('export start', { channel: 'metrics' });
  return pool.query('SELECT nom FROM patients');
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 3,
        column: 10,
        endLine: 3,
        endColumn: 48,
        suggestions: [],
      },
    ],
  },
  {
    code: `export async function exportPatients(pool: Pool) {
  const rows = await pool.query('SELECT nom FROM patients');
  return rows;
}
export function auditExport(actor: string) {
  audit.record('export', { actor });
}`,
    errors: [
      {
        messageId: 'exportWithoutAudit',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 60,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});
app.get('/dossiers/:id', async (req, res) => {
  res.json(await prisma.dossier.findUnique({ where: { id: req.params.id } }));
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 107,
        suggestions: [],
      },
      {
        messageId: 'routeWithoutAudit',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 77,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  audit.record('patient.read', { id: req.params.id });
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});
app.get('/patients/:id/nir', async (req, res) => {
  res.json(await pool.query('SELECT nir FROM patients WHERE id = $1', [req.params.id]));
});`,
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 9,
        column: 18,
        endLine: 9,
        endColumn: 87,
        suggestions: [],
      },
    ],
  },
  {
    code: `import express from 'express';
const app = express();
app.get('/patients/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, nom, prenom FROM patients WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    settings: { healthData: { audit: { functions: ['journal.ecrire'] } } },
    errors: [
      {
        messageId: 'routeWithoutAudit',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 107,
        suggestions: [],
      },
    ],
  },
];

ruleTester.run('require-access-audit', rule, { valid, invalid });

describe('require-access-audit messages', () => {
  it('name the route or routine and the tables read, never a value from the request or the rows', () => {
    const linter = new Linter({ configType: 'flat' });
    for (const { code, filename, settings } of invalid) {
      const withValue = code.replace('req.params.id', "'284053523804553'");
      const messages = linter.verify(
        withValue,
        [
          {
            files: ['**/*.{ts,tsx,js,cjs,mjs}'],
            plugins: {
              'health-data': { rules: { 'require-access-audit': rule } },
            } as unknown as Linter.Config['plugins'],
            languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
            settings: (settings ?? {}) as Linter.Config['settings'],
            rules: { 'health-data/require-access-audit': 'error' },
          },
        ],
        filename ?? 'file.ts',
      );
      assert.ok(messages.length > 0 && !messages[0]!.fatal, `${code}: ${messages[0]?.message}`);
      for (const message of messages) {
        assert.ok(!message.message.includes('284053523804553'), message.message);
        assert.match(message.message, /patient records of `[^`]+`/);
      }
    }
  });
});
