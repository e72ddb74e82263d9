// Installs the packages the benchmark and the evaluation lint (bench/corpus-packages/) on demand:
// they are other people's code, never dependencies of the product, and are installed with their
// install scripts switched off (one of them would otherwise start telemetry processes).
// Runs `npm ci` only when the lockfile changed since the last install.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'corpus-packages');
const stamp = join(dir, 'node_modules', '.installed-lock-sha256');
const lockHash = createHash('sha256')
  .update(readFileSync(join(dir, 'package-lock.json')))
  .digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) {
  console.log('bench/corpus-packages: installed and up to date');
} else {
  console.log('bench/corpus-packages: npm ci --ignore-scripts (about a minute)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(
    npm,
    ['ci', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: dir, stdio: 'inherit' },
  );
  writeFileSync(stamp, lockHash);
}
