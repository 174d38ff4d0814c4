/**
 * The accessibility audit of an extension page in Chromium (issue 20): axe-core through
 * @axe-core/playwright, WCAG 2.0/2.1 A and AA, in the light and the dark colour scheme; any serious
 * or critical finding fails the test, listed rule by rule (test/support/axe-report.ts).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { assertAxeRan, AXE_TAGS, COLOR_SCHEMES, describeViolations, isDarkBackground, seriousViolations, type ColorScheme } from './axe-report.ts';

/** The page's serious and critical findings, one line each, in the scheme it shows now. */
export async function auditPage(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags([...AXE_TAGS]).analyze();
  assertAxeRan(results);
  return describeViolations(seriousViolations(results));
}

/** Switches the page to `scheme` and checks that its theme followed (not just the media query). */
export async function showScheme(page: Page, scheme: ColorScheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(isDarkBackground(background), `the page's background in the ${scheme} scheme is ${background}`).toBe(scheme === 'dark');
}

/**
 * Audits the page as it is now, light then dark. Soft: every scheme and every state of a test is
 * reported in one run. Leaves the page in the light scheme.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const scheme of COLOR_SCHEMES) {
    await showScheme(page, scheme);
    expect.soft(await auditPage(page), `serious or critical axe violations: ${what}, ${scheme}`).toEqual([]);
  }
  await showScheme(page, 'light');
}
