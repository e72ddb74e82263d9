/**
 * The file system and its wrappers: which functions write data to a path, write through a file
 * descriptor or an open handle, and delete a path. One table read by every rule that sees files
 * (unencrypted writes, staging extracts never deleted, exports into served folders, over-extraction
 * written out).
 */

/** Modules whose functions are the file system's (specifiers without the `node:` scheme). */
export const FILE_SYSTEM_MODULES: ReadonlySet<string> = new Set([
  'fs',
  'fs/promises',
  // fs-extra re-exports fs and adds the output*/write*Json/remove functions below.
  'fs-extra',
  'fs-extra/esm',
  // graceful-fs is a drop-in replacement for fs.
  'graceful-fs',
]);

/** A function that writes data to a file named by a path: the indexes of both arguments. */
export interface PathWriter {
  path: number;
  data: number;
}

const pathFirst: PathWriter = { path: 0, data: 1 };

/**
 * Writers that take the file's path, then the data.
 * Node.js fs: `writeFile(file, data)`, `appendFile(path, data)` and their Sync forms
 * (https://nodejs.org/api/fs.html). fs-extra: `outputFile`, `outputJson`/`outputJSON`,
 * `writeJson`/`writeJSON` and their Sync forms (fs-extra docs: outputFile, outputJson, writeJson;
 * the upper-case spellings are documented aliases).
 */
export const PATH_WRITERS: ReadonlyMap<string, PathWriter> = new Map(
  [
    'writeFile',
    'writeFileSync',
    'appendFile',
    'appendFileSync',
    'outputFile',
    'outputFileSync',
    'outputJson',
    'outputJsonSync',
    'outputJSON',
    'outputJSONSync',
    'writeJson',
    'writeJsonSync',
    'writeJSON',
    'writeJSONSync',
  ].map((name) => [name, pathFirst]),
);

/** Node.js fs `write(fd, buffer|string)` and `writeSync`: a descriptor first, the data second. */
export const DESCRIPTOR_WRITERS: ReadonlyMap<string, PathWriter> = new Map(
  ['write', 'writeSync'].map((name) => [name, pathFirst]),
);

/**
 * Methods of a write stream (`createWriteStream(path)`) or a `FileHandle` (`fs.promises.open`)
 * that write their first argument (stream.Writable `write`/`end`, FileHandle `writeFile`/
 * `appendFile`).
 */
export const HANDLE_WRITERS: ReadonlySet<string> = new Set([
  'write',
  'end',
  'writeFile',
  'appendFile',
]);

/** A function that deletes the path in its first argument; `recursive` when it always removes a tree. */
export interface PathDeleter {
  recursive: boolean;
}

/**
 * Deleters of a path. Node.js fs `unlink`, `rm`, `rmdir` (recursive only with `{ recursive }`);
 * fs-extra `remove` and `emptyDir`, rimraf `rimraf`/`rimrafSync`, and del `deleteAsync`/
 * `deleteSync` (`del` before v7), which take globs, always remove a whole tree.
 */
export const PATH_DELETERS: ReadonlyMap<string, PathDeleter> = new Map([
  ['unlink', { recursive: false }],
  ['unlinkSync', { recursive: false }],
  ['rm', { recursive: false }],
  ['rmSync', { recursive: false }],
  ['rmdir', { recursive: false }],
  ['rmdirSync', { recursive: false }],
  ['rimraf', { recursive: true }],
  ['rimrafSync', { recursive: true }],
  ['remove', { recursive: true }],
  ['removeSync', { recursive: true }],
  ['emptyDir', { recursive: true }],
  ['emptyDirSync', { recursive: true }],
  ['deleteAsync', { recursive: true }],
  ['deleteSync', { recursive: true }],
  ['del', { recursive: true }],
]);
