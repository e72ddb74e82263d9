import {
  type Diagnostic,
  type DiagnosticRelatedInformation,
  DiagnosticSeverity,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
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
   * The hook for related locations (provenance path, cross-file facts). ESLint messages do not
   * carry them yet, so the default supplies none.
   */
  relatedLocations?: (message: LintMessage, document: TextDocument) => RelatedLocation[];
}

/** ESLint lines and columns are 1-based; LSP positions 0-based, both in UTF-16 code units. */
export function toRange(message: LintMessage): Range {
  const startLine = Math.max(message.line - 1, 0);
  const startCharacter = Math.max(message.column - 1, 0);
  const endLine = message.endLine === undefined ? startLine : Math.max(message.endLine - 1, 0);
  const endCharacter =
    message.endColumn === undefined ? startCharacter : Math.max(message.endColumn - 1, 0);
  return {
    start: { line: startLine, character: startCharacter },
    end: { line: endLine, character: endCharacter },
  };
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
    range: toRange(message),
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
  for (const location of options.relatedLocations?.(message, document) ?? []) {
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
