import type { Framework } from './framework';

/**
 * restify (http://restify.com/docs/server-api/): `restify.createServer()`,
 * `server.METHOD(path | { path, name, version }, …handlers)` (`del` and `opts` for DELETE and
 * OPTIONS), `server.use(…handlers)` in order of registration, `server.pre(…handlers)` before
 * routing for every request; restify-router's `router.applyRoutes(server, prefix)`.
 */
export const restify: Framework = {
  name: 'restify',
  modules: [
    { specifier: 'restify' },
    { specifier: 'restify-router', byLocalName: { Router: 'router' } },
  ],
  memberFactories: [
    {
      method: 'createServer',
      creates: 'restify',
      namespace: { modules: ['restify'], name: /restify/i },
    },
  ],
  verbs: ['get', 'post', 'put', 'patch', 'del', 'head', 'opts'],
  pathOptionKeys: ['path'],
  useMethod: 'use',
  preRoutingMethods: ['pre'],
  applyRoutesMethod: 'applyRoutes',
  // req.body, req.query, req.params with the bodyParser and queryParser plugins
  // (http://restify.com/docs/plugins-api/#bodyparser).
  requestInput: { members: ['body', 'query', 'params'] },
  // restify.plugins.serveStatic({ directory }) and serveStaticFiles(directory, opts)
  // (http://restify.com/docs/plugins-api/#servestatic), `restify.serveStatic` before restify 5.
  staticFolders: [
    {
      modules: ['restify'],
      export: ['plugins', 'serveStatic'],
      folder: { argument: 0, option: 'directory' },
    },
    { modules: ['restify'], export: ['plugins', 'serveStaticFiles'], folder: { argument: 0 } },
    { modules: ['restify'], export: ['serveStatic'], folder: { argument: 0, option: 'directory' } },
  ],
};
