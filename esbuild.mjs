// Builds the three deliverables from TypeScript sources:
//   rules/src  -> rules/dist   (the ESLint plugin package and its CLI; dependencies stay external)
//   server/src -> dist/server.js (standalone LSP server; ESLint and the parser bundled in)
//   client/src -> dist/client.js (VS Code extension; `vscode` is provided by the editor)
// Usage: node esbuild.mjs [--watch] [--only=plugin|server|client]
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const watch = args.includes('--watch');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const pluginPackage = JSON.parse(readFileSync(join(root, 'rules/package.json'), 'utf8'));
const pluginExternals = [
  ...Object.keys(pluginPackage.dependencies ?? {}),
  ...Object.keys(pluginPackage.peerDependencies ?? {}),
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

const existing = (entries) => entries.filter((entry) => existsSync(join(root, entry)));

/** @type {Record<string, import('esbuild').BuildOptions>} */
const targets = {
  plugin: {
    ...common,
    entryPoints: existing(['rules/src/index.ts', 'rules/src/cli.ts', 'rules/src/cli-worker.ts']),
    outdir: 'rules/dist',
    external: pluginExternals,
  },
  server: {
    ...common,
    entryPoints: existing(['server/src/server.ts']),
    outfile: 'dist/server.js',
    // ESLint's Linter and the TypeScript parser are bundled: the server never loads the
    // workspace's own ESLint, so the editor runs exactly the rules that CI runs.
    // @typescript-eslint/utils pulls in ESLint's whole API, whose config loader can import jiti
    // for TypeScript config files; the server never loads config files, so jiti stays out.
    external: ['jiti', 'jiti/package.json'],
    // CommonJS entry points first: ESLint `require`s esquery, whose ESM build (its "module"
    // field) would hand ESLint a namespace without `parse` and break every selector rule.
    mainFields: ['main', 'module'],
    // jsonc-parser's "main" is a UMD build whose factory requires its own files at run time,
    // which a bundle cannot serve; its ES module build imports them statically.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    // V8 keeps the whole source of the bundle (TypeScript, ESLint, the parser) in memory:
    // 16 MB as written, 10 MB without whitespace and comments, and the server's resident memory
    // after the benchmark's 200 files fell by about 30 MB. Names are kept, so stack traces in
    // the output channel still say which function failed.
    minifyWhitespace: true,
    minifySyntax: true,
  },
  client: {
    ...common,
    entryPoints: existing(['client/src/extension.ts']),
    outfile: 'dist/client.js',
    external: ['vscode'],
  },
};

const selected = Object.entries(targets).filter(
  ([name, options]) => (!only || only.split(',').includes(name)) && options.entryPoints.length > 0,
);

// The extension registers the config file's JSON Schema from dist/, the only folder in the .vsix.
if (selected.some(([name]) => name === 'client')) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  copyFileSync(
    join(root, 'rules/schema/healthdata.config.schema.json'),
    join(root, 'dist/healthdata.config.schema.json'),
  );
}

// The rule pages, and the model page they link to, ship inside both packages so that they open
// offline: the extension's "Show documentation" previews dist/docs/rules/<id>.md, and the plugin
// carries rules/dist/docs/. Relative links between them keep working under the same layout.
const BUNDLED_DOCS = ['docs/rules', 'docs/health-data-model.md'];
function copyDocs(targetDir) {
  const target = join(root, targetDir, 'docs');
  rmSync(target, { recursive: true, force: true });
  for (const entry of BUNDLED_DOCS) {
    cpSync(join(root, entry), join(root, targetDir, entry), { recursive: true });
  }
}
if (selected.some(([name]) => name === 'client')) copyDocs('dist');
if (selected.some(([name]) => name === 'plugin')) copyDocs('rules/dist');

if (watch) {
  for (const [name, options] of selected) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log(`watching ${name}`);
  }
} else {
  await Promise.all(selected.map(([, options]) => esbuild.build(options)));
}
