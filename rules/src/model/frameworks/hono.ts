import type { Framework } from './framework';

/**
 * Hono (https://hono.dev/docs/api/routing): `new Hono()`, `app.METHOD(path, …handlers)`,
 * `app.use([path,] …middleware)`, `app.route('/api', subApp)`; @hono/zod-openapi's OpenAPIHono.
 */
export const hono: Framework = {
  name: 'Hono',
  modules: [
    { specifier: 'hono', creates: 'hono' },
    { specifier: /^@hono\//, creates: 'hono' },
  ],
  globalFactories: { Hono: 'hono', OpenAPIHono: 'hono' },
  verbs: ['get', 'post', 'put', 'patch', 'delete', 'all', 'options'],
  pathMountMethod: 'route',
  useMethod: 'use',
  // serveStatic({ root }) of each runtime adapter (https://hono.dev/docs/getting-started/bun#serve-static-files,
  // …/deno, …/nodejs with @hono/node-server/serve-static): `app.use('/static/*', serveStatic({ root }))`.
  staticFolders: [
    {
      modules: [
        'hono/bun',
        'hono/deno',
        'hono/cloudflare-workers',
        'hono/serve-static',
        '@hono/node-server/serve-static',
      ],
      export: ['serveStatic'],
      folder: { argument: 0, option: 'root' },
      usualNames: ['serveStatic'],
    },
  ],
};
