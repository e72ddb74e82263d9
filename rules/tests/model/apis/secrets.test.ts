import assert from 'node:assert/strict';
import {
  ACCOUNT_OPTION_KEYS,
  DEFAULT_ACCOUNTS,
  SECRET_CONSTRUCTORS,
  SECRET_FUNCTIONS,
  SECRET_METHOD_NAMES,
  SECRET_OPTIONS,
  PASSWORD_HASHERS,
  VENDOR_DEFAULT_PASSWORDS,
  URL_SCHEME_SERVICES,
  secretIndex,
  secretMethod,
} from '../../../src/model/apis';
import { lintWithPlugin } from './lint-with-plugin';

/**
 * The secrets family: which calls take a password or a key by position, which options take one,
 * and the accounts and connection-string schemes that come with them.
 */
describe('catalogue: secrets', () => {
  it('Sequelize takes the account at argument 1 and its password at argument 2', () => {
    const sequelize = SECRET_CONSTRUCTORS.get('Sequelize')!;
    assert.equal(sequelize.kind, 'password');
    assert.equal(sequelize.account, 1);
    assert.equal(secretIndex(sequelize, 4), 2);
  });

  const methods: [Parameters<typeof secretMethod>[0], string, number, number | undefined][] = [
    // ldapjs client.bind(dn, password, callback)
    ['LDAP', 'bind', 3, 1],
    // node-redis client.auth(password) and client.auth(username, password)
    ['REDIS', 'auth', 1, 0],
    ['REDIS', 'auth', 2, 1],
    ['REDIS', 'bind', 2, undefined],
    ['DB', 'auth', 1, undefined],
  ];
  for (const [service, method, count, expected] of methods) {
    it(`${service} ${method} with ${count} argument(s) → ${expected === undefined ? 'no secret' : `secret at ${expected}`}`, () => {
      const argument = secretMethod(service, method);
      assert.equal(argument && secretIndex(argument, count), expected);
      if (argument) assert.ok(SECRET_METHOD_NAMES.has(method));
    });
  }

  it('jsonwebtoken and crypto take a key at argument 1', () => {
    assert.deepEqual(SECRET_FUNCTIONS.get('jsonwebtoken')?.get('sign'), { kind: 'key', secret: 1 });
    assert.deepEqual(SECRET_FUNCTIONS.get('crypto')?.get('createCipheriv'), {
      kind: 'key',
      secret: 1,
    });
  });

  it('express-session and passport strategies take a secret option', () => {
    assert.ok(SECRET_OPTIONS.get('express-session')?.has('secret'));
    assert.ok(SECRET_OPTIONS.get('passport-google-oauth20')?.has('clientSecret'));
  });

  it('knows default accounts and the keys that name an account', () => {
    for (const account of ['root', 'sa', 'postgres']) assert.ok(DEFAULT_ACCOUNTS.has(account));
    for (const key of ['user', 'username', 'userName']) assert.ok(ACCOUNT_OPTION_KEYS.has(key));
  });

  it('tells MongoDB and SQL connection strings by their scheme', () => {
    assert.equal(URL_SCHEME_SERVICES.get('mongodb+srv'), 'MONGO');
    assert.equal(URL_SCHEME_SERVICES.get('postgresql'), 'DB');
    assert.equal(URL_SCHEME_SERVICES.get('amqp'), undefined);
  });

  it('password hashers take the password first; vendor defaults are kept in lower case', () => {
    assert.equal(PASSWORD_HASHERS.get('bcrypt')?.get('hash'), 0);
    assert.equal(PASSWORD_HASHERS.get('argon2')?.get('hash'), 0);
    assert.equal(PASSWORD_HASHERS.get('bcrypt')?.get('compare'), undefined);
    for (const value of VENDOR_DEFAULT_PASSWORDS) assert.equal(value, value.toLowerCase());
    assert.ok(VENDOR_DEFAULT_PASSWORDS.has('change-password'));
  });

  it('reaches the credentials rule: a session secret, a JWT key, a hashed literal', () => {
    const messages = lintWithPlugin(
      `import session from 'express-session';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcrypt';
app.use(session({ secret: 'lab session secret' }));
export const issue = (claims) => jwt.sign(claims, 'lab-signing-key');
export const seed = () => bcrypt.hash('Bienvenue2024', 10);`,
      { filename: 'src/server.ts' },
    ).filter((m) => m.ruleId === 'health-data/no-hardcoded-credentials');
    assert.deepEqual(
      messages.map((m) => m.line),
      [4, 5, 6],
    );
  });
});
