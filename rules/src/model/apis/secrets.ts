/**
 * Secrets: the APIs that take a password, a key or a signing secret, at which argument or under
 * which option, the accounts that come with them, and the connection-string schemes that embed
 * them. The clients of network services whose options take credentials are `SERVICE_CLIENTS`
 * (see `transports.ts`). Read by every rule that sees a secret handed to a library (hard-coded
 * credentials). The words that make a name a secret's (`password`, `apiKey`) are vocabulary, in
 * `model/vocabulary.ts`.
 */
import type { Service } from './transports';

/**
 * What a secret argument is: `password` is the password of an account on a service (a login);
 * `key` a cryptographic or signing key (JWT, cipher, HMAC, session cookies).
 */
export type SecretKind = 'password' | 'key';

/** A call that takes a secret by position: its index, and the account's index when there is one. */
export interface SecretArgument {
  kind: SecretKind;
  secret: number;
  /** The secret's index when the call has this one argument only. */
  secretWhenAlone?: number;
  account?: number;
  service?: Service;
}

/**
 * Constructors that take credentials by position, by name (wrappers pass them through):
 * Sequelize `new Sequelize(database, username, password, options)`
 * (https://sequelize.org/docs/v6/getting-started/#connecting-to-a-database).
 */
export const SECRET_CONSTRUCTORS: ReadonlyMap<string, SecretArgument> = new Map([
  ['Sequelize', { kind: 'password', secret: 2, account: 1, service: 'DB' }],
]);

/**
 * Methods of a service's client (an instance made from one of `SERVICE_CLIENTS`) that take
 * credentials by position: ldapjs and ldapts `client.bind(dn, password)`
 * (http://ldapjs.org/client.html#bind); node-redis `client.auth(password)` or
 * `client.auth(username, password)` (Redis AUTH, https://redis.io/commands/auth/).
 */
const SECRET_METHODS: readonly (SecretArgument & { method: string; service: Service })[] = [
  { method: 'bind', service: 'LDAP', kind: 'password', secret: 1, account: 0 },
  { method: 'auth', service: 'REDIS', kind: 'password', secret: 1, secretWhenAlone: 0 },
];

/** The names of those methods, to tell cheaply that a call may be one. */
export const SECRET_METHOD_NAMES: ReadonlySet<string> = new Set(
  SECRET_METHODS.map((m) => m.method),
);

/** The secret argument of `method` called on a client of `service`, if it takes one. */
export function secretMethod(service: Service, method: string): SecretArgument | undefined {
  return SECRET_METHODS.find((m) => m.service === service && m.method === method);
}

/** The index of the secret among `count` arguments. */
export function secretIndex(argument: SecretArgument, count: number): number {
  return count === 1 && argument.secretWhenAlone !== undefined
    ? argument.secretWhenAlone
    : argument.secret;
}

/**
 * Functions that take a key or a signing secret by position, by module and export path (`''` is
 * the module's own function): jsonwebtoken `sign(payload, secretOrPrivateKey)` and
 * `verify(token, secretOrPublicKey)` (https://github.com/auth0/node-jsonwebtoken#usage); jose
 * `jwtVerify(jwt, key)` and `jwtDecrypt(jwt, key)` (https://github.com/panva/jose); Node.js
 * crypto `createCipheriv(algorithm, key, iv)`, `createDecipheriv`, `createHmac(algorithm, key)`
 * (https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options) and the key
 * derivations `pbkdf2(password, salt, …)`, `scrypt(password, salt, …)` and their `Sync` forms;
 * crypto-js `AES.encrypt(message, passphrase)` and `HmacSHA256(message, key)`; cookie-parser
 * `cookieParser(secret)` (https://github.com/expressjs/cookie-parser#cookieparsersecret-options).
 */
export const SECRET_FUNCTIONS: ReadonlyMap<string, ReadonlyMap<string, SecretArgument>> = new Map([
  [
    'jsonwebtoken',
    new Map([
      ['sign', { kind: 'key', secret: 1 }],
      ['verify', { kind: 'key', secret: 1 }],
    ]),
  ],
  [
    'jose',
    new Map([
      ['jwtVerify', { kind: 'key', secret: 1 }],
      ['jwtDecrypt', { kind: 'key', secret: 1 }],
    ]),
  ],
  [
    'crypto',
    new Map([
      ['createCipheriv', { kind: 'key', secret: 1 }],
      ['createDecipheriv', { kind: 'key', secret: 1 }],
      ['createHmac', { kind: 'key', secret: 1 }],
      ['pbkdf2', { kind: 'key', secret: 0 }],
      ['pbkdf2Sync', { kind: 'key', secret: 0 }],
      ['scrypt', { kind: 'key', secret: 0 }],
      ['scryptSync', { kind: 'key', secret: 0 }],
    ]),
  ],
  [
    'crypto-js',
    new Map([
      ['AES.encrypt', { kind: 'key', secret: 1 }],
      ['AES.decrypt', { kind: 'key', secret: 1 }],
      ['HmacSHA256', { kind: 'key', secret: 1 }],
      ['HmacSHA512', { kind: 'key', secret: 1 }],
    ]),
  ],
  ['cookie-parser', new Map([['', { kind: 'key', secret: 0 }]])],
]);

/**
 * Password hashers, by module and export path, with the password's index: a literal hashed
 * there is a password every account created or reset by that code receives. bcrypt and bcryptjs
 * `hash(password, salt)`, `hashSync` (https://github.com/kelektiv/node.bcrypt.js#usage); argon2
 * `hash(password)` (https://github.com/ranisalt/node-argon2#usage).
 */
export const PASSWORD_HASHERS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  [
    'bcrypt',
    new Map([
      ['hash', 0],
      ['hashSync', 0],
    ]),
  ],
  [
    'bcryptjs',
    new Map([
      ['hash', 0],
      ['hashSync', 0],
    ]),
  ],
  ['argon2', new Map([['hash', 0]])],
]);

/**
 * Options that take a secret, by the module whose exported function or class takes them:
 * express-session `session({ secret })` (https://github.com/expressjs/session#secret);
 * cookie-session `cookieSession({ secret, keys })`; express-jwt `expressjwt({ secret })`;
 * passport-jwt `new Strategy({ secretOrKey })`; passport OAuth strategies `new Strategy({
 * clientSecret })` (passport-oauth2, passport-google-oauth20, passport-facebook, passport-github2)
 * and OAuth 1.0 `consumerSecret` (passport-twitter); AWS SDK clients `new S3Client({ credentials:
 * { accessKeyId, secretAccessKey } })` (v3) and `new AWS.S3({ secretAccessKey })` (v2).
 */
export const SECRET_OPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['express-session', new Set(['secret'])],
  ['cookie-session', new Set(['secret', 'keys'])],
  ['express-jwt', new Set(['secret'])],
  ['passport-jwt', new Set(['secretOrKey'])],
  ['passport-oauth2', new Set(['clientSecret'])],
  ['passport-google-oauth20', new Set(['clientSecret'])],
  ['passport-facebook', new Set(['clientSecret'])],
  ['passport-github2', new Set(['clientSecret'])],
  ['passport-twitter', new Set(['consumerSecret'])],
  ['@aws-sdk/client-s3', new Set(['secretAccessKey'])],
  ['aws-sdk', new Set(['secretAccessKey'])],
  ['@fastify/cookie', new Set(['secret'])],
  ['fastify-cookie', new Set(['secret'])],
  ['@fastify/session', new Set(['secret'])],
  ['@fastify/jwt', new Set(['secret'])],
  ['@nestjs/jwt', new Set(['secret', 'privateKey'])],
]);

/**
 * Methods that install a plugin with its options as the next argument: Fastify
 * `app.register(plugin, options)` (https://fastify.dev/docs/latest/Reference/Plugins/), so
 * `app.register(cookie, { secret })` hands the secret to @fastify/cookie; NestJS dynamic modules
 * `JwtModule.register({ secret })` take it as their own first argument.
 */
export const PLUGIN_REGISTRATION_METHODS: ReadonlySet<string> = new Set(['register']);

/**
 * Vendor default passwords, compared in lower case: shipped in a product's documentation or
 * sample configuration, so they are real secrets everyone knows, not placeholders, even though
 * they read like words. IBM FHIR Server `change-password` for `fhiruser` and `fhiradmin`
 * (https://github.com/LinuxForHealth/FHIR, server configuration guide); `changeme` (Elastic,
 * Keycloak and many images); Java keystores `changeit` (JDK `keytool` documentation); OpenMRS
 * Reference Application `Admin123` (https://wiki.openmrs.org/display/docs/Demo+Data); DHIS2
 * `district` (https://docs.dhis2.org/, demo database).
 */
export const VENDOR_DEFAULT_PASSWORDS: ReadonlySet<string> = new Set([
  'change-password',
  'changeme',
  'changeit',
  'admin123',
  'district',
]);

/**
 * Option keys naming the account a password belongs to: pg, mysql, mariadb, basic-ftp and
 * nodemailer `auth` `user`, ssh2 and MongoDB `auth` `username`, tedious `userName`, and the
 * `login`, `uid`, `userid`, `account` spellings of other clients and configurations.
 */
export const ACCOUNT_OPTION_KEYS: ReadonlySet<string> = new Set([
  'user',
  'username',
  'userName',
  'login',
  'uid',
  'userid',
  'account',
]);

/**
 * Option keys that group a client's connection or credentials under another key (knex
 * `connection`, nodemailer `auth`, tedious `authentication`, and the `options`, `config`, `env`,
 * `credentials` wrappers of configuration files), compared in lower case: the object under them
 * is named by what holds them.
 */
export const CREDENTIAL_GROUP_KEYS: ReadonlySet<string> = new Set([
  'connection',
  'auth',
  'authentication',
  'options',
  'config',
  'env',
  'credentials',
]);

/**
 * Default or shared administrator accounts of database servers and services: MySQL/MariaDB
 * `root`, SQL Server `sa`, PostgreSQL `postgres`, Oracle `sys`/`system`/`oracle`, `dba`, MySQL
 * `mysql`, FTP `ftp`/`anonymous`, and the generic `admin`/`administrator`/`administrateur`.
 */
export const DEFAULT_ACCOUNTS: ReadonlySet<string> = new Set([
  'root',
  'admin',
  'administrator',
  'administrateur',
  'sa',
  'postgres',
  'sys',
  'system',
  'dba',
  'oracle',
  'mysql',
  'ftp',
  'anonymous',
]);

/**
 * Connection-string schemes by service: MongoDB `mongodb://` and `mongodb+srv://`
 * (https://www.mongodb.com/docs/manual/reference/connection-string/); SQL databases
 * `postgres(ql)://` (libpq), `mysql://`, `mariadb://`, `mssql://`/`sqlserver://`, `oracle://`.
 */
export const URL_SCHEME_SERVICES: ReadonlyMap<string, Service> = new Map([
  ['mongodb', 'MONGO'],
  ['mongodb+srv', 'MONGO'],
  ['postgres', 'DB'],
  ['postgresql', 'DB'],
  ['mysql', 'DB'],
  ['mariadb', 'DB'],
  ['mssql', 'DB'],
  ['sqlserver', 'DB'],
  ['oracle', 'DB'],
]);

/**
 * Formats of live credentials, recognisable by their shape wherever they appear — a test file
 * included: a value of one of these forms is a real key until proven otherwise.
 * - Stripe live secret and restricted keys `sk_live_…`, `rk_live_…` (https://docs.stripe.com/keys);
 * - AWS access key ids `AKIA…`/`ASIA…`, 20 characters
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids);
 * - GitHub tokens `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`
 *   (https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats);
 * - Slack tokens `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-` (https://api.slack.com/concepts/token-types);
 * - Google API keys `AIza…`, 39 characters (https://cloud.google.com/docs/authentication/api-keys);
 * - GitLab personal access tokens `glpat-` (https://docs.gitlab.com/ee/security/token_overview.html);
 * - SendGrid API keys `SG.<22>.<43>` (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys);
 * - OpenAI and Anthropic API keys `sk-proj-…`, `sk-ant-…`;
 * - PEM private keys `-----BEGIN … PRIVATE KEY-----` (RFC 7468 §10).
 */
export const LIVE_SECRET_FORMATS: readonly RegExp[] = [
  /^[sr]k_live_[0-9A-Za-z]{16,}$/,
  /^(?:AKIA|ASIA)[0-9A-Z]{16}$/,
  /^(?:gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{40,})$/,
  /^xox[abpr]-[0-9A-Za-z-]{10,}$/,
  /^AIza[0-9A-Za-z_-]{35}$/,
  /^glpat-[0-9A-Za-z_-]{20,}$/,
  /^SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}$/,
  /^sk-(?:proj|ant)-[0-9A-Za-z_-]{20,}$/,
  /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/,
];
