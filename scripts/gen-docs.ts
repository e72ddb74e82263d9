// Regenerates, from each rule's `meta`, the README rules table, the extension README's rule list
// (client/README.md, the .vsix details page), the header block of every
// docs/rules/<id>.md and the `rules` entries of the configuration file's JSON Schema, and from
// test/oxlint/gaps.ts the list of differences under oxlint in docs/ci.md. `npm run docs` writes the files; test/docs.test.ts fails when they drift.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { rules } from '../rules/src/rules';
import { DOCS_BASE_URL, type HealthDataRuleDocs } from '../rules/src/util/create-rule';
import { gapsOf, OXLINT_GAPS, type OxlintGap } from '../test/oxlint/gaps';

export const TABLE_START = '<!-- rules-table:start -->';
export const TABLE_END = '<!-- rules-table:end -->';
export const LIST_START = '<!-- rules-list:start -->';
export const LIST_END = '<!-- rules-list:end -->';
export const HEADER_START = '<!-- rule-header:start -->';
export const HEADER_END = '<!-- rule-header:end -->';
export const GAPS_START = '<!-- oxlint-gaps:start -->';
export const GAPS_END = '<!-- oxlint-gaps:end -->';

export const ROOT = resolve(__dirname, '..');

export interface RuleDoc {
  id: string;
  docs: HealthDataRuleDocs;
  /** The rule's options schema (`meta.schema`): one object, or none. */
  options: unknown[];
  fixable: boolean;
  hasSuggestions: boolean;
}

export function catalog(): RuleDoc[] {
  return Object.entries(rules)
    .map(([id, rule]) => ({
      id,
      docs: rule.meta.docs as unknown as HealthDataRuleDocs,
      options: Array.isArray(rule.meta.schema) ? (rule.meta.schema as unknown[]) : [],
      fixable: rule.meta.fixable !== undefined,
      hasSuggestions: rule.meta.hasSuggestions === true,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function presetLabel(rule: RuleDoc): string {
  return rule.docs.preset === 'recommended' ? '✅ recommended' : '🔒 strict';
}

function fixLabel(rule: RuleDoc): string {
  const labels = [];
  if (rule.fixable) labels.push('🔧 fix');
  if (rule.hasSuggestions) labels.push('💡 suggestions');
  return labels.join(', ') || '—';
}

export function rulesTable(catalogRules: readonly RuleDoc[]): string {
  if (catalogRules.length === 0) return '_No rule is registered in the catalog yet._';
  const rows = catalogRules.map((rule) =>
    [
      `[health-data/${rule.id}](docs/rules/${rule.id}.md)`,
      rule.docs.description,
      presetLabel(rule),
      fixLabel(rule),
      rule.docs.cnilFinding,
      rule.docs.references.join(', '),
    ]
      .map(cell)
      .join(' | '),
  );
  // The 🔧 legend only once a rule has an automatic fix: none is certainly safe today.
  const fixes = catalogRules.some((rule) => rule.fixable)
    ? '🔧 automatic fix, 💡 suggestions'
    : '💡 suggestions, chosen one by one';
  return [
    `✅ on in \`recommended\` (and \`strict\`), 🔒 on in \`strict\` only; ${fixes}.`,
    '',
    '| Rule | Description | Preset | Fixable | CNIL finding | References |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/**
 * The extension README's short rule list: what each rule finds and its preset. It links each
 * rule's `docs.url`, the web page: the details page of an extension opens only web links, while
 * the pages bundled in the extension open from a finding's _Show documentation_.
 */
export function rulesList(catalogRules: readonly RuleDoc[]): string {
  if (catalogRules.length === 0) return '_No rule is registered in the catalog yet._';
  return [
    '✅ on in `recommended` (and `strict`), 🔒 on in `strict` only.',
    '',
    '| Rule | What it finds | Preset |',
    '| --- | --- | --- |',
    ...catalogRules.map(
      (rule) =>
        `| ${[
          `[health-data/${rule.id}](${DOCS_BASE_URL}${rule.id}.md)`,
          rule.docs.description,
          rule.docs.preset === 'recommended' ? '✅' : '🔒',
        ]
          .map(cell)
          .join(' | ')} |`,
    ),
  ].join('\n');
}

export function ruleHeader(rule: RuleDoc): string {
  const preset =
    rule.docs.preset === 'recommended'
      ? '✅ On in `recommended` and `strict`.'
      : '🔒 On in `strict` only.';
  const fix = [
    rule.fixable ? '🔧 Offers an automatic fix.' : '',
    rule.hasSuggestions ? '💡 Offers suggestions.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    `# health-data/${rule.id}`,
    '',
    `${rule.docs.description}.`,
    '',
    `- Preset: ${preset}`,
    `- Fixable: ${fix || 'No fix or suggestion.'}`,
    `- CNIL SAN-2022-009 finding: ${rule.docs.cnilFinding}.`,
    `- References: ${rule.docs.references.join(', ')}.`,
  ].join('\n');
}

/** docs/ci.md's list of what differs under oxlint, per rule then per gap (test/oxlint/gaps.ts). */
export function oxlintGapsTables(
  catalogRules: readonly RuleDoc[],
  gaps: readonly OxlintGap[] = OXLINT_GAPS,
): string {
  const byRule = catalogRules.map((rule) => {
    const own = gapsOf(rule.id, gaps);
    return `| \`health-data/${rule.id}\` | ${own.map((gap) => `\`${gap.id}\``).join(', ') || '—'} |`;
  });
  const rows = gaps.map((gap) =>
    [
      `\`${gap.id}\``,
      gap.rules === 'every rule'
        ? 'every rule'
        : `${gap.rules.length} rule${gap.rules.length === 1 ? '' : 's'}`,
      gap.difference,
      gap.cause,
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    '| Rule | Differences under oxlint |',
    '| --- | --- |',
    ...byRule,
    '',
    '| Difference | Rules | What differs | Why, and what to do |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/** Replaces what lies between the markers; undefined when the markers are missing. */
const SEVERITY = { $ref: '#/definitions/ruleSeverity' };

/**
 * `properties.rules.properties` of healthdata.config.schema.json: each rule by its full id, with a
 * severity or `[severity, options]` checked against the rule's own options schema, so the
 * configuration loader validates options as ESLint would.
 */
export function schemaRuleEntries(catalogRules: readonly RuleDoc[]): Record<string, unknown> {
  return Object.fromEntries(
    catalogRules.map((rule) => [
      `health-data/${rule.id}`,
      {
        description: `${rule.docs.description} (${rule.docs.preset === 'recommended' ? 'recommended' : 'strict only'}).`,
        anyOf: [
          SEVERITY,
          {
            type: 'array',
            items: [SEVERITY, ...rule.options],
            minItems: 1,
            maxItems: 1 + rule.options.length,
          },
        ],
      },
    ]),
  );
}

export function replaceBetween(
  text: string,
  start: string,
  end: string,
  content: string,
): string | undefined {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return undefined;
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`;
}

async function format(text: string, path: string): Promise<string> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...options, filepath: path });
}

export interface GeneratedFile {
  path: string;
  current: string;
  expected: string;
}

/** A doc without the header markers gets the block at its top, in place of its first `# ` title. */
function withHeader(text: string, header: string): string {
  const replaced = replaceBetween(text, HEADER_START, HEADER_END, header);
  if (replaced !== undefined) return replaced;
  const body = text.replace(/^# [^\n]*\n+/, '');
  return `${HEADER_START}\n\n${header}\n\n${HEADER_END}\n\n${body}`;
}

/**
 * The README, client/README.md, docs/ci.md, the configuration schema and the existing docs/rules/<id>.md of catalog rules, as they are and as
 * they should be. A missing doc is not created: test/docs.test.ts reports it so that someone writes it.
 */
export async function generate(root = ROOT): Promise<GeneratedFile[]> {
  const list = catalog();
  const files: GeneratedFile[] = [];
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const table = replaceBetween(readme, TABLE_START, TABLE_END, rulesTable(list));
  if (table === undefined)
    throw new Error(`README.md lacks the ${TABLE_START} / ${TABLE_END} markers`);
  files.push({ path: readmePath, current: readme, expected: await format(table, readmePath) });
  const clientReadmePath = join(root, 'client', 'README.md');
  const clientReadme = readFileSync(clientReadmePath, 'utf8');
  const ruleList = replaceBetween(clientReadme, LIST_START, LIST_END, rulesList(list));
  if (ruleList === undefined)
    throw new Error(`client/README.md lacks the ${LIST_START} / ${LIST_END} markers`);
  files.push({
    path: clientReadmePath,
    current: clientReadme,
    expected: await format(ruleList, clientReadmePath),
  });
  const ciPath = join(root, 'docs', 'ci.md');
  const ci = readFileSync(ciPath, 'utf8');
  const gaps = replaceBetween(ci, GAPS_START, GAPS_END, oxlintGapsTables(list));
  if (gaps === undefined)
    throw new Error(`docs/ci.md lacks the ${GAPS_START} / ${GAPS_END} markers`);
  files.push({ path: ciPath, current: ci, expected: await format(gaps, ciPath) });
  const schemaPath = join(root, 'rules/schema/healthdata.config.schema.json');
  const schemaText = readFileSync(schemaPath, 'utf8');
  const schema = JSON.parse(schemaText) as {
    properties: { rules: { properties: Record<string, unknown> } };
  };
  schema.properties.rules.properties = schemaRuleEntries(list);
  files.push({
    path: schemaPath,
    current: schemaText,
    expected: await format(JSON.stringify(schema), schemaPath),
  });
  for (const rule of list) {
    const path = join(root, 'docs/rules', `${rule.id}.md`);
    if (!existsSync(path)) continue;
    const current = readFileSync(path, 'utf8');
    files.push({
      path,
      current,
      expected: await format(withHeader(current, ruleHeader(rule)), path),
    });
  }
  return files;
}

async function main(): Promise<void> {
  let written = 0;
  for (const file of await generate()) {
    if (file.current === file.expected) continue;
    writeFileSync(file.path, file.expected);
    written++;
    process.stdout.write(`updated ${file.path}\n`);
  }
  process.stdout.write(written === 0 ? 'docs are up to date\n' : `${written} file(s) updated\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`gen-docs: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
