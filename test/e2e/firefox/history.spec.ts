import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, generate, openChartWithPanel, panelSections, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { openNoteOptions } from '../../support/firefox-panel-areas.ts';

// Note history and billing codes in Firefox: a note made this session reopens (GET /v1/note/:id)
// into the section boxes after asking before it replaces an edit; and the Billing codes region shows
// the codes with the server's disclaimer.

const TRANSCRIPT = 'Patient reports three days of sore throat and mild fever. Temperature 38.1 C. Likely viral pharyngitis. Plan: rest, fluids.';
const statusText = (page: Page) => textOfRole(page, 'status');
/** The text of the region (section) named `name` by aria-label or its heading; '' when it is not there. */
const regionText = (panel: Page, name: string) =>
  panel.evaluate(
    (n: string) =>
      Array.from(document.querySelectorAll('section, [role="region"]'))
        .find((s) => s.getAttribute('aria-label') === n || document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent === n)
        ?.textContent ?? '',
    name,
  );

async function panelWithNote(ext: Parameters<typeof configureThroughOptions>[0], emulatorUrl: string, chartUrl: string, codes = false, transcript = TRANSCRIPT): Promise<Page> {
  const options = await configureThroughOptions(ext, emulatorUrl, TEST_API_KEY);
  const { panel } = await openChartWithPanel(ext, options, chartUrl);
  if (codes) {
    await openNoteOptions(panel);
    await (await panel.waitForSelector('::-p-aria(Include billing codes[role="checkbox"])'))!.click();
  }
  await generate(panel, transcript);
  await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 20_000);
  return panel;
}

test('a note made this session reopens from Note history, asking before it replaces an edit', async ({ emulator, ehr, ext }) => {
  const panel = await panelWithNote(ext, emulator.url, `${ehr.url}/sample-chart.html`);
  const generated = await panelSections(panel);
  expect(generated.subjective).not.toBe('');

  const reopenButtonName = () => panel.evaluate(
    () =>
      Array.from(document.querySelectorAll('section[aria-label="Note history"] button'))
        .map((b) => b.textContent?.trim() ?? '')
        .find((t) => /^Reopen note from \d\d:\d\d$/.test(t)) ?? '',
  );
  // The history entry is written once the job is done, a moment after the note shows.
  await waitFor('the Note history entry', async () => (await reopenButtonName()) !== '');
  const reopenName = await reopenButtonName();
  expect(reopenName).toMatch(/^Reopen note from \d\d:\d\d$/);

  // Edit the Subjective box as a clinician would.
  const subjective = (await panel.waitForSelector('textarea[aria-label="Subjective"]'))!;
  await subjective.click();
  await panel.keyboard.down('Control');
  await panel.keyboard.press('a');
  await panel.keyboard.up('Control');
  await subjective.type('My own edit.');
  expect((await panelSections(panel)).subjective).toBe('My own edit.');

  await click(panel, reopenName);
  await click(panel, 'Replace note');
  await waitFor('the reopened note', async () => (await panelSections(panel)).subjective === generated.subjective);
  expect(await panelSections(panel)).toEqual(generated);
  await waitFor('the reopen notice', async () => (await regionText(panel, 'Note history')).includes('is open in the section boxes'));
  expect(emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/note/'))).toHaveLength(1);
  expect(await panel.evaluate(() => document.querySelectorAll('[role="alert"]').length)).toBe(0);
});

test('Include billing codes: the Billing codes region lists ICD-10, CPT and HCPCS codes with the server’s disclaimer', async ({ emulator, ehr, ext }) => {
  emulator.setFaults({ billingDisclaimer: 'Emulator disclaimer: codes are suggestions only.' });
  // A flu shot at the visit: the emulator then suggests its HCPCS administration code too.
  const panel = await panelWithNote(ext, emulator.url, `${ehr.url}/sample-chart.html`, true, `${TRANSCRIPT} Influenza vaccine given today.`);
  await waitFor('the Billing codes region', async () => (await regionText(panel, 'Billing codes')) !== '');
  const region = await regionText(panel, 'Billing codes');
  expect(region).toContain('Emulator disclaimer: codes are suggestions only.');
  expect(region).toContain('ICD-10');
  expect(region).toContain('CPT');
  expect(region).toContain('HCPCS');
  expect(region).toContain('G0008 Administration of influenza virus vaccine');
  const codes = await panel.evaluate(() =>
    Array.from(document.querySelectorAll('[aria-labelledby="billing-heading"] li strong')).map((c) => c.textContent ?? ''),
  );
  // One ICD-10 code and one CPT code at least.
  expect(codes.some((c) => /^[A-Z]\d\d(\.\d+)?$/.test(c))).toBe(true);
  expect(codes.some((c) => /^\d{5}$/.test(c))).toBe(true);
});
