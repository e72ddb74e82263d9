import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { clearConfigCache, parseConfigText } from '../../rules/src/config/project-config';
import { lintableFiles, matchesConfigIgnores } from '../../server/src/fileFilter';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hdl-walk-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function walk(root: string, projectConfigEnabled = true): Promise<string[]> {
  clearConfigCache();
  const found: string[] = [];
  for await (const file of lintableFiles(root, {
    isCancelled: () => false,
    projectConfigEnabled,
  })) {
    found.push(relative(root, file).split('\\').join('/'));
  }
  return found;
}

describe('workspace file discovery', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>) => {
    const root = tree(files);
    roots.push(root);
    return root;
  };
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('lists JS/TS files of every flavour, in name order, skipping other files', async () => {
    const root = make({
      'b.ts': '',
      'a.js': '',
      'c.cjs': '',
      'd.mjs': '',
      'e.jsx': '',
      'f.tsx': '',
      'f2.cts': '',
      'f3.mts': '',
      'g.json': '',
      'h.d.ts.map': '',
      'README.md': '',
    });
    assert.deepEqual(await walk(root), [
      'a.js',
      'b.ts',
      'c.cjs',
      'd.mjs',
      'e.jsx',
      'f.tsx',
      'f2.cts',
      'f3.mts',
    ]);
  });

  it('skips node_modules, dist and .git at any depth', async () => {
    const root = make({
      'node_modules/x/index.js': '',
      'packages/app/node_modules/y.js': '',
      'packages/app/dist/bundle.js': '',
      '.git/hooks/pre-commit.js': '',
      'packages/app/src/main.ts': '',
    });
    assert.deepEqual(await walk(root), ['packages/app/src/main.ts']);
  });

  it('honours .gitignore: folders, globs, anchored paths, negations and comments', async () => {
    const root = make({
      '.gitignore': [
        '# build output',
        'build/',
        '*.generated.ts',
        '/only-root.js',
        'logs/*.js',
        '!logs/keep.js',
        '',
      ].join('\n'),
      'build/out.js': '',
      'src/build/also-ignored.js': '',
      'src/api.generated.ts': '',
      'src/api.ts': '',
      'only-root.js': '',
      'src/only-root.js': '',
      'logs/drop.js': '',
      'logs/keep.js': '',
    });
    assert.deepEqual(await walk(root), ['logs/keep.js', 'src/api.ts', 'src/only-root.js']);
  });

  it('applies nested .gitignore files relative to their folder, deepest last', async () => {
    const root = make({
      '.gitignore': '*.local.ts\n',
      'a.local.ts': '',
      'pkg/.gitignore': 'fixtures/\n!keep.local.ts\n',
      'pkg/fixtures/data.ts': '',
      'pkg/keep.local.ts': '',
      'pkg/other.local.ts': '',
      'fixtures/top.ts': '',
    });
    assert.deepEqual(await walk(root), ['fixtures/top.ts', 'pkg/keep.local.ts']);
  });

  it('applies the config file’s ignores relative to the config file, unless disabled', async () => {
    const root = make({
      'healthdata.config.json': JSON.stringify({ ignores: ['generated/', 'legacy/**/*.js'] }),
      'generated/client.ts': '',
      'legacy/old/a.js': '',
      'legacy/old/b.ts': '',
      'src/main.ts': '',
    });
    assert.deepEqual(await walk(root), ['legacy/old/b.ts', 'src/main.ts']);
    assert.deepEqual(await walk(root, false), [
      'generated/client.ts',
      'legacy/old/a.js',
      'legacy/old/b.ts',
      'src/main.ts',
    ]);
  });

  it('stops listing when cancelled', async () => {
    const root = make({ 'a.ts': '', 'b.ts': '', 'c.ts': '' });
    const found: string[] = [];
    for await (const file of lintableFiles(root, {
      isCancelled: () => found.length >= 1,
      projectConfigEnabled: true,
    })) {
      found.push(file);
    }
    assert.equal(found.length, 1);
  });
});

describe('matchesConfigIgnores', () => {
  const loaded = parseConfigText(
    JSON.stringify({ ignores: ['vendor', 'scripts/*.mjs'] }),
    '/repo/healthdata.config.json',
  );

  it('matches paths below the config file only', () => {
    assert.equal(matchesConfigIgnores('/repo/vendor/lib.js', loaded), true);
    assert.equal(matchesConfigIgnores('/repo/src/vendor/lib.js', loaded), true);
    assert.equal(matchesConfigIgnores('/repo/scripts/run.mjs', loaded), true);
    assert.equal(matchesConfigIgnores('/repo/scripts/run.ts', loaded), false);
    assert.equal(matchesConfigIgnores('/elsewhere/vendor/lib.js', loaded), false);
  });
});
