import assert from 'node:assert/strict';
import plugin from '../src/index';

describe('eslint-plugin-health-data package', () => {
  it('exports meta with the package name and version', () => {
    assert.equal(plugin.meta.name, 'eslint-plugin-health-data');
    assert.match(plugin.meta.version, /^\d+\.\d+\.\d+/);
  });

  it('recommended turns on every recommended rule and strict every rule', () => {
    for (const [id, rule] of Object.entries(plugin.rules)) {
      const docs = rule.meta.docs as { preset?: string } | undefined;
      assert.ok(
        plugin.configs.strict[0]!.rules?.[`health-data/${id}`],
        `${id} missing from strict`,
      );
      if (docs?.preset === 'recommended') {
        assert.ok(
          plugin.configs.recommended[0]!.rules?.[`health-data/${id}`],
          `${id} missing from recommended`,
        );
      }
    }
  });

  it('presets bring the TypeScript parser and cover JS and TS files', () => {
    for (const [main] of [plugin.configs.recommended, plugin.configs.strict]) {
      assert.ok(main!.languageOptions?.parser, 'parser missing');
      for (const ext of ['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx']) {
        assert.ok(main!.files?.includes(`**/*.${ext}`), `.${ext} not covered`);
      }
    }
  });
});
