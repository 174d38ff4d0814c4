import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import {
  click,
  configureThroughOptions,
  fixtureState,
  generate,
  openChartWithPanel,
  panelSections,
  textOfRole,
  waitFor,
} from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Insert all into the other editors and framed forms of the insert fixtures, in Firefox (Tiptap, plain
// contenteditable and the textarea form are in insert.spec.ts; chromium/editors.spec.ts adds the
// append and Replace rules). Each page's `__fixture.state()` reads the editor's own model (Quill
// delta, Slate children, TinyMCE/CKEditor data, Draft.js ContentState, React/Vue state), so text
// that only reached the DOM fails here; it must equal the panel's sections exactly.
test.describe.configure({ mode: 'parallel' });

/** Sentences the emulator sorts into all four sections, two of them into Plan (two lines). */
const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Start ibuprofen as needed for pain. Return if symptoms worsen after five days.';

const status = (panel: Page) => textOfRole(panel, 'status');

/** Editor pages, and the fields in a same-origin and a cross-origin frame (whose page mirrors the frame's own state). */
const PAGES = [
  ...['quill', 'slate', 'tinymce', 'ckeditor5', 'draftjs', 'react-form', 'vue-form'].map((editor) => ({ name: editor, path: () => `editors/${editor}.html` })),
  { name: 'a same-origin frame', path: () => 'insert/iframe-same-origin.html' },
  { name: 'a cross-origin frame', path: (port: string) => `insert/iframe-cross-origin.html?frame=http://localhost:${port}` },
];

for (const page of PAGES) {
  test(`Insert all into ${page.name}: the editor's model holds the panel's sections`, async ({ emulator, ehr, ext }) => {
    const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
    const { chart, panel } = await openChartWithPanel(ext, options, `${ehr.url}/${page.path(new URL(ehr.url).port)}`);
    await waitForInPage(chart, () => document.documentElement.dataset.ready === 'true', { timeout: 15_000 });
    const empty = await fixtureState(chart);
    expect(empty).toMatchObject({ subjective: '', objective: '', assessment: '', plan: '' });

    await click(panel, 'Enable on this site');
    await waitFor('the chart', async () => (await panel.evaluate(() => document.body.textContent ?? '')).includes('Rosalind Achebe'));
    await generate(panel, TRANSCRIPT);
    await waitFor('the note', async () => (await status(panel)).includes('Note ready'), 20_000);
    const note = await panelSections(panel);
    expect(note.plan).toContain('\n');

    await click(panel, 'Insert all');
    await waitFor('the insert report', async () => (await status(panel)).includes('Plan: inserted')).catch(async (e) => {
      throw new Error(`${(e as Error).message}; the panel said: ${await status(panel)} | ${await textOfRole(panel, 'alert')}`);
    });
    expect(await status(panel)).not.toMatch(/(Subjective|Objective|Assessment|Plan): (?!inserted)/);
    await expect.poll(() => fixtureState(chart)).toMatchObject(note);
  });
}

test('a page with one note field gets the whole note, with its headings', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const { chart, panel } = await openChartWithPanel(ext, options, `${ehr.url}/insert/single-note.html`);
  await waitForInPage(chart, () => document.documentElement.dataset.ready === 'true', { timeout: 15_000 });
  await click(panel, 'Enable on this site');
  await waitFor('the chart', async () => (await panel.evaluate(() => document.body.textContent ?? '')).includes('Read chart'));
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await status(panel)).includes('Note ready'), 20_000);
  const note = await panelSections(panel);
  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => (await status(panel)).includes('Note field: inserted'));
  const inserted = (await fixtureState(chart)).note!;
  expect(inserted).toBe(`Subjective:\n${note.subjective}\n\nObjective:\n${note.objective}\n\nAssessment:\n${note.assessment}\n\nPlan:\n${note.plan}`);
});
