/**
 * The idle timeout, end to end: after the chosen time without the clinician using Chartside,
 * patient data leaves the panel and storage.session, and nothing else does.
 *
 * Minutes are not waited out. The timeout is wall-clock based (the stored time of the last activity
 * against Date.now()), so a test makes time pass the way a sleeping computer does: it moves the
 * stored last activity back through the service worker. Then it sets off the check the way the
 * product does: the background's minute alarm (made due now, as an unpacked extension may), or the
 * panel's own focus listener.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { makeTestRecordings, type TestRecording } from '../../emulator/test-audio.ts';
import type { E2eHooks } from '../../../lib/panel/e2e-hooks.ts';
import { extensionUrl, type ExtensionBrowser } from '../../support/chromium-extension.ts';
import { storedRecordings } from '../../support/stored-recordings.ts';
import { expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';

declare global {
  interface Window {
    chartsideE2E?: E2eHooks;
  }
}

const LAST_ACTIVITY = 'idle:last-activity-at';
const CLEARED_AFTER_5 = 'Patient data was cleared after 5 minutes without activity.';
/** What the visit leaves behind: the transcript, the chart's patient, the emulator's note text. */
const VISIT_TRACES = ['sore throat', 'Maria Alvarez', 'Lisinopril', '[Chartside API emulator]'];

const worker = (ext: ExtensionBrowser): Worker => ext.context.serviceWorkers()[0] ?? ext.background;
const transcriptBox = (panel: Page) => panel.getByRole('textbox', { name: 'Transcript', exact: true });

async function chooseIdleTimeout(ext: ExtensionBrowser, label: string): Promise<void> {
  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  await expect(options.getByLabel('Clear patient data after', { exact: true })).toHaveValue('30');
  await options.getByLabel('Clear patient data after', { exact: true }).selectOption({ label });
  await expect(options.getByRole('status')).toHaveText(`Patient data will be cleared after ${label} without activity.`);
  await options.close();
}

/** Makes it `minutes` since the clinician last used Chartside, as a computer asleep that long would. */
async function idleFor(ext: ExtensionBrowser, minutes: number): Promise<void> {
  await worker(ext).evaluate(
    ([key, ms]) => chrome.storage.session.set({ [key]: Date.now() - ms }),
    [LAST_ACTIVITY, minutes * 60_000] as const,
  );
}

async function lastActivityAgoMs(ext: ExtensionBrowser): Promise<number> {
  return worker(ext).evaluate(async (key) => Date.now() - ((await chrome.storage.session.get(key))[key] as number), LAST_ACTIVITY);
}

/** Moves the stored last activity `minutes` further back: that much more time without activity. */
async function letTimePass(ext: ExtensionBrowser, minutes: number): Promise<void> {
  await worker(ext).evaluate(
    async ([key, ms]) => chrome.storage.session.set({ [key]: ((await chrome.storage.session.get(key))[key] as number) - ms }),
    [LAST_ACTIVITY, minutes * 60_000] as const,
  );
}

/** The background's minute alarm, due now (it stays periodic, as the product made it). */
async function fireIdleAlarm(ext: ExtensionBrowser): Promise<void> {
  await worker(ext).evaluate(() => chrome.alarms.create('chartside-idle-check', { when: Date.now() + 20, periodInMinutes: 1 }));
}

async function sessionDump(ext: ExtensionBrowser): Promise<Record<string, unknown>> {
  return worker(ext).evaluate(() => chrome.storage.session.get(null));
}

async function localDump(ext: ExtensionBrowser): Promise<Record<string, unknown>> {
  return worker(ext).evaluate(() => chrome.storage.local.get(null));
}

test('after the idle timeout the panel and storage.session hold nothing of the visit; settings, key, sites, field maps and unfinished recordings stay; a new note works', async ({ ext, panel, ehr }) => {
  await chooseIdleTimeout(ext, '5 minutes');

  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/sore throat/);
  // A field map, and a recording not yet made into a note: both must outlive the idle timeout.
  const site = new URL(ehr.url).origin;
  await worker(ext).evaluate(
    (origin) =>
      chrome.storage.local.set({
        fieldMaps: { [origin]: { site: origin, fields: { note: { frame: { origin, top: true }, locators: [{ by: 'id', id: 'note' }], fragile: false } }, taughtAt: 1 } },
      }),
    site,
  );
  const recordingId = await panel.evaluate(async () => {
    const { recordings } = window.chartsideE2E!;
    const id = await recordings.start({ mimeType: 'audio/webm;codecs=opus' });
    await recordings.appendChunk(id, new Blob([new Uint8Array(4096)]), 1000);
    await recordings.setStatus(id, 'stopped');
    return id;
  });
  await expect.poll(async () => JSON.stringify(await sessionDump(ext))).toContain('Maria Alvarez');
  const session = JSON.stringify(await sessionDump(ext));
  for (const trace of VISIT_TRACES) expect(session).toContain(trace);
  const localBefore = await localDump(ext);
  expect(Object.keys(localBefore)).toEqual(expect.arrayContaining(['settings', 'enabledSites', 'fieldMaps']));
  // (Settings are sealed there; the options page shows the 5-minute choice kept, below.)

  await idleFor(ext, 6);
  await fireIdleAlarm(ext);

  // The open panel started afresh and says why, as a status, not an error.
  await expect(panel.getByRole('status')).toHaveText(CLEARED_AFTER_5, { timeout: 15_000 });
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(transcriptBox(panel)).toHaveValue('');
  for (const section of ['Subjective', 'Objective', 'Assessment', 'Plan'] as const) await expect(sectionBox(panel, section)).toHaveValue('');
  // It does not read the chart again by itself (Read chart is there for when the clinician is back).
  await expect(context.getByRole('button', { name: 'Read chart', exact: true })).toBeVisible();
  await panel.waitForTimeout(500);
  for (const trace of VISIT_TRACES) await expect(panel.locator('body')).not.toContainText(trace);

  const after = await sessionDump(ext);
  // Besides the clock and the notice, only the fresh panel's empty chart draft (no chart read).
  expect(Object.keys(after).filter((key) => !key.startsWith('chart:')).sort()).toEqual(['idle:cleared-notice', LAST_ACTIVITY]);
  for (const [key, value] of Object.entries(after)) if (key.startsWith('chart:')) expect(value).not.toHaveProperty('chart');
  for (const trace of VISIT_TRACES) expect(JSON.stringify(after)).not.toContain(trace);
  expect(await localDump(ext)).toEqual(localBefore);
  expect((await storedRecordings(panel)).map((r) => r.id)).toEqual([recordingId]);
  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  await expect(options.getByText(/Saved key: snapi_sk_test_/)).toBeVisible();
  await expect(options.getByRole('heading', { name: site, exact: true })).toBeVisible();
  await expect(options.getByLabel('Clear patient data after', { exact: true })).toHaveValue('5');
  await options.close();

  // The clinician is back: the chart, then a new note, work as before, and the notice is put away.
  await context.getByRole('button', { name: 'Read chart', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/sore throat/);
  await expect.poll(async () => Object.keys(await sessionDump(ext))).not.toContain('idle:cleared-notice');
});

test('using the panel restarts the clock; only the whole timeout without activity clears, checked when the panel is focused', async ({ ext, panel }) => {
  await chooseIdleTimeout(ext, '5 minutes');
  await idleFor(ext, 4);
  await transcriptBox(panel).fill(TRANSCRIPT);
  // Typing was reported at once: the clock starts again from now.
  await expect.poll(() => lastActivityAgoMs(ext)).toBeLessThan(10_000);

  // 6 minutes after the activity before, 2 after the typing: nothing goes.
  await letTimePass(ext, 2);
  await panel.evaluate(() => window.dispatchEvent(new Event('focus')));
  await panel.waitForTimeout(1000);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  await expect(panel.getByRole('status')).toHaveText('');
  expect(JSON.stringify(await sessionDump(ext))).toContain('sore throat');

  // 5 minutes after the typing: the next focus clears.
  await letTimePass(ext, 3);
  await panel.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(panel.getByRole('status')).toHaveText(CLEARED_AFTER_5, { timeout: 15_000 });
  await expect(transcriptBox(panel)).toHaveValue('');
  expect(JSON.stringify(await sessionDump(ext))).not.toContain('sore throat');
});

test('a panel opened after the timeout ran out (the computer slept, no alarm has fired yet) opens empty, with the notice', async ({ ext, panel, chart }) => {
  await chooseIdleTimeout(ext, '5 minutes');
  await transcriptBox(panel).fill(TRANSCRIPT);
  await expect.poll(async () => JSON.stringify(await sessionDump(ext))).toContain('sore throat');
  await panel.close();
  await idleFor(ext, 90);

  // The panel asks for the check before it reads any draft (mount-side-panel.ts).
  const tabId = await worker(ext).evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!, chart.url());
  const reopened = await ext.context.newPage();
  await reopened.goto(extensionUrl(ext, `sidepanel.html?tabId=${tabId}`));
  await reopened.locator('html[data-ready="true"]').waitFor();
  await expect(reopened.getByRole('status')).toHaveText(CLEARED_AFTER_5);
  await expect(transcriptBox(reopened)).toHaveValue('');
  expect(JSON.stringify(await sessionDump(ext))).not.toContain('sore throat');
});

test.describe('never during work in progress', () => {
  let dir: string;
  let wav: TestRecording;
  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chartside-idle-e2e-'));
    ({ wav } = await makeTestRecordings(dir, { seconds: 8 }));
  });
  test.afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a 202 recording the API is still transcribing holds the clock; its note arrives, and only then does the timeout run', async ({ ext, panel, emulator }) => {
    await chooseIdleTimeout(ext, '5 minutes');
    emulator.setFaults({ audioMode: 'async', asyncHold: true });
    await transcriptBox(panel).fill('Typed while the recording is processed: sore throat.');
    const base64 = (await readFile(wav.path)).toString('base64');
    await panel.evaluate(
      async ({ base64, mimeType }) => {
        const { recordings, panelStore } = window.chartsideE2E!;
        const id = await recordings.start({ mimeType });
        await recordings.appendChunk(id, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]), 8000);
        await recordings.setStatus(id, 'stopped');
        panelStore()!.generateFromRecording(id);
      },
      { base64, mimeType: wav.contentType },
    );
    await expect(panel.getByRole('status')).toContainText('transcribing the recording', { timeout: 30_000 });
    await expect.poll(() => emulator.uploads[0]?.noteId).toBeTruthy();

    await idleFor(ext, 60);
    await fireIdleAlarm(ext);
    // The busy background counts the job as activity: the clock restarts, nothing is cleared.
    await expect.poll(() => lastActivityAgoMs(ext), { timeout: 15_000 }).toBeLessThan(10_000);
    await expect(transcriptBox(panel)).toHaveValue(/sore throat/);
    await expect(panel.getByRole('status')).toContainText('transcribing the recording');
    expect(Object.keys(await sessionDump(ext)).some((key) => key.startsWith('job:'))).toBe(true);
    expect(await storedRecordings(panel)).toHaveLength(1);

    expect(emulator.completeJob(emulator.uploads[0]!.noteId!)).toBe(true);
    await expect(panel.getByRole('status')).toHaveText(/Note ready/, { timeout: 45_000 });
    await expect(sectionBox(panel, 'Subjective')).not.toHaveValue('');
    await expect.poll(() => storedRecordings(panel)).toEqual([]);

    // Once the note has been there for the whole timeout without activity, it goes like any other.
    await idleFor(ext, 6);
    await fireIdleAlarm(ext);
    await expect(panel.getByRole('status')).toHaveText(CLEARED_AFTER_5, { timeout: 15_000 });
    await expect(sectionBox(panel, 'Subjective')).toHaveValue('');
  });

  test('a recording being recorded (its page holds the recording lock) holds the clock', async ({ ext, panel }) => {
    await chooseIdleTimeout(ext, '5 minutes');
    await transcriptBox(panel).fill(TRANSCRIPT);
    // The recorder holds this Web Lock for as long as it records (lib/audio/recording-lock.ts); the
    // background sees it from its own context, which is what is proved here.
    await panel.evaluate(() => {
      void navigator.locks.request('chartside-recording:e2e-live', () => new Promise<void>((release) => ((window as unknown as { releaseRecording(): void }).releaseRecording = release)));
    });
    await idleFor(ext, 60);
    await fireIdleAlarm(ext);
    await expect.poll(() => lastActivityAgoMs(ext), { timeout: 15_000 }).toBeLessThan(10_000);
    await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);

    await panel.evaluate(() => (window as unknown as { releaseRecording(): void }).releaseRecording());
    await idleFor(ext, 6);
    await fireIdleAlarm(ext);
    await expect(panel.getByRole('status')).toHaveText(CLEARED_AFTER_5, { timeout: 15_000 });
    await expect(transcriptBox(panel)).toHaveValue('');
  });
});
