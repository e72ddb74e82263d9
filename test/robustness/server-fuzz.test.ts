import fc from 'fast-check';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RawLspClient } from './raw-lsp-client';
import { removeTemps, runs, SNIPPETS, tempDir } from './support';

/**
 * The language server under random and malformed JSON-RPC traffic: invalid JSON, wrong types,
 * unknown methods, stale versions, out-of-range edits. Frames themselves are always well delimited: a corrupt Content-Length desynchronises any
 * stream-based protocol for good, which is a transport failure, not something a server can heal.
 */

const URIS = ['a.ts', 'b.js', 'c.tsx', 'missing/d.ts'];
const texts = fc.oneof(
  fc.constantFrom(...SNIPPETS),
  fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 4 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const anyJson = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
const position = fc.record({
  line: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer()),
  character: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer()),
});
const range = fc.record({ start: position, end: position });

/** A frame body: a valid LSP message with odd but typed params, or something malformed. */
function frames(folder: string): fc.Arbitrary<unknown> {
  const uri = fc.oneof(
    fc.constantFrom(...URIS).map((name) => pathToFileURL(join(folder, name)).href),
    fc.constantFrom('untitled:Untitled-1', 'file:///', 'not a uri', '', 'file:///%E0%A4%A'),
  );
  const textDocument = fc.record({ uri, version: fc.integer({ min: -1, max: 1000 }) });
  const id = fc.oneof(fc.integer({ min: 1_000_000 }), fc.string({ maxLength: 6 }));
  const notification = (method: string, params: fc.Arbitrary<unknown>) =>
    fc.record({ jsonrpc: fc.constant('2.0'), method: fc.constant(method), params });
  const request = (method: string, params: fc.Arbitrary<unknown>) =>
    fc.record({ jsonrpc: fc.constant('2.0'), id, method: fc.constant(method), params });
  const valid = fc.oneof(
    notification(
      'textDocument/didOpen',
      fc.record({
        textDocument: fc.record({
          uri,
          languageId: fc.constantFrom('typescript', 'javascript', 'typescriptreact', 'json', ''),
          version: fc.integer({ min: 0, max: 1000 }),
          text: texts,
        }),
      }),
    ),
    notification(
      'textDocument/didChange',
      fc.record({
        textDocument,
        contentChanges: fc.array(
          fc.oneof(fc.record({ text: texts }), fc.record({ range, text: texts })),
          { maxLength: 3 },
        ),
      }),
    ),
    notification('textDocument/didClose', fc.record({ textDocument: fc.record({ uri }) })),
    notification('textDocument/didSave', fc.record({ textDocument: fc.record({ uri }) })),
    notification(
      'workspace/didChangeConfiguration',
      fc.record({
        settings: fc.record({
          healthData: fc.oneof(
            anyJson,
            fc.record({
              preset: fc.constantFrom('strict', 'recommended', 'none', 42),
              maxFileSizeKb: fc.oneof(fc.integer(), fc.constant(0), fc.double()),
              rules: fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 3 }),
            }),
          ),
        }),
      }),
    ),
    notification(
      'workspace/didChangeWatchedFiles',
      fc.record({
        changes: fc.array(
          fc.record({
            uri: fc.constant(pathToFileURL(join(folder, 'healthdata.config.json')).href),
            type: fc.integer({ min: 1, max: 3 }),
          }),
          { maxLength: 2 },
        ),
      }),
    ),
    request(
      'textDocument/codeAction',
      fc.record({
        textDocument: fc.record({ uri }),
        range,
        context: fc.record({
          diagnostics: fc.array(
            fc.record({ range, message: fc.string(), code: fc.string(), data: anyJson }),
            { maxLength: 2 },
          ),
          only: fc.option(fc.array(fc.constantFrom('quickfix', 'source.fixAll', 'source', 'x'))),
        }),
      }),
    ),
    request('textDocument/diagnostic', fc.record({ textDocument: fc.record({ uri }) })),
    request(
      'workspace/executeCommand',
      fc.record({
        command: fc.constantFrom(
          'healthData.fixAll',
          'healthData.openRuleDocs',
          'healthData.scanWorkspace',
          'rm -rf',
        ),
        arguments: fc.array(fc.oneof(uri, anyJson), { maxLength: 2 }),
      }),
    ),
    request('healthData/scanWorkspace', fc.constant({})),
    notification('$/cancelRequest', fc.record({ id })),
    notification('$/setTrace', fc.record({ value: fc.constantFrom('off', 'verbose', 'bogus') })),
  );
  const malformed = fc.oneof(
    fc.constantFrom(
      '{"jsonrpc":"2.0","method":',
      'not json',
      '',
      'null',
      '[]',
      '42',
      '"text"',
      '{}',
      '\u0000',
    ),
    fc.record({
      jsonrpc: fc.constant('2.0'),
      id,
      method: fc.string({ maxLength: 20 }),
      params: anyJson,
    }),
    fc.record({
      jsonrpc: fc.constant('2.0'),
      method: fc.string({ maxLength: 20 }),
      params: anyJson,
    }),
    fc.record({
      jsonrpc: fc.constantFrom('1.0', '3', undefined),
      id: fc.oneof(id, fc.constant(null), anyJson),
      method: fc.constantFrom(
        'textDocument/didOpen',
        'textDocument/codeAction',
        'initialize',
        'textDocument/didChange',
      ),
      params: anyJson,
    }),
    fc.record({ jsonrpc: fc.constant('2.0'), id, result: anyJson }),
    fc.record({
      jsonrpc: fc.constant('2.0'),
      method: fc.constantFrom(
        'textDocument/didOpen',
        'textDocument/didChange',
        'textDocument/didClose',
        'workspace/didChangeConfiguration',
      ),
      params: anyJson,
    }),
  );
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: malformed, weight: 2 });
}

const VULNERABLE =
  "const patient = await db.patients.findOne();\nconsole.log('dossier', patient.nir);\n";

let probe = 0;
/** A normal document still gets its finding, and a request still gets its answer. */
async function assertServing(client: RawLspClient, folder: string): Promise<void> {
  assert.ok(client.alive, `server exited; stderr:\n${client.stderr.join('')}`);
  // Settings may have been fuzzed into anything; restore the defaults like a user would.
  client.notify('workspace/didChangeConfiguration', { settings: { healthData: {} } });
  const uri = pathToFileURL(join(folder, `probe-${++probe}.ts`)).href;
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'typescript', version: 1, text: VULNERABLE },
  });
  const diagnostics = (await client.diagnosticsFor(uri, 1, (d) => d.length > 0)) as {
    code?: string;
  }[];
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['health-data/no-patient-data-in-logs'],
  );
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
    context: { diagnostics: [] },
  });
  assert.ok(Array.isArray(actions.result), JSON.stringify(actions));
}

async function assertOrderlyShutdown(client: RawLspClient): Promise<void> {
  const answer = await client.request('shutdown', null);
  assert.equal(answer.result, null);
  client.notify('exit', null);
  assert.equal(await client.exited, 0);
}

after(removeTemps);

describe('robustness: the language server under random LSP traffic', function () {
  this.timeout(180_000);

  it('keeps serving after random batches of valid and malformed messages (fast-check)', async function () {
    const folder = tempDir();
    writeFileSync(join(folder, 'a.ts'), VULNERABLE);
    const client = new RawLspClient(folder);
    try {
      await client.initialize();
      let batches = 0;
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(frames(folder), { minLength: 5, maxLength: 60 }),
          async (batch) => {
            batches++;
            for (const frame of batch) client.send(frame);
            sent += batch.length;
            await assertServing(client, folder);
          },
        ),
        { numRuns: runs(25) },
      );
      console.log(`      property "server keeps serving": ${batches} batches, ${sent} messages`);
      assert.deepEqual(client.escaped, [], 'no error reached the last line of defence');
      await assertOrderlyShutdown(client);
    } finally {
      if (client.alive) client.child.kill();
    }
  });

  it('survives 10,000 random requests and notifications, then lints a normal document', async function () {
    const folder = tempDir();
    const client = new RawLspClient(folder);
    try {
      await client.initialize();
      const count = runs(10_000);
      const messages = fc.sample(frames(folder), { numRuns: count, seed: 20210223 });
      const started = Date.now();
      for (const frame of messages) client.send(frame);
      await assertServing(client, folder);
      console.log(
        `      ${messages.length} random messages answered or absorbed in ${Date.now() - started} ms`,
      );
      assert.deepEqual(client.escaped, [], 'no error reached the last line of defence');
      await assertOrderlyShutdown(client);
    } finally {
      if (client.alive) client.child.kill();
    }
  });

  it('refuses requests that arrive after shutdown and exits with 0', async function () {
    const client = new RawLspClient(tempDir());
    try {
      await client.initialize();
      assert.equal((await client.request('shutdown', null)).result, null);
      const late = await client.request('textDocument/codeAction', {
        textDocument: { uri: 'file:///x.ts' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      });
      client.notify('exit', null);
      assert.equal(await client.exited, 0);
      // LSP 3.17 `shutdown`: later requests fail with InvalidRequest.
      assert.equal(late.error?.code, -32600);
    } finally {
      if (client.alive) client.child.kill();
    }
  });
});
