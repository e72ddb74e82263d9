import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../rules/src/cli/args';
import { CATEGORY_TITLES, FLOW_TITLES, RULE_FLOWS } from '../../rules/src/inventory';
import plugin from '../../rules/src/index';
import { ensureBuilt, ROOT, runCli } from './helpers';

/** The pinned inventory of seeds/vulnerable; `UPDATE_INVENTORY=1` rewrites it after a reviewed change. */
const PINNED = join(ROOT, 'test/fixtures/inventory/vulnerable.json');

interface InventoryJson {
  tool: { name: string; version: string };
  files: number;
  categories: {
    id: string;
    kinds: string[];
    definitions: { kind: string; place: string; field?: string; file: string; line: number }[];
    flows: string[];
    totals: { definitions: number; flows: number; findings: number };
  }[];
  flows: {
    id: string;
    kind: string;
    target: string;
    state: string;
    categories: { category: string; kinds: string[] }[];
    findings: { ruleId: string; file: string; line: number }[];
  }[];
  channels: { id: string; findings: unknown[] }[];
  otherFindings: { ruleId: string }[];
  totals: { findings: number };
}

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`${argv.join(' ')} was accepted`);
}

function inventory(path: string): InventoryJson {
  const run = runCli(['--report', 'inventory', '--format', 'json', path]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as InventoryJson;
}

const declaredKinds = (report: InventoryJson) =>
  report.categories.map((category) => ({
    id: category.id,
    kinds: [...new Set(category.definitions.map((d) => d.kind))].sort(),
  }));

describe('--report inventory', function () {
  describe('arguments', function () {
    it('writes Markdown unless a format is given', function () {
      assert.equal(parseArgs(['--report', 'inventory']).format, 'md');
      for (const format of ['md', 'html', 'json', 'csv'])
        assert.equal(parseArgs(['--report=inventory', '--format', format]).format, format);
    });

    it('says which reports and formats exist', function () {
      assert.equal(
        usageError(['--report', 'privacy']),
        '--report must be one of inventory, got "privacy"',
      );
      assert.equal(
        usageError(['--report', 'inventory', '--format', 'sarif']),
        '--report inventory is written as md, html, json, csv, got --format sarif',
      );
      assert.equal(
        usageError(['--format', 'html']),
        '--format html is a format of --report inventory; findings are reported as stylish, json, sarif',
      );
      assert.equal(usageError(['--report']), '--report expects a value');
    });

    it('refuses the options of a findings report that would drop part of the tree', function () {
      assert.equal(
        usageError(['--report', 'inventory', '--changed-since', 'main', '--quiet']),
        '--report inventory covers the whole tree and every finding; it cannot be used with --changed-since, --quiet',
      );
    });
  });

  it('reads the flows of rules that exist, by message ids they declare', function () {
    for (const [rule, flows] of Object.entries(RULE_FLOWS)) {
      // The third-party rule is built on another branch: its id is known before the rule is.
      const meta = (plugin.rules as Record<string, { meta: { messages: Record<string, string> } }>)[
        rule
      ]?.meta;
      if (!meta) {
        assert.equal(rule, 'no-patient-data-to-third-party');
        continue;
      }
      for (const messageId of Object.keys(flows.messages))
        assert.ok(messageId in meta.messages, `${rule}: no message ${messageId}`);
    }
  });

  it('docs/inventory.md names every category, every kind of flow and every rule it reads', function () {
    const docs = readFileSync(join(ROOT, 'docs/inventory.md'), 'utf8');
    const titles = [...Object.values(FLOW_TITLES), ...Object.values(CATEGORY_TITLES)];
    const missing = [
      ...titles.filter((title) => !docs.includes(title.replace(/ \(special.*$/, ''))),
      ...Object.keys(RULE_FLOWS).filter((rule) => !docs.includes(`\`${rule}\``)),
    ];
    assert.deepEqual(missing, []);
  });

  describe('on the seeds', function () {
    before(ensureBuilt);
    let vulnerable: InventoryJson;
    let fixed: InventoryJson;
    before(function () {
      vulnerable = inventory('seeds/vulnerable');
      fixed = inventory('seeds/fixed');
    });

    it('pins the inventory of seeds/vulnerable', function () {
      const pinned: Partial<InventoryJson> = { ...vulnerable };
      delete pinned.tool;
      if (process.env.UPDATE_INVENTORY)
        writeFileSync(PINNED, `${JSON.stringify(pinned, null, 2)}\n`);
      assert.deepEqual(pinned, JSON.parse(readFileSync(PINNED, 'utf8')));
    });

    it('lists every category and kind of flow the vulnerable seeds contain', function () {
      assert.deepEqual(
        vulnerable.categories.map((c) => c.id),
        ['identity', 'contact', 'national-identifier', 'health', 'patient-record'],
      );
      const health = vulnerable.categories.find((c) => c.id === 'health')!;
      for (const kind of [
        'HIV/STI status',
        'genetic data',
        'pregnancy',
        'prescription',
        'lab result',
        'blood group',
      ])
        assert.ok(health.kinds.includes(kind), kind);
      assert.deepEqual(
        [...new Set(vulnerable.flows.map((flow) => flow.kind))],
        ['route', 'store', 'export', 'log', 'transport', 'third-party', 'pseudonym', 'code'],
      );
      const ids = vulnerable.flows.map((flow) => flow.id);
      for (const id of [
        'route: GET /api/patients/:id (router mounted with no authentication)',
        'route: static folder exports (served with no authentication (judged by its name))',
        'store: file (writeFileSync) (unencrypted)',
        'store: localStorage (localStorage.setItem) (unencrypted)',
        'store: bucket object (PutObjectCommand) (unencrypted)',
        'export: file `stagingPath` (extract never deleted)',
        'export: every column of patients (read whole for an export)',
        'log: console.log (logged)',
        'transport: http://ordonnances.atlantique-labo.fr (in clear (no TLS))',
        'pseudonym: unkeyed SHA-256 (reversible (unkeyed hash))',
      ])
        assert.ok(ids.includes(id), id);
      const staging = vulnerable.flows.find(
        (f) => f.id === 'export: file `stagingPath` (extract never deleted)',
      )!;
      assert.deepEqual(staging.categories, [
        { category: 'identity', kinds: ['name'] },
        { category: 'national-identifier', kinds: ['social security number (NIR)'] },
        { category: 'health', kinds: ['HIV/STI status'] },
      ]);
    });

    it('accounts for every finding once: in a flow, a channel or the other findings', function () {
      const listed =
        vulnerable.flows.reduce((sum, flow) => sum + flow.findings.length, 0) +
        vulnerable.channels.reduce((sum, flow) => sum + flow.findings.length, 0) +
        vulnerable.otherFindings.length;
      assert.equal(listed, vulnerable.totals.findings);
      assert.ok(
        vulnerable.otherFindings.every((f) => f.ruleId === 'health-data/no-hardcoded-credentials'),
      );
    });

    it('finds the same categories in seeds/fixed, with the risky flows gone', function () {
      assert.deepEqual(declaredKinds(fixed), declaredKinds(vulnerable));
      assert.deepEqual(fixed.flows, []);
      assert.deepEqual(fixed.channels, []);
      assert.equal(fixed.totals.findings, 0);
    });

    it('gives the same bytes on a second run (no timestamp, sorted)', function () {
      const first = runCli(['--report', 'inventory', '--format', 'json', 'seeds/vulnerable']);
      const second = runCli([
        '--report',
        'inventory',
        '--format',
        'json',
        '--concurrency',
        '2',
        'seeds/vulnerable',
      ]);
      assert.equal(first.stdout, second.stdout);
    });

    it('writes Markdown, CSV and HTML of the same inventory', function () {
      const md = runCli(['--report', 'inventory', 'seeds/vulnerable']);
      assert.equal(md.status, 0, md.stderr);
      assert.match(md.stdout, /^# Patient-data inventory$/m);
      assert.match(md.stdout, /^## Health data \(special category, GDPR art\. 9\)$/m);
      assert.match(md.stdout, /\| Written to stores \| file \(writeFileSync\) \| unencrypted \|/);
      const csv = runCli(['--report', 'inventory', '--format', 'csv', 'seeds/vulnerable']);
      const lines = csv.stdout.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'record,category,kind,flow,target,state,name,declared_as,file,line,rule,message',
      );
      assert.ok(lines.some((line) => line.startsWith('declaration,health,HIV/STI status,')));
      assert.ok(lines.some((line) => line.startsWith('flow,health,HIV/STI status,store,')));
      const html = runCli(['--report', 'inventory', '--format', 'html', 'seeds/vulnerable']);
      assert.match(html.stdout, /^<!doctype html>/);
      assert.doesNotMatch(
        html.stdout,
        /<script|https?:\/\/(?!fhir\.|ordonnances\.|sil\.|www\.w3\.org\/2000\/svg)/,
      );
    });

    it('writes the report to --output and says what it holds', function () {
      const out = join(ROOT, 'rules/dist/inventory-test.md');
      const run = runCli(['--report', 'inventory', '--output', out, 'seeds/fixed']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /inventory of 5 categories and 0 flows \(report: /);
      assert.match(readFileSync(out, 'utf8'), /No flow reported\./);
    });
  });
});
