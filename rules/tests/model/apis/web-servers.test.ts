import assert from 'node:assert/strict';
import {
  COOKIE_SETTERS,
  PLAIN_HTTP_SERVERS,
  SESSION_COOKIE_OPTIONS,
  SESSION_COOKIE_WORDS,
  TLS_SERVERS,
} from '../../../src/model/apis';
import { lintWithPlugin } from './lint-with-plugin';

/** The web-servers family: session cookie options, cookie setters and servers without TLS. */
describe('catalogue: web servers', () => {
  it('knows where each session middleware takes the cookie attributes', () => {
    assert.equal(SESSION_COOKIE_OPTIONS.get('express-session'), 'cookie');
    assert.equal(SESSION_COOKIE_OPTIONS.get('cookie-session'), 'own');
    assert.equal(SESSION_COOKIE_OPTIONS.get('express'), undefined);
    assert.equal(COOKIE_SETTERS.get('cookie'), 2);
    assert.ok(SESSION_COOKIE_WORDS.has('sid') && !SESSION_COOKIE_WORDS.has('theme'));
  });

  it('tells plain HTTP servers from TLS servers', () => {
    assert.equal(PLAIN_HTTP_SERVERS.get('http'), 'createServer');
    assert.equal(TLS_SERVERS.get('https'), 'createServer');
    assert.equal(TLS_SERVERS.get('http2'), 'createSecureServer');
  });

  it('reaches the cleartext rule: cookies in recommended, listeners in strict only', () => {
    const code = `import http from 'http';
import session from 'express-session';
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false } }));
http.createServer(app).listen(80);`;
    const rules = (preset: 'recommended' | 'strict') =>
      lintWithPlugin(code, { preset, filename: 'src/server.ts' })
        .filter((m) => m.ruleId === 'health-data/no-cleartext-transport')
        .map((m) => m.line);
    assert.deepEqual(rules('recommended'), [3]);
    assert.deepEqual(rules('strict'), [3, 4]);
  });
});
