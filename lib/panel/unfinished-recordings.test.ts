import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingStore } from '../storage/recordings';
import { createUnfinishedRecordings } from './unfinished-recordings';

let store: RecordingStore;
let clock = 1_700_000_000_000;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  clock = 1_700_000_000_000;
  vi.resetModules();
  store = (await import('../storage/recordings')).openRecordingStore({ now: () => clock });
});
afterEach(() => store.close());

/** A stored recording of `seconds` one-second chunks, left in `status`. */
async function recording(seconds: number, status: 'recording' | 'stopped' | 'uploading' | 'failed' = 'stopped', patient?: { name: string }) {
  const id = await store.start({ mimeType: 'audio/webm;codecs=opus', ...(patient && { patient }) });
  for (let s = 1; s <= seconds; s++) await store.appendChunk(id, new Blob([`second ${s}`]), s * 1000);
  if (status !== 'recording') await store.setStatus(id, status);
  clock += 60_000;
  return id;
}

function setup(options: { live?: string[]; current?: string } = {}) {
  return createUnfinishedRecordings({
    recordings: store,
    liveIds: async () => new Set(options.live ?? []),
    current: () => options.current,
    now: () => clock,
    recheckMs: 50,
  });
}

describe('unfinished recordings', () => {
  it('offers interrupted, stopped and failed recordings newest first, not those being sent', async () => {
    const stopped = await recording(8, 'stopped', { name: 'Jane Q. Testpatient' });
    const failed = await recording(9, 'failed');
    await recording(10, 'uploading');
    const interrupted = await recording(6, 'recording');
    const list = setup();
    await list.refresh();
    expect(list.items.value.map((r) => [r.id, r.status, r.interrupted, r.durationMs])).toEqual([
      [interrupted, 'stopped', true, 6000],
      [failed, 'failed', false, 9000],
      [stopped, 'stopped', false, 8000],
    ]);
    expect(list.items.value[2]!.patient).toEqual({ name: 'Jane Q. Testpatient' });
    // The interrupted one is now stopped in the store: it can be sent (markNoteCreated refuses `recording`).
    expect((await store.listRecoverable()).find((r) => r.id === interrupted)!.status).toBe('stopped');
  });

  it('leaves alone a recording another page is recording, and offers it once that page is gone', async () => {
    const elsewhere = await recording(5, 'recording');
    const live = new Set([elsewhere]);
    const list = createUnfinishedRecordings({ recordings: store, liveIds: async () => live, current: () => undefined, recheckMs: 20 });
    await list.refresh();
    expect(list.items.value).toMatchObject([{ id: elsewhere, status: 'recording', liveElsewhere: true }]);
    expect((await store.listRecoverable())[0]!.status).toBe('recording'); // its chunks can still arrive
    live.clear(); // that window closed
    await vi.waitFor(() => expect(list.items.value).toMatchObject([{ id: elsewhere, status: 'stopped', interrupted: true, liveElsewhere: false }]));
    list.dispose();
  });

  it('does not touch a recording just created and not yet locked (no chunk, seconds old)', async () => {
    const id = await store.start({ mimeType: 'audio/webm;codecs=opus' });
    const list = setup();
    await list.refresh();
    expect(list.items.value).toMatchObject([{ id, status: 'recording', liveElsewhere: true }]);
    list.dispose();
  });

  it("does not offer this page's own recording", async () => {
    const mine = await recording(3, 'recording');
    const list = setup({ current: mine });
    await list.refresh();
    expect(list.items.value).toEqual([]);
    expect((await store.listRecoverable())[0]!.status).toBe('recording');
  });

  it('marks recordings under 5 seconds too short, unless the length is unknown (an upload the browser could not measure)', async () => {
    const short = await recording(3);
    const unknown = await store.start({ mimeType: 'audio/flac' });
    await store.appendChunk(unknown, new Blob(['flac bytes']), 0);
    await store.setStatus(unknown, 'stopped');
    const list = setup();
    await list.refresh();
    expect(Object.fromEntries(list.items.value.map((r) => [r.id, r.tooShort]))).toEqual({ [short]: true, [unknown]: false });
  });

  it('discards only after confirmation is asked, and deletes the audio', async () => {
    const id = await recording(7);
    const list = setup();
    await list.refresh();
    list.askDiscard(id);
    expect(list.confirming.value).toBe(id);
    list.cancelDiscard();
    expect(list.confirming.value).toBeUndefined();
    expect(await store.listRecoverable()).toHaveLength(1);
    list.askDiscard(id);
    await list.discard(id);
    expect(list.items.value).toEqual([]);
    expect(list.confirming.value).toBeUndefined();
    expect(await store.listRecoverable()).toEqual([]);
    await expect(store.readAudio(id)).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('hides a recording handed off for a note until the next refresh shows where it stands', async () => {
    const id = await recording(7);
    const list = setup();
    await list.refresh();
    list.hide(id);
    expect(list.items.value).toEqual([]);
    await list.refresh();
    expect(list.items.value.map((r) => r.id)).toEqual([id]);
  });

  it('folds refreshes asked for while one runs into one more', async () => {
    await recording(7);
    const listRecoverable = vi.spyOn(store, 'listRecoverable');
    const list = setup();
    await Promise.all([list.refresh(), list.refresh(), list.refresh()]);
    expect(listRecoverable).toHaveBeenCalledTimes(2);
  });

  it('plays a recording back from memory, and lets the audio go when closed or discarded', async () => {
    const id = await recording(7);
    const list = setup();
    await list.refresh();
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    await list.listen(id);
    const url = list.listening.value!.url;
    expect(list.listening.value!.id).toBe(id);
    expect(await (await fetch(url)).text()).toBe([1, 2, 3, 4, 5, 6, 7].map((s) => `second ${s}`).join(''));
    list.stopListening();
    expect(list.listening.value).toBeUndefined();
    expect(revoke).toHaveBeenCalledWith(url);
    await list.listen(id);
    list.askDiscard(id);
    await list.discard(id);
    expect(list.listening.value).toBeUndefined();
    expect(revoke).toHaveBeenCalledTimes(2);
  });

  it('says so when a recording can no longer be read', async () => {
    const id = await recording(7);
    const list = createUnfinishedRecordings({
      recordings: { ...store, readAudio: async () => Promise.reject(new Error('unreadable')) },
      liveIds: async () => new Set(),
      current: () => undefined,
    });
    await list.refresh();
    await list.listen(id);
    expect(list.listening.value).toBeUndefined();
    expect(list.problem.value?.message).toContain('cannot be played');
  });
});
