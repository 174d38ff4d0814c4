import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import {
  NOTE_SECTIONS,
  click,
  configureThroughOptions,
  fixtureState,
  generate,
  openChartWithPanel,
  openExtensionPage,
  panelSections,
  tabIdOf,
  textOfRole,
  waitFor,
} from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Field maps in Firefox: on a page whose four boxes say nothing about themselves, Map fields has the
// clinician click each box in the page (puppeteer clicks in the chart's tab), Insert all then fills
// them as the page's own model sees it, and the map survives a reload of the chart.

const TRANSCRIPT = 'Patient reports three days of sore throat and mild fever. Temperature 38.1 C. Likely viral pharyngitis. Plan: rest, fluids.';
const statusText = (page: Page) => textOfRole(page, 'status');
/** The four boxes as the page's own model holds them (state() also has a `note` key, always empty on this page). */
const boxes = async (chart: Page) => {
  const state = await fixtureState(chart);
  return Object.fromEntries(NOTE_SECTIONS.map((s) => [s.toLowerCase(), state[s.toLowerCase()]]));
};
const EMPTY = { subjective: '', objective: '', assessment: '', plan: '' };

async function insertAllAndCompare(chart: Page, panel: Page): Promise<void> {
  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => (await statusText(panel)).includes('Plan: inserted'));
  const note = await panelSections(panel);
  expect(Object.values(note).every((v) => v !== '')).toBe(true);
  await waitFor('the boxes to hold the note', async () => JSON.stringify(await boxes(chart)) === JSON.stringify(note));
  expect(await boxes(chart)).toEqual(note);
}

test('Map fields teaches four unlabelled boxes by clicks in the page; Insert all fills them, also after a chart reload and a reopened panel', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const url = `${ehr.url}/insert/unlabelled.html`;
  const { chart, panel: firstPanel } = await openChartWithPanel(ext, options, url);
  let panel = firstPanel;
  await click(panel, 'Enable on this site');
  await panel.waitForSelector('::-p-aria(Read chart[role="button"])', { timeout: 15_000 });

  await click(panel, 'Map fields');
  const fields = await chart.$$('textarea.ta');
  expect(fields).toHaveLength(4);
  for (const [i, section] of NOTE_SECTIONS.entries()) {
    await waitFor(`the panel to ask for ${section}`, async () => (await statusText(panel)).includes(`Click the ${section} field`));
    await fields[i]!.click();
  }
  await waitFor('the map', async () => (await statusText(panel)).includes('Mapped Subjective, Objective, Assessment, Plan.'));
  // Teaching typed nothing into the page.
  expect(await boxes(chart)).toEqual(EMPTY);

  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 20_000);
  await insertAllAndCompare(chart, panel);

  // A new page load and a reopened panel: the map is still there and still right.
  await chart.reload();
  await waitForInPage(chart, () => document.documentElement.dataset.ready === 'true');
  // Firefox restores form fields' text on reload: empty the boxes so the second Insert all is what fills them.
  await chart.evaluate(() => document.querySelectorAll('textarea.ta').forEach((t) => ((t as HTMLTextAreaElement).value = '')));
  expect(await boxes(chart)).toEqual(EMPTY);
  await panel.close();
  panel = await openExtensionPage(ext, `sidepanel.html?tabId=${await tabIdOf(options, url)}`);
  await waitFor('the map in the reopened panel', async () =>
    (await panel.evaluate(() => document.querySelector('[aria-label="Mapped fields"]')?.textContent ?? '')).includes('Subjective'),
  );
  // The draft came back with it.
  await waitFor('the draft in the reopened panel', async () => (await panelSections(panel)).plan !== '');
  await insertAllAndCompare(chart, panel);
  expect(await panel.evaluate(() => document.querySelectorAll('[role="alert"]').length)).toBe(0);
});
