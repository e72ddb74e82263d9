import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');

describe('the health-data-lint command as npm links it', () => {
  const bin = join(root, 'node_modules/.bin/health-data-lint');

  it('is linked at the root after npm ci (its target is committed, not built)', () => {
    assert.ok(existsSync(bin), 'node_modules/.bin/health-data-lint is missing');
  });

  it('runs through the link: --version, findings on the vulnerable seeds, none on the fixed', () => {
    const version = spawnSync(bin, ['--version'], { cwd: root, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    const pkg = JSON.parse(readFileSync(join(root, 'rules/package.json'), 'utf8'));
    assert.ok(version.stdout.includes(pkg.version), version.stdout);
    const vulnerable = spawnSync(bin, ['seeds/vulnerable'], { cwd: root, encoding: 'utf8' });
    assert.equal(vulnerable.status, 1, vulnerable.stdout + vulnerable.stderr);
    assert.match(vulnerable.stdout, /health-data\//);
    const fixed = spawnSync(bin, ['seeds/fixed'], { cwd: root, encoding: 'utf8' });
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
  });
});
