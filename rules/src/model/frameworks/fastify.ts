import type { Framework } from './framework';

/**
 * Fastify (https://fastify.dev/docs/latest/Reference/Routes/, …/Hooks/, …/Plugins/):
 * `fastify.METHOD(path, [options,] handler)` with route-level hooks in the options,
 * `fastify.route({ method, url, handler, preHandler })`, `fastify.addHook('onRequest', fn)` for
 * every route of the instance, and `fastify.register(plugin, { prefix })`, where `plugin`
 * receives its own encapsulated instance (unless wrapped by fastify-plugin).
 */
const BEFORE_HANDLER = ['onRequest', 'preParsing', 'preValidation', 'preHandler'];

export const fastify: Framework = {
  name: 'Fastify',
  modules: [{ specifier: 'fastify', creates: 'fastify', callableRequire: true }],
  globalFactories: { Fastify: 'fastify', fastify: 'fastify' },
  verbs: ['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head'],
  routeHookKeys: BEFORE_HANDLER,
  routeObjectMethod: 'route',
  useMethod: 'use',
  // request.body, request.query, request.params (https://fastify.dev/docs/latest/Reference/Request/).
  requestInput: { members: ['body', 'query', 'params'] },
  hooks: { method: 'addHook', events: BEFORE_HANDLER },
  plugins: { method: 'register', prefixOption: 'prefix', wrappers: ['fp', 'fastifyPlugin'] },
  // @fastify/static (https://github.com/fastify/fastify-static): a plugin registered with its
  // folder in `root`, `fastify.register(fastifyStatic, { root, prefix })`; formerly fastify-static.
  staticFolders: [
    {
      modules: ['@fastify/static', 'fastify-static'],
      export: [],
      folder: { argument: 0, option: 'root' },
      registered: true,
    },
  ],
};
