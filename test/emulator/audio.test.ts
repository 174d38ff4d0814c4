import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_VISIT_TRANSCRIPT, startEmulator, type Emulator } from './server.ts';
import { makeTestRecordings, type TestFormat, type TestRecording } from './test-audio.ts';
import { KEY, TRANSCRIPT, get } from './test-helpers.ts';

let emu: Emulator;
let dir: string;
let recordings: Record<TestFormat, TestRecording>;
const bytes: Partial<Record<TestFormat, Uint8Array<ArrayBuffer>>> = {};
const SECONDS = 3;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chartside-audio-test-'));
  [emu, recordings] = await Promise.all([startEmulator(), makeTestRecordings(dir, { seconds: SECONDS })]);
  for (const [format, rec] of Object.entries(recordings)) bytes[format as TestFormat] = new Uint8Array(await readFile(rec.path));
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

interface AudioFile {
  data: Uint8Array<ArrayBuffer>;
  type: string;
  name: string;
}

/** One of the recordings made in beforeAll. */
const recording = (format: TestFormat, overrides: Partial<AudioFile> = {}): AudioFile => ({
  data: bytes[format]!,
  type: recordings[format].contentType,
  name: recordings[format].filename,
  ...overrides,
});
/** Bytes that are no recording at all, for the checks that come before decoding. */
const placeholder = (size: number, type = 'audio/webm;codecs=opus', name = 'visit.webm'): AudioFile => ({
  data: new Uint8Array(size),
  type,
  name,
});

function upload(fields: Record<string, string>, audio?: AudioFile, method = 'POST', url = emu.url) {
  const form = new FormData();
  if (audio) form.append('audio', new Blob([audio.data], { type: audio.type }), audio.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(`${url}/v1/note/audio`, { method, headers: { Authorization: `Bearer ${KEY}` }, body: form });
}

describe('audio upload', () => {
  it('a short recording gets the note at once (200), with the transcript it was made from when asked', async () => {
    const res = await upload(
      { specialty: 'physician', template: 'standard', emulator_transcript: TRANSCRIPT, include_transcript: 'true' },
      recording('webm'),
    );
    expect(res.status).toBe(200);
    const note = await res.json();
    expect(note.transcript).toBe(TRANSCRIPT);
    expect(note.subjective).toMatch(/^\[Chartside API emulator\]/);
    const [entry] = emu.requests;
    expect(entry?.multipart?.parts.find((p) => p.name === 'audio')).toMatchObject({ filename: 'visit-webm.webm' });
    expect(entry?.multipart?.fields.specialty).toBe('physician');
  });

  it('without emulator_transcript the note carries the fixed sample transcript', async () => {
    const note = await (await upload({ specialty: 'physician', include_transcript: 'true' }, recording('ogg'))).json();
    expect(note.transcript).toBe(SAMPLE_VISIT_TRANSCRIPT);
    expect(note.subjective).toContain('lower back pain');
  });

  it('a long recording is processed asynchronously: 202, processing polls, then completed', async () => {
    emu.setFaults({ audioMode: 'async', asyncPolls: 2 });
    const res = await upload({ metadata: JSON.stringify({ specialty: 'physician', include_transcript: true }) }, recording('webm'));
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(accepted).toMatchObject({ status: 'processing' });
    expect(accepted.message).toContain('/v1/audio/status/');
    const poll = async () => (await get(`${emu.url}/v1/audio/status/${accepted.noteId}`)).json();
    expect((await poll()).status).toBe('processing');
    expect((await poll()).status).toBe('processing');
    const done = await poll();
    expect(done.status).toBe('completed');
    expect(done.transcript).toBe(SAMPLE_VISIT_TRANSCRIPT);
    expect(done.subjective).toContain('lower back pain');
    expect((await (await get(`${emu.url}/v1/note/${accepted.noteId}`)).json()).status).toBe('completed');
    expect(emu.uploads[0]).toMatchObject({ status: 202, noteId: accepted.noteId, decode: 'ok' });
  });

  it('uploads over 1 MB are async by default; asyncFail ends in failed (placeholder bytes, skipAudioDecode)', async () => {
    emu.setFaults({ asyncPolls: 0, asyncFail: true, skipAudioDecode: true });
    const res = await upload({ specialty: 'physician' }, placeholder(1024 * 1024 + 1));
    expect(res.status).toBe(202);
    const { noteId } = await res.json();
    const status = await (await get(`${emu.url}/v1/audio/status/${noteId}`)).json();
    expect(status.status).toBe('failed');
    expect(status.message).toBeTruthy();
    expect(emu.uploads[0]).toMatchObject({ decode: 'skipped', decodeReason: 'skipAudioDecode', bytes: 1024 * 1024 + 1 });
  });

  it('recordings as long as audioAsyncAtSeconds (30 min by default) are async', async () => {
    emu.setFaults({ audioAsyncAtSeconds: SECONDS - 1 });
    expect((await upload({ specialty: 'physician' }, recording('mp3'))).status).toBe(202);
    emu.setFaults({ audioAsyncAtSeconds: SECONDS + 1 });
    expect((await upload({ specialty: 'physician' }, recording('mp3'))).status).toBe(200);
  });

  it('audioPostStatus forces the PUT fallback, which takes a metadata part', async () => {
    emu.setFaults({ audioPostStatus: 405 });
    const metadata = JSON.stringify({ specialty: 'physician', include_patient_summary: true, context: { patient_info: { age: 30 } } });
    expect((await upload({ metadata }, recording('webm'))).status).toBe(405);
    expect(emu.uploads).toHaveLength(0); // refused before decoding
    const res = await upload({ metadata }, recording('webm'), 'PUT');
    expect(res.status).toBe(200);
    const note = await res.json();
    expect(note.subjective).toContain('30-year-old');
    expect(note.patient_summary).toBeTruthy();
    expect(emu.uploads).toEqual([
      expect.objectContaining({ method: 'PUT', decode: 'ok', codec: 'opus', fields: { metadata }, metadata: JSON.parse(metadata) }),
    ]);
  });

  it('sends no transcript unless include_transcript was sent (field or metadata), 200 or 202 alike', async () => {
    const plain = await (await upload({ specialty: 'physician' }, recording('webm'))).json();
    expect(plain).not.toHaveProperty('transcript');
    expect(plain.subjective).toContain('lower back pain');
    const asked = await (await upload({ metadata: JSON.stringify({ specialty: 'physician', include_transcript: true }) }, recording('webm'), 'PUT')).json();
    expect(asked.transcript).toBe(SAMPLE_VISIT_TRANSCRIPT);

    emu.setFaults({ audioMode: 'async', asyncPolls: 0 });
    const { noteId } = await (await upload({ specialty: 'physician' }, recording('webm'))).json();
    const done = await (await get(`${emu.url}/v1/note/${noteId}`)).json();
    expect(done.status).toBe('completed');
    expect(done).not.toHaveProperty('transcript');
  });

  it('audioPutStatus makes a POST-only server: PUT is refused before decoding, POST works', async () => {
    emu.setFaults({ audioPutStatus: 404 });
    const metadata = JSON.stringify({ specialty: 'physician' });
    const refused = await upload({ metadata }, recording('webm'), 'PUT');
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('NOT_FOUND');
    expect(emu.uploads).toHaveLength(0);
    expect((await upload({ metadata }, recording('webm'))).status).toBe(200);
    expect(emu.uploads).toEqual([expect.objectContaining({ method: 'POST', status: 200 })]);
  });

  const everything = {
    specialty: 'physician',
    context: { patient_info: { age: 30 } },
    include_billing_codes: true,
    include_patient_summary: true,
    include_transcript: true,
  };

  it("audioPostReads 'plain': POST ignores metadata (context lost), reads the plain flags; PUT still reads metadata", async () => {
    emu.setFaults({ audioPostReads: 'plain' });
    const metadata = JSON.stringify(everything);
    const posted = await (
      await upload({ specialty: 'physician', include_billing_codes: 'true', include_transcript: 'true', metadata }, recording('webm'))
    ).json();
    expect(posted.subjective).not.toContain('30-year-old');
    expect(posted.billing_codes).toBeTruthy();
    expect(posted).not.toHaveProperty('patient_summary'); // asked only in metadata
    expect(posted.transcript).toBe(SAMPLE_VISIT_TRANSCRIPT);
    // Without a plain specialty the metadata's is not read either.
    expect((await upload({ metadata }, recording('webm'))).status).toBe(400);

    const put = await (await upload({ metadata }, recording('webm'), 'PUT')).json();
    expect(put.subjective).toContain('30-year-old');
    expect(put.patient_summary).toBeTruthy();
  });

  it("audioPostReads 'documented': POST reads only specialty and template (no flags, no transcript)", async () => {
    emu.setFaults({ audioPostReads: 'documented' });
    const fields = { specialty: 'physician', include_billing_codes: 'true', include_patient_summary: 'true', include_transcript: 'true' };
    const posted = await (await upload({ ...fields, metadata: JSON.stringify(everything) }, recording('webm'))).json();
    expect(posted.subjective).toContain('lower back pain');
    expect(posted.subjective).not.toContain('30-year-old');
    expect(posted).not.toHaveProperty('billing_codes');
    expect(posted).not.toHaveProperty('patient_summary');
    expect(posted).not.toHaveProperty('transcript');
  });

  it("extras: an audio note without the requested extras ('id-only': GET /v1/note/:noteId has them; false: nowhere)", async () => {
    const metadata = JSON.stringify(everything);
    emu.setFaults({ extras: 'id-only' });
    const answered = await (await upload({ metadata }, recording('webm'), 'PUT')).json();
    expect(answered).not.toHaveProperty('billing_codes');
    expect(answered).not.toHaveProperty('patient_summary');
    const stored = await (await get(`${emu.url}/v1/note/${answered.noteId}`)).json();
    expect(stored.billing_codes.icd10.length).toBeGreaterThan(0);
    expect(stored.patient_summary).toBeTruthy();

    emu.setFaults({ extras: false });
    const bare = await (await upload({ metadata }, recording('webm'), 'PUT')).json();
    expect(bare).not.toHaveProperty('billing_codes');
    const none = await (await get(`${emu.url}/v1/note/${bare.noteId}`)).json();
    expect(none).not.toHaveProperty('billing_codes');
    expect(none).not.toHaveProperty('patient_summary');
    expect(none.transcript).toBe(SAMPLE_VISIT_TRANSCRIPT);
  });

  it.each([
    [{ specialty: 'physician' }, undefined, 'audio'],
    [{ specialty: 'physician' }, placeholder(0), 'audio'],
    [{ specialty: 'physician' }, placeholder(10, 'text/plain', 'notes.txt'), 'audio'],
    [{}, placeholder(2048), 'specialty'],
  ])('400 naming the field (%j)', async (fields, audio, field) => {
    const res = await upload(fields, audio);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.field).toBe(field);
    expect(emu.uploads).toHaveLength(0);
  });

  it('acceptThenDrop makes the job, then drops the connection: the client hears nothing, the note exists', async () => {
    emu.queueFault({ path: '/v1/note/audio', acceptThenDrop: true });
    // That closed this client's idle keep-alive connections: let it hear so before the next request.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Until the fault is used, no connection is kept for reuse (a browser would resend on a reused one).
    expect((await get(`${emu.url}/v1/specialties`)).headers.get('connection')).toBe('close');
    await expect(upload({ specialty: 'physician', emulator_transcript: TRANSCRIPT, include_transcript: 'true' }, recording('webm'))).rejects.toThrow(TypeError);
    expect(emu.uploads).toHaveLength(1);
    const noteId = emu.uploads[0]!.noteId!;
    expect(emu.uploads[0]).toMatchObject({ status: 200, decode: 'ok' });
    const kept = await get(`${emu.url}/v1/note/${noteId}`);
    expect(kept.status).toBe(200);
    expect((await kept.json()).transcript).toBe(TRANSCRIPT);
    // One-shot: the next upload is answered, and is a second job; connections are kept alive again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await upload({ specialty: 'physician' }, recording('webm'))).status).toBe(200);
    expect(emu.uploads).toHaveLength(2);
    expect((await get(`${emu.url}/v1/specialties`)).headers.get('connection')).not.toBe('close');
  });

  it('accepts a type by file extension when the content type is generic', async () => {
    const res = await upload({ specialty: 'physician' }, recording('flac', { type: 'application/octet-stream', name: 'a.FLAC' }));
    expect(res.status).toBe(200);
    expect(emu.uploads[0]).toMatchObject({ contentType: 'application/octet-stream', filename: 'a.FLAC', codec: 'flac' });
  });
});

describe('decoding uploads (ffprobe)', () => {
  it.each(['wav', 'webm', 'webmLive', 'ogg', 'mp3', 'flac', 'm4a'] as const)('records what a %s upload holds', async (format) => {
    const res = await upload({ specialty: 'physician' }, recording(format));
    expect(res.status).toBe(200);
    const { noteId } = await res.json();
    const [entry] = emu.uploads;
    expect(entry).toMatchObject({
      method: 'POST',
      bytes: bytes[format]!.length,
      contentType: recordings[format].contentType,
      filename: recordings[format].filename,
      decode: 'ok',
      codec: recordings[format].codec,
      channels: 1,
      status: 200,
      noteId,
      fields: { specialty: 'physician' },
    });
    expect(entry!.durationSeconds).toBeGreaterThan(SECONDS - 0.2);
    expect(entry!.durationSeconds).toBeLessThan(SECONDS + 0.2);
    expect(entry!.bitRate).toBeGreaterThan(8_000);
    expect(entry!.sampleRate).toBeGreaterThanOrEqual(16_000); // Opus always decodes at 48 kHz
    expect(entry!.container).toMatch(format.startsWith('webm') ? /webm/ : format === 'm4a' ? /m4a/ : new RegExp(format));
  });

  it('refuses a file that is not audio, whatever its name says: 400 VALIDATION_ERROR', async () => {
    const garbage = new TextEncoder().encode('This is a text note, not a recording. '.repeat(200));
    const res = await upload({ specialty: 'physician' }, { data: garbage, type: 'audio/mpeg', name: 'visit.mp3' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'audio', issue: 'undecodable' } });
    expect(error.message).toMatch(/could not be decoded/);
    expect(emu.uploads).toEqual([expect.objectContaining({ decode: 'failed', status: 400, bytes: garbage.length })]);
    expect(emu.uploads[0]!.decodeReason).toBeTruthy();
    expect(emu.uploads[0]).not.toHaveProperty('noteId');
  });

  it('refuses a WebM that stops after its header (no audio in it)', async () => {
    const res = await upload({ specialty: 'physician' }, recording('webmLive', { data: bytes.webmLive!.subarray(0, 200) }));
    expect(res.status).toBe(400);
    expect(emu.uploads[0]?.decode).toBe('failed');
  });

  it('skips ffprobe above audioDecodeMaxBytes', async () => {
    emu.setFaults({ audioDecodeMaxBytes: 1000 });
    expect((await upload({ specialty: 'physician' }, placeholder(2048))).status).toBe(200);
    expect(emu.uploads[0]).toMatchObject({ decode: 'skipped', bytes: 2048 });
    expect(emu.uploads[0]).not.toHaveProperty('durationSeconds');
  });

  it('lists uploads over HTTP, and reset() clears them', async () => {
    await upload({ specialty: 'physician' }, recording('ogg'));
    const listed = await (await fetch(`${emu.url}/__emulator/uploads`)).json();
    expect(listed).toEqual([expect.objectContaining({ codec: 'opus', container: 'ogg', decode: 'ok' })]);
    emu.reset();
    expect(emu.uploads).toHaveLength(0);
  });

  it('accepts the upload, marked unavailable, when ffprobe takes too long', async () => {
    const slow = join(dir, 'slow-ffprobe');
    await writeFile(slow, '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });
    const other = await startEmulator({ ffprobePath: slow, ffprobeTimeoutMs: 100 });
    try {
      expect((await upload({ specialty: 'physician' }, recording('wav'), 'POST', other.url)).status).toBe(200);
      expect(other.uploads[0]).toMatchObject({ decode: 'unavailable', decodeReason: 'ffprobe timed out after 100 ms' });
    } finally {
      await other.close();
    }
  });

  it('accepts the upload, marked unavailable, when ffprobe cannot run', async () => {
    const other = await startEmulator({ ffprobePath: join(dir, 'no-such-ffprobe') });
    try {
      expect((await upload({ specialty: 'physician' }, recording('wav'), 'POST', other.url)).status).toBe(200);
      expect(other.uploads[0]).toMatchObject({ decode: 'unavailable', decodeReason: expect.stringMatching(/not installed/) });
    } finally {
      await other.close();
    }
  });
});

describe('async jobs (202)', () => {
  const status = async (noteId: string, path = 'audio/status') => (await get(`${emu.url}/v1/${path}/${noteId}`)).json();
  async function accepted(method = 'POST'): Promise<string> {
    const res = await upload({ specialty: 'physician', emulator_transcript: TRANSCRIPT, include_transcript: 'true' }, recording('webm'), method);
    expect(res.status).toBe(202);
    return (await res.json()).noteId;
  }

  it('processing for asyncMs, then completed with the note and its transcript', async () => {
    emu.setFaults({ audioMode: 'async', asyncMs: 150 });
    const noteId = await accepted();
    expect(await status(noteId)).toEqual({ noteId, status: 'processing', expires_at: expect.any(String) });
    await new Promise((r) => setTimeout(r, 200));
    expect(await status(noteId)).toMatchObject({ noteId, status: 'completed', transcript: TRANSCRIPT });
    const note = await status(noteId, 'note');
    expect(note).toMatchObject({ status: 'completed', transcript: TRANSCRIPT, subjective: expect.stringContaining('headaches') });
  });

  it('asyncHold keeps a PUT upload processing until completeJob(); job() and pollsFor() do not count as polls', async () => {
    emu.setFaults({ audioMode: 'async', asyncHold: true, asyncPolls: 0 });
    const noteId = await accepted('PUT');
    for (let i = 0; i < 3; i++) expect((await status(noteId)).status).toBe('processing');
    expect((await status(noteId, 'note')).status).toBe('processing');
    expect(emu.job(noteId)).toEqual({ status: 'processing', polls: 4 });
    expect(emu.completeJob(noteId)).toBe(true);
    expect(emu.job(noteId)).toEqual({ status: 'completed', polls: 4 });
    expect(await status(noteId)).toMatchObject({ status: 'completed', transcript: TRANSCRIPT });

    const polls = emu.pollsFor(noteId);
    expect(polls.map((p) => p.path)).toEqual([
      ...Array(3).fill(`/v1/audio/status/${noteId}`),
      `/v1/note/${noteId}`,
      `/v1/audio/status/${noteId}`,
    ]);
    expect(polls.every((p, i) => i === 0 || p.time >= polls[i - 1]!.time)).toBe(true);
    expect(emu.uploads[0]).toMatchObject({ method: 'PUT', status: 202, noteId });
  });

  it('failJob() ends a job failed with its message, on both poll endpoints; asyncFailMessage does it by plan', async () => {
    emu.setFaults({ audioMode: 'async', asyncHold: true });
    const held = await accepted();
    expect(emu.failJob(held, 'Audio too quiet to transcribe.')).toBe(true);
    for (const path of ['audio/status', 'note']) {
      expect(await status(held, path)).toMatchObject({
        noteId: held,
        status: 'failed',
        message: 'Audio too quiet to transcribe.',
        error: { code: 'TRANSCRIPTION_FAILED', message: 'Audio too quiet to transcribe.' },
      });
    }

    emu.setFaults({ audioMode: 'async', asyncPolls: 1, asyncFail: true, asyncFailMessage: 'Unsupported language.' });
    const planned = await accepted();
    expect((await status(planned)).status).toBe('processing');
    expect(await status(planned)).toMatchObject({ status: 'failed', message: 'Unsupported language.' });
    expect(emu.completeJob(planned)).toBe(true); // a test may still turn it around
    expect((await status(planned)).status).toBe('completed');
  });

  it('completeJob() and failJob() refuse notes that are not async jobs', async () => {
    const sync = (await (await upload({ specialty: 'physician' }, recording('ogg'))).json()).noteId;
    expect(emu.completeJob(sync)).toBe(false);
    expect(emu.failJob('note_emu_nothing')).toBe(false);
    expect(emu.job(sync)).toBeUndefined();
  });

  it('HTTP controls: job, complete-job, fail-job', async () => {
    emu.setFaults({ audioMode: 'async', asyncHold: true });
    const noteId = await accepted();
    await status(noteId);
    const control = (path: string, body: unknown) =>
      fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
    const job = await (await control('job', { noteId })).json();
    expect(job).toEqual({ status: 'processing', polls: 1, pollTimes: [expect.any(Number)] });
    expect((await control('complete-job', { noteId })).status).toBe(200);
    expect((await status(noteId)).status).toBe('completed');
    expect((await control('fail-job', { noteId, message: 'Gone wrong.' })).status).toBe(200);
    expect(await status(noteId)).toMatchObject({ status: 'failed', message: 'Gone wrong.' });
    expect((await control('complete-job', { noteId: 'note_emu_nothing' })).status).toBe(404);
    expect((await control('fail-job', {})).status).toBe(400);
  });
});
