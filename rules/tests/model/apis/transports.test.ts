import assert from 'node:assert/strict';
import {
  CLEARTEXT_SCHEMES,
  FTP_CONNECTS,
  GENERIC_CLIENT_CALLS,
  SERVICE_CLIENT_CALLS,
  SERVICE_CLIENTS,
  SERVICES_WITH_SSL_OPTION,
  TRANSFER_PROGRAMS,
  sendsRequest,
  sslDisabledDatabaseHost,
} from '../../../src/model/apis';

/**
 * The transports family: which imported calls send a request to their URL argument, which
 * schemes are cleartext, and which clients connect to which service — the table both the
 * cleartext-transport and the hard-coded-credentials rules read.
 */
describe('catalogue: transports', () => {
  const requests: [string, string | undefined, boolean][] = [
    ['axios', 'post', true],
    ['axios', undefined, true],
    ['node-fetch', 'default', true],
    ['undici', 'request', true],
    ['http', 'request', true],
    ['http', 'get', true],
    ['http', 'createServer', false],
    ['ldapjs', 'createClient', true],
    ['ldapjs', 'parseDN', false],
    ['fs', 'writeFile', false],
  ];
  for (const [module, name, expected] of requests) {
    it(`${module} ${name ?? '(called)'} ${expected ? 'sends' : 'does not send'} a request`, () => {
      assert.equal(sendsRequest(module, name), expected);
    });
  }

  it('knows the secure counterpart of a cleartext scheme where one is a drop-in', () => {
    assert.equal(CLEARTEXT_SCHEMES.get('http'), 'https');
    assert.equal(CLEARTEXT_SCHEMES.get('ws'), 'wss');
    assert.ok(CLEARTEXT_SCHEMES.has('ftp'));
    assert.equal(CLEARTEXT_SCHEMES.get('ftp'), undefined);
    assert.ok(!CLEARTEXT_SCHEMES.has('https'));
  });

  it('opens an FTP connection with basic-ftp access and node-ftp connect', () => {
    assert.equal(FTP_CONNECTS.get('basic-ftp'), 'access');
    assert.equal(FTP_CONNECTS.get('ftp'), 'connect');
  });

  it('runs curl, wget and lftp as transfer programs', () => {
    for (const program of ['curl', 'wget', 'lftp']) assert.ok(TRANSFER_PROGRAMS.has(program));
  });

  const services: [string, string | undefined][] = [
    ['pg', 'DB'],
    ['postgres', 'DB'],
    ['mysql2/promise', 'DB'],
    ['typeorm', 'DB'],
    ['mongoose', 'MONGO'],
    ['ioredis', 'REDIS'],
    ['ssh2-sftp-client', 'SFTP'],
    ['nodemailer', 'SMTP'],
    ['ldapts', 'LDAP'],
    ['axios', undefined],
  ];
  for (const [module, service] of services) {
    it(`${module} is a client of ${service ?? 'no service'}`, () => {
      assert.equal(SERVICE_CLIENTS.get(module), service);
    });
  }

  it('knows wrapped database clients by their constructor or factory name', () => {
    for (const name of ['Pool', 'Client', 'Sequelize', 'ConnectionPool', 'DataSource'])
      assert.equal(SERVICE_CLIENT_CALLS.get(name), 'DB', name);
    assert.equal(SERVICE_CLIENT_CALLS.get('MongoClient'), 'MONGO');
    assert.equal(SERVICE_CLIENT_CALLS.get('createTransport'), 'SMTP');
    // `Client` is exported by many libraries: it names a database client only from no module.
    assert.ok(GENERIC_CLIENT_CALLS.has('Client'));
    for (const name of GENERIC_CLIENT_CALLS) assert.ok(SERVICE_CLIENT_CALLS.has(name), name);
  });

  it('takes an `ssl` option for SQL and MongoDB clients only', () => {
    assert.deepEqual([...SERVICES_WITH_SSL_OPTION].sort(), ['DB', 'MONGO']);
  });

  const urls: [string, string | undefined][] = [
    ['postgres://db.example.fr/sil?sslmode=disable', 'db.example.fr'],
    [
      'postgresql://app:pw@db.example.fr:5432/sil?application_name=x&sslmode=disable',
      'db.example.fr',
    ],
    ['mysql://db.example.fr/sil?sslmode=disable', 'db.example.fr'],
    ['postgres://db.example.fr/sil?sslmode=require', undefined],
    ['https://db.example.fr/?sslmode=disable', undefined],
  ];
  for (const [url, host] of urls) {
    it(`${url} → ${host ?? 'TLS not turned off'}`, () => {
      assert.equal(sslDisabledDatabaseHost(url), host);
    });
  }
});
