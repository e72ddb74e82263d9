import rule from '../../src/rules/no-public-data-directory';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

const express = "import express from 'express';\nconst app = express();\n";
const hono =
  "import { Hono } from 'hono';\nimport { serveStatic } from 'hono/bun';\nconst app = new Hono();\n";
const restify = "const restify = require('restify');\nconst server = restify.createServer();\n";
const AUTH_FIX = { healthData: { auth: { fix: { name: 'requireAuth', import: 'lab-auth' } } } };

ruleTester.run('no-public-data-directory', rule, {
  valid: [
    `${express}app.use(express.static('public'));`,
    `${express}app.use('/assets', express.static(path.join(__dirname, 'assets')));`,
    `${express}app.use('/exports', requireAuth, express.static('exports'));`,
    `${express}app.use(requireAuth);\napp.use('/exports', express.static('exports'));`,
    `${express}app.use('/exports', passport.authenticate('jwt'), express.static('exports'));`,
    `${express}app.use('/exports', express.static('build'));`,
    `${express}app.use(express.static(path.resolve(__dirname, '../client/dist')));`,
    "import serveStatic from 'serve-static';\nconst serve = serveStatic('public/images');",
    "import Koa from 'koa';\nimport serve from 'koa-static';\nconst app = new Koa();\napp.use(serve('static'));",
    "import Fastify from 'fastify';\nimport fastifyStatic from '@fastify/static';\nconst app = Fastify();\napp.register(fastifyStatic, { root: path.join(__dirname, 'public') });",
    "import Fastify from 'fastify';\nimport fastifyStatic from '@fastify/static';\nconst app = Fastify();\napp.addHook('onRequest', app.authenticate);\napp.register(fastifyStatic, { root: path.join(__dirname, 'exports') });",
    // The folder is written with patient data, but behind authentication.
    `${express}import fs from 'node:fs';\nfs.writeFileSync('reports/out.json', JSON.stringify(patients));\napp.use('/reports', requireAuth, express.static('reports'));`,
    // The written data is not patient data.
    `${express}import fs from 'node:fs';\nfs.writeFileSync('reports/build.json', JSON.stringify(buildInfo));\napp.use('/reports', express.static('reports'));`,
    // Not a static server: a method called static on something else.
    "class Util { static(dir: string) { return dir; } }\nnew Util().static('exports');",
    `${express}app.use('/docs', express.static(process.env.DOCS_DIR));`,
    // Hono: a public folder, an authenticated export folder, and `path` (one file, not a folder).
    `${hono}app.use('/static/*', serveStatic({ root: './public' }));`,
    `${hono}app.use('/exports/*', requireAuth, serveStatic({ root: './exports' }));`,
    `${hono}app.get('/favicon.ico', serveStatic({ path: './exports/favicon.ico' }));`,
    // restify: serveStatic mapped to a route, behind authentication (in the route or before it).
    `${restify}server.get('/docs/*', restify.plugins.serveStatic({ directory: './documentation' }));`,
    `${restify}server.get('/exports/*', requireAuth, restify.plugins.serveStatic({ directory: './exports' }));`,
    `${restify}server.use(requireAuth);\nserver.get('/exports/*', restify.plugins.serveStaticFiles('./exports'));`,
  ],
  invalid: [
    {
      // A folder named after a patient: the message names it without the NIR or the address.
      code: `${express}app.use('/exports', express.static('/srv/export/dossier-284057512345678'));\napp.use('/mail', express.static('/srv/export/jean.dupont@mail.fr'));`,
      errors: [
        {
          messageId: 'publicFolder',
          line: 3,
          column: 21,
          endColumn: 74,
          data: { server: 'express.static', folder: 'export/dossier-…', word: '"export"' },
        },
        {
          messageId: 'publicFolder',
          line: 4,
          column: 18,
          data: { server: 'express.static', folder: 'export/…', word: '"export"' },
        },
      ],
    },
    {
      code: `${express}app.use('/exports', express.static('exports'));`,
      errors: [
        {
          messageId: 'publicFolder',
          line: 3,
          column: 21,
          data: { server: 'express.static', folder: 'exports', word: '"exports"' },
        },
      ],
    },
    {
      code: "const express = require('express');\nconst path = require('node:path');\nconst app = express();\napp.use('/dl', express.static(path.join(__dirname, '..', 'backups')));",
      errors: [
        {
          messageId: 'publicFolder',
          line: 4,
          column: 16,
          data: { server: 'express.static', folder: 'backups', word: '"backups"' },
        },
      ],
    },
    {
      code: `${express}app.use(express.static('uploads'));`,
      errors: [{ messageId: 'publicFolder', line: 3, column: 9 }],
    },
    {
      code: `${express}app.use('/files', express.static('/var/lib/lis/donnees'));`,
      errors: [
        {
          messageId: 'publicFolder',
          line: 3,
          column: 19,
          data: { server: 'express.static', folder: 'lis/donnees', word: '"donnees"' },
        },
      ],
    },
    {
      code: `${express}app.use('/s', express.static('./sauvegardes'));`,
      errors: [{ messageId: 'publicFolder', line: 3, column: 15 }],
    },
    {
      code: `${express}const DUMP_DIR = '/srv/dumps';\napp.use('/d', express.static(DUMP_DIR));`,
      errors: [{ messageId: 'publicFolder', line: 4, column: 15 }],
    },
    {
      code: `${express}app.use('/m', express.static(\`\${root}/migration\`));`,
      errors: [{ messageId: 'publicFolder', line: 3, column: 15 }],
    },
    {
      code: `${express}app.use('/p', express.static('data/patients'));`,
      errors: [{ messageId: 'publicFolder', line: 3, column: 15 }],
    },
    {
      code: `${express}app.use('/admin', requireAuth);\napp.use('/exports', express.static('exports'));`,
      errors: [{ messageId: 'publicFolder', line: 4, column: 21 }],
    },
    {
      code: `${express}app.use('/exports', express.static('exports'));\napp.use(requireAuth);`,
      errors: [{ messageId: 'publicFolder', line: 3, column: 21 }],
    },
    {
      code: "import serveStatic from 'serve-static';\nimport serveIndex from 'serve-index';\nimport express from 'express';\nconst app = express();\napp.use('/x', serveStatic('extracts'), serveIndex('extracts'));",
      errors: [
        {
          messageId: 'publicFolder',
          line: 5,
          column: 15,
          data: { server: 'serveStatic', folder: 'extracts', word: '"extracts"' },
        },
        {
          messageId: 'publicFolder',
          line: 5,
          column: 40,
          data: { server: 'serveIndex', folder: 'extracts', word: '"extracts"' },
        },
      ],
    },
    {
      code: "import Koa from 'koa';\nimport serve from 'koa-static';\nconst app = new Koa();\napp.use(serve('exports'));",
      errors: [
        {
          messageId: 'publicFolder',
          line: 4,
          column: 9,
          data: { server: 'serve', folder: 'exports', word: '"exports"' },
        },
      ],
    },
    {
      code: "import Fastify from 'fastify';\nimport fastifyStatic from '@fastify/static';\nconst app = Fastify();\napp.register(fastifyStatic, { root: path.join(__dirname, 'exports'), prefix: '/exports/' });",
      errors: [
        {
          messageId: 'publicFolder',
          line: 4,
          column: 1,
          data: { server: 'fastifyStatic', folder: 'exports', word: '"exports"' },
        },
      ],
    },
    {
      // Hono's serveStatic of each runtime adapter, under any local name: the folder is `root`.
      code: `${hono}app.use('/exports/*', serveStatic({ root: './exports' }));`,
      errors: [
        {
          messageId: 'publicFolder',
          line: 4,
          column: 23,
          data: { server: 'serveStatic', folder: 'exports', word: '"exports"' },
        },
      ],
    },
    {
      code: "import { Hono } from 'hono';\nimport { serveStatic as files } from '@hono/node-server/serve-static';\nconst app = new Hono();\napp.use('/dl/*', files({ root: 'var/backups' }));",
      errors: [
        {
          messageId: 'publicFolder',
          line: 4,
          column: 18,
          data: { server: 'files', folder: 'var/backups', word: '"backups"' },
        },
      ],
    },
    {
      // restify: serveStatic({ directory }) and serveStaticFiles(directory) mapped to a route.
      code: `${restify}server.get('/exports/*', restify.plugins.serveStatic({ directory: './exports', default: 'index.html' }));\nserver.get('/dl/*', restify.plugins.serveStaticFiles(path.join(__dirname, 'backups')));`,
      errors: [
        {
          messageId: 'publicFolder',
          line: 3,
          column: 26,
          data: { server: 'restify.plugins.ser…', folder: 'exports', word: '"exports"' },
        },
        {
          messageId: 'publicFolder',
          line: 4,
          column: 21,
          data: {
            server: 'restify.plugins.ser…',
            folder: 'backups',
            word: '"backups"',
          },
        },
      ],
    },
    {
      // A namespace import of the plugins, and the restify 4 `restify.serveStatic`.
      code: "import { plugins } from 'restify';\nimport * as restify from 'restify';\nconst server = restify.createServer();\nserver.get('/u/*', plugins.serveStatic({ directory: 'uploads' }));\nserver.get('/d/*', restify.serveStatic({ directory: 'dumps' }));",
      errors: [
        {
          messageId: 'publicFolder',
          line: 4,
          column: 20,
          data: { server: 'plugins.serveStatic', folder: 'uploads', word: '"uploads"' },
        },
        {
          messageId: 'publicFolder',
          line: 5,
          column: 20,
          data: { server: 'restify.serveStatic', folder: 'dumps', word: '"dumps"' },
        },
      ],
    },
    // A folder this file writes patient data to.
    {
      code: `${express}import fs from 'node:fs';\nasync function nightly() {\n  const { rows } = await pool.query('SELECT nom, nir FROM patients');\n  fs.writeFileSync('reports/nightly.json', JSON.stringify(rows));\n}\napp.use('/reports', express.static('reports'));`,
      errors: [
        {
          messageId: 'publicWrittenFolder',
          line: 8,
          column: 21,
          data: {
            server: 'express.static',
            folder: 'reports',
            data: 'patient records',
          },
        },
      ],
    },
    // Suggestion: authenticate before the static server.
    {
      code: `${express}app.use('/exports', express.static('exports'));`,
      settings: AUTH_FIX,
      errors: [
        {
          messageId: 'publicFolder',
          line: 3,
          column: 21,
          suggestions: [
            {
              messageId: 'addAuthMiddleware',
              data: { name: 'requireAuth' },
              output:
                "import express from 'express';\nimport { requireAuth } from 'lab-auth';\nconst app = express();\napp.use('/exports', requireAuth, express.static('exports'));",
            },
          ],
        },
      ],
    },
  ],
});
