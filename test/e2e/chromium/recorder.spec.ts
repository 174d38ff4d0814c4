import type { Locator, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SAMPLE_VISIT_TRANSCRIPT } from '../../emulator/notes.ts';
import { extensionUrl, openPanel, tabIdOf } from '../../support/chromium-extension.ts';
import { test as base, expect, expectConsentLineCarried } from './fixtures';
import { storedRecordings } from '../../support/stored-recordings.ts';

/**
 * The recorder in the real browser: Chromium's fake microphone plays a WAV spoken by espeak-ng
 * (made here, at test time) in a loop, and the panel records it through MediaRecorder into the
 * encrypted recording store; the background sends it to the emulator, which decodes it (ffprobe),
 * and the note comes back to the panel. What is stored is read back from the panel page's IndexedDB
 * (its totals are kept in the clear; the audio is sealed).
 */

const run = promisify(execFile);

interface AudioFiles {
  /** What the fake microphone hears: speech with short gaps, looped by Chromium. */
  microphone: string;
  /** 13 s of silence, then speech: a muted stretch long enough to warn about, then sound again. */
  silenceThenSpeech: string;
  twoSeconds: string;
  sevenSeconds: string;
}

async function makeAudio(dir: string): Promise<AudioFiles> {
  const speech = path.join(dir, 'speech.wav');
  await run('espeak-ng', ['-w', speech, 'The patient reports a sore throat for three days. No fever. Denies cough. Plan: fluids and rest.']);
  const sized = async (name: string, seconds: number) => {
    const out = path.join(dir, name);
    await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', speech, '-af', 'apad', '-t', String(seconds), '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', out]);
    return out;
  };
  // 48 kHz mono for the fake capture device (it resamples anything, but this is what it asks for).
  const microphone = path.join(dir, 'microphone.wav');
  await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', speech, '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', microphone]);
  const silenceThenSpeech = path.join(dir, 'silence-then-speech.wav');
  await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', speech, '-af', 'adelay=13000:all=1', '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', silenceThenSpeech]);
  return { microphone, silenceThenSpeech, twoSeconds: await sized('visit-2s.wav', 2), sevenSeconds: await sized('visit-7s.wav', 7) };
}

const test = base.extend<{ microphone: 'microphone' | 'silenceThenSpeech' }, { audio: AudioFiles }>({
  /** Which sound the fake microphone plays. */
  microphone: ['microphone', { option: true }],
  audio: [
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'chartside-recorder-'));
      await use(await makeAudio(dir));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  browserArgs: async ({ audio, microphone }, use) => {
    await use(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${audio[microphone]}`]);
  },
});

/**
 * Opens the recording in the panel's player (Listen to recording …) and decodes all of it with Web
 * Audio: proof that the chunks were stored whole and in order (a WebM without its first chunk, or
 * with one out of place, does not decode). Resolves to the decoded length in ms.
 */
async function decodedLengthMs(region: Locator): Promise<number> {
  await region.getByRole('button', { name: /^Listen to recording / }).click();
  const player = region.locator('audio');
  await expect(player).toHaveAttribute('src', /^blob:/);
  const seconds = await player.evaluate(async (audio: HTMLAudioElement) => {
    const bytes = await (await fetch(audio.src)).arrayBuffer();
    const context = new OfflineAudioContext(1, 48_000, 48_000);
    return (await context.decodeAudioData(bytes)).duration;
  });
  await region.getByRole('button', { name: /^Close player / }).click();
  await expect(player).toHaveCount(0);
  return seconds * 1000;
}

const noteReady = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Note ready/ })).toBeVisible({ timeout: 30_000 });
const transcriptBox = (page: Page) => page.getByRole('textbox', { name: 'Transcript', exact: true });
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const unfinished = (page: Page) => page.getByRole('region', { name: 'Unfinished recordings' });
const consentBox = (page: Page) => page.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true });
/** Asked before every recording while consent is required (the default): the clinician confirms the patient agreed. */
const agree = (page: Page) => consentBox(page).check();
/** "Patient consented … confirmed by <who> at 14:32 on 7 Dec 2026." at the end of a section. */
const consentLineOf = (who: string) => new RegExp(`\\n\\nPatient consented to audio recording of this visit; confirmed by ${who.replace('.', '\\.')} at \\d\\d:\\d\\d on \\d{1,2} [A-Z][a-z]{2} \\d{4}\\.$`);
const meterValue = async (page: Page) => Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow'));

test('record, pause, resume, stop: the meter moves, the upload decodes to the recorded length without the pause, the note and its transcript come back', async ({ panel, emulator }) => {
  // Read the chart first: a recording is saved for the patient the chart shows when it starts.
  const context = panel.getByRole('region', { name: 'Patient context' });
  await button(context, 'Enable on this site').click();
  await expect(context).toContainText('Maria Alvarez');

  // Each press takes effect somewhere between the click and the panel showing it, which on a busy
  // machine can be a second or more: the recorded length is bounded from both sides of each press.
  await agree(panel);
  const startClickedAt = Date.now();
  await button(panel, 'Start recording').click();
  await expect(button(panel, 'Pause recording')).toBeVisible();
  const startedAt = Date.now();

  // The meter follows the speech: several different levels, some of them clearly sound.
  const levels = new Set<number>();
  await expect
    .poll(async () => {
      levels.add(await meterValue(panel));
      return levels.size >= 3 && Math.max(...levels) >= 30;
    }, { intervals: [100] })
    .toBe(true);
  await panel.waitForTimeout(Math.max(0, 4000 - (Date.now() - startedAt)));

  const pauseClickedAt = Date.now();
  await button(panel, 'Pause recording').click();
  const timer = panel.getByRole('timer', { name: 'Recording time' });
  await expect(button(panel, 'Resume recording')).toBeVisible();
  const pauseShownAt = Date.now();
  const shownAtPause = await timer.textContent();
  await panel.waitForTimeout(3000);
  await expect(timer).toHaveText(shownAtPause!); // the clock does not run while paused
  const resumeClickedAt = Date.now();
  await button(panel, 'Resume recording').click();
  await expect(button(panel, 'Pause recording')).toBeVisible();
  const resumeShownAt = Date.now();
  await panel.waitForTimeout(4000);
  const stopClickedAt = Date.now();
  await button(panel, 'Stop recording').click();
  await expect(button(panel, 'Start recording')).toBeVisible();
  const stopShownAt = Date.now();
  // Shortest: started as late and stopped as early as possible, paused as long as possible; longest the other way.
  const shortestMs = stopClickedAt - startedAt - (resumeShownAt - pauseClickedAt);
  const longestMs = stopShownAt - startClickedAt - (resumeClickedAt - pauseShownAt);

  await noteReady(panel);

  // What reached the API: one WebM/Opus upload that decodes to the recorded length, pause left out.
  const [upload, ...others] = emulator.uploads;
  expect(others).toEqual([]);
  expect(upload).toMatchObject({ status: 200, decode: 'ok', codec: 'opus', contentType: 'audio/webm;codecs=opus' });
  // Half a second either side for the container's frame boundaries and the timeslice's last chunk.
  expect(upload!.durationSeconds! * 1000).toBeGreaterThan(shortestMs - 500);
  expect(upload!.durationSeconds! * 1000).toBeLessThan(longestMs + 500);
  // 28 kbps Opus is about 3.5 KB a second; allow for the browser's own idea of the target.
  expect(upload!.bytes).toBeGreaterThan(8 * 1024);
  expect(upload!.bytes).toBeLessThan(longestMs * 10);

  // The transcript that came back fills the (empty) Transcript box, to correct and generate again.
  await expect(transcriptBox(panel)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT);
  await expect(panel.getByRole('textbox', { name: 'Plan', exact: true })).not.toHaveValue('');
  // The note exists: the recording is deleted.
  await expect.poll(() => storedRecordings(panel)).toEqual([]);
  await expect(unfinished(panel)).toHaveCount(0);
});

test('keyboard: Tab reaches the recorder, Space and Enter start, pause, resume and stop it', async ({ panel }) => {
  // Tab from the top of the page to Patient agreed to be recorded, tick it with Space, then on to Start recording.
  await panel.locator('body').focus();
  const box = consentBox(panel);
  for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++) await panel.keyboard.press('Tab');
  await expect(box).toBeFocused();
  await panel.keyboard.press('Space');
  await expect(box).toBeChecked();
  const start = button(panel, 'Start recording');
  for (let i = 0; i < 40 && !(await start.evaluate((el) => el === document.activeElement)); i++) await panel.keyboard.press('Tab');
  await expect(start).toBeFocused();
  await panel.keyboard.press('Space');
  // The same button becomes Pause, and keeps the focus.
  await expect(button(panel, 'Pause recording')).toBeFocused();
  await panel.waitForTimeout(2500);
  await panel.keyboard.press('Enter');
  await expect(button(panel, 'Resume recording')).toBeFocused();
  await panel.keyboard.press('Space');
  await expect(button(panel, 'Pause recording')).toBeFocused();
  await panel.waitForTimeout(3500);
  await panel.keyboard.press('Tab');
  await expect(button(panel, 'Stop recording')).toBeFocused();
  await panel.keyboard.press('Enter');
  // Focus comes back to Start recording rather than falling to the page.
  await expect(button(panel, 'Start recording')).toBeFocused();
  await expect(panel.getByText(/^Recording saved/)).toBeVisible();
  // The microphone picker and the upload button (in Record the visit, above the action bar) are reachable too.
  const microphone = panel.getByLabel('Microphone', { exact: true });
  for (let i = 0; i < 40 && !(await microphone.evaluate((el) => el === document.activeElement)); i++) await panel.keyboard.press('Shift+Tab');
  await expect(microphone).toBeFocused();
  // Then the call's sound, beside the microphone as the other source of the visit, then the upload.
  await panel.keyboard.press('Tab');
  await expect(panel.getByRole('checkbox', { name: 'Include call audio', exact: true })).toBeFocused();
  await panel.keyboard.press('Tab');
  await expect(button(panel, 'Upload audio file')).toBeFocused();
});

test.describe('a silent microphone', () => {
  test.use({ microphone: 'silenceThenSpeech' });

  test('warns after 10 silent seconds, keeps recording, and clears the warning when speech comes', async ({ panel }) => {
    await agree(panel);
    await button(panel, 'Start recording').click();
    const warning = panel.getByRole('alert').filter({ hasText: 'No sound has reached the microphone for 10 seconds.' });
    await expect(button(panel, 'Pause recording')).toBeVisible();
    await panel.waitForTimeout(8_000);
    await expect(warning).toHaveCount(0); // not before 10 seconds
    await expect(warning).toBeVisible({ timeout: 6_000 });
    await expect(button(panel, 'Pause recording')).toBeVisible(); // still recording
    await expect(warning).toHaveCount(0, { timeout: 8_000 }); // the speech starts at 13 s
    await button(panel, 'Stop recording').click();
    await expect(panel.getByText(/^Recording saved/)).toBeVisible();
  });
});

test('a recording interrupted by a panel reload is offered back with its length, still decodes, and becomes a note with its consent line; Discard asks first', async ({ panel, emulator }) => {
  await agree(panel);
  await button(panel, 'Start recording').click();
  await expect(button(panel, 'Pause recording')).toBeVisible();
  await panel.waitForTimeout(7500);
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();

  const region = unfinished(panel);
  await expect(region).toContainText('Interrupted');
  const [stored] = await storedRecordings(panel);
  expect(stored).toMatchObject({ status: 'stopped', truncated: false });
  // 7.5 s were recorded before the reload began; the last second may be lost with the page, and a
  // slow reload under load may add most of one. The panel shows the length that was kept.
  expect(stored!.durationMs).toBeGreaterThanOrEqual(6000);
  expect(stored!.durationMs).toBeLessThanOrEqual(9000);
  await expect(region).toContainText(`${Math.round(stored!.durationMs / 1000)} seconds`);
  // Cut off mid-recording, it still decodes up to its last saved chunk.
  expect(Math.abs((await decodedLengthMs(region)) - stored!.durationMs)).toBeLessThan(1200);

  // Discard asks first; Keep leaves it.
  await region.getByRole('button', { name: /^Discard recording / }).click();
  await expect(region.getByRole('button', { name: /^Keep recording / })).toBeFocused();
  await region.getByRole('button', { name: /^Keep recording / }).click();
  expect(await storedRecordings(panel)).toHaveLength(1);

  // Generate note: it is sent whole (the upload decodes to what was stored), and deleted once the note exists.
  await region.getByRole('button', { name: /^Generate note from recording / }).click();
  await noteReady(panel);
  // The consent given before the reload is kept with the recording, and its line is in the note.
  await expect(panel.getByRole('textbox', { name: 'Subjective', exact: true })).toHaveValue(consentLineOf('the clinician'));
  expect(emulator.uploads).toHaveLength(1);
  expect(Math.abs(emulator.uploads[0]!.durationSeconds! * 1000 - stored!.durationMs)).toBeLessThan(1200);
  await expect.poll(() => storedRecordings(panel)).toEqual([]);
  await expect(unfinished(panel)).toHaveCount(0);

  // Gone for good: not offered after another reload either.
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await panel.waitForTimeout(500);
  await expect(unfinished(panel)).toHaveCount(0);
});

test('consent: Start recording refuses until Patient agreed to be recorded is ticked; its line, with the name from settings, is in the note, Insert all and Copy note', async ({ ext, panel, chart }) => {
  // Options: asked for by default; the clinician gives the name the line is confirmed by.
  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  await expect(options.getByRole('checkbox', { name: "Ask for the patient's consent before recording", exact: true })).toBeChecked();
  await expect(options.getByRole('combobox', { name: 'Consent line goes in', exact: true })).toHaveValue('subjective-end');
  const name = options.getByRole('textbox', { name: 'Your name for the consent line', exact: true });
  await name.fill('Dr A. Lee');
  await name.blur();
  await expect(options.getByRole('status')).toHaveText('The consent line will say it was confirmed by Dr A. Lee.');
  await options.close();

  const context = panel.getByRole('region', { name: 'Patient context' });
  await button(context, 'Enable on this site').click();
  await expect(context).toContainText('Maria Alvarez');

  // Not ticked: nothing is recorded, the words say why and what to do, and the box gets the focus.
  await expect(consentBox(panel)).not.toBeChecked();
  await button(panel, 'Start recording').click();
  await expect(panel.getByRole('alert').filter({ hasText: 'Chartside records only after the patient agrees, so nothing was recorded.' })).toContainText(
    'Ask the patient, tick Patient agreed to be recorded, then press Start recording.',
  );
  await expect(consentBox(panel)).toBeFocused();
  await expect(button(panel, 'Pause recording')).toHaveCount(0);
  await expect(button(panel, 'Start recording')).toBeVisible();
  expect(await storedRecordings(panel)).toEqual([]);

  // Ticked: it records, and the box cannot be unticked under the recording.
  await agree(panel);
  await expect(panel.getByRole('alert').filter({ hasText: 'nothing was recorded' })).toHaveCount(0);
  await button(panel, 'Start recording').click();
  await expect(button(panel, 'Pause recording')).toBeVisible();
  await expect(consentBox(panel)).toBeDisabled();
  await panel.waitForTimeout(6500);
  await button(panel, 'Stop recording').click();
  await noteReady(panel);

  const line = consentLineOf('Dr A. Lee');
  await expect(panel.getByRole('textbox', { name: 'Subjective', exact: true })).toHaveValue(line);
  await expect(panel.getByRole('textbox', { name: 'Plan', exact: true })).not.toHaveValue(/Patient consented/);
  // The next recording is asked for again.
  await expect(consentBox(panel)).not.toBeChecked();

  await expectConsentLineCarried(ext, panel, chart, 'Subjective', line);
});

test('upload: a 2-second WAV is refused as too short; a 7-second WAV is checked, sent byte for byte, and becomes a note', async ({ panel, audio, emulator }) => {
  // The button opens the file chooser.
  const chooser = panel.waitForEvent('filechooser');
  await button(panel, 'Upload audio file').click();
  await (await chooser).setFiles(audio.twoSeconds);
  await expect(panel.getByRole('alert')).toContainText('a note needs at least 5 seconds of audio');
  expect(await storedRecordings(panel)).toEqual([]);

  await panel.getByLabel('Audio file', { exact: true }).setInputFiles(audio.sevenSeconds);
  await expect(panel.getByText('Audio file saved: 7 seconds.')).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await noteReady(panel);
  const [upload, ...others] = emulator.uploads;
  expect(others).toEqual([]);
  expect(upload).toMatchObject({ status: 200, decode: 'ok', codec: 'pcm_s16le', bytes: statSync(audio.sevenSeconds).size });
  expect(upload!.durationSeconds).toBeCloseTo(7, 1);
  await expect.poll(() => storedRecordings(panel)).toEqual([]);
});

test('an audio file dropped on the recorder goes through the same checks; when sending fails it is kept, and Discard deletes it', async ({ panel, audio, emulator }) => {
  const drop = async (file: string, name: string, type: string) => {
    const bytes = (await import('node:fs')).readFileSync(file).toString('base64');
    await panel.getByRole('region', { name: 'Record the visit' }).evaluate(
      (zone, { bytes, name, type }) => {
        const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], name, { type }));
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { bytes, name, type },
    );
  };
  await drop(audio.twoSeconds, 'visit.txt', 'text/plain');
  await expect(panel.getByRole('alert')).toContainText('not an audio format');
  // The API is down for every attempt the client makes: the recording must survive that.
  for (let i = 0; i < 3; i++) emulator.queueFault({ path: '/v1/note/audio', status: 503 });
  await drop(audio.sevenSeconds, 'visit.wav', '');
  await expect(panel.getByRole('alert')).toContainText('The recording is kept', { timeout: 30_000 });
  expect((await storedRecordings(panel)).map((r) => [r.mimeType, r.status])).toEqual([['audio/wav', 'failed']]);

  // Offered back; Discard asks, then deletes it.
  const region = unfinished(panel);
  await expect(region).toContainText('7 seconds');
  await region.getByRole('button', { name: /^Discard recording / }).click();
  await region.getByRole('button', { name: /^Yes, discard recording / }).click();
  await expect(region).toHaveCount(0);
  expect(await storedRecordings(panel)).toEqual([]);
});

test('the microphone page asks once, lists the microphones and sends the clinician back to the panel', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'microphone.html'));
  await page.locator('html[data-ready="true"]').waitFor();
  await expect(page.getByRole('status')).toHaveText('Done: Chartside may use the microphone.');
  await expect(page.getByText('Go back to the Chartside panel and press Start recording.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Microphones found' }).getByRole('listitem').first()).toBeVisible();
});

test.describe('without the fake-UI switch', () => {
  // No fake-UI switch: the browser would have to ask, and a panel cannot show the question.
  test.use({ browserArgs: ['--use-fake-device-for-media-stream'] });

  test('without microphone access the panel offers the microphone page, opened in a tab', async ({ ext, ehr }) => {
    const chart = await ext.context.newPage();
    await chart.goto(`${ehr.url}/sample-chart.html`);
    const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
    const recorder = panel.getByRole('region', { name: 'Record the visit' });
    await expect(recorder).toContainText('Chartside needs your permission once to use the microphone.');
    const opened = ext.context.waitForEvent('page');
    await button(recorder, 'Allow microphone access').click();
    const page = await opened;
    await page.waitForLoadState();
    expect(page.url()).toBe(extensionUrl(ext, 'microphone.html'));
    await expect(page.getByRole('heading', { name: 'Allow Chartside to use your microphone' })).toBeVisible();
  });
});
