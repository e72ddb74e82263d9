import type { Framework } from './framework';

/**
 * Koa with @koa/router (https://github.com/koajs/router/blob/master/API.md): `new Koa()`,
 * `new Router()`; `router.METHOD([name,] path, …middleware)` (`del` is an alias of `delete`),
 * `app.use(router.routes())`, `router.use([path,] …middleware)`.
 */
export const koa: Framework = {
  name: 'Koa',
  modules: [
    { specifier: 'koa', creates: 'koa' },
    { specifier: '@koa/router', creates: 'router' },
    { specifier: 'koa-router', creates: 'router' },
  ],
  globalFactories: { Koa: 'koa' },
  verbs: ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head'],
  namedRoutes: true,
  useMethod: 'use',
  mountedResultMethods: ['routes', 'middleware'],
  // ctx.request.body (koa-body, @koa/bodyparser), ctx.query, ctx.params (@koa/router).
  requestInput: { members: ['body', 'query', 'params'] },
  // koa-static (https://github.com/koajs/static: serve(root, opts)) and koa-serve-static.
  staticFolders: [
    {
      modules: ['koa-static', 'koa-serve-static'],
      export: [],
      folder: { argument: 0 },
      usualNames: ['koaStatic'],
    },
  ],
};
