import { expect, test as base, TRANSCRIPT } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, generate, openExtensionPage, panelSections, textOfRole, waitFor } from '../../support/firefox-extension.ts';

// Regenerate one section in Firefox (chromium/regenerate.spec.ts has every case): only the Plan is
// replaced, the clinician's edit in Subjective stays exactly, Undo regenerate restores the old Plan.
// The emulator adds "Custom instructions applied: <the instructions>" as the Plan's last line.
const test = base.extend<{ panel: Page }>({
  panel: async ({ emulator, ext }, use) => {
    await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
    await use(await openExtensionPage(ext, 'sidepanel.html?tabId=1'));
  },
});

const EDITED_SUBJECTIVE = 'Edited by the clinician: three days of sore throat, worse at night.';
const statusText = (panel: Page) => textOfRole(panel, 'status');

/** Replaces a box's text by typing, as a clinician would (select all, then type). */
async function retype(panel: Page, name: string, text: string): Promise<void> {
  const box = (await panel.waitForSelector(`::-p-aria(${name}[role="textbox"])`))!;
  await box.evaluate((el) => (el as HTMLTextAreaElement | HTMLInputElement).select());
  await box.type(text);
}

test('Regenerate Plan replaces only the Plan; the edited Subjective stays exactly; Undo regenerate restores', async ({ emulator, panel }) => {
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 20_000);
  await retype(panel, 'Subjective', EDITED_SUBJECTIVE);
  const before = await panelSections(panel);
  expect(before.subjective).toBe(EDITED_SUBJECTIVE);

  await retype(panel, 'Instruction', 'shorter');
  expect(await panel.evaluate(() => document.getElementById('regenerate-warning')?.textContent ?? '')).toMatch(/billed note/);
  emulator.setFaults({ chunkSize: 6, chunkDelayMs: 40 });
  await click(panel, 'Regenerate Plan');
  await waitFor('the new Plan', async () => /Custom instructions applied: Rewrite only the Plan section: shorter$/.test((await panelSections(panel)).plan ?? ''), 30_000);
  await waitFor('Undo regenerate', async () => (await panel.$('::-p-aria(Undo regenerate[role="button"])')) !== null);

  const after = await panelSections(panel);
  expect(after).toEqual({ ...before, plan: after.plan });
  expect(after.plan).not.toBe(before.plan);
  const streamed = emulator.requests.filter((r) => r.path === '/v1/stream/note');
  expect(streamed).toHaveLength(2);
  expect(streamed[1]?.body).toMatchObject({ transcript: TRANSCRIPT, context: { custom_instructions: 'Rewrite only the Plan section: shorter' } });

  await click(panel, 'Undo regenerate');
  await waitFor('the old Plan', async () => (await panelSections(panel)).plan === before.plan);
  expect(await panelSections(panel)).toEqual(before);
  expect(await panel.$('::-p-aria(Undo regenerate[role="button"])')).toBeNull();
});
