import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingStore } from './recordings';

type Recordings = typeof import('./recordings');

const PATIENT = { name: 'Jane Q. Testpatient', dob: '1961-04-09', mrn: 'MRN-448812' };
const WEBM = 'audio/webm;codecs=opus';

/** A fresh copy of the modules (no open database, no cached key), over whatever IndexedDB is global now. */
async function freshModule(): Promise<Recordings> {
  vi.resetModules();
  return import('./recordings');
}

/** Recognisable audio: a header on chunk 0, then distinct text per chunk, of varying lengths. */
function audioChunk(seq: number): Uint8Array<ArrayBuffer> {
  const body = `${seq === 0 ? '\x1aE\xdf\xa3webm-header ' : ''}audio chunk ${seq} `.repeat(3 + (seq % 5));
  return new TextEncoder().encode(body);
}
const blobOf = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes], { type: WEBM });
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** What IndexedDB really holds, read around the store. */
async function raw() {
  const db = await openDB('chartside-recordings');
  const result = { recordings: await db.getAll('recordings'), chunks: await db.getAll('chunks') };
  db.close();
  return result;
}

let clock = 1_700_000_000_000;
const now = () => clock;
let module: Recordings;
let store: RecordingStore;
const opened: RecordingStore[] = [];

function open(): RecordingStore {
  const next = module.openRecordingStore({ now });
  opened.push(next);
  return next;
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  clock = 1_700_000_000_000;
  module = await freshModule();
  store = open();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('the recording store', () => {
  it('starts an empty recording and lists it with who it was for', async () => {
    const id = await store.start({ mimeType: WEBM, patient: PATIENT });
    expect(await store.listRecoverable()).toEqual([
      {
        id,
        startedAt: clock,
        updatedAt: clock,
        mimeType: WEBM,
        status: 'recording',
        durationMs: 0,
        byteLength: 0,
        chunkCount: 0,
        truncated: false,
        patient: PATIENT,
      },
    ]);
    expect((await store.readAudio(id)).size).toBe(0);
  });

  it('refuses a format that is not audio', async () => {
    await expect(store.start({ mimeType: 'text/html' })).rejects.toMatchObject({ reason: 'invalid' });
    expect(await store.listRecoverable()).toEqual([]);
  });

  it('lands chunks in call order when they are appended without waiting, even when an early one is slow to read', async () => {
    const id = await store.start({ mimeType: WEBM });
    const chunks = Array.from({ length: 40 }, (_, seq) => audioChunk(seq)); // more than one read batch
    const blobs = chunks.map(blobOf);
    // The header chunk takes longest to read: a store that wrote whatever was ready first would put it last.
    const slow = blobs[0]!.arrayBuffer.bind(blobs[0]);
    blobs[0]!.arrayBuffer = () => new Promise((resolve) => setTimeout(() => resolve(slow()), 30));
    const appends = blobs.map((blob, seq) => store.appendChunk(id, blob, (seq + 1) * 1000));
    await Promise.all(appends);

    expect(await bytesOf(await store.readAudio(id))).toEqual(concat(chunks));
    expect((await raw()).chunks.map((c) => c.seq)).toEqual(chunks.map((_, seq) => seq));
    const [summary] = await store.listRecoverable();
    expect(summary).toMatchObject({ chunkCount: 40, durationMs: 40_000, byteLength: concat(chunks).length });
  });

  it('reads back byte-identical audio of the type it was recorded in', async () => {
    const id = await store.start({ mimeType: 'audio/ogg;codecs=opus' });
    const chunks = [new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2]), crypto.getRandomValues(new Uint8Array(64 * 1024)), new Uint8Array([0, 255, 0, 1])];
    for (const [seq, chunk] of chunks.entries()) await store.appendChunk(id, new Blob([chunk]), seq * 5000);
    const audio = await store.readAudio(id);
    expect(audio.type).toBe('audio/ogg;codecs=opus');
    expect(await bytesOf(audio)).toEqual(concat(chunks));
  });

  it('stores neither the audio nor the patient in the clear, and seals each chunk with its own IV', async () => {
    const id = await store.start({ mimeType: WEBM, patient: PATIENT });
    const chunks = Array.from({ length: 5 }, (_, seq) => audioChunk(seq));
    for (const [seq, chunk] of chunks.entries()) await store.appendChunk(id, blobOf(chunk), seq * 1000);
    // The same audio twice must not give the same ciphertext.
    await store.appendChunk(id, blobOf(chunks[1]!), 6000);

    const { recordings, chunks: stored } = await raw();
    expect(stored).toHaveLength(6);
    for (const row of stored) {
      expect(row.data).toBeInstanceOf(ArrayBuffer);
      const sealed = new Uint8Array(row.data);
      for (const chunk of chunks) expect(contains(sealed, chunk.subarray(0, 12))).toBe(false);
      expect(contains(sealed, new TextEncoder().encode('audio chunk'))).toBe(false);
    }
    expect(new Uint8Array(stored[5]!.data)).not.toEqual(new Uint8Array(stored[1]!.data));
    expect(new Set(stored.map((row) => [...row.iv].join(','))).size).toBe(6);

    // The recording's own record: the patient is sealed, nothing of it readable.
    const [record] = recordings;
    expect(Object.keys(record).sort()).toEqual(['byteLength', 'chunkCount', 'durationMs', 'id', 'mimeType', 'patient', 'startedAt', 'status', 'truncated', 'updatedAt']);
    const sealedPatient = new Uint8Array(record.patient.data);
    for (const value of Object.values(PATIENT)) {
      expect(JSON.stringify(record)).not.toContain(value);
      expect(contains(sealedPatient, new TextEncoder().encode(value))).toBe(false);
    }
  });

  it('survives a reopen (a new store, a reloaded module): listed as recoverable with its length, and readable', async () => {
    const id = await store.start({ mimeType: WEBM, patient: PATIENT });
    const chunks = Array.from({ length: 7 }, (_, seq) => audioChunk(seq));
    // Paused for a while after chunk 3: the recorder's clock (pauses excluded) is what counts, not the wall clock.
    const elapsed = [1000, 2000, 3000, 4000, 5000, 6000, 6500];
    const startedAt = clock;
    for (const [seq, chunk] of chunks.entries()) {
      clock += seq === 4 ? 600_000 : 1000;
      await store.appendChunk(id, blobOf(chunk), elapsed[seq]!);
    }
    // The panel is gone without a word (a crash): no close, no stop. What was written is what is left.
    const reopened = (await freshModule()).openRecordingStore({ now });
    opened.push(reopened);
    expect(await reopened.listRecoverable()).toEqual([
      {
        id,
        startedAt,
        updatedAt: clock,
        mimeType: WEBM,
        status: 'recording', // never stopped: interrupted
        durationMs: 6500,
        byteLength: concat(chunks).length,
        chunkCount: 7,
        truncated: false,
        patient: PATIENT,
      },
    ]);
    expect(await bytesOf(await reopened.readAudio(id))).toEqual(concat(chunks));
  });

  it('keeps the consent to record with the recording, through a crash and a reopen', async () => {
    const consent = { confirmedAt: clock - 30_000, by: 'Dr A. Lee', placement: 'plan-end' as const };
    const id = await store.start({ mimeType: WEBM, patient: PATIENT, consent });
    const without = await store.start({ mimeType: WEBM });
    await store.appendChunk(id, blobOf(audioChunk(0)), 1000);
    const reopened = (await freshModule()).openRecordingStore({ now });
    opened.push(reopened);
    const listed = await reopened.listRecoverable();
    expect(listed.find((r) => r.id === id)?.consent).toEqual(consent);
    expect(listed.find((r) => r.id === without)).not.toHaveProperty('consent');
  });

  it('keeps the longest length it was told, and lets an empty chunk move the clock without taking a place', async () => {
    const id = await store.start({ mimeType: WEBM });
    await store.appendChunk(id, blobOf(audioChunk(0)), 4000);
    await store.appendChunk(id, new Blob([]), 5000);
    await store.appendChunk(id, blobOf(audioChunk(1)), 3000); // a clock that went back does not shorten it
    expect((await store.listRecoverable())[0]).toMatchObject({ durationMs: 5000, chunkCount: 2 });
    expect((await raw()).chunks.map((c) => c.seq)).toEqual([0, 1]);
    await expect(store.appendChunk(id, blobOf(audioChunk(2)), Number.NaN)).rejects.toMatchObject({ reason: 'invalid' });
    await store.appendChunk(id, blobOf(audioChunk(2)), 6000); // a caller's mistake does not break the recording
    expect(await bytesOf(await store.readAudio(id))).toEqual(concat([0, 1, 2].map(audioChunk)));
  });

  it('lists newest first and keeps recordings apart', async () => {
    const first = await store.start({ mimeType: WEBM });
    clock += 60_000;
    const second = await store.start({ mimeType: WEBM });
    await Promise.all([store.appendChunk(first, blobOf(audioChunk(0)), 1000), store.appendChunk(second, blobOf(audioChunk(1)), 2000)]);
    expect((await store.listRecoverable()).map((r) => r.id)).toEqual([second, first]);
    expect(await bytesOf(await store.readAudio(first))).toEqual(audioChunk(0));
    expect(await bytesOf(await store.readAudio(second))).toEqual(audioChunk(1));
  });

  it('applies a status change after the chunks handed over before it, and takes no audio once stopped', async () => {
    const id = await store.start({ mimeType: WEBM });
    const appends = [0, 1, 2].map((seq) => store.appendChunk(id, blobOf(audioChunk(seq)), seq * 1000));
    const stopped = store.setStatus(id, 'stopped');
    await Promise.all([...appends, stopped]);
    expect((await store.listRecoverable())[0]).toMatchObject({ status: 'stopped', chunkCount: 3 });
    await expect(store.appendChunk(id, blobOf(audioChunk(3)), 4000)).rejects.toMatchObject({ reason: 'not-recording' });
    await store.setStatus(id, 'uploading');
    await store.setStatus(id, 'failed');
    expect((await store.listRecoverable())[0]?.status).toBe('failed');
    await expect(store.setStatus('no-such-recording', 'stopped')).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('deletes every chunk and the record once the note exists, but not while still recording', async () => {
    const keep = await store.start({ mimeType: WEBM });
    await store.appendChunk(keep, blobOf(audioChunk(0)), 1000);
    const id = await store.start({ mimeType: WEBM, patient: PATIENT });
    for (const seq of [0, 1, 2]) await store.appendChunk(id, blobOf(audioChunk(seq)), seq * 1000);

    await expect(store.markNoteCreated(id)).rejects.toMatchObject({ reason: 'still-recording' });
    expect((await raw()).chunks).toHaveLength(4);

    await store.setStatus(id, 'uploading');
    await store.markNoteCreated(id);
    const left = await raw();
    expect(left.recordings.map((r) => r.id)).toEqual([keep]);
    expect(left.chunks.map((c) => [c.recordingId, c.seq])).toEqual([[keep, 0]]);
    expect((await store.listRecoverable()).map((r) => r.id)).toEqual([keep]);
    await expect(store.readAudio(id)).rejects.toMatchObject({ reason: 'not-found' });
    await store.markNoteCreated(id); // twice (another page got there first) is fine
  });

  it('discards a recording whatever its status, chunks still queued included', async () => {
    const id = await store.start({ mimeType: WEBM, patient: PATIENT });
    const appends = [0, 1, 2].map((seq) => store.appendChunk(id, blobOf(audioChunk(seq)), seq * 1000));
    await store.discard(id); // queued behind them: nothing they write survives it
    await Promise.all(appends);
    expect(await raw()).toEqual({ recordings: [], chunks: [] });
    await expect(store.appendChunk(id, blobOf(audioChunk(3)), 4000)).rejects.toMatchObject({ reason: 'not-found' });
    expect(await raw()).toEqual({ recordings: [], chunks: [] });
  });

  describe('when storage refuses a chunk', () => {
    /** The nth chunk write (0-based) aborts its transaction, as a full disk or quota does. */
    function failChunkWrite(n: number) {
      const add = IDBObjectStore.prototype.add;
      let chunkWrites = 0;
      return vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
        const request = add.apply(this, args);
        if (this.name === 'chunks' && chunkWrites++ === n) this.transaction.abort();
        return request;
      });
    }

    it('rejects that chunk and every later one, writes nothing after the gap, and keeps what was saved, flagged', async () => {
      const id = await store.start({ mimeType: WEBM });
      failChunkWrite(2);
      const results = await Promise.allSettled([0, 1, 2, 3, 4].map((seq) => store.appendChunk(id, blobOf(audioChunk(seq)), (seq + 1) * 1000)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
      for (const result of results.slice(2)) {
        expect((result as PromiseRejectedResult).reason).toMatchObject({ name: 'RecordingError', reason: 'write-failed' });
        expect((result as PromiseRejectedResult).reason.message).not.toContain('audio chunk');
      }
      // A chunk handed over later is refused too, though storage would take it now.
      await expect(store.appendChunk(id, blobOf(audioChunk(5)), 6000)).rejects.toMatchObject({ reason: 'write-failed' });

      expect((await raw()).chunks.map((c) => c.seq)).toEqual([0, 1]);
      expect((await store.listRecoverable())[0]).toMatchObject({ truncated: true, chunkCount: 2, durationMs: 2000, status: 'recording' });
      expect(await bytesOf(await store.readAudio(id))).toEqual(concat([audioChunk(0), audioChunk(1)]));

      // After a reopen the gap is still respected; the saved part can be stopped and turned into a note.
      const reopened = open();
      await expect(reopened.appendChunk(id, blobOf(audioChunk(2)), 3000)).rejects.toMatchObject({ reason: 'write-failed' });
      await store.setStatus(id, 'stopped');
      await store.markNoteCreated(id);
      expect(await raw()).toEqual({ recordings: [], chunks: [] });
    });

    it.each([
      [
        'reading the recording fails',
        () =>
          vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementationOnce(() => {
            throw new DOMException('closed', 'InvalidStateError');
          }),
      ],
      ['sealing fails', () => vi.spyOn(crypto.subtle, 'encrypt').mockRejectedValueOnce(new DOMException('failed', 'OperationError'))],
    ])('holds to the same policy when %s', async (_, inject) => {
      const id = await store.start({ mimeType: WEBM });
      await store.appendChunk(id, blobOf(audioChunk(0)), 1000);
      inject();
      const results = await Promise.allSettled([1, 2].map((seq) => store.appendChunk(id, blobOf(audioChunk(seq)), (seq + 1) * 1000)));
      expect(results.map((r) => r.status === 'rejected' && r.reason.reason)).toEqual(['write-failed', 'write-failed']);
      expect((await raw()).chunks.map((c) => c.seq)).toEqual([0]);
      expect((await store.listRecoverable())[0]).toMatchObject({ truncated: true, chunkCount: 1 });
    });

    it('leaves other recordings writable', async () => {
      const broken = await store.start({ mimeType: WEBM });
      const healthy = await store.start({ mimeType: WEBM });
      failChunkWrite(0);
      await expect(store.appendChunk(broken, blobOf(audioChunk(0)), 1000)).rejects.toMatchObject({ reason: 'write-failed' });
      await store.appendChunk(healthy, blobOf(audioChunk(0)), 1000);
      expect(await bytesOf(await store.readAudio(healthy))).toEqual(audioChunk(0));
    });
  });

  describe('when the audio can no longer be read', () => {
    it('refuses chunks put in another order rather than play them out of order', async () => {
      const id = await store.start({ mimeType: WEBM });
      for (const seq of [0, 1, 2]) await store.appendChunk(id, blobOf(audioChunk(seq)), seq * 1000);
      const db = await openDB('chartside-recordings');
      const [a, b] = [await db.get('chunks', [id, 0]), await db.get('chunks', [id, 1])];
      await db.put('chunks', { ...b, seq: 0 });
      await db.put('chunks', { ...a, seq: 1 });
      db.close();
      await expect(store.readAudio(id)).rejects.toMatchObject({ reason: 'unreadable' });
    });

    it('refuses a recording with a chunk missing rather than return a gap', async () => {
      const id = await store.start({ mimeType: WEBM });
      for (const seq of [0, 1, 2]) await store.appendChunk(id, blobOf(audioChunk(seq)), seq * 1000);
      const db = await openDB('chartside-recordings');
      await db.delete('chunks', [id, 1]);
      db.close();
      await expect(store.readAudio(id)).rejects.toMatchObject({ reason: 'unreadable' });
    });

    it('when its key is gone: still listed (without the patient), unreadable, and can be discarded', async () => {
      const id = await store.start({ mimeType: WEBM, patient: PATIENT });
      await store.appendChunk(id, blobOf(audioChunk(0)), 1000);
      vi.resetModules();
      await (await import('./extension-keys')).forgetExtensionKey('recording-key');
      const reopened = (await freshModule()).openRecordingStore({ now });
      opened.push(reopened);
      const [summary] = await reopened.listRecoverable();
      expect(summary).toMatchObject({ id, chunkCount: 1 });
      expect(summary?.patient).toBeUndefined();
      await expect(reopened.readAudio(id)).rejects.toMatchObject({ reason: 'unreadable' });
      await reopened.discard(id);
      expect(await reopened.listRecoverable()).toEqual([]);
    });
  });

  it('uses its own key: clearing the API key leaves recordings readable', async () => {
    const id = await store.start({ mimeType: WEBM });
    await store.appendChunk(id, blobOf(audioChunk(0)), 1000);
    vi.resetModules();
    await (await import('./extension-keys')).forgetExtensionKey('api-key-wrapping-key');
    const reopened = (await freshModule()).openRecordingStore({ now });
    opened.push(reopened);
    expect(await bytesOf(await reopened.readAudio(id))).toEqual(audioChunk(0));
  });
});

describe('deleteAllRecordings (Clear all data)', () => {
  it('deletes every recording whatever its status, with its chunks', async () => {
    const { openRecordingStore, deleteAllRecordings } = await import('./recordings');
    const store = openRecordingStore();
    const a = await store.start({ mimeType: 'audio/webm;codecs=opus' });
    await store.appendChunk(a, new Blob([new Uint8Array([1, 2, 3])]), 1000);
    const b = await store.start({ mimeType: 'audio/ogg;codecs=opus' });
    await store.setStatus(b, 'failed');
    await deleteAllRecordings();
    expect(await store.listRecoverable()).toEqual([]);
    await expect(store.readAudio(a)).rejects.toThrow();
    await store.close();
  });
});
