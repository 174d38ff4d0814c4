import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingError, type RecordingStore } from '../storage/recordings';
import { ElapsedClock } from './elapsed-clock';
import { Recorder, type ChunkStore, type FinishedRecording, type MediaRecorderLike } from './recorder';

/**
 * A MediaRecorder the test drives: `emit()` is "a timeslice has passed", stop() hands over the last
 * chunk and then fires `stop` a moment later, as browsers do.
 */
class FakeMediaRecorder implements MediaRecorderLike {
  state: RecordingState = 'inactive';
  mimeType: string;
  ondataavailable: MediaRecorderLike['ondataavailable'] = null;
  onstop: MediaRecorderLike['onstop'] = null;
  onerror: MediaRecorderLike['onerror'] = null;
  timeslice: number | undefined;
  emitted = 0;
  constructor(readonly options: MediaRecorderOptions) {
    this.mimeType = options.mimeType ?? '';
  }
  start(timeslice?: number) {
    this.timeslice = timeslice;
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    setTimeout(() => {
      this.emit();
      this.onstop?.(new Event('stop'));
    }, 0);
  }
  emit(text = `chunk ${this.emitted}|`) {
    this.emitted++;
    this.ondataavailable?.({ data: new Blob([text]) } as BlobEvent);
  }
}

function fakeStream() {
  const track = Object.assign(new EventTarget(), { stop: vi.fn(), label: 'Test microphone' });
  return { track, stream: { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream };
}

/** A store that records what it was asked, in order. */
function fakeStore(options: { failAppendAt?: number } = {}) {
  const calls: string[] = [];
  const appended: { elapsedMs: number; text: Promise<string> }[] = [];
  const store: ChunkStore = {
    start: vi.fn(async () => 'rec-1'),
    appendChunk: vi.fn(async (_id: string, chunk: Blob, elapsedMs: number) => {
      const index = appended.length;
      appended.push({ elapsedMs, text: chunk.text() });
      calls.push(`append ${elapsedMs}`);
      if (options.failAppendAt !== undefined && index >= options.failAppendAt) throw new RecordingError('write-failed');
    }),
    setStatus: vi.fn(async (_id: string, status: string) => void calls.push(`status ${status}`)),
    discard: vi.fn(async () => void calls.push('discard')),
  };
  return { store, calls, appended };
}

let now = 0;
const clock = () => new ElapsedClock(() => now);
let media: FakeMediaRecorder;
const createMediaRecorder = (_stream: MediaStream, options: MediaRecorderOptions) => (media = new FakeMediaRecorder(options));
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(() => {
  now = 0;
});

describe('Recorder', () => {
  it('hands each chunk to the store as it arrives, stamped with the length so far without pauses, then marks it stopped', async () => {
    const { store, calls, appended } = fakeStore();
    const { stream, track } = fakeStream();
    const patient = { name: 'Jane Q. Testpatient' };
    const recorder = await Recorder.start({ stream, store, patient, mimeType: 'audio/webm;codecs=opus', createMediaRecorder, clock: clock() });
    expect(store.start).toHaveBeenCalledWith({ mimeType: 'audio/webm;codecs=opus', patient });
    expect(media.timeslice).toBe(1000);
    expect(media.options).toEqual({ mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 28_000 });

    now = 1000;
    media.emit();
    // Given to the store at once, not gathered: nothing waits in the recorder.
    expect(store.appendChunk).toHaveBeenCalledTimes(1);
    now = 2000;
    media.emit();
    now = 2500;
    recorder.pause();
    expect(media.state).toBe('paused');
    now = 60_000; // a long pause
    recorder.resume();
    now = 61_000;
    media.emit();
    now = 61_700;
    const finished = await recorder.stop();

    expect(calls).toEqual(['append 1000', 'append 2000', 'append 3500', 'append 4200', 'status stopped']);
    expect(await Promise.all(appended.map((a) => a.text))).toEqual(['chunk 0|', 'chunk 1|', 'chunk 2|', 'chunk 3|']);
    expect(finished).toEqual({ id: 'rec-1', durationMs: 4200, byteLength: 32, end: 'stopped', statusSaved: true });
    expect(track.stop).toHaveBeenCalled();
    expect(recorder.state).toBe('ending');
  });

  it('stop() twice is one stop', async () => {
    const { store } = fakeStore();
    const recorder = await Recorder.start({ stream: fakeStream().stream, store, createMediaRecorder, clock: clock() });
    const [a, b] = await Promise.all([recorder.stop(), recorder.stop()]);
    expect(a).toBe(b);
    expect(store.setStatus).toHaveBeenCalledTimes(1);
  });

  it('a chunk the store refuses ends the recording where it was saved, and says why', async () => {
    const { store, calls } = fakeStore({ failAppendAt: 2 });
    const ended = vi.fn<(f: FinishedRecording) => void>();
    await Recorder.start({ stream: fakeStream().stream, store, createMediaRecorder, clock: clock(), onEnded: ended });
    for (const at of [1000, 2000, 3000]) {
      now = at;
      media.emit();
    }
    await vi.waitFor(() => expect(ended).toHaveBeenCalled());
    expect(ended.mock.calls[0]![0]).toMatchObject({ id: 'rec-1', durationMs: 2000, end: 'write-failed', statusSaved: true });
    expect(media.state).toBe('inactive');
    expect(calls.at(-1)).toBe('status stopped');
  });

  it('a microphone that goes away ends the recording, saved and stopped', async () => {
    const { store } = fakeStore();
    const { stream, track } = fakeStream();
    const ended = vi.fn<(f: FinishedRecording) => void>();
    await Recorder.start({ stream, store, createMediaRecorder, clock: clock(), onEnded: ended });
    now = 1000;
    media.emit();
    now = 1400;
    track.dispatchEvent(new Event('ended'));
    await vi.waitFor(() => expect(ended).toHaveBeenCalled());
    expect(ended.mock.calls[0]![0]).toMatchObject({ durationMs: 1400, end: 'device-lost' });
    expect(store.setStatus).toHaveBeenCalledWith('rec-1', 'stopped');
  });

  it('a MediaRecorder that stops by itself ends the recording too', async () => {
    const { store } = fakeStore();
    const ended = vi.fn<(f: FinishedRecording) => void>();
    await Recorder.start({ stream: fakeStream().stream, store, createMediaRecorder, clock: clock(), onEnded: ended });
    media.stop();
    await vi.waitFor(() => expect(ended).toHaveBeenCalled());
    expect(ended.mock.calls[0]![0].end).toBe('device-lost');
  });

  it("records in the browser's own format when the chosen one is refused", async () => {
    const { store } = fakeStore();
    const create = (_s: MediaStream, options: MediaRecorderOptions) => {
      if (options.mimeType) throw new DOMException('no', 'NotSupportedError');
      return (media = Object.assign(new FakeMediaRecorder(options), { mimeType: 'audio/ogg;codecs=opus' }));
    };
    await Recorder.start({ stream: fakeStream().stream, store, mimeType: 'audio/webm;codecs=opus', createMediaRecorder: create, clock: clock() });
    expect(store.start).toHaveBeenCalledWith({ mimeType: 'audio/ogg;codecs=opus' });
  });

  it('records nothing when the store cannot start a recording', async () => {
    const store: ChunkStore = { start: async () => Promise.reject(new Error('quota')), appendChunk: vi.fn(), setStatus: vi.fn(), discard: vi.fn() };
    await expect(Recorder.start({ stream: fakeStream().stream, store, createMediaRecorder, clock: clock() })).rejects.toThrow('quota');
    expect(media.state).toBe('inactive');
  });

  it('leaves no empty recording behind when the browser refuses to start recording', async () => {
    const { store, calls } = fakeStore();
    const create = (_s: MediaStream, options: MediaRecorderOptions) =>
      (media = Object.assign(new FakeMediaRecorder(options), {
        start: () => {
          throw new DOMException('no audio track', 'InvalidStateError');
        },
      }));
    await expect(Recorder.start({ stream: fakeStream().stream, store, createMediaRecorder: create, clock: clock() })).rejects.toThrow('no audio track');
    expect(calls).toEqual(['discard']);
  });
});

describe('Recorder with the real recording store', () => {
  let store: RecordingStore;
  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    vi.resetModules();
    store = (await import('../storage/recordings')).openRecordingStore();
  });
  afterEach(() => store.close());

  it('stores every chunk in order, even when they come faster than they are written, and reads back the whole recording', async () => {
    const recorder = await Recorder.start({ stream: fakeStream().stream, store, mimeType: 'audio/webm;codecs=opus', createMediaRecorder, clock: clock() });
    const texts: string[] = [];
    for (let i = 1; i <= 30; i++) {
      now = i * 1000;
      const text = `${i === 1 ? 'HEADER ' : ''}second ${i}|`;
      texts.push(text);
      media.emit(text); // no await between chunks
    }
    now = 30_400;
    const finished = await recorder.stop();
    await settle();
    const [summary] = await store.listRecoverable();
    expect(summary).toMatchObject({ id: finished.id, status: 'stopped', durationMs: 30_400, chunkCount: 31, mimeType: 'audio/webm;codecs=opus' });
    expect(await (await store.readAudio(finished.id)).text()).toBe(`${texts.join('')}chunk 30|`);
  });
});
