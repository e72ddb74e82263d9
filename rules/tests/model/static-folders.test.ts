import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { FRAMEWORKS } from '../../src/model/frameworks';
import { mayServeFolders, servedFolder } from '../../src/model/frameworks/static';
import { runProbeRule } from './probe';

/** Every call of the code that serves a folder, as `server <- folder source`. */
function served(code: string): string[] {
  const results: string[] = [];
  runProbeRule(
    code,
    (context) => {
      const scopeOf = (node: TSESTree.Node) => context.sourceCode.getScope(node);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const found = servedFolder(node, scopeOf);
          if (found) results.push(`${found.server} <- ${context.sourceCode.getText(found.folder)}`);
        },
      };
    },
    'src/app.ts',
  );
  return results;
}

/**
 * The static folders of the framework modules: which call serves a folder, and which of its
 * arguments or options is the folder, for each framework, by import or by usual name.
 */
describe('frameworks: static folders', () => {
  it('every entry names its modules and where its folder is', () => {
    const entries = FRAMEWORKS.flatMap((f) => f.staticFolders ?? []);
    assert.ok(entries.length >= 8);
    for (const entry of entries) {
      assert.ok(entry.modules.length > 0);
      assert.ok(entry.folder.argument >= 0);
    }
  });

  it('Express: express.static, serve-static and serve-index, imported or required', () => {
    assert.deepEqual(
      served(`import express from 'express';
import serveStatic from 'serve-static';
const index = require('serve-index');
const e = require('express');
express.static('public');
e.static(dir);
serveStatic('a', { index: false });
index('b');
require('serve-static')('c');`),
      [
        "express.static <- 'public'",
        'e.static <- dir',
        "serveStatic <- 'a'",
        "index <- 'b'",
        "serve-static <- 'c'",
      ],
    );
  });

  it('Koa and Fastify: koa-static by any name, @fastify/static registered with its root', () => {
    assert.deepEqual(
      served(`import serve from 'koa-static';
import fastifyStatic from '@fastify/static';
serve('static');
fastify.register(fastifyStatic, { root: path.join(__dirname, 'public'), prefix: '/p/' });
fastifyStatic({ root: 'x' });
fastify.register(other, { root: 'y' });`),
      ["serve <- 'static'", "fastifyStatic <- path.join(__dirname, 'public')"],
    );
  });

  it('Hono: serveStatic({ root }) of each adapter; `path` serves a file, not a folder', () => {
    assert.deepEqual(
      served(`import { serveStatic } from 'hono/bun';
import { serveStatic as nodeStatic } from '@hono/node-server/serve-static';
app.use('/s/*', serveStatic({ root: './public' }));
app.use('/n/*', nodeStatic({ root: 'exports' }));
app.get('/favicon.ico', serveStatic({ path: './favicon.ico' }));`),
      ["serveStatic <- './public'", "nodeStatic <- 'exports'"],
    );
  });

  it('restify: plugins.serveStatic({ directory }), serveStaticFiles(directory)', () => {
    assert.deepEqual(
      served(`const restify = require('restify');
const { plugins } = require('restify');
server.get('/d/*', restify.plugins.serveStatic({ directory: './docs', default: 'index.html' }));
server.get('/f/*', plugins.serveStaticFiles('./files'));
server.use(restify.plugins.bodyParser({ directory: 'x' }));`),
      ["restify.plugins.serveStatic <- './docs'", "plugins.serveStaticFiles <- './files'"],
    );
  });

  it('usual names when no import binds them, and nothing else', () => {
    assert.deepEqual(
      served(`express.static('a');
serveStatic('b');
serveStatic({ root: 'c' });
koaStatic('d');
class Util { static(dir: string) { return dir; } }
new Util().static('e');
util.static('f');`),
      ["express.static <- 'a'", "serveStatic <- 'b'", "serveStatic <- 'c'", "koaStatic <- 'd'"],
    );
  });

  it('a cheap text test finds files that may serve a folder', () => {
    assert.ok(mayServeFolders("app.use(express.static('x'))"));
    assert.ok(mayServeFolders("import serve from 'koa-static';"));
    assert.ok(mayServeFolders("import { serveStatic as s } from 'hono/deno';"));
    assert.ok(mayServeFolders("app.register(require('@fastify/static'), { root })"));
    assert.ok(!mayServeFolders("class A { static x = 1; static f() {} }\napp.get('/', h);"));
  });
});
