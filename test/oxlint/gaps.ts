/**
 * What differs when the plugin's rules run as an oxlint JS plugin instead of inside ESLint: the
 * one list that the parity test (test/oxlint/parity.test.ts) checks and that docs/ci.md shows
 * (`npm run docs` renders it between the oxlint-gaps markers; test/docs.test.ts fails on drift).
 *
 * Measured with the pinned oxlint (package.json) against ESLint on the seeds, on every
 * RuleTester case of rules/tests/rules and on the benchmark corpus (1,210 files): the same
 * findings at the same line and column, apart from what is listed here.
 */

/** `every rule` where the difference comes from oxlint itself, not from what a rule reads. */
export type GapRules = readonly string[] | 'every rule';

export interface OxlintGap {
  id: string;
  rules: GapRules;
  /** What a user sees differ under oxlint. */
  difference: string;
  /** Why: the API or behaviour of oxlint behind it, and what the plugin does about it. */
  cause: string;
}

const WITH_SUGGESTIONS = [
  'no-cleartext-transport',
  'no-hardcoded-credentials',
  'no-national-identifier-literal',
  'no-patient-data-in-logs',
  'no-patient-data-to-third-party',
  'no-public-data-directory',
  'no-select-star-export',
  'no-unauthenticated-endpoint',
  'no-unencrypted-write',
  'no-weak-pseudonymization',
  'require-delete-after-migration',
];

export const OXLINT_GAPS: readonly OxlintGap[] = [
  {
    id: 'related-locations',
    rules: [
      'no-cleartext-transport',
      'no-hardcoded-credentials',
      'no-patient-data-in-logs',
      'no-patient-data-to-third-party',
      'no-public-data-directory',
      'no-select-star-export',
      'no-unauthenticated-endpoint',
      'no-unencrypted-write',
      'no-weak-pseudonymization',
      'require-access-audit',
      'require-delete-after-migration',
    ],
    difference:
      'Findings carry no related locations (where the patient data came from, the mount that exposes a route); the message still names the source and its line.',
    cause:
      'The rules hand related locations to the host that runs them through a store in `settings.healthDataHost`; oxlint settings are JSON from the config file and its reports have one location, so no store is passed and the rules skip the notes (as under a plain ESLint run). SARIF with related locations: the health-data-lint CLI.',
  },
  {
    id: 'early-errors',
    rules: 'every rule',
    difference:
      'A file with an early error, such as a `let`, `const` or import name declared twice in one scope, gets no finding: oxlint reports the error instead.',
    cause:
      "oxlint's parser applies the language's early errors and runs no JS plugin on a file that has one; typescript-eslint's parser leaves them to the type checker, so ESLint lints the file. Such code does not run; fixing the error brings the findings back.",
  },
  {
    id: 'mixed-line-ends-in-template',
    rules: ['no-national-identifier-literal', 'no-select-star-export'],
    difference:
      'A finding inside a template literal whose line ends mix CRLF and LF can be reported a few columns early.',
    cause:
      "oxlint's parser gives a template's `raw` text with each CRLF already a line feed (the specification's raw value; typescript-estree keeps the source). The model restores the source positions when every line end of the piece is CRLF (rules/src/model/ast.ts, `sourceRaw`), not when they are mixed.",
  },
  {
    id: 'astral-columns',
    rules: 'every rule',
    difference:
      'On a line with a character outside the Basic Multilingual Plane (an emoji) before the finding, the column is shifted by 2 per such character.',
    cause:
      "oxlint's output counts columns in its own units; ESLint counts UTF-16 code units. Lines are the same.",
  },
  {
    id: 'bulk-suggestions',
    rules: WITH_SUGGESTIONS,
    difference:
      '`oxlint --fix-suggestions` applies the first suggestion of every finding at once; ESLint offers suggestions one by one, in the editor.',
    cause:
      'Suggestions are reviewed, behaviour-changing edits (the rules have no automatic fix). Never run `--fix-suggestions` in CI; in the editor, the extension offers them with the rest of the quick fixes.',
  },
];

/**
 * Seed findings that differ between ESLint and oxlint, each explained by a gap above: the parity
 * test expects exactly these differences. None today.
 */
export interface SeedFindingGap {
  /** `vulnerable/…` or `fixed/…`, with forward slashes. */
  file: string;
  line: number;
  column: number;
  rule: string;
  /** The engine that reports it while the other does not. */
  onlyIn: 'eslint' | 'oxlint';
  gap: string;
}

export const SEED_FINDING_GAPS: readonly SeedFindingGap[] = [];

/** The gaps of one rule, in the order of the list. */
export function gapsOf(ruleId: string, gaps: readonly OxlintGap[] = OXLINT_GAPS): OxlintGap[] {
  return gaps.filter((gap) => gap.rules === 'every rule' || gap.rules.includes(ruleId));
}
