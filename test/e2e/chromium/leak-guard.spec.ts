/**
 * The leak guard guards: every other test ends with `expectNoLeaks` (test/support/server-fixtures.ts),
 * which passes trivially if the guard is blind to a context. Here a canary is planted in each
 * context's console and a request is made to an outside host from the background and from a page,
 * and the guard must see every one of them.
 */
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { enterContentScriptWorld } from '../../support/content-script-world.ts';
import { expectGuardToSee } from '../../support/leak-guard-proof.ts';
import { expect, test } from './fixtures';

test.use({ leakGuard: false });

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
  const contentScript = await enterContentScriptWorld(ext, chart);
  await contentScript.evaluate("console.error('canary: Delphine Marsh')");
  await contentScript.close();
  await chart.evaluate((key) => console.info(`canary: ${key}`), TEST_API_KEY);

  await ext.background.evaluate(() => fetch('https://api.chartside-leak-guard.example/from-background').catch(() => undefined));
  await chart.evaluate(() => fetch('http://chartside-leak-guard.example/from-page?q=1', { mode: 'no-cors' }).catch(() => undefined));

  await expectGuardToSee(ext, offsiteSink, ['Evelyn Hartwell', 'viral pharyngitis', 'Delphine Marsh']);
});
