import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  catalog,
  generate,
  oxlintGapsTables,
  replaceBetween,
  ROOT,
  ruleHeader,
  rulesTable,
  type RuleDoc,
} from '../scripts/gen-docs';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Rule ids named by the `// @expect-rules:` header lines of the vulnerable seeds. */
function seededRules(): Set<string> {
  const named = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'seeds/vulnerable'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\/\/ @expect-rules:(.*)$/gm))
      for (const id of match[1]!.split(/[\s,]+/).filter(Boolean))
        named.add(id.replace(/^health-data\//, ''));
  }
  return named;
}

const sample: RuleDoc = {
  id: 'no-select-star-export',
  options: [],
  docs: {
    description: 'Disallow `SELECT *` | wildcards in patient-data exports',
    preset: 'recommended',
    cnilFinding: 'far more data extracted than requested',
    references: ['GDPR-5(1)(c)', 'CWE-359'],
    securitySeverity: 7.5,
  },
  fixable: false,
  hasSuggestions: true,
};

describe('generated docs', function () {
  it('the README rules table, docs/rules headers and docs/ci.md oxlint gaps are up to date (npm run docs)', async function () {
    const stale = (await generate())
      .filter((file) => file.current !== file.expected)
      .map((file) => relative(ROOT, file.path));
    assert.deepEqual(stale, [], `out of date, run \`npm run docs\`: ${stale.join(', ')}`);
  });

  it('every rule has its source, its tests, its doc and a vulnerable seed naming it', function () {
    const seeded = seededRules();
    const missing: string[] = [];
    for (const { id } of catalog()) {
      for (const path of [
        `rules/src/rules/${id}.ts`,
        `rules/tests/rules/${id}.test.ts`,
        `docs/rules/${id}.md`,
      ])
        if (!existsSync(join(ROOT, path))) missing.push(path);
      if (!seeded.has(id)) missing.push(`seeds/vulnerable/** with "// @expect-rules: ${id}"`);
    }
    assert.deepEqual(missing, []);
  });

  it('every docs/rules page belongs to a rule of the catalog', function () {
    const ids = new Set(catalog().map((rule) => rule.id));
    const pages = existsSync(join(ROOT, 'docs/rules'))
      ? readdirSync(join(ROOT, 'docs/rules')).filter((name) => name.endsWith('.md'))
      : [];
    assert.deepEqual(
      pages.filter((name) => !ids.has(name.replace(/\.md$/, ''))),
      [],
    );
  });

  it('renders one table row per rule from meta, escaping pipes', function () {
    const table = rulesTable([
      sample,
      {
        ...sample,
        id: 'require-access-audit',
        fixable: true,
        docs: { ...sample.docs, preset: 'strict' },
      },
    ]);
    const rows = table.split('\n').filter((line) => line.startsWith('| ['));
    assert.equal(rows.length, 2);
    assert.equal(
      rows[0],
      '| [health-data/no-select-star-export](docs/rules/no-select-star-export.md) | Disallow `SELECT *` \\| wildcards in patient-data exports | ✅ recommended | 💡 suggestions | far more data extracted than requested | GDPR-5(1)(c), CWE-359 |',
    );
    assert.match(rows[1]!, /\| 🔒 strict \| 🔧 fix, 💡 suggestions \|/);
  });

  it('explains 🔧 in the legend only when a rule has an automatic fix', function () {
    const legend = (rules: RuleDoc[]) => rulesTable(rules).split('\n')[0];
    assert.equal(
      legend([sample]),
      '✅ on in `recommended` (and `strict`), 🔒 on in `strict` only; 💡 suggestions, chosen one by one.',
    );
    assert.match(
      legend([sample, { ...sample, fixable: true }])!,
      /; 🔧 automatic fix, 💡 suggestions\.$/,
    );
  });

  it('renders the doc header from meta', function () {
    const header = ruleHeader(sample);
    assert.match(header, /^# health-data\/no-select-star-export\n/);
    assert.match(header, /- Preset: ✅ On in `recommended` and `strict`\./);
    assert.match(header, /- Fixable: 💡 Offers suggestions\./);
    assert.match(header, /- References: GDPR-5\(1\)\(c\), CWE-359\./);
  });

  it('renders the oxlint gaps per rule and per difference, escaping pipes', function () {
    const gap = {
      id: 'some-gap',
      rules: ['no-select-star-export'],
      difference: 'A | B',
      cause: 'why',
    };
    const text = oxlintGapsTables([sample, { ...sample, id: 'no-unencrypted-write' }], [gap]);
    assert.match(text, /^\| `health-data\/no-select-star-export` \| `some-gap` \|$/m);
    assert.match(text, /^\| `health-data\/no-unencrypted-write` \| — \|$/m);
    assert.match(text, /^\| `some-gap` \| 1 rule \| A \\\| B \| why \|$/m);
  });

  it('replaces only what lies between the markers', function () {
    const text = 'intro\n<!-- a -->\nold\n<!-- b -->\noutro\n';
    assert.equal(
      replaceBetween(text, '<!-- a -->', '<!-- b -->', 'new'),
      'intro\n<!-- a -->\n\nnew\n\n<!-- b -->\noutro\n',
    );
    assert.equal(replaceBetween('no markers', '<!-- a -->', '<!-- b -->', 'new'), undefined);
  });
});
