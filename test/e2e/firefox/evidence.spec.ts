import type { Page } from 'puppeteer-core';
import { expect, test } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, generate, openChartWithPanel, panelSections, textOfRole, waitFor } from '../../support/firefox-extension.ts';

/**
 * Issue 14 in Firefox ESR, as chromium/evidence.spec.ts is in Chromium: a note given a wrong blood
 * pressure and without the visit's lisinopril increase shows both before insert, and a supported
 * statement shows the transcript's words it rests on.
 */
const VISIT =
  'Doctor: How has your blood pressure been? Patient: Okay, but I get headaches in the morning. ' +
  'Doctor: Your blood pressure today is one forty two over eighty eight. ' +
  "Doctor: I'd like to increase the lisinopril from ten to twenty milligrams. Doctor: Follow up in three weeks.";

const regionText = (panel: Page, name: string) =>
  panel.evaluate((n: string) => document.querySelector(`section[aria-label="${n}"], [role="region"][aria-label="${n}"]`)?.textContent ?? '', name);

/** Replaces a section's text by typing, as the clinician would. */
async function retype(panel: Page, section: string, text: string): Promise<void> {
  const box = (await panel.waitForSelector(`::-p-aria(${section}[role="textbox"])`))!;
  await box.click();
  await panel.keyboard.down('Control');
  await panel.keyboard.press('a');
  await panel.keyboard.up('Control');
  await panel.keyboard.press('Backspace');
  await box.type(text);
}

test('a planted wrong number and a dropped medication show before insert; a supported statement shows its transcript words', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const { panel } = await openChartWithPanel(ext, options, `${ehr.url}/sample-chart.html`);
  await generate(panel, VISIT);
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 20_000);
  await retype(panel, 'Subjective', 'Morning headaches.');
  await retype(panel, 'Objective', 'BP 148/92.');
  await retype(panel, 'Assessment', 'Blood pressure one forty two over eighty eight.');
  await retype(panel, 'Plan', 'Follow up in 3 weeks.');

  const actions = () => regionText(panel, 'Actions');
  // Both at once: the review of the last edit, not one of an edit before it (reviews wait for typing to pause).
  await waitFor('the summary above Insert all', async () => /1 statement without evidence, \d+ things? said but not in the note/.test(await actions()));

  await click(panel, 'No evidence Objective: BP 148/92.');
  await waitFor('the wrong number’s evidence', async () => (await regionText(panel, 'Evidence')).includes('Not found in what was sent: BP 148/92.'));
  expect(await regionText(panel, 'Safety checks')).toContain('BP 148/92');

  const missing = await regionText(panel, 'Not in the note');
  expect(missing).toContain('increase the lisinopril from ten to twenty milligrams');
  expect(missing).toContain('Dose change');

  // The caret in a supported statement shows who said its words, highlighted.
  await (await panel.waitForSelector('::-p-aria(Subjective[role="textbox"])'))!.click();
  await waitFor('the supported statement’s evidence', async () => (await regionText(panel, 'Evidence')).includes('Transcript (Patient)'));
  const marked = await panel.evaluate(() => Array.from(document.querySelectorAll('section[aria-label="Evidence"] mark')).map((m) => m.textContent));
  expect(marked).toEqual(['headaches', 'morning']);
  expect(await regionText(panel, 'Evidence')).toContain('Supported');

  await click(panel, 'Add to Plan: lisinopril');
  await waitFor('the line added to the Plan', async () => (await panelSections(panel)).plan?.includes('increase the lisinopril') === true);
  expect((await panelSections(panel)).plan).toBe("Follow up in 3 weeks.\nI'd like to increase the lisinopril from ten to twenty milligrams.");
  await waitFor('the omission gone', async () => !(await regionText(panel, 'Not in the note')).includes('lisinopril'));
});
