// The project lints itself: typescript-eslint on its own sources, and its own plugin
// (built to rules/dist by `npm run build`) on the corrected seed codebase, which must stay clean.
import tseslint from 'typescript-eslint';
import healthData from 'eslint-plugin-health-data';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'rules/dist/**',
      'seeds/vulnerable/**',
      'test/fixtures/**',
      'bench/corpus/**',
      '.e2e-cache/**',
    ],
  },
  {
    files: ['**/*.ts'],
    ignores: ['seeds/**'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Each object of the preset keeps its own `files` (the CommonJS one decides per file).
  ...healthData.configs.strict.map((config) => ({ ...config, basePath: 'seeds/fixed' })),
);
