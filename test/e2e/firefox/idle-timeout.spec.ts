import { expect, test, TRANSCRIPT } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { configureThroughOptions, generate, openChartWithPanel, openExtensionPage, panelSections, textOfRole, waitFor } from '../../support/firefox-extension.ts';

// The idle timeout in Firefox (chromium/idle-timeout.spec.ts is the fuller original), where the
// background is an event page and storage.session is Firefox's own: after the chosen time without
// activity, the alarm's check empties the panel and storage.session of the visit, says why, and
// keeps the settings; a new note then works. Time is made to pass as a sleeping computer would: the
// stored last activity is moved back, then the background's minute alarm is made due now.

const LAST_ACTIVITY = 'idle:last-activity-at';
const CLEARED_AFTER_5 = 'Patient data was cleared after 5 minutes without activity.';
const VISIT_TRACES = ['sore throat', 'Maria Alvarez', '[Chartside API emulator]'];

type ExtensionApi = {
  storage: { session: { get(key: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  alarms: { create(name: string, info: object): void };
};

/** storage.session as an extension page sees it, as JSON. */
const sessionJson = (extensionPage: Page) =>
  extensionPage.evaluate(async () => JSON.stringify(await (globalThis as unknown as { browser: ExtensionApi }).browser.storage.session.get(null)));

test('after the idle timeout the panel and storage.session hold nothing of the visit, the choice is kept, and a new note works', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  await options.select('#idle-timeout', '5');
  await waitFor('the idle choice to be saved', async () => (await textOfRole(options, 'status')).includes('cleared after 5 minutes'));

  const { panel } = await openChartWithPanel(ext, options, `${ehr.url}/sample-chart.html`);
  await (await panel.waitForSelector('::-p-aria(Enable on this site[role="button"])'))!.click();
  await waitFor('the chart', async () => (await panel.evaluate(() => document.body.textContent ?? '')).includes('Maria Alvarez'));
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 20_000);
  await waitFor('the visit in storage.session', async () => (await sessionJson(options)).includes('Maria Alvarez'));

  // Six minutes without activity, then the background's minute alarm.
  await options.evaluate(
    async (key: string) => {
      const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
      await api.storage.session.set({ [key]: Date.now() - 6 * 60_000 });
      api.alarms.create('chartside-idle-check', { when: Date.now() + 20, periodInMinutes: 1 });
    },
    LAST_ACTIVITY,
  );

  await waitFor('the panel to say it was cleared', async () => (await textOfRole(panel, 'status')).includes(CLEARED_AFTER_5), 15_000);
  expect(await textOfRole(panel, 'alert')).toBe('');
  expect(Object.values(await panelSections(panel)).join('')).toBe('');
  const panelText = await panel.evaluate(() => document.body.textContent ?? '');
  const session = await sessionJson(options);
  for (const trace of VISIT_TRACES) {
    expect(panelText).not.toContain(trace);
    expect(session).not.toContain(trace);
  }

  // The choice (and the key) stayed: a reopened options page shows 5 minutes; a new note works.
  const reopened = await openExtensionPage(ext, 'options.html');
  await waitFor('the saved choice', async () => (await reopened.evaluate(() => (document.getElementById('idle-timeout') as HTMLSelectElement | null)?.value)) === '5');
  // The panel reloaded itself after the clear; WebDriver BiDi's accessibility queries do not follow a
  // moz-extension page through a reload (DOM queries do), so the new note is asked for by element id.
  await (await panel.waitForSelector('#transcript'))!.type(TRANSCRIPT);
  await (await panel.waitForSelector('button.primary[type="submit"]'))!.click();
  await waitFor('a new note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 20_000);
  expect((await panelSections(panel)).subjective).toContain('sore throat');
});
