// Renders the extension icon, client/images/icon.svg, to the PNG the .vsix ships
// (client/images/icon.png, 256×256: the Marketplace asks for at least 128×128 and VS Code
// shows it at 128 on high-density screens). The PNG is committed, so `npm run release` needs no
// browser; run this after changing the SVG. It uses the Chromium of the end-to-end test
// (scripts/e2e-setup.mjs) through playwright-core, with no network.
//
// Usage: node scripts/render-icon.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './e2e-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'client/images/icon.svg');
const target = join(root, 'client/images/icon.png');
const SIZE = 256;

const browser = await chromium.launch({
  executablePath: process.env.HDL_CHROMIUM || CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  const svg = readFileSync(source, 'utf8');
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace(
      /<svg /,
      `<svg style="display:block;width:${SIZE}px;height:${SIZE}px" `,
    )}</body></html>`,
  );
  await page.locator('svg').screenshot({ path: target, omitBackground: true });
  console.log(`wrote ${target} (${SIZE}×${SIZE})`);
} finally {
  await browser.close();
}
