/**
 * Firefox's leak guard guards (chromium/leak-guard.spec.ts is the fuller original): a canary in the
 * console of the background event page, an extension page and a page, and a request to an outside
 * host from the background and from a page, are each seen by what every other Firefox test ends with
 * (`expectNoLeaks`). Content scripts print through the same content-process console as pages; WebDriver
 * BiDi offers no way into their world, so Chromium's suite is the one that plants a canary there.
 */
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { openExtensionPage } from '../../support/firefox-extension.ts';
import { expectGuardToSee } from '../../support/leak-guard-proof.ts';
import { expect, test } from './fixtures.ts';

test.use({ leakGuard: false });

test('the guard sees a canary in the console of the background, an extension page and a page, and requests to outside hosts', async ({ ext, ehr, offsiteSink }) => {
  const options = await openExtensionPage(ext, 'options.html');
  await options.evaluate(() => console.warn('canary: likely viral pharyngitis'));
  await options.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window & typeof globalThis> } } }).browser;
    const background = await api.runtime.getBackgroundPage();
    background.console.log('canary: Evelyn Hartwell');
    await background.fetch('https://api.chartside-leak-guard.example/from-background').catch(() => undefined);
  });
  const chart = await ext.browser.newPage();
  await chart.goto(`${ehr.url}/sample-chart.html`);
  await chart.evaluate((key: string) => console.info(`canary: ${key}`), TEST_API_KEY);
  await chart.evaluate(() => fetch('http://chartside-leak-guard.example/from-page?q=1', { mode: 'no-cors' }).catch(() => undefined));

  await expectGuardToSee(ext, offsiteSink, ['Evelyn Hartwell', 'viral pharyngitis']);
});
