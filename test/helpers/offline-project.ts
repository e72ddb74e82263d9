import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * A throwaway project that installs a packed tarball of the plugin next to packages of the
 * repository's lockfile, with `npm ci --offline`: npm really unpacks the tarball and installs its
 * dependencies, all from the npm cache that the repository's `npm ci` filled, with no registry
 * request. `npm install --offline <tarball> eslint@<version>` is not enough: it resolves versions
 * from the registry's package documents, which `npm ci` does not cache (ENOTCACHED on a fresh
 * cache). So the project gets a lockfile copied from the repository's: the same versions,
 * download addresses and integrity hashes, laid out as npm laid them out here.
 */

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

type Packages = Record<string, LockEntry>;

export interface OfflineProjectSpec {
  /** The repository root, whose package-lock.json and rules/ (the plugin's dependencies) are read. */
  root: string;
  /** Where the project goes (an empty folder). */
  dir: string;
  /** The plugin tarball, installed as `eslint-plugin-health-data`. */
  tarball: string;
  /**
   * The other dependencies, by the name the project installs them under, with the lockfile path
   * of the repository's copy: `eslint` from `node_modules/eslint-v9` is ESLint 9 installed as
   * `eslint`, as a user has it.
   */
  packages: Record<string, string>;
}

/** Where Node would find `name` from the package at lock path `from` (`rules`, `node_modules/a`). */
function resolve(
  packages: Packages,
  from: string,
  name: string,
  topLevel: Record<string, string>,
): string | undefined {
  let base = from;
  for (;;) {
    if (!base && name in topLevel) return topLevel[name];
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate] && !packages[candidate].link) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

export function createOfflineProject(spec: OfflineProjectSpec): void {
  const lock = JSON.parse(readFileSync(join(spec.root, 'package-lock.json'), 'utf8')) as {
    packages: Packages;
  };
  const plugin = JSON.parse(readFileSync(join(spec.root, 'rules', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    bin?: Record<string, string>;
    engines?: Record<string, string>;
  };
  // Lock paths of the repository → lock paths of the project: the top-level packages under the
  // project's names, and the plugin's workspace folder under node_modules/.
  const moves: Array<[from: string, to: string]> = [
    ['rules', `node_modules/${plugin.name}`],
    ...Object.entries(spec.packages).map(([name, source]): [string, string] => [
      source,
      `node_modules/${name}`,
    ]),
  ];
  const target = (source: string) => {
    for (const [from, to] of moves) {
      if (source === from || source.startsWith(`${from}/`)) return to + source.slice(from.length);
    }
    return source;
  };

  const tarballName = basename(spec.tarball);
  const out: Packages = {};
  const sources = new Map<string, string>();
  const queue = ['rules', ...Object.values(spec.packages)];
  while (queue.length > 0) {
    const source = queue.shift()!;
    const to = target(source);
    if (sources.has(to)) {
      if (sources.get(to) !== source)
        throw new Error(`${to} would be both ${sources.get(to)} and ${source}`);
      continue;
    }
    sources.set(to, source);
    const entry = lock.packages[source];
    if (!entry) throw new Error(`${source} is not in package-lock.json`);
    if (source === 'rules') {
      out[to] = {
        version: plugin.version,
        resolved: `file:${tarballName}`,
        integrity: `sha512-${createHash('sha512').update(readFileSync(spec.tarball)).digest('base64')}`,
        license: plugin.license,
        dependencies: plugin.dependencies,
        bin: plugin.bin,
        engines: plugin.engines,
        peerDependencies: plugin.peerDependencies,
      };
    } else {
      // The project depends on them directly: nothing is a development dependency there.
      const copy = { ...entry };
      delete copy.dev;
      delete copy.devOptional;
      // An alias (eslint-v9) records the real name; under its own name it needs none.
      if (copy.name === to.slice(to.lastIndexOf('node_modules/') + 'node_modules/'.length))
        delete copy.name;
      out[to] = copy;
    }
    const wanted = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    };
    for (const name of Object.keys(wanted)) {
      const found = resolve(lock.packages, source, name, spec.packages);
      const optional =
        name in (entry.optionalDependencies ?? {}) ||
        entry.peerDependenciesMeta?.[name]?.optional === true;
      if (found) queue.push(found);
      else if (!optional && !(name in (entry.peerDependencies ?? {})))
        throw new Error(`${source} needs ${name}, which package-lock.json does not have`);
    }
  }

  const dependencies: Record<string, string> = { [plugin.name]: `file:${tarballName}` };
  for (const name of Object.keys(spec.packages))
    dependencies[name] = out[`node_modules/${name}`]!.version!;
  const manifest = {
    name: 'throwaway',
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies,
  };
  writeFileSync(join(spec.dir, 'package.json'), JSON.stringify(manifest, null, 2));
  copyFileSync(spec.tarball, join(spec.dir, tarballName));
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(
    join(spec.dir, 'package-lock.json'),
    JSON.stringify(
      {
        name: 'throwaway',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'throwaway', version: '1.0.0', dependencies }, ...sorted },
      },
      null,
      2,
    ),
  );
  execFileSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: spec.dir, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' } },
  );
}
