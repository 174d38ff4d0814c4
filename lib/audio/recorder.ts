import type { PatientIdentity } from '../ehr/chart-context';
import type { RecordingConsent } from '../note/consent';
import type { RecordingStore } from '../storage/recordings';
import { ElapsedClock } from './elapsed-clock';
import { SPEECH_AUDIO_BITS_PER_SECOND } from './speech-bitrate';

/** The part of MediaRecorder the recorder uses (a fake one in unit tests). */
export interface MediaRecorderLike {
  readonly mimeType: string;
  readonly state: RecordingState;
  ondataavailable: ((event: BlobEvent) => void) | null;
  onstop: ((event: Event) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  start(timeslice?: number): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

export type CreateMediaRecorder = (stream: MediaStream, options: MediaRecorderOptions) => MediaRecorderLike;

/** What the recorder needs of the recording store. */
export type ChunkStore = Pick<RecordingStore, 'start' | 'appendChunk' | 'setStatus' | 'discard'>;

/**
 * A chunk a second: a crash, a closed panel or a browser restart loses at most about one second
 * of the visit, and a chunk (~3.5 KB at 28 kbps) is one small encrypted IndexedDB record.
 */
export const CHUNK_MS = 1000;
/** How long to wait for MediaRecorder's last chunk after stop() before saving without it. */
const STOP_TIMEOUT_MS = 5000;

/**
 * Why a recording ended:
 * - `stopped`: the clinician stopped it; `limit`: it reached the 4-hour limit;
 * - `device-lost`: the microphone went away (unplugged, revoked);
 * - `write-failed`: a chunk could not be saved: the recording is whole up to the last chunk saved;
 * - `recorder-error`: the browser's recorder failed.
 */
export type RecordingEnd = 'stopped' | 'limit' | 'device-lost' | 'write-failed' | 'recorder-error';

export interface FinishedRecording {
  id: string;
  /** Length of the audio saved, pauses excluded. */
  durationMs: number;
  byteLength: number;
  end: RecordingEnd;
  /** The status could not be set to `stopped` (storage failed): it is still offered back on the next panel open. */
  statusSaved: boolean;
}

export interface RecorderOptions {
  stream: MediaStream;
  store: ChunkStore;
  /** Who the chart showed when recording started. */
  patient?: PatientIdentity;
  /** The patient's consent to be recorded, kept with the recording (lib/note/consent.ts). */
  consent?: RecordingConsent;
  /** The container to write (see recording-format.ts); undefined lets the browser choose. */
  mimeType?: string;
  createMediaRecorder?: CreateMediaRecorder;
  clock?: ElapsedClock;
  timesliceMs?: number;
  /** After each chunk is saved: the length and bytes saved so far. */
  onSaved?(savedMs: number, byteLength: number): void;
  /** The recording ended without `stop()` being called (see RecordingEnd); it is saved and `stopped`. */
  onEnded?(finished: FinishedRecording): void;
}

const defaultCreate: CreateMediaRecorder = (stream, options) => new MediaRecorder(stream, options);

/**
 * Records a microphone stream into the recording store as it goes. MediaRecorder hands over a chunk
 * every second; each is given to the store at once (`appendChunk`, stamped with the recording's
 * length so far, pauses excluded) and not kept here: the store's write queue holds it only until
 * it is sealed and written. Nothing but counters stays in memory however long the visit.
 */
export class Recorder {
  private readonly clock: ElapsedClock;
  private readonly writes = new Set<Promise<void>>();
  private savedMs = 0;
  private savedBytes = 0;
  private ending: Promise<FinishedRecording> | undefined;
  /** MediaRecorder fired `stop`: its last chunk has been handed over. */
  private mediaStopped = false;
  private onMediaStop: (() => void) | undefined;

  private constructor(
    readonly id: string,
    private readonly media: MediaRecorderLike,
    private readonly options: RecorderOptions,
    clock: ElapsedClock,
  ) {
    this.clock = clock;
  }

  /** Starts recording into a new stored recording. Rejects (and records nothing) if the store cannot start one. */
  static async start(options: RecorderOptions): Promise<Recorder> {
    const create = options.createMediaRecorder ?? defaultCreate;
    const settings: MediaRecorderOptions = { audioBitsPerSecond: SPEECH_AUDIO_BITS_PER_SECOND };
    let media: MediaRecorderLike;
    try {
      media = create(options.stream, options.mimeType ? { ...settings, mimeType: options.mimeType } : settings);
    } catch {
      media = create(options.stream, settings); // the type was refused after all: the browser's own
    }
    // The store's record exists before the first chunk can: a chunk never waits for an id.
    const mimeType = media.mimeType || options.mimeType || 'audio/webm';
    const id = await options.store.start({ mimeType, ...(options.patient && { patient: options.patient }), ...(options.consent && { consent: options.consent }) });
    const recorder = new Recorder(id, media, options, options.clock ?? new ElapsedClock());
    recorder.listen();
    try {
      media.start(options.timesliceMs ?? CHUNK_MS);
    } catch (error) {
      // Nothing was recorded: leave no empty recording to be offered back.
      await options.store.discard(id).catch(() => undefined);
      throw error;
    }
    recorder.clock.start();
    return recorder;
  }

  get state(): 'recording' | 'paused' | 'ending' {
    if (this.ending) return 'ending';
    return this.clock.running ? 'recording' : 'paused';
  }

  /** Length so far, pauses excluded. */
  elapsedMs(): number {
    return this.clock.elapsedMs();
  }

  /** Length saved so far. */
  get durationSavedMs(): number {
    return this.savedMs;
  }

  pause(): void {
    if (this.ending || !this.clock.running) return;
    this.media.pause();
    this.clock.pause();
  }

  resume(): void {
    if (this.ending || this.clock.running) return;
    this.media.resume();
    this.clock.resume();
  }

  /**
   * Stops, waits for the last chunk to be saved, and marks the recording `stopped` (queued behind
   * the chunks, so it lands after the last one). Resolves once all of that is stored; never rejects.
   */
  stop(end: RecordingEnd = 'stopped'): Promise<FinishedRecording> {
    this.ending ??= this.finish(end);
    return this.ending;
  }

  private listen(): void {
    const { media, options } = this;
    media.ondataavailable = (event) => this.save(event.data);
    media.onstop = () => {
      this.mediaStopped = true;
      this.onMediaStop?.();
      this.endedByItself('device-lost'); // unless stop() asked for it: then the browser stopped it (its track ended)
    };
    media.onerror = () => this.endedByItself('recorder-error');
    for (const track of options.stream.getAudioTracks()) {
      track.addEventListener('ended', () => this.endedByItself('device-lost'));
    }
  }

  private save(chunk: Blob): void {
    const elapsed = this.clock.elapsedMs();
    const write = this.options.store.appendChunk(this.id, chunk, elapsed).then(
      () => {
        this.savedMs = Math.max(this.savedMs, elapsed);
        this.savedBytes += chunk.size;
        this.options.onSaved?.(this.savedMs, this.savedBytes);
      },
      // The store refuses every later chunk too (nothing is written after a gap): end here,
      // keeping what was saved, and tell the clinician.
      () => this.endedByItself('write-failed'),
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private endedByItself(end: RecordingEnd): void {
    if (this.ending) return;
    void this.stop(end).then((finished) => this.options.onEnded?.(finished));
  }

  private async finish(end: RecordingEnd): Promise<FinishedRecording> {
    this.clock.pause();
    if (!this.mediaStopped) {
      // MediaRecorder hands over its last chunk, then fires `stop` (also when it stopped by itself
      // and the event is on its way).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
        this.onMediaStop = () => {
          clearTimeout(timer);
          resolve();
        };
        try {
          if (this.media.state !== 'inactive') this.media.stop();
        } catch {
          this.onMediaStop();
        }
      });
    }
    this.media.ondataavailable = null;
    for (const track of this.options.stream.getTracks()) track.stop();
    // Every chunk handed over has been given to the store; wait until each is saved or refused.
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
    let statusSaved = true;
    try {
      await this.options.store.setStatus(this.id, 'stopped');
    } catch {
      statusSaved = false;
    }
    return { id: this.id, durationMs: this.savedMs, byteLength: this.savedBytes, end, statusSaved };
  }
}
