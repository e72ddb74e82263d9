import assert from 'node:assert/strict';
import { type UnkeyedHash, globalUnkeyedHash, importedUnkeyedHash } from '../../../src/model/apis';

/**
 * The hashing family: which calls compute an unkeyed digest, of which argument, and how the same
 * library computes the keyed form; keyed calls are not unkeyed digests.
 */
describe('catalogue: hashing', () => {
  const imported: [string, string[], number, UnkeyedHash | undefined][] = [
    [
      'crypto',
      ['createHash'],
      1,
      { algorithm: { argument: 0 }, input: 'update', keyed: 'createHmac' },
    ],
    ['crypto', ['hash'], 2, { algorithm: { argument: 0 }, input: 1 }],
    ['crypto', ['hash'], 1, undefined],
    ['crypto', ['webcrypto', 'subtle', 'digest'], 2, { algorithm: { argument: 0 }, input: 1 }],
    ['crypto', ['createHmac'], 2, undefined],
    ['crypto-js', ['SHA256'], 1, { algorithm: 'SHA-256', input: 0, keyed: 'cryptoJsHmac' }],
    ['crypto-js', ['HmacSHA256'], 2, undefined],
    ['crypto-js/md5', [], 1, { algorithm: 'MD5', input: 0 }],
    ['crypto-js/hmac-md5', [], 2, undefined],
    ['js-sha256', ['sha256'], 1, { algorithm: 'SHA-256', input: 0, keyed: 'hmacMember' }],
    ['js-sha256', ['sha256', 'hex'], 1, { algorithm: 'SHA-256', input: 0, keyed: 'hmacMember' }],
    ['js-sha256', ['sha256', 'hmac'], 2, undefined],
    ['js-sha256', ['sha256', 'create'], 0, undefined],
    ['md5', [], 1, { algorithm: 'MD5', input: 0, keyed: 'hexHmac' }],
    ['blueimp-md5', [], 1, { algorithm: 'MD5', input: 0, keyed: 'hexHmac' }],
    // blueimp-md5: md5(value, key) is its HMAC.
    ['blueimp-md5', [], 2, undefined],
    ['sha1', [], 1, { algorithm: 'SHA-1', input: 0, keyed: undefined }],
    ['object-hash', ['MD5'], 1, { algorithm: 'MD5', input: 0, keyed: undefined }],
    ['object-hash', [], 1, { algorithm: 'SHA-1', input: 0, keyed: undefined }],
    ['bcrypt', ['hash'], 2, undefined],
  ];
  for (const [module, path, count, expected] of imported) {
    it(`${module} ${path.join('.') || '(module)'} with ${count} argument(s) → ${expected ? 'unkeyed' : 'not an unkeyed digest'}`, () => {
      assert.deepEqual(importedUnkeyedHash(module, path, count), expected);
    });
  }

  const globals: [string[], number, UnkeyedHash | undefined][] = [
    [['crypto', 'subtle', 'digest'], 2, { algorithm: { argument: 0 }, input: 1 }],
    [['CryptoJS', 'MD5'], 1, { algorithm: 'MD5', input: 0, keyed: 'cryptoJsHmac' }],
    [['CryptoJS', 'HmacMD5'], 2, undefined],
    [['crypto', 'randomUUID'], 0, undefined],
  ];
  for (const [path, count, expected] of globals) {
    it(`global ${path.join('.')} → ${expected ? 'unkeyed' : 'not an unkeyed digest'}`, () => {
      assert.deepEqual(globalUnkeyedHash(path, count), expected);
    });
  }
});
