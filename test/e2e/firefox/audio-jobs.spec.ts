import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { SAMPLE_VISIT_TRANSCRIPT } from '../../emulator/notes.ts';
import type { Emulator } from '../../emulator/server.ts';
import { makeTestRecordings, type TestRecording } from '../../emulator/test-audio.ts';
import type { E2eHooks } from '../../../lib/panel/e2e-hooks.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import {
  backgroundState,
  configureThroughOptions,
  openExtensionPage,
  panelSections,
  terminateBackground,
  textOfRole,
  waitFor,
} from '../../support/firefox-extension.ts';
import { openNoteOptions } from '../../support/firefox-panel-areas.ts';

// Long recordings (202) in Firefox, whose background is an event page: the job is polled, and the
// note still arrives when Firefox stops the event page mid-poll, both with the panel open (its
// port's reconnect wakes the page) and with no panel at all (only the poll alarm can wake it).
// The recording is put into the real recording store through the test build's `chartsideE2E` hook
// (lib/panel/e2e-hooks.ts), as chromium/audio-jobs.spec.ts does; the recorder has its own spec.
const SECONDS = 8;
let dir: string;
let wav: TestRecording;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chartside-ff-audio-e2e-'));
  ({ wav } = await makeTestRecordings(dir, { seconds: SECONDS }));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
test.beforeEach(async ({ emulator, ext }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
});

type HookWindow = { chartsideE2E: E2eHooks };
const PANEL = 'sidepanel.html?tabId=1';

/** Stores the file as the recorder would (one chunk, then stopped) and hands it to the panel store; returns its id. */
async function sendRecording(panel: Page, file: TestRecording): Promise<string> {
  const base64 = (await readFile(file.path)).toString('base64');
  return panel.evaluate(
    async (base64: string, mimeType: string, durationMs: number) => {
      const { recordings, panelStore } = (window as unknown as HookWindow).chartsideE2E;
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const id = await recordings.start({ mimeType });
      await recordings.appendChunk(id, new Blob([bytes]), durationMs);
      await recordings.setStatus(id, 'stopped');
      void panelStore()!.generateFromRecording(id);
      return id;
    },
    base64,
    file.contentType,
    SECONDS * 1000,
  );
}

const storedRecordings = (panel: Page) =>
  panel.evaluate(async () => (await (window as unknown as HookWindow).chartsideE2E.recordings.listRecoverable()).map((r) => ({ id: r.id, status: r.status })));
const status = (panel: Page) => textOfRole(panel, 'status');
const transcript = (panel: Page) => panel.evaluate(() => (document.getElementById('transcript') as HTMLTextAreaElement).value);

/** Sends the recording with the emulator holding the job, and waits for the 202 and a first status check. */
async function startHeldJob(emulator: Emulator, panel: Page): Promise<{ id: string; noteId: string }> {
  emulator.setFaults({ audioMode: 'async', asyncHold: true });
  const id = await sendRecording(panel, wav);
  await waitFor('the 202', async () => emulator.uploads[0]?.noteId !== undefined, 30_000);
  const noteId = emulator.uploads[0]!.noteId!;
  expect(emulator.uploads[0]!.status).toBe(202);
  await waitFor('the first status check', async () => emulator.pollsFor(noteId).length >= 1, 20_000);
  await waitFor('the panel to say so', async () => /transcribing the recording/.test(await status(panel)));
  return { id, noteId };
}

async function expectNoteFromRecording(panel: Page): Promise<void> {
  await waitFor('the note', async () => /Note ready/.test(await status(panel)), 45_000);
  const note = await panelSections(panel);
  expect(note.subjective).toMatch(/lower back pain/);
  expect(note.plan).toMatch(/physical therapy/i);
  expect(await transcript(panel)).toBe(SAMPLE_VISIT_TRANSCRIPT);
  await expect.poll(() => storedRecordings(panel)).toEqual([]);
}

test('a 202 job is polled; Firefox stops the event page mid-poll; the open panel still gets the note', async ({ emulator, ext }) => {
  const panel = await openExtensionPage(ext, PANEL);
  const { id, noteId } = await startHeldJob(emulator, panel);
  await waitFor('a status line with the checks', async () => /checked \d+ times?/.test(await status(panel)));
  expect(await storedRecordings(panel)).toEqual([{ id, status: 'uploading' }]);

  expect(await backgroundState(ext)).toBe('running');
  await terminateBackground(ext);
  const polledBefore = emulator.pollsFor(noteId).length;

  expect(emulator.completeJob(noteId)).toBe(true);
  await expectNoteFromRecording(panel);
  // A new event page picked the job up from storage.session and checked again.
  expect(await backgroundState(ext)).toBe('running');
  const gets = emulator.pollsFor(noteId).map((r) => r.path);
  expect(gets.length).toBeGreaterThan(polledBefore);
  expect(gets.at(-1)).toBe(`/v1/note/${noteId}`);
});

test('with no panel open, the poll alarm alone wakes the stopped event page, and a reopened panel shows the note', async ({ emulator, ext }) => {
  test.setTimeout(90_000);
  const panel = await openExtensionPage(ext, PANEL);
  const { noteId } = await startHeldJob(emulator, panel);
  await panel.close();
  await terminateBackground(ext);

  expect(emulator.completeJob(noteId)).toBe(true);
  // Nothing is open to wake it but the alarm set for the next check.
  await waitFor('the alarm-driven check', async () => emulator.pollsFor(noteId).at(-1)?.path === `/v1/note/${noteId}`, 60_000);
  expect(await backgroundState(ext)).toBe('running');

  await expectNoteFromRecording(await openExtensionPage(ext, PANEL));
});

test('a POST-only server that reads only specialty and template: the upload falls back to POST, and the panel names the billing codes that did not come', async ({ emulator, ext }) => {
  emulator.setFaults({ audioPutStatus: 404, audioPostReads: 'documented' });
  const panel = await openExtensionPage(ext, PANEL);
  await openNoteOptions(panel);
  await (await panel.waitForSelector('::-p-aria(Include billing codes[role="checkbox"])'))!.click();
  await sendRecording(panel, wav);
  await waitFor('the note', async () => /Note ready/.test(await status(panel)), 45_000);

  expect(emulator.requests.filter((r) => r.path === '/v1/note/audio').map((r) => r.method)).toEqual(['PUT', 'POST']);
  expect(emulator.uploads[0]!.fields).toMatchObject({ specialty: expect.any(String), include_billing_codes: 'true', include_transcript: 'true' });
  const notice = () =>
    panel.evaluate(() => document.querySelector('section[aria-labelledby="missing-extras-heading"]')?.textContent ?? '');
  await waitFor('the missing-extras notice', async () => /You asked for the billing codes/.test(await notice()));
  expect(await notice()).toContain('This note came from a recording, and its transcript is not in the Transcript box');
  expect(await transcript(panel)).toBe('');
  expect(await panel.evaluate(() => document.getElementById('billing-heading') === null)).toBe(true);
});

test('a test key’s daily limit refuses a status check (429, no Retry-After): the job waits a minute instead of ending, the recording is kept, the panel says so, and the note arrives', async ({ emulator, ext }) => {
  test.setTimeout(150_000);
  const panel = await openExtensionPage(ext, PANEL);
  emulator.setFaults({ audioMode: 'async', asyncHold: true });
  emulator.queueFault({ path: '/v1/audio/status/', status: 429, code: 'RATE_LIMIT_EXCEEDED', message: 'Daily request limit reached for this test key.' });
  const id = await sendRecording(panel, wav);
  await waitFor('the 202', async () => emulator.uploads[0]?.noteId !== undefined, 30_000);
  const noteId = emulator.uploads[0]!.noteId!;
  await waitFor('the panel to say the key is out of requests', async () => (await status(panel)).includes('the API key has used up its requests'), 20_000);
  expect(await status(panel)).toContain('The recording is kept');
  expect(await textOfRole(panel, 'alert')).toBe('');
  expect(await storedRecordings(panel)).toEqual([{ id, status: 'uploading' }]);
  const refusedAt = emulator.pollsFor(noteId).at(-1)!.time;

  expect(emulator.completeJob(noteId)).toBe(true);
  await waitFor('the note', async () => /Note ready/.test(await status(panel)), 100_000);
  const [, next] = emulator.pollsFor(noteId);
  expect(next!.time - refusedAt).toBeGreaterThanOrEqual(59_000);
  expect(emulator.uploads).toHaveLength(1);
  await expect.poll(() => storedRecordings(panel)).toEqual([]);
});
