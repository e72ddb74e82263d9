// End-to-end test in a real VS Code: code-server (VS Code served to a browser) with the built
// extension installed, driven through headless Chromium the way a user works: open a seed file,
// read the Problems panel and the status bar, open the quick-fix menu on a finding, apply a
// suggestion, save, and check the file on disk; open a rule's bundled documentation; open the
// extension's page in the Extensions view; scan the workspace and open a place of the Patient
// Data view. The extension is the .vsix of `npm run release`,
// installed by VS Code's installer. Screenshots go to test-results/e2e/.
//
// Run with `npm run test:e2e` (builds first). The first run installs its toolchain into
// ~/.cache/health-data-lint-e2e (scripts/e2e-setup.mjs); `--update-docs` also copies the
// screenshots the README shows into docs/images/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  REPO_ROOT,
  type RunningCodeServer,
  buildVsix,
  ensureToolchain,
  freePort,
  installExtension,
  startCodeServer,
  writeUserSettings,
} from './codeServer';

const TARGET_FILE = 'migration/migration-exporter.ts';
// The finding whose quick fix the test applies, and the suggestion it prefers over the
// always-offered "Disable … for this line".
const FIX_RULE = 'health-data/no-patient-data-in-logs';
const PREFERRED_SUGGESTION = /redactPatient/;
const OVERALL_TIMEOUT_MS = 10 * 60_000;
const UI_TIMEOUT_MS = 60_000;
const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
const DOCS_IMAGES = join(REPO_ROOT, 'docs', 'images');
// The screenshots the README shows, copied by --update-docs.
const DOC_SCREENSHOTS = [
  'quick-fix-menu.png',
  'after-quick-fix.png',
  'extension-details.png',
  'patient-data-view.png',
];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

interface CliFinding {
  ruleId: string;
  line: number;
  column: number;
  suggestions?: { description: string }[];
}

const started = Date.now();
function step(message: string): void {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

function fail(message: string): never {
  throw new Error(message);
}

/** The CLI's findings for one file: what the editor must show for the same file. */
function cliFindings(workspace: string, file: string): CliFinding[] {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'rules', 'dist', 'cli.js'), '--format', 'json', file],
    { cwd: workspace, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0 && result.status !== 1) {
    fail(`the CLI failed on ${file} (${result.status}): ${result.stderr}`);
  }
  return (JSON.parse(result.stdout) as { findings: CliFinding[] }).findings;
}

async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      fail(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${String(last)})` : ''}`,
      );
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS_DIR, name) });
  step(`screenshot test-results/e2e/${name}`);
}

async function statusBarCount(page: Page): Promise<number | undefined> {
  const texts = await page.locator('.statusbar-item').allInnerTexts();
  const match = texts.map((text) => /Health data: (\d+)/.exec(text)).find(Boolean);
  return match ? Number(match[1]) : undefined;
}

async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop() ?? relativePath;
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(relativePath);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
}

async function goToPosition(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/**
 * Opens the quick-fix menu with Ctrl+. and returns its entries once the health-data actions are
 * listed; presses again if the first request raced the editor (the menu never appeared).
 */
async function openQuickFixMenu(
  page: Page,
  menu: Locator,
  items: Locator,
  rule = FIX_RULE,
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      return await poll(
        'the quick-fix menu to list the health-data actions',
        async () => {
          if (!(await menu.isVisible())) return undefined;
          const all = (await items.allInnerTexts()).map((text) => text.trim());
          const disable = `Disable ${rule} for this line`;
          return all.some((title) => title.startsWith(disable)) ? all : undefined;
        },
        15_000,
      );
    } catch (error) {
      await screenshot(page, `quick-fix-attempt-${attempt}.png`);
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** `rule@line:column` of each health-data finding in the Problems panel's rendered rows. */
async function renderedProblems(page: Page): Promise<string[]> {
  const texts = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return texts.flatMap((text) => {
    const match = /(health-data\/[a-z-]+)[^[]*\[Ln (\d+), Col (\d+)\]/.exec(text);
    return match ? [`${match[1]}@${match[2]}:${match[3]}`] : [];
  });
}

/** Every finding the Problems panel lists, scrolling through it since the list is virtual. */
async function problemsPanelFindings(page: Page): Promise<string[]> {
  const list = page.locator('.markers-panel .monaco-list').first();
  const seen = new Set(await renderedProblems(page));
  await list.hover();
  for (let scrolls = 0; scrolls < 20; scrolls++) {
    const before = seen.size;
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
    for (const finding of await renderedProblems(page)) seen.add(finding);
    if (seen.size === before && scrolls > 2) break;
  }
  await page.mouse.wheel(0, -10_000);
  return [...seen].sort();
}

/** The text of every frame of the page: webviews (the details page, previews) are frames. */
async function frameTexts(page: Page): Promise<string[]> {
  const texts = await Promise.all(
    page.frames().map((frame) =>
      frame
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch(() => ''),
    ),
  );
  return texts.filter(Boolean);
}

/**
 * _Show documentation_ on a finding opens the rule's page shipped in the extension, in VS Code's
 * Markdown preview (no network needed), not a web page.
 */
async function ruleDocumentation(page: Page, finding: CliFinding): Promise<void> {
  await openFile(page, TARGET_FILE);
  await page.locator('.monaco-editor .view-lines').first().click();
  await goToPosition(page, finding.line, finding.column);
  await page.locator('.monaco-editor .lightBulbWidget').first().waitFor({ state: 'visible' });
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  const items = menu.locator('.monaco-list-row.action');
  const titles = await openQuickFixMenu(page, menu, items, finding.ruleId);
  const show = `Show documentation for ${finding.ruleId}`;
  if (!titles.includes(show)) fail(`the quick-fix menu lacks "${show}": ${titles.join(' | ')}`);
  await items.filter({ hasText: show }).first().click();
  const id = finding.ruleId.slice('health-data/'.length);
  await page
    .locator('.tab.active', { hasText: `Preview ${id}.md` })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await poll(`the preview to render docs/rules/${id}.md`, async () =>
    (await frameTexts(page)).some(
      (text) => text.includes(`health-data/${id}`) && /Preset/.test(text),
    )
      ? true
      : undefined,
  );
  step(`Show documentation: ${id}.md open in the Markdown preview, from the extension`);
  await screenshot(page, 'rule-documentation.png');
}

/**
 * The extension's page in the Extensions view, as a user sees it after installing the .vsix: its
 * icon, and the README for users (client/README.md) rather than the developer README.
 */
async function extensionDetails(page: Page): Promise<void> {
  // The activity bar rather than Ctrl+Shift+X: the Markdown preview's webview may hold the focus.
  await page.locator('.activitybar .action-label[aria-label^="Extensions"]').first().click();
  const search = page.locator('.extensions-viewlet .suggest-input-container').first();
  await search.waitFor({ timeout: UI_TIMEOUT_MS });
  await search.click();
  await page.keyboard.type('@installed Health Data Lint');
  const entry = page
    .locator('.extensions-viewlet .monaco-list-row', { hasText: 'Health Data Lint' })
    .first();
  await entry.waitFor({ timeout: UI_TIMEOUT_MS });
  await entry.click();
  const editor = page.locator('.extension-editor');
  await editor
    .locator('.header .name', { hasText: 'Health Data Lint' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  const icon = await poll('the extension icon to load', async () => {
    const image = await editor
      .locator('.header img.icon')
      .first()
      .evaluate((element) => {
        // An HTMLImageElement; the project's types have no DOM library.
        const img = element as unknown as { src: string; naturalWidth: number; complete: boolean };
        return { src: img.src, width: img.naturalWidth, complete: img.complete };
      });
    return image.complete && image.width > 0 ? image : undefined;
  });
  if (!/icon\.png/.test(icon.src) || icon.width < 128) {
    fail(`the details page shows ${icon.src} (${icon.width} px wide), not the extension's icon`);
  }
  step(`details page icon: ${icon.src.split('/').pop()} (${icon.width} px)`);
  const readme = await poll('the details page to render the README for users', async () =>
    (await frameTexts(page)).find((text) => text.includes('Install from VSIX')),
  );
  if (/Project layout|The two commands/.test(readme)) {
    fail('the details page shows the developer README');
  }
  if (!readme.includes('health-data/no-select-star-export')) {
    fail('the details page README lacks the rule list');
  }
  step('details page shows the README for users');
  // The Problems panel would hide most of the README in the screenshot.
  await page
    .locator('.part.panel .codicon-panel-close, .part.panel .codicon-close')
    .first()
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await page.mouse.move(0, 0);
  await screenshot(page, 'extension-details.png');
}

/**
 * The Patient Data view (issue 24): empty until a scan, then the categories of the inventory;
 * expanding one lists its places, and a click on a place opens its file.
 */
async function patientDataView(page: Page): Promise<void> {
  await page.locator('.activitybar .action-label[aria-label^="Explorer"]').first().click();
  const header = page.locator('.pane-header', { hasText: 'Patient Data' }).first();
  await header.waitFor({ timeout: UI_TIMEOUT_MS });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  step('Patient Data view shown in the Explorer');
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill('>Health Data Lint: Scan Workspace');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Scan Workspace' })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  const pane = page.locator('.pane', { has: header });
  const health = pane
    .locator('.monaco-list-row', { hasText: 'Health data (special category' })
    .first();
  await health.waitFor({ timeout: UI_TIMEOUT_MS });
  const categories = await pane.locator('.monaco-list-row[aria-level="1"]').allInnerTexts();
  step(
    `Patient Data view after the scan: ${categories.map((text) => text.split('\n')[0]).join(' | ')}`,
  );
  for (const title of ['Identity', 'National and insurance identifiers', 'Health data']) {
    if (!categories.some((text) => text.startsWith(title)))
      fail(`the Patient Data view lacks the category ${title}`);
  }
  await health.click();
  // The tree renders only the rows in view: the category's first place.
  const place = pane.locator('.monaco-list-row[aria-level="2"]').first();
  await place.waitFor({ timeout: UI_TIMEOUT_MS });
  const text = await place.innerText();
  const file = /([\w.-]+\.[cm]?[jt]sx?):\d+/.exec(text)?.[1];
  if (!file) fail(`the place "${text}" names no file and line`);
  await place.click();
  await page.locator('.tab.active', { hasText: file }).waitFor({ timeout: UI_TIMEOUT_MS });
  step(`clicked "${text.replace(/\s+/g, ' ')}": ${file} open`);
  await page.mouse.move(0, 0);
  await screenshot(page, 'patient-data-view.png');
}

async function scenario(page: Page, workspace: string): Promise<void> {
  const expected = cliFindings(workspace, TARGET_FILE);
  const expectedRules = [...new Set(expected.map((finding) => finding.ruleId))].sort();
  step(
    `the CLI reports ${expected.length} findings in ${TARGET_FILE}: ${expectedRules.join(', ')}`,
  );
  if (expected.length === 0) fail(`the CLI reports nothing in seeds/vulnerable/${TARGET_FILE}`);
  const target = expected.find((finding) => finding.ruleId === FIX_RULE);
  if (!target) fail(`the CLI reports no ${FIX_RULE} in ${TARGET_FILE}`);

  await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('.explorer-folders-view, .monaco-workbench .part.sidebar').first().waitFor();
  step('workbench loaded');

  await openFile(page, TARGET_FILE);
  step(`${TARGET_FILE} open`);

  const shown = await poll('the status-bar item to show the file’s findings', async () => {
    const count = await statusBarCount(page);
    return count === expected.length ? count : undefined;
  });
  step(`status bar: "Health data: ${shown}"`);

  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: UI_TIMEOUT_MS });
  const expectedKeys = expected
    .map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`)
    .sort();
  let listed: string[] = [];
  await poll('the Problems panel to list the CLI’s findings', async () => {
    listed = await problemsPanelFindings(page);
    return listed.join() === expectedKeys.join() ? listed : undefined;
  }).catch((error: unknown) => {
    fail(
      `${String(error)}\n  Problems panel: ${listed.join(', ')}\n  CLI: ${expectedKeys.join(', ')}`,
    );
  });
  step(`Problems panel lists the same ${listed.length} findings as the CLI`);

  await page.locator('.monaco-editor .view-lines').first().click();
  await goToPosition(page, target.line, target.column);
  // The lightbulb shows once the server has answered the code-action request for the line.
  await page.locator('.monaco-editor .lightBulbWidget').first().waitFor({ state: 'visible' });
  step(`lightbulb shown at ${target.line}:${target.column}`);
  await screenshot(page, 'problems-panel.png');
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  const items = menu.locator('.monaco-list-row.action');
  const titles = await openQuickFixMenu(page, menu, items);
  step(`quick-fix menu: ${titles.join(' | ')}`);
  const suggestions = target.suggestions?.map((suggestion) => suggestion.description) ?? [];
  for (const suggestion of suggestions) {
    if (!titles.includes(suggestion))
      fail(`the quick-fix menu lacks the suggestion "${suggestion}"`);
  }
  const chosen =
    titles.find((title) => PREFERRED_SUGGESTION.test(title)) ??
    suggestions[0] ??
    titles.find((title) => title.startsWith(`Disable ${FIX_RULE}`)) ??
    fail('no quick fix to apply');
  await screenshot(page, 'quick-fix-menu.png');

  const path = join(workspace, TARGET_FILE);
  const before = readFileSync(path, 'utf8');
  await items.filter({ hasText: chosen }).first().click();
  await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Control+S');
  const after = await poll('the quick fix to reach the file on disk', async () => {
    const text = readFileSync(path, 'utf8');
    return text !== before ? text : undefined;
  });
  step(`applied "${chosen}" and saved`);
  if (PREFERRED_SUGGESTION.test(chosen)) {
    if (!after.includes('redactPatient(patient)')) {
      fail(`after "${chosen}" the file does not call redactPatient(patient)`);
    }
    // The helper comes from healthdata.config.json's redaction.fix, import included.
    if (!/import\s*\{[^}]*\bredactPatient\b[^}]*\}\s*from/.test(after)) {
      fail(`after "${chosen}" the file does not import redactPatient`);
    }
  }

  const remaining = cliFindings(workspace, TARGET_FILE);
  const count = (findings: CliFinding[]) =>
    findings.filter((finding) => finding.ruleId === FIX_RULE).length;
  if (count(remaining) !== count(expected) - 1 || remaining.length !== expected.length - 1) {
    fail(
      `after the fix the CLI reports ${remaining.length} findings (${count(remaining)} ${FIX_RULE}), ` +
        `expected ${expected.length - 1} (${count(expected) - 1})`,
    );
  }
  const updated = await poll('the status bar to drop the fixed finding', async () => {
    const count = await statusBarCount(page);
    return count === remaining.length ? count : undefined;
  });
  step(`status bar after the fix: "Health data: ${updated}"`);
  await screenshot(page, 'after-quick-fix.png');

  await ruleDocumentation(page, remaining[0]!);
  await extensionDetails(page);
  await patientDataView(page);
}

let server: RunningCodeServer | undefined;

async function main(): Promise<void> {
  const updateDocs = process.argv.includes('--update-docs');
  // Artifacts of an earlier run (a failure's logs) must not pass for this run's.
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  step('toolchain');
  const toolchain = ensureToolchain();
  step(`toolchain: ${toolchain.nodeVersion}, ${toolchain.codeServer}`);

  const scratch = mkdtempSync(join(tmpdir(), 'hdl-e2e-'));
  // A copy: the test edits the file it fixes, and the repository's seeds must stay as they are.
  const workspace = join(scratch, 'vulnerable');
  cpSync(join(REPO_ROOT, 'seeds', 'vulnerable'), workspace, { recursive: true });
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  writeUserSettings(userDataDir);
  const vsix = buildVsix(join(scratch, 'release'));
  step(`built ${vsix}`);
  const extensionId = installExtension(toolchain, vsix, extensionsDir, userDataDir);
  step(`extension ${extensionId} installed from the .vsix in ${extensionsDir}`);

  let context: BrowserContext | undefined;
  let passed = false;
  const watchdog = setTimeout(() => {
    console.error(`[e2e] FAILED: no result after ${OVERALL_TIMEOUT_MS / 60_000} minutes`);
    void abort();
  }, OVERALL_TIMEOUT_MS);
  try {
    server = await startCodeServer({
      toolchain,
      port: await freePort(),
      userDataDir,
      extensionsDir,
      configFile: join(scratch, 'code-server.yaml'),
      workspace,
      logFile: join(RESULTS_DIR, 'code-server.log'),
    });
    step(`code-server listening on ${server.url}`);
    context = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: toolchain.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      timeout: UI_TIMEOUT_MS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(server.url, { timeout: UI_TIMEOUT_MS });
    try {
      await scenario(page, workspace);
      passed = true;
    } catch (error) {
      await page.screenshot({ path: join(RESULTS_DIR, 'failure.png') }).catch(() => undefined);
      throw error;
    }
  } finally {
    clearTimeout(watchdog);
    await context?.close().catch(() => undefined);
    await server?.stop();
    if (!passed) {
      // The extension host and language-server logs explain most failures.
      try {
        cpSync(join(userDataDir, 'logs'), join(RESULTS_DIR, 'logs'), { recursive: true });
      } catch {
        // code-server did not get far enough to write logs; code-server.log says why.
      }
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  if (updateDocs) {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    for (const name of DOC_SCREENSHOTS)
      copyFileSync(join(RESULTS_DIR, name), join(DOCS_IMAGES, name));
    step(`copied ${DOC_SCREENSHOTS.join(', ')} to docs/images/`);
  }
  step('PASSED');
}

// Whatever ends the run, code-server's process group goes with it.
async function abort(): Promise<never> {
  await server?.stop().catch(() => undefined);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`[e2e] interrupted by ${signal}`);
    void abort();
  });
}

main().catch((error: unknown) => {
  console.error(`[e2e] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  console.error('[e2e] artifacts: test-results/e2e/ (screenshots, code-server.log, logs/)');
  process.exit(1);
});
