import { expect, test, TRANSCRIPT } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { buildSections, validateNoteRequest, type NoteSections } from '../../emulator/notes.ts';
import type { Emulator } from '../../emulator/server.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import {
  alertButton,
  click,
  clickAlertButton,
  configureThroughOptions,
  openChartWithPanel,
  panelSections,
  pasteTranscript,
  textOfRole,
  waitFor,
} from '../../support/firefox-extension.ts';

// The faults whose handling rests on Firefox's own networking and text handling (chromium/faults.spec.ts
// has every case): a connection dropped before any answer, a stream broken part-way through an event,
// and Unicode split across reads, into an EHR field.

const KEYS = ['subjective', 'objective', 'assessment', 'plan'] as const;
const statusText = (panel: Page) => textOfRole(panel, 'status');
const alertText = (panel: Page) => textOfRole(panel, 'alert');
const streamRequests = (emulator: Emulator) => emulator.requests.filter((r) => r.path === '/v1/stream/note');
const oddOffsets = (upTo: number) => Array.from({ length: Math.floor(upTo / 7) }, (_, i) => 7 * i + 3);

function expectedNote(emulator: Emulator): NoteSections {
  const checked = validateNoteRequest(streamRequests(emulator).at(-1)?.body);
  if (!checked.ok) throw new Error('the last stream request was not a valid note request');
  return buildSections(checked.value);
}

async function openPanel(ext: Parameters<typeof configureThroughOptions>[0], emulator: Emulator, url: string) {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  return openChartWithPanel(ext, options, url);
}

test('the connection dropped before any answer: not sent again (the API may have made the note), said plainly, the transcript kept, Try again (may bill again) works', async ({ emulator, ehr, ext }) => {
  const { panel } = await openPanel(ext, emulator, `${ehr.url}/sample-chart.html`);
  emulator.setFaults({ dropConnection: true });
  await pasteTranscript(panel, TRANSCRIPT);
  await click(panel, 'Generate note');
  await waitFor('the alert', async () => alertButton(panel, 'Try again (may bill again)'), 30_000);
  expect(await alertText(panel)).toContain('The connection to the SOAP Note API failed before its answer arrived.');
  expect(await alertText(panel)).toContain('The API may have made the note anyway, and billed for it.');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // One attempt; a browser may silently repeat one whose reused connection was reset.
  expect([1, 2]).toContain(streamRequests(emulator).length);
  expect(await panel.evaluate(() => (document.getElementById('transcript') as HTMLTextAreaElement).value)).toBe(TRANSCRIPT);

  emulator.setFaults({});
  await clickAlertButton(panel, 'Try again (may bill again)');
  await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 20_000);
  expect(await panelSections(panel)).toEqual(expectedNote(emulator));
});

test('a stream broken in the middle of an event keeps every whole event, marked incomplete; Regenerate completes it', async ({ emulator, ehr, ext }) => {
  const { panel } = await openPanel(ext, emulator, `${ehr.url}/sample-chart.html`);
  emulator.queueFault({ path: '/v1/stream/note', chunkSize: 10, cutAfterBytes: 333, splitAt: oddOffsets(333) });
  await pasteTranscript(panel, TRANSCRIPT);
  await click(panel, 'Generate note');
  await waitFor('the cut', async () => alertButton(panel, 'Regenerate'), 20_000);
  expect(await alertText(panel)).toContain('What arrived is kept below and marked incomplete.');
  const kept = await panelSections(panel);
  const full = expectedNote(emulator);
  const keptSubjective = kept.subjective ?? '';
  expect(keptSubjective.length).toBeGreaterThan(0);
  expect(full.subjective.startsWith(keptSubjective)).toBe(true);
  expect(kept.plan).toBe('');

  await click(panel, 'Regenerate');
  await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 20_000);
  expect(await panelSections(panel)).toEqual(full);
  expect(await alertText(panel)).toBe('');
});

test('emoji, ZWJ sequences and right-to-left text split at odd byte offsets reach the EHR fields exactly', async ({ emulator, ehr, ext }) => {
  const { chart, panel } = await openPanel(ext, emulator, `${ehr.url}/sample-chart.html`);
  await click(panel, 'Enable on this site');
  await panel.waitForSelector('::-p-aria(Read chart[role="button"])', { timeout: 15_000 });
  emulator.queueFault({ path: '/v1/stream/note', chunkSize: 3, splitAt: oddOffsets(4_000) });
  await pasteTranscript(
    panel,
    'Patient reports a headache since Monday 🤕, and her family 👨‍👩‍👧‍👦 with the nurse 👩‍⚕️ noticed she looked pale 👍🏽. ' +
      'المريضة تشكو من صداع منذ ثلاثة أيام. היא מדווחת על בחילה קלה בבוקר. Temperature 37.9 °C, pulse 88. ' +
      'Likely tension-type headache 🧠. Plan: paracetamol as needed 💊, follow up in one week 📅.',
  );
  await click(panel, 'Generate note');
  await waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 30_000);
  const expected = expectedNote(emulator);
  expect(expected.subjective).toContain('👨‍👩‍👧‍👦');
  expect(await panelSections(panel)).toEqual(expected);

  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => (await statusText(panel)).includes('Plan: inserted'));
  const inEhr = await chart.evaluate(() =>
    Object.fromEntries(['subjective', 'objective', 'assessment', 'plan'].map((n) => [n, (document.querySelector(`textarea[name="${n}"]`) as HTMLTextAreaElement).value])),
  );
  for (const k of KEYS) expect(Buffer.from(inEhr[k]!, 'utf8').equals(Buffer.from(expected[k], 'utf8')), k).toBe(true);
});
