import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  insecureSessionCookie,
  isTlsServerOptions,
  serverKind,
} from '../../src/model/session-cookies';
import { runProbeRule } from './probe';

describe('model/session-cookies', () => {
  function cookiesIn(code: string): string[] {
    const found: string[] = [];
    runProbeRule(code, (context) => ({
      Property: (node: TSESTree.Property) => {
        const cookie = insecureSessionCookie(node, (n) => context.sourceCode.getScope(n));
        if (cookie) found.push(cookie);
      },
    }));
    return found;
  }

  it('finds `secure: false` on the cookie of session middleware', () => {
    assert.deepEqual(
      cookiesIn(`import session from 'express-session';
import cookieSession from 'cookie-session';
app.use(session({ secret, cookie: { secure: false } }));
app.use(cookieSession({ keys, secure: false }));
app.use(session({ secret, cookie: { secure: true } }));
app.use(session({ secret, cookie: { secure: isProduction } }));
app.use(other({ cookie: { secure: false } }));`),
      ['the session cookie of express-session', 'the session cookie of cookie-session'],
    );
  });

  it('finds session and authentication cookies set without `secure`, not other cookies', () => {
    assert.deepEqual(
      cookiesIn(`res.cookie('connect.sid', id, { secure: false });
reply.setCookie('access_token', token, { secure: false });
res.cookie(name, sessionToken, { secure: false });
res.cookie('locale', 'fr', { secure: false });`),
      ['the `connect.sid` cookie', 'the `access_token` cookie', 'the session cookie'],
    );
  });

  it('tells servers created without TLS from TLS servers', () => {
    const kinds: string[] = [];
    runProbeRule(
      `import http from 'node:http';
import https from 'https';
import http2 from 'http2';
http.createServer(app);
https.createServer(options, app);
http2.createSecureServer(options);
net.createServer(handler);`,
      (context) => ({
        CallExpression: (node: TSESTree.CallExpression) => {
          const kind = serverKind(node, (n) => context.sourceCode.getScope(n));
          if (kind) kinds.push(kind);
        },
      }),
    );
    assert.deepEqual(kinds, ['plain', 'tls', 'tls']);
  });

  it('knows the options of a TLS server, directly or through a constant', () => {
    const answers: boolean[] = [];
    runProbeRule(
      `import https from 'https';
import tls from 'tls';
const serverOptions = { key, cert, requestCert: true };
https.createServer(serverOptions, app);
tls.createServer({ key, cert }, onConnection);
https.request({ host: 'fhir.lab.fr' });`,
      (context) => ({
        ObjectExpression: (node: TSESTree.ObjectExpression) =>
          answers.push(isTlsServerOptions(node, (n) => context.sourceCode.getScope(n))),
      }),
    );
    assert.deepEqual(answers, [true, true, false]);
  });
});
