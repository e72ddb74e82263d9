/**
 * Hashing and encoding: which functions compute an unkeyed digest of a value (anyone can recompute
 * it over every candidate value), which are the keyed forms (HMAC) of the same library, and which
 * encodings decode back in one call. Read by every rule that judges a pseudonym or a masked value.
 */

/** Node.js crypto, as `crypto` or `node:crypto` (https://nodejs.org/api/crypto.html). */
export const NODE_CRYPTO_MODULE = 'crypto';

/**
 * How the same library computes the keyed form of a hash, which a fix can rewrite the call to:
 * Node.js `createHmac(algorithm, key)` for `createHash(algorithm)`; crypto-js `HmacSHA256(message,
 * key)` for `SHA256(message)`; js-sha256 `sha256.hmac(key, message)` for `sha256(message)`.
 * `hexHmac`: the library has none, and returns a hex digest that Node.js
 * `createHmac(…).update(value).digest('hex')` replaces.
 */
export type KeyedForm = 'createHmac' | 'cryptoJsHmac' | 'hmacMember' | 'hexHmac';

/** A call computing an unkeyed digest. */
export interface UnkeyedHash {
  /** The algorithm as messages name it (`MD5`, `SHA-256`), or the argument naming it. */
  algorithm: string | { argument: number };
  /** The hashed value: an argument's index, or `update` for the values fed to `.update()`. */
  input: number | 'update';
  keyed?: KeyedForm;
}

/** `sha256`, `SHA256`, `SHA-256` all read `SHA-256`. */
export function displayAlgorithm(name: string): string {
  return name.toUpperCase().replace(/^SHA-?(\d)/, 'SHA-$1');
}

/**
 * Node.js crypto, by path from the module: `createHash(algorithm)` fed by `.update(data)`,
 * `hash(algorithm, data)` (Node.js 21.7), and `webcrypto.subtle.digest(algorithm, data)`
 * (SubtleCrypto.digest, also the global `crypto.subtle.digest`). Their keyed form is
 * `createHmac(algorithm, key)`.
 */
const NODE_HASHES: ReadonlyMap<string, UnkeyedHash> = new Map([
  ['createHash', { algorithm: { argument: 0 }, input: 'update', keyed: 'createHmac' }],
  ['hash', { algorithm: { argument: 0 }, input: 1 }],
]);
const SUBTLE_DIGEST: UnkeyedHash = { algorithm: { argument: 0 }, input: 1 };

/**
 * crypto-js hashers `CryptoJS.MD5(message)`, `SHA256(message)`…, also as single modules
 * (`crypto-js/sha256`) and the `CryptoJS` browser global; the keyed forms are `HmacMD5`,
 * `HmacSHA256`… (crypto-js docs, "Hashing" and "HMAC").
 */
export const CRYPTO_JS_HASHES: ReadonlySet<string> = new Set([
  'MD5',
  'SHA1',
  'SHA224',
  'SHA256',
  'SHA384',
  'SHA512',
  'SHA3',
  'RIPEMD160',
]);
const CRYPTO_JS = 'crypto-js';
const CRYPTO_JS_GLOBAL = 'CryptoJS';

/**
 * Single-purpose hash packages `hash(message)`: the algorithm, and how they are keyed.
 * js-sha256/js-sha512/js-sha1/js-sha3 (`sha256(message)`, `sha256.hex(message)`; keyed
 * `sha256.hmac(key, message)`, hashers from `sha256.create()`), js-md5 (hex digest; keyed
 * `md5.hmac(key, message)`), md5 (hex digest, no keyed form), blueimp-md5 (`md5(value)`; `md5(value, key)` is its HMAC), sha1 (hex digest),
 * object-hash (`hash(object)` SHA-1 by default, `hash.MD5(object)`, `hash.keysMD5(object)`).
 */
interface HashPackage {
  algorithm: string;
  keyed?: KeyedForm;
  /** The argument count from which a call is the keyed form: blueimp-md5 `md5(value, key)`. */
  keyedArity?: number;
}
const HASH_PACKAGES: ReadonlyMap<string, HashPackage> = new Map([
  ['js-sha256', { algorithm: 'SHA-256', keyed: 'hmacMember' }],
  ['js-sha512', { algorithm: 'SHA-512', keyed: 'hmacMember' }],
  ['js-sha1', { algorithm: 'SHA-1', keyed: 'hmacMember' }],
  ['js-sha3', { algorithm: 'SHA-3', keyed: 'hmacMember' }],
  ['js-md5', { algorithm: 'MD5', keyed: 'hexHmac' }],
  ['md5', { algorithm: 'MD5', keyed: 'hexHmac' }],
  ['blueimp-md5', { algorithm: 'MD5', keyed: 'hexHmac', keyedArity: 2 }],
  ['sha1', { algorithm: 'SHA-1' }],
  ['object-hash', { algorithm: 'SHA-1' }],
]);

/**
 * Export path segments that are not an unkeyed digest of the argument: the keyed member
 * (`sha256.hmac`, `md5.hmac` in js-md5) and incremental hashers (`sha256.create()`).
 */
const NOT_DIGESTS = new Set(['hmac', 'create']);

/** The call a path names as a digest of its argument, in a single-purpose package. */
function packageHash(
  module: string,
  path: readonly string[],
  argumentCount: number,
): UnkeyedHash | undefined {
  const hash = HASH_PACKAGES.get(module);
  if (!hash || argumentCount === 0) return undefined;
  if (path.some((segment) => NOT_DIGESTS.has(segment))) return undefined;
  if (hash.keyedArity !== undefined && argumentCount >= hash.keyedArity) return undefined;
  const algorithm = module === 'object-hash' && /MD5$/.test(path[0] ?? '') ? 'MD5' : hash.algorithm;
  // `sha256(x)` and `sha256.hex(x)` have a `.hmac` form; other members (`sha224`) are kept as is.
  const keyed =
    hash.keyed === 'hmacMember'
      ? path.length === 1 || (path.length === 2 && path[1] === 'hex')
        ? hash.keyed
        : undefined
      : hash.keyed;
  return { algorithm, input: 0, keyed };
}

/**
 * The unkeyed digest a call to an imported function computes: `module` and the path from its
 * exports (leading `default` dropped), with the number of arguments of the call.
 */
export function importedUnkeyedHash(
  module: string,
  path: readonly string[],
  argumentCount: number,
): UnkeyedHash | undefined {
  const joined = path.join('.');
  if (module === NODE_CRYPTO_MODULE) {
    const hash = NODE_HASHES.get(joined);
    if (hash)
      return typeof hash.input === 'number' && argumentCount <= hash.input ? undefined : hash;
    return joined.endsWith('subtle.digest') && argumentCount > 1 ? SUBTLE_DIGEST : undefined;
  }
  if (module === CRYPTO_JS && path.length === 1 && CRYPTO_JS_HASHES.has(path[0]!))
    return cryptoJsHash(path[0]!, argumentCount);
  const single = module.startsWith(`${CRYPTO_JS}/`) ? module.slice(CRYPTO_JS.length + 1) : '';
  if (single && path.length === 0 && CRYPTO_JS_HASHES.has(single.toUpperCase()))
    return argumentCount > 0 ? { algorithm: displayAlgorithm(single), input: 0 } : undefined;
  return packageHash(module, path, argumentCount);
}

/** The unkeyed digest a call to a global computes: `crypto.subtle.digest`, `CryptoJS.SHA256`. */
export function globalUnkeyedHash(
  path: readonly string[],
  argumentCount: number,
): UnkeyedHash | undefined {
  const joined = path.join('.');
  if (joined === 'crypto.subtle.digest') return argumentCount > 1 ? SUBTLE_DIGEST : undefined;
  if (path.length === 2 && path[0] === CRYPTO_JS_GLOBAL && CRYPTO_JS_HASHES.has(path[1]!))
    return cryptoJsHash(path[1]!, argumentCount);
  return undefined;
}

function cryptoJsHash(name: string, argumentCount: number): UnkeyedHash | undefined {
  return argumentCount > 0
    ? { algorithm: displayAlgorithm(name), input: 0, keyed: 'cryptoJsHmac' }
    : undefined;
}

/**
 * Encodings that decode back in one call: `Buffer.from(value).toString(encoding)` with these
 * encodings (Node.js Buffer, "Buffers and character encodings").
 */
export const REVERSIBLE_ENCODINGS: ReadonlySet<string> = new Set(['base64', 'base64url', 'hex']);

/**
 * Where an encoding carries content rather than stands for a person: the members that hold an
 * encoded payload — FHIR `Attachment.data` (base64Binary, https://hl7.org/fhir/R4/datatypes.html#Attachment),
 * MIME and mail API attachments (`content`), request bodies and payloads. An encoding written
 * there is transport, not a pseudonym.
 */
export const ENCODED_CONTENT_KEYS: ReadonlySet<string> = new Set([
  'data',
  'content',
  'body',
  'payload',
  'attachment',
  'file',
]);

/** `Buffer.from(value)`, global or from the `buffer` module, whose `toString(encoding)` encodes. */
export const BUFFER_FROM = { module: 'buffer', path: 'Buffer.from' } as const;

/** Global encoders of their first argument: `btoa(value)` encodes it in Base64 (HTML Standard). */
export const GLOBAL_ENCODERS: ReadonlyMap<string, string> = new Map([['btoa', 'base64']]);
