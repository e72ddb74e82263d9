/** Every file kind the presets, the CLI and the language server lint: JS and TS, with JSX, any module flavour. */
export const LINTED_FILES = [
  '**/*.js',
  '**/*.cjs',
  '**/*.mjs',
  '**/*.jsx',
  '**/*.ts',
  '**/*.cts',
  '**/*.mts',
  '**/*.tsx',
];

export const LINTED_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'];

/** Files whose module kind the nearest package.json decides (util/module-kind.ts). */
export const PACKAGE_TYPED_FILES = ['**/*.js', '**/*.jsx', '**/*.ts', '**/*.tsx'];
