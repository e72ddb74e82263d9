import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RawLspClient } from './raw-lsp-client';
import { removeTemps, ROOT, runBuiltCli, tempDir } from './support';

/**
 * The product's own security: it never opens a connection and never runs workspace code. The CLI
 * and the server run in child processes whose network functions (net, tls, http, https, http2,
 * dns, dgram, fetch/undici, WebSocket) record the attempt and throw; workspace files that would
 * leave a marker file behind if executed sit next to the seeds.
 */

const PRELOAD = join(ROOT, 'test', 'helpers', 'no-network-preload.cjs');

interface Workspace {
  dir: string;
  marker: string;
  networkLog: string;
}

/** Both seed trees, plus every kind of file a careless linter would execute. */
function hostileWorkspace(): Workspace {
  const dir = tempDir('hdl-no-network-');
  cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
  const marker = join(dir, 'EXECUTED');
  const networkLog = join(dir, 'network-attempts.jsonl');
  const payload = (how: string) =>
    `${how}('node:fs').writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(how)});\n`;
  for (const tree of ['vulnerable', 'fixed']) {
    const root = join(dir, tree);
    writeFileSync(
      join(root, 'eslint.config.mjs'),
      `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(marker)}, 'eslint.config.mjs');\nexport default [];\n`,
    );
    writeFileSync(join(root, 'eslint.config.js'), `${payload('require')}module.exports = [];\n`);
    writeFileSync(join(root, 'eslint.config.cjs'), `${payload('require')}module.exports = [];\n`);
    writeFileSync(join(root, '.eslintrc.js'), `${payload('require')}module.exports = {};\n`);
    writeFileSync(
      join(root, 'healthdata.config.js'),
      `${payload('require')}module.exports = {};\n`,
    );
    // Imported by a seed: cross-file analysis must parse it, never load it.
    writeFileSync(
      join(root, 'api', 'evil-router.js'),
      `${payload('require')}const express = require('express');\nmodule.exports = express.Router();\n`,
    );
    const app = join(root, 'api', 'app.ts');
    writeFileSync(
      app,
      `import evil from './evil-router';\n${readFileSync(app, 'utf8')}\napp.use('/evil', evil);\n`,
    );
  }
  return { dir, marker, networkLog };
}

function attempts(workspace: Workspace): string[] {
  return existsSync(workspace.networkLog)
    ? readFileSync(workspace.networkLog, 'utf8').split('\n').filter(Boolean)
    : [];
}

after(removeTemps);

describe('robustness: no network access, no workspace code execution', function () {
  this.timeout(180_000);

  it('the preload records and blocks a network attempt (control)', function () {
    const workspace = hostileWorkspace();
    const result = spawnSync(
      process.execPath,
      [
        '--require',
        PRELOAD,
        '-e',
        "try { require('node:https').get('https://registry.npmjs.org/'); } catch {}\ntry { fetch('https://example.org'); } catch {}\ntry { require('node:dns').lookup('example.org', () => {}); } catch {}",
      ],
      { env: { ...process.env, HDL_NETWORK_LOG: workspace.networkLog }, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      attempts(workspace).map((line) => (JSON.parse(line) as { api: string }).api),
      ['node:https.get', 'globalThis.fetch', 'node:dns.lookup'],
    );
  });

  it('the hostile eslint.config.mjs does run when a linter loads it (control: --use-eslint-config)', function () {
    const workspace = hostileWorkspace();
    runBuiltCli(['--use-eslint-config', '.'], join(workspace.dir, 'vulnerable'));
    assert.equal(existsSync(workspace.marker), true, 'the marker proves the trap works');
  });

  for (const concurrency of ['1', '2']) {
    it(`the CLI lints seeds/ with --concurrency ${concurrency} without the network and without running workspace code`, function () {
      const workspace = hostileWorkspace();
      const run = runBuiltCli(
        ['--format', 'sarif', '--config-preset', 'strict', '--concurrency', concurrency, '.'],
        workspace.dir,
        ['--require', PRELOAD],
        { HDL_NETWORK_LOG: workspace.networkLog },
      );
      assert.equal(run.status, 1, `findings on the vulnerable tree, exit 1:\n${run.stderr}`);
      const sarif = JSON.parse(run.stdout) as { runs: { results: unknown[] }[] };
      assert.ok(sarif.runs[0]!.results.length > 20, 'the run really linted the seeds');
      assert.deepEqual(attempts(workspace), []);
      assert.equal(existsSync(workspace.marker), false, 'no workspace file was executed');
      assert.deepEqual(
        readdirSync(workspace.dir).sort(),
        ['fixed', 'vulnerable'],
        'the CLI wrote nothing into the workspace',
      );
    });
  }

  it('the language server lints and scans seeds/ without the network and without running workspace code', async function () {
    const workspace = hostileWorkspace();
    const folder = join(workspace.dir, 'vulnerable');
    const client = new RawLspClient(folder, ['--require', PRELOAD], {
      HDL_NETWORK_LOG: workspace.networkLog,
    });
    try {
      await client.initialize();
      const file = join(folder, 'api', 'app.ts');
      const uri = pathToFileURL(file).href;
      client.notify('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'typescript',
          version: 1,
          text: readFileSync(file, 'utf8'),
        },
      });
      const diagnostics = await client.diagnosticsFor(uri, 1, (d) => d.length > 0);
      assert.ok(diagnostics.length > 0);
      const scan = await client.request('healthData/scanWorkspace', {}, 120_000);
      const result = scan.result as { files: number; findings: number };
      assert.ok(result.files >= 10 && result.findings > 20, JSON.stringify(scan));
      assert.equal((await client.request('shutdown', null)).result, null);
      client.notify('exit', null);
      assert.equal(await client.exited, 0);
    } finally {
      if (client.alive) client.child.kill();
    }
    assert.deepEqual(attempts(workspace), []);
    assert.equal(existsSync(workspace.marker), false, 'no workspace file was executed');
  });
});
