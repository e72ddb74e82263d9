/**
 * Transports: how code sends data over a network — HTTP, WebSocket and LDAP clients, FTP clients,
 * mail transports, the command-line transfer tools run through child processes, and the clients
 * of network services (databases, caches, FTP/SFTP/SSH, SMTP, LDAP) — with the URL schemes and
 * the options that decide whether a connection is encrypted and its certificate verified. Read by
 * every rule that sees data leave the process (cleartext transport) or the options of a
 * connection (hard-coded credentials, see `secrets.ts`).
 */

/**
 * URL schemes that carry data in clear, and their TLS counterpart where it is a drop-in
 * replacement: `http:` → `https:` (RFC 9110 §4.2), `ws:` → `wss:` (RFC 6455 §3). `ftp:` (FTPS is
 * a connection option, not a scheme), `ldap:` (LDAPS or StartTLS) and `smtp:` (nodemailer
 * `smtps:` or STARTTLS) have none.
 */
export const CLEARTEXT_SCHEMES: ReadonlyMap<string, string | undefined> = new Map([
  ['http', 'https'],
  ['ws', 'wss'],
  ['ftp', undefined],
  ['ldap', undefined],
  ['smtp', undefined],
]);

/**
 * Request clients: the module, and the exported functions that open a request or a connection to
 * the URL in their first argument (or in its URL option), `undefined` when every call of the
 * module does. axios, got, request, superagent, needle, ky, node-fetch, undici, cross-fetch,
 * isomorphic-fetch (each: `client(url, options)` and `client.get(url)`-style methods); Node.js
 * `http.request(url)` / `http.get(url)` (https://nodejs.org/api/http.html#httprequesturl-options-callback);
 * fhir-kit-client `new Client({ baseUrl })`, fhirclient `client({ serverUrl })`; ldapjs
 * `createClient({ url })` (http://ldapjs.org/client.html); ws `new WebSocket(url)`.
 */
export const REQUEST_CLIENTS: ReadonlyMap<string, ReadonlySet<string> | undefined> = new Map([
  ['axios', undefined],
  ['got', undefined],
  ['request', undefined],
  ['superagent', undefined],
  ['needle', undefined],
  ['ky', undefined],
  ['node-fetch', undefined],
  ['undici', undefined],
  ['http', new Set(['request', 'get'])],
  ['cross-fetch', undefined],
  ['isomorphic-fetch', undefined],
  ['fhir-kit-client', undefined],
  ['fhirclient', undefined],
  ['ldapjs', new Set(['createClient'])],
  ['ws', undefined],
]);

/** Whether calling `name` imported from `module` sends a request to its URL argument. */
export function sendsRequest(module: string, name: string | undefined): boolean {
  if (!REQUEST_CLIENTS.has(module)) return false;
  const calls = REQUEST_CLIENTS.get(module);
  return calls === undefined || (name !== undefined && calls.has(name));
}

/**
 * Request clients available as globals: WHATWG `fetch`, `WebSocket` and `EventSource`
 * (https://developer.mozilla.org/docs/Web/API/fetch), and axios, got and superagent as loaded by
 * a script tag or a test setup.
 */
export const REQUEST_GLOBALS: ReadonlySet<string> = new Set([
  'fetch',
  'axios',
  'got',
  'superagent',
  'WebSocket',
  'EventSource',
]);

/**
 * Methods of those clients that send a request or make a client bound to a URL: the HTTP verbs
 * (axios `get/post/put/patch/delete/head/options/request`, superagent `del`), axios `create`,
 * fetch-like `fetch`, and client factories (`client`, `createClient`).
 */
export const REQUEST_METHODS: ReadonlySet<string> = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'head',
  'options',
  'request',
  'create',
  'client',
  'createClient',
  'fetch',
]);

/**
 * Option keys that hold the endpoint of a client: axios `url`/`baseURL`, request `uri`/`url`,
 * got `prefixUrl`, fhir-kit-client `baseUrl`, fhirclient `serverUrl`, and `endpoint` (AWS-style
 * clients).
 */
export const URL_OPTION_KEYS: ReadonlySet<string> = new Set([
  'url',
  'uri',
  'baseURL',
  'baseUrl',
  'serverUrl',
  'endpoint',
  'prefixUrl',
]);

/**
 * Arguments or options that carry the payload of a request: fetch and undici `body`, axios
 * `data`, got `json`/`form`/`body`, fhir-kit-client `resource` (`client.create({ resourceType,
 * resource })`).
 */
export const BODY_OPTION_KEYS: ReadonlySet<string> = new Set([
  'body',
  'data',
  'json',
  'form',
  'resource',
]);

/** Option keys that name the host a client connects to: `host` (most drivers), mssql/tedious `server`. */
export const HOST_OPTION_KEYS: readonly string[] = ['host', 'server'];

/**
 * FTP clients that can use TLS, and the method that opens the connection with its options in the
 * first argument: basic-ftp `client.access({ host, user, password, secure })`
 * (https://github.com/patrickjuchli/basic-ftp#accessoptions); ftp (node-ftp)
 * `client.connect({ host, secure })` (https://github.com/mscdex/node-ftp#methods). Both encrypt
 * only with `secure` set.
 */
export const FTP_CONNECTS: ReadonlyMap<string, string> = new Map([
  ['basic-ftp', 'access'],
  ['ftp', 'connect'],
]);

/** The FTP option that turns on FTPS (basic-ftp and node-ftp `secure`). */
export const FTP_TLS_OPTION = 'secure';

/** FTP clients with no TLS support at all: jsftp (`new JSFtp({ host })`, plain FTP only). */
export const FTP_WITHOUT_TLS: ReadonlySet<string> = new Set(['jsftp']);

/**
 * Mail transports: nodemailer `createTransport(options | url)` (https://nodemailer.com/smtp/).
 * `secure: true` connects with TLS; with `secure: false` the connection is upgraded by STARTTLS
 * only when the server offers it, unless `requireTLS: true`; `ignoreTLS: true` never upgrades.
 */
export const MAIL_TRANSPORT = {
  module: 'nodemailer',
  factory: 'createTransport',
  secure: 'secure',
  requireTls: 'requireTLS',
  ignoreTls: 'ignoreTLS',
} as const;

/**
 * TLS certificate verification: the `rejectUnauthorized` option of Node.js `tls.connect` and
 * `https.request`, passed through by most clients and drivers (`false` accepts any certificate;
 * https://nodejs.org/api/tls.html#tlsconnectoptions-callback), and the environment variable
 * `NODE_TLS_REJECT_UNAUTHORIZED` that turns verification off process-wide when `0`
 * (https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue).
 */
export const TLS_VERIFY_OPTION = 'rejectUnauthorized';
export const TLS_VERIFY_ENV = 'NODE_TLS_REJECT_UNAUTHORIZED';

/**
 * Command-line transfer tools that send files or requests to a URL among their arguments when run
 * through a child process (see `PROCESS_RUNNERS`): curl, wget, lftp, the BSD/inetutils ftp client
 * and ncftpput.
 */
export const TRANSFER_PROGRAMS: ReadonlySet<string> = new Set([
  'curl',
  'wget',
  'lftp',
  'ftp',
  'ncftpput',
]);

/**
 * The network service a client connects to; also the prefix of the environment variables that
 * conventionally hold its settings (`DB_PASSWORD`, `REDIS_PASSWORD`, `SMTP_PASSWORD`).
 * `DB` is a SQL database.
 */
export type Service = 'DB' | 'MONGO' | 'REDIS' | 'FTP' | 'SFTP' | 'SSH' | 'SMTP' | 'LDAP';

/**
 * Clients of network services, by module: their constructor or factory takes the connection's
 * options (host, account, password, TLS). SQL: pg, pg-promise, postgres (postgres.js), mysql,
 * mysql2, mariadb, mssql, tedious, oracledb, and the query builders and ORMs over them (knex
 * `connection`, sequelize, typeorm `DataSource`); MongoDB driver and mongoose; redis (node-redis)
 * and ioredis; basic-ftp, ftp, jsftp; ssh2-sftp-client and ssh2; nodemailer; ldapjs and ldapts.
 */
export const SERVICE_CLIENTS: ReadonlyMap<string, Service> = new Map([
  ['pg', 'DB'],
  ['pg-promise', 'DB'],
  ['postgres', 'DB'],
  ['mysql', 'DB'],
  ['mysql2', 'DB'],
  ['mysql2/promise', 'DB'],
  ['mariadb', 'DB'],
  ['mssql', 'DB'],
  ['tedious', 'DB'],
  ['oracledb', 'DB'],
  ['knex', 'DB'],
  ['sequelize', 'DB'],
  ['typeorm', 'DB'],
  ['mongodb', 'MONGO'],
  ['mongoose', 'MONGO'],
  ['redis', 'REDIS'],
  ['ioredis', 'REDIS'],
  ['basic-ftp', 'FTP'],
  ['ftp', 'FTP'],
  ['jsftp', 'FTP'],
  ['ssh2-sftp-client', 'SFTP'],
  ['ssh2', 'SSH'],
  ['nodemailer', 'SMTP'],
  ['ldapjs', 'LDAP'],
  ['ldapts', 'LDAP'],
]);

/**
 * The same clients' constructors and factories by name, for code that wraps its imports: pg
 * `new Pool()`/`new Client()`, mysql `createPool`/`createConnection`, mssql `new ConnectionPool()`,
 * oracledb `getConnection()`, typeorm `new DataSource()`, `new Sequelize()`, `knex()`, MongoDB
 * `new MongoClient()`, node-redis `createClient()`, ioredis `new Redis()`, nodemailer
 * `createTransport()`.
 */
export const SERVICE_CLIENT_CALLS: ReadonlyMap<string, Service> = new Map([
  ['Pool', 'DB'],
  ['Client', 'DB'],
  ['Sequelize', 'DB'],
  ['knex', 'DB'],
  ['createPool', 'DB'],
  ['createConnection', 'DB'],
  ['ConnectionPool', 'DB'],
  ['getConnection', 'DB'],
  ['DataSource', 'DB'],
  ['MongoClient', 'MONGO'],
  ['createClient', 'REDIS'],
  ['Redis', 'REDIS'],
  ['createTransport', 'SMTP'],
]);

/**
 * Names of `SERVICE_CLIENT_CALLS` that unrelated libraries export too (fhirclient, ssh2, ldapts and
 * Elasticsearch each have a `Client`): they name a service's client only when the callee comes
 * from no module at all.
 */
export const GENERIC_CLIENT_CALLS: ReadonlySet<string> = new Set(['Client']);

/**
 * Services whose clients take an `ssl` option that turns TLS off when `false`: pg and
 * postgres.js `ssl`, mysql/mysql2/mariadb `ssl`, knex/sequelize/typeorm passing it to the driver,
 * MongoDB `ssl` (alias of `tls`).
 */
export const DATABASE_TLS_OPTION = 'ssl';
export const SERVICES_WITH_SSL_OPTION: ReadonlySet<Service> = new Set(['DB', 'MONGO']);

/**
 * A connection string to a remote database with TLS turned off by `sslmode=disable` (libpq
 * connection URIs, https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING;
 * also accepted in `mysql://` URLs by several drivers): the host, when the string is one.
 */
export function sslDisabledDatabaseHost(text: string): string | undefined {
  return /^(postgres(?:ql)?|mysql):\/\/(?:[^@/]*@)?([^/:?]+)[^?]*\?.*\bsslmode=disable\b/i.exec(
    text,
  )?.[2];
}

/**
 * File-transfer uploads, and the argument that holds what is sent (a local path, a buffer or a
 * stream): ssh2-sftp-client `put(src, remotePath)` and `fastPut(localPath, remotePath)`
 * (https://github.com/theophilusx/ssh2-sftp-client#put), ftp (node-ftp) `put(input, destPath)`
 * (https://github.com/mscdex/node-ftp#methods).
 */
export const FILE_TRANSFER_UPLOADS: ReadonlyMap<string, number> = new Map([
  ['fastPut', 0],
  ['put', 0],
]);

/**
 * The path of a FHIR server's base URL: FHIR's RESTful API addresses every resource below a
 * service base URL (`[base]/Patient/123`, https://hl7.org/fhir/http.html#root), and servers
 * publish that base under a `fhir` segment — HAPI `/fhir`, `/baseR4`, IBM `/fhir-server/api/v4`,
 * Epic `/api/FHIR/R4`, Azure `*.fhir.azurehealthcareapis.com`, Google `/fhirStores/…/fhir`.
 */
export const FHIR_BASE_PATH = /(?:\/|\.)(?:[\w-]*fhir[\w-]*|baseR[45]|baseDstu[23])(?:[/.?]|$)/i;
