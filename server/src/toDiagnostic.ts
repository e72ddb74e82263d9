import {
  type Diagnostic,
  type DiagnosticRelatedInformation,
  DiagnosticSeverity,
  type Range,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type RelatedStore, relatedFor } from '../../rules/src/host';
import { pathOf } from './documentTarget';
import type { LintMessage } from './lintEngine';

/** Every diagnostic this server publishes carries this source. */
export const SOURCE = 'health-data';

/** What a diagnostic carries so that code actions can find the finding it came from. */
export interface FindingData {
  /** Document version the finding was computed for. */
  version: number;
  /** Position of the finding in the cached lint result of that version. */
  index: number;
  fixable: boolean;
  suggestions: number;
}

/** A location the rule points at beyond the finding itself (provenance source, mount site). */
export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface ToDiagnosticOptions {
  /** `meta.docs.url` of a rule; the diagnostic code links there. */
  docsUrl: (ruleId: string) => string | undefined;
  /**
   * The hook for related locations (provenance path, cross-file facts). By default they come from
   * what the rules noted while linting the document (ESLint messages cannot carry them).
   */
  relatedLocations?: (message: LintMessage, document: TextDocument) => RelatedLocation[];
  /** The store the rules noted related locations in (the server's host options). */
  related?: RelatedStore;
  /** The filename the document was linted as, when it is not the path of its file: URI. */
  filename?: string;
}

/**
 * The related locations the rules noted for a message of the document's latest lint: the
 * provenance path in this document, cross-file facts (a mount site) in others. Nothing when the
 * notes come from another text than the document's.
 */
export function notedLocations(
  store: RelatedStore,
  message: LintMessage,
  document: TextDocument,
  filename = pathOf(document.uri),
): RelatedLocation[] {
  if (!filename || !message.ruleId) return [];
  return relatedFor(store, filename, message, { text: document.getText() }).map((item) => ({
    uri: item.filename ? pathToFileURL(item.filename).href : document.uri,
    // ESTree lines are 1-based, columns 0-based UTF-16 units like LSP characters.
    range: {
      start: { line: item.loc.start.line - 1, character: item.loc.start.column },
      end: { line: item.loc.end.line - 1, character: item.loc.end.column },
    },
    message: item.message,
  }));
}

/** A 1-based ESLint coordinate, or undefined when it is missing or not a number. */
function oneBased(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(value - 1, 0) : undefined;
}

/**
 * ESLint lines and columns are 1-based; LSP positions 0-based, both in UTF-16 code units. A
 * message without a position (ESLint reports a parser's stack overflow, "Maximum call stack size
 * exceeded", with neither line nor column) covers the first line of the document, so the editor
 * still shows it somewhere visible.
 */
export function toRange(message: LintMessage, document?: TextDocument): Range {
  const startLine = oneBased(message.line);
  const startCharacter = oneBased(message.column);
  if (startLine === undefined || startCharacter === undefined) {
    return {
      start: { line: 0, character: 0 },
      end: { line: 0, character: document ? firstLineLength(document) : 0 },
    };
  }
  const endLine = oneBased(message.endLine) ?? startLine;
  const endCharacter = oneBased(message.endColumn) ?? startCharacter;
  const endsBeforeStart =
    endLine < startLine || (endLine === startLine && endCharacter < startCharacter);
  return {
    start: { line: startLine, character: startCharacter },
    end: endsBeforeStart
      ? { line: startLine, character: startCharacter }
      : { line: endLine, character: endCharacter },
  };
}

function firstLineLength(document: TextDocument): number {
  const lineBreak = document.getText().search(/[\r\n]/);
  return lineBreak === -1 ? document.getText().length : lineBreak;
}

export function toSeverity(message: LintMessage): DiagnosticSeverity {
  return message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}

/** Maps one ESLint message of a document version to an LSP diagnostic. */
export function toDiagnostic(
  message: LintMessage,
  index: number,
  document: TextDocument,
  options: ToDiagnosticOptions,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(message, document),
    severity: toSeverity(message),
    source: SOURCE,
    message: message.message,
  };
  if (message.ruleId) {
    diagnostic.code = message.ruleId;
    const href = options.docsUrl(message.ruleId);
    if (href) diagnostic.codeDescription = { href };
  }
  const related: DiagnosticRelatedInformation[] = [];
  for (const suggestion of message.suggestions ?? []) {
    related.push({
      location: {
        uri: document.uri,
        range: {
          start: document.positionAt(suggestion.fix.range[0]),
          end: document.positionAt(suggestion.fix.range[1]),
        },
      },
      message: `Suggestion: ${suggestion.desc}`,
    });
  }
  const locations = options.relatedLocations
    ? options.relatedLocations(message, document)
    : options.related
      ? notedLocations(options.related, message, document, options.filename)
      : [];
  for (const location of locations) {
    related.push({
      location: { uri: location.uri, range: location.range },
      message: location.message,
    });
  }
  if (related.length > 0) diagnostic.relatedInformation = related;
  const data: FindingData = {
    version: document.version,
    index,
    fixable: message.fix !== undefined,
    suggestions: message.suggestions?.length ?? 0,
  };
  diagnostic.data = data;
  return diagnostic;
}

/** The one diagnostic of a file too large to lint. */
export function tooLargeDiagnostic(sizeKb: number, limitKb: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `Health Data Lint skipped this file: ${Math.ceil(sizeKb)} KB is above the ${limitKb} KB limit (healthData.maxFileSizeKb or maxFileSizeKb in healthdata.config.json).`,
  };
}
