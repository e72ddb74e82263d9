import { pathToFileURL } from 'node:url';
import type { HealthDataRuleDocs } from '../util/create-rule';
import type { BaselineEntry } from './baseline';
import {
  type Edit,
  type FileReport,
  type Finding,
  type Position,
  PARSE_ERROR_RULE_ID,
  SUPPRESSION_RULE_ID,
} from './findings';
import { describeEdit } from './format-stylish';
import { minimalEdits } from './minimal-edits';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/health-data-lint/health-data-lint';
/** Key of our fingerprint in `partialFingerprints`; bump the suffix if the recipe ever changes. */
export const FINGERPRINT_KEY = 'healthDataLint/v1';
const SRCROOT = '%SRCROOT%';

/** What the SARIF writer needs to know of a rule; plugin rules supply it from `meta`. */
export interface RuleInfo {
  id: string;
  description: string;
  docsUrl?: string;
  docs?: Partial<HealthDataRuleDocs>;
  fixable: boolean;
  hasSuggestions: boolean;
}

interface RuleMetaLike {
  docs?: { description?: string; url?: string } & Partial<HealthDataRuleDocs>;
  fixable?: string;
  hasSuggestions?: boolean;
}

/** Describes the plugin's rules, in catalog order, for SARIF `rules[]`. */
export function ruleInfos(rules: Record<string, { meta?: RuleMetaLike }>): RuleInfo[] {
  return Object.entries(rules).map(([id, rule]) => ({
    id: `health-data/${id}`,
    description: rule.meta?.docs?.description ?? id,
    docsUrl: rule.meta?.docs?.url,
    docs: rule.meta?.docs,
    fixable: rule.meta?.fixable !== undefined,
    hasSuggestions: rule.meta?.hasSuggestions === true,
  }));
}

const CLI_RULES: RuleInfo[] = [
  {
    id: SUPPRESSION_RULE_ID,
    description:
      'Require every eslint-disable of a health-data rule to give a reason, a valid expiry, and to still suppress something',
    docsUrl: `${INFORMATION_URI}/blob/main/docs/ci.md#suppression-policy`,
    docs: { references: ['GDPR-5(2)'], securitySeverity: 5 },
    fixable: false,
    hasSuggestions: false,
  },
  {
    id: PARSE_ERROR_RULE_ID,
    description: 'Report files that could not be parsed: none of their code was checked',
    docsUrl: `${INFORMATION_URI}/blob/main/docs/ci.md`,
    fixable: false,
    hasSuggestions: false,
  },
];

function helpText(rule: RuleInfo): string {
  const lines = [`${rule.description}.`];
  if (rule.docs?.cnilFinding) lines.push(`CNIL SAN-2022-009 finding: ${rule.docs.cnilFinding}.`);
  if (rule.docs?.references?.length) lines.push(`References: ${rule.docs.references.join(', ')}.`);
  if (rule.fixable) lines.push('An automatic fix is offered.');
  if (rule.hasSuggestions) lines.push('Suggested changes are offered.');
  if (rule.docsUrl) lines.push(`Documentation: ${rule.docsUrl}`);
  return lines.join('\n');
}

function ruleDescriptor(rule: RuleInfo): Record<string, unknown> {
  const docs = rule.docs ?? {};
  const properties: Record<string, unknown> = {
    tags: [...(docs.references ?? []), 'security'],
    precision: (docs as { precision?: string }).precision ?? 'high',
  };
  if (typeof docs.securitySeverity === 'number')
    properties['security-severity'] = String(docs.securitySeverity);
  const full = docs.cnilFinding
    ? `${rule.description}. CNIL SAN-2022-009 finding: ${docs.cnilFinding}.`
    : `${rule.description}.`;
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: full },
    help: { text: helpText(rule) },
    ...(rule.docsUrl ? { helpUri: rule.docsUrl } : {}),
    defaultConfiguration: { level: 'error' },
    properties,
  };
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function artifact(file: string) {
  return { uri: encodeUri(file), uriBaseId: SRCROOT };
}

function region(start: { line: number; column: number }, end: { line: number; column: number }) {
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

function sarifFix(file: string, description: string, edit: Edit) {
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: artifact(file),
        // Only what changes: a whole rewritten block would copy the flagged values into the log.
        replacements: minimalEdits(edit).map((piece) => ({
          deletedRegion: region(piece.start, piece.end),
          insertedContent: { text: piece.text },
        })),
      },
    ],
  };
}

function suppressionOf(finding: Finding) {
  const record = finding.suppression;
  if (!record) return undefined;
  const justification = record.expires
    ? `until ${record.expires}: ${record.reason}`
    : record.reason;
  return [
    {
      kind: 'inSource',
      // An expired suppression no longer hides the result: SARIF says so with `rejected`.
      status: record.status === 'expired' ? 'rejected' : 'accepted',
      ...(justification.trim() ? { justification } : {}),
    },
  ];
}

function physical(file: string, start: Position, end: Position) {
  return { artifactLocation: artifact(file), region: region(start, end) };
}

/** Every related location, numbered, and the provenance path as one thread flow ending at the finding. */
function provenanceOf(finding: Finding) {
  const related = finding.related ?? [];
  if (related.length === 0) return {};
  const relatedLocations = related.map((item, index) => ({
    id: index + 1,
    physicalLocation: physical(
      item.file,
      { line: item.line, column: item.column },
      { line: item.endLine, column: item.endColumn },
    ),
    message: { text: item.message },
  }));
  const path = related.flatMap((item, index) =>
    item.kind ? [{ location: relatedLocations[index]! }] : [],
  );
  if (path.length === 0) return { relatedLocations };
  const sink = {
    location: {
      physicalLocation: physical(
        finding.file,
        { line: finding.line, column: finding.column },
        { line: finding.endLine, column: finding.endColumn },
      ),
      message: { text: 'The patient data ends up here' },
    },
  };
  const threadFlow = {
    locations: [...path, sink].map((step, index) => ({ ...step, executionOrder: index + 1 })),
  };
  return { relatedLocations, codeFlows: [{ threadFlows: [threadFlow] }] };
}

type BaselineState = 'new' | 'unchanged' | 'absent';

function result(
  finding: Finding,
  ruleIndex: Map<string, number>,
  withSuppressions: boolean,
  baseline?: { state: BaselineState; file: string },
) {
  const fixes = [
    ...(finding.fix ? [sarifFix(finding.file, describeEdit(finding.fix), finding.fix)] : []),
    ...finding.suggestions.map((suggestion) =>
      sarifFix(finding.file, suggestion.description, suggestion.edit),
    ),
  ];
  const suppressions = [
    ...((withSuppressions ? suppressionOf(finding) : undefined) ?? []),
    // A finding the baseline hides: suppressed outside the source, in the baseline file.
    ...(baseline?.state === 'unchanged'
      ? [{ kind: 'external', status: 'accepted', justification: `recorded in ${baseline.file}` }]
      : []),
  ];
  const index = ruleIndex.get(finding.ruleId);
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: finding.severity === 'warning' ? 'warning' : 'error',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(finding.file),
          region: region(
            { line: finding.line, column: finding.column },
            { line: finding.endLine, column: finding.endColumn },
          ),
        },
      },
    ],
    ...provenanceOf(finding),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(baseline ? { baselineState: baseline.state } : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
    ...(suppressions.length > 0 ? { suppressions } : {}),
  };
}

/**
 * A baseline entry whose finding is gone. The baseline keeps no line, message or level: the
 * result names the file only, and its level is the rule's default, as when it was recorded.
 */
function absentResult(entry: BaselineEntry, ruleIndex: Map<string, number>, file: string) {
  const index = ruleIndex.get(entry.ruleId);
  return {
    ruleId: entry.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    message: { text: `Recorded in ${file}, no longer found.` },
    locations: [{ physicalLocation: { artifactLocation: artifact(entry.file) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: entry.fingerprint },
    baselineState: 'absent',
  };
}

/** The comparison with a baseline, for `baselineState`. */
export interface SarifBaseline {
  /** The baseline file as given on the command line. */
  file: string;
  /** Fingerprints the baseline records. */
  recorded: ReadonlySet<string>;
  /** Findings of this run the baseline records (and hides). */
  unchanged: readonly Finding[];
  /** Entries whose finding no longer occurs. */
  absent: readonly BaselineEntry[];
}

export interface SarifOptions {
  root: string;
  tool: { name: string; version: string };
  rules: RuleInfo[];
  listSuppressions: boolean;
  /**
   * Set when a baseline was applied: every result then has a `baselineState` (SARIF 2.1.0
   * §3.27.24 asks for it on all results of the run or none). The hidden `unchanged` findings and
   * the `absent` entries are results only with `listSuppressions`, like in-source suppressions:
   * code scanning reads neither `baselineState` nor `suppressions` and would open an alert for each.
   */
  baseline?: SarifBaseline;
}

/** A SARIF 2.1.0 log with one run; validated against the OASIS schema in test/cli. */
export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const rules = [...options.rules, ...CLI_RULES];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const findings = reports.flatMap((report) => report.findings);
  const suppressed = options.listSuppressions ? reports.flatMap((report) => report.suppressed) : [];
  const rootUri = pathToFileURL(options.root).href;
  const baseline = options.baseline;
  const stateOf = (finding: Finding) =>
    baseline
      ? {
          state: (baseline.recorded.has(finding.fingerprint)
            ? 'unchanged'
            : 'new') as BaselineState,
          file: baseline.file,
        }
      : undefined;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        columnKind: 'utf16CodeUnits',
        results: [
          ...findings.map((finding) =>
            result(finding, ruleIndex, options.listSuppressions, stateOf(finding)),
          ),
          ...suppressed.map((finding) => result(finding, ruleIndex, true, stateOf(finding))),
          ...(baseline && options.listSuppressions
            ? [
                ...baseline.unchanged.map((finding) =>
                  result(finding, ruleIndex, true, { state: 'unchanged', file: baseline.file }),
                ),
                ...baseline.absent.map((entry) => absentResult(entry, ruleIndex, baseline.file)),
              ]
            : []),
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
