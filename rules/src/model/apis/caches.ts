/**
 * Caches: the Redis and Memcached clients, and which arguments of each of their writing commands
 * are stored. Read by every rule that sees data kept in a cache.
 */
import { CALL } from '../imports';

/** A write into a cache: where the data lands (as a message names it) and what is stored. */
export interface CacheWrite {
  store: 'Redis' | 'Memcached';
  /** The first stored argument. */
  data: number;
  /** Every argument from `data` on is stored (`mset(k1, v1, k2, v2)`), not only that one. */
  rest: boolean;
}

/**
 * Redis clients: node-redis (`redis`, and `@redis/client` it is built on), ioredis and Upstash
 * (`@upstash/redis`). Their commands are methods of a client (`createClient()`, `new Redis()`).
 */
export const REDIS_MODULES: ReadonlySet<string> = new Set([
  'redis',
  'ioredis',
  '@redis/client',
  '@upstash/redis',
]);

/**
 * Redis commands that store data, by the index of their first stored argument, lower-cased so
 * node-redis v4 `hSet` and ioredis `hset` are one entry (https://redis.io/commands: SET key value,
 * SETEX key seconds value, HSET key field value, LPUSH key element, XADD key id field value, MSET
 * key value [key value …] …). Every argument from that index on is stored.
 */
export const REDIS_WRITES: ReadonlyMap<string, number> = new Map([
  ['set', 1],
  ['setnx', 1],
  ['getset', 1],
  ['append', 1],
  ['mset', 0],
  ['msetnx', 0],
  ['setex', 2],
  ['psetex', 2],
  ['hset', 1],
  ['hsetnx', 1],
  ['hmset', 1],
  ['lpush', 1],
  ['rpush', 1],
  ['lpushx', 1],
  ['rpushx', 1],
  ['sadd', 1],
  ['zadd', 1],
  ['xadd', 2],
]);

/** Memcached clients: `memcached` (3rd-Eden) and `memjs`, methods of a client instance. */
export const MEMCACHED_MODULES: ReadonlySet<string> = new Set(['memcached', 'memjs']);

/**
 * Memcached methods that store their value argument: memcached `set(key, value, lifetime, cb)`,
 * `add`, `replace`, `append`, `prepend`, `cas(key, value, cas, lifetime, cb)`; memjs
 * `set(key, value, options)`, `add`, `replace`, `append`, `prepend`.
 */
export const MEMCACHED_WRITES: ReadonlyMap<string, number> = new Map(
  ['set', 'add', 'replace', 'append', 'prepend', 'cas'].map((name) => [name, 1]),
);

/**
 * The cache write a call to an imported value makes, if any: `path` is the export path from the
 * module to the called method, which must be a method of a client instance (`CALL` in the path).
 */
export function cacheWrite(module: string, path: readonly string[]): CacheWrite | undefined {
  if (!path.includes(CALL)) return undefined;
  const method = path[path.length - 1] ?? '';
  if (REDIS_MODULES.has(module)) {
    const data = REDIS_WRITES.get(method.toLowerCase());
    return data === undefined ? undefined : { store: 'Redis', data, rest: true };
  }
  const data = MEMCACHED_MODULES.has(module) ? MEMCACHED_WRITES.get(method) : undefined;
  return data === undefined ? undefined : { store: 'Memcached', data, rest: false };
}
