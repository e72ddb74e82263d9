/**
 * Authentication libraries: packages a project depends on to authenticate its users or the
 * requests it serves — session and token middleware, identity providers' SDKs, framework
 * guards. A project that declares none of them, and whose code never reads a token or an
 * `Authorization` header, shows no authentication anywhere: a router of it whose mount cannot be
 * found is judged exposed (no-unauthenticated-endpoint, recommended).
 */

/** Packages whose presence in a project's dependencies shows it authenticates something. */
export const AUTHENTICATION_PACKAGES: ReadonlySet<string> = new Set([
  'passport',
  'express-jwt',
  'express-session',
  'cookie-session',
  'express-openid-connect',
  'express-basic-auth',
  'basic-auth',
  'jsonwebtoken',
  'jose',
  'jwks-rsa',
  'openid-client',
  'oidc-provider',
  'keycloak-connect',
  'next-auth',
  'firebase-admin',
  'auth0',
  'koa-jwt',
  'koa-passport',
  'koa-session',
  'hapi-auth-jwt2',
  'fastify-jwt',
  'fastify-auth',
  'fastify-passport',
  'iron-session',
  'lucia',
  'better-auth',
  'supertokens-node',
  'aws-jwt-verify',
]);

/** Scopes and prefixes of authentication packages: `@nestjs/passport`, `@clerk/express`… */
export const AUTHENTICATION_PACKAGE_PREFIXES: readonly string[] = [
  'passport-',
  '@auth/',
  '@clerk/',
  '@okta/',
  '@auth0/',
  '@azure/msal',
  '@supabase/',
  '@nestjs/passport',
  '@nestjs/jwt',
  '@fastify/jwt',
  '@fastify/auth',
  '@fastify/passport',
  '@fastify/session',
  '@fastify/secure-session',
  '@hapi/basic',
  '@hapi/cookie',
  '@hapi/bell',
  '@koa/jwt',
  'hono/jwt',
];

/**
 * Words of code that authenticates by hand: reads a bearer token or the `Authorization` header,
 * verifies a JWT, checks a session or a logged-in user.
 */
export const AUTHENTICATION_CODE =
  /authorization|bearer|jwt|passport|isAuthenticated|requireAuth|verifyToken|checkAuth|req\.session|req\.user\b/i;
