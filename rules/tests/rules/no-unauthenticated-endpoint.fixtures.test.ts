import { ESLint, type Linter } from 'eslint';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import plugin from '../../src/index';
import { clearProjectGraphCache } from '../../src/model/project-graph';

const FIXTURES = join(__dirname, '..', 'fixtures', 'no-unauthenticated-endpoint');
const RULE = 'health-data/no-unauthenticated-endpoint';

function eslintFor(cwd: string, strict: boolean): ESLint {
  const preset = (strict ? plugin.configs.strict : plugin.configs.recommended) as Linter.Config[];
  const severity = preset[0]!.rules?.[RULE];
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        ...preset[0],
        rules: { [RULE]: severity ?? 'error' },
        linterOptions: { noInlineConfig: true },
      },
      ...preset.slice(1),
    ],
  });
}

/** `file:line:column messageId` of every finding of the rule in a fixture project. */
async function findings(project: string, strict = false): Promise<string[]> {
  clearProjectGraphCache();
  const cwd = join(FIXTURES, project);
  const results = await eslintFor(cwd, strict).lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === RULE || m.fatal)
        .map(
          (m) =>
            `${relative(cwd, result.filePath).split('\\').join('/')}:${m.line}:${m.column} ${m.ruleId === RULE ? m.messageId : m.message}`,
        ),
    )
    .sort();
}

describe('no-unauthenticated-endpoint across files (ESLint API on fixture projects)', () => {
  it('reports a router from another module where it is mounted and at its routes', async () => {
    assert.deepEqual(await findings('express-mounted'), [
      'app.js:10:26 mountedWithoutAuth',
      'routes/patients.js:6:1 attachedWithoutAuth',
    ]);
  });

  it('judges a route by the controller and service methods it hands the request to', async () => {
    assert.deepEqual(await findings('express-controllers'), [
      'app.ts:10:23 mountedWithoutAuth',
      'app.ts:11:1 unauthenticated',
      'routes/notes.js:5:1 attachedWithoutAuth',
      'routes/users.ts:7:3 attachedWithoutAuth',
      'routes/users.ts:9:3 attachedWithoutAuth',
    ]);
    clearProjectGraphCache();
    const cwd = join(FIXTURES, 'express-controllers');
    const [result] = await eslintFor(cwd, false).lintFiles(['routes/users.ts']);
    assert.deepEqual(
      result!.messages.map((m) => m.message.replace(/; `.*$/, '')),
      [
        'GET /users/measures/:id serves patient data (reads `patient_measures`)',
        'GET /users/history/:id serves patient data (reads `consultations`)',
      ],
    );
  });

  it('names the mount in the message of each route', async () => {
    clearProjectGraphCache();
    const cwd = join(FIXTURES, 'express-mounted');
    const [result] = await eslintFor(cwd, false).lintFiles(['routes/patients.js']);
    const [message] = result!.messages;
    assert.equal(
      message!.message,
      'GET /api/patients/:id serves patient data (reads `patients`); `../app.js` mounts it unauthenticated.',
    );
  });

  it('follows a registrar module to the app it is called with (module.exports = (app) => …)', async () => {
    assert.deepEqual(await findings('express-registrar'), [
      'routes/patients.js:5:3 attachedWithoutAuth',
    ]);
  });

  it('accepts a registrar called on an app that authenticates first', async () => {
    assert.deepEqual(await findings('express-registrar-protected'), []);
    assert.deepEqual(await findings('express-registrar-protected', true), []);
  });

  it('follows registrars of a router returned by a factory and mounted through a chain of use()', async () => {
    assert.deepEqual(await findings('express-factory'), [
      'src/routes/users/patients.js:5:3 attachedWithoutAuth',
      'src/routes/users/patients.js:6:3 attachedWithoutAuth',
    ]);
  });

  it('follows a default-export registrar that mounts its own router on the app it receives', async () => {
    // `/export-dataset`: an export word in the path is evidence of its own.
    assert.deepEqual(await findings('registrar-ts'), [
      'src/routes/routes.ts:6:3 attachedWithoutAuth',
      'src/routes/routes.ts:9:3 attachedWithoutAuth',
    ]);
  });

  it('sees ORM and query-builder reads and writes in a mounted module (the catalogue)', async () => {
    assert.deepEqual(await findings('express-orm-mounted'), [
      'app.js:10:20 mountedWithoutAuth',
      'app.js:9:20 mountedWithoutAuth',
      'routes/imports.js:7:1 attachedWithoutAuth',
      'routes/patients.js:7:1 attachedWithoutAuth',
    ]);
  });

  it('names the router and the exposed route in the message', async () => {
    clearProjectGraphCache();
    const cwd = join(FIXTURES, 'express-mounted');
    const [result] = await eslintFor(cwd, false).lintFiles(['app.js']);
    assert.match(
      result!.messages[0]!.message,
      /Router `router` serves patient data \(GET \/api\/patients\/:id\)/,
    );
  });

  it('keeps the strict preset to the same findings on routers whose mount it found', async () => {
    assert.deepEqual(await findings('express-mounted', true), [
      'app.js:10:26 mountedWithoutAuth',
      'routes/patients.js:6:1 attachedWithoutAuth',
    ]);
  });

  it('accepts a router mounted after app.use(auth), through an index file and ESM imports', async () => {
    assert.deepEqual(await findings('express-protected'), []);
    assert.deepEqual(await findings('express-protected', true), []);
  });

  it('reports a router mounted nowhere in a project with no authentication anywhere', async () => {
    assert.deepEqual(await findings('orphan-router'), ['patients.js:6:1 unknownMountNoAuth']);
    assert.deepEqual(await findings('orphan-router', true), ['patients.js:6:1 unknownMountNoAuth']);
  });

  it('reports a router mounted nowhere only with reportUnknownMounts (strict) in a project that authenticates', async () => {
    assert.deepEqual(await findings('orphan-router-auth'), []);
    assert.deepEqual(await findings('orphan-router-auth', true), ['patients.js:7:1 unknownMount']);
  });

  it('follows Fastify register() to the plugin module and its own hooks', async () => {
    // Each exposed route names the register() call that serves it; onRequest and preHandler
    // hooks of the plugin's instance or the route authenticate.
    assert.deepEqual(await findings('fastify-plugin'), [
      'plugins/intake.js:7:3 attachedWithoutAuth',
      'plugins/patients.js:2:3 attachedWithoutAuth',
      'server.js:10:14 mountedWithoutAuth',
      'server.js:13:14 mountedWithoutAuth',
    ]);
  });

  it('reports NestJS controllers with no guard when no other file declares a global one', async () => {
    assert.deepEqual(await findings('nest-open'), [
      'src/intake.controller.ts:12:3 unguardedController',
      'src/intake.controller.ts:17:3 unguardedController',
    ]);
  });

  it('honours a NestJS global guard declared in another file, except on @Public() routes', async () => {
    assert.deepEqual(await findings('nest-global'), [
      'src/patients.controller.ts:17:3 publicOptOut',
    ]);
  });

  it('honours a Next.js middleware.ts whose matcher covers the API routes', async () => {
    assert.deepEqual(await findings('next-middleware'), []);
  });

  it('reports a Next.js API route that the middleware matcher leaves out', async () => {
    assert.deepEqual(await findings('next-open'), [
      'pages/api/patients.js:1:16 nextUnauthenticated',
    ]);
  });

  it('sees a change to a mounted module once the cache is cleared (language server)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hdl-graph-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{}');
      writeFileSync(
        join(dir, 'app.js'),
        "const express = require('express');\nconst r = require('./r');\nconst app = express();\napp.use('/x', r);\n",
      );
      const router = (path: string) =>
        `const { Router } = require('express');\nconst router = Router();\nrouter.get('${path}', h);\nmodule.exports = router;\n`;
      writeFileSync(join(dir, 'r.js'), router('/health'));
      assert.deepEqual((await eslintFor(dir, false).lintFiles(['app.js']))[0]!.messages, []);
      writeFileSync(join(dir, 'r.js'), router('/patients/:id'));
      clearProjectGraphCache();
      const after = (await eslintFor(dir, false).lintFiles(['app.js']))[0]!.messages;
      assert.deepEqual(
        after.map((m) => m.messageId),
        ['mountedWithoutAuth'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('survives a symlink loop in the project while looking for mounts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hdl-loop-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{}');
      mkdirSync(join(dir, 'a'));
      symlinkSync(dir, join(dir, 'a', 'loop'), 'dir');
      writeFileSync(
        join(dir, 'routes.js'),
        "const { Router } = require('express');\nconst router = Router();\nrouter.get('/patients/:id', h);\nmodule.exports = router;\n",
      );
      const messages = (await eslintFor(dir, true).lintFiles(['routes.js']))[0]!.messages;
      assert.deepEqual(
        messages.map((m) => m.messageId),
        ['unknownMountNoAuth'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
