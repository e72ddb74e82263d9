import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { join } from 'node:path';
import { linkParents } from '../../src/model/ast';
import {
  declaresGlobalGuard,
  decoratorsGuard,
  discoverControllers,
  hasGlobalGuard,
  mentionsControllers,
  publicMarker,
} from '../../src/model/decorated-routes';
import {
  fileRouteHandlers,
  fileRouteOf,
  matcherRegExp,
  middlewareCovers,
} from '../../src/model/file-routes';
import { FRAMEWORKS, HTTP_METHODS, REGISTERING_METHODS } from '../../src/model/frameworks';
import { nestjs } from '../../src/model/frameworks/nestjs';
import { discoverRoutes } from '../../src/model/routes';

const FIXTURES = join(__dirname, '..', 'fixtures', 'no-unauthenticated-endpoint');

function programOf(code: string): TSESTree.Program {
  const program = parse(code, { range: true, loc: true }) as TSESTree.Program;
  linkParents(program);
  return program;
}

/**
 * The framework modules and the one route graph built from them: each framework's creation
 * shapes give its owners their kind, and each registration shape gives routes, middleware and
 * mounts with the same fields whatever the framework.
 */
function routesOf(code: string) {
  const graph = discoverRoutes(programOf(code));
  return {
    owners: Object.fromEntries([...graph.owners.values()].map((o) => [o.name, o.kind])),
    routes: graph.routes.map((r) => `${r.owner.name} ${r.method.toUpperCase()} ${r.path ?? '?'}`),
    uses: graph.uses.map(
      (u) => `${u.owner.name} ${u.path ?? '*'} ${u.orderIndependent ? 'always' : 'in order'}`,
    ),
    mounts: graph.mounts.map(
      (m) => `${m.parent.name} ${m.path ?? '/'} <- ${m.childOwner?.name ?? '?'}`,
    ),
  };
}

describe('frameworks', () => {
  it('each framework module names its modules and at least one way to register a route', () => {
    for (const framework of FRAMEWORKS) {
      // Decorated and file routes are not created by calling a module's bindings.
      const declarative = framework.decorators ?? framework.fileRoutes;
      assert.ok(framework.modules.length > 0 || declarative, framework.name);
      assert.ok(
        framework.verbs.length > 0 || framework.routeObjectMethod || declarative,
        `${framework.name} registers no route`,
      );
    }
    assert.ok(HTTP_METHODS.has('del') && HTTP_METHODS.has('opts'));
    assert.ok(REGISTERING_METHODS.has('applyRoutes') && REGISTERING_METHODS.has('pre'));
  });

  it('Express: apps, routers, chained routes and mounts', () => {
    const graph = routesOf(`import express, { Router } from 'express';
const app = express();
const api = Router();
const other = express.Router();
api.route('/patients/:id').get(h).put(h);
app.use('/api', requireAuth, api);`);
    assert.deepEqual(graph.owners, { app: 'express', api: 'router', other: 'router' });
    assert.deepEqual(graph.routes.sort(), ['api GET /patients/:id', 'api PUT /patients/:id']);
    assert.deepEqual(graph.mounts, ['app /api <- api']);
  });

  it('Fastify: options hooks, route objects, addHook and encapsulated plugins', () => {
    const graph = routesOf(`const fastify = require('fastify')();
fastify.addHook('onRequest', fastify.authenticate);
fastify.get('/patients', { preHandler: [check] }, h);
fastify.route({ method: 'POST', url: '/patients', handler: h });
fastify.register(fp(async (child) => { child.get('/x', h); }), { prefix: '/v1' });`);
    assert.equal(graph.owners.fastify, 'fastify');
    assert.equal(graph.owners.child, 'fastify');
    assert.deepEqual(graph.routes, [
      'fastify GET /patients',
      'fastify POST /patients',
      'child GET /x',
    ]);
    assert.deepEqual(graph.uses, ['fastify * always']);
    assert.deepEqual(graph.mounts, ['fastify /v1 <- child']);
  });

  it('Koa with @koa/router: named routes and router.routes() mounts', () => {
    const graph = routesOf(`import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('patient', '/patients/:id', h);
router.del('/patients/:id', h);
app.use(router.routes());`);
    assert.deepEqual(graph.owners, { app: 'koa', router: 'router' });
    assert.deepEqual(graph.routes, ['router GET /patients/:id', 'router DEL /patients/:id']);
    assert.deepEqual(graph.mounts, ['app / <- router']);
  });

  it('Hono and hapi', () => {
    const hono = routesOf(`import { Hono } from 'hono';
const app = new Hono();
const api = new Hono();
api.get('/patients', h);
app.route('/api', api);`);
    assert.deepEqual(hono.owners, { app: 'hono', api: 'hono' });
    assert.deepEqual(hono.mounts, ['app /api <- api']);
    const hapi = routesOf(`const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
server.auth.default('jwt');
server.route({ method: 'GET', path: '/patients', options: { handler: h } });`);
    assert.deepEqual(hapi.owners, { server: 'hapi' });
    assert.deepEqual(hapi.routes, ['server GET /patients']);
  });

  it('restify: routes by path or by options, use in order, pre always, restify-router mounts', () => {
    const graph = routesOf(`const restify = require('restify');
const Router = require('restify-router').Router;
const server = restify.createServer();
const router = new Router();
server.pre(verifyToken);
server.use(restify.plugins.bodyParser());
server.get({ path: '/patients/:id', name: 'patient' }, h);
server.opts('/patients', h);
router.post('/', h);
router.applyRoutes(server, '/dossiers');`);
    assert.equal(graph.owners.server, 'restify');
    assert.equal(graph.owners.router, 'router');
    assert.deepEqual(graph.routes, [
      'server GET /patients/:id',
      'server OPTS /patients',
      'router POST /',
    ]);
    assert.deepEqual(graph.uses, ['server * always', 'server * in order']);
    assert.deepEqual(graph.mounts, ['server /dossiers <- router']);
  });

  it('http.createServer is not a restify server', () => {
    const graph = routesOf(`import http from 'node:http';
const server = http.createServer(app);`);
    assert.deepEqual(graph.owners, {});
  });

  it('NestJS: controllers, their routes with verb and full path', () => {
    const program = programOf(`import { Controller, Get, Post, Delete } from '@nestjs/common';
@Controller('/patients/')
export class PatientsController {
  @Get(':id') findOne() {}
  @Post() create() {}
  @Delete({ path: ':id/' }) remove() {}
  helper() {}
}
@Controller()
class RootController {
  @Get('health') check() {}
}
export class NotAController {
  @Get('x') x() {}
}`);
    const controllers = discoverControllers(program);
    assert.deepEqual(
      controllers.map((c) => [c.cls.id?.name, c.routes.map((r) => `${r.method} ${r.path}`)]),
      [
        ['PatientsController', ['GET /patients/:id', 'POST /patients', 'DELETE /patients/:id']],
        ['RootController', ['GET /health']],
      ],
    );
    assert.ok(mentionsControllers("@Controller('x')") && !mentionsControllers('controller'));
  });

  it('NestJS: guards authenticate unless they only limit rate, public markers opt out', () => {
    const [controller] = discoverControllers(
      programOf(`@Controller('dossiers')
@UseGuards(ThrottlerGuard)
@ApiBearerAuth()
export class DossiersController {
  @Get() @UseGuards(JwtAuthGuard) list() {}
  @Get(':id') @Auth(Role.Medecin) one() {}
  @Get('open') @Public() open() {}
  @Get('meta') @SetMetadata(IS_PUBLIC_KEY, true) meta() {}
  @Post() @UseGuards(new ThrottlerGuard()) create() {}
}`),
    );
    const guarded = (decorators: Parameters<typeof decoratorsGuard>[0]) =>
      decoratorsGuard(decorators, nestjs.decorators!, []);
    assert.equal(guarded(controller!.cls.decorators), false);
    assert.deepEqual(
      controller!.routes.map((r) => guarded(r.member.decorators)),
      [true, true, false, false, false],
    );
    assert.deepEqual(
      controller!.routes.map((r) => publicMarker(r.member.decorators, nestjs.decorators!)),
      [undefined, undefined, 'Public', 'SetMetadata', undefined],
    );
  });

  it('NestJS: global guards by useGlobalGuards or an APP_GUARD provider, across the project', () => {
    const global = (code: string) => declaresGlobalGuard(programOf(code), nestjs.decorators!);
    assert.ok(global('app.useGlobalGuards(new JwtAuthGuard());'));
    assert.ok(global('const m = { providers: [{ provide: APP_GUARD, useClass: RolesGuard }] };'));
    assert.ok(!global('app.useGlobalGuards(new ThrottlerGuard());'));
    assert.ok(
      !global('const m = { providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }] };'),
    );
    assert.ok(
      hasGlobalGuard(
        join(FIXTURES, 'nest-global', 'src', 'patients.controller.ts'),
        nestjs.decorators!,
      ),
    );
    assert.ok(
      !hasGlobalGuard(
        join(FIXTURES, 'next-open', 'pages', 'api', 'patients.js'),
        nestjs.decorators!,
      ),
    );
  });

  it('Next.js: the path a route file serves, its router and project folder', () => {
    const of = (file: string) => {
      const route = fileRouteOf(file);
      return route && `${route.router.name} ${route.path} in ${route.root}`;
    };
    assert.equal(of('web/pages/api/patients/index.ts'), 'pages /api/patients in web');
    assert.equal(of('web/src/pages/api/v1/[id].ts'), 'pages /api/v1/:id in web');
    assert.equal(of('pages/api/files/[...path].js'), 'pages /api/files/:path in /');
    assert.equal(of('app/(lab)/api/resultats/[id]/route.ts'), 'app /api/resultats/:id in /');
    assert.equal(of('app/@modal/api/[[...slug]]/route.js'), 'app /api/:slug in /');
    assert.equal(of('pages/patients/[id].tsx'), undefined);
    assert.equal(of('app/patients/page.tsx'), undefined);
  });

  it('Next.js: the exports that handle requests', () => {
    const handlers = (file: string, code: string) =>
      fileRouteHandlers(programOf(code), fileRouteOf(file)!).map(
        (h) => `${h.method ?? '*'} ${h.id?.name ?? h.value.type}`,
      );
    assert.deepEqual(
      handlers(
        'pages/api/patients.ts',
        'export const GET = h;\nexport default withAuth(async (req, res) => {});',
      ),
      ['* CallExpression'],
    );
    assert.deepEqual(
      handlers(
        'app/api/patients/route.ts',
        'export async function GET() {}\nexport const POST = withAuth(h), revalidate = 0;\nexport function HEAD() {}\nexport default h;',
      ),
      ['GET GET', 'POST POST'],
    );
  });

  it('Next.js: middleware matchers and whether the middleware covers a route', () => {
    assert.ok(matcherRegExp('/api/:path*')!.test('/api/patients/1'));
    assert.ok(!matcherRegExp('/dashboard/:path*')!.test('/api/patients'));
    assert.ok(matcherRegExp('/((?!_next|favicon.ico).*)')!.test('/api/patients'));
    assert.ok(!matcherRegExp('/about/:id')!.test('/about/a/b'));
    const covers = (project: string, file: string) =>
      middlewareCovers(fileRouteOf(join(FIXTURES, project, file))!, []);
    assert.ok(covers('next-middleware', 'pages/api/patients.js'));
    assert.ok(covers('next-middleware', 'app/api/resultats/route.js'));
    assert.ok(!covers('next-open', 'pages/api/patients.js'));
  });
});
