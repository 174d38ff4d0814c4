import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod/mini';
import { PatientIdentitySchema, type PatientIdentity } from '../ehr/chart-context';
import { RecordingConsentSchema, type RecordingConsent } from '../note/consent';
import { extensionKey, forgetExtensionKey, seal, unseal } from './extension-keys';

/**
 * Recordings not yet turned into notes: the one kind of PHI kept beyond `storage.session`, so
 * that a closed panel, a crash or a browser restart never loses a visit. Kept in the extension
 * origin's IndexedDB (no content script or web page can open it), every chunk sealed with a key
 * that never leaves the extension. A recording is deleted once its note exists, or when the
 * clinician discards it.
 *
 * Each chunk is its own record, keyed by (recording, seq), and is written in the same transaction
 * as the recording's totals: a 4-hour recording (~50 MB) is never rewritten to add a minute, and a
 * crash between the two writes cannot happen (the totals always describe exactly the chunks stored).
 *
 * Stored in the clear, to offer a recording back ("when, how long") without the key: its random
 * id, when it started, the last write, its format, status, length (pauses excluded), size and
 * chunk count, and the patient's consent to record when it was asked for (a time, the clinician's
 * name, where its line goes: nothing about the patient). The patient it was recorded for is sealed; the tab it was recorded in is not kept
 * (tab ids mean nothing after a restart).
 */

/**
 * - `recording`: chunks may still arrive; found after a restart, it was interrupted.
 * - `stopped`: complete, waiting to be turned into a note.
 * - `uploading`: being sent for a note.
 * - `failed`: sending failed; kept to try again (or discard).
 */
export const RECORDING_STATUSES = ['recording', 'stopped', 'uploading', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** What the panel needs to offer a recording back. No audio is read to make it. */
export interface RecordingSummary {
  id: string;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms of the last chunk or status change. */
  updatedAt: number;
  mimeType: string;
  status: RecordingStatus;
  /** Length of the audio saved, pauses excluded. */
  durationMs: number;
  /** Bytes of audio saved (before encryption). */
  byteLength: number;
  chunkCount: number;
  /** A chunk could not be saved: the audio after `durationMs` is lost (see `appendChunk`). */
  truncated: boolean;
  /** Who it was recorded for, as the chart showed it then; undefined if not given or no longer readable. */
  patient?: PatientIdentity;
  /** The clinician confirmed the patient agreed to be recorded (absent: consent was not asked for). */
  consent?: RecordingConsent;
}

export type RecordingErrorReason = 'not-found' | 'not-recording' | 'still-recording' | 'write-failed' | 'unreadable' | 'invalid';

/** Our own sentences only: errors travel between contexts and reach the screen, so no PHI, no audio. */
const MESSAGES: Record<RecordingErrorReason, string> = {
  'not-found': 'This recording is no longer stored.',
  'not-recording': 'This recording has been stopped; no more audio can be added to it.',
  'still-recording': 'This recording is still being recorded.',
  'write-failed': 'Part of the recording could not be saved. Everything saved before it is kept.',
  unreadable: 'This recording can no longer be read on this computer.',
  invalid: 'The recording was given something it cannot store.',
};

export class RecordingError extends Error {
  override readonly name = 'RecordingError';
  constructor(
    readonly reason: RecordingErrorReason,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[reason], options);
  }
}

export interface RecordingStore {
  /** A new, empty recording in status `recording`; resolves to its id. */
  start(input: { mimeType: string; patient?: PatientIdentity; consent?: RecordingConsent }): Promise<string>;
  /**
   * Seals and stores the next chunk. `elapsedMs`: the recording's length at the end of this chunk,
   * pauses excluded (the recorder's clock; the stored duration only ever grows). Calls for one
   * recording land in call order even when not awaited. A chunk storage refuses rejects `write-failed`
   * and ends the recording at the last chunk saved (see the failure policy in openRecordingStore).
   */
  appendChunk(recordingId: string, chunk: Blob, elapsedMs: number): Promise<void>;
  /** Queued behind the chunks already given, so `stopped` lands after the last one. */
  setStatus(recordingId: string, status: RecordingStatus): Promise<void>;
  /** Every recording not yet turned into a note, newest first. */
  listRecoverable(): Promise<RecordingSummary[]>;
  /** The whole recording as one Blob of its type, chunks in order. Rejects `unreadable` rather than return a gap. */
  readAudio(recordingId: string): Promise<Blob>;
  /** The note exists: delete the audio. Refused (`still-recording`) while chunks may still arrive. */
  markNoteCreated(recordingId: string): Promise<void>;
  /** The clinician discarded it: delete the audio, whatever its status. */
  discard(recordingId: string): Promise<void>;
  /** Closes the database connection (writes already running finish; a later call opens it again). */
  close(): Promise<void>;
}

const DATABASE = 'chartside-recordings';
const KEY_ID = 'recording-key';
/** Chunks decrypted per read transaction: bounds what readAudio holds at once besides the Blobs it makes. */
const READ_BATCH = 16;

const SealedSchema = z.object({ iv: z.instanceof(Uint8Array), data: z.instanceof(ArrayBuffer) });
const StoredRecordingSchema = z.object({
  id: z.string(),
  startedAt: z.number(),
  updatedAt: z.number(),
  mimeType: z.string(),
  status: z.enum(RECORDING_STATUSES),
  durationMs: z.number(),
  byteLength: z.number(),
  chunkCount: z.number(),
  truncated: z.boolean(),
  patient: z.optional(SealedSchema),
  consent: z.optional(RecordingConsentSchema),
});
type StoredRecording = z.infer<typeof StoredRecordingSchema>;
const StoredChunkSchema = z.object({ recordingId: z.string(), seq: z.number(), iv: z.instanceof(Uint8Array), data: z.instanceof(ArrayBuffer) });
type StoredChunk = z.infer<typeof StoredChunkSchema>;

interface RecordingDatabase extends DBSchema {
  recordings: { key: string; value: StoredRecording };
  chunks: { key: [string, number]; value: StoredChunk };
}

/** Where a sealed value belongs: moving a chunk to another seq or recording makes it fail to open. */
const chunkContext = (recordingId: string, seq: number) => `recording:${recordingId}:chunk:${seq}`;
const patientContext = (recordingId: string) => `recording:${recordingId}:patient`;
const chunkRange = (recordingId: string, from = 0, to = Infinity) => IDBKeyRange.bound([recordingId, from], [recordingId, to]);
/** A request whose outcome is its transaction's (awaited as `tx.done`): its own rejection is not a second error. */
const issue = (request: Promise<unknown>) => void request.catch(() => undefined);

/** One store per context is enough; tests open a second over the same database to play "reopened". */
export function openRecordingStore(options: { now?: () => number } = {}): RecordingStore {
  const now = options.now ?? Date.now;

  let connection: Promise<IDBPDatabase<RecordingDatabase>> | undefined;
  function database(): Promise<IDBPDatabase<RecordingDatabase>> {
    connection ??= openDB<RecordingDatabase>(DATABASE, 1, {
      upgrade(db) {
        db.createObjectStore('recordings', { keyPath: 'id' });
        db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
      },
      // A newer version opened elsewhere (an updated extension page): step aside, reopen on next use.
      blocking() {
        void connection?.then((db) => db.close());
        connection = undefined;
      },
      terminated() {
        connection = undefined;
      },
    });
    connection.catch(() => (connection = undefined)); // a failed open is tried again next time
    return connection;
  }

  let key: Promise<CryptoKey> | undefined;
  function recordingKey(): Promise<CryptoKey> {
    key ??= extensionKey(KEY_ID);
    key.catch(() => (key = undefined));
    return key;
  }

  async function readRecord(recordingId: string): Promise<StoredRecording> {
    const parsed = StoredRecordingSchema.safeParse(await (await database()).get('recordings', recordingId));
    if (!parsed.success) throw new RecordingError('not-found');
    return parsed.data;
  }

  // The write queue: one chain per recording. Each task starts when the one before it settled,
  // so chunks land in call order however fast they come. A queued chunk is a Blob (a handle);
  // its bytes are read only when its turn comes, and nothing is kept once it is written.
  const queues = new Map<string, Promise<void>>();
  function enqueue<T>(recordingId: string, task: () => Promise<T>): Promise<T> {
    const result = (queues.get(recordingId) ?? Promise.resolve()).then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    queues.set(recordingId, settled);
    void settled.then(() => {
      if (queues.get(recordingId) === settled) queues.delete(recordingId);
    });
    return result;
  }

  // Failure policy. When a chunk cannot be written (storage full, disk error, the database closed
  // under us), its caller is rejected with `write-failed`, and so is every later chunk for that
  // recording, queued or not: nothing is written after a gap. A clinician is better served by a
  // recording that is whole up to a known point, flagged `truncated`, than by one with a silent
  // hole in the middle of the visit (and WebM chunks after a missing one may not decode at all).
  // No automatic retry: these failures do not pass in milliseconds, and retrying would mean holding
  // ever more audio in memory. The recorder is told at once, so it can tell the clinician and, to
  // keep recording, start a new recording (a new MediaRecorder writes a new header). The saved part
  // stays recoverable and can still be stopped, turned into a note or discarded.
  const failed = new Map<string, RecordingError>();

  async function writeChunk(recordingId: string, chunk: Blob, elapsedMs: number): Promise<void> {
    const earlier = failed.get(recordingId);
    if (earlier) throw earlier;
    try {
      await sealAndStore(recordingId, chunk, elapsedMs);
    } catch (cause) {
      // Refused for what the recording is (gone, stopped, already cut short): every later chunk is refused alike.
      if (cause instanceof RecordingError) throw cause;
      const error = new RecordingError('write-failed', { cause });
      failed.set(recordingId, error);
      await markTruncated(recordingId);
      throw error;
    }
  }

  async function sealAndStore(recordingId: string, chunk: Blob, elapsedMs: number): Promise<void> {
    const before = await readRecord(recordingId);
    if (before.truncated) throw new RecordingError('write-failed');
    if (before.status !== 'recording') throw new RecordingError('not-recording');
    const plain = await chunk.arrayBuffer();
    const seq = before.chunkCount;
    // Sealed before the transaction opens: an IndexedDB transaction ends when it waits on anything else.
    const sealed = plain.byteLength > 0 ? await seal(await recordingKey(), plain, chunkContext(recordingId, seq)) : undefined;
    const db = await database();
    const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // awaited below; an abort must not surface as unhandled first
    const current = StoredRecordingSchema.safeParse(await tx.objectStore('recordings').get(recordingId));
    // Someone else wrote or stopped it since we looked (another extension page): do not interleave.
    if (!current.success || current.data.chunkCount !== seq || current.data.status !== 'recording' || current.data.truncated) {
      tx.abort();
      throw new Error('The recording changed while a chunk was being written.');
    }
    const next: StoredRecording = {
      ...current.data,
      durationMs: Math.max(current.data.durationMs, elapsedMs),
      updatedAt: now(),
    };
    if (sealed) {
      // A MediaRecorder may hand over an empty chunk: it moves the clock, but takes no seq.
      issue(tx.objectStore('chunks').add({ recordingId, seq, iv: sealed.iv, data: sealed.data }));
      next.chunkCount = seq + 1;
      next.byteLength = current.data.byteLength + plain.byteLength;
    }
    issue(tx.objectStore('recordings').put(next));
    await done; // both or neither
  }

  /** Best effort: if storage refuses this too, the totals still describe exactly the chunks saved. */
  async function markTruncated(recordingId: string): Promise<void> {
    try {
      const db = await database();
      const tx = db.transaction('recordings', 'readwrite');
      const record = StoredRecordingSchema.safeParse(await tx.store.get(recordingId));
      if (record.success) await tx.store.put({ ...record.data, truncated: true, updatedAt: now() });
      await tx.done;
    } catch {
      // The in-memory `failed` entry still stops later chunks in this context.
    }
  }

  async function remove(recordingId: string): Promise<void> {
    const db = await database();
    const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('chunks').delete(chunkRange(recordingId)), tx.objectStore('recordings').delete(recordingId), tx.done]);
    failed.delete(recordingId);
  }

  async function openPatient(record: StoredRecording): Promise<PatientIdentity | undefined> {
    if (!record.patient) return undefined;
    try {
      const plain = await unseal(await recordingKey(), record.patient, patientContext(record.id));
      const parsed = PatientIdentitySchema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined; // the key is gone: the recording is still listed, so it can be discarded
    }
  }

  return {
    async start({ mimeType, patient, consent }) {
      if (!/^audio\/[\w.+-]+(;.*)?$/.test(mimeType) || mimeType.length > 100) throw new RecordingError('invalid');
      const id = crypto.randomUUID();
      const sealedPatient = patient
        ? await seal(await recordingKey(), new TextEncoder().encode(JSON.stringify(PatientIdentitySchema.parse(patient))), patientContext(id))
        : undefined;
      const startedAt = now();
      const record: StoredRecording = {
        id,
        startedAt,
        updatedAt: startedAt,
        mimeType,
        status: 'recording',
        durationMs: 0,
        byteLength: 0,
        chunkCount: 0,
        truncated: false,
        ...(sealedPatient && { patient: sealedPatient }),
        ...(consent && { consent: RecordingConsentSchema.parse(consent) }),
      };
      await (await database()).add('recordings', record);
      return id;
    },

    appendChunk(recordingId, chunk, elapsedMs) {
      // A caller's mistake, not a storage failure: refused without breaking the recording.
      if (!(chunk instanceof Blob) || !Number.isFinite(elapsedMs) || elapsedMs < 0) return Promise.reject(new RecordingError('invalid'));
      return enqueue(recordingId, () => writeChunk(recordingId, chunk, elapsedMs));
    },

    setStatus(recordingId, status) {
      if (!RECORDING_STATUSES.includes(status)) return Promise.reject(new RecordingError('invalid'));
      return enqueue(recordingId, async () => {
        const db = await database();
        const tx = db.transaction('recordings', 'readwrite');
        const record = StoredRecordingSchema.safeParse(await tx.store.get(recordingId));
        if (!record.success) {
          await tx.done;
          throw new RecordingError('not-found');
        }
        await Promise.all([tx.store.put({ ...record.data, status, updatedAt: now() }), tx.done]);
      });
    },

    async listRecoverable() {
      const rows = await (await database()).getAll('recordings');
      const records = rows.flatMap((row) => {
        const parsed = StoredRecordingSchema.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      });
      const summaries = await Promise.all(
        records.map(async (record): Promise<RecordingSummary> => {
          const { patient: _sealed, ...summary } = record;
          const patient = await openPatient(record);
          return { ...summary, ...(patient && { patient }) };
        }),
      );
      return summaries.sort((a, b) => b.startedAt - a.startedAt);
    },

    async readAudio(recordingId) {
      const record = await readRecord(recordingId);
      const db = await database();
      const key = await recordingKey();
      const parts: Blob[] = [];
      for (let from = 0; from < record.chunkCount; from += READ_BATCH) {
        const to = Math.min(from + READ_BATCH, record.chunkCount) - 1;
        const rows = await db.getAll('chunks', chunkRange(recordingId, from, to));
        if (rows.length !== to - from + 1) throw new RecordingError('unreadable');
        for (const [index, row] of rows.entries()) {
          const chunk = StoredChunkSchema.safeParse(row);
          if (!chunk.success || chunk.data.seq !== from + index) throw new RecordingError('unreadable');
          let plain: ArrayBuffer;
          try {
            plain = await unseal(key, chunk.data, chunkContext(recordingId, chunk.data.seq));
          } catch (cause) {
            // Not deleted here: whether to discard a recording is the clinician's call.
            throw new RecordingError('unreadable', { cause });
          }
          // A Blob per chunk: the browser may move its bytes out of the JS heap (Chrome pages large
          // Blobs to disk), so the decrypted recording is not held twice while it is put together.
          parts.push(new Blob([plain]));
        }
      }
      return new Blob(parts, { type: record.mimeType });
    },

    markNoteCreated(recordingId) {
      return enqueue(recordingId, async () => {
        const record = StoredRecordingSchema.safeParse(await (await database()).get('recordings', recordingId));
        if (!record.success) return; // already gone (another page got there first)
        if (record.data.status === 'recording') throw new RecordingError('still-recording');
        await remove(recordingId);
      });
    },

    discard(recordingId) {
      return enqueue(recordingId, () => remove(recordingId));
    },

    async close() {
      const open = connection;
      connection = undefined;
      if (open) (await open).close();
    },
  };
}

/**
 * Clear all data: every stored recording and its chunks, whatever its status, and the key that
 * sealed them (so nothing missed could ever be opened again).
 */
export async function deleteAllRecordings(): Promise<void> {
  const store = openRecordingStore();
  try {
    for (const recording of await store.listRecoverable()) await store.discard(recording.id);
  } finally {
    await store.close();
  }
  await forgetExtensionKey(KEY_ID);
}
