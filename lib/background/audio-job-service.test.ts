import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AudioUploadInput, AudioUploadResult, RequestOptions } from '../api/client';
import { ApiError } from '../api/errors';
import type { AudioStatus, Note, NoteWithStatus } from '../api/schemas';
import { GenerationUpdateSchema, type GenerationUpdate, type JobSnapshot } from '../messaging/background-to-ui';
import { listJobs, loadJob, saveJob } from '../storage/jobs';
import { openRecordingStore, type RecordingStore } from '../storage/recordings';
import { consentLine, type RecordingConsent } from '../note/consent';
import { AudioJobService, type AudioApi, type AudioJobServiceDeps, type JobOutcome } from './audio-job-service';
import type { UpdateSink } from './generation-service';

const JOB = '0b6f3c1e-6a57-4d2b-9c8e-2f0a4d1b7e93';
const WEBM = 'audio/webm;codecs=opus';
const OPTIONS = {
  specialty: 'physical_therapy',
  template: 'standard',
  include_billing_codes: true,
  context: { patient_info: { age: 61, medications: ['Lisinopril 10 mg daily'] } },
};
const NOTE: Note = {
  noteId: 'note_1',
  subjective: 'Low back pain for three weeks.',
  objective: 'Tender lumbar paraspinals.',
  assessment: 'Mechanical low back strain.',
  plan: 'Physical therapy; ibuprofen as needed.',
  transcript: 'Patient reports lower back pain for three weeks after lifting boxes at work.',
  billing_codes: { icd10: [{ code: 'M54.50', description: 'Low back pain, unspecified' }], cpt: [] },
  billing_codes_disclaimer: 'Recommended codes for review.',
  expires_at: '2030-01-01T00:00:00.000Z',
};

/** Real IndexedDB work (fake-indexeddb) and crypto run on real macrotasks: let them, without moving the fake clock. */
async function until(condition: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  const deadline = performance.now() + 5_000; // real time: performance is not faked
  while (performance.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

class CollectingSink implements UpdateSink {
  readonly updates: GenerationUpdate[] = [];
  post(update: GenerationUpdate): void {
    GenerationUpdateSchema.parse(update); // valid on the wire
    this.updates.push(structuredClone(update));
  }
  snapshots(): JobSnapshot[] {
    return this.updates.flatMap((u) => (u.type === 'snapshot' ? [u.job] : []));
  }
  last(): JobSnapshot | undefined {
    return this.snapshots().at(-1);
  }
}

type StatusAnswer = AudioStatus | ApiError;

/** An API whose answers the test sets; every call is recorded with the (fake) time it was made. */
function fakeApi() {
  const calls = { uploads: [] as AudioUploadInput[], statusAt: [] as number[], notes: [] as string[] };
  const answers = {
    upload: [] as (AudioUploadResult | ApiError)[],
    status: [] as StatusAnswer[],
    note: undefined as NoteWithStatus | ApiError | undefined,
  };
  let uploadGate: Promise<void> | undefined;
  const api: AudioApi = {
    async uploadAudio(input, opts?: RequestOptions) {
      calls.uploads.push(input);
      if (uploadGate) {
        await Promise.race([
          uploadGate,
          new Promise((_, reject) => opts?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
        ]);
      }
      const next = answers.upload.shift() ?? { kind: 'note', note: NOTE };
      if (next instanceof ApiError) throw next;
      return next;
    },
    async getAudioStatus(noteId) {
      calls.statusAt.push(Date.now());
      const next = answers.status.shift() ?? { noteId, status: 'processing' };
      if (next instanceof ApiError) throw next;
      return next;
    },
    async getNote(noteId) {
      calls.notes.push(noteId);
      const next = answers.note ?? { ...NOTE, noteId, status: 'completed' };
      if (next instanceof ApiError) throw next;
      return next;
    },
  };
  return {
    api,
    calls,
    answers,
    holdUpload() {
      let open!: () => void;
      uploadGate = new Promise<void>((resolve) => (open = resolve));
      return () => open();
    },
  };
}

let recordings: RecordingStore;
const stores: RecordingStore[] = [];

function harness(api = fakeApi(), overrides: Partial<AudioJobServiceDeps> = {}) {
  const alarms = new Map<string, number>();
  const notified: { outcome: JobOutcome; job: JobSnapshot }[] = [];
  const keepAlive = { held: 0 };
  const store = openRecordingStore();
  stores.push(store);
  const service = new AudioJobService({
    client: async () => api.api,
    recordings: store,
    persist: saveJob,
    load: loadJob,
    list: listJobs,
    alarms: { set: (id, at) => void alarms.set(id, at), clear: (id) => void alarms.delete(id) },
    notify: (outcome, job) => void notified.push({ outcome, job: structuredClone(job) }),
    holdKeepAlive: () => {
      keepAlive.held += 1;
      let released = false;
      return () => {
        if (!released) keepAlive.held -= 1;
        released = true;
      };
    },
    ...overrides,
  });
  return { service, api, alarms, notified, keepAlive, store };
}

/** A stopped recording in the store, of `bytes` bytes and `durationMs` long. */
async function recording(options: { mimeType?: string; durationMs?: number; bytes?: number; consent?: RecordingConsent } = {}): Promise<string> {
  const id = await recordings.start({ mimeType: options.mimeType ?? WEBM, ...(options.consent && { consent: options.consent }) });
  await recordings.appendChunk(id, new Blob([new Uint8Array(options.bytes ?? 4096).fill(7)]), options.durationMs ?? 42_000);
  await recordings.setStatus(id, 'stopped');
  return id;
}

async function stored(id: string) {
  return (await recordings.listRecoverable()).find((r) => r.id === id);
}

/** The browser stops the worker: its timers and memory go; storage.session, the alarm and IndexedDB stay. */
function stopWorker(): void {
  const now = Date.now();
  vi.clearAllTimers();
  vi.setSystemTime(now); // clearAllTimers also resets the fake clock
}

beforeEach(() => {
  fakeBrowser.reset();
  // Only the clock and timers are fake: IndexedDB and crypto keep running on real macrotasks.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(1_700_000_000_000);
  recordings = openRecordingStore();
  stores.push(recordings);
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('consent to record', () => {
  const consent: RecordingConsent = { confirmedAt: 1_699_999_990_000, by: 'Dr A. Lee', placement: 'subjective-end' };
  const line = consentLine(consent);

  it('the consent kept with the recording becomes its line in the note, at the end of Subjective', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording({ consent });
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    const sections = sink.last()!.note.sections;
    expect(sections.subjective).toBe(`${NOTE.subjective}\n\n${line}`);
    expect(line).toMatch(/^Patient consented to audio recording of this visit; confirmed by Dr A\. Lee at \d\d:\d\d on \d+ Nov 2023\.$/);
    expect(sections.plan).toBe(NOTE.plan);
    // The saved job (which note history is made from) holds it too.
    expect((await loadJob(JOB))?.note.sections.subjective).toContain(line);
  });

  it('a note a restarted worker polls to the end still gets the line, in the place chosen', async () => {
    const first = harness();
    const sink = new CollectingSink();
    const id = await recording({ consent: { ...consent, placement: 'plan-end' } });
    first.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'note_c', status: 'processing' } });
    first.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    const due = (await loadJob(JOB))!.audio!.nextPollAt!;

    stopWorker();
    const api = fakeApi();
    api.answers.status.push({ noteId: 'note_c', status: 'completed' });
    const second = harness(api);
    await second.service.recover();
    const reopened = new CollectingSink();
    await second.service.subscribe(JOB, reopened);
    await vi.advanceTimersByTimeAsync(due - Date.now());
    await until(() => reopened.last()?.status === 'complete', 'complete');
    expect(reopened.last()!.note.sections.plan).toBe(`${NOTE.plan}\n\n${line}`);
    expect(reopened.last()!.note.sections.subjective).toBe(NOTE.subjective);
  });

  it('no consent kept, no line', async () => {
    const h = harness();
    const sink = new CollectingSink();
    h.service.start(JOB, 'tab-7', await recording(), OPTIONS, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(sink.last()!.note.sections.subjective).toBe(NOTE.subjective);
  });
});

describe('a short recording (200)', () => {
  it('uploads the audio with the chosen options, completes the note, and deletes the recording once the note is saved', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording({ durationMs: 42_000, bytes: 5000 });

    expect(h.service.start(JOB, 'tab-7', id, OPTIONS, sink)).toBe(true);
    expect(sink.last()).toMatchObject({ id: JOB, status: 'uploading', audio: { recordingId: id, polls: 0 } });
    await until(async () => sink.last()?.status === 'complete', 'complete');

    const sent = h.api.calls.uploads[0]!;
    expect(sent).toMatchObject({ ...OPTIONS, filename: 'recording.webm' });
    expect(sent.audio.size).toBe(5000);
    expect(sent.audio.type).toBe(WEBM);
    expect(sink.snapshots().some((s) => s.status === 'uploading' && s.audio?.bytes === 5000)).toBe(true);

    const done = sink.last()!;
    expect(done.note.sections).toEqual({ subjective: NOTE.subjective, objective: NOTE.objective, assessment: NOTE.assessment, plan: NOTE.plan });
    expect(done.note.extras).toMatchObject({ noteId: 'note_1', billing_codes: NOTE.billing_codes, billing_codes_disclaimer: 'Recommended codes for review.' });
    expect(done.audio?.transcript).toBe(NOTE.transcript);
    expect(await loadJob(JOB)).toMatchObject({ status: 'complete', audio: { transcript: NOTE.transcript } });

    await until(async () => (await stored(id)) === undefined, 'recording deleted');
    expect(h.notified).toEqual([]); // a panel was watching
    expect(h.keepAlive.held).toBe(0);
    expect(h.service.has(JOB)).toBe(false);
  });

  it('keeps the recording when the note could not be saved', async () => {
    const h = harness(fakeApi(), {
      persist: async () => {
        throw new Error('quota');
      },
    });
    const id = await recording();
    const sink = new CollectingSink();
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stored(id)).toMatchObject({ status: 'uploading' });
  });
});

describe('extras that were asked for and did not come', () => {
  const WANTS_BOTH = { ...OPTIONS, include_patient_summary: true };
  const { billing_codes: _codes, billing_codes_disclaimer: _disclaimer, ...BARE } = NOTE;

  it('a note with everything asked for needs no second look', async () => {
    const h = harness();
    const sink = new CollectingSink();
    h.service.start(JOB, 'tab-7', await recording(), OPTIONS, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(h.api.calls.notes).toEqual([]);
    expect(sink.last()?.missingExtras).toBeUndefined();
  });

  it('a 200 note without them: taken from GET /v1/note/:noteId when the stored note has them (no second note)', async () => {
    const h = harness();
    const sink = new CollectingSink();
    h.api.answers.upload.push({ kind: 'note', note: BARE });
    h.api.answers.note = { ...NOTE, status: 'completed', patient_summary: 'You hurt your back lifting boxes.' };
    h.service.start(JOB, 'tab-7', await recording(), WANTS_BOTH, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(h.api.calls.uploads).toHaveLength(1);
    expect(h.api.calls.notes).toEqual(['note_1']);
    expect(sink.last()?.note.extras).toMatchObject({ billing_codes: NOTE.billing_codes, patient_summary: 'You hurt your back lifting boxes.' });
    expect(sink.last()?.missingExtras).toBeUndefined();
  });

  it('a 200 note without them, nor in the stored note (or that cannot be read): the job names what is missing', async () => {
    const h = harness();
    const sink = new CollectingSink();
    h.api.answers.upload.push({ kind: 'note', note: BARE });
    h.api.answers.note = { ...BARE, status: 'completed', patient_summary: 'You hurt your back lifting boxes.' };
    h.service.start(JOB, 'tab-7', await recording(), WANTS_BOTH, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(sink.last()?.missingExtras).toEqual(['billing_codes']);
    expect(sink.last()?.note.sections.plan).toBe(NOTE.plan);
    expect(await loadJob(JOB)).toMatchObject({ status: 'complete', missingExtras: ['billing_codes'] });

    const again = harness();
    const other = new CollectingSink();
    again.api.answers.upload.push({ kind: 'note', note: BARE });
    again.api.answers.note = new ApiError({ kind: 'not_found', message: 'gone', nextStep: '', retryable: false, status: 404 });
    again.service.start('job-2', 'tab-7', await recording(), WANTS_BOTH, other);
    await until(() => other.last()?.status === 'complete', 'complete');
    expect(other.last()?.missingExtras).toEqual(['billing_codes', 'patient_summary']);
  });

  it('a 202 note polled without them is named missing after one GET, also when a restarted worker finishes it', async () => {
    const first = harness();
    const sink = new CollectingSink();
    const id = await recording();
    first.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'note_x', status: 'processing' } });
    first.service.start(JOB, 'tab-7', id, WANTS_BOTH, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    expect((await loadJob(JOB))?.audio?.requested).toEqual(['billing_codes', 'patient_summary']);

    stopWorker();
    const api = fakeApi();
    api.answers.status.push({ noteId: 'note_x', status: 'completed' });
    api.answers.note = { ...BARE, noteId: 'note_x', status: 'completed' };
    const second = harness(api);
    await second.service.recover();
    const reopened = new CollectingSink();
    await second.service.subscribe(JOB, reopened);
    await vi.advanceTimersByTimeAsync(2000);
    await until(() => reopened.last()?.status === 'complete', 'complete');
    expect(api.calls.notes).toEqual(['note_x']);
    expect(reopened.last()?.missingExtras).toEqual(['billing_codes', 'patient_summary']);
    expect(await loadJob(JOB)).toMatchObject({ missingExtras: ['billing_codes', 'patient_summary'] });
  });

  it('nothing asked for, nothing missing', async () => {
    const h = harness();
    const sink = new CollectingSink();
    h.api.answers.upload.push({ kind: 'note', note: BARE });
    h.service.start(JOB, 'tab-7', await recording(), { specialty: 'physician' }, sink);
    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(h.api.calls.notes).toEqual([]);
    expect(sink.last()?.missingExtras).toBeUndefined();
  });
});

describe('a long recording (202)', () => {
  it('polls with doubling waits, fetches the note when completed, then deletes the recording', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'note_long', status: 'processing' } });
    h.api.answers.status.push(
      { noteId: 'note_long', status: 'processing' },
      { noteId: 'note_long', status: 'processing' },
      { noteId: 'note_long', status: 'processing' },
      { noteId: 'note_long', status: 'completed' },
    );
    const t0 = Date.now();
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');

    const processing = sink.last()!;
    expect(processing.audio).toMatchObject({ recordingId: id, noteId: 'note_long', polls: 0, processingSince: t0, nextPollAt: t0 + 2000 });
    expect(await loadJob(JOB)).toMatchObject({ status: 'processing', audio: { noteId: 'note_long', nextPollAt: t0 + 2000 } });
    expect(h.alarms.get(JOB)).toBe(t0 + 2000);
    expect(await stored(id)).toMatchObject({ status: 'uploading' });
    // Between checks nothing holds the worker: the alarm brings it back if the browser stops it.
    expect(h.keepAlive.held).toBe(0);

    for (const wait of [2000, 4000, 8000, 16000]) {
      const before = h.api.calls.statusAt.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(h.api.calls.statusAt).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => h.api.calls.statusAt.length === before + 1, `check ${before + 1}`);
      await until(() => sink.last()?.audio?.polls === before + 1, `published check ${before + 1}`);
    }
    expect(h.api.calls.statusAt.map((t) => t - t0)).toEqual([2000, 6000, 14000, 30000]);
    expect(sink.snapshots().filter((s) => s.status === 'processing').map((s) => s.audio?.polls)).toEqual([0, 1, 2, 3]);

    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(h.api.calls.notes).toEqual(['note_long']);
    expect(sink.last()?.note.sections.plan).toBe(NOTE.plan);
    expect(sink.last()?.audio?.transcript).toBe(NOTE.transcript);
    await until(async () => (await stored(id)) === undefined, 'recording deleted');
    expect(h.alarms.has(JOB)).toBe(false);
  });

  it('caps the wait at 30 s and honours Retry-After on a failed check', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'n', status: 'processing' } });
    const busy = new ApiError({ kind: 'unavailable', message: 'The SOAP Note API is temporarily unavailable.', nextStep: 'Wait.', retryable: true, status: 503, retryAfterMs: 45_000 });
    h.api.answers.status.push(...Array.from({ length: 6 }, () => ({ noteId: 'n', status: 'processing' as const })), busy);
    const t0 = Date.now();
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    for (let i = 0; i < 8; i++) {
      await vi.advanceTimersByTimeAsync(30_000);
      await until(() => h.api.calls.statusAt.length >= Math.min(i + 1, 7), `check ${i + 1}`);
    }
    await vi.advanceTimersByTimeAsync(60_000);
    await until(() => h.api.calls.statusAt.length >= 8, 'check after Retry-After');
    const gaps = h.api.calls.statusAt.map((t, i, all) => t - (i === 0 ? t0 : all[i - 1]!));
    expect(gaps.slice(0, 7)).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(gaps[7]).toBe(45_000); // the server asked for 45 s: longer than the 30 s cap
    expect(sink.last()?.status).toBe('processing'); // a busy server is waited out, not a failure
    h.service.stop(JOB);
  });

  it('backs off, and keeps the job and the recording, when the key’s request limit refuses the checks (429 without Retry-After)', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'n', status: 'processing' } });
    const limit = () => new ApiError({ kind: 'balance', message: 'Your SOAP Note API balance is used up.', nextStep: 'Wait.', status: 429 });
    // More refusals in a row than maxFailures (8): still not given up.
    h.api.answers.status.push(...Array.from({ length: 10 }, limit), { noteId: 'n', status: 'completed' });
    const t0 = Date.now();
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');

    await vi.advanceTimersByTimeAsync(2000);
    await until(() => sink.last()?.audio?.limitedChecks === 1, 'first refusal published');
    const afterFirst = sink.last()!;
    expect(afterFirst.status).toBe('processing');
    expect(afterFirst.audio?.nextPollAt).toBe(t0 + 2000 + 60_000);
    expect(afterFirst.audio?.pollFailures ?? 0).toBe(0);
    expect(await loadJob(JOB)).toMatchObject({ status: 'processing', audio: { limitedChecks: 1 } });
    expect(h.alarms.get(JOB)).toBe(t0 + 62_000);
    expect(await stored(id)).toMatchObject({ status: 'uploading' }); // kept, not failed

    for (let i = 1; i < 11; i++) {
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      await until(() => h.api.calls.statusAt.length >= i + 1, `check ${i + 1}`);
    }
    const gaps = h.api.calls.statusAt.map((t, i, all) => t - (i === 0 ? t0 : all[i - 1]!));
    expect(gaps.slice(0, 7)).toEqual([2000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000]);
    await until(() => sink.last()?.status === 'complete', 'complete');
    expect(sink.last()?.audio).not.toHaveProperty('limitedChecks');
    await until(async () => (await stored(id)) === undefined, 'recording deleted once the note is saved');
  });

  it('ends in error with the server’s words when the job failed, keeping the audio', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'n', status: 'processing' } });
    h.api.answers.status.push({ noteId: 'n', status: 'failed', message: 'Transcription failed: the recording could not be processed.' });
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    h.service.detach(sink); // the panel closed
    await vi.advanceTimersByTimeAsync(2000);
    await until(async () => (await loadJob(JOB))?.status === 'error', 'error');

    const job = (await loadJob(JOB))!;
    expect(job.error?.message).toBe('The SOAP Note API could not turn the recording into a note: Transcription failed: the recording could not be processed.');
    expect(job.error?.nextStep).toMatch(/recording is kept/);
    expect(job.audio?.canRetry).toBe(true);
    await until(async () => (await stored(id))?.status === 'failed', 'kept as failed');
    expect((await recordings.readAudio(id)).size).toBe(4096);
    expect(h.notified.map((n) => n.outcome)).toEqual(['failed']);
    expect(h.alarms.has(JOB)).toBe(false);
  });

  it('gives up at once on a check the server refuses for good (the note expired)', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'n', status: 'processing' } });
    h.api.answers.status.push(new ApiError({ kind: 'not_found', message: 'The note was not found.', nextStep: 'Generate again.', status: 404 }));
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    await vi.advanceTimersByTimeAsync(2000);
    await until(() => sink.last()?.status === 'error', 'error');
    expect(sink.last()?.error?.kind).toBe('not_found');
    await until(async () => (await stored(id))?.status === 'failed', 'kept as failed');
  });

  it('Stop ends the watching, keeps the recording as stopped and clears the alarm', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'n', status: 'processing' } });
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    h.service.stop(JOB);
    await until(() => sink.last()?.status === 'cancelled', 'cancelled');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.api.calls.statusAt).toEqual([]);
    expect(h.alarms.has(JOB)).toBe(false);
    await until(async () => (await stored(id))?.status === 'stopped', 'stopped');
    expect(h.notified).toEqual([]);
  });
});

describe('a worker restart', () => {
  it('resumes a job the API is processing from storage.session, and completes it', async () => {
    const first = harness();
    const sink = new CollectingSink();
    const id = await recording();
    first.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'note_r', status: 'processing' } });
    first.api.answers.status.push({ noteId: 'note_r', status: 'processing' });
    first.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    await vi.advanceTimersByTimeAsync(2000);
    await until(async () => (await loadJob(JOB))?.audio?.polls === 1, 'first check saved');
    const due = (await loadJob(JOB))!.audio!.nextPollAt!;

    stopWorker();
    const api = fakeApi();
    api.answers.status.push({ noteId: 'note_r', status: 'completed' });
    const second = harness(api);
    await second.service.recover();
    expect(second.service.has(JOB)).toBe(true);
    expect(second.alarms.get(JOB)).toBe(due);

    // A panel that reconnects sees where it stands.
    const reopened = new CollectingSink();
    await second.service.subscribe(JOB, reopened);
    expect(reopened.last()).toMatchObject({ status: 'processing', audio: { polls: 1, noteId: 'note_r' } });

    await vi.advanceTimersByTimeAsync(due - Date.now());
    await until(() => reopened.last()?.status === 'complete', 'complete');
    expect(api.calls.notes).toEqual(['note_r']);
    await until(async () => (await stored(id)) === undefined, 'recording deleted');
    expect(second.notified).toEqual([]);
  });

  it('resumes from the alarm alone, and notifies when no panel is watching', async () => {
    const first = harness();
    const id = await recording();
    const sink = new CollectingSink();
    first.api.answers.upload.push({ kind: 'accepted', accepted: { noteId: 'note_a', status: 'processing' } });
    first.service.start(JOB, 'tab-9', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'processing', 'processing');
    stopWorker();

    const api = fakeApi();
    api.answers.status.push({ noteId: 'note_a', status: 'completed' });
    const second = harness(api);
    vi.setSystemTime(Date.now() + 60_000); // woken late, as alarms are
    await second.service.wake(JOB);
    await until(() => second.notified.length > 0, 'notified');
    expect((await loadJob(JOB))?.status).toBe('complete');
    expect(second.notified.map((n) => [n.outcome, n.job.bindingKey])).toEqual([['ready', 'tab-9']]);
    await until(async () => (await stored(id)) === undefined, 'recording deleted');
  });

  it('fails an upload the stopped worker was making, and offers every orphaned recording back', async () => {
    const id = await recording();
    const orphan = await recording();
    await recordings.setStatus(id, 'uploading');
    await recordings.setStatus(orphan, 'uploading');
    await saveJob({ id: JOB, bindingKey: 'tab-7', status: 'uploading', note: { sections: { subjective: '', objective: '', assessment: '', plan: '' }, extras: {} }, audio: { recordingId: id, polls: 0 }, startedAt: 1, updatedAt: 1 });

    const h = harness();
    await h.service.recover();
    await h.service.swept;
    const job = (await loadJob(JOB))!;
    expect(job.status).toBe('error');
    // It may have reached the server first: the retry says it may bill again.
    expect(job.error).toMatchObject({ retryable: true, mayHaveBilled: true });
    expect(job.error?.message).toMatch(/upload stopped/);
    expect(job.error?.message).toMatch(/may have made the note anyway/);
    expect(job.audio?.canRetry).toBe(true);
    expect(await stored(id)).toMatchObject({ status: 'failed' });
    expect(await stored(orphan)).toMatchObject({ status: 'failed' });
    expect(h.notified.map((n) => n.outcome)).toEqual(['failed']);
  });
});

describe('a worker restart with a recording store that does not answer', () => {
  it('still resumes its jobs: panels’ commands never wait on IndexedDB', async () => {
    await saveJob({
      id: JOB,
      bindingKey: 'tab-7',
      status: 'processing',
      note: { sections: { subjective: '', objective: '', assessment: '', plan: '' }, extras: {} },
      audio: { recordingId: 'r1', noteId: 'n1', polls: 3, processingSince: Date.now() - 60_000, nextPollAt: Date.now() + 10_000 },
      startedAt: 1,
      updatedAt: 1,
    });
    const never = new Promise<never>(() => undefined);
    const h = harness(fakeApi(), {
      recordings: { listRecoverable: () => never, readAudio: () => never, setStatus: () => never, markNoteCreated: () => never },
    });
    await h.service.recover();
    expect(h.service.has(JOB)).toBe(true);
    expect(h.alarms.get(JOB)).toBe(Date.now() + 10_000);
    h.service.stop(JOB);
  });
});

describe('failures before and during the upload', () => {
  it('the recording is stored as failed before any panel hears of the error (a panel lists recordings again on that news)', async () => {
    const h = harness();
    const id = await recording();
    const statusWhenTold: Promise<string | undefined>[] = [];
    const sink: UpdateSink = {
      post(update) {
        // Read at the moment the news arrives, as the panel's Unfinished recordings list does.
        if (update.type === 'snapshot' && update.job.status === 'error') statusWhenTold.push(stored(id).then((r) => r?.status));
      },
    };
    h.api.answers.upload.push(new ApiError({ kind: 'network', message: 'Chartside could not reach the SOAP Note API.', nextStep: 'Check the connection.', retryable: true }));
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => statusWhenTold.length > 0, 'the error');
    expect(await Promise.all(statusWhenTold)).toEqual(['failed']);
  });

  it('an upload error ends the job in error, keeps the audio (failed) and can be retried', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.answers.upload.push(new ApiError({ kind: 'unavailable', message: 'The SOAP Note API is temporarily unavailable.', nextStep: 'Wait a moment and try again.', retryable: true, status: 503 }));
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'error', 'error');
    expect(sink.last()).toMatchObject({ error: { kind: 'unavailable', message: 'The SOAP Note API is temporarily unavailable.' }, audio: { canRetry: true } });
    await until(async () => (await stored(id))?.status === 'failed', 'failed');
    expect((await recordings.readAudio(id)).size).toBe(4096);

    // Retry: the same recording, a new job.
    const retry = '9d0e4a2b-1c3f-4e5a-8b7c-6d5e4f3a2b1c';
    h.service.start(retry, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.id === retry && sink.last()?.status === 'complete', 'retried');
    await until(async () => (await stored(id)) === undefined, 'recording deleted');
  });

  it.each([
    ['shorter than 5 seconds', { durationMs: 3_000 }, /3 seconds long; the SOAP Note API needs at least 5 seconds/],
    ['of a type the API does not take', { mimeType: 'audio/aac' }, /does not accept this type of recording \(audio\/aac\)/],
  ])('refuses a recording %s before sending anything, and keeps it', async (_name, options, message) => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording(options);
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => sink.last()?.status === 'error', 'error');
    expect(sink.last()?.error?.message).toMatch(message);
    expect(sink.last()?.error?.kind).toBe('validation');
    expect(sink.last()?.audio?.canRetry).toBe(false);
    expect(h.api.calls.uploads).toEqual([]);
    await until(async () => (await stored(id))?.status === 'failed', 'kept');
  });

  it('says so when the recording is no longer stored, with no retry', async () => {
    const h = harness();
    const sink = new CollectingSink();
    h.service.start(JOB, 'tab-7', crypto.randomUUID(), OPTIONS, sink);
    await until(() => sink.last()?.status === 'error', 'error');
    expect(sink.last()).toMatchObject({ error: { message: 'This recording is no longer stored.' }, audio: { canRetry: false } });
  });

  it('Stop during the upload cancels it and keeps the recording as stopped', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const id = await recording();
    h.api.holdUpload();
    h.service.start(JOB, 'tab-7', id, OPTIONS, sink);
    await until(() => h.api.calls.uploads.length === 1, 'upload started');
    h.service.stop(JOB);
    await until(() => sink.last()?.status === 'cancelled', 'cancelled');
    await until(async () => (await stored(id))?.status === 'stopped', 'stopped');
    expect(h.keepAlive.held).toBe(0);
  });

  it('does not start a job twice', async () => {
    const h = harness();
    const id = await recording();
    h.api.holdUpload();
    expect(h.service.start(JOB, 'tab-7', id, OPTIONS, new CollectingSink())).toBe(true);
    expect(h.service.start(JOB, 'tab-7', id, OPTIONS, new CollectingSink())).toBe(false);
    h.service.stop(JOB);
  });
});
