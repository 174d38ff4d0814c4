import { expect, test, TRANSCRIPT } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import {
  click,
  configureThroughOptions,
  fixtureState,
  openExtensionPage,
  panelSections,
  tabIdOf,
  textOfRole,
  waitFor,
} from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Insert in Firefox: the panel (bound to the page's tab, as the pop-out window is) enables the
// fixture site, generates against the emulator and inserts into a plain textarea form, a
// contenteditable page and Tiptap (ProseMirror); each page's own model must then hold the panel's
// text, and Undo insert must give the fields back.

const statusText = (panel: Page) => textOfRole(panel, 'status');

for (const page of ['sample-chart.html', 'insert/contenteditable.html', 'editors/tiptap.html']) {
  test(`Insert all and Undo insert on ${page}`, async ({ emulator, ehr, ext }) => {
    const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
    const chart = await ext.browser.newPage();
    const url = `${ehr.url}/${page}`;
    await chart.goto(url);
    await waitForInPage(chart, () => document.documentElement.dataset.ready === 'true' || !document.querySelector('script[src*="fixture"]'));
    const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${await tabIdOf(options, url)}`);
    await click(panel, 'Enable on this site');
    await panel.waitForSelector('::-p-aria(Read chart[role="button"])', { timeout: 15_000 });

    await (await panel.waitForSelector('::-p-aria(Transcript)'))!.type(TRANSCRIPT);
    await click(panel, 'Generate note');
    await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 20_000);
    const note = await panelSections(panel);

    await click(panel, 'Insert all');
    await waitFor('the insert report', async () => (await statusText(panel)).includes('Plan: inserted'));
    const read = page === 'sample-chart.html'
      ? () => chart.evaluate(() => Object.fromEntries(['subjective', 'objective', 'assessment', 'plan'].map((n) => [n, (document.querySelector(`textarea[name="${n}"]`) as HTMLTextAreaElement).value])))
      : () => fixtureState(chart);
    expect(await read()).toMatchObject(note);

    await click(panel, 'Undo insert');
    await waitFor('the undo', async () => Object.values(await read()).every((v) => v === ''));
    expect(await read()).toMatchObject({ subjective: '', objective: '', assessment: '', plan: '' });
  });
}
