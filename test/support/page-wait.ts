import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';

/**
 * puppeteer's `page.waitForFunction`, for Firefox: it polls by building a function in the page
 * (`new Function`), which Firefox ESR 140.12 blocks on extension pages by their CSP ("call to
 * Function() blocked by CSP"). This polls with `evaluateHandle` instead, which WebDriver BiDi runs
 * outside the page's CSP. Resolves to the first truthy value's handle, as waitForFunction does.
 */
export async function waitForInPage(
  page: Page,
  // The page's arguments may be handles standing for page values (an element), as with waitForFunction.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (...args: any[]) => unknown,
  options: { timeout?: number } = {},
  ...args: unknown[]
): Promise<JSHandle | ElementHandle> {
  const deadline = Date.now() + (options.timeout ?? 30_000);
  for (;;) {
    // A probe that throws (the page is navigating) counts as "not yet".
    const handle = await page.evaluateHandle(fn, ...args).catch(() => undefined);
    if (handle && (await handle.evaluate((v) => Boolean(v)).catch(() => false))) return handle;
    await handle?.dispose().catch(() => undefined);
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeout ?? 30_000} ms waiting for ${fn.name || 'a condition'} in the page`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
