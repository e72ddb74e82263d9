import type { Framework } from './framework';

/**
 * hapi (https://hapi.dev/api/#server.route()): `Hapi.server()`, routes declared as objects
 * `server.route({ method, path, options: { auth, handler } })`, and
 * `server.auth.default(strategy)` for every route without its own `auth`.
 */
const HAPI_MODULES = ['@hapi/hapi', 'hapi'];

export const hapi: Framework = {
  name: 'hapi',
  modules: HAPI_MODULES.map((specifier) => ({ specifier })),
  memberFactories: ['server', 'Server'].map((method) => ({
    method,
    creates: 'hapi' as const,
    namespace: { modules: HAPI_MODULES, name: /hapi/i },
  })),
  verbs: [],
  routeObjectMethod: 'route',
  defaultAuth: { object: 'auth', method: 'default' },
  // request.payload, request.query, request.params (https://hapi.dev/api/#request-properties).
  requestInput: { members: ['payload', 'query', 'params'] },
};
