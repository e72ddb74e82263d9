import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import packageJson from '../package.json';
import type { HealthDataRuleDocs, Preset } from './util/create-rule';
import { rules } from './rules';
import { LINTED_FILES } from './util/files';

const PLUGIN_PREFIX = 'health-data';

function presetRules(preset: Preset): TSESLint.FlatConfig.Rules {
  const entries = Object.entries(rules).filter(([, rule]) => {
    const docs = rule.meta.docs as HealthDataRuleDocs | undefined;
    return preset === 'strict' || docs?.preset === 'recommended';
  });
  return Object.fromEntries(
    entries.map(([id, rule]) => {
      const strictOptions = (rule.meta.docs as HealthDataRuleDocs | undefined)?.strictOptions;
      const entry: TSESLint.FlatConfig.RuleEntry =
        preset === 'strict' && strictOptions ? ['error', ...strictOptions] : 'error';
      return [`${PLUGIN_PREFIX}/${id}`, entry];
    }),
  );
}

interface Plugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.Config; strict: TSESLint.FlatConfig.Config };
}

const plugin: Plugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs: {} as Plugin['configs'],
};

function preset(name: Preset): TSESLint.FlatConfig.Config {
  return {
    name: `${PLUGIN_PREFIX}/${name}`,
    files: LINTED_FILES,
    plugins: { [PLUGIN_PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    // The presets bring their own parser so they work alone; no type information is needed.
    languageOptions: {
      parser: parser as TSESLint.FlatConfig.Parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: presetRules(name),
  };
}

plugin.configs.recommended = preset('recommended');
plugin.configs.strict = preset('strict');

export = plugin;
