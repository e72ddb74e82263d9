import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `npm ci` at the root installs on every contributor's machine and CI run: only what build,
 * type-check, lint, tests and the end-to-end test need, and no install script that was not
 * reviewed. npm runs a dependency's install script only when package.json `allowScripts` allows
 * it; every package of the lockfile that has one must be listed there, and the ones allowed must
 * be the reviewed ones below. The code the benchmark and the evaluation lint lives in
 * bench/corpus-packages, with its own lockfile, installed with scripts off by `npm run bench`.
 */

const root = join(__dirname, '..');

/** Install scripts that run, and why each is needed. */
const REVIEWED: Record<string, string> = {
  esbuild:
    'checks that the platform binary of its optional @esbuild/<platform> package matches the JavaScript API; the build uses it',
};

interface LockEntry {
  hasInstallScript?: boolean;
}

function json<T>(path: string): T {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
}

function packageName(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

describe('root install', () => {
  const lock = json<{ packages: Record<string, LockEntry> }>('package-lock.json');
  const manifest = json<{ allowScripts?: Record<string, boolean> }>('package.json');
  const allowScripts = manifest.allowScripts ?? {};

  it('lists every package with an install script in allowScripts', () => {
    const unreviewed = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => packageName(path))
      .filter((name) => !(name in allowScripts));
    assert.deepEqual(
      unreviewed,
      [],
      'review these install scripts, then allow or deny them: npm install-scripts approve|deny <pkg>',
    );
  });

  it('allows only the reviewed install scripts', () => {
    const allowed = Object.entries(allowScripts)
      .filter(([, allow]) => allow)
      .map(([name]) => name.replace(/(?<=.)@[^@]*$/, ''));
    assert.deepEqual(allowed.sort(), Object.keys(REVIEWED).sort());
  });

  it('holds none of the packages the benchmark and the evaluation lint', () => {
    const corpus = json<{ dependencies: Record<string, string> }>(
      'bench/corpus-packages/package.json',
    );
    const installed = new Set(Object.keys(lock.packages).map(packageName));
    const leaked = Object.keys(corpus.dependencies).filter((name) => installed.has(name));
    assert.deepEqual(leaked, [], 'corpus packages belong in bench/corpus-packages');
  });
});
