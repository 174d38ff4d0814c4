import type { Page } from 'puppeteer-core';

/**
 * Sizes a Firefox page with WebDriver BiDi's browsingContext.setViewport alone. puppeteer's
 * page.setViewport also sends emulation.setScreenOrientationOverride, which Firefox ESR 140.12 does
 * not know ("unknown command"), and fails.
 */
export async function setFirefoxViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  const frame = page.mainFrame() as unknown as { browsingContext: { setViewport(options: { viewport: { width: number; height: number } }): Promise<void> } };
  await frame.browsingContext.setViewport({ viewport: size });
}
