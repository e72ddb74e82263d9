import fc from 'fast-check';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  fatal,
  linterFor,
  rangeProblem,
  ROOT,
  runs,
  SNIPPETS,
  type SourceFile,
  seedSources,
  STRICT,
} from './support';

/**
 * Property-based tests of the whole rule catalog through ESLint's Linter: seed files and snippets
 * mutated the way half-typed code looks (tokens deleted, duplicated, inserted; stray characters),
 * and random assemblies of snippets. `npm run fuzz` multiplies the run counts (FUZZ_RUNS).
 */

const SOURCES: SourceFile[] = [
  ...seedSources(),
  ...SNIPPETS.map((text, i) => ({
    file: join(ROOT, 'fuzz', `snippet-${i}.${text.includes('<div>') ? 'tsx' : 'ts'}`),
    text,
  })),
];

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '.',
  '=>',
  '=',
  '`',
  '${',
  "'",
  '"',
  '/*',
  '*/',
  '//',
  '\n',
  '\r\n',
  '\u2028',
  '\\',
  '?.',
  '...',
  '<div>',
  '</div>',
  ' as any',
  'async ',
  'await ',
  'function ',
  'class X ',
  'return ',
  'export ',
  'import x from "./x";',
  'require("./db")',
  'patient',
  'patient.nir',
  '.statutVih',
  'dossier',
  "'SELECT * FROM patients'",
  "'http://lab.example.org'",
  "password: 'admin'",
  'console.log(',
  'fs.writeFileSync(',
  "app.get('/p', ",
  'express.static(',
  "createHash('md5').update(",
  "'284057512345678'",
  'finally {}',
  'try {',
  '@Controller()',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: position,
    length: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: position,
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.constantFrom(...TOKENS),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
  }),
);

function applyMutation(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return (
        text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length)
      );
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
  }
}

interface Case {
  file: string;
  text: string;
}

const mutatedSource: fc.Arbitrary<Case> = fc
  .record({
    source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  })
  .map(({ source, mutations }) => {
    const { file, text } = SOURCES[source]!;
    return { file, text: mutations.reduce(applyMutation, text) };
  });

const assembledSource: fc.Arbitrary<Case> = fc
  .record({
    parts: fc.array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.constantFrom(...TOKENS)), {
      maxLength: 25,
    }),
    extension: fc.constantFrom('ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx'),
  })
  .map(({ parts, extension }) => ({
    file: join(ROOT, 'fuzz', `generated.${extension}`),
    text: parts.join(''),
  }));

type LineEdit =
  | { kind: 'drop-line'; at: number }
  | { kind: 'repeat-line'; at: number }
  | { kind: 'add-snippet'; at: number; snippet: string };

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constant('drop-line' as const), at: position }),
  fc.record({ kind: fc.constant('repeat-line' as const), at: position }),
  fc.record({
    kind: fc.constant('add-snippet' as const),
    at: position,
    snippet: fc.constantFrom(...SNIPPETS),
  }),
);

/** Whole-line edits: most results still parse, so fixes and suggestions get exercised. */
function applyLineEdit(text: string, edit: LineEdit): string {
  const lines = text.split('\n');
  const at = Math.floor(edit.at * lines.length);
  if (edit.kind === 'drop-line') lines.splice(at, 1);
  else if (edit.kind === 'repeat-line') lines.splice(at, 0, lines[at] ?? '');
  else lines.splice(at, 0, edit.snippet.trimEnd());
  return lines.join('\n');
}

const lineEditedSource: fc.Arbitrary<Case> = fc
  .record({
    source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
    edits: fc.array(lineEdit, { minLength: 0, maxLength: 4 }),
  })
  .map(({ source, edits }) => {
    const { file, text } = SOURCES[source]!;
    return { file, text: edits.reduce(applyLineEdit, text) };
  });

const anySource = fc.oneof(
  { arbitrary: mutatedSource, weight: 3 },
  { arbitrary: lineEditedSource, weight: 2 },
  { arbitrary: assembledSource, weight: 1 },
);

/** A hang detector, not a benchmark: far above any real lint time, proportional to size. */
const timeBoundMs = (text: string) => 5000 + text.length / 100;

function verify(c: Case) {
  return linterFor().verify(c.text, STRICT, { filename: c.file });
}

function parses(c: Case): boolean {
  return fatal(verify(c)).length === 0;
}

describe('robustness: fuzzing the rules (fast-check)', function () {
  this.timeout(300_000);

  it('never throws, ends in time and keeps every location inside the document', function () {
    let runsDone = 0;
    let unparsable = 0;
    let findings = 0;
    fc.assert(
      fc.property(anySource, (c) => {
        runsDone++;
        const started = Date.now();
        // A rule that throws makes verify throw: fast-check then reports the input.
        const messages = verify(c);
        const elapsed = Date.now() - started;
        assert.ok(
          elapsed < timeBoundMs(c.text),
          `${c.file}: ${elapsed} ms for ${c.text.length} chars`,
        );
        if (fatal(messages).length > 0) unparsable++;
        findings += messages.filter((m) => !m.fatal).length;
        const problems = messages.map((m) => rangeProblem(c.text, m)).filter(Boolean);
        assert.deepEqual(problems, [], c.file);
      }),
      { numRuns: runs(400) },
    );
    console.log(
      `      property "no exception, bounded time, ranges inside": ${runsDone} cases (${unparsable} unparsable, ${findings} findings)`,
    );
  });

  it('applies fixes and suggestions to parsing documents into documents that still parse; fixing twice changes nothing', function () {
    let runsDone = 0;
    let parsing = 0;
    let fixed = 0;
    let suggestions = 0;
    fc.assert(
      fc.property(fc.oneof(lineEditedSource, assembledSource), (c) => {
        runsDone++;
        const messages = verify(c);
        if (fatal(messages).length > 0) return;
        parsing++;
        const first = linterFor().verifyAndFix(c.text, STRICT, { filename: c.file });
        if (first.fixed) {
          fixed++;
          assert.ok(parses({ ...c, text: first.output }), `fixes broke ${c.file}`);
        }
        const second = linterFor().verifyAndFix(first.output, STRICT, { filename: c.file });
        assert.equal(second.output, first.output, `a second fix pass changed ${c.file}`);
        for (const message of messages) {
          for (const suggestion of message.suggestions ?? []) {
            suggestions++;
            const [start, end] = suggestion.fix.range;
            const text = c.text.slice(0, start) + suggestion.fix.text + c.text.slice(end);
            assert.ok(
              parses({ ...c, text }),
              `suggestion "${suggestion.desc}" of ${message.ruleId} broke ${c.file}:\n${text}`,
            );
          }
        }
      }),
      { numRuns: runs(200) },
    );
    console.log(
      `      property "fixes keep parsing, idempotent": ${runsDone} cases (${parsing} parsed, ${fixed} fixed, ${suggestions} suggestions applied)`,
    );
  });
});
