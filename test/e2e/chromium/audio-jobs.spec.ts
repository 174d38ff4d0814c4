/**
 * Notes from recordings, end to end: a real recording in the extension's encrypted recording store,
 * sent by the background to the emulator (which decodes it with ffprobe), the note back in the panel.
 *
 * The recorder itself is tested in recorder.spec.ts; here a prepared file is put into the store and
 * handed to the panel through `window.chartsideE2E`, which only test builds have (lib/panel/e2e-hooks.ts):
 * the real store module and the real `panelStore.generateFromRecording`, exactly what the recorder calls,
 * so each job case (202, worker restarts, failures) starts from a known recording.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SAMPLE_VISIT_TRANSCRIPT } from '../../emulator/notes.ts';
import { makeTestRecordings, type TestRecording } from '../../emulator/test-audio.ts';
import { stopExtensionWorker } from '../../support/chromium-extension.ts';
import { sendRecording, storeRecording, recoverableRecordings } from '../../support/recording-jobs.ts';
import { expect, sectionBox, test } from './fixtures';
import { openNoteOptions, reviewPatientContext } from '../../support/panel-areas.ts';

const SECONDS = 8;
let dir: string;
let wav: TestRecording;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chartside-audio-e2e-'));
  ({ wav } = await makeTestRecordings(dir, { seconds: SECONDS }));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const transcriptBox = (panel: Page) => panel.getByRole('textbox', { name: 'Transcript', exact: true });

const missingNotice = (panel: Page) => panel.getByRole('region', { name: 'Not sent with the note', exact: true });
const calls = (emulator: { requests: { method: string; path: string }[] }) => emulator.requests.map((r) => `${r.method} ${r.path}`);

/** The checked chart context, custom instructions and both extras: everything a POST route may drop. */
async function chooseEverything(panel: Page): Promise<void> {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await reviewPatientContext(panel);
  await context.getByRole('checkbox', { name: 'Metformin 500 mg twice daily', exact: true }).uncheck();
  await openNoteOptions(panel);
  await panel.getByRole('combobox', { name: 'Specialty', exact: true }).selectOption({ label: 'Physical Therapy' });
  await panel.getByRole('checkbox', { name: 'Include billing codes', exact: true }).check();
  await panel.getByRole('checkbox', { name: 'Include patient summary', exact: true }).check();
  await panel.getByText('Custom instructions', { exact: true }).click();
  await panel.getByRole('textbox', { name: 'Custom instructions', exact: true }).fill('Write the plan as a numbered list.');
}

test('a WAV recording is uploaded with PUT, its options, context and instructions in metadata; the note, its extras and its transcript come back', async ({ panel, emulator }) => {
  await chooseEverything(panel);

  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);

  await expect(panel.getByRole('status')).toHaveText('Note ready. Review and edit it before you use it.', { timeout: 30_000 });
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/lower back pain/);
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/physical therapy/i);
  await expect(transcriptBox(panel)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT);

  await expect(panel.getByRole('region', { name: 'Billing codes', exact: true })).toContainText('M54.50');
  await expect(panel.getByRole('region', { name: 'Patient summary', exact: true })).toBeVisible();
  await expect(missingNotice(panel)).toHaveCount(0);

  expect(emulator.uploads).toHaveLength(1);
  expect(calls(emulator).filter((c) => c.endsWith('/v1/note/audio'))).toEqual(['PUT /v1/note/audio']);
  const upload = emulator.uploads[0]!;
  expect(upload).toMatchObject({ method: 'PUT', status: 200, decode: 'ok', codec: 'pcm_s16le', filename: 'recording.wav' });
  expect(upload.durationSeconds).toBeCloseTo(SECONDS, 1);
  expect(Object.keys(upload.fields)).toEqual(['metadata']);
  const metadata = upload.metadata as { context?: { patient_info?: { name?: string; medications?: string[] }; custom_instructions?: string } };
  expect(metadata).toMatchObject({
    specialty: 'physical_therapy',
    template: 'standard',
    include_billing_codes: true,
    include_patient_summary: true,
    include_transcript: true,
  });
  expect(metadata.context?.patient_info?.name).toBe('Maria Alvarez');
  expect(metadata.context?.patient_info?.medications).toEqual(['Lisinopril 10 mg daily']);
  expect(metadata.context?.custom_instructions).toBe('Write the plan as a numbered list.');

  // The note exists: the recording is gone from the store.
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
  // The returned transcript can be corrected and the note generated again from it.
  await transcriptBox(panel).fill(`${SAMPLE_VISIT_TRANSCRIPT} No numbness in the feet.`);
  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  expect(emulator.requests.find((r) => r.path === '/v1/stream/note')?.body).toMatchObject({ transcript: expect.stringContaining('No numbness') });
});

test('a POST-only server that reads only specialty and template: the upload falls back to POST, and the panel names the extras that did not come and says to type the visit to get them', async ({ panel, emulator }) => {
  emulator.setFaults({ audioPutStatus: 405, audioPostReads: 'documented' });
  await chooseEverything(panel);
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);

  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 30_000 });
  expect(calls(emulator).filter((c) => c.endsWith('/v1/note/audio'))).toEqual(['PUT /v1/note/audio', 'POST /v1/note/audio']);
  // Sent both ways (fields and metadata); this server read only the fields it documents.
  expect(emulator.uploads).toEqual([expect.objectContaining({ method: 'POST', status: 200 })]);
  expect(emulator.uploads[0]!.fields).toMatchObject({
    specialty: 'physical_therapy',
    template: 'standard',
    include_billing_codes: 'true',
    include_patient_summary: 'true',
    include_transcript: 'true',
  });
  expect(emulator.uploads[0]!.metadata).toMatchObject({ context: { custom_instructions: 'Write the plan as a numbered list.' } });
  // GET /v1/note/:noteId was asked for them first (it had none either); no second note was made.
  expect(calls(emulator)).toContain(`GET /v1/note/${emulator.uploads[0]!.noteId}`);
  expect(calls(emulator).filter((c) => c === 'POST /v1/note' || c === 'POST /v1/stream/note')).toEqual([]);

  const notice = missingNotice(panel);
  await expect(notice).toContainText('You asked for the billing codes and patient summary');
  await expect(notice).toContainText('This note came from a recording, and its transcript is not in the Transcript box');
  await expect(panel.getByRole('region', { name: 'Billing codes', exact: true })).toHaveCount(0);
  await expect(transcriptBox(panel)).toHaveValue('');
  const get = notice.getByRole('button', { name: 'Get the billing codes and patient summary', exact: true });
  await get.click();
  await expect(notice.getByRole('alert')).toContainText('Type or paste what was said in the visit into the Transcript box');
  expect(calls(emulator).filter((c) => c === 'POST /v1/note')).toEqual([]);

  await transcriptBox(panel).fill(SAMPLE_VISIT_TRANSCRIPT);
  await get.click();
  await expect(panel.getByRole('region', { name: 'Billing codes', exact: true })).toContainText('M54.50');
  await expect(panel.getByRole('region', { name: 'Patient summary', exact: true })).toBeVisible();
  await expect(notice).toHaveCount(0);
  expect(emulator.requests.filter((r) => r.path === '/v1/note').map((r) => r.body)).toEqual([
    expect.objectContaining({ transcript: SAMPLE_VISIT_TRANSCRIPT, include_billing_codes: true, include_patient_summary: true }),
  ]);
});

test('a recorded note without the extras asked for: from GET /v1/note/:noteId when it has them; else named, and got from the returned transcript', async ({ panel, emulator }) => {
  emulator.setFaults({ extras: 'id-only' });
  await openNoteOptions(panel);
  await panel.getByRole('checkbox', { name: 'Include billing codes', exact: true }).check();
  const first = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, first);
  await expect(panel.getByRole('region', { name: 'Billing codes', exact: true })).toContainText('M54.50', { timeout: 30_000 });
  await expect(missingNotice(panel)).toHaveCount(0);
  const noteId = emulator.uploads[0]!.noteId!;
  expect(calls(emulator).filter((c) => !c.startsWith('GET /v1/specialties'))).toEqual(['PUT /v1/note/audio', `GET /v1/note/${noteId}`]);

  emulator.setFaults({ extras: false });
  await transcriptBox(panel).fill('');
  const second = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, second);
  const notice = missingNotice(panel);
  await expect(notice).toContainText('You asked for the billing codes', { timeout: 30_000 });
  // The returned transcript is in the box: one press gets the codes from it.
  await expect(transcriptBox(panel)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT);
  await expect(notice).not.toContainText('its transcript is not in the Transcript box');
  await notice.getByRole('button', { name: 'Get the billing codes', exact: true }).click();
  await expect(panel.getByRole('region', { name: 'Billing codes', exact: true })).toContainText('M54.50');
  await expect(notice).toHaveCount(0);
  expect(emulator.requests.filter((r) => r.path === '/v1/note').map((r) => r.body)).toEqual([
    expect.objectContaining({ transcript: SAMPLE_VISIT_TRANSCRIPT, include_billing_codes: true }),
  ]);
});

test("a recorded note's transcript is kept in Note history: reopening the note brings it back to the Transcript box", async ({ panel }) => {
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);
  await expect(transcriptBox(panel)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT, { timeout: 30_000 });
  await transcriptBox(panel).fill('');

  const notes = panel.getByRole('region', { name: 'Note history' });
  await notes.getByRole('button', { name: /^Reopen note from \d\d:\d\d$/ }).click();
  await expect(notes.getByRole('status')).toContainText('is open in the section boxes');
  await expect(transcriptBox(panel)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT);
});

test('a failed upload keeps the recording and offers Retry, which sends it again', async ({ panel, emulator }) => {
  // Every attempt the client makes fails (it tries 3 times): the upload fails as a whole.
  for (let i = 0; i < 3; i++) emulator.queueFault({ path: '/v1/note/audio', status: 503 });
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);

  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('The SOAP Note API is temporarily unavailable.', { timeout: 30_000 });
  await expect(alert).toContainText('The recording is kept');
  await expect(alert.getByRole('button', { name: 'Try again', exact: true })).toHaveCount(0);
  expect(await recoverableRecordings(panel)).toEqual([{ id, status: 'failed' }]);
  expect(emulator.requests.filter((r) => r.path === '/v1/note/audio')).toHaveLength(3);

  await alert.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(/Note ready/, { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(sectionBox(panel, 'Assessment')).toHaveValue(/back strain/i);
  expect(emulator.uploads.filter((u) => u.status === 200)).toHaveLength(1);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
});

test('the server takes the upload, then the connection drops before its answer: not sent again, exactly one job; the panel says the API may have made the note, and Retry says it may bill again', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/note/audio', acceptThenDrop: true });
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);

  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(
    'The connection to the SOAP Note API failed before its answer arrived. The API may have made the note anyway, and billed for it.',
    { timeout: 30_000 },
  );
  await expect(alert).toContainText('A second try may be billed as a second note.');
  await expect(alert).toContainText('The recording is kept: press Retry (may bill again) to send it again.');
  await expect(alert.getByRole('button', { name: 'Retry (may bill again)', exact: true })).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
  // Nothing more goes out behind the clinician's back: one request, one job on the server.
  await panel.waitForTimeout(2_000);
  expect(emulator.requests.filter((r) => r.path === '/v1/note/audio')).toHaveLength(1);
  expect(emulator.uploads).toHaveLength(1);
  expect(emulator.uploads[0]).toMatchObject({ status: 200, decode: 'ok' });
  expect(await recoverableRecordings(panel)).toEqual([{ id, status: 'failed' }]);

  // Sending it again is the clinician's choice, made knowing the cost: a second job.
  await alert.getByRole('button', { name: 'Retry (may bill again)', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(/Note ready/, { timeout: 30_000 });
  await expect(sectionBox(panel, 'Assessment')).toHaveValue(/back strain/i);
  expect(emulator.uploads).toHaveLength(2);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
});

test('a recording under 5 seconds is refused before it is sent, and kept', async ({ panel, emulator }) => {
  const id = await storeRecording(panel, wav, 3_000);
  await sendRecording(panel, id);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('needs at least 5 seconds');
  await expect(alert.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
  expect(emulator.requests.filter((r) => r.path.startsWith('/v1/note/audio'))).toHaveLength(0);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([{ id, status: 'failed' }]);
});

test('a long recording (202) is polled; the note still arrives after the browser stops the worker', async ({ ext, panel, emulator }) => {
  emulator.setFaults({ audioMode: 'async', asyncHold: true });
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);

  await expect(panel.getByRole('status')).toContainText('transcribing the recording', { timeout: 30_000 });
  await expect.poll(() => emulator.uploads[0]?.noteId).toBeTruthy();
  const noteId = emulator.uploads[0]!.noteId!;
  expect(emulator.uploads[0]!.status).toBe(202);
  await expect.poll(() => emulator.pollsFor(noteId).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  await expect(panel.getByRole('status')).toContainText(/checked \d+ times?/);
  expect(await recoverableRecordings(panel)).toEqual([{ id, status: 'uploading' }]);

  // The browser stops the worker, as Chrome does to an idle one: its timers and memory are gone.
  const runningStatus = await stopExtensionWorker(ext, panel);
  const polledBefore = emulator.pollsFor(noteId).length;

  expect(emulator.completeJob(noteId)).toBe(true);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/, { timeout: 45_000 });
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/lower back pain/);
  await expect(transcriptBox(panel)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT);
  // A new worker (woken by the panel's reconnect or the poll alarm) picked the job up from storage.session.
  expect(runningStatus.slice(runningStatus.indexOf('stopped'))).toContain('running');
  const gets = emulator.pollsFor(noteId).map((r) => r.path);
  expect(gets.length).toBeGreaterThan(polledBefore);
  expect(gets.at(-1)).toBe(`/v1/note/${noteId}`);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
});

test('a test key’s daily limit refuses the status checks (429, no Retry-After): the job is not abandoned, the recording is kept, the panel says so, and the note still arrives', async ({ panel, emulator }) => {
  test.setTimeout(150_000);
  emulator.setFaults({ audioMode: 'async', asyncHold: true });
  emulator.queueFault({ path: '/v1/audio/status/', status: 429, code: 'RATE_LIMIT_EXCEEDED', message: 'Daily request limit reached for this test key.' });
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);
  await expect.poll(() => emulator.uploads[0]?.noteId, { timeout: 20_000 }).toBeTruthy();
  const noteId = emulator.uploads[0]!.noteId!;

  const status = panel.getByRole('status');
  await expect(status).toContainText('the API key has used up its requests (a test key allows 10 a day)', { timeout: 20_000 });
  await expect(status).toContainText('The recording is kept and the note is still waited for');
  await expect(status).toContainText('next in about 1 minute');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect(await recoverableRecordings(panel)).toEqual([{ id, status: 'uploading' }]);
  const refusedAt = emulator.pollsFor(noteId).at(-1)!.time;
  expect(emulator.pollsFor(noteId)).toHaveLength(1);

  // The limit lifts; the job was done meanwhile. The next check comes a minute after the refused one.
  expect(emulator.completeJob(noteId)).toBe(true);
  await expect(status).toHaveText(/Note ready/, { timeout: 90_000 });
  const [, next] = emulator.pollsFor(noteId);
  expect(next!.time - refusedAt).toBeGreaterThanOrEqual(59_000);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/lower back pain/);
  expect(emulator.uploads).toHaveLength(1);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
});

test('a failed 202 job says so and keeps the audio, with Retry', async ({ panel, emulator }) => {
  emulator.setFaults({ audioMode: 'async', asyncPolls: 1, asyncFail: true, asyncFailMessage: 'Transcription failed: the audio was silent.' });
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('could not turn the recording into a note: Transcription failed: the audio was silent.', { timeout: 30_000 });
  await expect(alert.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
  await expect.poll(() => recoverableRecordings(panel)).toEqual([{ id, status: 'failed' }]);
});

test('with the panel closed, the poll alarm alone restarts the stopped worker, and the reopened panel shows the note', async ({ ext, panel, emulator }) => {
  test.setTimeout(120_000);
  emulator.setFaults({ audioMode: 'async', asyncHold: true });
  const id = await storeRecording(panel, wav, SECONDS * 1000);
  await sendRecording(panel, id);
  await expect.poll(() => emulator.uploads[0]?.noteId, { timeout: 30_000 }).toBeTruthy();
  const noteId = emulator.uploads[0]!.noteId!;
  await expect(panel.getByRole('status')).toContainText('transcribing the recording');
  const url = panel.url();

  // Another extension page to speak to DevTools through, then no panel at all.
  const helper = await ext.context.newPage();
  await helper.goto(url.replace(/sidepanel\.html.*$/, 'options.html'));
  await panel.close();
  await stopExtensionWorker(ext, helper);
  await helper.close();

  expect(emulator.completeJob(noteId)).toBe(true);
  // Nothing is open to wake it but the alarm set for the next check.
  await expect.poll(() => emulator.pollsFor(noteId).at(-1)?.path, { timeout: 75_000 }).toBe(`/v1/note/${noteId}`);

  const reopened = await ext.context.newPage();
  await reopened.goto(url);
  await reopened.locator('html[data-ready="true"]').waitFor();
  await expect(reopened.getByRole('status')).toHaveText(/Note ready/);
  await expect(sectionBox(reopened, 'Plan')).toHaveValue(/physical therapy/i);
  await expect(transcriptBox(reopened)).toHaveValue(SAMPLE_VISIT_TRANSCRIPT);
  await expect.poll(() => recoverableRecordings(reopened)).toEqual([]);
});
