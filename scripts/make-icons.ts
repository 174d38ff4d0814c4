/**
 * `node scripts/make-icons.ts`: renders assets/icon.svg into the PNG sizes browsers and stores ask
 * for (public/icon/<size>.png, which WXT puts in the manifest's `icons`), with Debian's Chromium.
 * Run it after changing the SVG and commit the PNGs; builds do not need Chromium.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(path.resolve('assets/icon.svg'), 'utf8');
const out = path.resolve('public/icon');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: path.join(out, `${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
console.log(`Wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
