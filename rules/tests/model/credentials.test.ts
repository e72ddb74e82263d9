import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  clientMethodPassword,
  constructorPassword,
  credentialClient,
  credentialsOwnerName,
  isAccountRecord,
  isDefaultAccount,
  isEnvironmentMember,
  isRealSecret,
  isSecretName,
  ldapAccount,
  looksLive,
  namesItself,
  optionsAccount,
  repeatsAccount,
  secretNameKind,
  urlCredentials,
  isPhrase,
} from '../../src/model/credentials';
import { inProjectGlobs } from '../../src/model/test-files';
import { runProbeRule } from './probe';

describe('model/credentials: secret names', () => {
  it('knows the names that hold a secret, in every casing and in French', () => {
    for (const name of [
      'password',
      'PGPASSWORD',
      'dbPass',
      'db_pwd',
      'jwtSecret',
      'STORAGE_SECRET',
      'apiKey',
      'privateKey',
      'accessToken',
      'mdp',
      'motDePasse',
      'mot_passe',
      'passphrase',
    ])
      assert.ok(isSecretName(name), name);
  });

  it('leaves keys, tokens and passes that are no secret', () => {
    for (const name of [
      'key',
      'token',
      'primaryKey',
      'csrfToken',
      'boardingPassId',
      'passport',
      'passe',
      'username',
    ])
      assert.equal(isSecretName(name), false, name);
  });

  it('answers the same when asked again (the answer is kept per name)', () => {
    assert.equal(isSecretName('smtpPassword'), true);
    assert.equal(isSecretName('smtpPassword'), true);
  });

  it('names the kind of secret by the last word', () => {
    assert.equal(secretNameKind('jwtSecret'), 'secret');
    assert.equal(secretNameKind('CLIENT_SECRET'), 'secret');
    assert.equal(secretNameKind('apiKey'), 'key');
    assert.equal(secretNameKind('refresh_token'), 'token');
    assert.equal(secretNameKind('PGPASSWORD'), 'password');
    assert.equal(secretNameKind('mdp'), 'password');
  });
});

describe('model/credentials: secret values', () => {
  it('tells real values from placeholders', () => {
    for (const value of ['s3cret', 'Tr0ub4dor&3', 'root']) assert.ok(isRealSecret(value), value);
    for (const value of [
      '',
      ' padded ',
      '<password>',
      '${DB_PASSWORD}',
      '{{secret}}',
      '$PGPASSWORD',
      '%s',
      ':password',
      'xxx',
      '***',
      'your_password',
      'placeholder',
      'REDACTED',
      'todo',
    ])
      assert.equal(isRealSecret(value), false, JSON.stringify(value));
  });

  it('knows values that spell their own key or a URN', () => {
    assert.ok(namesItself('RefreshToken', 'refresh_token'));
    assert.ok(namesItself('password', 'password'));
    assert.ok(namesItself('AccessToken', 'urn:ietf:params:oauth:token-type:access_token'));
    assert.equal(namesItself('password', 's3cret'), false);
  });

  it('takes a part of the key or a constant name for the name a secret is stored under', () => {
    assert.ok(namesItself('AUTH_KEY', 'auth'));
    assert.ok(namesItself('REPLICATION_PASSWORD', 'replicationPassword'));
    assert.ok(namesItself('LAB_TOKEN_CACHE_SECRET', 'LAB_TOKEN_CACHE'));
    assert.ok(namesItself('password', 'user_password'));
  });

  it('takes digits, two more words, a vendor default or an account for a real password', () => {
    assert.equal(namesItself('password', 'password123'), false);
    assert.equal(namesItself('secret', 'lab-secret-key'), false);
    assert.equal(namesItself('cookieSecret', 'lab_cookie_secret_value_here'), false);
    assert.equal(namesItself('password', 'change-password'), false);
    assert.equal(namesItself('password', 'labsuite-password', true), false);
    assert.ok(namesItself('password', 'password', true));
  });

  it('knows account records by their account name or e-mail beside the password', () => {
    const records: boolean[] = [];
    runProbeRule(
      `const a = { email: 'admin@lab.example', password: 'x' };
const b = { username: 'technicien', password: 'x' };
const c = { label: 'Mot de passe', password: 'x' };
const d = { email: '', password: 'x' };`,
      () => ({
        ObjectExpression: (node: TSESTree.ObjectExpression) => records.push(isAccountRecord(node)),
      }),
    );
    assert.deepEqual(records, [true, true, false, false]);
  });

  it('knows default accounts and passwords that repeat their account', () => {
    assert.ok(isDefaultAccount('root'));
    assert.ok(isDefaultAccount('SA'));
    assert.ok(isDefaultAccount('postgres'));
    assert.equal(isDefaultAccount('jdupont'), false);
    assert.ok(repeatsAccount('root', 'root'));
    assert.ok(repeatsAccount('Admin', 'admin123'));
    assert.equal(repeatsAccount('root', 's3cret'), false);
  });

  it('reads the account of an LDAP distinguished name', () => {
    assert.equal(ldapAccount('cn=admin,dc=example,dc=org'), 'admin');
    assert.equal(ldapAccount('UID=jdoe,ou=people'), 'jdoe');
    assert.equal(ldapAccount('ou=people,dc=example'), undefined);
  });
});

/** Runs `visit` on every node of `type` in `code`, with the file's SourceCode. */
function each<T extends TSESTree.Node>(
  code: string,
  type: `${T['type']}`,
  visit: (node: T, sourceCode: Parameters<typeof credentialClient>[1]) => void,
): void {
  runProbeRule(code, (context) => ({
    [type]: (node: T) => visit(node, context.sourceCode),
  }));
}

describe('model/credentials: URLs', () => {
  function credentialsIn(code: string) {
    const found: unknown[] = [];
    const visit = (node: TSESTree.Literal | TSESTree.TemplateLiteral) => {
      const credentials = urlCredentials(node);
      if (credentials) found.push(credentials);
    };
    runProbeRule(code, () => ({ Literal: visit, TemplateLiteral: visit }));
    return found;
  }

  it('reads the scheme, account and password a URL embeds', () => {
    assert.deepEqual(credentialsIn("const url = 'postgres://app:s3cret@db:5432/emr';"), [
      { scheme: 'postgres', user: 'app', password: 's3cret' },
    ]);
    assert.deepEqual(credentialsIn('const url = `mongodb+srv://root:Pa55@cluster/x`;'), [
      { scheme: 'mongodb+srv', user: 'root', password: 'Pa55' },
    ]);
  });

  it('leaves URLs without a password, placeholders and passwords built from holes', () => {
    assert.deepEqual(credentialsIn("const a = 'postgres://app@db/emr';"), []);
    assert.deepEqual(credentialsIn("const b = 'mysql://app:<password>@db/emr';"), []);
    assert.deepEqual(
      credentialsIn('declare const p: string; const c = `mysql://app:${p}@db/emr`;'),
      [],
    );
    assert.deepEqual(credentialsIn("const d = 'https://example.org/a:b@c';"), []);
  });

  it('leaves URLs spelled out as examples: a dummy password, a documentation host', () => {
    assert.deepEqual(
      credentialsIn("const e = 'expected https://user:password@central.lab.fr';"),
      [],
    );
    assert.deepEqual(credentialsIn("const f = 'postgres://app:Labo2019@db.example.com/emr';"), []);
    assert.deepEqual(
      credentialsIn("const g = 'postgres://app:Labo2019@sil.staging.test/emr';"),
      [],
    );
    assert.equal(
      credentialsIn("const h = 'postgres://app:Labo2019@db.example.com.lab.fr/emr';").length,
      1,
    );
  });
});

describe('model/credentials: where a secret is handed to a client', () => {
  function clients(code: string): (string | undefined)[] {
    const found: (string | undefined)[] = [];
    each<TSESTree.ObjectExpression>(code, 'ObjectExpression', (object, sourceCode) => {
      if (object.parent?.type === 'Property') return;
      found.push(credentialClient(object, sourceCode));
    });
    return found;
  }

  it('knows the service of the client an options object is passed to', () => {
    assert.deepEqual(
      clients(
        [
          "import { Pool } from 'pg';",
          "import nodemailer from 'nodemailer';",
          "new Pool({ user: 'app', password: 'x' });",
          "nodemailer.createTransport({ auth: { user: 'a', pass: 'b' } });",
          "createClient({ password: 'x' });",
          "const config = { password: 'x' };",
        ].join('\n'),
      ),
      ['DB', 'SMTP', 'REDIS', undefined],
    );
  });

  it('does not take a generic `Client` imported from another library for a database', () => {
    assert.deepEqual(
      clients("import { Client } from '@elastic/elasticsearch';\nnew Client({ password: 'x' });"),
      [undefined],
    );
  });

  it('reads the account beside the password and the name the object is assigned to', () => {
    const seen: [string | undefined, string | undefined][] = [];
    each<TSESTree.Property>(
      [
        "const COMPTE = { login: 'admin', motDePasse: 'x' };",
        "const settings = { smtp: { auth: { user: 'mailer', pass: 'y' } } };",
      ].join('\n'),
      'Property',
      (property) => {
        if (property.key.type !== 'Identifier' || !/motDePasse|pass$/.test(property.key.name))
          return;
        seen.push([optionsAccount(property.parent), credentialsOwnerName(property.parent)]);
      },
    );
    assert.deepEqual(seen, [
      ['admin', 'COMPTE'],
      ['mailer', 'smtp'],
    ]);
  });

  it('finds passwords passed by position to constructors and client methods', () => {
    const code = [
      "import ldap from 'ldapjs';",
      "import { createClient } from 'redis';",
      "new Sequelize('emr', 'root', 's3cret', {});",
      "const client = ldap.createClient({ url: 'ldaps://x' });",
      "client.bind('cn=admin,dc=x', 'pw', () => {});",
      'const redis = createClient();',
      "redis.auth('only');",
      "other.bind('a', 'b');",
    ].join('\n');
    const found: string[] = [];
    runProbeRule(code, (context) => {
      const text = (node: TSESTree.Node | undefined) =>
        node ? context.sourceCode.getText(node) : '-';
      return {
        NewExpression(node) {
          const p = constructorPassword(node);
          if (p) found.push(`new ${p.service} ${text(p.password)} ${text(p.account)}`);
        },
        CallExpression(node) {
          const p = clientMethodPassword(node, context.sourceCode);
          if (p) found.push(`call ${p.service} ${text(p.password)} ${text(p.account)}`);
        },
      };
    });
    assert.deepEqual(found, [
      "new DB 's3cret' 'root'",
      "call LDAP 'pw' 'cn=admin,dc=x'",
      "call REDIS 'only' -",
    ]);
  });

  it('knows assignments to process.env', () => {
    const seen: boolean[] = [];
    each<TSESTree.MemberExpression>(
      "process.env.PGPASSWORD = 'x';\nglobalThis.process.env.A = 'y';\nconfig.env.B = 'z';",
      'MemberExpression',
      (member) => {
        if (member.parent?.type === 'AssignmentExpression') seen.push(isEnvironmentMember(member));
      },
    );
    assert.deepEqual(seen, [true, true, false]);
  });
});

describe('model/credentials: fixtures', () => {
  it('matches fixture globs from the folder of the project configuration', () => {
    const root = mkdtempSync(join(tmpdir(), 'hdl-fixtures-'));
    writeFileSync(join(root, 'healthdata.config.json'), '{}');
    mkdirSync(join(root, 'test', 'fixtures'), { recursive: true });
    const globs = ['test/fixtures/**'];
    assert.ok(inProjectGlobs(join(root, 'test', 'fixtures', 'db.ts'), '/elsewhere', globs));
    assert.equal(inProjectGlobs(join(root, 'src', 'db.ts'), '/elsewhere', globs), false);
    assert.equal(inProjectGlobs(join(root, 'test', 'fixtures', 'db.ts'), '/elsewhere', []), false);
    assert.ok(inProjectGlobs('test/fixtures/db.ts', root, globs));
  });

  it('takes a value with whitespace for a phrase or a label, not a secret', () => {
    assert.ok(isPhrase('Mot de passe'));
    assert.ok(!isPhrase('s3cr3t-Pa55'));
  });
});

describe('model/credentials: secrets that look live (reported even in test code)', () => {
  const NOW = Date.UTC(2026, 11, 4);

  it('knows the formats of live keys: Stripe live, AWS, GitHub, Slack, Google, PEM', () => {
    for (const value of [
      'sk_live_51Hx0aBcDeFgHiJkLmNoPqRs',
      'AKIAIOSFODNN7EXAMPLF',
      'ghp_0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX',
      'xoxb-1234567890-abcdefghij',
      'AIzaSyA0b1C2d3E4f5G6h7I8j9K0l1M2n3O4p5Q',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow…',
    ])
      assert.equal(looksLive(value, NOW), true, value);
  });

  it('takes a long random-looking string for a key, not a typed run or a phrase', () => {
    assert.equal(looksLive('f9K2mQ7xW4pL8vB3nR6tY1cZ5hJ0sD', NOW), true);
    for (const value of [
      'whatever',
      'test-secret',
      'my-super-secret-password',
      '0123456789abcdef0123456789abcdef',
      'sk_test_51Hx0aBcDeFgHiJkLmNoPqRs',
      'correct horse battery staple 2024',
    ])
      assert.equal(looksLive(value, NOW), false, value);
  });

  it('a password hash opens nothing by itself: not live', () => {
    assert.equal(looksLive('$2b$10$Qm9vL2JhcjEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9wcXJz'), false);
    assert.equal(looksLive('$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo'), false);
  });

  it('a JSON Web Token is live until it expires', () => {
    assert.equal(
      looksLive(
        'eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiZGVtbyIsICJleHAiOiAxNjAwMDAwMDAwfQ.c2lnbmF0dXJlMTIzNDU2Nzg5MGFiY2RlZg',
        NOW,
      ),
      false,
    );
    assert.equal(
      looksLive(
        'eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAic3ZjIiwgImV4cCI6IDQxMDI0NDQ4MDB9.c2lnbmF0dXJlMTIzNDU2Nzg5MGFiY2RlZg',
        NOW,
      ),
      true,
    );
  });
});
