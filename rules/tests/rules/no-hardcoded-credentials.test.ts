import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as assert from 'node:assert/strict';
import rule from '../../src/rules/no-hardcoded-credentials';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

type MessageIds =
  | 'literalSecret'
  | 'sharedSecret'
  | 'fallbackSecret'
  | 'fixedPassword'
  | 'defaultAccount'
  | 'secretInUrl'
  | 'useEnvironment';

const valid: ValidTestCase<[]>[] = [
  // Values that name the secret they stand for: the key a secret is stored or cached under.
  { code: "export const AUTH_KEY = 'auth';" },
  { code: "export const REPLICATION_PASSWORD = 'replicationPassword';" },
  { code: "export const LAB_TOKEN_CACHE_SECRET = 'LAB_TOKEN_CACHE';" },
  // A URL spelled out in a message, or to a documentation host (RFC 2606).
  {
    code: "throw new Error('SYNC_URL is not valid (expected e.g. https://user:password@central.lab.fr)');",
  },
  { code: "const sample = 'postgres://app:Labo2019@db.example.com/emr';" },
  // Demo data holds invented accounts, like a test's fixtures.
  {
    code: "export const demoUser = { email: 'demo@lab.fr', password: 'Bienvenue2024' };",
    filename: 'scripts/demo-data/users.js',
  },
  // Dummies typed under a secret's name, and message keys.
  { code: "const password = 'whatever';" },
  { code: "export const jwtSecret = 'my-secret';" },
  { code: "const config = { apiKey: 'abc' };" },
  {
    code: "dispatch(loginError({ username: 'user.login.error.username.required', password: 'user.login.error.password.required' }));",
  },
  // A form field or a column named after the key, with one more word.
  { code: "const columns = { password: 'user_password' };" },
  {
    code: `import jwt from 'jsonwebtoken';
export const sign = (claims) => jwt.sign(claims, process.env.JWT_SECRET);`,
  },
  {
    code: `import session from 'express-session';
app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));`,
  },
  {
    code: `import bcrypt from 'bcrypt';
export const hashOf = (body) => bcrypt.hash(body.password, 12);`,
  },
  {
    code: `export const hidden = (field) => field.type === 'password';`,
  },
  {
    code: `db.query('INSERT INTO account (email, password) VALUES (?, ?)', [email, passwordHash]);`,
  },
  {
    // A throw-away signing key in a test.
    code: `import jwt from 'jsonwebtoken';
const token = jwt.sign({ sub: 'u1' }, 'test-signing-key');`,
    filename: 'src/__tests__/auth.test.ts',
  },
  {
    code: "const GrantType = { RefreshToken: 'refresh_token', ClientCredentials: 'client_credentials' };",
  },
  { code: "const TokenType = { AccessToken: 'urn:ietf:params:oauth:token-type:access_token' };" },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ host: process.env.PGHOST, user: process.env.PGUSER, password: process.env.PGPASSWORD });`,
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ password: await secrets.get('db-password') });`,
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ user: 'sil_app', password: '' });`,
  },
  {
    code: "const config = { password: '<password>' };",
  },
  {
    code: "const config = { password: '${DB_PASSWORD}' };",
  },
  {
    code: "const config = { password: '***' };",
  },
  {
    code: "const config = { password: 'xxx' };",
  },
  {
    code: "const fields = { password: 'password', email: 'email' };",
  },
  {
    code: "const labels = { password: 'Mot de passe', login: 'Identifiant' };",
  },
  {
    code: 'const client = new Client({ connectionString: process.env.DATABASE_URL });',
  },
  {
    code: 'const url = `postgres://${user}:${password}@${host}/sil`;',
  },
  {
    code: "const url = 'postgres://db.lab.fr:5432/sil';",
  },
  {
    code: "const docs = 'https://example.org/path@v2';",
  },
  {
    code: 'const { password } = req.body;',
  },
  {
    code: 'const passwordMinLength = 12;',
  },
  {
    code: "const passwordField = 'motDePasse';",
  },
  {
    code: "const input = { type: 'password', name: 'pwd' };",
  },
  {
    code: "const DB_PASSWORD = 'Labo2019!';",
    filename: 'test/fixtures/db.ts',
    settings: { healthData: { credentials: { fixtureGlobs: ['test/fixtures/**'] } } },
  },
  {
    code: "const config = { password: process.env.SMTP_PASS ?? '' };",
  },
  // Test code the project names in `testCode.globs`.
  {
    code: "const DB_PASSWORD = 'Labo2019!';",
    filename: 'qa/load/db.ts',
    settings: { healthData: { testCode: { globs: ['qa/**'] } } },
  },
  // Test code by the runners' conventions: throw-away values are not reported.
  {
    code: "const ADMIN_PASSWORD = 'my-password';",
    filename: 'src/__tests__/login.test.ts',
  },
  {
    code: "export default { env: { username: 'admin@lab.test', password: 'Labo2019!' } };",
    filename: 'client/cypress.config.ts',
  },
  {
    code: "const tokenKey = 'auth_token';",
  },
  {
    code: "const passport = require('passport');",
  },
  {
    code: "const bypass = 'yes';",
  },
  {
    code: 'const sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASSWORD);',
  },
  {
    code: "const primaryKey = 'id';",
  },
  {
    code: "const config = { password: '%s' };",
  },
  {
    code: "const redisUrl = 'redis://cache:6379';",
  },
  {
    code: "const schema = { password: { type: 'string', minLength: 12 } };",
  },
  // `Client` names a database client only when it comes from no module: fhirclient's is not one,
  // and a phrase in its options is no password.
  {
    code: `import Client from '../src/Client';
const client = new Client(env, { serverUrl: 'https://r2.smarthealthit.org', tokenResponse: { access_token: 'my access token' } });`,
  },
];

const invalid: InvalidTestCase<MessageIds, []>[] = [
  {
    // `testCode.conventions: false`: a project whose `test/` folder is deployed code.
    code: "const DB_PASSWORD = 'Labo2019!';",
    filename: 'test/db.ts',
    settings: { healthData: { testCode: { conventions: false } } },
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 21,
        suggestions: [
          { messageId: 'useEnvironment', output: 'const DB_PASSWORD = process.env.DB_PASSWORD;' },
        ],
      },
    ],
  },
  {
    // One signing key written twice is one finding, with the second place as related location.
    code: `import jwt from 'jsonwebtoken';
export const issue = (claims) => jwt.sign(claims, 'lab-portal-signing');
export const check = (token) => jwt.verify(token, 'lab-portal-signing');`,
    errors: [
      {
        messageId: 'sharedSecret',
        line: 2,
        column: 51,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import jwt from 'jsonwebtoken';
export const issue = (claims) => jwt.sign(claims, process.env.JWT_SECRET);
export const check = (token) => jwt.verify(token, 'lab-portal-signing');`,
          },
        ],
      },
    ],
  },
  {
    // A session secret is a secret even when it reads like a phrase.
    code: `import session from 'express-session';
app.use(session({ secret: 'purple monkey dishwasher', resave: false }));`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 27,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import session from 'express-session';
app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));`,
          },
        ],
      },
    ],
  },
  {
    code: `const session = require('express-session');
const options = { secret: 'lab-session', cookie: { maxAge: 3600000 } };
app.use(session(options));`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 27,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `const session = require('express-session');
const options = { secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000 } };
app.use(session(options));`,
          },
        ],
      },
    ],
  },
  {
    code: `import cookie from '@fastify/cookie';
await server.register(cookie, { secret: 'cookie-signature' });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 41,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import cookie from '@fastify/cookie';
await server.register(cookie, { secret: process.env.COOKIE_SECRET });`,
          },
        ],
      },
    ],
  },
  {
    // A dummy is the key in use where a library takes it; a type assertion changes nothing.
    code: `import jwt from 'jsonwebtoken';
import cookie, { type FastifyCookieOptions } from '@fastify/cookie';
await server.register(cookie, { secret: 'my-secret' } as FastifyCookieOptions);
export const issue = (claims) => jwt.sign(claims, 'my-secret-key');`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 3,
        column: 41,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import jwt from 'jsonwebtoken';
import cookie, { type FastifyCookieOptions } from '@fastify/cookie';
await server.register(cookie, { secret: process.env.COOKIE_SECRET } as FastifyCookieOptions);
export const issue = (claims) => jwt.sign(claims, 'my-secret-key');`,
          },
        ],
      },
      {
        messageId: 'literalSecret',
        line: 4,
        column: 51,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import jwt from 'jsonwebtoken';
import cookie, { type FastifyCookieOptions } from '@fastify/cookie';
await server.register(cookie, { secret: 'my-secret' } as FastifyCookieOptions);
export const issue = (claims) => jwt.sign(claims, process.env.JWT_SECRET);`,
          },
        ],
      },
    ],
  },
  {
    // A password given to new accounts and on reset: one finding per place.
    code: `import bcrypt from 'bcrypt';
export const create = (user) => repo.save({ ...user, password: bcrypt.hashSync('Bienvenue1', 10) });
export const reset = (user) => repo.update(user.id, { password: bcrypt.hashSync('Bienvenue1', 10) });`,
    errors: [
      { messageId: 'fixedPassword', line: 2, column: 80, suggestions: [] },
      { messageId: 'fixedPassword', line: 3, column: 81, suggestions: [] },
    ],
  },
  {
    code: `export const TOKEN_SECRET = process.env.TOKEN_SECRET || 'clinicTokenSecret';`,
    errors: [{ messageId: 'fallbackSecret', line: 1, column: 57, suggestions: [] }],
  },
  {
    code: `import { jwtVerify } from 'jose';
const KEY = new TextEncoder().encode('portal-edge-key');
export const verify = (token) => jwtVerify(token, KEY);`,
    errors: [{ messageId: 'literalSecret', line: 2, column: 38, suggestions: [] }],
  },
  {
    code: `import argon2 from 'argon2';
export async function resetPassword(user) {
  user.password = await argon2.hash('Temporaire1');
}`,
    errors: [{ messageId: 'fixedPassword', line: 3, column: 37, suggestions: [] }],
  },
  {
    code: `sql.query(connection, 'INSERT INTO account (Email, Name, Password) VALUES (?, ?, ?)', [email, name, 654321]);`,
    errors: [{ messageId: 'fixedPassword', line: 1, column: 101 }],
  },
  {
    // A seeded account: its password reads like a label but is the password.
    code: `const adminUser = { email: 'admin@lab.example', password: 'labsuite-password' };`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 59,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `const adminUser = { email: 'admin@lab.example', password: process.env.ADMIN_USER_PASSWORD };`,
          },
        ],
      },
    ],
  },
  {
    // A vendor's default password.
    code: `var password = 'change-password';`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 16,
        suggestions: [
          { messageId: 'useEnvironment', output: `var password = process.env.PASSWORD;` },
        ],
      },
    ],
  },
  {
    code: `module.exports = {
  cookieSecret: 'lab_cookie_secret_value_here',
  cryptoKey: 'lab_encryption_key_for_records',
};`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `module.exports = {
  cookieSecret: process.env.COOKIE_SECRET,
  cryptoKey: 'lab_encryption_key_for_records',
};`,
          },
        ],
      },
      {
        messageId: 'literalSecret',
        line: 3,
        column: 14,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `module.exports = {
  cookieSecret: 'lab_cookie_secret_value_here',
  cryptoKey: process.env.CRYPTO_KEY,
};`,
          },
        ],
      },
    ],
  },
  {
    // A login that accepts one literal password.
    code: `if (username === 'biologist' && password === 'labo2024') res.json({ ok: true });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 46,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `if (username === 'biologist' && password === process.env.PASSWORD) res.json({ ok: true });`,
          },
        ],
      },
    ],
  },
  {
    // A live key in a test file is still a leaked key.
    code: "const stripe = { apiKey: 'sk_live_51Hx0aBcDeFgHiJkLmNoPqRs' };",
    filename: 'src/__tests__/billing.test.ts',
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 26,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'const stripe = { apiKey: process.env.STRIPE_API_KEY };',
          },
        ],
      },
    ],
  },
  {
    code: `import { Pool } from 'pg';
export const pool = new Pool({ host: '10.12.0.5', user: 'postgres', password: 'Labo2019!' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 2,
        column: 79,
        endLine: 2,
        endColumn: 90,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { Pool } from 'pg';
export const pool = new Pool({ host: '10.12.0.5', user: 'postgres', password: process.env.DB_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Pool } from 'pg';
export const pool = new Pool({ host: 'db.lab.fr', user: 'sil_app', password: 'S3cr3t-app' });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 78,
        endLine: 2,
        endColumn: 90,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { Pool } from 'pg';
export const pool = new Pool({ host: 'db.lab.fr', user: 'sil_app', password: process.env.DB_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import knexFactory from 'knex';
export const knex = knexFactory({
  client: 'pg',
  connection: { host: 'db', user: 'admin', password: 'Labo2019!' },
});`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 4,
        column: 54,
        endLine: 4,
        endColumn: 65,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import knexFactory from 'knex';
export const knex = knexFactory({
  client: 'pg',
  connection: { host: 'db', user: 'admin', password: process.env.DB_PASSWORD },
});`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('sil', 'admin', 'Labo2019!', { dialect: 'postgres' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 2,
        column: 56,
        endLine: 2,
        endColumn: 67,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('sil', 'admin', process.env.DB_PASSWORD, { dialect: 'postgres' });`,
          },
        ],
      },
    ],
  },
  {
    code: `import mongoose from 'mongoose';
export const mongo = mongoose.createConnection('mongodb://admin:Labo2019!@10.12.0.9:27017/sil');`,
    errors: [
      {
        messageId: 'secretInUrl',
        line: 2,
        column: 48,
        endLine: 2,
        endColumn: 95,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import mongoose from 'mongoose';
export const mongo = mongoose.createConnection(process.env.MONGODB_URI);`,
          },
        ],
      },
    ],
  },
  {
    code: `const { Client } = require('pg');
const client = new Client({ connectionString: 'postgres://labo:Labo2019!@10.12.0.5/sil' });`,
    filename: 'db.cjs',
    errors: [
      {
        messageId: 'secretInUrl',
        line: 2,
        column: 47,
        endLine: 2,
        endColumn: 88,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `const { Client } = require('pg');
const client = new Client({ connectionString: process.env.DATABASE_URL });`,
          },
        ],
      },
    ],
  },
  {
    code: `import mysql from 'mysql2';
export const db = mysql.createConnection({ host: 'db', user: 'root', password: 'root' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 2,
        column: 80,
        endLine: 2,
        endColumn: 86,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import mysql from 'mysql2';
export const db = mysql.createConnection({ host: 'db', user: 'root', password: process.env.DB_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import sql from 'mssql';
await sql.connect({ server: 'sqlsrv', user: 'sa', password: 'Passw0rd!' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 2,
        column: 61,
        endLine: 2,
        endColumn: 72,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import sql from 'mssql';
await sql.connect({ server: 'sqlsrv', user: 'sa', password: process.env.DB_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Connection } from 'tedious';
new Connection({
  server: 'sqlsrv',
  authentication: { type: 'default', options: { userName: 'sa', password: 'Passw0rd!' } },
});`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 4,
        column: 75,
        endLine: 4,
        endColumn: 86,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { Connection } from 'tedious';
new Connection({
  server: 'sqlsrv',
  authentication: { type: 'default', options: { userName: 'sa', password: process.env.DB_PASSWORD } },
});`,
          },
        ],
      },
    ],
  },
  {
    code: `import oracledb from 'oracledb';
await oracledb.getConnection({ user: 'sys', password: 'change_on_install', connectString: 'db/XE' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 2,
        column: 55,
        endLine: 2,
        endColumn: 74,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import oracledb from 'oracledb';
await oracledb.getConnection({ user: 'sys', password: process.env.DB_PASSWORD, connectString: 'db/XE' });`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createClient } from 'redis';
const redis = createClient({ url: 'redis://default:r3dis-pass@cache:6379' });`,
    errors: [
      {
        messageId: 'secretInUrl',
        line: 2,
        column: 35,
        endLine: 2,
        endColumn: 74,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { createClient } from 'redis';
const redis = createClient({ url: process.env.REDIS_URL });`,
          },
        ],
      },
    ],
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis({ host: 'cache', password: 'r3dis-pass' });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 52,
        endLine: 2,
        endColumn: 64,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import Redis from 'ioredis';
const redis = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot', user: 'ftp', password: 'depot2020' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 3,
        column: 58,
        endLine: 3,
        endColumn: 69,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { Client } from 'basic-ftp';
const ftp = new Client();
await ftp.access({ host: 'depot', user: 'ftp', password: process.env.FTP_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import SftpClient from 'ssh2-sftp-client';
const sftp = new SftpClient();
await sftp.connect({ host: 'depot', username: 'labo', password: 'depot2020' });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 3,
        column: 65,
        endLine: 3,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import SftpClient from 'ssh2-sftp-client';
const sftp = new SftpClient();
await sftp.connect({ host: 'depot', username: 'labo', password: process.env.SFTP_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.lab.fr', auth: { user: 'resultats@lab.fr', pass: 'M4il-pass' } });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 91,
        endLine: 2,
        endColumn: 102,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.lab.fr', auth: { user: 'resultats@lab.fr', pass: process.env.SMTP_PASS } });`,
          },
        ],
      },
    ],
  },
  {
    code: `import ldap from 'ldapjs';
const client = ldap.createClient({ url: 'ldaps://ad.lab.fr' });
client.bind('cn=admin,dc=lab,dc=fr', 'Ldap2019', () => {});`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 3,
        column: 38,
        endLine: 3,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import ldap from 'ldapjs';
const client = ldap.createClient({ url: 'ldaps://ad.lab.fr' });
client.bind('cn=admin,dc=lab,dc=fr', process.env.LDAP_PASSWORD, () => {});`,
          },
        ],
      },
    ],
  },
  {
    code: "const COMPTE_LABORATOIRE = { username: 'laboratoire', password: 'Atlantique2015' };",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 65,
        endLine: 1,
        endColumn: 81,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output:
              "const COMPTE_LABORATOIRE = { username: 'laboratoire', password: process.env.COMPTE_LABORATOIRE_PASSWORD };",
          },
        ],
      },
    ],
  },
  {
    code: "const STORAGE_SECRET = 'Atlantique-SIL-2019!';",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 46,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'const STORAGE_SECRET = process.env.STORAGE_SECRET;',
          },
        ],
      },
    ],
  },
  {
    code: "spawn('pg_dump', ['-U', 'postgres'], { env: { PGPASSWORD: 'Labo2019!' } });",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 59,
        endLine: 1,
        endColumn: 70,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output:
              "spawn('pg_dump', ['-U', 'postgres'], { env: { PGPASSWORD: process.env.PGPASSWORD } });",
          },
        ],
      },
    ],
  },
  {
    code: "process.env.PGPASSWORD = 'Labo2019!';",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 26,
        endLine: 1,
        endColumn: 37,
        suggestions: [],
      },
    ],
  },
  {
    code: "const config = { db: { motDePasse: 'Labo2019' } };",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 36,
        endLine: 1,
        endColumn: 46,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'const config = { db: { motDePasse: process.env.DB_MOT_DE_PASSE } };',
          },
        ],
      },
    ],
  },
  {
    code: "export const jwtSecret = 'une-cle-partagee';",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 26,
        endLine: 1,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'export const jwtSecret = process.env.JWT_SECRET;',
          },
        ],
      },
    ],
  },
  {
    code: 'const client = new MongoClient(`mongodb+srv://admin:Labo2019@cluster0.labsil.mongodb.net/${db}`);',
    errors: [
      {
        messageId: 'secretInUrl',
        line: 1,
        column: 32,
        endLine: 1,
        endColumn: 96,
        suggestions: [],
      },
    ],
  },
  {
    code: "const settings = { apiKey: 'sk_live_51Habc' };",
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 28,
        endLine: 1,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'const settings = { apiKey: process.env.SETTINGS_API_KEY };',
          },
        ],
      },
    ],
  },
  {
    code: `import { Pool } from 'pg';
const pool = new Pool({ user: 'postgres', password: 'changeme' });`,
    errors: [
      {
        messageId: 'defaultAccount',
        line: 2,
        column: 53,
        endLine: 2,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `import { Pool } from 'pg';
const pool = new Pool({ user: 'postgres', password: process.env.DB_PASSWORD });`,
          },
        ],
      },
    ],
  },
  {
    code: "const DB_PASSWORD = 'Labo2019!';",
    filename: 'src/test-helpers/db.ts',
    settings: { healthData: { credentials: { fixtureGlobs: ['test/fixtures/**'] } } },
    errors: [
      {
        messageId: 'literalSecret',
        line: 1,
        column: 21,
        endLine: 1,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'const DB_PASSWORD = process.env.DB_PASSWORD;',
          },
        ],
      },
    ],
  },
  {
    code: "const ftpUrl = 'ftp://depot:depot2020@depot.lab.fr/import';",
    errors: [
      {
        messageId: 'secretInUrl',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 59,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: 'const ftpUrl = process.env.FTP_URL;',
          },
        ],
      },
    ],
  },
  // The transports catalogue: pg's `Client`, known by name to no-cleartext-transport, names a
  // database client here too (the suggestion reads DB_PASSWORD).
  {
    code: `const { Client } = database;
const client = new Client({ host: 'db.lab.fr', user: 'sil_app', password: 'S3cr3t-app' });`,
    errors: [
      {
        messageId: 'literalSecret',
        line: 2,
        column: 75,
        endLine: 2,
        endColumn: 87,
        suggestions: [
          {
            messageId: 'useEnvironment',
            output: `const { Client } = database;
const client = new Client({ host: 'db.lab.fr', user: 'sil_app', password: process.env.DB_PASSWORD });`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-hardcoded-credentials', rule, { valid, invalid });

describe('no-hardcoded-credentials messages', () => {
  it('never repeat the secret that triggered them', () => {
    const linter = new Linter({ configType: 'flat' });
    const secrets = new Set<string>();
    for (const { code } of invalid) {
      for (const match of code.matchAll(
        /(?:password|pass|secret|Secret|SECRET|apiKey|motDePasse|PGPASSWORD|DB_PASSWORD|'admin'|'sa'|'labo'|'ftp'|'depot'|'default')\W+'([^']+)'/g,
      ))
        secrets.add(match[1]!);
      for (const match of code.matchAll(/:\/\/[^:/@]+:([^@]+)@/g)) secrets.add(match[1]!);
    }
    secrets.delete('admin');
    secrets.delete('sa');
    assert.ok(
      secrets.has('Labo2019!') && secrets.has('Atlantique2015') && secrets.has('r3dis-pass'),
    );
    const messages = invalid.flatMap(({ code }) =>
      linter.verify(
        code,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: parser as never },
            plugins: { t: { rules: { r: rule as never } } },
            rules: { 't/r': 'error' },
          },
        ],
        'file.ts',
      ),
    );
    assert.ok(messages.length >= invalid.length - 1);
    for (const message of messages)
      for (const secret of secrets) assert.ok(!message.message.includes(secret), secret);
  });
});
