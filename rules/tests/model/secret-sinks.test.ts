import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import {
  literalPasswordColumns,
  mayBindPasswords,
  mayHandSecrets,
  secretArgument,
  secretLiteral,
  secretOptionModule,
} from '../../src/model/secret-sinks';
import { runProbeRule } from './probe';

/** The literal each catalogued call's secret argument comes from, with the call's API. */
function argumentsIn(code: string): string[] {
  const found: string[] = [];
  const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression, scopeOf: never) => {
    const sink = secretArgument(node, scopeOf);
    if (!sink) return;
    const literal = secretLiteral(sink.argument, scopeOf);
    found.push(
      `${sink.module} ${sink.path} ${sink.kind}: ${literal ? `${literal.value}${literal.fallback ? ' (fallback)' : ''}` : '-'}`,
    );
  };
  runProbeRule(code, (context) => {
    const scopeOf = ((node: TSESTree.Node) => context.sourceCode.getScope(node)) as never;
    return {
      CallExpression: (node: TSESTree.CallExpression) => visit(node, scopeOf),
      NewExpression: (node: TSESTree.NewExpression) => visit(node, scopeOf),
    };
  });
  return found;
}

describe('model/secret-sinks: secrets libraries take by position', () => {
  it('finds the key of jsonwebtoken, jose, crypto, crypto-js and cookie-parser calls', () => {
    assert.deepEqual(
      argumentsIn(`import jwt from 'jsonwebtoken';
import { jwtVerify } from 'jose';
import { createHmac, scryptSync } from 'node:crypto';
import CryptoJS from 'crypto-js';
import cookieParser from 'cookie-parser';
jwt.sign(claims, 'k1');
jwtVerify(token, new TextEncoder().encode('k2'));
createHmac('sha256', Buffer.from('k3'));
scryptSync('k4', salt, 32);
CryptoJS.AES.encrypt(text, 'k5');
app.use(cookieParser('k6'));`),
      [
        'jsonwebtoken sign key: k1',
        'jose jwtVerify key: k2',
        'crypto createHmac key: k3',
        'crypto scryptSync key: k4',
        'crypto-js AES.encrypt key: k5',
        'cookie-parser  key: k6',
      ],
    );
  });

  it('follows constants and environment fallbacks to the literal, and stops at the environment', () => {
    assert.deepEqual(
      argumentsIn(`const jwt = require('jsonwebtoken');
const SECRET = process.env.JWT_SECRET || 'k1';
const KEY = 'k2';
jwt.sign(claims, SECRET);
jwt.verify(token, KEY);
jwt.verify(token, process.env.JWT_SECRET);
let changing = 'k3';
changing = load();
jwt.verify(token, changing);`),
      [
        'jsonwebtoken sign key: k1 (fallback)',
        'jsonwebtoken verify key: k2',
        'jsonwebtoken verify key: -',
        'jsonwebtoken verify key: -',
      ],
    );
  });

  it('knows password hashers: a literal hashed is one password for every account', () => {
    assert.deepEqual(
      argumentsIn(`import bcrypt from 'bcryptjs';
import argon2 from 'argon2';
bcrypt.hashSync('p1', 10);
argon2.hash('p2');
bcrypt.compare(input, stored);`),
      ['bcryptjs hashSync hashedPassword: p1', 'argon2 hash hashedPassword: p2'],
    );
  });

  it('leaves functions of the same name from other modules', () => {
    assert.deepEqual(
      argumentsIn(`import { sign } from './signatures';
sign(document, 'k1');
const hash = (x) => x;
hash('p1');`),
      [],
    );
  });
});

describe('model/secret-sinks: secret options', () => {
  function optionsIn(code: string): string[] {
    const found: string[] = [];
    runProbeRule(code, (context) => ({
      Property: (node: TSESTree.Property) => {
        const module = secretOptionModule(node, (n) => context.sourceCode.getScope(n));
        if (module) found.push(`${module}: ${context.sourceCode.getText(node)}`);
      },
    }));
    return found;
  }

  it('finds the secret option of session middleware, passport strategies and Fastify plugins', () => {
    assert.deepEqual(
      optionsIn(`import session from 'express-session';
import { Strategy } from 'passport-jwt';
import cookie from '@fastify/cookie';
app.use(session({ secret: 's1', resave: false }));
passport.use(new Strategy({ secretOrKey: 's2' }, verify));
await app.register(cookie, { secret: 's3' });
const options = { secret: 's4' };
app.use(session(options));
const unrelated = { secret: 's5' };
app.use(other(unrelated));`),
      [
        "express-session: secret: 's1'",
        "passport-jwt: secretOrKey: 's2'",
        "@fastify/cookie: secret: 's3'",
        "express-session: secret: 's4'",
      ],
    );
  });
});

describe('model/secret-sinks: password columns', () => {
  it('finds a literal bound to a password column, after a connection argument too', () => {
    const found: string[] = [];
    runProbeRule(
      `db.query('INSERT INTO users (email, password) VALUES (?, ?)', [email, 'bienvenue']);
sql.query(config, 'INSERT INTO account (Email, Name, Password) VALUES (?, ?, ?)', [email, name, 123456]);
pool.query('UPDATE users SET password = $1 WHERE id = $2', [hash, id]);
pool.query('INSERT INTO notes (title, body) VALUES (?, ?)', ['a', 'b']);`,
      (context) => ({
        CallExpression: (node: TSESTree.CallExpression) => {
          for (const { column, literal } of literalPasswordColumns(healthModel(context), node))
            found.push(`${column}=${String(literal.value)}`);
        },
      }),
    );
    assert.deepEqual(found, ['password=bienvenue', 'Password=123456']);
  });
});

describe('model/secret-sinks: cheap file tests', () => {
  it('knows files that name a module taking secrets, and files that may bind a password', () => {
    assert.deepEqual(mayHandSecrets("const jwt = require('jsonwebtoken');"), {
      functions: true,
      options: false,
    });
    assert.deepEqual(mayHandSecrets('import session from "express-session";'), {
      functions: false,
      options: true,
    });
    assert.deepEqual(mayHandSecrets("import { createHmac } from 'node:crypto';").functions, true);
    assert.deepEqual(mayHandSecrets("import fs from 'fs';"), { functions: false, options: false });
    assert.ok(mayBindPasswords("db.query('INSERT INTO users (email, password) VALUES (?, ?)')"));
    assert.equal(mayBindPasswords("db.query('INSERT INTO notes (title) VALUES (?)')"), false);
  });
});
