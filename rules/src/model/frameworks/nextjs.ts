import type { Framework } from './framework';

/**
 * Next.js, whose routes are files.
 * - Pages router API routes (https://nextjs.org/docs/pages/building-your-application/routing/api-routes):
 *   every file under `pages/api/` is a route, `index` naming its folder, and its default export
 *   handles every method with `(req, res)`.
 * - App router route handlers (https://nextjs.org/docs/app/api-reference/file-conventions/route):
 *   `app/…/route.ts` exports one function per method; route groups `(lab)` and parallel slots
 *   `@modal` are not part of the path. HEAD and OPTIONS are left out: they send no data.
 * - Dynamic segments `[id]`, catch-all `[...slug]` and optional `[[...slug]]`
 *   (https://nextjs.org/docs/app/building-your-application/routing/dynamic-routes).
 * - `pages/` and `app/` may sit in `src/` (https://nextjs.org/docs/app/building-your-application/configuring/src-directory).
 * - Middleware (https://nextjs.org/docs/app/api-reference/file-conventions/middleware):
 *   `middleware.ts` in the project folder (or `src/`) runs before the routes its
 *   `export const config = { matcher }` covers (every route without one); it authenticates with
 *   next-auth's `withAuth` / `next-auth/middleware`, Clerk's `clerkMiddleware` / `authMiddleware`,
 *   next-auth's `getToken`, jose's `jwtVerify`, Auth.js's `auth(…)`, or answers 401 itself.
 * - Server actions (https://nextjs.org/docs/app/building-your-application/data-fetching/server-actions-and-mutations,
 *   https://react.dev/reference/rsc/use-server): the exported async functions of a module that
 *   starts with `'use server'`, and functions whose body starts with it, are called by a POST
 *   from any client that knows their id; Next.js asks each one to verify the session itself.
 */
export const nextjs: Framework = {
  name: 'Next.js',
  modules: [],
  verbs: [],
  serverFunctions: { directive: 'use server' },
  // Route handlers read the body of the Web Request (https://developer.mozilla.org/docs/Web/API/Request/json,
  // …/formData); a server action called from a form receives its FormData
  // (https://nextjs.org/docs/app/building-your-application/data-fetching/server-actions-and-mutations#forms),
  // read field by field (https://developer.mozilla.org/docs/Web/API/FormData/get).
  requestInput: {
    bodyMethods: ['json', 'formData'],
    formData: { types: ['FormData'], fieldMethods: ['get', 'getAll'] },
  },
  fileRoutes: {
    routers: [
      {
        name: 'pages',
        folder: 'pages',
        subfolder: 'api',
        indexName: 'index',
        handlers: { default: '*' },
        refusal: {
          lookupParams: ['req', 'res'],
          statements: ['{res}.status(401).end();', 'return;'],
        },
      },
      {
        name: 'app',
        folder: 'app',
        fileName: /^route\.(ts|js|mjs|tsx|jsx)$/,
        hiddenFolders: /^\(.*\)$|^@/,
        handlers: { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
        refusal: {
          lookupParams: ['req'],
          statements: ['return new Response(null, { status: 401 });'],
        },
      },
    ],
    sourceFolders: ['src'],
    dynamicSegment: /^\[+\.{0,3}([^\]]+)\]+$/,
    middleware: {
      name: 'middleware',
      extensions: ['.ts', '.js', '.mjs', '.tsx'],
      configExport: 'config',
      matcherKey: 'matcher',
      matcherSourceKey: 'source',
      authenticates:
        /next-auth\/middleware|withAuth|clerkMiddleware|authMiddleware|getToken|jwtVerify|\b401\b|auth\(/,
    },
  },
};
