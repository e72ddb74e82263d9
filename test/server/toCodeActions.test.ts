import assert from 'node:assert/strict';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage } from '../../server/src/lintEngine';
import {
  FIX_ALL_KIND,
  type LintSnapshot,
  disableLineEdit,
  minimalEdit,
  toCodeActions,
} from '../../server/src/toCodeActions';
import { toDiagnostic } from '../../server/src/toDiagnostic';

const text = [
  'export async function exportPatients(db) {',
  '  const rows = await db.query("SELECT * FROM patients");',
  '  localStorage.setItem("dossier", JSON.stringify(rows));',
  '}',
  '',
].join('\n');
const document = TextDocument.create('file:///project/export.js', 'javascript', 4, text);
const docsUrl = (ruleId: string) =>
  `https://docs.example/${ruleId.slice('health-data/'.length)}.md`;
const star = text.indexOf('*');

const messages: LintMessage[] = [
  {
    ruleId: 'health-data/no-select-star-export',
    severity: 2,
    message: 'SELECT * in an export',
    line: 2,
    column: 29,
    endLine: 2,
    endColumn: 54,
    fix: { range: [star, star + 1], text: 'id, nom' },
    suggestions: [{ desc: 'Select only id', fix: { range: [star, star + 1], text: 'id' } }],
  } as LintMessage,
  {
    ruleId: 'health-data/no-unencrypted-write',
    severity: 1,
    message: 'Patient data written to browser storage in clear',
    line: 3,
    column: 3,
    endLine: 3,
    endColumn: 56,
  } as LintMessage,
];

function snapshot(): LintSnapshot {
  return {
    document,
    messages,
    diagnostics: messages.map((message, index) =>
      toDiagnostic(message, index, document, { docsUrl }),
    ),
  };
}

function apply(action: CodeAction): string {
  const [change] = action.edit!.documentChanges! as TextDocumentEdit[];
  assert.deepEqual(change!.textDocument, { uri: document.uri, version: 4 });
  return TextDocument.applyEdits(document, change!.edits as TextEdit[]);
}

describe('toCodeActions', () => {
  it('offers the fix (preferred), each suggestion, the disable comment and the docs', () => {
    const lint = snapshot();
    const actions = toCodeActions(lint, {
      range: lint.diagnostics[0]!.range,
      diagnostics: [lint.diagnostics[0]!],
      docsUrl,
    });
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred ?? false]),
      [
        ['Fix this health-data/no-select-star-export problem', 'quickfix', true],
        ['Select only id', 'quickfix', false],
        [
          'Disable health-data/no-select-star-export for this line — with justification',
          'quickfix',
          false,
        ],
        ['Show documentation for health-data/no-select-star-export', 'quickfix', false],
      ],
    );
    assert.match(apply(actions[0]!), /SELECT id, nom FROM patients/);
    assert.match(apply(actions[1]!), /SELECT id FROM patients/);
    assert.deepEqual(actions[3]!.command, {
      title: 'Show documentation for health-data/no-select-star-export',
      command: 'healthData.openRuleDocs',
      arguments: ['https://docs.example/no-select-star-export.md'],
    });
  });

  it('inserts a justified disable comment above the line, at its indentation', () => {
    const lint = snapshot();
    const [disable] = toCodeActions(lint, {
      range: lint.diagnostics[1]!.range,
      diagnostics: [lint.diagnostics[1]!],
      docsUrl,
    });
    assert.equal(
      disable!.title,
      'Disable health-data/no-unencrypted-write for this line — with justification',
    );
    assert.equal(
      apply(disable!).split('\n')[2],
      '  // eslint-disable-next-line health-data/no-unencrypted-write -- ',
    );
    assert.equal(apply(disable!).split('\n')[3], text.split('\n')[2]);
  });

  it('leaves the cursor after "-- " when the client applies snippet edits', () => {
    const lint = snapshot();
    const [disable] = toCodeActions(lint, {
      range: lint.diagnostics[1]!.range,
      diagnostics: [lint.diagnostics[1]!],
      docsUrl,
      snippetEdits: true,
    });
    const [change] = disable!.edit!.documentChanges! as TextDocumentEdit[];
    assert.deepEqual(change!.edits, [
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        snippet: {
          kind: 'snippet',
          value: '  // eslint-disable-next-line health-data/no-unencrypted-write -- $0\n',
        },
      },
    ]);
  });

  it('keeps CRLF line endings in the disable comment', () => {
    const crlf = TextDocument.create('file:///x.ts', 'typescript', 1, '\tfoo();\r\nbar();\r\n');
    const edit = disableLineEdit(crlf, 0, 'health-data/no-patient-data-in-logs');
    assert.equal(
      edit.newText,
      '\t// eslint-disable-next-line health-data/no-patient-data-in-logs -- \r\n',
    );
  });

  it('adds the rule to a disable comment already above the line, keeping its reason', () => {
    const source = [
      'function f() {',
      '  // eslint-disable-next-line health-data/no-patient-data-in-logs -- audited sink',
      '  log(patient);',
      '}',
    ].join('\n');
    const withComment = TextDocument.create('file:///y.ts', 'typescript', 2, source);
    const edit = disableLineEdit(withComment, 2, 'health-data/no-unencrypted-write');
    assert.equal(
      TextDocument.applyEdits(withComment, [edit]).split('\n')[1],
      '  // eslint-disable-next-line health-data/no-patient-data-in-logs, health-data/no-unencrypted-write -- audited sink',
    );
  });

  it('finds findings by range when the client sends no diagnostics, and skips unrelated lines', () => {
    const lint = snapshot();
    const actions = toCodeActions(lint, {
      range: { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } },
      diagnostics: [],
      docsUrl,
    });
    assert.ok(actions.length > 0);
    assert.ok(actions.every((action) => !action.title.includes('no-select-star-export')));
  });

  it('matches a client diagnostic that lost its data by rule, range and message', () => {
    const lint = snapshot();
    const bare = { ...lint.diagnostics[0]!, data: undefined };
    const actions = toCodeActions(lint, { range: bare.range, diagnostics: [bare], docsUrl });
    assert.equal(actions[0]!.title, 'Fix this health-data/no-select-star-export problem');
  });

  it('offers no quick fixes for a diagnostic of another version or another source', () => {
    const lint = snapshot();
    const stale = { ...lint.diagnostics[0]!, message: 'an older message', data: undefined };
    assert.deepEqual(
      toCodeActions(lint, { range: stale.range, diagnostics: [stale], docsUrl }),
      [],
    );
  });

  it('adds source.fixAll.healthData with the fixed text, only when asked for or unfiltered', () => {
    const lint = snapshot();
    const fixed = text.replace('*', 'id, nom');
    const request = {
      range: lint.diagnostics[0]!.range,
      diagnostics: [],
      docsUrl,
      fixAllText: () => fixed,
    };
    const onlyFixAll = toCodeActions(lint, { ...request, only: ['source.fixAll'] });
    assert.deepEqual(
      onlyFixAll.map((action) => action.kind),
      [FIX_ALL_KIND],
    );
    assert.equal(apply(onlyFixAll[0]!), fixed);
    assert.deepEqual(toCodeActions(lint, { ...request, only: ['refactor'] }), []);
    assert.ok(toCodeActions(lint, request).some((action) => action.kind === FIX_ALL_KIND));
  });

  it('offers no fix-all when the server gives no fixAllText (no rule is fixable)', () => {
    const lint = snapshot();
    const request = { range: lint.diagnostics[0]!.range, diagnostics: [], docsUrl };
    assert.deepEqual(toCodeActions(lint, { ...request, only: ['source.fixAll'] }), []);
    assert.ok(toCodeActions(lint, request).every((action) => action.kind !== FIX_ALL_KIND));
  });

  it('does not compute fix-all when no finding has a safe fix', () => {
    const lint = snapshot();
    lint.messages = [messages[1]!];
    lint.diagnostics = [lint.diagnostics[1]!];
    let computed = false;
    const actions = toCodeActions(lint, {
      range: lint.diagnostics[0]!.range,
      diagnostics: [],
      only: [FIX_ALL_KIND],
      docsUrl,
      fixAllText: () => {
        computed = true;
        return text;
      },
    });
    assert.deepEqual(actions, []);
    assert.equal(computed, false);
  });
});

describe('minimalEdit', () => {
  it('replaces only the changed middle of the text', () => {
    const edit = minimalEdit(document, text.replace('SELECT *', 'SELECT id'));
    assert.deepEqual(edit.range.start, { line: 1, character: 38 });
    assert.equal(edit.newText, 'id');
    assert.equal(TextDocument.applyEdits(document, [edit]), text.replace('SELECT *', 'SELECT id'));
  });
});
