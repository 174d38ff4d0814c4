import { expect, test } from '@playwright/test';
import { launchFirefoxWithExtension, openExtensionPage, type FirefoxExtension } from '../../support/firefox-extension.ts';

// Firefox records Ogg/Opus (Chromium WebM/Opus): the panel records from Firefox's fake microphone,
// stores the recording, and what was stored decodes in full. Firefox here has no audio output, so
// its AudioContext never runs: the level meter stays hidden and no false "silence" warning appears.
let ext: FirefoxExtension;

test.beforeEach(async () => {
  ext = await launchFirefoxWithExtension({ prefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } });
});
test.afterEach(async () => {
  await ext?.close();
});

test('records Ogg/Opus into the recording store, and the stored audio decodes', async () => {
  const panel = await openExtensionPage(ext, 'sidepanel.html?tabId=1');
  await (await panel.waitForSelector('::-p-aria(Start recording[role="button"])'))!.click();
  await panel.waitForSelector('::-p-aria(Pause recording[role="button"])');
  await new Promise((resolve) => setTimeout(resolve, 6500));
  await (await panel.waitForSelector('::-p-aria(Stop recording[role="button"])'))!.click();
  await panel.waitForFunction(() => document.body.innerText.includes('Recording saved:'), { timeout: 10_000 });

  const stored = await panel.evaluate(
    () =>
      new Promise<{ mimeType: string; status: string; durationMs: number; chunkCount: number }[]>((resolve, reject) => {
        const request = indexedDB.open('chartside-recordings');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('recordings').objectStore('recordings').getAll();
          all.onsuccess = () => {
            request.result.close();
            resolve(all.result);
          };
        };
      }),
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ mimeType: 'audio/ogg;codecs=opus', status: 'stopped' });
  expect(stored[0]!.durationMs).toBeGreaterThan(5500);
  expect(stored[0]!.chunkCount).toBeGreaterThanOrEqual(6);

  // The button's name ends with the local start time: found by its beginning.
  await panel.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Listen to recording'))!.click());
  await panel.waitForSelector('audio[src^="blob:"]');
  const decodedMs = await panel.evaluate(async () => {
    const audio = document.querySelector('audio')!;
    const bytes = await (await fetch(audio.src)).arrayBuffer();
    return (await new OfflineAudioContext(1, 48_000, 48_000).decodeAudioData(bytes)).duration * 1000;
  });
  expect(Math.abs(decodedMs - stored[0]!.durationMs)).toBeLessThan(1200);
  expect(await panel.evaluate(() => document.querySelectorAll('[role="alert"]').length)).toBe(0);
});
