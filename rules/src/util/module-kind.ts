import { readFileSync } from 'node:fs';
import { NearestFile, statFile } from '../config/nearest-file';
import { dirname, extname, resolve } from 'node:path';

export type ModuleKind = 'module' | 'commonjs';

/**
 * Extensions that say the module kind themselves, as in Node.js and TypeScript: `.cjs`/`.cts` are
 * CommonJS and `.mjs`/`.mts` ES modules whatever package.json says.
 */
const KIND_BY_EXTENSION: Readonly<Record<string, ModuleKind>> = {
  '.cjs': 'commonjs',
  '.cts': 'commonjs',
  '.mjs': 'module',
  '.mts': 'module',
};

interface PackageType {
  mtimeMs: number;
  size: number;
  kind: ModuleKind;
}

const packageJsons = new NearestFile('package.json');
const kindByPackageJson = new Map<string, PackageType>();

function nearestPackageJson(dir: string): string | null {
  return packageJsons.find(dir);
}

/**
 * Node.js's rule (https://nodejs.org/api/packages.html#type): `"type": "module"` makes `.js` an ES
 * module, anything else (no field, `"commonjs"`, a package.json that cannot be read) CommonJS.
 */
function kindOfPackage(path: string): ModuleKind {
  const stats = statFile(path);
  if (!stats) return 'commonjs';
  const cached = kindByPackageJson.get(path);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.kind;
  let kind: ModuleKind = 'commonjs';
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (
      typeof manifest === 'object' &&
      manifest !== null &&
      (manifest as { type?: unknown }).type === 'module'
    )
      kind = 'module';
  } catch {
    // A broken package.json is Node's problem to report; linting goes on with its default.
  }
  kindByPackageJson.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, kind });
  return kind;
}

/**
 * How Node.js (and TypeScript's `module: nodenext`) load a file: by its extension when it says,
 * otherwise by the `type` of the nearest package.json. Results are cached per folder and per
 * package.json (re-read when it changes); `clearModuleKindCache` forgets where they are.
 */
export function moduleKindOf(filename: string): ModuleKind {
  const byExtension = KIND_BY_EXTENSION[extname(filename).toLowerCase()];
  if (byExtension) return byExtension;
  const manifest = nearestPackageJson(dirname(resolve(filename)));
  return manifest === null ? 'commonjs' : kindOfPackage(manifest);
}

export function clearModuleKindCache(): void {
  packageJsons.clear();
  kindByPackageJson.clear();
}
