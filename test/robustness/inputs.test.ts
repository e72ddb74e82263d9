import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEslint, type LintJob, lintFiles } from '../../rules/src/cli/lint';
import { discoverFiles } from '../../rules/src/cli/discover';
import {
  clearConfigCache,
  findProjectConfig,
  interpretConfig,
  parseConfigText,
} from '../../rules/src/config/project-config';
import { clearProjectGraphCache, projectFiles } from '../../rules/src/model/project-graph';
import { LspTestClient } from '../helpers/lsp-client';
import {
  fatal,
  lint,
  rangeProblem,
  removeTemps,
  ROOT,
  runBuiltCli,
  seedSources,
  tempDir,
} from './support';

const VULNERABLE_LOG =
  "const patient = await db.patients.findOne();\nconsole.log('dossier', patient.nir);\n";

/** Expressions nested 10,000 levels deep, in the shapes real generated code takes. */
const DEEP = 10_000;
const DEEPLY_NESTED: Record<string, string> = {
  parentheses: `const x = ${'('.repeat(DEEP)}patient${')'.repeat(DEEP)};\n`,
  arrays: `const x = ${'['.repeat(DEEP)}${']'.repeat(DEEP)};\n`,
  objects: `const x = ${'{a:'.repeat(DEEP)}1${'}'.repeat(DEEP)};\n`,
  calls: `console.log(${'f('.repeat(DEEP)}patient.nir${')'.repeat(DEEP)});\n`,
  'binary chain': `const nir = ${'a + '.repeat(DEEP)}1;\nconsole.log(nir);\n`,
  blocks: `${'if (a) {'.repeat(DEEP)}console.log(patient.nir);${'}'.repeat(DEEP)}\n`,
  'arrow functions': `const f = ${'() => '.repeat(DEEP)}patient;\n`,
};

function assertInside(text: string, messages: ReturnType<typeof lint>): void {
  const problems = messages.map((m) => rangeProblem(text, m)).filter(Boolean);
  assert.deepEqual(problems, [], 'every message lies inside the document');
}

after(removeTemps);

describe('robustness: inputs through the rules (ESLint Linter, strict preset)', function () {
  it('lints empty, blank, comment-only and BOM-only files with no finding', function () {
    for (const text of [
      '',
      '\n',
      '   \t\n\r\n',
      '// nothing\n/* here */',
      '\uFEFF',
      '#!/usr/bin/env node\n',
    ]) {
      for (const name of ['empty.ts', 'empty.js', 'empty.tsx']) {
        assert.deepEqual(lint(text, join(ROOT, name)), [], `${JSON.stringify(text)} as ${name}`);
      }
    }
  });

  it('turns seeds cut at 16 points each into parse errors or findings, never an exception', function () {
    let cuts = 0;
    let broken = 0;
    for (const { file, text } of seedSources()) {
      for (let i = 1; i <= 16; i++) {
        const cut = text.slice(0, Math.floor((text.length * i) / 17));
        const messages = lint(cut, file);
        cuts++;
        assertInside(cut, messages);
        const errors = fatal(messages);
        assert.ok(errors.length <= 1, `${file} cut at ${cut.length}: at most one parse error`);
        if (errors.length === 1) {
          broken++;
          assert.equal(messages.length, 1, 'a file that does not parse gets only its parse error');
        }
      }
    }
    console.log(`      ${cuts} truncated seed files linted, ${broken} of them unparsable`);
    assert.ok(broken > cuts / 2, 'most cuts land inside a construct');
  });

  for (const [shape, text] of Object.entries(DEEPLY_NESTED)) {
    it(`reports 10,000 nested ${shape} as one parse error instead of overflowing the stack`, function () {
      const messages = lint(text, join(ROOT, 'deep.ts'));
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.fatal, true);
      assert.match(messages[0]!.message, /^Parsing error/);
    });
  }

  it('lints a 1 MB single line in bounded time and still finds what is on it', function () {
    const filler = Array.from({ length: 80_000 }, (_, i) => `v${i}:${i}`).join(',');
    const text = `const table = {${filler}}; console.log('dossier', patient.nir);`;
    assert.ok(text.length > 1_000_000 && !text.includes('\n'));
    const started = Date.now();
    const messages = lint(text, join(ROOT, 'one-line.js'));
    const elapsed = Date.now() - started;
    assertInside(text, messages);
    assert.deepEqual(
      messages.map((m) => m.ruleId),
      ['health-data/no-patient-data-in-logs'],
    );
    assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
  });

  it('survives NUL bytes, lone surrogates and other non-text content', function () {
    const samples = [
      '\u0000\u0001\u0002\uFFFD\uFFFE',
      `const a = '\uD800'; console.log(patient.nir, '\uDC00');\n`,
      'const \u0000 = 1;\n',
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('latin1'),
      `// ${'\u202E'}evil bidi\nconsole.log(patient.nir);\n`,
    ];
    for (const text of samples) {
      for (const name of ['bin.ts', 'bin.js']) assertInside(text, lint(text, join(ROOT, name)));
    }
  });

  it('reports the same findings with a BOM and with CRLF line ends', function () {
    const key = (m: ReturnType<typeof lint>[number]) =>
      `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;
    for (const { file, text } of seedSources().filter((s) => s.file.includes('vulnerable'))) {
      const plain = lint(text, file).map(key);
      const crlf = text.replace(/\r?\n/g, '\r\n');
      const crlfMessages = lint(crlf, file);
      assertInside(crlf, crlfMessages);
      assert.deepEqual(crlfMessages.map(key), plain, `${file} with CRLF`);
      const bomMessages = lint(`\uFEFF${text}`, file);
      assert.deepEqual(bomMessages.map(key), plain, `${file} with a BOM`);
    }
  });

  it('no-select-star-export points at the same `*` with CRLF line ends', function () {
    const text =
      'export async function exportPatients(db) {\n  const rows = await db.query(`\n    SELECT *\n    FROM patients`);\n  return rows;\n}\n';
    const at = (source: string) =>
      lint(source, join(ROOT, 'migration', 'export.ts'))
        .filter((m) => m.ruleId === 'health-data/no-select-star-export')
        .map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);
    assert.deepEqual(at(text), ['3:12-3:13']);
    assert.deepEqual(at(text.replace(/\n/g, '\r\n')), ['3:12-3:13']);
  });

  it('follows circular imports between two files without looping', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"circular"}');
    writeFileSync(
      join(dir, 'a.ts'),
      "import express from 'express';\nimport { router as b } from './b';\nexport const router = express.Router();\nrouter.use('/b', b);\nrouter.get('/patients', (req, res) => res.json(Patient.find()));\n",
    );
    writeFileSync(
      join(dir, 'b.ts'),
      "import express from 'express';\nimport { router as a } from './a';\nexport const router = express.Router();\nrouter.use('/a', a);\nconst app = express();\napp.use('/api', router);\napp.listen(3000);\n",
    );
    for (const name of ['a.ts', 'b.ts']) {
      const text = readFileSync(join(dir, name), 'utf8');
      assertInside(text, lint(text, join(dir, name), dir));
    }
  });
});

/** A project whose folders link back to themselves, to the root, and a link to itself. */
function loopedProject(dir = tempDir()): string {
  writeFileSync(join(dir, 'package.json'), '{"name":"loops"}');
  mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
  writeFileSync(join(dir, 'src', 'app.ts'), VULNERABLE_LOG);
  writeFileSync(
    join(dir, 'src', 'server.ts'),
    "import express from 'express';\nimport { r } from './deep/routes';\nconst app = express();\napp.use('/x', r);\n",
  );
  writeFileSync(
    join(dir, 'src', 'deep', 'routes.ts'),
    "import express from 'express';\nexport const r = express.Router();\nr.get('/patients', (req, res) => res.json(patient));\n",
  );
  symlinkSync(dir, join(dir, 'src', 'deep', 'to-root'), 'dir');
  symlinkSync(join(dir, 'src'), join(dir, 'src', 'deep', 'to-src'), 'dir');
  symlinkSync(join(dir, 'src', 'self'), join(dir, 'src', 'self'));
  symlinkSync(join(dir, 'src', 'app.ts'), join(dir, 'src', 'linked-app.ts'));
  return dir;
}

describe('robustness: symlink loops', function () {
  it('CLI discovery lints every real file once and does not follow folder links', function () {
    const dir = loopedProject();
    const discovery = discoverFiles(['.'], dir);
    assert.deepEqual(
      discovery.files.map((file) => file.slice(dir.length + 1)),
      ['src/app.ts', 'src/deep/routes.ts', 'src/linked-app.ts', 'src/server.ts'],
    );
  });

  it('the built CLI finishes on a looped tree', function () {
    const dir = loopedProject();
    const run = runBuiltCli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { summary: { files: number } };
    assert.equal(report.summary.files, 4);
  });

  it('cross-file resolution lists a looped project in bounded time, each real folder once', function () {
    const dir = loopedProject();
    clearProjectGraphCache();
    const files = projectFiles(dir).map((file) => file.slice(dir.length + 1));
    assert.ok(files.length <= 8, `listed ${files.length} files: ${files.join(', ')}`);
    assert.ok(files.includes('src/app.ts') && files.includes('src/deep/routes.ts'));
    const text = readFileSync(join(dir, 'src', 'server.ts'), 'utf8');
    assertInside(text, lint(text, join(dir, 'src', 'server.ts'), dir));
    const routes = readFileSync(join(dir, 'src', 'deep', 'routes.ts'), 'utf8');
    assertInside(routes, lint(routes, join(dir, 'src', 'deep', 'routes.ts'), dir));
  });
});

describe('robustness: files the CLI reads', function () {
  this.timeout(120_000);

  it('skips a 5 MB file and a 2 MB minified bundle with one message each, and lints the rest', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.ts'), VULNERABLE_LOG);
    const big = `${'// padding line of a generated file\n'.repeat(150_000)}console.log(patient.nir);\n`;
    assert.ok(big.length > 5_000_000);
    writeFileSync(join(dir, 'big.ts'), big);
    const bundle = `!function(){${Array.from({ length: 60_000 }, (_, i) => `var a${i}=function(p){return p.nir+${i}}`).join(';')}}();`;
    assert.ok(bundle.length > 2_000_000 && !bundle.includes('\n'));
    writeFileSync(join(dir, 'vendor.min.js'), bundle);
    const run = runBuiltCli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      summary: { files: number; skipped: number };
      findings: { file: string }[];
    };
    assert.equal(report.summary.files, 1);
    assert.equal(report.summary.skipped, 2);
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['app.ts']);
    const skipLines = run.stderr.split('\n').filter((line) => line.includes('skipped'));
    assert.equal(skipLines.length, 2, run.stderr);
    assert.match(skipLines.join('\n'), /big\.ts: larger than 1024 KB \(maxFileSizeKb\)/);
    assert.match(skipLines.join('\n'), /vendor\.min\.js: larger than 1024 KB/);
  });

  it('reports deep nesting, binary, non-UTF-8 and UTF-16 files as parse errors, never crashes', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.ts'), DEEPLY_NESTED.parentheses!);
    writeFileSync(
      join(dir, 'binary.js'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    );
    writeFileSync(
      join(dir, 'latin1.js'),
      Buffer.from("const pr\xe9nom = 'Ren\xe9e';\nconsole.log(pr\xe9nom);\n", 'latin1'),
    );
    writeFileSync(
      join(dir, 'utf16.ts'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VULNERABLE_LOG, 'utf16le')]),
    );
    writeFileSync(join(dir, 'bom.ts'), `\uFEFF${VULNERABLE_LOG}`);
    writeFileSync(join(dir, 'crlf.ts'), VULNERABLE_LOG.replace(/\n/g, '\r\n'));
    writeFileSync(join(dir, 'empty.ts'), '');
    const run = runBuiltCli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /internal error/);
    const report = JSON.parse(run.stdout) as {
      summary: { files: number };
      findings: { file: string; ruleId: string; line: number }[];
    };
    assert.equal(report.summary.files, 7);
    const byFile = (file: string) =>
      report.findings.filter((f) => f.file === file).map((f) => `${f.ruleId}@${f.line}`);
    assert.deepEqual(byFile('deep.ts'), ['health-data-lint/parse-error@1']);
    assert.deepEqual(byFile('utf16.ts'), ['health-data-lint/parse-error@1']);
    assert.deepEqual(byFile('bom.ts'), ['health-data/no-patient-data-in-logs@2']);
    assert.deepEqual(byFile('crlf.ts'), ['health-data/no-patient-data-in-logs@2']);
    assert.deepEqual(byFile('empty.ts'), []);
  });

  it('lints the remaining files when one vanishes between discovery and reading', async function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'kept.ts'), VULNERABLE_LOG);
    writeFileSync(join(dir, 'gone.ts'), VULNERABLE_LOG);
    const discovery = discoverFiles(['.'], dir);
    assert.equal(discovery.files.length, 2);
    unlinkSync(join(dir, 'gone.ts'));
    const job: LintJob = {
      root: dir,
      preset: 'strict',
      configFiles: [],
      useEslintConfig: false,
      today: '2026-01-01',
    };
    const reports = await lintFiles(createEslint(job), job, discovery.files);
    assert.deepEqual(
      reports.map((report) => [report.file, report.findings.map((f) => f.ruleId)]),
      [['kept.ts', ['health-data/no-patient-data-in-logs']]],
    );
  });
});

describe('robustness: hostile configuration files', function () {
  const file = '/project/healthdata.config.json';
  const keys = (text: string) =>
    parseConfigText(text, file).problems.map((p) => `${p.file}#${p.key}`);

  afterEach(function () {
    // Whatever a test did, the prototype every object shares must be untouched.
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_KEYS);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).identity, undefined);
    clearConfigCache();
  });
  const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

  it('refuses a huge file with one problem naming it', function () {
    const huge = JSON.stringify({
      vocabulary: { identity: Array.from({ length: 40_000 }, (_, i) => `champ_${i}`) },
    });
    assert.ok(huge.length > 256 * 1024);
    assert.deepEqual(keys(huge), [`${file}#(root)`]);
    assert.match(parseConfigText(huge, file).problems[0]!.message, /larger than/);
  });

  it('survives nesting deeper than the JSON parser and the validator can walk', function () {
    for (const depth of [1000, 100_000]) {
      const arrays = `{"vocabulary":{"identity":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      const objects = `{"auth":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      for (const text of [arrays, objects, `${'['.repeat(depth)}${']'.repeat(depth)}`]) {
        if (text.length > 256 * 1024) continue;
        const loaded = parseConfigText(text, file);
        assert.ok(loaded.problems.length >= 1, `depth ${depth}: ${text.slice(0, 30)}`);
        assert.ok(loaded.problems.every((p) => p.file === file && p.key.length > 0));
        assert.deepEqual(loaded.config.vocabulary.identity, []);
      }
    }
  });

  it('names file and key of every value of the wrong type and keeps the valid ones', function () {
    const loaded = parseConfigText(
      JSON.stringify({
        maxFileSizeKb: 'huge',
        ignores: 'dist',
        vocabulary: { identity: 'nom', health: ['statut_vih'], nationalId: [1, 2] },
        auth: { middleware: { requireAuth: true } },
        contexts: null,
      }),
      file,
    );
    assert.deepEqual(
      loaded.problems.map((p) => p.key).sort(),
      [
        'auth.middleware',
        'contexts',
        'ignores',
        'maxFileSizeKb',
        'vocabulary.identity',
        'vocabulary.nationalId.0',
        'vocabulary.nationalId.1',
      ].sort(),
    );
    assert.ok(loaded.problems.every((p) => p.file === file));
    assert.deepEqual(loaded.config.vocabulary.health, ['statut_vih']);
    assert.equal(loaded.config.maxFileSizeKb, 1024);
  });

  it('treats __proto__, constructor and prototype keys as unknown keys, never as prototypes', function () {
    const text = `{
      "__proto__": { "polluted": true, "identity": ["x"] },
      "constructor": { "prototype": { "polluted": true } },
      "prototype": { "polluted": true },
      "vocabulary": { "__proto__": { "polluted": true }, "identity": ["nom"], "constructor": ["x"] },
      "auth": { "fix": { "name": "requireAuth", "__proto__": { "polluted": true } } }
    }`;
    const loaded = parseConfigText(text, file);
    const problemKeys = loaded.problems.map((p) => p.key);
    for (const key of [
      '__proto__',
      'constructor',
      'prototype',
      'vocabulary.__proto__',
      'vocabulary.constructor',
    ])
      assert.ok(problemKeys.includes(key), `${key} is named in ${problemKeys.join(', ')}`);
    assert.ok(loaded.problems.every((p) => p.file === file));
    assert.deepEqual(loaded.config.vocabulary.identity, ['nom']);
    assert.equal(Object.getPrototypeOf(loaded.config), Object.prototype);
    assert.equal((loaded.config as unknown as Record<string, unknown>).polluted, undefined);

    const fromSettings = interpretConfig(JSON.parse(text), 'settings.healthData');
    assert.ok(fromSettings.problems.some((p) => p.key === '__proto__'));
  });

  it('reports a hostile file on disk through the CLI with its path and key, exit 2', function () {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'healthdata.config.json'),
      '{"__proto__":{"polluted":true},"maxFileSizeKb":"x"}',
    );
    writeFileSync(join(dir, 'app.ts'), VULNERABLE_LOG);
    const loaded = findProjectConfig(join(dir, 'app.ts'));
    assert.deepEqual(loaded.problems.map((p) => p.key).sort(), ['__proto__', 'maxFileSizeKb']);
    const run = runBuiltCli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 2);
    const configPath = join(dir, 'healthdata.config.json');
    assert.ok(run.stderr.includes(`${configPath}:1:2: "__proto__" is not a known key`), run.stderr);
    assert.ok(run.stderr.includes(`${configPath}:1:32: "maxFileSizeKb"`), run.stderr);
  });

  it('reports a binary config, passes over a folder or a link loop named like it, and carries on', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'healthdata.config.json'), Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x00]));
    writeFileSync(join(dir, 'app.ts'), VULNERABLE_LOG);
    mkdirSync(join(dir, 'a', 'healthdata.config.json'), { recursive: true });
    mkdirSync(join(dir, 'b'));
    symlinkSync(join(dir, 'b', 'healthdata.config.json'), join(dir, 'b', 'healthdata.config.json'));
    for (const sub of ['a', 'b']) {
      assert.equal(
        findProjectConfig(join(dir, sub, 'x.ts')).file,
        join(dir, 'healthdata.config.json'),
      );
    }
    const run = runBuiltCli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /healthdata\.config\.json:1:1: "\(root\)" is not valid JSON/);
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    assert.equal(report.findings.length, 1, 'the file is still linted with the defaults');
  });
});

describe('robustness: inputs through the language server', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let dir: string;

  before(async function () {
    dir = tempDir();
    client = await LspTestClient.start({ workspaceFolders: [dir] });
  });
  after(async function () {
    if (client) await client.shutdown();
  });

  const uri = (name: string) => pathToFileURL(join(dir, name)).href;

  it('gives one informational diagnostic for a 5 MB document', async function () {
    const text = `${'// generated\n'.repeat(400_000)}console.log(patient.nir);\n`;
    await client.open(uri('big.ts'), 'typescript', text);
    const diagnostics = await client.diagnostics(uri('big.ts'));
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, 3);
    assert.match(
      String(diagnostics[0]!.message),
      /skipped this file: \d+ KB is above the 1024 KB limit/,
    );
  });

  it('publishes a parse error with a real range for 10,000 nested parentheses', async function () {
    await client.open(uri('deep.ts'), 'typescript', DEEPLY_NESTED.parentheses!);
    const diagnostics = await client.diagnostics(uri('deep.ts'));
    assert.equal(diagnostics.length, 1);
    // No position from ESLint: the diagnostic covers the first line, where the editor shows it.
    const firstLine = DEEPLY_NESTED.parentheses!.indexOf('\n');
    assert.deepEqual(diagnostics[0]!.range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: firstLine },
    });
  });

  it('keeps serving a document through half-typed states, binary content and CRLF', async function () {
    const name = uri('typing.ts');
    await client.open(name, 'typescript', '');
    for (let i = 1; i <= VULNERABLE_LOG.length; i += 7) {
      await client.change(name, [{ text: VULNERABLE_LOG.slice(0, i) }]);
    }
    await client.change(name, [{ text: '\u0000\uFFFD\uD800 binary' }]);
    // A version that stays broken long enough to be linted gets exactly one parse error.
    const broken = await client.diagnostics(name);
    assert.equal(broken.length, 1, JSON.stringify(broken));
    assert.match(String(broken[0]!.message), /Parsing error/);
    await client.change(name, [{ text: VULNERABLE_LOG.replace(/\n/g, '\r\n') }]);
    const diagnostics = await client.diagnostics(name);
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
      ['health-data/no-patient-data-in-logs@1'],
    );
  });

  it('scans a workspace with symbolic-link loops to the end', async function () {
    loopedProject(dir);
    const result = (await client.connection.sendRequest('healthData/scanWorkspace', {})) as {
      files: number;
      cancelled: boolean;
    };
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 3 && result.files <= 8, JSON.stringify(result));
  });

  it('lints a document whose file was deleted from disk', async function () {
    const path = join(dir, 'deleted.ts');
    writeFileSync(path, VULNERABLE_LOG);
    await client.open(pathToFileURL(path).href, 'typescript', VULNERABLE_LOG);
    rmSync(path);
    assert.equal(existsSync(path), false);
    await client.change(pathToFileURL(path).href, [{ text: `${VULNERABLE_LOG}\n` }]);
    const diagnostics = await client.diagnostics(pathToFileURL(path).href);
    assert.equal(diagnostics.length, 1);
  });
});
