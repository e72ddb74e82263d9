import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { ensureBuilt, ROOT, runCli } from './helpers';

// The Chromium the end-to-end test drives (scripts/e2e-setup.mjs installs Debian's package).
const CHROMIUM = process.env.HEALTH_DATA_LINT_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results');
/** With UPDATE_DOCS_IMAGES=1 the screenshot also replaces the one docs/inventory.md shows. */
const DOCS_IMAGE = join(ROOT, 'docs/images/inventory.png');

describe('the HTML inventory in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let scratch: string;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `    (no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set HEALTH_DATA_LINT_CHROMIUM)`,
      );
      this.skip();
    }
    ensureBuilt();
    scratch = mkdtempSync(join(tmpdir(), 'hdl-inventory-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  after(async function () {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('renders offline: no request leaves the file, the diagram has its nodes and curves', async function () {
    const file = join(scratch, 'inventory.html');
    const run = runCli([
      '--report',
      'inventory',
      '--format',
      'html',
      '--output',
      file,
      'seeds/vulnerable',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(
      runCli(['--report', 'inventory', '--format', 'json', 'seeds/vulnerable']).stdout,
    ) as { flows: unknown[]; categories: { flows: unknown[] }[] };

    const context = await browser!.newContext({ viewport: { width: 1200, height: 1500 } });
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });

    assert.deepEqual(
      requests.filter((request) => request !== url),
      [],
      'the report fetched something',
    );
    assert.deepEqual(errors, []);
    assert.equal(await page.title(), 'Patient-data inventory');
    const categories = json.categories.filter((category) => category.flows.length > 0).length;
    assert.equal(await page.locator('svg.diagram g.node.category').count(), categories);
    assert.equal(await page.locator('svg.diagram g.node.flow').count(), json.flows.length);
    assert.ok((await page.locator('svg.diagram path.edge').count()) >= json.flows.length);
    // Laid out inside the picture: every node's box is within the SVG's.
    const outside = await page.evaluate<number>(`(() => {
      const svg = document.querySelector('svg.diagram').getBoundingClientRect();
      return [...document.querySelectorAll('svg.diagram g.node')].filter((node) => {
        const box = node.getBoundingClientRect();
        return box.width === 0 || box.left < svg.left - 1 || box.right > svg.right + 1 ||
          box.top < svg.top - 1 || box.bottom > svg.bottom + 1;
      }).length;
    })()`);
    assert.equal(outside, 0);
    assert.ok((await page.locator('table').count()) > 4);

    // Printable: Chromium lays it out on paper pages.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 10_000);
    await page.emulateMedia({ media: 'screen' });

    mkdirSync(RESULTS, { recursive: true });
    const png = await page.screenshot({ path: join(RESULTS, 'inventory.png') });
    if (process.env.UPDATE_DOCS_IMAGES) writeFileSync(DOCS_IMAGE, png);
    await context.close();
  });
});
