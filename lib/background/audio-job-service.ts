import type { ApiRetryNotice, AudioUploadInput, AudioUploadResult, RequestOptions } from '../api/client';
import { ApiError, mayHaveBilledError, toErrorInfo } from '../api/errors';
import type { NoteOptions } from '../api/note-request';
import { RETRY_DEFAULTS } from '../api/retry';
import type { AudioStatus, Note, NoteWithStatus } from '../api/schemas';
import type { AudioJob, GenerationUpdate, JobSnapshot } from '../messaging/background-to-ui';
import { withConsent } from '../note/consent';
import { noteStateFromNote } from '../note/from-note';
import { applyStreamEvent, emptyNoteState, type NoteState } from '../note/note-state';
import { toWireNote } from './wire-note';
import { extraEventsFrom, flagsFor, missingExtras, requestedExtras, type RequestableExtra } from '../note/requested-extras';
import { RecordingError, type RecordingStore } from '../storage/recordings';
import { checkRecording, uploadFilename } from './audio-checks';
import { afterPollFailure, POLL_DEFAULTS, pollDelayMs, type PollOptions } from './audio-polling';
import type { UpdateSink } from './generation-service';
import type { PollAlarms } from './poll-alarms';
import { postSavedJob } from './saved-job';

/** What an audio job needs from the API. */
export interface AudioApi {
  uploadAudio(input: AudioUploadInput, opts?: RequestOptions): Promise<AudioUploadResult>;
  getAudioStatus(noteId: string, opts?: RequestOptions): Promise<AudioStatus>;
  getNote(noteId: string, opts?: RequestOptions): Promise<NoteWithStatus>;
}

/** What an audio job needs from the recording store. */
export type AudioRecordings = Pick<RecordingStore, 'readAudio' | 'setStatus' | 'markNoteCreated' | 'listRecoverable'>;

export type JobOutcome = 'ready' | 'failed';

export interface AudioJobServiceDeps {
  /** Resolves the API client, or throws an ApiError (e.g. no key saved). */
  client(): Promise<AudioApi>;
  recordings: AudioRecordings;
  persist(job: JobSnapshot): Promise<void>;
  load(jobId: string): Promise<JobSnapshot | undefined>;
  /** Every saved job, to resume after the worker restarted. */
  list(): Promise<JobSnapshot[]>;
  alarms: PollAlarms;
  /** A job ended while no panel was watching it. */
  notify(outcome: JobOutcome, job: JobSnapshot): void;
  holdKeepAlive(): () => void;
  now?: () => number;
  polling?: Partial<PollOptions>;
}

type AudioSnapshot = JobSnapshot & { audio: AudioJob };

interface LiveJob {
  snapshot: AudioSnapshot;
  sinks: Set<UpdateSink>;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A status check is in flight (the timer and the alarm can both ask for one). */
  polling: boolean;
}

const EMPTY_NOTE = toWireNote(emptyNoteState());

/**
 * Turns a stored recording into a note, in the background, so that it survives a closed panel and
 * a stopped worker.
 *
 * Upload: read the audio from the recording store (now `uploading`), check it, send it. A 200 is the
 * note; a 202 means the API is still working on it: the job becomes `processing`, is saved to
 * `storage.session` with its note id and the time of the next status check, and is polled with a
 * timer while the worker lives and an alarm for when it does not. A worker that starts finds its
 * `processing` jobs there and carries on (`recover`).
 *
 * The recording is deleted only once its note is saved; whatever goes wrong, it stays in the store
 * (`failed`) to be sent again or discarded.
 */
export class AudioJobService {
  private readonly live = new Map<string, LiveJob>();
  private readonly now: () => number;
  private readonly polling: PollOptions;

  constructor(private readonly deps: AudioJobServiceDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.polling = { ...POLL_DEFAULTS, ...deps.polling };
  }

  /** Whether this service is running the job (so the port sends its commands here). */
  has(jobId: string): boolean {
    return this.live.has(jobId);
  }

  start(id: string, bindingKey: string, recordingId: string, options: NoteOptions, sink: UpdateSink): boolean {
    if (this.live.has(id)) return false;
    const now = this.now();
    const job: LiveJob = {
      snapshot: { id, bindingKey, status: 'uploading', note: EMPTY_NOTE, audio: audioStart(recordingId, requestedExtras(options)), startedAt: now, updatedAt: now },
      sinks: new Set([sink]),
      controller: new AbortController(),
      timer: undefined,
      polling: false,
    };
    this.live.set(id, job);
    this.publish(job);
    void this.upload(job, options);
    return true;
  }

  /** Stops sending or watching; the recording is kept (`stopped`), whatever the server does with it. */
  stop(jobId: string): void {
    const job = this.live.get(jobId);
    if (!job) return;
    job.controller.abort();
    // An upload in flight ends in its own catch; a job between checks has nothing running to end.
    if (job.snapshot.status === 'processing') void this.cancel(job);
  }

  async subscribe(jobId: string, sink: UpdateSink): Promise<void> {
    const live = this.live.get(jobId);
    if (live) {
      live.sinks.add(sink);
      this.postTo(live, sink, { type: 'snapshot', job: live.snapshot });
      return;
    }
    await postSavedJob(this.deps.load, jobId, sink);
  }

  detach(sink: UpdateSink): void {
    for (const job of this.live.values()) job.sinks.delete(sink);
  }

  /**
   * Worker start: resume every job the API is still processing; an upload that was in flight when
   * the worker stopped is lost with it, so its job says so and its recording is offered back
   * (`failed`); so is any recording left `uploading` that no job is working on. Resolves once the
   * jobs are live again (storage.session only): the recording store's part is not waited for, so
   * panels' commands never hang on IndexedDB.
   */
  async recover(): Promise<void> {
    const endings: Promise<void>[] = [];
    for (const saved of await this.deps.list()) {
      const audio = saved.audio;
      if (!audio || this.live.has(saved.id)) continue;
      if (saved.status === 'processing' && audio.noteId !== undefined) this.revive({ ...saved, audio });
      else if (saved.status === 'uploading') endings.push(this.fail(this.adopt({ ...saved, audio }), uploadInterruptedError(), true));
    }
    this.swept = Promise.all(endings).then(() => this.offerOrphansBack());
  }

  /** The recording-store part of `recover`, for tests to wait on. */
  swept: Promise<void> = Promise.resolve();

  private async offerOrphansBack(): Promise<void> {
    try {
      for (const recording of await this.deps.recordings.listRecoverable()) {
        if (recording.status === 'uploading' && !this.isWorkingOn(recording.id)) {
          await this.deps.recordings.setStatus(recording.id, 'failed').catch(() => undefined);
        }
      }
    } catch {
      // The store cannot be opened now; the next start tries again.
    }
  }

  private isWorkingOn(recordingId: string): boolean {
    return [...this.live.values()].some((job) => job.snapshot.audio.recordingId === recordingId);
  }

  /** The poll alarm fired: check now if a check is due, reviving the job if this worker did not know it. */
  async wake(jobId: string): Promise<void> {
    const job = this.live.get(jobId);
    if (job) {
      if (!job.polling && job.snapshot.status === 'processing' && (job.snapshot.audio.nextPollAt ?? 0) <= this.now()) void this.poll(job);
      return;
    }
    const saved = await this.deps.load(jobId);
    if (saved?.status === 'processing' && saved.audio?.noteId !== undefined && !this.live.has(jobId)) this.revive({ ...saved, audio: saved.audio });
    else if (!this.live.has(jobId)) this.deps.alarms.clear(jobId);
  }

  // ---------------------------------------------------------------------------------------------
  // Upload
  // ---------------------------------------------------------------------------------------------

  private async upload(job: LiveJob, options: NoteOptions): Promise<void> {
    const release = this.deps.holdKeepAlive();
    const { signal } = job.controller;
    const { recordingId } = job.snapshot.audio;
    let canRetry = true;
    try {
      await this.save(job);
      const recording = (await this.deps.recordings.listRecoverable()).find((r) => r.id === recordingId);
      if (!recording) throw new RecordingError('not-found');
      // Kept on the job from here on: the note may come long after (202), from a restarted worker.
      if (recording.consent) this.update(job, { audio: { ...job.snapshot.audio, consent: recording.consent } });
      await this.deps.recordings.setStatus(recordingId, 'uploading');
      const audio = await this.deps.recordings.readAudio(recordingId);
      const problem = checkRecording({ bytes: audio.size, mimeType: recording.mimeType, durationMs: recording.durationMs });
      if (problem) {
        canRetry = false;
        throw problem;
      }
      this.update(job, { audio: { ...job.snapshot.audio, bytes: audio.size } });
      this.publish(job);
      const client = await this.deps.client();
      if (signal.aborted) throw signal.reason;
      const result = await client.uploadAudio(
        { ...options, audio, filename: uploadFilename(recording.mimeType) ?? 'recording' },
        { signal, onRetry: (notice) => this.retrying(job, notice) },
      );
      if (signal.aborted) throw signal.reason;
      if (result.kind === 'note') await this.complete(job, result.note, { byId: (noteId) => client.getNote(noteId, { signal }) });
      else await this.accepted(job, result.accepted.noteId);
    } catch (error) {
      if (signal.aborted) await this.cancel(job);
      else {
        if (error instanceof RecordingError && (error.reason === 'not-found' || error.reason === 'unreadable')) canRetry = false;
        await this.fail(job, error instanceof RecordingError ? recordingProblem(error) : error, canRetry);
      }
    } finally {
      release();
    }
  }

  private retrying(job: LiveJob, { attempt, delayMs, error }: ApiRetryNotice): void {
    this.broadcast(job, {
      type: 'retrying',
      jobId: job.snapshot.id,
      attempt,
      maxAttempts: RETRY_DEFAULTS.tries,
      delayMs,
      error: toErrorInfo(error),
    });
  }

  private async accepted(job: LiveJob, noteId: string): Promise<void> {
    this.update(job, { status: 'processing', audio: { ...job.snapshot.audio, noteId, polls: 0, processingSince: this.now() } });
    await this.schedule(job, pollDelayMs(0, this.polling));
  }

  // ---------------------------------------------------------------------------------------------
  // Polling
  // ---------------------------------------------------------------------------------------------

  /** Saves when the next check is due (so a restarted worker knows), then arms the timer and the alarm. */
  private async schedule(job: LiveJob, delayMs: number): Promise<void> {
    if (!this.live.has(job.snapshot.id)) return;
    this.update(job, { audio: { ...job.snapshot.audio, nextPollAt: this.now() + delayMs } });
    await this.save(job);
    this.publish(job);
    this.arm(job);
  }

  private arm(job: LiveJob): void {
    if (this.live.get(job.snapshot.id) !== job) return;
    const at = job.snapshot.audio.nextPollAt ?? this.now();
    clearTimeout(job.timer);
    job.timer = setTimeout(() => void this.poll(job), Math.max(0, at - this.now()));
    this.deps.alarms.set(job.snapshot.id, at);
  }

  private async poll(job: LiveJob): Promise<void> {
    const { signal } = job.controller;
    if (job.polling || signal.aborted || !this.live.has(job.snapshot.id)) return;
    job.polling = true;
    clearTimeout(job.timer);
    job.timer = undefined;
    // A check is a request: the worker must not be stopped halfway through it.
    const release = this.deps.holdKeepAlive();
    const noteId = job.snapshot.audio.noteId!;
    try {
      const client = await this.deps.client();
      const status = await client.getAudioStatus(noteId, { signal });
      if (signal.aborted) return;
      const { limitedChecks: _limited, ...answered } = job.snapshot.audio;
      this.update(job, { audio: { ...answered, polls: answered.polls + 1, pollFailures: 0 } });
      if (status.status === 'processing') return void (await this.schedule(job, pollDelayMs(job.snapshot.audio.polls, this.polling)));
      if (status.status === 'failed') return void (await this.fail(job, jobFailedError(status), true));
      const note = await client.getNote(noteId, { signal });
      if (signal.aborted) return;
      if (note.status === 'processing') return void (await this.schedule(job, pollDelayMs(job.snapshot.audio.polls, this.polling)));
      if (note.status === 'failed') return void (await this.fail(job, jobFailedError(note as { message?: string; error?: unknown }), true));
      await this.complete(job, note);
    } catch (error) {
      if (signal.aborted) return;
      const failures = (job.snapshot.audio.pollFailures ?? 0) + 1;
      const limited = (job.snapshot.audio.limitedChecks ?? 0) + 1;
      const next = afterPollFailure(error, failures, job.snapshot.audio.polls, this.polling, limited);
      if (next.kind === 'give-up') return void (await this.fail(job, error, true));
      // The request limit is not the job failing: it does not count towards giving up.
      if (next.kind === 'limited') this.update(job, { audio: { ...job.snapshot.audio, limitedChecks: limited } });
      else this.update(job, { audio: { ...job.snapshot.audio, pollFailures: failures } });
      await this.schedule(job, next.delayMs);
    } finally {
      job.polling = false;
      release();
    }
  }

  /** A job saved by a worker that has since stopped: carry on where it was. */
  private revive(saved: AudioSnapshot): void {
    const job = this.adopt(saved);
    this.arm(job);
    if ((saved.audio.nextPollAt ?? 0) <= this.now()) void this.poll(job);
  }

  private adopt(saved: AudioSnapshot): LiveJob {
    const job: LiveJob = { snapshot: saved, sinks: new Set(), controller: new AbortController(), timer: undefined, polling: false };
    this.live.set(saved.id, job);
    return job;
  }

  // ---------------------------------------------------------------------------------------------
  // Endings
  // ---------------------------------------------------------------------------------------------

  /**
   * The note is here. An extra that was asked for and is not in it is taken from GET /v1/note/:noteId
   * when the note came by another route (`byId`; a polled note came by that route already), and what
   * is still missing is named on the job (`missingExtras`) for the panel to say so.
   */
  private async complete(job: LiveJob, note: Note | NoteWithStatus, route: { byId?: (noteId: string) => Promise<NoteWithStatus> } = {}): Promise<void> {
    let state = noteStateFromNote(note);
    // The consent line is part of the note's text from the start: history, Copy and Insert all carry it.
    state = { ...state, sections: withConsent(state.sections, job.snapshot.audio.consent) };
    const asked = flagsFor(job.snapshot.audio.requested ?? []);
    let missing = missingExtras(asked, state.extras);
    if (missing.length > 0 && route.byId && note.noteId) {
      state = await withStoredExtras(state, missing, () => route.byId!(note.noteId));
      missing = missingExtras(asked, state.extras);
    }
    const { nextPollAt: _due, pollFailures: _failures, limitedChecks: _limited, ...audio } = job.snapshot.audio;
    this.update(job, {
      status: 'complete',
      note: toWireNote(state),
      error: undefined,
      missingExtras: missing.length > 0 ? missing : undefined,
      audio: { ...audio, ...(typeof note.transcript === 'string' && note.transcript !== '' && { transcript: note.transcript }) },
    });
    // The note is saved before the audio goes: at no moment is there neither.
    const saved = await this.save(job);
    this.publish(job);
    if (saved) await this.deps.recordings.markNoteCreated(audio.recordingId).catch(() => undefined);
    this.end(job, 'ready');
  }

  private async fail(job: LiveJob, error: unknown, canRetry: boolean): Promise<void> {
    if (!this.live.has(job.snapshot.id)) return;
    const { nextPollAt: _due, ...audio } = job.snapshot.audio;
    this.update(job, { status: 'error', error: toErrorInfo(error), audio: { ...audio, canRetry } });
    this.end(job, 'failed');
    await this.save(job);
    // Stored as failed before any panel hears of the error: a panel then lists its unfinished
    // recordings again (this one must be among them), and a Retry's `uploading` must land after it.
    await this.deps.recordings.setStatus(audio.recordingId, 'failed').catch(() => undefined);
    this.publish(job);
  }

  private async cancel(job: LiveJob): Promise<void> {
    if (!this.live.has(job.snapshot.id)) return;
    const { nextPollAt: _due, ...audio } = job.snapshot.audio;
    this.update(job, { status: 'cancelled', audio });
    this.end(job, undefined);
    await this.save(job);
    this.publish(job);
    // Back to waiting for a note: the clinician stopped it, nothing failed.
    await this.deps.recordings.setStatus(audio.recordingId, 'stopped').catch(() => undefined);
  }

  private end(job: LiveJob, outcome: JobOutcome | undefined): void {
    if (this.live.get(job.snapshot.id) !== job) return;
    this.live.delete(job.snapshot.id);
    clearTimeout(job.timer);
    job.timer = undefined;
    this.deps.alarms.clear(job.snapshot.id);
    if (outcome && job.sinks.size === 0) {
      try {
        this.deps.notify(outcome, job.snapshot);
      } catch {
        // A notification is a courtesy; the job's state is saved either way.
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------

  private update(job: LiveJob, patch: Partial<AudioSnapshot>): void {
    job.snapshot = { ...job.snapshot, ...patch, updatedAt: this.now() };
  }

  /** False if storage refused (quota): the job carries on in memory, and the recording is kept. */
  private async save(job: LiveJob): Promise<boolean> {
    try {
      await this.deps.persist(job.snapshot);
      return true;
    } catch {
      return false;
    }
  }

  /** Every change goes out as a whole snapshot: small (the note arrives once) and never out of step. */
  private publish(job: LiveJob): void {
    this.broadcast(job, { type: 'snapshot', job: job.snapshot });
  }

  private broadcast(job: LiveJob, update: GenerationUpdate): void {
    for (const sink of job.sinks) this.postTo(job, sink, update);
  }

  private postTo(job: LiveJob, sink: UpdateSink, update: GenerationUpdate): void {
    try {
      sink.post(update);
    } catch {
      job.sinks.delete(sink);
    }
  }
}

function audioStart(recordingId: string, requested: RequestableExtra[]): AudioJob {
  return { recordingId, polls: 0, ...(requested.length > 0 && { requested }) };
}

/** The extras a stored note has that this one is missing; the note as it was if it cannot be read. */
async function withStoredExtras(state: NoteState, missing: RequestableExtra[], read: () => Promise<NoteWithStatus>): Promise<NoteState> {
  let stored: NoteWithStatus;
  try {
    stored = await read();
  } catch {
    return state; // expired, offline, stopped: what is missing is said instead
  }
  return extraEventsFrom(stored, missing).reduce(applyStreamEvent, state);
}


/** The server's own words for a failed job, when it gave a short plain sentence. */
function serverWords(status: { message?: string | undefined; error?: unknown }): string | undefined {
  const candidates = [status.message, typeof status.error === 'string' ? status.error : undefined];
  if (typeof status.error === 'object' && status.error !== null) {
    const message = (status.error as Record<string, unknown>).message;
    if (typeof message === 'string') candidates.push(message);
  }
  return candidates
    .map((c) => c?.trim())
    .find((c): c is string => c !== undefined && c !== '' && c.length <= 300)
    ?.replace(/snapi_sk_[A-Za-z0-9_-]*/g, '[hidden key]');
}

function jobFailedError(status: { message?: string | undefined; error?: unknown }): ApiError {
  const words = serverWords(status);
  return new ApiError({
    kind: 'server',
    message: words
      ? `The SOAP Note API could not turn the recording into a note: ${/[.!?]$/.test(words) ? words : `${words}.`}`
      : 'The SOAP Note API could not turn the recording into a note.',
    nextStep: 'The recording is kept: press Retry to send it again, or type the transcript instead.',
    retryable: true,
  });
}

/** The upload may have reached the server before the worker stopped: a retry may make (and bill) a second note. */
function uploadInterruptedError(): ApiError {
  return mayHaveBilledError(new ApiError({
    kind: 'network',
    message: 'The upload stopped when the browser restarted Chartside in the background.',
    nextStep: 'Send it again when you are ready.',
    retryable: true,
  }));
}

/** The recording store's own sentences (no PHI), as an error the panel shows. */
function recordingProblem(error: RecordingError): ApiError {
  const gone = error.reason === 'not-found' || error.reason === 'unreadable';
  return new ApiError({
    kind: error.reason === 'not-found' ? 'not_found' : 'unknown',
    message: error.message,
    nextStep: gone ? 'Record the visit again, or type the transcript instead.' : 'Try again in a moment.',
    retryable: !gone,
  });
}
