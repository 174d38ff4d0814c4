import { expect, test as base } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import type { Emulator } from '../../emulator/server.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { alertButton, click, clickAlertButton, configureThroughOptions, generate, openExtensionPage, panelSections, textOfRole, waitFor } from '../../support/firefox-extension.ts';

// Stream errors in Firefox (chromium/errors.spec.ts has every case): the panel's alert says what
// went wrong and offers the next step, and the transcript is kept.
const test = base.extend<{ panel: Page }>({
  /** The panel, with the extension configured for the emulator. */
  panel: async ({ emulator, ext }, use) => {
    await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
    await use(await openExtensionPage(ext, 'sidepanel.html?tabId=1'));
  },
});

const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. Temperature 38.1 C, pharynx erythematous. ' +
  'Likely viral pharyngitis. Plan: rest, fluids, ibuprofen as needed.';
const alertText = (panel: Page) => textOfRole(panel, 'alert');
const transcript = (panel: Page) => panel.evaluate(() => (document.getElementById('transcript') as HTMLTextAreaElement).value);
const streamRequests = (emulator: Emulator) => emulator.requests.filter((r) => r.path === '/v1/stream/note');

test('401: the alert says the key was refused and offers Open settings; the transcript stays', async ({ emulator, panel }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 401 });
  await generate(panel, TRANSCRIPT);
  await waitFor('the alert', async () => /API key/i.test(await alertText(panel)));
  expect(await alertButton(panel, 'Open settings')).toBe(true);
  expect(await transcript(panel)).toBe(TRANSCRIPT);
  expect(streamRequests(emulator)).toHaveLength(1);
});

test('a 500 is not sent again (the API may have made the note): the alert says so and offers Try again (may bill again), which then succeeds', async ({ emulator, panel }) => {
  emulator.setFaults({ status: 500 });
  await generate(panel, TRANSCRIPT);
  await waitFor('the alert', async () => (await alertButton(panel, 'Try again (may bill again)')), 30_000);
  expect(await alertText(panel)).toMatch(/internal error/i);
  expect(await alertText(panel)).toContain('The API may have made the note anyway, and billed for it.');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(streamRequests(emulator)).toHaveLength(1);
  expect(await transcript(panel)).toBe(TRANSCRIPT);

  emulator.setFaults({});
  await clickAlertButton(panel, 'Try again (may bill again)');
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 20_000);
  expect((await panelSections(panel)).plan).toMatch(/fluids/);
  expect(await alertText(panel)).toBe('');
});

test('errors by their code: a 403 coded for the balance says add funds, not revoked; a 400 names the field in our words; the server’s words only as a detail line', async ({ emulator, panel }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 403, code: 'INSUFFICIENT_BALANCE', message: 'Balance is zero.' });
  await generate(panel, TRANSCRIPT);
  await waitFor('the alert', async () => /add funds/i.test(await alertText(panel)));
  expect(await alertText(panel)).not.toMatch(/revoked/i);
  expect(await alertText(panel)).toContain('The SOAP Note API said: Balance is zero.');

  emulator.queueFault({
    path: '/v1/stream/note',
    status: 400,
    message: 'context.patient_info.age must be a positive integer',
    details: { field: 'context.patient_info.age', issue: 'not_a_positive_integer' },
  });
  await click(panel, 'Generate note');
  await waitFor('the field named', async () => (await alertText(panel)).includes('The SOAP Note API did not accept the patient’s age.'));
  expect(await alertText(panel)).toContain('The SOAP Note API said: context.patient_info.age must be a positive integer.');
  expect(await transcript(panel)).toBe(TRANSCRIPT);
});
