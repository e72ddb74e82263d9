import type { Framework } from './framework';

/**
 * Express 4/5 (https://expressjs.com/en/5x/api.html): `express()` applications and
 * `express.Router()` routers; `app.METHOD(path, …handlers)`, `app.route(path).METHOD(…)`,
 * `app.use([path,] …middleware | routers)` in order of registration.
 */
export const express: Framework = {
  name: 'Express',
  modules: [
    {
      specifier: 'express',
      creates: 'express',
      byLocalName: { Router: 'router' },
      callableRequire: true,
    },
  ],
  globalFactories: { express: 'express', Router: 'router' },
  // express.Router(), and any namespace's Router() (router libraries copy the name).
  memberFactories: [{ method: 'Router', creates: 'router' }],
  verbs: ['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head'],
  chainedRouteMethod: 'route',
  useMethod: 'use',
  // req.body (with a body parser), req.query, req.params (https://expressjs.com/en/5x/api.html#req).
  requestInput: { members: ['body', 'query', 'params'] },
  // express.static(root, options) (https://expressjs.com/en/5x/api.html#express.static) is the
  // serve-static module (https://github.com/expressjs/serve-static: serveStatic(root, options));
  // serve-index (https://github.com/expressjs/serve-index: serveIndex(path, options)) lists a folder.
  staticFolders: [
    {
      modules: ['express'],
      export: ['static'],
      folder: { argument: 0 },
      usualNames: ['express.static'],
    },
    { modules: ['serve-static'], export: [], folder: { argument: 0 }, usualNames: ['serveStatic'] },
    { modules: ['serve-index'], export: [], folder: { argument: 0 }, usualNames: ['serveIndex'] },
  ],
};
