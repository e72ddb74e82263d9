import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { CALL, resolveGlobal, resolveImport, withoutDefault } from '../../src/model/imports';
import { runProbeRule } from './probe';

/** What `resolveImport` (as `module:path`) or `resolveGlobal` (as `global:path`) says of each `probe(x)`. */
function resolved(code: string, filename = 'src/app.ts'): (string | null)[] {
  const results: (string | null)[] = [];
  runProbeRule(
    code,
    (context) => {
      const scopeOf = (node: TSESTree.Node) => context.sourceCode.getScope(node);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== 'Identifier' || node.callee.name !== 'probe') return;
          const arg = node.arguments[0]!;
          const ref = resolveImport(arg, scopeOf);
          const global = resolveGlobal(arg, scopeOf);
          results.push(
            ref
              ? `${ref.module}:${ref.exportPath.join('.')}`
              : global
                ? `global:${global.join('.')}`
                : null,
          );
        },
      };
    },
    filename,
  );
  return results;
}

describe('model/imports: what an identifier or member chain refers to', () => {
  it('resolves named, renamed, default and namespace imports, dropping the node: scheme', () => {
    assert.deepEqual(
      resolved(`
        import { writeFile, appendFile as add } from 'fs/promises';
        import fs from 'node:fs';
        import * as fsNs from 'fs';
        probe(writeFile); probe(add); probe(fs.writeFileSync); probe(fsNs.promises.writeFile);
      `),
      [
        'fs/promises:writeFile',
        'fs/promises:appendFile',
        'fs:default.writeFileSync',
        'fs:promises.writeFile',
      ],
    );
  });

  it('resolves require with destructuring, renames, nesting and member access', () => {
    assert.deepEqual(
      resolved(
        `
        const { writeFileSync: save } = require('fs');
        const { promises: { writeFile } } = require('node:fs');
        const fse = require('fs-extra');
        const outputJson = require('fs-extra').outputJson;
        probe(save); probe(writeFile); probe(fse.outputFile); probe(outputJson);
        probe(require('fs').appendFileSync);
      `,
        'src/job.cjs',
      ),
      [
        'fs:writeFileSync',
        'fs:promises.writeFile',
        'fs-extra:outputFile',
        'fs-extra:outputJson',
        'fs:appendFileSync',
      ],
    );
  });

  it('follows aliases, awaited dynamic imports and TypeScript import-equals', () => {
    assert.deepEqual(
      resolved(`
        import * as fs from 'fs';
        import S3 = require('aws-sdk/clients/s3');
        const fsp = fs.promises;
        const write = fsp.writeFile;
        async function f() {
          const { default: ExcelJS } = await import('exceljs');
          probe(write); probe(ExcelJS.Workbook); probe(new S3().putObject);
        }
      `),
      ['fs:promises.writeFile', 'exceljs:default.Workbook', `aws-sdk/clients/s3:${CALL}.putObject`],
    );
  });

  it('marks call and construction results so instances and their methods resolve', () => {
    assert.deepEqual(
      resolved(`
        import Redis from 'ioredis';
        import { createClient } from 'redis';
        import { createWriteStream } from 'fs';
        const redis = new Redis();
        const client = createClient();
        const out = createWriteStream('/tmp/x');
        async function f() {
          const c = await createClient().connect();
          probe(redis.set); probe(client.multi().hSet); probe(out.write); probe(c.set);
        }
      `),
      [
        `ioredis:default.${CALL}.set`,
        `redis:createClient.${CALL}.multi.${CALL}.hSet`,
        `fs:createWriteStream.${CALL}.write`,
        `redis:createClient.${CALL}.connect.${CALL}.set`,
      ],
    );
  });

  it('resolves class fields, constructor assignments, parameter properties and typed parameters', () => {
    assert.deepEqual(
      resolved(`
        import Redis from 'ioredis';
        import * as AWS from 'aws-sdk';
        import { Storage } from '@google-cloud/storage';
        class Cache {
          private readonly redis = new Redis();
          private s3: AWS.S3;
          private gcs;
          constructor(private readonly backup: Redis) {
            this.gcs = new Storage();
          }
          f() { probe(this.redis.set); probe(this.s3.upload); probe(this.gcs.bucket); probe(this.backup.hset); }
        }
        function g(client: Redis) { probe(client.lpush); }
      `),
      [
        `ioredis:default.${CALL}.set`,
        `aws-sdk:S3.${CALL}.upload`,
        `@google-cloud/storage:Storage.${CALL}.bucket`,
        `ioredis:default.${CALL}.hset`,
        `ioredis:default.${CALL}.lpush`,
      ],
    );
  });

  it('treats an instance of a local class extending an import as an instance of the import', () => {
    assert.deepEqual(
      resolved(`
        import Dexie from 'dexie';
        class LabDb extends Dexie {}
        const db = new LabDb('lab');
        probe(db.resultats.put);
      `),
      [`dexie:default.${CALL}.resultats.put`],
    );
  });

  it('resolves globals through window, globalThis and self, and aliases of them', () => {
    assert.deepEqual(
      resolved(`
        const store = window.sessionStorage;
        probe(localStorage.setItem); probe(window.localStorage.setItem);
        probe(globalThis['sessionStorage'].setItem); probe(store.setItem); probe(document.cookie);
        probe(Bun.write);
      `),
      [
        'global:localStorage.setItem',
        'global:localStorage.setItem',
        'global:sessionStorage.setItem',
        'global:sessionStorage.setItem',
        'global:document.cookie',
        'global:Bun.write',
      ],
    );
  });

  it('refuses what it cannot know: reassigned variables, parameters, locals, local require', () => {
    assert.deepEqual(
      resolved(`
        import fs from 'fs';
        let target = fs;
        target = other();
        function require(name: string) { return name; }
        const local = { writeFile() {} };
        function h(x) { probe(x.writeFile); }
        probe(target.writeFile); probe(require('fs').writeFile); probe(local.writeFile);
        probe(fs[name]);
      `),
      [null, null, null, null, null],
    );
  });

  it('does not take a shadowed global for the global', () => {
    assert.deepEqual(
      resolved(`
        function f(localStorage: Map<string, string>) { probe(localStorage.set); }
        const document = { cookie: '' };
        probe(document.cookie);
      `),
      [null, null],
    );
  });

  it('reads a CommonJS-style path out of a default import', () => {
    assert.deepEqual(withoutDefault(['default', 'promises', 'writeFile']), [
      'promises',
      'writeFile',
    ]);
    assert.deepEqual(withoutDefault(['promises']), ['promises']);
  });

  it('treats identifiers declared only for the type checker as the globals they type', () => {
    assert.deepEqual(
      resolved(`
        declare function gtag(...args: unknown[]): void;
        declare const fbq: (...args: unknown[]) => void;
        function local() {}
        probe(gtag); probe(fbq); probe(local);
      `),
      ['global:gtag', 'global:fbq', null],
    );
  });

  it('resolves a variable assigned later by its declared type', () => {
    assert.deepEqual(
      resolved(`
        import { ChatAnthropic } from '@langchain/anthropic';
        let chatbot: ChatAnthropic;
        let other;
        chatbot = new ChatAnthropic({});
        other = new ChatAnthropic({});
        probe(chatbot.invoke); probe(other);
      `),
      [`@langchain/anthropic:ChatAnthropic.${CALL}.invoke`, null],
    );
  });
});
