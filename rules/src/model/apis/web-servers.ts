/**
 * Web servers: the session middleware whose options carry the session cookie's attributes, the
 * response methods that set a cookie, and the servers that listen without TLS. A session cookie
 * without the `Secure` attribute is sent over plain http:// (RFC 6265, section 4.1.2.5,
 * https://www.rfc-editor.org/rfc/rfc6265#section-4.1.2.5), where anyone on the path can read it
 * and take over the session.
 */

/**
 * Where each session middleware takes the cookie's `secure` attribute: under its `cookie` option
 * (express-session `session({ cookie: { secure } })`, https://github.com/expressjs/session#cookie;
 * @fastify/session and @fastify/secure-session likewise) or among its own options (cookie-session
 * `cookieSession({ secure })`, https://github.com/expressjs/cookie-session#options; koa-session
 * `session({ secure }, app)`).
 */
export const SESSION_COOKIE_OPTIONS: ReadonlyMap<string, 'cookie' | 'own'> = new Map([
  ['express-session', 'cookie'],
  ['@fastify/session', 'cookie'],
  ['@fastify/secure-session', 'cookie'],
  ['cookie-session', 'own'],
  ['koa-session', 'own'],
]);

/** The option that keeps a cookie off plain HTTP connections. */
export const COOKIE_SECURE_OPTION = 'secure';

/**
 * Response methods that set a cookie, with the index of their options argument: Express
 * `res.cookie(name, value, options)` (https://expressjs.com/en/4x/api.html#res.cookie) and
 * @fastify/cookie `reply.setCookie(name, value, options)`.
 */
export const COOKIE_SETTERS: ReadonlyMap<string, number> = new Map([
  ['cookie', 2],
  ['setCookie', 2],
]);

/**
 * Words of a cookie's name that make it a session or authentication cookie: `sid`,
 * `connect.sid`, `session`, `token`, `jwt`, `auth`, `refreshToken`, `access_token`.
 */
export const SESSION_COOKIE_WORDS: ReadonlySet<string> = new Set([
  'sid',
  'session',
  'sess',
  'token',
  'jwt',
  'auth',
  'refresh',
  'access',
  'login',
]);

/**
 * Servers that listen without TLS, by module and export: Node.js `http.createServer`
 * (https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener) and
 * `http2.createServer` (cleartext HTTP/2; `http2.createSecureServer` is the TLS one). Their
 * TLS counterparts, `https.createServer` and `http2.createSecureServer`, are in `TLS_SERVERS`.
 */
export const PLAIN_HTTP_SERVERS: ReadonlyMap<string, string> = new Map([
  ['http', 'createServer'],
  ['http2', 'createServer'],
]);

/**
 * Servers that listen with TLS, `https.createServer`, `tls.createServer`,
 * `http2.createSecureServer`: a file that starts one beside a plain server redirects or serves
 * both.
 */
export const TLS_SERVERS: ReadonlyMap<string, string> = new Map([
  ['https', 'createServer'],
  ['tls', 'createServer'],
  ['http2', 'createSecureServer'],
]);
