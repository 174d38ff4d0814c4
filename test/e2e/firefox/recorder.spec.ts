import type { Page } from 'puppeteer-core';
import { agreeToRecording, expect, test } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, openExtensionPage, tabIdOf, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Firefox records Ogg/Opus (Chromium WebM/Opus): the panel records from Firefox's fake microphone,
// the background uploads it to the emulator (which decodes it with ffprobe) and the note comes back.
// Firefox here has no audio output, so its AudioContext never runs: the level meter stays hidden and
// no false "silence" warning appears.
test.use({ firefoxPrefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } });

test('records Ogg/Opus, uploads it, and the upload decodes to the recorded length; the note comes back', async ({ emulator, ext }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
  const panel = await openExtensionPage(ext, 'sidepanel.html?tabId=1');
  await agreeToRecording(panel);
  await (await panel.waitForSelector('::-p-aria(Start recording[role="button"])'))!.click();
  await panel.waitForSelector('::-p-aria(Pause recording[role="button"])');
  const startedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 6500));
  await (await panel.waitForSelector('::-p-aria(Stop recording[role="button"])'))!.click();
  const recordedMs = Date.now() - startedAt;
  await waitForInPage(panel, () => document.querySelector('[role="status"]')?.textContent?.startsWith('Note ready'), { timeout: 30_000 });

  const [upload, ...others] = emulator.uploads;
  expect(others).toEqual([]);
  expect(upload).toMatchObject({ status: 200, decode: 'ok', codec: 'opus', contentType: 'audio/ogg;codecs=opus' });
  expect(Math.abs(upload!.durationSeconds! * 1000 - recordedMs)).toBeLessThan(1500);
  const plan = await panel.evaluate(() => (document.querySelector('textarea[aria-label="Plan"]') as HTMLTextAreaElement).value);
  expect(plan).not.toBe('');
  expect(await panel.evaluate(() => document.querySelectorAll('[role="alert"]').length)).toBe(0);
  // The note exists: nothing is left in the recording store.
  await expect.poll(() => storedCount(panel)).toBe(0);
});

test('consent: Start recording refuses until Patient agreed to be recorded is ticked; its line is in the note and in Insert all', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const chart = await ext.browser.newPage();
  const url = `${ehr.url}/sample-chart.html`;
  await chart.goto(url);
  const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${await tabIdOf(options, url)}`);
  await click(panel, 'Enable on this site');
  await panel.waitForSelector('::-p-aria(Read chart[role="button"])', { timeout: 15_000 });

  // Not ticked: nothing is recorded, and the words say why and what to do.
  await click(panel, 'Start recording');
  await waitFor('the refusal', async () => (await textOfRole(panel, 'alert')).includes('Chartside records only after the patient agrees, so nothing was recorded.'));
  expect(await textOfRole(panel, 'alert')).toContain('Ask the patient, tick Patient agreed to be recorded, then press Start recording.');
  expect(await panel.$('::-p-aria(Pause recording[role="button"])')).toBeNull();
  expect(await storedCount(panel)).toBe(0);

  await agreeToRecording(panel);
  await click(panel, 'Start recording');
  await panel.waitForSelector('::-p-aria(Pause recording[role="button"])');
  await new Promise((resolve) => setTimeout(resolve, 6500));
  await click(panel, 'Stop recording');
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 30_000);

  const line = /\n\nPatient consented to audio recording of this visit; confirmed by the clinician at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/;
  const subjective = await panel.evaluate(() => (document.querySelector('textarea[aria-label="Subjective"]') as HTMLTextAreaElement).value);
  expect(subjective).toMatch(line);

  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => (await textOfRole(panel, 'status')).includes('Plan: inserted'));
  expect(await chart.evaluate(() => (document.querySelector('textarea[name="subjective"]') as HTMLTextAreaElement).value)).toBe(subjective);
});

function storedCount(panel: Page): Promise<number> {
  return panel.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('chartside-recordings');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const count = request.result.transaction('recordings').objectStore('recordings').count();
          count.onsuccess = () => {
            request.result.close();
            resolve(count.result);
          };
        };
      }),
  );
}
