/**
 * The accessibility audit of an extension page in Firefox (issue 20), as test/support/axe-audit.ts is
 * for Chromium: Firefox is driven by puppeteer-core over WebDriver BiDi, which @axe-core/playwright
 * cannot drive, so axe-core's own build is evaluated in the page and run with the same rules; the
 * findings are filtered and written by the same code (test/support/axe-report.ts).
 *
 * The moz-extension:// page's CSP does not stop this: WebDriver BiDi evaluates as the debugger does,
 * not as a page script. The colour scheme is Firefox's own preference for content
 * (`layout.css.prefers-color-scheme.content-override`: 0 dark, 1 light), set in the parent process
 * (BiDi has no media emulation here, and puppeteer's needs CDP); pages follow it a moment later, so
 * the switch waits until the page's background shows it.
 */
import { expect } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { assertAxeRan, AXE_RUN_OPTIONS, COLOR_SCHEMES, describeViolations, isDarkBackground, seriousViolations, type ColorScheme } from './axe-report.ts';
import { evaluateInBrowserChrome, waitFor, type FirefoxExtension } from './firefox-extension.ts';

const AXE_SOURCE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

type AxeFindings = Pick<AxeResults, 'url' | 'violations' | 'passes'>;

/** The page's serious and critical findings, one line each, in the scheme it shows now. */
export async function auditFirefoxPage(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // Returned as JSON: the results are deep, and BiDi's serialisation of remote values has a depth limit.
  const json = await page.evaluate(async (options) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe;
    const { url, violations, passes } = await axe.run(document, options);
    return JSON.stringify({ url, violations, passes: passes.map(({ id }) => ({ id })) });
  }, AXE_RUN_OPTIONS);
  const results = JSON.parse(json) as AxeFindings;
  assertAxeRan(results);
  return describeViolations(seriousViolations(results));
}

const CONTENT_OVERRIDE: Record<ColorScheme, number> = { dark: 0, light: 1 };

/** Switches Firefox's pages to `scheme` and waits until this page's theme shows it. */
export async function showFirefoxScheme(ext: FirefoxExtension, page: Page, scheme: ColorScheme): Promise<void> {
  await evaluateInBrowserChrome(ext, `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${CONTENT_OVERRIDE[scheme]});`);
  await waitFor(`the ${scheme} scheme`, async () => isDarkBackground(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)) === (scheme === 'dark'));
}

/**
 * Audits the page as it is now, light then dark. Soft: every scheme and every state of a test is
 * reported in one run. Leaves Firefox in the light scheme.
 */
export async function expectAccessibleInFirefox(ext: FirefoxExtension, page: Page, what: string): Promise<void> {
  for (const scheme of COLOR_SCHEMES) {
    await showFirefoxScheme(ext, page, scheme);
    expect.soft(await auditFirefoxPage(page), `serious or critical axe violations: ${what}, ${scheme}`).toEqual([]);
  }
  await showFirefoxScheme(ext, page, 'light');
}
