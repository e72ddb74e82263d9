import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DiagnosticSeverity,
  IPCMessageReader,
  IPCMessageWriter,
  type InitializeResult,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient, SERVER_PATH } from '../helpers/lsp-client';

interface ScanResult {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

const BROKEN = 'const patient = ;\n';
const CLEAN = 'export const answer = 42;\n';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const uriOf = (path: string) => pathToFileURL(path).href;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('language server over stdio', function () {
  let workspace: string;
  const clients: LspTestClient[] = [];

  async function start(options: Parameters<typeof LspTestClient.start>[0] = {}) {
    const client = await LspTestClient.start({ workspaceFolders: [workspace], ...options });
    clients.push(client);
    return client;
  }

  before(() => {
    assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run npm run build`);
  });

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'hdl-lsp-'));
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.kill();
    rmSync(workspace, { recursive: true, force: true });
  });

  describe('initialize', () => {
    it('advertises incremental sync, quick fixes, commands and push diagnostics, and no fix-all', async () => {
      const client = await start();
      const { capabilities, serverInfo } = client.initializeResult;
      assert.equal(serverInfo?.name, 'health-data-lint');
      assert.deepEqual(capabilities.textDocumentSync, {
        openClose: true,
        change: 2,
        save: { includeText: false },
      });
      assert.deepEqual(capabilities.codeActionProvider, {
        codeActionKinds: ['quickfix'],
        resolveProvider: false,
      });
      // No rule has an automatic fix, so fix-all could never change anything.
      assert.deepEqual(capabilities.executeCommandProvider?.commands, [
        'healthData.scanWorkspace',
        'healthData.openRuleDocs',
      ]);
      assert.equal(capabilities.diagnosticProvider, undefined);
    });

    it('offers pull diagnostics to a client that supports them', async () => {
      const client = await start({ pull: true });
      assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, {
        identifier: 'health-data',
        interFileDependencies: false,
        workspaceDiagnostics: false,
      });
    });

    it('leaves command registration to a client that registers them itself', async () => {
      const client = await start({ initializationOptions: { advertiseCommands: false } });
      assert.equal(client.initializeResult.capabilities.executeCommandProvider, undefined);
    });

    it('watches healthdata.config.json files and the sources cross-file findings depend on', async () => {
      const client = await start();
      for (let i = 0; i < 50 && client.registrations.length === 0; i++) await sleep(20);
      assert.deepEqual(client.registrations, [
        {
          id: (client.registrations[0] as { id: string }).id,
          method: 'workspace/didChangeWatchedFiles',
          registerOptions: {
            watchers: [
              { globPattern: '**/healthdata.config.json' },
              {
                globPattern:
                  '**/{eslint.config.js,eslint.config.mjs,eslint.config.cjs,eslint.config.ts,eslint.config.mts,eslint.config.cts}',
              },
              { globPattern: '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,sql,prisma}' },
              { globPattern: '**/package.json' },
            ],
          },
        },
      ]);
    });

    it('also runs over Node IPC', async () => {
      const child = fork(SERVER_PATH, ['--node-ipc'], {
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      });
      const connection = createProtocolConnection(
        new IPCMessageReader(child),
        new IPCMessageWriter(child),
      );
      connection.listen();
      try {
        const result: InitializeResult = await connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
        });
        assert.equal(result.serverInfo?.name, 'health-data-lint');
      } finally {
        connection.dispose();
        child.kill();
      }
    });
  });

  for (const pull of [false, true]) {
    describe(`diagnostics (${pull ? 'pull' : 'push'})`, () => {
      it('reports a file that does not parse with one error and keeps answering', async () => {
        const client = await start({ pull });
        const uri = uriOf(join(workspace, 'broken.ts'));
        await client.open(uri, 'typescript', BROKEN);
        const diagnostics = await client.diagnostics(uri);
        assert.equal(diagnostics.length, 1);
        assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Error);
        assert.equal(diagnostics[0]!.source, 'health-data');
        assert.match(String(diagnostics[0]!.message), /^Parsing error/);
        assert.equal(diagnostics[0]!.range.start.line, 0);
        const other = uriOf(join(workspace, 'other.js'));
        await client.open(other, 'javascript', CLEAN);
        assert.deepEqual(await client.diagnostics(other), []);
      });

      it('follows incremental edits: breaking and repairing a line', async () => {
        const client = await start({ pull });
        const uri = uriOf(join(workspace, 'edit.ts'));
        await client.open(uri, 'typescript', 'const patient = 1;\nexport { patient };\n');
        assert.deepEqual(await client.diagnostics(uri), []);
        const range = { start: { line: 0, character: 16 }, end: { line: 0, character: 17 } };
        await client.change(uri, [{ range, text: '' }]);
        assert.equal(client.document(uri).getText(), BROKEN + 'export { patient };\n');
        const broken = await client.diagnostics(uri);
        assert.equal(broken.length, 1);
        assert.match(String(broken[0]!.message), /^Parsing error/);
        await client.change(uri, [{ range: { start: range.start, end: range.start }, text: '2' }]);
        assert.deepEqual(await client.diagnostics(uri), []);
      });

      it('lints an untitled buffer by its language', async () => {
        const client = await start({ pull });
        const uri = 'untitled:Untitled-1';
        await client.open(uri, 'typescriptreact', 'const view = <div>{</div>;\n');
        const diagnostics = await client.diagnostics(uri);
        assert.equal(diagnostics.length, 1);
        assert.match(String(diagnostics[0]!.message), /^Parsing error/);
      });

      it('skips a file above healthData.maxFileSizeKb with one Information diagnostic', async () => {
        const client = await start({ pull, settings: { maxFileSizeKb: 1 } });
        const uri = uriOf(join(workspace, 'big.js'));
        await client.open(uri, 'javascript', `${'// padding\n'.repeat(200)}${BROKEN}`);
        const diagnostics = await client.diagnostics(uri);
        assert.equal(diagnostics.length, 1);
        assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Information);
        assert.match(String(diagnostics[0]!.message), /above the 1 KB limit/);
      });

      it('reports nothing when healthData.enable is false, and relints when it is turned on', async () => {
        const client = await start({ pull, settings: { enable: false } });
        const uri = uriOf(join(workspace, 'off.ts'));
        await client.open(uri, 'typescript', BROKEN);
        assert.deepEqual(await client.diagnostics(uri), []);
        client.settings = { enable: true };
        const republished = pull
          ? undefined
          : client.waitForPublish(
              (params) => params.uri === uri && params.diagnostics.length === 1,
            );
        await client.connection.sendNotification('workspace/didChangeConfiguration', {
          settings: null,
        });
        if (republished) await republished;
        assert.equal((await client.diagnostics(uri)).length, 1);
      });
    });
  }

  for (const pull of [false, true]) {
    it(`with healthData.run onSave, lints on save only (${pull ? 'pull' : 'push'})`, async () => {
      const client = await start({ pull, settings: { run: 'onSave' } });
      const uri = uriOf(join(workspace, 'saved.ts'));
      await client.open(uri, 'typescript', CLEAN);
      assert.deepEqual(await client.diagnostics(uri), []);
      await client.change(uri, [{ text: BROKEN }]);
      if (pull) {
        assert.deepEqual(await client.diagnostics(uri), [], 'edits are not linted before saving');
      } else {
        await sleep(400);
        assert.equal(client.published.get(uri)?.version, 1, 'edits are not linted before saving');
      }
      await client.save(uri);
      if (!pull) await sleep(50);
      assert.equal((await client.diagnostics(uri)).length, 1);
    });
  }

  it('publishes only the newest of several quick edits', async () => {
    const client = await start();
    const uri = uriOf(join(workspace, 'typing.ts'));
    await client.open(uri, 'typescript', CLEAN);
    await client.diagnostics(uri);
    const before = client.publishLog.length;
    for (const text of ['c', 'co', 'con', 'cons']) {
      await client.change(uri, [{ text: `${text}${CLEAN}` }]);
    }
    const final = await client.diagnostics(uri);
    assert.equal(final.length, 1, 'the last version does not parse');
    await sleep(300);
    const versions = client.publishLog
      .slice(before)
      .filter((params) => params.uri === uri)
      .map((params) => params.version);
    assert.deepEqual(versions, [5]);
  });

  it('routes project configuration problems to the user once', async () => {
    writeTree(workspace, {
      'healthdata.config.json': JSON.stringify({ vocabulary: { helth: ['x'] } }),
      'a.ts': CLEAN,
      'b.ts': CLEAN,
    });
    const client = await start();
    for (const name of ['a.ts', 'b.ts']) {
      const uri = uriOf(join(workspace, name));
      await client.open(uri, 'typescript', CLEAN);
      await client.diagnostics(uri);
    }
    const warnings = client.messages.filter((message) => message.message.includes('helth'));
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!.message,
      /healthdata\.config\.json:1:16: "vocabulary\.helth" is not a known key \(did you mean "health"\?\)/,
    );
  });

  it('relints open files when a watched config file changes (config ignores)', async () => {
    writeTree(workspace, { 'gen/out.ts': BROKEN });
    const client = await start();
    const uri = uriOf(join(workspace, 'gen/out.ts'));
    await client.open(uri, 'typescript', BROKEN);
    assert.equal((await client.diagnostics(uri)).length, 1);
    const configPath = join(workspace, 'healthdata.config.json');
    writeFileSync(configPath, JSON.stringify({ ignores: ['gen/'] }));
    const cleared = client.waitForPublish(
      (params) => params.uri === uri && params.diagnostics.length === 0,
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(configPath), type: 1 }],
    });
    await cleared;
  });

  it('ignores workspace config files in an untrusted workspace', async () => {
    writeTree(workspace, {
      'healthdata.config.json': JSON.stringify({ ignores: ['gen/'], vocabulary: { helth: [] } }),
      'gen/out.ts': BROKEN,
    });
    const client = await start({ initializationOptions: { trusted: false } });
    const uri = uriOf(join(workspace, 'gen/out.ts'));
    await client.open(uri, 'typescript', BROKEN);
    assert.equal((await client.diagnostics(uri)).length, 1, 'config ignores must not apply');
    assert.deepEqual(client.messages, [], 'the untrusted config file must not even be read');
  });

  it('answers unknown requests with an error and keeps serving', async () => {
    const client = await start();
    await assert.rejects(
      client.connection.sendRequest('healthData/doesNotExist', {}),
      /Unhandled method|not found/i,
    );
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', { command: 'nope', arguments: [] }),
      /Unknown command nope/,
    );
    await client.connection.sendNotification('healthData/unknownNotification', {});
    const uri = uriOf(join(workspace, 'after.ts'));
    await client.open(uri, 'typescript', BROKEN);
    assert.equal((await client.diagnostics(uri)).length, 1);
  });

  it('opens rule documentation through window/showDocument', async () => {
    const client = await start();
    const url = 'https://github.com/health-data-lint/health-data-lint/blob/main/docs/rules/x.md';
    const shown = await client.connection.sendRequest('workspace/executeCommand', {
      command: 'healthData.openRuleDocs',
      arguments: [url],
    });
    assert.equal(shown, true);
    assert.deepEqual(client.shownDocuments, [url]);
  });

  it('offers no fix-all, as code action or command, on a file with a finding', async () => {
    const client = await start({ pull: true });
    const uri = uriOf(join(workspace, 'log.ts'));
    const text =
      'export function show(patient: { nir: string }) {\n  console.log(patient.nir);\n}\n';
    await client.open(uri, 'typescript', text);
    const [finding] = await client.diagnostics(uri);
    assert.equal(finding?.code, 'health-data/no-patient-data-in-logs');
    assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll']), []);
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', {
        command: 'healthData.fixAll',
        arguments: [{ uri }],
      }),
      { code: -32602, message: 'Unknown command healthData.fixAll' },
    );
    assert.equal(client.document(uri).getText(), text);
  });

  describe('workspace scan', () => {
    beforeEach(() => {
      writeTree(workspace, {
        '.gitignore': 'ignored/\n*.generated.ts\n',
        'healthdata.config.json': JSON.stringify({ ignores: ['gen/**'] }),
        'src/a.ts': BROKEN,
        'src/b.js': CLEAN,
        'src/c.generated.ts': BROKEN,
        'src/nested/.gitignore': 'local.ts\n',
        'src/nested/local.ts': BROKEN,
        'src/nested/kept.tsx': BROKEN,
        'node_modules/dep/index.js': BROKEN,
        'dist/bundle.js': BROKEN,
        'ignored/x.ts': BROKEN,
        'gen/y.ts': BROKEN,
        'notes.txt': BROKEN,
      });
    });

    it('lints every JS/TS file outside ignores and publishes findings with progress', async () => {
      const client = await start();
      const result: ScanResult = await client.connection.sendRequest(
        'healthData/scanWorkspace',
        {},
      );
      assert.deepEqual(result, { files: 3, filesWithFindings: 2, findings: 2, cancelled: false });
      const published = [...client.published.entries()]
        .filter(([, params]) => params.diagnostics.length > 0)
        .map(([uri]) => uri.slice(uriOf(workspace).length + 1))
        .sort();
      assert.deepEqual(published, ['src/a.ts', 'src/nested/kept.tsx']);
      const [token] = client.createdProgressTokens;
      assert.ok(token !== undefined, 'window/workDoneProgress/create was not sent');
      const kinds = client.progress
        .filter((event) => event.token === token)
        .map((event) => event.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      assert.ok(kinds.includes('report'));
    });

    it('uses the client token for progress when one is given', async () => {
      const client = await start();
      await client.connection.sendRequest('workspace/executeCommand', {
        command: 'healthData.scanWorkspace',
        workDoneToken: 'client-token',
      });
      assert.deepEqual(client.createdProgressTokens, []);
      const kinds = client.progress
        .filter((event) => event.token === 'client-token')
        .map((event) => event.value.kind);
      assert.deepEqual([kinds[0], kinds.at(-1)], ['begin', 'end']);
    });

    it('clears findings of files fixed since the previous scan', async () => {
      const client = await start();
      await client.connection.sendRequest('healthData/scanWorkspace', {});
      writeFileSync(join(workspace, 'src/a.ts'), CLEAN);
      const cleared = client.waitForPublish(
        (params) => params.uri.endsWith('/src/a.ts') && params.diagnostics.length === 0,
      );
      await client.connection.sendRequest('healthData/scanWorkspace', {});
      await cleared;
    });

    it('stops when the request is cancelled', async () => {
      const many: Record<string, string> = {};
      for (let i = 0; i < 400; i++) many[`bulk/file${String(i).padStart(3, '0')}.ts`] = BROKEN;
      writeTree(workspace, many);
      const client = await start();
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest<ScanResult>(
        'healthData/scanWorkspace',
        {},
        source.token,
      );
      await client.waitForProgress((event) => event.value.kind === 'report');
      source.cancel();
      const result = await pending.catch(() => undefined);
      if (result) {
        assert.equal(result.cancelled, true);
        assert.ok(result.files < 403, `scanned ${result.files} files after cancellation`);
      }
      await client.waitForProgress((event) => event.value.kind === 'end');
      const uri = uriOf(join(workspace, 'still-alive.ts'));
      await client.open(uri, 'typescript', BROKEN);
      assert.equal((await client.diagnostics(uri)).length, 1);
    });

    it('stops when the user cancels the progress', async () => {
      const many: Record<string, string> = {};
      for (let i = 0; i < 400; i++) many[`bulk/file${String(i).padStart(3, '0')}.ts`] = BROKEN;
      writeTree(workspace, many);
      const client = await start();
      const pending = client.connection.sendRequest<ScanResult>('healthData/scanWorkspace', {});
      const report = await client.waitForProgress((event) => event.value.kind === 'report');
      await client.connection.sendNotification('window/workDoneProgress/cancel', {
        token: report.token,
      });
      const result = await pending;
      assert.equal(result.cancelled, true);
      assert.ok(result.files < 403);
    });
  });

  it('shuts down and exits cleanly', async () => {
    const client = await start();
    assert.equal(await client.shutdown(), 0);
  });

  it('refuses every request after shutdown with InvalidRequest, then exits with 0', async () => {
    const client = await start({ pull: true });
    const uri = uriOf(join(workspace, 'broken.ts'));
    await client.open(uri, 'typescript', BROKEN);
    const [diagnostic] = await client.diagnostics(uri);
    assert.ok(diagnostic);
    const exited = once(client.child, 'exit');
    assert.equal(await client.connection.sendRequest('shutdown'), null);
    const late: [string, unknown][] = [
      [
        'textDocument/codeAction',
        { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } },
      ],
      ['textDocument/diagnostic', { textDocument: { uri } }],
      ['workspace/executeCommand', { command: 'healthData.openRuleDocs', arguments: [uri] }],
      ['healthData/scanWorkspace', {}],
      ['shutdown', undefined],
    ];
    for (const [method, params] of late) {
      await assert.rejects(client.connection.sendRequest(method, params), { code: -32600 }, method);
    }
    await client.connection.sendNotification('exit');
    assert.deepEqual(await exited, [0, null]);
  });
});
