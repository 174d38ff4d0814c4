import { expect, test } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { configureThroughOptions, openExtensionPage } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Firefox records Ogg/Opus (Chromium WebM/Opus): the panel records from Firefox's fake microphone,
// the background uploads it to the emulator (which decodes it with ffprobe) and the note comes back.
// Firefox here has no audio output, so its AudioContext never runs: the level meter stays hidden and
// no false "silence" warning appears.
test.use({ firefoxPrefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } });

test('records Ogg/Opus, uploads it, and the upload decodes to the recorded length; the note comes back', async ({ emulator, ext }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
  const panel = await openExtensionPage(ext, 'sidepanel.html?tabId=1');
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
  const storedCount = () => panel.evaluate(
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
  await expect.poll(storedCount).toBe(0);
});
