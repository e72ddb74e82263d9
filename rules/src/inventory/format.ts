import type { FindingRef, Flow, Inventory } from './build';
import { CATEGORY_TITLES } from './categories';
import type { Definition } from './definitions';
import { FLOW_COLUMNS, FLOW_ORDER, FLOW_TITLES, type FlowKind } from './flows';

export type InventoryFormat = 'md' | 'html' | 'json' | 'csv';
export const INVENTORY_FORMATS: readonly InventoryFormat[] = ['md', 'html', 'json', 'csv'];

export interface InventoryTool {
  name: string;
  version: string;
}

/** How a report names each kind of declaration (also the editor's Patient Data view). */
export const FORM_TITLES: Readonly<Record<Definition['form'], string>> = {
  sql: 'SQL table',
  prisma: 'Prisma model',
  sequelize: 'Sequelize model',
  typeorm: 'TypeORM entity',
  knex: 'knex table',
  mongoose: 'Mongoose schema',
  drizzle: 'Drizzle table',
  type: 'TypeScript type',
  fhir: 'FHIR resource',
};

const LIMITS =
  'Static analysis: a flow is listed only where a rule of Health Data Lint reported it, with what ' +
  'the rule saw. Protected flows (an authenticated route, an encrypted write) are not listed; data ' +
  'reached through code the analysis cannot follow (dynamic calls, other languages, configuration, ' +
  'infrastructure) is missing. Categories come from the names the code declares and uses.';

export function formatInventory(
  inventory: Inventory,
  format: InventoryFormat,
  tool: InventoryTool,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ tool, ...inventory }, null, 2)}\n`;
    case 'csv':
      return formatCsv(inventory);
    case 'html':
      return formatHtml(inventory, tool);
    default:
      return formatMarkdown(inventory, tool);
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function headline(inventory: Inventory, tool: InventoryTool): string {
  const { totals } = inventory;
  return `${tool.name} ${tool.version}: ${plural(inventory.files, 'file', 'files')} read; ${plural(totals.categories, 'category', 'categories')} of patient data, ${plural(totals.definitions, 'declaration', 'declarations')}, ${plural(totals.flows, 'flow', 'flows')} from ${plural(totals.findings, 'finding', 'findings')}.`;
}

const place = (item: { file: string; line: number }) => `${item.file}:${item.line}`;
const rule = (finding: FindingRef) => finding.ruleId.replace(/^health-data\//, '');
const definitionName = (d: Definition) => (d.field ? `${d.place}.${d.field}` : d.place);

/** Per category, how many flows of each kind: the summary table's columns. */
const SUMMARY_KINDS: readonly FlowKind[] = FLOW_ORDER;

// ---- Markdown ----

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
  ].join('\n');
}

function formatMarkdown(inventory: Inventory, tool: InventoryTool): string {
  const out: string[] = [
    '# Patient-data inventory',
    '',
    headline(inventory, tool),
    '',
    `> ${LIMITS}`,
    '',
    '## Summary',
    '',
    mdTable(
      ['Category', 'Kinds', 'Declared', ...SUMMARY_KINDS.map((k) => FLOW_COLUMNS[k]), 'Findings'],
      inventory.categories.map((category) => [
        category.title,
        category.kinds.join(', '),
        String(category.totals.definitions),
        ...SUMMARY_KINDS.map((k) => String(category.totals.byFlow[k] ?? 0)),
        String(category.totals.findings),
      ]),
    ),
  ];
  for (const category of inventory.categories) {
    out.push('', `## ${category.title}`, '', `Kinds: ${category.kinds.join(', ')}.`, '');
    out.push('### Where it is declared', '');
    out.push(
      category.definitions.length === 0
        ? 'No declaration found (the data is only seen in flows).'
        : mdTable(
            ['Kind', 'Name', 'Declared as', 'Place'],
            category.definitions.map((d) => [
              d.kind,
              definitionName(d),
              FORM_TITLES[d.form],
              place(d),
            ]),
          ),
    );
    out.push('', '### Where it flows', '');
    const flows = inventory.flows.filter((flow) => category.flows.includes(flow.id));
    out.push(
      flows.length === 0
        ? 'No flow reported.'
        : mdTable(
            ['Flow', 'Target', 'Finding', 'Kinds', 'Findings'],
            flows.map((flow) => [
              FLOW_TITLES[flow.kind],
              flow.target,
              flow.state,
              flow.categories.find((c) => c.category === category.id)?.kinds.join(', ') ?? '',
              flow.findings.map((f) => `${place(f)} (${rule(f)})`).join(', '),
            ]),
          ),
    );
  }
  if (inventory.channels.length > 0) {
    out.push('', '## Exposures and channels with no patient data traced', '');
    out.push(
      mdTable(
        ['Flow', 'Target', 'Finding', 'Findings'],
        inventory.channels.map((flow) => [
          FLOW_TITLES[flow.kind],
          flow.target,
          flow.state,
          flow.findings.map((f) => `${place(f)} (${rule(f)})`).join(', '),
        ]),
      ),
    );
  }
  if (inventory.otherFindings.length > 0) {
    out.push('', '## Other findings', '');
    out.push(
      mdTable(
        ['Rule', 'Place', 'Message'],
        inventory.otherFindings.map((f) => [rule(f), place(f), f.message]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

// ---- CSV (RFC 4180) ----

function csvCell(text: string | number): string {
  const value = String(text);
  // A cell starting with = + - @ is a formula to spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_HEAD = [
  'record',
  'category',
  'kind',
  'flow',
  'target',
  'state',
  'name',
  'declared_as',
  'file',
  'line',
  'rule',
  'message',
];

function formatCsv(inventory: Inventory): string {
  const rows: (string | number)[][] = [CSV_HEAD];
  for (const category of inventory.categories)
    for (const d of category.definitions)
      rows.push([
        'declaration',
        category.id,
        d.kind,
        '',
        '',
        '',
        definitionName(d),
        FORM_TITLES[d.form],
        d.file,
        d.line,
        '',
        '',
      ]);
  const flowRows = (record: string, flow: Flow, category: string, kinds: string) =>
    flow.findings.map((f) => [
      record,
      category,
      kinds,
      flow.kind,
      flow.target,
      flow.state,
      '',
      '',
      f.file,
      f.line,
      rule(f),
      f.message,
    ]);
  for (const flow of inventory.flows)
    for (const c of flow.categories)
      rows.push(...flowRows('flow', flow, c.category, c.kinds.join('; ')));
  for (const flow of inventory.channels) rows.push(...flowRows('channel', flow, '', ''));
  for (const f of inventory.otherFindings)
    rows.push(['other', '', '', '', '', '', '', '', f.file, f.line, rule(f), f.message]);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ---- HTML: one file, no script, no network ----

function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const FLOW_COLOURS: Readonly<Record<FlowKind, string>> = {
  route: '#b3261e',
  store: '#7d5260',
  export: '#8a5a00',
  log: '#4a6572',
  transport: '#1f5fa8',
  'third-party': '#6b3fa0',
  pseudonym: '#2e7d32',
  code: '#5f5f5f',
};

const NODE_HEIGHT = 22;
const NODE_GAP = 6;
const KIND_GAP = 26;
const LEFT_WIDTH = 250;
const RIGHT_X = 520;
const RIGHT_WIDTH = 440;
/** Characters of a flow label that fit its box at 12 px (the whole label is its tooltip). */
const MAX_LABEL = 62;

const shorten = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * The flow chart: categories on the left, the routes, stores, exports, logs and services their
 * data reaches on the right (grouped by kind of flow), one curve per category and flow. Laid out
 * here in plain SVG: columns and rows need no layout library, and the file stays one page.
 */
export function flowDiagram(inventory: Inventory): string {
  const flows = inventory.flows;
  const categories = inventory.categories.filter((c) => c.flows.length > 0);
  if (flows.length === 0 || categories.length === 0)
    return '<p class="empty">No flow of patient data was reported: there is nothing to draw.</p>';
  const right = new Map<string, number>();
  const headers: { kind: FlowKind; y: number }[] = [];
  let y = 24;
  for (const kind of FLOW_ORDER) {
    const ofKind = flows.filter((flow) => flow.kind === kind);
    if (ofKind.length === 0) continue;
    headers.push({ kind, y });
    y += 18;
    for (const flow of ofKind) {
      right.set(flow.id, y);
      y += NODE_HEIGHT + NODE_GAP;
    }
    y += KIND_GAP - NODE_GAP;
  }
  const height = Math.max(y, 24 + categories.length * (NODE_HEIGHT + 30));
  const step = (height - 24) / categories.length;
  const left = new Map(
    categories.map((c, index) => [c.id, 24 + index * step + (step - NODE_HEIGHT * 2) / 2]),
  );
  const parts: string[] = [];
  for (const flow of flows) {
    const to = right.get(flow.id)! + NODE_HEIGHT / 2;
    for (const entry of flow.categories) {
      const fromTop = left.get(entry.category);
      if (fromTop === undefined) continue;
      const from = fromTop + NODE_HEIGHT;
      const x1 = LEFT_WIDTH + 10;
      const x2 = RIGHT_X;
      const mid = (x1 + x2) / 2;
      parts.push(
        `<path class="edge" d="M${x1},${from.toFixed(1)} C${mid},${from.toFixed(1)} ${mid},${to.toFixed(1)} ${x2},${to.toFixed(1)}" stroke="${FLOW_COLOURS[flow.kind]}" stroke-width="${Math.min(6, 1.5 + flow.findings.length / 2).toFixed(1)}"><title>${esc(`${CATEGORY_TITLES[entry.category]} → ${flow.target}: ${entry.kinds.join(', ')}`)}</title></path>`,
      );
    }
  }
  for (const category of categories) {
    const top = left.get(category.id)!;
    parts.push(
      `<g class="node category" data-category="${esc(category.id)}"><rect x="10" y="${top.toFixed(1)}" width="${LEFT_WIDTH}" height="${NODE_HEIGHT * 2}" rx="4"/><text x="18" y="${(top + 17).toFixed(1)}" class="title">${esc(shorten(category.title, 38))}</text><text x="18" y="${(top + 35).toFixed(1)}">${esc(shorten(category.kinds.join(', '), 42))}</text></g>`,
    );
  }
  for (const header of headers)
    parts.push(
      `<text class="kind" x="${RIGHT_X}" y="${header.y + 12}" fill="${FLOW_COLOURS[header.kind]}">${esc(FLOW_TITLES[header.kind])}</text>`,
    );
  for (const flow of flows) {
    const top = right.get(flow.id)!;
    parts.push(
      `<g class="node flow" data-flow="${esc(flow.kind)}"><rect x="${RIGHT_X}" y="${top}" width="${RIGHT_WIDTH}" height="${NODE_HEIGHT}" rx="4" stroke="${FLOW_COLOURS[flow.kind]}"/><text x="${RIGHT_X + 8}" y="${top + 15}">${esc(shorten(`${flow.target} — ${flow.state}`, MAX_LABEL))}</text><title>${esc(`${flow.target} (${flow.state}): ${flow.findings.length} finding(s)`)}</title></g>`,
    );
  }
  const width = RIGHT_X + RIGHT_WIDTH + 10;
  return `<svg class="diagram" role="img" aria-label="Categories of patient data and where they flow" viewBox="0 0 ${width} ${Math.ceil(height)}" width="${width}" height="${Math.ceil(height)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin-top: 1.2rem; }
.limits { background: #f4f4f4; border-left: 4px solid #888; padding: .6rem .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 12.5px; }
th, td { border: 1px solid #cfcfcf; padding: 3px 6px; text-align: left; vertical-align: top; word-break: break-word; }
th { background: #ececec; }
.diagram { max-width: 100%; height: auto; }
.diagram .edge { fill: none; stroke-opacity: .55; }
.diagram .node rect { fill: #fff; stroke: #555; }
.diagram .category rect { fill: #f1f4f9; }
.diagram text { font-size: 12px; fill: #1b1b1b; }
.diagram text.title { font-weight: 600; }
.diagram text.kind { font-weight: 600; font-size: 12.5px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-before: auto; break-after: avoid; }
  table, .diagram { break-inside: auto; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function formatHtml(inventory: Inventory, tool: InventoryTool): string {
  const body: string[] = [
    '<h1>Patient-data inventory</h1>',
    `<p>${esc(headline(inventory, tool))}</p>`,
    `<p class="limits">${esc(LIMITS)}</p>`,
    '<h2>Summary</h2>',
    htmlTable(
      ['Category', 'Kinds', 'Declared', ...SUMMARY_KINDS.map((k) => FLOW_COLUMNS[k]), 'Findings'],
      inventory.categories.map((category) => [
        category.title,
        category.kinds.join(', '),
        String(category.totals.definitions),
        ...SUMMARY_KINDS.map((k) => String(category.totals.byFlow[k] ?? 0)),
        String(category.totals.findings),
      ]),
    ),
    '<h2>Where patient data flows</h2>',
    flowDiagram(inventory),
  ];
  for (const category of inventory.categories) {
    body.push(`<h2 id="${esc(category.id)}">${esc(category.title)}</h2>`);
    body.push(`<p>Kinds: ${esc(category.kinds.join(', '))}.</p>`, '<h3>Where it is declared</h3>');
    body.push(
      category.definitions.length === 0
        ? '<p>No declaration found (the data is only seen in flows).</p>'
        : htmlTable(
            ['Kind', 'Name', 'Declared as', 'Place'],
            category.definitions.map((d) => [
              d.kind,
              definitionName(d),
              FORM_TITLES[d.form],
              place(d),
            ]),
          ),
    );
    body.push('<h3>Where it flows</h3>');
    const flows = inventory.flows.filter((flow) => category.flows.includes(flow.id));
    body.push(
      flows.length === 0
        ? '<p>No flow reported.</p>'
        : htmlTable(
            ['Flow', 'Target', 'Finding', 'Kinds', 'Findings'],
            flows.map((flow) => [
              FLOW_TITLES[flow.kind],
              flow.target,
              flow.state,
              flow.categories.find((c) => c.category === category.id)?.kinds.join(', ') ?? '',
              flow.findings.map((f) => `${place(f)} (${rule(f)})`).join(', '),
            ]),
          ),
    );
  }
  if (inventory.channels.length > 0)
    body.push(
      '<h2>Exposures and channels with no patient data traced</h2>',
      htmlTable(
        ['Flow', 'Target', 'Finding', 'Findings'],
        inventory.channels.map((flow) => [
          FLOW_TITLES[flow.kind],
          flow.target,
          flow.state,
          flow.findings.map((f) => `${place(f)} (${rule(f)})`).join(', '),
        ]),
      ),
    );
  if (inventory.otherFindings.length > 0)
    body.push(
      '<h2>Other findings</h2>',
      htmlTable(
        ['Rule', 'Place', 'Message'],
        inventory.otherFindings.map((f) => [rule(f), place(f), f.message]),
      ),
    );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Patient-data inventory</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
