/**
 * Session cookies and listeners without TLS: `secure: false` on the cookie of a session
 * middleware (express-session `cookie: { secure: false }`, cookie-session `secure: false`) or on
 * a session or authentication cookie a response sets (`res.cookie('token', jwt, { secure: false
 * })`), and servers created without TLS (`http.createServer(app)`). The middleware, setters and
 * servers are the web-servers catalogue (`apis/web-servers.ts`). Read by the cleartext transport
 * rule.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  COOKIE_SECURE_OPTION,
  COOKIE_SETTERS,
  PLAIN_HTTP_SERVERS,
  SESSION_COOKIE_OPTIONS,
  SESSION_COOKIE_WORDS,
  TLS_SERVERS,
} from './apis';
import { calleeName, keyName, literalString, unwrap } from './ast';
import { resolveImport, withoutDefault } from './imports';
import { AST_NODE_TYPES } from './node-types';
import { optionsCalls, optionsModule } from './options-sites';
import { tokenize } from './tokens';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/**
 * The cookie a `secure: false` option leaves readable on plain HTTP, as a message names it
 * (`the session cookie of express-session`, `` the `token` cookie ``); undefined when the
 * property is no such option or the cookie is no session or authentication cookie.
 */
export function insecureSessionCookie(
  property: TSESTree.Property,
  scopeOf: ScopeOf,
): string | undefined {
  if (keyName(property) !== COOKIE_SECURE_OPTION) return undefined;
  const value = unwrap(property.value);
  if (value.type !== AST_NODE_TYPES.Literal || value.value !== false) return undefined;
  const object = property.parent;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  // cookie-session({ secure: false }): the middleware's own options.
  const own = optionsModule(object, scopeOf, (m) => SESSION_COOKIE_OPTIONS.get(m) === 'own');
  if (own) return `the session cookie of ${own}`;
  // session({ cookie: { secure: false } }): the cookie option of the middleware.
  const holder = object.parent;
  if (
    holder?.type === AST_NODE_TYPES.Property &&
    keyName(holder) === 'cookie' &&
    holder.parent?.type === AST_NODE_TYPES.ObjectExpression
  ) {
    const module = optionsModule(
      holder.parent,
      scopeOf,
      (m) => SESSION_COOKIE_OPTIONS.get(m) === 'cookie',
    );
    if (module) return `the session cookie of ${module}`;
  }
  // res.cookie('token', jwt, { secure: false }): a session or authentication cookie.
  const call = object.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const method = calleeName(call.callee);
  const index = method ? COOKIE_SETTERS.get(method) : undefined;
  if (index === undefined || call.arguments[index] !== object) return undefined;
  if (unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = literalString(call.arguments[0]);
  const content = call.arguments[1] && unwrap(call.arguments[1]);
  const words = [
    ...tokenize(name ?? ''),
    ...(content?.type === AST_NODE_TYPES.Identifier ? tokenize(content.name) : []),
  ];
  if (!words.some((word) => SESSION_COOKIE_WORDS.has(word))) return undefined;
  return name ? `the \`${name}\` cookie` : 'the session cookie';
}

/**
 * Whether an options object configures a TLS server (`https.createServer(options, app)`): there
 * `rejectUnauthorized` governs client certificates the server requests, not the encryption of
 * the connection (https://nodejs.org/api/tls.html#tlscreateserveroptions-secureconnectionlistener).
 */
export function isTlsServerOptions(object: TSESTree.ObjectExpression, scopeOf: ScopeOf): boolean {
  return optionsCalls(object, scopeOf).some(
    (call) => call.type === AST_NODE_TYPES.CallExpression && serverKind(call, scopeOf) === 'tls',
  );
}

/** What a server a call creates listens with: `plain` HTTP, `tls`, or undefined for no server. */
export function serverKind(
  call: TSESTree.CallExpression,
  scopeOf: ScopeOf,
): 'plain' | 'tls' | undefined {
  const name = calleeName(call.callee);
  if (name !== 'createServer' && name !== 'createSecureServer') return undefined;
  const ref = resolveImport(call.callee, scopeOf);
  if (!ref) return undefined;
  const path = withoutDefault(ref.exportPath).join('.');
  if (PLAIN_HTTP_SERVERS.get(ref.module) === path) return 'plain';
  if (TLS_SERVERS.get(ref.module) === path) return 'tls';
  return undefined;
}
