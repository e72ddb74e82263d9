import assert from 'node:assert/strict';
import { importedBrowserWrite } from '../../../src/model/apis';
import { CALL } from '../../../src/model/imports';

/** The browser-storage family: which imported call writes where, and which argument it stores. */
describe('catalogue: browser storage', () => {
  const cases: [string, string[], { store: string; data: number } | undefined][] = [
    // idb: a put on the database names the store first; on a store, the value comes first.
    ['idb', ['openDB', CALL, 'put'], { store: 'IndexedDB', data: 1 }],
    ['idb', ['openDB', CALL, 'transaction', CALL, 'store', 'add'], { store: 'IndexedDB', data: 0 }],
    ['idb', ['openDB', CALL, 'get'], undefined],
    ['idb', ['put'], undefined],
    ['dexie', [CALL, 'patients', 'bulkPut'], { store: 'IndexedDB', data: 0 }],
    ['dexie', [CALL, 'patients', 'get'], undefined],
    ['idb-keyval', ['set'], { store: 'IndexedDB', data: 1 }],
    ['idb-keyval', ['setMany'], { store: 'IndexedDB', data: 0 }],
    ['idb-keyval', ['get'], undefined],
    ['localforage', ['setItem'], { store: 'localForage storage', data: 1 }],
    ['localforage', ['createInstance', CALL, 'setItem'], { store: 'localForage storage', data: 1 }],
    ['localforage', ['getItem'], undefined],
    ['js-cookie', ['set'], { store: 'a cookie', data: 1 }],
    ['universal-cookie', [CALL, 'set'], { store: 'a cookie', data: 1 }],
    ['universal-cookie', ['set'], undefined],
    ['nookies', ['setCookie'], { store: 'a cookie', data: 2 }],
    ['not-a-store', ['set'], undefined],
  ];
  for (const [module, path, expected] of cases) {
    it(`${module} ${path.join('.')} → ${expected ? `${expected.store}, argument ${expected.data}` : 'no write'}`, () => {
      assert.deepEqual(importedBrowserWrite(module, path), expected);
    });
  }
});
