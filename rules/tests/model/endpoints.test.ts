import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { join, relative } from 'node:path';
import { healthModel } from '../../src/model';
import { linkParents } from '../../src/model/ast';
import { classifierFor } from '../../src/model/classifier';
import { discoverControllers } from '../../src/model/decorated-routes';
import { fileRouteOf } from '../../src/model/file-routes';
import {
  type EndpointFile,
  lintedEndpointFile,
  projectEndpointFile,
} from '../../src/model/endpoints/file';
import {
  controllerExposures,
  fileRouteExposures,
  mayDeclareEndpoints,
  mountExposure,
  routeExposure,
} from '../../src/model/endpoints/exposure';
import {
  handlerChecksAuth,
  handlerFunction,
  patientDataTouched,
} from '../../src/model/endpoints/handlers';
import { attachmentsOf } from '../../src/model/endpoints/attachments';
import { discoverRoutes } from '../../src/model/routes';
import { patientTable } from '../../src/model/patient-tables';
import { routeServesPatientData } from '../../src/model/endpoints/patient-data';
import {
  namesHealthCheck,
  namesLogin,
  namesPatientPathWord,
} from '../../src/model/endpoints/words';
import { clearProjectGraphCache, loadModule } from '../../src/model/project-graph';
import { runProbeRule } from './probe';

const FIXTURES = join(__dirname, '..', 'fixtures', 'no-unauthenticated-endpoint');
const classifier = classifierFor();

/** A module judged syntactically, as the model judges a module reached through a mount. */
function moduleFile(code: string, authNames: readonly string[] = []): EndpointFile {
  const program = parse(code, { range: true, loc: true }) as TSESTree.Program;
  linkParents(program);
  return projectEndpointFile({ file: 'src/routes.js', program, text: code }, classifier, authNames);
}

/** The linted file, with its health model (provenance), as the rule sees it. */
function lintedFile<T>(code: string, ask: (f: EndpointFile) => T, filename = 'src/app.ts'): T {
  let answer: T | undefined;
  runProbeRule(
    code,
    (context) => ({
      'Program:exit'(program: TSESTree.Program) {
        const f = lintedEndpointFile(
          context.filename,
          program,
          context.sourceCode.text,
          healthModel(context),
        );
        answer = ask(f);
      },
    }),
    filename,
  );
  return answer as T;
}

/** The handler of the first route of a module. */
function firstHandler(f: EndpointFile) {
  return handlerFunction(f.routes.routes[0]!.handler!, f.program)!;
}

describe('model/endpoints', () => {
  describe('path words', () => {
    it('names login routes by segment or by a word of one, in English and French', () => {
      assert.ok(namesLogin(['api', 'login']));
      assert.ok(namesLogin(['.well-known', 'jwks.json']));
      assert.ok(namesLogin(['oauthCallback']));
      assert.ok(namesLogin(['connexion']));
      assert.ok(!namesLogin(['api', 'patients']));
    });

    it('names health checks and patient path words', () => {
      assert.ok(namesHealthCheck('Healthz'));
      assert.ok(!namesHealthCheck('patients'));
      assert.ok(namesPatientPathWord('resultats'));
      assert.ok(namesPatientPathWord('labResults'));
      assert.ok(!namesPatientPathWord('catalogue'));
    });
  });

  describe('handlers', () => {
    it('finds the function a handler expression is: inline, wrapped or declared at the top', () => {
      const f = moduleFile(`
        const app = require('express')();
        async function show(req, res) {}
        app.get('/a', async (req, res) => {});
        app.get('/b', asyncHandler(async (req, res) => {}));
        app.get('/c', show);
        app.get('/d', controllers.show);
      `);
      const kinds = f.routes.routes.map((r) => handlerFunction(r.handler!, f.program)?.type);
      assert.deepEqual(kinds, [
        'ArrowFunctionExpression',
        'ArrowFunctionExpression',
        'FunctionDeclaration',
        undefined,
      ]);
    });

    it('reads patient tables by SQL text or ORM model, with the line, and not reference data', () => {
      const f = moduleFile(`
        const app = require('express')();
        app.get('/a', async (req, res) => {
          const { rows } = await pool.query('SELECT nom FROM patients WHERE id = $1', [req.params.id]);
          res.json(rows);
        });
        app.get('/b', async (req, res) => res.json(await prisma.patient.findMany()));
        app.get('/c', async (req, res) => res.json(await pool.query('SELECT code FROM catalogue_analyses')));
      `);
      const touched = f.routes.routes.map((r) =>
        patientDataTouched(handlerFunction(r.handler!, f.program)!, f),
      );
      assert.deepEqual(touched, [
        { kind: 'read', table: 'patients', line: 4 },
        { kind: 'read', table: 'patient', line: 7 },
        undefined,
      ]);
    });

    it('handlers ask the model which tables hold patient data (SQL names, ORM models)', () => {
      assert.ok(patientTable('public.patients', classifier) !== undefined);
      assert.ok(patientTable('dossiers', classifier) !== undefined);
      assert.equal(patientTable('catalogue_analyses', classifier), undefined);
      assert.ok(patientTable('patient', classifier) !== undefined);
      assert.equal(patientTable('settings', classifier), undefined);
      // Reference data is no patient table for this rule either (one answer in the model).
      assert.equal(patientTable('patient_types', classifier), undefined);
    });

    it('in the linted file, sees a response carrying patient data through provenance', () => {
      const touched = lintedFile(
        `import express from 'express';
         const app = express();
         app.post('/x', (req, res) => { const patient = cache.get(req.params.id); res.json({ diagnosis: patient.diagnosis }); });`,
        (f) => patientDataTouched(firstHandler(f), f),
      );
      assert.equal(touched?.kind, 'response');
      // Echoing a field the client sent is no evidence: the client has it already.
      const echoed = lintedFile(
        `import express from 'express';
         const app = express();
         app.post('/x', (req, res) => { const diagnosis = req.body.diagnosis; res.json({ diagnosis }); });`,
        (f) => patientDataTouched(firstHandler(f), f),
      );
      assert.equal(echoed, undefined);
    });

    it('sees a session check that ends the request before patient data is read', () => {
      const checks = (body: string, authNames: readonly string[] = []) => {
        const f = moduleFile(
          `const app = require('express')();\napp.get('/p', async (req, res) => {${body}});`,
          authNames,
        );
        return handlerChecksAuth(firstHandler(f), f);
      };
      const read = `const { rows } = await pool.query('SELECT * FROM patients'); res.json(rows);`;
      assert.ok(checks(`if (!req.user) return res.sendStatus(401); ${read}`));
      assert.ok(checks(`if (!ok) { return res.status(403).end(); } ${read}`));
      assert.ok(checks(`const user = await requireUser(req); ${read}`));
      assert.ok(checks(`await staffOnly(req); ${read}`, ['staffOnly']));
      assert.ok(!checks(`${read} if (!req.user) return res.sendStatus(401);`));
      assert.ok(!checks(read));
    });
  });

  describe('routes serving patient data', () => {
    const f = moduleFile(`
      const app = require('express')();
      app.get('/x', async (req, res) => res.json(await prisma.patient.findMany()));
    `);
    const reads = f.routes.routes[0]!.handler;

    it('names the path segment when the path says so', () => {
      assert.deepEqual(routeServesPatientData('/api/patients/:id', undefined, f), {
        kind: 'path',
        segment: 'patients',
      });
      assert.deepEqual(routeServesPatientData('/fhir/Observation', undefined, f), {
        kind: 'path',
        segment: 'Observation',
      });
      assert.equal(routeServesPatientData('/api/catalogue', undefined, f), undefined);
    });

    it('else what the handler reads, except on login and health-check routes', () => {
      assert.equal(routeServesPatientData('/api/items', reads, f)?.kind, 'read');
      assert.equal(routeServesPatientData('/auth/login', reads, f), undefined);
      assert.equal(routeServesPatientData('/healthz', reads, f), undefined);
    });
  });

  describe('exposure of the linted file', () => {
    const exposures = (code: string) =>
      lintedFile(code, (f) =>
        f.routes.routes.map((route) => {
          const exposure = routeExposure(route, f);
          return (
            exposure && `${exposure.kind} ${exposure.path} ${exposure.laterAuth ? 'later' : ''}`
          );
        }),
      );

    it('tells a cheap bail-out from files that may declare endpoints', () => {
      assert.ok(!mayDeclareEndpoints('src/util.ts', 'export const x = 1;'));
      assert.ok(mayDeclareEndpoints('src/app.ts', "app.get('/p', h)"));
      assert.ok(mayDeclareEndpoints('pages/api/patients.ts', 'export default h'));
    });

    it('reports a route with nothing authenticating it, and not one after `use(auth)`', () => {
      assert.deepEqual(
        exposures(`import express from 'express';
          const app = express();
          app.get('/api/patients', (req, res) => res.json([]));
          app.use(requireAuth);
          app.get('/api/dossiers', (req, res) => res.json([]));
          app.get('/api/catalogue', (req, res) => res.json([]));`),
        ['exposed /api/patients later', undefined, undefined],
      );
    });

    it('follows a router mounted in the file to its full path and its mount authentication', () => {
      assert.deepEqual(
        exposures(`import express from 'express';
          const app = express();
          const open = express.Router();
          const closed = express.Router();
          open.get('/patients', (req, res) => res.json([]));
          closed.get('/patients', (req, res) => res.json([]));
          app.use('/v1', open);
          app.use('/v2', requireAuth, closed);`),
        ['exposed /v1/patients ', undefined],
      );
    });

    it('finds a guardless controller route and a public opt-out', () => {
      const found = lintedFile(
        `import { Controller, Get } from '@nestjs/common';
         @Controller('patients')
         export class PatientsController {
           @Get(':id') findOne() {}
           @Public() @Get() findAll() {}
         }`,
        (f) =>
          discoverControllers(f.program).flatMap((c) =>
            controllerExposures(c, f).map(
              (e) => `${e.route.method} ${e.route.path} ${e.publicDecorator ?? ''}`,
            ),
          ),
      );
      assert.deepEqual(found, ['GET /patients/:id ', 'GET /patients Public']);
    });

    it('finds file-route handlers with no session check', () => {
      const found = lintedFile(
        `export default async function handler(req, res) {
           res.json(await prisma.patient.findMany());
         }`,
        (f) => fileRouteExposures(fileRouteOf(f.file)!, f).map((e) => e.evidence.kind),
        'pages/api/patients.ts',
      );
      assert.deepEqual(found, ['path']);
      const checked = lintedFile(
        `export default async function handler(req, res) {
           const session = await getSession({ req });
           if (!session) return res.status(401).end();
           res.json(await prisma.patient.findMany());
         }`,
        (f) => fileRouteExposures(fileRouteOf(f.file)!, f),
        'pages/api/patients.ts',
      );
      assert.deepEqual(checked, []);
    });
  });

  describe('routers across files', () => {
    beforeEach(() => clearProjectGraphCache());

    it('a mount exposes the first unauthenticated patient-data route of the mounted router', () => {
      const app = loadModule(join(FIXTURES, 'express-mounted', 'app.js'))!;
      const f = projectEndpointFile(app, classifier, []);
      // The admin router is authenticated at its mount, the catalogue serves reference data.
      const found = f.routes.mounts.flatMap((mount) => {
        const exposure = mountExposure(mount, f);
        if (!exposure) return [];
        return [
          {
            router: exposure.foreign.owner.name,
            from: exposure.foreign.specifier,
            route: `${exposure.exposed.method} ${exposure.exposed.path}`,
            file: relative(FIXTURES, exposure.exposed.file).split('\\').join('/'),
            line: exposure.exposed.loc.start.line,
          },
        ];
      });
      assert.deepEqual(found, [
        {
          router: 'router',
          from: './routes/patients',
          route: 'get /api/patients/:id',
          file: 'express-mounted/routes/patients.js',
          line: 6,
        },
      ]);
    });

    it('finds the modules of the project that mount a router, with the owner that serves it', () => {
      const file = join(FIXTURES, 'express-mounted', 'routes', 'patients.js');
      const module = loadModule(file)!;
      const router = [...discoverRoutes(module.program).owners.values()].find(
        (o) => o.name === 'router',
      )!;
      const attachments = attachmentsOf(router, projectEndpointFile(module, classifier, []));
      assert.deepEqual(
        attachments.map((a) => ({
          file: relative(FIXTURES, a.file.file).split('\\').join('/'),
          parent: a.parent.name,
          path: a.path,
          line: a.call.loc.start.line,
        })),
        [{ file: 'express-mounted/app.js', parent: 'app', path: '/api/patients', line: 10 }],
      );
    });
  });
});
