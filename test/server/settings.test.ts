import assert from 'node:assert/strict';
import { documentTarget, folderOf } from '../../server/src/documentTarget';
import { SettingsCache, defaultSettings, normalizeSettings } from '../../server/src/settings';

describe('settings', () => {
  it('keeps valid values and falls back per key on invalid ones', () => {
    assert.deepEqual(
      normalizeSettings({
        enable: 'yes',
        preset: 'strict',
        run: 'sometimes',
        maxFileSizeKb: -3,
        rules: { 'no-select-star-export': 'off', 'health-data/no-unencrypted-write': 'warn', x: 2 },
      }),
      {
        ...defaultSettings(),
        preset: 'strict',
        rules: {
          'health-data/no-select-star-export': 'off',
          'health-data/no-unencrypted-write': 'warn',
        },
      },
    );
    assert.deepEqual(normalizeSettings(null), defaultSettings());
  });

  it('fetches once per folder and again after clear', async () => {
    const fetched: (string | undefined)[] = [];
    const cache = new SettingsCache(async (scope) => {
      fetched.push(scope);
      return { run: 'onSave' };
    });
    const [a, b] = await Promise.all([cache.get('file:///a'), cache.get('file:///a')]);
    assert.equal(a.run, 'onSave');
    assert.equal(a, b);
    await cache.get('file:///b');
    cache.clear();
    await cache.get('file:///a');
    assert.deepEqual(fetched, ['file:///a', 'file:///b', 'file:///a']);
  });

  it('uses defaults when the client cannot answer', async () => {
    const cache = new SettingsCache(() => Promise.reject(new Error('no configuration support')));
    assert.deepEqual(await cache.get(undefined), defaultSettings());
  });
});

describe('documentTarget', () => {
  const folders = ['file:///work/app', 'file:///work/app/packages/api'];

  it('picks the innermost workspace folder', () => {
    assert.equal(folderOf('file:///work/app/packages/api/src/x.ts', folders), folders[1]);
    assert.equal(folderOf('file:///work/app/src/x.ts', folders), folders[0]);
    assert.equal(folderOf('file:///work/application/x.ts', folders), undefined);
  });

  it('lints files as themselves, relative to their folder', () => {
    assert.deepEqual(
      documentTarget('file:///work/app/src/a%20b.ts', 'typescript', folders, '/tmp'),
      {
        filename: '/work/app/src/a b.ts',
        cwd: '/work/app',
        onDisk: true,
      },
    );
    assert.deepEqual(documentTarget('file:///other/x.js', 'javascript', folders, '/tmp'), {
      filename: '/other/x.js',
      cwd: '/other',
      onDisk: true,
    });
  });

  it('lints an untitled buffer as a file of its language in the first folder', () => {
    const target = documentTarget('untitled:Untitled-2', 'typescriptreact', folders, '/tmp');
    assert.equal(target.cwd, '/work/app');
    assert.match(target.filename, /^\/work\/app\/Untitled-2\.tsx$/);
    assert.equal(target.onDisk, false);
  });
});
