import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingStore } from '../storage/recordings';
import { importAudioFile } from './audio-file-import';

let store: RecordingStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  store = (await import('../storage/recordings')).openRecordingStore();
});
afterEach(() => store.close());

const fileOf = (bytes: number) => new Blob([crypto.getRandomValues(new Uint8Array(bytes))], { type: 'audio/wav' });

describe('importAudioFile', () => {
  it('stores a file in slices, never as one record, stopped, byte-identical, with its length', async () => {
    const file = fileOf(10_000);
    const progress: number[] = [];
    const id = await importAudioFile(store, file, { mimeType: 'audio/wav', durationMs: 7000, sliceBytes: 3000, onProgress: (f) => progress.push(f) });
    const [summary] = await store.listRecoverable();
    expect(summary).toMatchObject({ id, status: 'stopped', mimeType: 'audio/wav', durationMs: 7000, byteLength: 10_000, chunkCount: 4 });
    expect(progress).toEqual([0.3, 0.6, 0.9, 1]);
    expect(new Uint8Array(await (await store.readAudio(id)).arrayBuffer())).toEqual(new Uint8Array(await file.arrayBuffer()));
    const db = await openDB('chartside-recordings');
    const sizes = (await db.getAll('chunks')).map((c: { data: ArrayBuffer }) => c.data.byteLength);
    db.close();
    expect(Math.max(...sizes)).toBeLessThan(3100); // each slice sealed on its own (plus the cipher's tag)
  });

  it('keeps the patient it was given and a length of 0 when the browser could not tell', async () => {
    const id = await importAudioFile(store, fileOf(100), { mimeType: 'audio/flac', durationMs: undefined, patient: { name: 'Jane Q. Testpatient' } });
    expect((await store.listRecoverable())[0]).toMatchObject({ id, durationMs: 0, patient: { name: 'Jane Q. Testpatient' } });
  });

  it('leaves no half-copied recording behind when a slice cannot be stored', async () => {
    const failing: RecordingStore = { ...store, appendChunk: vi.fn(async (id, chunk, ms) => (ms > 3000 ? Promise.reject(new Error('quota')) : store.appendChunk(id, chunk, ms))) };
    await expect(importAudioFile(failing, fileOf(10_000), { mimeType: 'audio/wav', durationMs: 7000, sliceBytes: 3000 })).rejects.toThrow('quota');
    expect(await store.listRecoverable()).toEqual([]);
  });
});
