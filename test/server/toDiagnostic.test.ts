import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage } from '../../server/src/lintEngine';
import { SOURCE, toDiagnostic, toRange, tooLargeDiagnostic } from '../../server/src/toDiagnostic';

const text = 'const rows = await db.query("SELECT * FROM patients");\nexport { rows };\n';
const document = TextDocument.create('file:///project/export.ts', 'typescript', 7, text);
const docsUrl = (ruleId: string) => `https://docs.example/${ruleId}.md`;

function message(overrides: Partial<LintMessage> = {}): LintMessage {
  return {
    ruleId: 'health-data/no-select-star-export',
    severity: 2,
    message: 'SELECT * exports every patient column.',
    line: 1,
    column: 29,
    endLine: 1,
    endColumn: 53,
    nodeType: 'Literal',
    ...overrides,
  } as LintMessage;
}

describe('toDiagnostic', () => {
  it('maps 1-based ESLint positions to 0-based LSP ranges', () => {
    assert.deepEqual(toRange(message()), {
      start: { line: 0, character: 28 },
      end: { line: 0, character: 52 },
    });
  });

  it('uses a zero-width range at the start when ESLint gives no end', () => {
    const range = toRange(
      message({ line: 2, column: 3, endLine: undefined, endColumn: undefined }),
    );
    assert.deepEqual(range, { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } });
  });

  it('puts a parse error without a position on the first line instead of NaN', () => {
    // ESLint's report for 10,000 nested parentheses: fatal, no line, no column.
    const overflow = {
      ruleId: null,
      fatal: true,
      severity: 2,
      message: 'Parsing error: Maximum call stack size exceeded',
    } as unknown as LintMessage;
    const expected = { start: { line: 0, character: 0 }, end: { line: 0, character: 54 } };
    assert.deepEqual(toDiagnostic(overflow, 0, document, { docsUrl }).range, expected);
    assert.deepEqual(toRange(overflow, document), expected);
    assert.deepEqual(toRange(overflow), {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
    const oneLine = TextDocument.create('file:///project/one.ts', 'typescript', 1, 'let a = ((');
    assert.deepEqual(toRange(overflow, oneLine).end, { line: 0, character: 10 });
    const crlf = TextDocument.create('file:///project/crlf.ts', 'typescript', 1, 'let a;\r\nb');
    assert.deepEqual(toRange(overflow, crlf).end, { line: 0, character: 6 });
    const nan = { ...overflow, line: Number.NaN, column: Number.NaN } as LintMessage;
    assert.deepEqual(toRange(nan, document), expected);
  });

  it('never ends a range before it starts', () => {
    const range = toRange(message({ line: 3, column: 5, endLine: 2, endColumn: 1 }));
    assert.deepEqual(range, { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } });
  });

  it('names the rule, links its docs and keeps ESLint severity', () => {
    const error = toDiagnostic(message(), 0, document, { docsUrl });
    assert.equal(error.source, SOURCE);
    assert.equal(error.code, 'health-data/no-select-star-export');
    assert.deepEqual(error.codeDescription, {
      href: 'https://docs.example/health-data/no-select-star-export.md',
    });
    assert.equal(error.severity, DiagnosticSeverity.Error);
    assert.equal(error.message, 'SELECT * exports every patient column.');
    const warning = toDiagnostic(message({ severity: 1 }), 0, document, { docsUrl });
    assert.equal(warning.severity, DiagnosticSeverity.Warning);
  });

  it('records the version, index and fix availability for code actions', () => {
    const diagnostic = toDiagnostic(
      message({ fix: { range: [28, 52], text: '"SELECT id FROM patients"' } }),
      3,
      document,
      { docsUrl },
    );
    assert.deepEqual(diagnostic.data, { version: 7, index: 3, fixable: true, suggestions: 0 });
  });

  it('lists each suggestion as related information at the text it would change', () => {
    const diagnostic = toDiagnostic(
      message({
        suggestions: [
          {
            desc: 'Select only the columns the export needs',
            fix: { range: [29, 37], text: 'id' },
          },
        ],
      }),
      0,
      document,
      { docsUrl },
    );
    assert.deepEqual(diagnostic.relatedInformation, [
      {
        location: {
          uri: document.uri,
          range: { start: { line: 0, character: 29 }, end: { line: 0, character: 37 } },
        },
        message: 'Suggestion: Select only the columns the export needs',
      },
    ]);
  });

  it('adds the related locations the hook supplies (provenance path, mount sites)', () => {
    const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } };
    const diagnostic = toDiagnostic(message(), 0, document, {
      docsUrl,
      relatedLocations: () => [{ uri: 'file:///project/app.ts', range, message: 'mounted here' }],
    });
    assert.deepEqual(diagnostic.relatedInformation, [
      { location: { uri: 'file:///project/app.ts', range }, message: 'mounted here' },
    ]);
  });

  it('maps a parse error to a diagnostic without a rule code', () => {
    const diagnostic = toDiagnostic(
      message({
        ruleId: null,
        fatal: true,
        message: 'Parsing error: Expression expected.',
        endLine: undefined,
        endColumn: undefined,
      }),
      0,
      document,
      { docsUrl },
    );
    assert.equal(diagnostic.code, undefined);
    assert.equal(diagnostic.codeDescription, undefined);
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostic.message, 'Parsing error: Expression expected.');
  });

  it('explains a skipped large file with one Information diagnostic naming the limit', () => {
    const diagnostic = tooLargeDiagnostic(2048.4, 1024);
    assert.equal(diagnostic.severity, DiagnosticSeverity.Information);
    assert.match(String(diagnostic.message), /2049 KB is above the 1024 KB limit/);
  });
});
