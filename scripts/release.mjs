// Builds the two release artifacts, with no network:
//   eslint-plugin-health-data-<version>.tgz  `npm pack` of rules/ (its prepack bundles the plugin,
//                                            writes the type declarations and copies the docs)
//   health-data-lint-<version>.vsix          `vsce package` of the extension, whose details page
//                                            shows client/README.md (for users) and CHANGELOG.md
// The repository's own files are left as they were: both tools only read them.
//
// Usage: node scripts/release.mjs [--out-dir DIR]   (default: release/, which git ignores)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outFlag = args.indexOf('--out-dir');
const outDir = resolve(
  outFlag >= 0 && args[outFlag + 1] ? args[outFlag + 1] : join(root, 'release'),
);

// The details page's README and CHANGELOG; `npm run package` and test/robustness/vsix.test.ts
// pass the same --readme-path.
const VSCE_PAGE_OPTIONS = ['--readme-path', 'client/README.md', '--changelog-path', 'CHANGELOG.md'];

const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const vsce = join(
  dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')),
  'vsce',
);

const shorten = (arg) => (arg.startsWith(root) ? relative(root, arg) : arg);

function run(command, commandArgs) {
  const shown = [command === process.execPath ? 'node' : command, ...commandArgs.map(shorten)];
  process.stderr.write(`$ ${shown.join(' ')}\n`);
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} exited with ${result.status ?? result.signal}`);
}

function main() {
  const extension = readJson('package.json');
  const plugin = readJson('rules/package.json');
  const tarball = join(outDir, `${plugin.name}-${plugin.version}.tgz`);
  const vsix = join(outDir, `${extension.name}-${extension.version}.vsix`);
  mkdirSync(outDir, { recursive: true });
  for (const artifact of [tarball, vsix]) rmSync(artifact, { force: true });

  run(process.execPath, [join(root, 'esbuild.mjs')]);
  run(npm, ['pack', '--workspace', 'rules', '--pack-destination', outDir, '--loglevel=warn']);
  run(process.execPath, [
    vsce,
    'package',
    '--no-dependencies',
    ...VSCE_PAGE_OPTIONS,
    '--out',
    vsix,
  ]);

  const made = [tarball, vsix].map((artifact) => {
    const size = statSync(artifact).size;
    return `  ${relative(process.cwd(), artifact)}  (${(size / 1024).toFixed(0)} KB)`;
  });
  process.stdout.write(
    [
      `Release ${extension.version}:`,
      ...made,
      'Install the plugin: npm install --save-dev ./' + `${plugin.name}-${plugin.version}.tgz`,
      `Install the extension: code --install-extension ${extension.name}-${extension.version}.vsix`,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`release: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
