import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface Toolchain {
  cacheDir: string;
  node: string;
  nodeVersion: string;
  codeServer: string;
  chromium: string;
}

/** Installs (first run) or finds (later runs) Node 24, code-server and chromium. */
export function ensureToolchain(): Toolchain {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'e2e-setup.mjs'), '--json'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 30 * 60_000,
    },
  );
  if (result.status !== 0) {
    throw new Error(`scripts/e2e-setup.mjs failed (${result.status ?? result.error?.message})`);
  }
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as Toolchain;
}

/**
 * Builds the release artifacts (scripts/release.mjs) into `outDir` and returns the .vsix: the
 * test installs exactly what a user downloads.
 */
export function buildVsix(outDir: string): string {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'release.mjs'), '--out-dir', outDir],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 5 * 60_000 },
  );
  if (result.status !== 0) {
    throw new Error(`scripts/release.mjs failed (${result.status ?? result.error?.message})`);
  }
  const vsix = readdirSync(outDir).find((name) => name.endsWith('.vsix'));
  if (!vsix) throw new Error(`scripts/release.mjs made no .vsix in ${outDir}`);
  return join(outDir, vsix);
}

/**
 * Installs the .vsix as a user does (`code-server --install-extension`, VS Code's own installer,
 * offline) and returns the extension's id, `<publisher>.<name>`.
 */
export function installExtension(
  toolchain: Toolchain,
  vsix: string,
  extensionsDir: string,
  userDataDir: string,
): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const id = `${manifest.publisher}.${manifest.name}`;
  const result = spawnSync(
    toolchain.node,
    [
      toolchain.codeServer,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const installed = join(extensionsDir, `${id}-${manifest.version}`);
  if (result.status !== 0 || !existsSync(join(installed, 'package.json'))) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (${result.status ?? result.error?.message}): ${result.stdout}${result.stderr}`,
    );
  }
  return id;
}

/** Settings of the test profile: nothing but the editor, no welcome page, no AI side panel. */
export function writeUserSettings(userDataDir: string): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'editor.lightbulb.enabled': 'on',
    // The workspace copy has no node_modules: TypeScript's own "cannot find module" errors would
    // crowd the Problems panel this test reads and the screenshots show.
    'typescript.validate.enable': false,
    'javascript.validate.enable': false,
  };
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  /** Stops code-server and every process it started (extension host, language server). */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  toolchain: Toolchain;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  workspace: string;
  logFile: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  writeFileSync(options.configFile, 'auth: none\ncert: false\n');
  const log = createWriteStream(options.logFile);
  const child = spawn(
    options.toolchain.node,
    [
      options.toolchain.codeServer,
      '--bind-addr',
      `127.0.0.1:${options.port}`,
      '--auth',
      'none',
      '--config',
      options.configFile,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      options.workspace,
    ],
    {
      // Its own process group, so that stop() reaches the extension host and language server too.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_DATA_HOME: join(options.userDataDir, 'xdg-data') },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid;
  if (pid === undefined)
    throw new Error(`cannot start code-server (${options.toolchain.codeServer})`);
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    if (!groupAlive(pid)) return;
    process.kill(-pid, 'SIGTERM');
    for (let waited = 0; waited < 5000 && groupAlive(pid); waited += 100) await sleep(100);
    if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
    log.end();
  };

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during start-up; see ${options.logFile}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s; see ${options.logFile}`);
    }
    await sleep(250);
  }
  return { url, process: child, stop };
}
