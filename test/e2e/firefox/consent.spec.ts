import { expect, test, TRANSCRIPT } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, openChartWithPanel, panelSections, pasteTranscript, textOfRole, waitFor } from '../../support/firefox-extension.ts';

// Consent for a typed transcript of a recorded conversation (issue 16), as chromium/consent.spec.ts:
// with the option on, Generate note sends nothing until Patient agreed to be recorded is ticked, and
// the note carries the consent line in the place chosen, into Insert all.

const LINE = /\n\nPatient consented to audio recording of this visit; confirmed by the clinician at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/;

test('typed transcript: with the option on, Generate note refuses until Patient agreed to be recorded is ticked; the line is in the note and in Insert all', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const typed = (await options.waitForSelector('::-p-aria(Also for typed transcripts of a recorded conversation[role="checkbox"])'))!;
  expect(await typed.evaluate((el) => (el as HTMLInputElement).checked)).toBe(false); // off by default
  await typed.click();
  await waitFor('the option saved', async () => (await textOfRole(options, 'status')).includes('Generate note will ask you to confirm the patient agreed to be recorded'));

  const { chart, panel } = await openChartWithPanel(ext, options, `${ehr.url}/sample-chart.html`);
  await click(panel, 'Enable on this site');
  await panel.waitForSelector('::-p-aria(Read chart[role="button"])', { timeout: 15_000 });

  // Not ticked: nothing is sent, and the words say why and what to do.
  await pasteTranscript(panel, TRANSCRIPT);
  await click(panel, 'Generate note');
  await waitFor('the refusal', async () => (await textOfRole(panel, 'alert')).includes('only after the patient agrees to the recording, so nothing was sent.'));
  expect(await textOfRole(panel, 'alert')).toContain('Ask the patient, tick Patient agreed to be recorded, then press Generate note.');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note' || r.path === '/v1/note')).toEqual([]);

  // The refusal moves to the box (focus and scroll): ticked once it is there.
  await waitFor('the box to get the focus', () =>
    panel.evaluate(() => (document.activeElement as HTMLInputElement | null)?.getAttribute('aria-describedby') === 'recording-consent-hint'),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const tick = (await panel.waitForSelector('::-p-aria(Patient agreed to be recorded[role="checkbox"])'))!;
  expect(await tick.evaluate((el) => (el as HTMLInputElement).checked)).toBe(false);
  await tick.click();
  // Polled from here: a waitForFunction here is refused by the panel's CSP (it builds a Function).
  await waitFor('the box ticked', () => tick.evaluate((el) => (el as HTMLInputElement).checked));
  await waitFor('the refusal gone', async () => !(await textOfRole(panel, 'alert')).includes('nothing was sent'));
  await click(panel, 'Generate note');
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 30_000);
  const sections = await panelSections(panel);
  // The default place: the end of Subjective.
  expect(sections.subjective).toMatch(LINE);
  expect(sections.plan).not.toMatch(/Patient consented/);
  // The next note is asked for again.
  const box = (await panel.waitForSelector('::-p-aria(Patient agreed to be recorded[role="checkbox"])'))!;
  expect(await box.evaluate((el) => (el as HTMLInputElement).checked)).toBe(false);

  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => (await textOfRole(panel, 'status')).includes('Subjective: inserted'));
  expect(await chart.evaluate(() => (document.querySelector('textarea[name="subjective"]') as HTMLTextAreaElement).value)).toBe(sections.subjective);
});
