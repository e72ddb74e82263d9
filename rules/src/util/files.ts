/** Every file kind the presets, the CLI and the language server lint: JS and TS, with JSX, any module flavour. */
export const LINTED_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.tsx'];

export const LINTED_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.tsx'];
