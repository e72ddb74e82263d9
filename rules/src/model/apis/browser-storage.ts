/**
 * Browser storage: where a web page keeps data on the user's machine (Web Storage, IndexedDB and
 * the libraries over it, cookies), and which argument of each writer is the stored value. Read by
 * every rule that sees data stored in the browser.
 */
import { CALL } from '../imports';

/** A write into browser storage: where the data lands (as a message names it) and its argument. */
export interface BrowserWrite {
  store: string;
  data: number;
}

/** Web Storage globals; `setItem(key, value)` and `storage.key = value` store the value. */
export const WEB_STORAGE_GLOBALS: ReadonlySet<string> = new Set(['localStorage', 'sessionStorage']);

/** The Web Storage method that stores a value: `setItem(key, value)`. */
export const WEB_STORAGE_WRITE = { method: 'setItem', data: 1 } as const;

/**
 * IndexedDB `IDBObjectStore.put(value, key?)` and `add(value, key?)`
 * (https://developer.mozilla.org/docs/Web/API/IDBObjectStore/put).
 */
export const OBJECT_STORE_WRITES: ReadonlySet<string> = new Set(['put', 'add']);

const INDEXED_DB = 'IndexedDB';
const COOKIE = 'a cookie';

/**
 * One library: given the path from its exports to the called function (leading `default`
 * dropped, `CALL` marking an instance), the written argument, if the call writes.
 */
type LibraryWrites = (path: readonly string[]) => number | undefined;

const last = (path: readonly string[]) => path[path.length - 1] ?? '';

/** Writers named by their path from the module's exports, joined with dots. */
function byPath(writes: Record<string, number>): LibraryWrites {
  const table = new Map(Object.entries(writes));
  return (path) => table.get(path.join('.'));
}

const LIBRARIES: ReadonlyMap<string, { store: string; writes: LibraryWrites }> = new Map([
  [
    // idb (Jake Archibald): `db.put(storeName, value)` on the database from `openDB()`,
    // `tx.store.put(value)` / `tx.objectStore(name).add(value)` on a store.
    'idb',
    {
      store: INDEXED_DB,
      writes: (path) => {
        if (!OBJECT_STORE_WRITES.has(last(path)) || !path.includes(CALL)) return undefined;
        return path.length === 3 && path[0] === 'openDB' ? 1 : 0;
      },
    },
  ],
  [
    // Dexie: `db.table.put(item)`, `add`, `bulkPut(items)`, `bulkAdd` on a `new Dexie()` database.
    'dexie',
    {
      store: INDEXED_DB,
      writes: (path) =>
        path.includes(CALL) && ['put', 'add', 'bulkPut', 'bulkAdd'].includes(last(path))
          ? 0
          : undefined,
    },
  ],
  [
    // idb-keyval: `set(key, value, store?)`; `setMany([[key, value], …])` stores the entries.
    'idb-keyval',
    { store: INDEXED_DB, writes: byPath({ set: 1, setMany: 0 }) },
  ],
  [
    // localForage: `localforage.setItem(key, value)`, also on `localforage.createInstance()`;
    // IndexedDB by default, Web Storage as a fallback driver.
    'localforage',
    {
      store: 'localForage storage',
      writes: (path) =>
        path.join('.') === 'setItem' || path.join('.') === `createInstance.${CALL}.setItem`
          ? 1
          : undefined,
    },
  ],
  // Cookie libraries: the function that sets a cookie and the index of its value.
  ['js-cookie', { store: COOKIE, writes: byPath({ set: 1 }) }],
  ['universal-cookie', { store: COOKIE, writes: byPath({ [`${CALL}.set`]: 1 }) }],
  ['cookies-next', { store: COOKIE, writes: byPath({ setCookie: 1 }) }],
  ['typescript-cookie', { store: COOKIE, writes: byPath({ setCookie: 1 }) }],
  ['tiny-cookie', { store: COOKIE, writes: byPath({ set: 1, setCookie: 1 }) }],
  ['nookies', { store: COOKIE, writes: byPath({ setCookie: 2, set: 2 }) }],
]);

/** Cookies set through the DOM: `document.cookie = …`. */
export const DOCUMENT_COOKIE = { global: ['document', 'cookie'], store: COOKIE } as const;

/** The browser-storage write a call to an imported function makes, if any. */
export function importedBrowserWrite(
  module: string,
  path: readonly string[],
): BrowserWrite | undefined {
  const library = LIBRARIES.get(module);
  const data = library?.writes(path);
  return library && data !== undefined ? { store: library.store, data } : undefined;
}

/** Where an IndexedDB object store write lands, whatever library opened the store. */
export const INDEXED_DB_STORE = INDEXED_DB;
