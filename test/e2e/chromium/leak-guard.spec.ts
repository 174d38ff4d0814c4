/**
 * The leak guard guards: every other test ends with `expectNoLeaks` (test/support/server-fixtures.ts),
 * which passes trivially if the guard is blind to a context. Here a canary is planted in each
 * context's console and a request is made to an outside host from the background and from a page,
 * and the guard must see every one of them.
 */
import type { CDPSession, Page } from '@playwright/test';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { findPhi } from '../../support/phi-canaries.ts';
import { expect, test } from './fixtures';

test.use({ leakGuard: false });

/** Runs `expression` in Chartside's content-script world of `page` (its isolated world, with its chrome.* APIs). */
async function inContentScriptWorld(page: Page, cdp: CDPSession, extensionId: string, expression: string): Promise<void> {
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
  await expect.poll(() => world() !== undefined, { message: "Chartside's content script world on the chart" }).toBe(true);
  const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world()!.id });
  expect(exceptionDetails).toBeUndefined();
  void page;
}

test('the guard sees a canary in the console of the background, the panel, a content script and a page, and a request to any outside host', async ({
  ext,
  chart,
  panel,
  offsiteSink,
}) => {
  // Reading the chart injects the content script into the chart's tab.
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('Maria Alvarez');

  await ext.background.evaluate(() => console.log('canary: Evelyn Hartwell'));
  await panel.evaluate(() => console.warn('canary: likely viral pharyngitis'));
  await inContentScriptWorld(chart, await ext.context.newCDPSession(chart), ext.extensionId, "console.error('canary: Delphine Marsh')");
  await chart.evaluate((key) => console.info(`canary: ${key}`), TEST_API_KEY);

  await ext.background.evaluate(() => fetch('https://api.chartside-leak-guard.example/from-background').catch(() => undefined));
  await chart.evaluate(() => fetch('http://chartside-leak-guard.example/from-page?q=1', { mode: 'no-cors' }).catch(() => undefined));

  await expect
    .poll(() => findPhi(ext.consoleOutput()).map((hit) => hit.split(' in: ')[0]))
    .toEqual(expect.arrayContaining(['Evelyn Hartwell', 'viral pharyngitis', 'Delphine Marsh', expect.stringMatching(/^\/snapi_sk_/)]));
  await expect
    .poll(() => offsiteSink.requests.map((r) => r.requestLine))
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CONNECT api\.chartside-leak-guard\.example:443 /),
        expect.stringMatching(/^GET http:\/\/chartside-leak-guard\.example\/from-page\?q=1 /),
      ]),
    );
});
