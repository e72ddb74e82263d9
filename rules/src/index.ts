import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import packageJson from '../package.json';
import type { Preset } from './util/create-rule';
import { presetRules } from './rule-config';
import { rules } from './rules';
import { LINTED_FILES, PACKAGE_TYPED_FILES } from './util/files';
import { moduleKindOf } from './util/module-kind';

const PLUGIN_PREFIX = 'health-data';

type Config = TSESLint.FlatConfig.Config;

interface Plugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  /** Each preset is a flat config array: its first object holds the plugin, parser and rules. */
  configs: { recommended: Config[]; strict: Config[] };
}

const plugin: Plugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs: {} as Plugin['configs'],
};

/**
 * What Node.js gives every CommonJS module (https://nodejs.org/api/modules.html#the-module-wrapper).
 * ESLint defines `require`, `module` and `exports` for `sourceType: 'commonjs'`, not the two paths.
 */
const COMMONJS_GLOBALS = {
  require: 'readonly',
  module: 'readonly',
  exports: 'writable',
  __filename: 'readonly',
  __dirname: 'readonly',
} as const;

/**
 * `.js`, `.jsx`, `.ts`, `.tsx` files that the nearest package.json makes CommonJS. ESLint's config
 * arrays (@eslint/config-array, in ESLint 9 and 10) accept a function among the `files` patterns
 * and call it with the file's path; a pattern that is an array matches when all its parts do.
 */
const inCommonJsPackage: unknown[] = [
  `{${PACKAGE_TYPED_FILES.join(',')}}`,
  (filename: string) => moduleKindOf(filename) === 'commonjs',
];

function preset(name: Preset): Config[] {
  return [
    {
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
    },
    {
      // As Node.js loads them: `.cjs`/`.cts` always, `.js`/`.ts` by package.json `type`. The
      // TypeScript parser still reads `import`/`export` there (TypeScript compiles them to
      // `require`); `globalReturn` gives the module its own scope, as Node's wrapper function does.
      name: `${PLUGIN_PREFIX}/${name}/commonjs`,
      files: ['**/*.cjs', '**/*.cts', inCommonJsPackage as string[]],
      languageOptions: {
        sourceType: 'commonjs',
        globals: COMMONJS_GLOBALS,
        parserOptions: { ecmaFeatures: { globalReturn: true } },
      },
    },
  ];
}

plugin.configs.recommended = preset('recommended');
plugin.configs.strict = preset('strict');

export = plugin;
