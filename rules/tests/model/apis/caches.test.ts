import assert from 'node:assert/strict';
import { cacheWrite } from '../../../src/model/apis';
import { CALL } from '../../../src/model/imports';

/** The caches family: which imported call writes to a cache, and which of its arguments it stores. */
describe('catalogue: caches', () => {
  const cases: [string, string[], ReturnType<typeof cacheWrite>][] = [
    // node-redis v4 spells commands in camel case; ioredis in lower case: one entry each.
    ['redis', ['createClient', CALL, 'hSet'], { store: 'Redis', data: 1, rest: true }],
    ['ioredis', ['default', CALL, 'hset'], { store: 'Redis', data: 1, rest: true }],
    ['ioredis', ['default', CALL, 'setex'], { store: 'Redis', data: 2, rest: true }],
    ['@redis/client', ['createClient', CALL, 'mSet'], { store: 'Redis', data: 0, rest: true }],
    ['@upstash/redis', ['Redis', CALL, 'xadd'], { store: 'Redis', data: 2, rest: true }],
    ['ioredis', ['default', CALL, 'get'], undefined],
    // A command is a method of a client, never a function of the module.
    ['redis', ['set'], undefined],
    ['memcached', ['default', CALL, 'set'], { store: 'Memcached', data: 1, rest: false }],
    ['memjs', ['Client', 'create', CALL, 'replace'], { store: 'Memcached', data: 1, rest: false }],
    ['memjs', ['Client', 'create', CALL, 'get'], undefined],
    ['not-a-cache', ['default', CALL, 'set'], undefined],
  ];
  for (const [module, path, expected] of cases) {
    it(`${module} ${path.join('.')} → ${expected ? `${expected.store}, argument ${expected.data}${expected.rest ? ' on' : ''}` : 'no write'}`, () => {
      assert.deepEqual(cacheWrite(module, path), expected);
    });
  }
});
