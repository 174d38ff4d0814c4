import type { ApiError } from '../api/errors';
import { toErrorInfo, type ApiErrorInfo } from '../api/errors';
import { RETRY_DEFAULTS } from '../api/retry';
import type { Note, NoteRequest, NoteWithStatus } from '../api/schemas';
import type { NoteStreamEvent } from '../api/stream-events';
import { extraEventsFrom, missingExtras, requestedExtras, type RequestableExtra } from '../note/requested-extras';
import type { GenerationUpdate, JobSnapshot, JobStatus, WireStreamEvent } from '../messaging/background-to-ui';
import { applyStreamEvent, emptyNoteState, type NoteState } from '../note/note-state';
import { toWireNote } from './wire-note';
import { noteEvents } from '../api/note-events';
import { postSavedJob } from './saved-job';
import type { NoteSections, SoapSection } from '../note/sections';
import { carryConsentLine, withConsent, type RecordingConsent } from '../note/consent';

type CallOptions = { signal: AbortSignal; onRetry?: (info: { attempt: number; delayMs: number; error: ApiError }) => void };

/** What a job needs from the API: the stream, the whole note, and a note by its id (for extras a stream left out). */
export interface NoteStreamer {
  streamNote(request: NoteRequest, options: CallOptions): AsyncIterable<NoteStreamEvent>;
  generateNote(request: NoteRequest, options: CallOptions): Promise<Note>;
  getNote(noteId: string, options: { signal: AbortSignal }): Promise<NoteWithStatus>;
}

/** Whether the configured API's stream is known to leave out requested extras (see stream-extras-memory.ts). */
export interface ExtrasRouteMemory {
  lacksExtras(): Promise<boolean>;
  remember(): Promise<void>;
}

export interface StartOptions {
  /** Make the note with `POST /v1/note` (it arrives whole): the panel asking again for extras a stream left out. */
  whole?: boolean;
  /**
   * Regenerate one section: the job's note starts as `keep` with `section` empty, and of the new note
   * only that section's text is taken (other sections and extras are dropped: the note on show keeps
   * its own). So the job's snapshot, and the history entry made from it, is the note as it now stands.
   */
  regenerate?: { section: SoapSection; keep: NoteSections };
  /**
   * The patient's consent to the recording a typed transcript is of (the clinician asked for it): its
   * line is put in its place when the note is done, before the note is saved, so the history, Copy and
   * Insert all carry it, as for a note made from a recording.
   */
  consent?: RecordingConsent;
}

/** Where updates go: the panel ports subscribed to a job. */
export interface UpdateSink {
  post(update: GenerationUpdate): void;
}

export interface GenerationServiceDeps {
  /** Resolves the API client, or throws an ApiError (e.g. no key saved). */
  client(): Promise<NoteStreamer>;
  persist(job: JobSnapshot): Promise<void>;
  load(jobId: string): Promise<JobSnapshot | undefined>;
  holdKeepAlive(): () => void;
  now?: () => number;
  /** Saving to storage on every chunk would cost more than the stream; a reopened panel gets the live snapshot anyway. */
  persistEveryMs?: number;
  maxAttempts?: number;
  extrasMemory?: ExtrasRouteMemory;
}

interface RunningJob {
  snapshot: JobSnapshot;
  note: NoteState;
  controller: AbortController;
  sinks: Set<UpdateSink>;
  lastPersist: number;
  producedOutput: boolean;
}

const TERMINAL: ReadonlySet<JobStatus> = new Set(['complete', 'incomplete', 'error', 'cancelled']);

/**
 * Owns every note generation: runs the stream, keeps the job's state, saves it to
 * `storage.session`, and tells whichever panels are watching. A closed panel does not stop a job.
 */
export class GenerationService {
  private readonly running = new Map<string, RunningJob>();
  private readonly now: () => number;

  constructor(private readonly deps: GenerationServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  start(id: string, bindingKey: string, request: NoteRequest, sink: UpdateSink, options: StartOptions = {}): boolean {
    if (this.running.has(id)) return false;
    const note = options.regenerate
      ? { ...emptyNoteState(), sections: { ...options.regenerate.keep, [options.regenerate.section]: '' } }
      : emptyNoteState();
    const job: RunningJob = {
      snapshot: {
        id,
        bindingKey,
        status: 'starting',
        note: toWireNote(note),
        ...(options.consent && !options.regenerate && { consent: options.consent }),
        startedAt: this.now(),
        updatedAt: this.now(),
      },
      note,
      controller: new AbortController(),
      sinks: new Set([sink]),
      lastPersist: 0,
      producedOutput: false,
    };
    this.running.set(id, job);
    // Through broadcast: a panel that is already gone must not leave the job registered but never run.
    this.broadcast(job, { type: 'snapshot', job: job.snapshot });
    void this.run(job, request, options);
    return true;
  }

  stop(jobId: string): void {
    this.running.get(jobId)?.controller.abort();
  }

  async subscribe(jobId: string, sink: UpdateSink): Promise<void> {
    const live = this.running.get(jobId);
    if (live) {
      live.sinks.add(sink);
      this.broadcastTo(live, sink, { type: 'snapshot', job: this.snapshotOf(live) });
      return;
    }
    await postSavedJob(this.deps.load, jobId, sink);
  }

  detach(sink: UpdateSink): void {
    for (const job of this.running.values()) job.sinks.delete(sink);
  }

  private async run(job: RunningJob, request: NoteRequest, options: StartOptions): Promise<void> {
    const release = this.deps.holdKeepAlive();
    const { signal } = job.controller;
    let sawDone = false;
    try {
      await this.persistQuietly(job, true);
      const client = await this.deps.client();
      const onRetry: CallOptions['onRetry'] = ({ attempt, delayMs, error }) =>
        this.broadcast(job, {
          type: 'retrying',
          jobId: job.snapshot.id,
          attempt,
          maxAttempts: this.deps.maxAttempts ?? RETRY_DEFAULTS.tries,
          delayMs,
          error: toErrorInfo(error),
        });
      const whole = options.whole === true || (requestedExtras(request).length > 0 && (await this.knownToLackExtras()));
      if (whole) this.setDelivery(job, 'whole');
      const stream = whole ? wholeNoteEvents(client.generateNote(request, { signal, onRetry })) : client.streamNote(request, { signal, onRetry });
      /** Of a regenerate, the last section of the new note the API was writing. */
      let reached: SoapSection | undefined;
      for await (const event of stream) {
        if (job.snapshot.status === 'starting') this.setStatus(job, 'streaming');
        if (event.type === 'done') {
          sawDone = true;
          if (options.regenerate) {
            // The history entry is the note as it now stands: with the consent line the section had.
            const { section, keep } = options.regenerate;
            job.note = { ...job.note, sections: { ...job.note.sections, [section]: carryConsentLine(keep[section], job.note.sections[section]) } };
          }
          const consent = job.snapshot.consent;
          if (consent) {
            // Where the clinician chose, once the section it goes in is whole; the panel gets the note as it now stands.
            job.note = { ...job.note, sections: withConsent(job.note.sections, consent) };
            this.broadcast(job, { type: 'snapshot', job: this.snapshotOf(job) });
          }
          const missing = whole ? missingExtras(request, job.note.extras) : await this.completeExtras(job, request, client, signal);
          job.note = applyStreamEvent(job.note, event);
          this.broadcast(job, { type: 'event', jobId: job.snapshot.id, event });
          this.setStatus(job, 'complete', missing.length > 0 ? { missingExtras: missing } : {});
          return;
        }
        if (options.regenerate && !takenWhenRegenerating(event, options.regenerate.section)) {
          // The other sections' text is dropped, but the panel is told, with an empty chunk, which
          // section the API has reached: regenerating the Plan waits while three others stream.
          if (event.type === 'section' && event.section !== reached) {
            reached = event.section;
            this.broadcast(job, { type: 'event', jobId: job.snapshot.id, event: { type: 'section', section: event.section, content: '', mode: 'append' } });
          }
          continue;
        }
        job.note = applyStreamEvent(job.note, event);
        if (event.type === 'section' || event.type === 'extra') job.producedOutput = true;
        this.broadcast(job, { type: 'event', jobId: job.snapshot.id, event: toWire(event) });
        if (event.type === 'error') {
          this.setStatus(job, 'error', { error: toErrorInfo(event.error) });
          return;
        }
        await this.persistQuietly(job, false);
      }
      if (signal.aborted) this.setStatus(job, 'cancelled');
      else if (!sawDone) this.setStatus(job, 'incomplete', { interruption: 'stream-cut' });
    } catch (error) {
      if (signal.aborted) this.setStatus(job, 'cancelled');
      else if (job.producedOutput) this.setStatus(job, 'incomplete', { interruption: 'stream-cut', error: toErrorInfo(error) });
      else this.setStatus(job, 'error', { error: toErrorInfo(error) });
    } finally {
      if (!TERMINAL.has(job.snapshot.status)) this.setStatus(job, signal.aborted ? 'cancelled' : 'incomplete');
      await this.persistQuietly(job, true);
      this.running.delete(job.snapshot.id);
      release();
    }
  }

  private setStatus(
    job: RunningJob,
    status: JobStatus,
    extra: { error?: ApiErrorInfo; interruption?: JobSnapshot['interruption']; missingExtras?: RequestableExtra[] } = {},
  ): void {
    job.snapshot = { ...job.snapshot, status, error: extra.error, interruption: extra.interruption, missingExtras: extra.missingExtras, updatedAt: this.now() };
    this.broadcast(job, {
      type: 'status',
      jobId: job.snapshot.id,
      status,
      error: extra.error,
      interruption: extra.interruption,
      ...(extra.missingExtras ? { missingExtras: extra.missingExtras } : {}),
    });
  }

  /** The note comes whole from POST /v1/note: the panel says so, since no section streams in. */
  private setDelivery(job: RunningJob, delivery: 'whole'): void {
    job.snapshot = { ...job.snapshot, delivery };
    this.broadcast(job, { type: 'snapshot', job: this.snapshotOf(job) });
  }

  private async knownToLackExtras(): Promise<boolean> {
    try {
      return (await this.deps.extrasMemory?.lacksExtras()) ?? false;
    } catch {
      return false; // streaming, then asking by id or saying so, is still right
    }
  }

  /**
   * A stream that ended without an extra that was asked for: take it from `GET /v1/note/:noteId` when
   * the stream gave an id (no second generation). Whatever is still missing is returned, and this API
   * address is remembered as one whose stream leaves extras out, so the next such note is asked for whole.
   */
  private async completeExtras(job: RunningJob, request: NoteRequest, client: NoteStreamer, signal: AbortSignal): Promise<RequestableExtra[]> {
    let missing = missingExtras(request, job.note.extras);
    if (missing.length === 0) return missing;
    const noteId = job.note.extras.noteId;
    if (noteId) {
      try {
        const stored = await client.getNote(noteId, { signal });
        for (const event of extraEventsFrom(stored, missing)) {
          job.note = applyStreamEvent(job.note, event);
          this.broadcast(job, { type: 'event', jobId: job.snapshot.id, event });
        }
      } catch {
        // The stored note could not be read (expired, offline): what is missing is said below.
      }
      missing = missingExtras(request, job.note.extras);
    }
    if (missing.length > 0) await this.deps.extrasMemory?.remember().catch(() => undefined);
    return missing;
  }

  private snapshotOf(job: RunningJob): JobSnapshot {
    return { ...job.snapshot, note: toWireNote(job.note) };
  }

  /**
   * Saving is what lets a reopened panel or a restarted worker find the note; a failed save (quota)
   * must not stop a stream that is going well, so it is skipped and tried again on the next chunk.
   */
  private async persistQuietly(job: RunningJob, force: boolean): Promise<void> {
    try {
      await this.persist(job, force);
    } catch {
      job.lastPersist = 0;
    }
  }

  private async persist(job: RunningJob, force: boolean): Promise<void> {
    const now = this.now();
    if (!force && now - job.lastPersist < (this.deps.persistEveryMs ?? 500)) return;
    job.lastPersist = now;
    job.snapshot = this.snapshotOf(job);
    await this.deps.persist(job.snapshot);
  }

  private broadcast(job: RunningJob, update: GenerationUpdate): void {
    for (const sink of job.sinks) this.broadcastTo(job, sink, update);
  }

  private broadcastTo(job: RunningJob, sink: UpdateSink, update: GenerationUpdate): void {
    try {
      sink.post(update);
    } catch {
      // The panel went away mid-post; the job carries on and it can subscribe again.
      job.sinks.delete(sink);
    }
  }
}

/** Of a regenerated note, only the chosen section's text (and the stream's end or error) is used. */
function takenWhenRegenerating(event: NoteStreamEvent, section: SoapSection): boolean {
  if (event.type === 'section') return event.section === section;
  return event.type !== 'extra';
}

/** A whole note as the events a stream would have sent, so both routes fill the panel the same way. */
async function* wholeNoteEvents(note: Promise<Note>): AsyncGenerator<NoteStreamEvent> {
  const whole = await note;
  for (const event of noteEvents(whole)) yield event;
}

function toWire(event: NoteStreamEvent): WireStreamEvent {
  return event.type === 'error' ? { type: 'error', error: toErrorInfo(event.error) } : event;
}

