import { expect, test, TRANSCRIPT } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, generate, openChartWithPanel, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { openNoteOptions } from '../../support/firefox-panel-areas.ts';
import { expectAccessibleInFirefox } from '../../support/firefox-axe.ts';

// Style rules in Firefox (chromium/style-rules.spec.ts also covers export): rules written in the
// options page and added from the panel reach the request body scoped as chosen, the panel lists
// them beside the note, and a malformed import file changes nothing.

const value = (page: Page, id: string) => page.evaluate((i: string) => (document.getElementById(i) as HTMLTextAreaElement | null)?.value, id);
const status = (page: Page) => textOfRole(page, 'status');

/** What the instruction field of the last streamed note held. */
function lastInstructions(emulator: { requests: { path: string; body?: unknown }[] }): string | undefined {
  const sent = emulator.requests.filter((r) => r.path === '/v1/stream/note').at(-1)?.body as { context?: { custom_instructions?: string } } | undefined;
  return sent?.context?.custom_instructions;
}

/**
 * Hands the Rules file input a file as the browser's file chooser would, and fires its change: the
 * chooser itself is the operating system's and cannot be driven from here.
 */
function chooseRulesFile(options: Page, name: string, text: string): Promise<void> {
  return options.evaluate(
    (n: string, t: string) => {
      const input = document.querySelector<HTMLInputElement>('input[type="file"][aria-label="Rules file"]')!;
      const files = new DataTransfer();
      files.items.add(new File([t], n, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    name,
    text,
  );
}

test('rules reach the request scoped as chosen, the panel lists them, and a malformed import changes nothing', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  await (await options.waitForSelector('::-p-aria(Style rules[role="textbox"])'))!.type('No patient name in the note.\nPlan: As a numbered list.');
  await options.select('#style-rules-specialty-choice', 'dentist');
  await (await options.waitForSelector('::-p-aria(Specialty style rules[role="textbox"])'))!.type('Objective: Name the teeth by number.');
  await click(options, 'Save rules');
  await waitFor('the rules to be saved', async () => (await status(options)) === 'Saved 3 style rules.');

  // Malformed files: the words say nothing changed, and nothing did (boxes and storage alike).
  // (The panel, opened after them, then proves the stored rules are still the saved ones.)
  const bad = [
    { text: '{"format": "chartside-style-rules", "version": 1, "rules": [{"text": "Be kind.", "section": "billing"}]}', says: '(at rules.0.section)' },
    { text: 'not json at all', says: 'it is not JSON' },
  ];
  for (const file of bad) {
    await chooseRulesFile(options, 'bad-rules.json', file.text);
    await waitFor('the refusal', async () => (await status(options)).includes(file.says));
    expect(await status(options)).toContain('Nothing was changed.');
    expect(await value(options, 'style-rules-all')).toBe('No patient name in the note.\nPlan: As a numbered list.');
  }

  const { panel } = await openChartWithPanel(ext, options, `${ehr.url}/sample-chart.html`);
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 20_000);
  expect(lastInstructions(emulator)).toBe('Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.');

  // The list beside the note opens from the keyboard.
  const summary = (await panel.waitForSelector('section[aria-label="Style rules used"] summary'))!;
  expect(await summary.evaluate((s) => s.textContent)).toBe('Written with 2 style rules');
  await summary.focus();
  await panel.keyboard.press('Enter');
  await waitFor('the list to open', () => panel.evaluate(() => document.querySelector('section[aria-label="Style rules used"] details')?.hasAttribute('open') === true));
  expect(await panel.evaluate(() => Array.from(document.querySelectorAll('section[aria-label="Style rules used"] li')).map((li) => li.textContent))).toEqual([
    'Whole note: No patient name in the note.',
    'Plan: As a numbered list.',
  ]);

  // A dentist's note, with a rule added from the panel for dentists' Subjective.
  await openNoteOptions(panel);
  await panel.select('#specialty', 'dentist');
  await (await panel.waitForSelector('::-p-text(Add a style rule)'))!.click();
  await (await panel.waitForSelector('::-p-aria(New style rule[role="textbox"])'))!.type('Shorter.');
  await panel.select('#new-style-rule-section', 'subjective');
  await (await panel.waitForSelector('::-p-aria(Only for Dentist notes[role="checkbox"])'))!.click();
  await click(panel, 'Add rule');
  await waitFor('the rule to be saved', () => panel.evaluate(() => document.body.textContent?.includes('Rule saved (Subjective, Dentist notes only)') === true));
  // The rule list (open) and the Add a style rule form, light and dark.
  await expectAccessibleInFirefox(ext, panel, 'panel, a note with its style rules and the Add a style rule form');
  await generate(panel, ' '); // the transcript is still in the box: one more character, the same visit
  await waitFor('the second note', async () => emulator.requests.filter((r) => r.path === '/v1/stream/note').length === 2, 20_000);
  expect(lastInstructions(emulator)).toBe(
    'Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.\nObjective: Name the teeth by number.\nSubjective: Shorter.',
  );
});
