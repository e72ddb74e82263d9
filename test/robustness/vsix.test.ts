import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support';

/**
 * What ships to users' machines: the .vsix holds the bundled client and server, the rule pages
 * it opens offline (dist/docs/), the manifest and its icon, the README for users
 * (client/README.md, the details page), CHANGELOG, LICENSE and the config file's JSON Schema. No
 * sources, seeds (deliberately vulnerable code with fake secrets), tests or tooling, no developer
 * README, and no source maps: they would double the download and embed every source file, which
 * the bundle already is.
 */

const SHIPPED = [
  'CHANGELOG.md',
  'LICENSE',
  'client/README.md',
  'client/images/icon.png',
  'dist/client.js',
  ...readdirSync(join(ROOT, 'docs/rules')).map((page) => `dist/docs/rules/${page}`),
  'dist/docs/health-data-model.md',
  'dist/healthdata.config.schema.json',
  'dist/server.js',
  'package.json',
].sort();

function npx(args: readonly string[], timeout: number) {
  return spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', [...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

describe('robustness: what the extension ships', function () {
  this.timeout(120_000);

  it('the .vsix lists exactly dist/ with the rule pages, the manifest, icon, user README, CHANGELOG, LICENSE and the schema', function () {
    // The README option of `npm run release` and `npm run package`.
    const listing = npx(
      ['vsce', 'ls', '--no-dependencies', '--readme-path', 'client/README.md'],
      90_000,
    );
    if (listing.error || listing.status !== 0) {
      // vsce is a dev dependency; without it the packaging cannot be checked here.
      console.log(
        `      vsce ls failed, packaging not checked: ${listing.error ?? listing.stderr}`,
      );
      this.skip();
    }
    const files = listing.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(files, SHIPPED);
    for (const file of files) assert.ok(existsSync(join(ROOT, file)), `${file} exists`);
  });

  it('the runtime has no installed dependency: everything it runs is in the bundle', function () {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      lockfileVersion: number;
      packages: Record<
        string,
        { version?: string; integrity?: string; link?: boolean; inBundle?: boolean }
      >;
    };
    assert.ok(lock.lockfileVersion >= 2);
    // Every registry package is pinned to one version with an integrity hash (packages bundled
    // inside another package's tarball are covered by that tarball's hash).
    const unpinned = Object.entries(lock.packages).filter(
      ([path, entry]) =>
        path.includes('node_modules/') &&
        !entry.link &&
        !entry.inBundle &&
        (!entry.version || !entry.integrity),
    );
    assert.deepEqual(
      unpinned.map(([path]) => path),
      [],
    );
  });

  it('npm audit --omit=dev reports no vulnerability (skipped when the audit endpoint is unreachable)', function () {
    const audit = npx(['npm', 'audit', '--omit=dev', '--json'], 60_000);
    let report: { metadata?: { vulnerabilities?: Record<string, number> }; message?: string };
    try {
      report = JSON.parse(audit.stdout) as typeof report;
    } catch {
      report = {};
    }
    const counts = report.metadata?.vulnerabilities;
    if (!counts) {
      const reason =
        report.message ?? audit.error?.message ?? audit.stderr.trim().split('\n').pop();
      console.log(`      npm audit endpoint unreachable, not checked: ${reason ?? 'no answer'}`);
      this.skip();
    }
    assert.deepEqual(
      Object.entries(counts).filter(([level, count]) => level !== 'total' && count > 0),
      [],
    );
  });
});
