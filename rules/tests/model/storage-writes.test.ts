import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { type StorageWrite, StorageWrites } from '../../src/model/storage-writes';
import { runProbeRule } from './probe';

interface Seen {
  family: StorageWrite['family'];
  name: string;
  store?: string;
  values: string[];
  at?: string;
  wrappable: boolean;
  wrapHoles?: boolean;
  encryptedByOptions?: boolean;
  s3Params?: boolean;
}

/** The storage writes of a snippet, as text: what a rule reporting unencrypted writes sees. */
function storageWrites(code: string, filename = 'src/app.ts'): Seen[] {
  const seen: Seen[] = [];
  runProbeRule(
    code,
    (context) => {
      const writes = new StorageWrites(context.sourceCode);
      const text = (node: TSESTree.Node) => context.sourceCode.getText(node);
      const record = (write: StorageWrite | undefined) => {
        if (!write) return;
        seen.push({
          family: write.family,
          name: write.name,
          ...(write.store !== undefined && { store: write.store }),
          values: write.values.map(text),
          ...(write.at && { at: text(write.at) }),
          wrappable: write.wrappable,
          ...(write.wrapHoles && { wrapHoles: true }),
          ...(write.encryptedByOptions !== undefined && {
            encryptedByOptions: write.encryptedByOptions,
          }),
          ...(write.s3Params && { s3Params: true }),
        });
      };
      return {
        CallExpression: (node) => record(writes.ofCall(node)),
        NewExpression: (node) => record(writes.ofNew(node)),
        AssignmentExpression: (node) => record(writes.ofAssignment(node)),
      };
    },
    filename,
  );
  return seen;
}

describe('model: storage writes', () => {
  it('file system writes, through fs, fs/promises, streams and Bun', () => {
    assert.deepEqual(
      storageWrites(`import { writeFileSync, createWriteStream } from 'fs';
import { writeFile } from 'node:fs/promises';
writeFileSync('/tmp/a', a);
await writeFile('/tmp/b', b);
createWriteStream('/tmp/c').write(c);
createWriteStream('/tmp/d').on('finish', () => d);
Bun.write('/tmp/e', e);`),
      [
        { family: 'file', name: 'writeFileSync', values: ['a'], wrappable: true },
        { family: 'file', name: 'writeFile', values: ['b'], wrappable: true },
        {
          family: 'file',
          name: "createWriteStream('/tmp/c').write",
          values: ['c'],
          wrappable: true,
        },
        { family: 'file', name: 'Bun.write', values: ['e'], wrappable: true },
      ],
    );
  });

  it('spreadsheets: what was put into an exceljs workbook before it is written', () => {
    const writes = storageWrites(`import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
const sheet = wb.addWorksheet('p');
sheet.addRow(row);
sheet.getCell('A1').value = cell;
await wb.xlsx.writeFile('/tmp/p.xlsx');`);
    assert.deepEqual(writes, [
      {
        family: 'file',
        name: 'wb.xlsx.writeFile',
        values: ['row', 'cell'],
        at: 'wb.xlsx.writeFile',
        wrappable: false,
      },
    ]);
  });

  it('browser storage: web storage, IndexedDB stores, cookies', () => {
    assert.deepEqual(
      storageWrites(`localStorage.setItem('p', a);
sessionStorage.token = b;
db.transaction('r').objectStore('results').put(c);
document.cookie = \`nir=\${d}; path=/\`;
this.cookie = e;`),
      [
        {
          family: 'browser',
          name: 'localStorage.setItem',
          store: 'localStorage',
          values: ['a'],
          wrappable: true,
        },
        {
          family: 'browser',
          name: 'sessionStorage.token',
          store: 'sessionStorage',
          values: ['b'],
          wrappable: true,
        },
        {
          family: 'browser',
          // Longer than 40 characters: the method's name.
          name: 'put',
          store: 'IndexedDB',
          values: ['c'],
          wrappable: true,
        },
        {
          family: 'browser',
          name: 'document.cookie',
          store: 'a cookie',
          values: ['`nir=${d}; path=/`'],
          wrappable: true,
          wrapHoles: true,
        },
      ],
    );
  });

  it('caches: the value written to Redis', () => {
    assert.deepEqual(
      storageWrites(`import Redis from 'ioredis';
const redis = new Redis();
await redis.set('k', v);
await redis.get('k');`),
      [{ family: 'cache', name: 'redis.set', store: 'Redis', values: ['v'], wrappable: true }],
    );
  });

  it('object storage: S3 parameters and whether they ask for server-side encryption', () => {
    const writes = storageWrites(`import { PutObjectCommand } from '@aws-sdk/client-s3';
const params = { Bucket: 'b', Key: 'k', Body: plain };
new PutObjectCommand(params);
new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: sealed, ServerSideEncryption: 'aws:kms' });
new PutObjectCommand({ ...defaults, Body: spread });`);
    assert.deepEqual(writes, [
      {
        family: 'object',
        name: 'PutObjectCommand',
        values: ['plain'],
        wrappable: true,
        encryptedByOptions: false,
        s3Params: true,
      },
      {
        family: 'object',
        name: 'PutObjectCommand',
        values: ['sealed'],
        wrappable: true,
        encryptedByOptions: true,
        s3Params: true,
      },
    ]);
  });

  it('calls that write nothing are not writes', () => {
    assert.deepEqual(
      storageWrites(`import { readFileSync } from 'fs';
readFileSync('/tmp/a');
localStorage.getItem('p');
cache.set('k', v);
save(v);`),
      [],
    );
  });
});
