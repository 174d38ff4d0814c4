import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, fixtureState, generate, openChartWithPanel, panelSections, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Real TinyMCE 8 (editable body in an iframe) and CKEditor 5 classic replacing textareas that only
// the page labels (`<label for>`, `aria-label`, `name`, `id`), in Firefox: Insert all must find each
// editor as the field its hidden textarea names and fill the editor's own model; Undo insert
// empties it again. chromium/editors-replaced-field.spec.ts runs the same pages in Chromium.
test.describe.configure({ mode: 'parallel' });

const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Start ibuprofen as needed for pain. Return if symptoms worsen after five days.';

const status = (panel: Page) => textOfRole(panel, 'status');
const pageText = (panel: Page) => panel.evaluate(() => document.body.textContent ?? '');

for (const editor of ['tinymce', 'ckeditor5']) {
  for (const layout of ['soap', 'note'] as const) {
    test(`${editor}, ${layout === 'soap' ? 'per-section fields' : 'one note field'} labelled only through the hidden textarea: Insert all fills the editor, Undo insert empties it`, async ({ emulator, ehr, ext }) => {
      const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
      const { chart, panel } = await openChartWithPanel(ext, options, `${ehr.url}/editors/replaced-field.html?editor=${editor}&layout=${layout}`);
      await waitForInPage(chart, () => document.documentElement.dataset.ready === 'true', { timeout: 15_000 });
      const empty = await fixtureState(chart);
      expect(empty).toMatchObject({ subjective: '', objective: '', assessment: '', plan: '', note: '' });

      await click(panel, 'Enable on this site');
      await waitFor('the chart', async () => (await pageText(panel)).includes('Rosalind Achebe'));
      await generate(panel, TRANSCRIPT);
      await waitFor('the note', async () => (await status(panel)).includes('Note ready'), 20_000);
      const note = await panelSections(panel);

      await click(panel, 'Insert all');
      const done = layout === 'soap' ? 'Plan: inserted' : ': inserted';
      await waitFor('the insert report', async () => (await status(panel)).includes(done)).catch(async (e) => {
        throw new Error(`${(e as Error).message}; the panel said: ${await status(panel)} | ${await textOfRole(panel, 'alert')}`);
      });
      expect(await pageText(panel)).not.toContain('No note fields were found');
      if (layout === 'soap') {
        expect(await status(panel)).not.toMatch(/(Subjective|Objective|Assessment|Plan): (?!inserted)/);
        await expect.poll(() => fixtureState(chart)).toMatchObject(note);
      } else {
        await expect.poll(async () => (await fixtureState(chart)).note).toContain(note.assessment!);
        const held = (await fixtureState(chart)).note!;
        for (const text of Object.values(note)) for (const line of text.split('\n').filter(Boolean)) expect(held).toContain(line);
      }

      await click(panel, 'Undo insert');
      await waitFor('the undo report', async () => (await status(panel)).includes('Undone:'));
      await expect.poll(() => fixtureState(chart)).toMatchObject(empty);
    });
  }
}
