import {
  type AnnotatedTextEdit,
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type Range,
  type SnippetTextEdit,
  TextDocumentEdit,
  TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage } from './lintEngine';
import { SERVER_COMMANDS } from './protocol';
import type { FindingData } from './toDiagnostic';

/** The kind of the "apply every safe fix" source action, also run by editors on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.healthData`;

/**
 * The code-action kinds and `workspace/executeCommand` commands the server advertises. Fix-all
 * (the source action editors run on save, and its command) only when `fixAll`, that is when some
 * rule has an automatic fix: otherwise it could never change anything.
 */
export function advertisedActions(fixAll: boolean): {
  codeActionKinds: string[];
  commands: string[];
} {
  return {
    codeActionKinds: fixAll ? [CodeActionKind.QuickFix, FIX_ALL_KIND] : [CodeActionKind.QuickFix],
    commands: [
      SERVER_COMMANDS.scanWorkspace,
      ...(fixAll ? [SERVER_COMMANDS.fixAll] : []),
      SERVER_COMMANDS.openRuleDocs,
    ],
  };
}

/** One document version's lint result, as cached by the server. */
export interface LintSnapshot {
  /** The document exactly as it was linted; offsets of fixes refer to its text. */
  document: TextDocument;
  messages: LintMessage[];
  diagnostics: Diagnostic[];
}

export interface CodeActionRequest {
  range: Range;
  /** Diagnostics the client sent in the request context. */
  diagnostics: Diagnostic[];
  only?: string[];
  /**
   * Computes the text with every safe fix applied; called only when a fix-all action is wanted.
   * Absent when the server offers no fix-all (no rule has an automatic fix).
   */
  fixAllText?: () => string | undefined;
  docsUrl: (ruleId: string) => string | undefined;
  /**
   * The client applies snippet edits (LSP 3.18 `snippetEditSupport`): the disable comment then
   * leaves the cursor after `-- `, where the justification goes.
   */
  snippetEdits?: boolean;
}

function wanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function findingIndex(snapshot: LintSnapshot, diagnostic: Diagnostic): number {
  const data = diagnostic.data as Partial<FindingData> | undefined;
  if (
    data?.version === snapshot.document.version &&
    typeof data.index === 'number' &&
    snapshot.diagnostics[data.index]?.code === diagnostic.code
  ) {
    return data.index;
  }
  // Some clients drop `data`; the rule, range and message identify the finding just as well.
  return snapshot.diagnostics.findIndex(
    (own) =>
      own.code === diagnostic.code &&
      own.message === diagnostic.message &&
      sameRange(own.range, diagnostic.range),
  );
}

/**
 * The findings a request is about: those the client names in its context, or, when it names
 * none, every finding whose range touches the requested range.
 */
export function selectFindings(snapshot: LintSnapshot, request: CodeActionRequest): number[] {
  const indexes =
    request.diagnostics.length > 0
      ? request.diagnostics.map((diagnostic) => findingIndex(snapshot, diagnostic))
      : snapshot.diagnostics.flatMap((diagnostic, index) =>
          rangesIntersect(diagnostic.range, request.range) ? [index] : [],
        );
  return [...new Set(indexes)].filter(
    (index) => index >= 0 && typeof snapshot.messages[index]?.ruleId === 'string',
  );
}

function versionedEdit(
  document: TextDocument,
  edits: (TextEdit | AnnotatedTextEdit | SnippetTextEdit)[],
): WorkspaceEdit {
  return {
    documentChanges: [
      TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits),
    ],
  };
}

function offsetEdit(document: TextDocument, fix: { range: [number, number]; text: string }) {
  return TextEdit.replace(
    { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) },
    fix.text,
  );
}

/** The smallest single replacement turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(document: TextDocument, after: string): TextEdit {
  const before = document.getText();
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  return offsetEdit(document, { range: [start, endBefore], text: after.slice(start, endAfter) });
}

const DISABLE_NEXT_LINE =
  /^([\t ]*\/\/[\t ]*eslint-disable-next-line[\t ]+)([^\r\n]*?)([\t ]+--[^\r\n]*)?$/;

/**
 * `// eslint-disable-next-line <rule> -- ` above the finding's line, at that line's indentation.
 * When the line above already disables other rules, the rule joins that list instead: a second
 * directive there would only disable the directive line itself.
 */
export function disableLineEdit(document: TextDocument, line: number, ruleId: string): TextEdit {
  const lineText = document.getText({
    start: { line, character: 0 },
    end: { line: line + 1, character: 0 },
  });
  if (line > 0) {
    const above = document
      .getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } })
      .replace(/\r?\n$/, '');
    const existing = DISABLE_NEXT_LINE.exec(above);
    if (existing && existing[2]!.trim() !== '') {
      const listEnd = existing[1]!.length + existing[2]!.trimEnd().length;
      return TextEdit.insert({ line: line - 1, character: listEnd }, `, ${ruleId}`);
    }
  }
  const indentation = /^[\t ]*/.exec(lineText)?.[0] ?? '';
  const eol = /\r\n$/.test(lineText) ? '\r\n' : '\n';
  return TextEdit.insert(
    { line, character: 0 },
    `${indentation}// eslint-disable-next-line ${ruleId} -- ${eol}`,
  );
}

/** The disable edit as a snippet with the cursor after `-- `, when it inserts a new directive. */
function disableLineSnippet(edit: TextEdit): SnippetTextEdit | TextEdit {
  const marker = ' -- ';
  const at = edit.newText.lastIndexOf(marker);
  if (at < 0 || !edit.newText.startsWith('//', edit.newText.search(/\S/))) return edit;
  const escape = (text: string) => text.replace(/[$}\\]/g, (char) => `\\${char}`);
  const head = edit.newText.slice(0, at + marker.length);
  const tail = edit.newText.slice(at + marker.length);
  return {
    range: edit.range,
    snippet: { kind: 'snippet', value: `${escape(head)}$0${escape(tail)}` },
  };
}

/**
 * The code actions for a request, computed from one cached lint result: each fix and suggestion
 * of the selected findings, then per rule and line a justified disable comment and the rule's
 * documentation, then the fix-all source action.
 */
export function toCodeActions(snapshot: LintSnapshot, request: CodeActionRequest): CodeAction[] {
  const { document } = snapshot;
  const actions: CodeAction[] = [];
  const perRule: CodeAction[] = [];
  const seenDisable = new Set<string>();
  const seenDocs = new Set<string>();
  if (wanted(CodeActionKind.QuickFix, request.only)) {
    for (const index of selectFindings(snapshot, request)) {
      const message = snapshot.messages[index]!;
      const diagnostic = snapshot.diagnostics[index]!;
      const ruleId = message.ruleId!;
      if (message.fix) {
        actions.push({
          title: `Fix this ${ruleId} problem`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: versionedEdit(document, [offsetEdit(document, message.fix)]),
        });
      }
      for (const suggestion of message.suggestions ?? []) {
        actions.push({
          title: suggestion.desc,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: versionedEdit(document, [offsetEdit(document, suggestion.fix)]),
        });
      }
      const line = diagnostic.range.start.line;
      if (!seenDisable.has(`${ruleId}:${line}`)) {
        seenDisable.add(`${ruleId}:${line}`);
        perRule.push({
          title: `Disable ${ruleId} for this line — with justification`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: versionedEdit(document, [
            request.snippetEdits
              ? disableLineSnippet(disableLineEdit(document, line, ruleId))
              : disableLineEdit(document, line, ruleId),
          ]),
        });
      }
      const url = request.docsUrl(ruleId);
      if (url && !seenDocs.has(ruleId)) {
        seenDocs.add(ruleId);
        perRule.push({
          title: `Show documentation for ${ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: {
            title: `Show documentation for ${ruleId}`,
            command: SERVER_COMMANDS.openRuleDocs,
            arguments: [url],
          },
        });
      }
    }
  }
  actions.push(...perRule);
  const anyFixable = snapshot.messages.some((message) => message.fix && message.ruleId);
  if (anyFixable && request.fixAllText && wanted(FIX_ALL_KIND, request.only)) {
    const fixed = request.fixAllText();
    if (fixed !== undefined) {
      actions.push({
        title: 'Fix all auto-fixable health-data problems',
        kind: FIX_ALL_KIND,
        edit: versionedEdit(document, [minimalEdit(document, fixed)]),
      });
    }
  }
  return actions;
}
