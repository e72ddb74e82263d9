import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { linkParents } from '../../src/model/ast';
import { FRAMEWORKS, HTTP_METHODS, REGISTERING_METHODS } from '../../src/model/frameworks';
import { discoverRoutes } from '../../src/model/routes';

/**
 * The framework modules and the one route graph built from them: each framework's creation
 * shapes give its owners their kind, and each registration shape gives routes, middleware and
 * mounts with the same fields whatever the framework.
 */
function routesOf(code: string) {
  const program = parse(code, { range: true, loc: true }) as TSESTree.Program;
  linkParents(program);
  const graph = discoverRoutes(program);
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
      assert.ok(framework.modules.length > 0, framework.name);
      assert.ok(
        framework.verbs.length > 0 || framework.routeObjectMethod,
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
});
