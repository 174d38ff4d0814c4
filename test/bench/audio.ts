/**
 * Benchmarks: the recorder's audio (issue 5) — bytes uploaded per minute of speech against 16 kHz
 * WAV (aim: at least 8 times smaller), and the side panel's memory through a long recording (aim:
 * flat: chunks leave memory as they are written), in real Chromium.
 *
 * Method, shared
 * - The microphone is Chromium's fake capture device (`--use-fake-device-for-media-stream`,
 *   `--use-fake-ui-for-media-stream`) playing a WAV in a loop (`--use-file-for-fake-audio-capture`),
 *   as the recorder's e2e spec does: espeak-ng speaks the emulator's sample visit (SAMPLE_VISIT_TRANSCRIPT,
 *   about 28 s of speech with its own pauses between sentences), ffmpeg pads it with 1 s of silence
 *   and writes it 48 kHz mono 16-bit, what the fake device asks for. Made at run time in a temp dir.
 * - One Chromium with the e2e build, the API emulator saved in the options page (no added delays),
 *   the fixture server's `sample-chart.html` in a tab, and the panel page bound to it
 *   (`sidepanel.html?tabId=…`, as the pop-out does); `Enable on this site` is pressed and the patient's
 *   name awaited, so that the recording is saved for a patient as in use. The panel records as a
 *   clinician makes it: `Start recording`, later `Stop recording`; the panel then hands the stored
 *   recording to the background, which reads it from IndexedDB and uploads it to the emulator; the
 *   emulator decodes each upload with ffprobe (`emulator.uploads`: bytes, container, codec, duration).
 *   Each of the two benchmarks has its own Chromium, emulator and microphone file.
 *
 * Bytes per minute of speech
 * - One recording of `seconds` (default 60) of wall time between the Start and the Stop clicks; the
 *   panel's level meter (`Microphone level`, 0–100) is read every half second meanwhile. After the
 *   Stop, the benchmark waits for `Note ready` (the note the emulator made from the upload).
 * - Figure: the upload's size (the `audio` part of the multipart body, i.e. the WebM/Opus file the
 *   recorder wrote, container included) scaled to one minute of audio with ffprobe's decoded
 *   duration: bytes × 60 / duration. Compared with the same length of 16 kHz mono 16-bit PCM WAV,
 *   32,000 bytes a second (1,920,000 a minute) plus its 44-byte header: ratio = WAV bytes / upload
 *   bytes, for the same duration. Aim: ratio ≥ 8.
 * - Self-checks, any of which fails the benchmark: exactly one upload; ffprobe decoded it (`ok`) as
 *   Opus; its duration is within 1.5 s of the wall time recorded; the meter went above 30 (sound
 *   reached the recorder: silence would compress to almost nothing and flatter the ratio) and showed
 *   sound (≥ 10) in at least half of its readings; no alert in the panel.
 *
 * Panel memory through a long recording
 * - One recording of `minutes` (default 10; `CHARTSIDE_BENCH_RECORDING_MINUTES` for a shorter run).
 *   A DevTools session on the panel page (`context.newCDPSession(panel)`) samples it every
 *   `sampleSeconds` (default 30) from the Start click: `HeapProfiler.collectGarbage` (a full GC, so a
 *   sample is what is still reachable, not garbage not yet collected), then `Runtime.getHeapUsage`
 *   (`usedSize`: the V8 heap of the panel's renderer main thread — the extension's pages share one
 *   isolate, and the panel is the only extension page open; the background worker has its own isolate
 *   and is not counted; `backingStorageSize`: ArrayBuffer contents and external strings, which live
 *   outside the V8 heap, so a kept `chunk.arrayBuffer()` shows there and not in `usedSize`), then
 *   `Runtime.queryObjects` for `Blob.prototype`: how many Blobs the page still holds, and their bytes
 *   (each MediaRecorder chunk is one; its bytes are in the browser's blob store, not the V8 heap, so
 *   a kept chunk would barely show in `usedSize`). Then, in the page, the recording store's totals
 *   from IndexedDB (chunk count, bytes, duration saved: kept in the clear, read as the e2e spec does)
 *   and the recorder's state. Before recording, the sampling is checked on a known case: a 4 KB Blob
 *   and a 4 KB ArrayBuffer put on `window` must add one Blob of 4,096 bytes and ≥ 4,096 bytes of
 *   backing stores, and both must be gone once dropped. (ArrayBuffers are not counted one by one:
 *   `Runtime.queryObjects` does not return them in Chromium, which that check showed.)
 * - Figures: the heap at the first sample at or after `warmMinutes` (default 1: the panel has
 *   rendered, the recorder, meter and store are set up and the JIT is warm), at the end, and its max
 *   from then on; its growth in KB per minute, the least-squares slope over those samples, against
 *   the audio stored per minute over the same span. 1 KB = 1,024 bytes.
 * - Aim: the slope under 10% of the audio stored per minute (≈ 24 KB/min at 32 kbps). Why that line:
 *   a panel that kept its chunks would grow by at least the audio rate (≥ 100%; ~4 KB a chunk, 60 a
 *   minute), and one that kept 1 KB per chunk by some 25%. Below it is V8's own housekeeping, which
 *   is not the panel keeping audio: in development runs the heap after a forced GC rose by some 30 KB
 *   in minutes 1–3 (lazy compilation, type feedback) and dropped by 110 KB at 4–4.5 minutes (V8
 *   flushing the bytecode of functions not run lately: with `--js-flags=--no-flush-bytecode` the
 *   drop did not come), and one such step in the middle of a 9-minute span moves a least-squares
 *   slope by 1.5 × step / span, up to ~18 KB/min. The Blob count is the direct check that no chunk is
 *   held (a kept chunk is one Blob whatever its size), and the backing stores' growth is reported for
 *   kept ArrayBuffers (a chunk's bytes, read to be sealed).
 * - Self-checks, any of which fails the benchmark: at every sample the panel still shows
 *   `Stop recording` and `Recording` (not paused, not stopping), the store holds exactly one recording,
 *   in status `recording`, not truncated, its chunk count higher than at the sample before, and its
 *   saved length within 3 s of the wall time since Start (chunks are written as they come, not
 *   queued in memory); no alert in the panel at any sample; after Stop, one upload, decoded as Opus,
 *   whose duration is within 2 s of the recording's saved length (the chunks were all there).
 */
import type { CDPSession, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SAMPLE_VISIT_TRANSCRIPT } from '../emulator/notes.ts';
import { startEmulator, type Emulator, type UploadRecord } from '../emulator/server.ts';
import { storedRecordings } from '../support/stored-recordings.ts';
import { serveFixtures } from '../fixtures/serve-fixtures.ts';
import { configureThroughOptions, launchChromiumWithExtension, openPanel, tabIdOf, type ExtensionBrowser } from '../support/chromium-extension.ts';

const run = promisify(execFile);

/** 16 kHz × 16-bit × mono. */
export const WAV_16K_BYTES_PER_SECOND = 16_000 * 2;
export const WAV_HEADER_BYTES = 44;
const PATIENT = 'Maria Alvarez';
const KB = 1024;

export interface Microphone {
  file: string;
  /** Length of one loop of the file. */
  seconds: number;
}

/** The fake microphone's file: the sample visit spoken by espeak-ng, 1 s of silence after it, 48 kHz mono. */
export async function makeMicrophoneWav(dir: string): Promise<Microphone> {
  const speech = path.join(dir, 'speech.wav');
  await run('espeak-ng', ['-w', speech, SAMPLE_VISIT_TRANSCRIPT]);
  const file = path.join(dir, 'microphone.wav');
  await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', speech, '-af', 'apad=pad_dur=1', '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', file]);
  const probed = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file]);
  return { file, seconds: Number(probed.stdout.trim()) };
}

/** What the panel shows of the recorder, and any alert. */
function recorderView(panel: Page): Promise<{ stop: boolean; state: string; clock: string; alerts: string[]; meter?: number }> {
  return panel.evaluate(() => {
    const buttons = [...document.querySelectorAll('button')].map((b) => b.textContent?.trim());
    const meter = document.querySelector('[role="meter"][aria-label="Microphone level"]')?.getAttribute('aria-valuenow');
    return {
      stop: buttons.includes('Stop recording'),
      state: document.querySelector('.recording-state')?.textContent?.trim() ?? '',
      clock: document.querySelector('[role="timer"][aria-label="Recording time"]')?.textContent?.trim() ?? '',
      alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim() ?? '').filter((t) => t !== ''),
      ...(meter != null && meter !== '' ? { meter: Number(meter) } : {}),
    };
  });
}

interface Session {
  ext: ExtensionBrowser;
  emulator: Emulator;
  panel: Page;
  microphone: Microphone;
}

/** Chromium with the fake microphone, the emulator, the sample chart with the panel bound to it and the site enabled. */
async function withRecordingPanel<T>(use: (s: Session) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'chartside-bench-audio-'));
  const emulator = await startEmulator();
  const ehr = await serveFixtures();
  let ext: ExtensionBrowser | undefined;
  try {
    const microphone = await makeMicrophoneWav(dir);
    ext = await launchChromiumWithExtension({
      extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${microphone.file}`],
    });
    await configureThroughOptions(ext, emulator.url);
    const chart = await ext.context.newPage();
    await chart.goto(`${ehr.url}/sample-chart.html`);
    const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
    const context = panel.getByRole('region', { name: 'Patient context' });
    await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
    await context.getByText(PATIENT, { exact: true }).first().waitFor({ timeout: 20_000 });
    return await use({ ext, emulator, panel, microphone });
  } finally {
    await ext?.close();
    await ehr.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const button = (panel: Page, name: string) => panel.getByRole('button', { name, exact: true });

/** Clicks Start recording and waits until the panel records; returns Date.now() at the click. */
async function startRecording(panel: Page): Promise<number> {
  await button(panel, 'Start recording').waitFor();
  // Consent to record is asked for by default: ticked as the clinician does, before Start recording.
  await panel.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true }).check();
  const startedAt = Date.now();
  await button(panel, 'Start recording').click();
  await button(panel, 'Stop recording').waitFor({ timeout: 10_000 });
  return startedAt;
}

/** Clicks Stop recording, waits for `Recording saved`; returns Date.now() at the click. */
async function stopRecording(panel: Page): Promise<number> {
  const stoppedAt = Date.now();
  await button(panel, 'Stop recording').click();
  await panel.getByText(/^Recording saved/).waitFor({ timeout: 15_000 });
  return stoppedAt;
}

async function waitForUpload(emulator: Emulator, timeoutMs: number): Promise<UploadRecord> {
  const until = Date.now() + timeoutMs;
  while (emulator.uploads.length === 0) {
    if (Date.now() > until) throw new Error(`no upload reached the emulator within ${timeoutMs / 1000} s of Stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return emulator.uploads[0]!;
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

// ── Bytes per minute ─────────────────────────────────────────────────────────────────────────────

export interface BytesPerMinuteOptions {
  /** Wall time from Start to Stop, seconds (default 60). */
  seconds?: number;
}

export interface BytesPerMinuteResult {
  /** Start click → Stop click, ms. */
  recordedMs: number;
  upload: Pick<UploadRecord, 'bytes' | 'contentType' | 'container' | 'codec' | 'durationSeconds' | 'bitRate' | 'channels' | 'sampleRate'>;
  /** Upload bytes × 60 / decoded seconds. */
  bytesPerMinute: number;
  /** 16 kHz mono 16-bit WAV of the upload's decoded length, header included. */
  wavBytes: number;
  /** The same, per minute (1,920,000 + 44/minutes). */
  wavBytesPerMinute: number;
  /** wavBytes / upload bytes. */
  ratio: number;
  meter: { readings: number; max: number; soundShare: number };
  microphoneSeconds: number;
}

export async function measureBytesPerMinute(options: BytesPerMinuteOptions = {}): Promise<BytesPerMinuteResult> {
  const seconds = options.seconds ?? 60;
  return withRecordingPanel(async ({ emulator, panel, microphone }) => {
    const startedAt = await startRecording(panel);
    const levels: number[] = [];
    while (Date.now() < startedAt + seconds * 1000 - 250) {
      const view = await recorderView(panel);
      if (view.alerts.length > 0) throw new Error(`the panel shows an alert while recording: ${view.alerts.join(' | ')}`);
      if (view.meter !== undefined) levels.push(view.meter);
      await sleepUntil(Math.min(Date.now() + 500, startedAt + seconds * 1000));
    }
    await sleepUntil(startedAt + seconds * 1000);
    const stoppedAt = await stopRecording(panel);
    const recordedMs = stoppedAt - startedAt;
    await panel.getByRole('status').filter({ hasText: /^Note ready/ }).waitFor({ timeout: 60_000 });
    const alerts = (await recorderView(panel)).alerts;
    if (alerts.length > 0) throw new Error(`the panel shows an alert after Stop: ${alerts.join(' | ')}`);

    if (emulator.uploads.length !== 1) throw new Error(`${emulator.uploads.length} uploads reached the emulator, expected 1`);
    const u = emulator.uploads[0]!;
    if (u.decode !== 'ok' || u.durationSeconds === undefined) throw new Error(`the upload did not decode: ${u.decode} ${u.decodeReason ?? ''}`);
    if (u.codec !== 'opus') throw new Error(`the upload is ${u.codec} in ${u.container}, not Opus`);
    if (Math.abs(u.durationSeconds * 1000 - recordedMs) > 1500) {
      throw new Error(`the upload decodes to ${u.durationSeconds.toFixed(2)} s, the recording took ${(recordedMs / 1000).toFixed(2)} s`);
    }
    const max = Math.max(0, ...levels);
    const soundShare = levels.length ? levels.filter((l) => l >= 10).length / levels.length : 0;
    if (levels.length < seconds) throw new Error(`only ${levels.length} meter readings in ${seconds} s: the panel showed no level meter`);
    if (max < 30) throw new Error(`the level meter never went above ${max}: no sound reached the recorder`);
    if (soundShare < 0.5) throw new Error(`the level meter showed sound in ${(soundShare * 100).toFixed(0)}% of its readings, expected speech most of the time`);

    const wavBytes = WAV_HEADER_BYTES + WAV_16K_BYTES_PER_SECOND * u.durationSeconds;
    return {
      recordedMs,
      upload: {
        bytes: u.bytes,
        ...(u.contentType !== undefined && { contentType: u.contentType }),
        ...(u.container !== undefined && { container: u.container }),
        codec: u.codec,
        durationSeconds: u.durationSeconds,
        ...(u.bitRate !== undefined && { bitRate: u.bitRate }),
        ...(u.channels !== undefined && { channels: u.channels }),
        ...(u.sampleRate !== undefined && { sampleRate: u.sampleRate }),
      },
      bytesPerMinute: (u.bytes * 60) / u.durationSeconds,
      wavBytes,
      wavBytesPerMinute: (wavBytes * 60) / u.durationSeconds,
      ratio: wavBytes / u.bytes,
      meter: { readings: levels.length, max, soundShare },
      microphoneSeconds: microphone.seconds,
    };
  });
}

// ── Panel memory ─────────────────────────────────────────────────────────────────────────────────

export interface PanelMemoryOptions {
  /** Length of the recording, minutes (default 10). */
  minutes?: number;
  /** Between samples, seconds (default 30). */
  sampleSeconds?: number;
  /** The first sample at or after this is the start figure (default 1). */
  warmMinutes?: number;
}

export interface HeapSample {
  /** Since the Start click: the sample's target time, when the heap was sampled, and when the store's totals were read (after the GC and the counting). */
  minute: number;
  takenAtMs: number;
  storeReadAtMs: number;
  /** Runtime.getHeapUsage after a full GC. */
  usedSize: number;
  totalSize: number;
  backingStorageSize: number;
  embedderHeapUsedSize: number;
  /** Live Blobs in the page (Runtime.queryObjects), and their bytes. */
  blobs: number;
  blobBytes: number;
  /** The recording store's totals. */
  chunkCount: number;
  storedBytes: number;
  storedMs: number;
  /** The panel's clock, as shown. */
  clock: string;
}

export interface Growth {
  /** Least-squares slope, bytes per minute. */
  slope: number;
  start: number;
  end: number;
  max: number;
}

export interface PanelMemoryResult {
  minutes: number;
  sampleSeconds: number;
  warmMinutes: number;
  samples: HeapSample[];
  /** From the warm sample on. */
  heap: Growth;
  backingStores: Growth;
  blobs: { start: number; end: number; max: number };
  /** Audio stored per minute over the same samples (store bytes, least squares). */
  audioBytesPerMinute: number;
  /** heap.slope / audioBytesPerMinute. */
  heapShareOfAudio: number;
  /** After Stop. */
  recordedMs: number;
  stored: { chunkCount: number; byteLength: number; durationMs: number };
  upload: Pick<UploadRecord, 'bytes' | 'codec' | 'container' | 'durationSeconds' | 'status'>;
}

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}

/** How many live objects have `prototype` in the page, and the sum of `sizeExpr` over them. */
async function liveObjects(cdp: CDPSession, prototype: string, sizeExpr: string): Promise<{ count: number; bytes: number }> {
  const group = 'chartside-bench';
  try {
    const proto = await cdp.send('Runtime.evaluate', { expression: prototype, objectGroup: group });
    if (!proto.result.objectId) throw new Error(`${prototype} is not an object in the panel`);
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId, objectGroup: group });
    if (!objects.objectId) throw new Error(`Runtime.queryObjects returned no array for ${prototype}`);
    const counted = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: `function () { let bytes = 0; for (const o of this) bytes += ${sizeExpr}; return { count: this.length, bytes }; }`,
      returnByValue: true,
      objectGroup: group,
    });
    if (counted.exceptionDetails) throw new Error(`counting ${prototype}: ${counted.exceptionDetails.text}`);
    return counted.result.value as { count: number; bytes: number };
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
  }
}

async function sampleHeap(cdp: CDPSession): Promise<Pick<HeapSample, 'usedSize' | 'totalSize' | 'backingStorageSize' | 'embedderHeapUsedSize' | 'blobs' | 'blobBytes'>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  // Counted after the heap figures: the query's own arrays are then garbage, collected before the next sample.
  const blobs = await liveObjects(cdp, 'Blob.prototype', 'o.size');
  return {
    usedSize: usage.usedSize,
    totalSize: usage.totalSize,
    backingStorageSize: usage.backingStorageSize ?? NaN,
    embedderHeapUsedSize: usage.embedderHeapUsedSize ?? NaN,
    blobs: blobs.count,
    blobBytes: blobs.bytes,
  };
}

/**
 * The counting must see what a kept chunk would be: a 4 KB Blob and a 4 KB ArrayBuffer put on
 * `window` show up in the counts (and the buffer in the backing stores), and are gone once dropped.
 */
async function calibrate(cdp: CDPSession, panel: Page): Promise<void> {
  const before = await sampleHeap(cdp);
  await panel.evaluate(() => {
    (window as unknown as Record<string, unknown>).__chartsideBenchProbe = [new Blob([new Uint8Array(4096)]), new ArrayBuffer(4096)];
  });
  const held = await sampleHeap(cdp);
  await panel.evaluate(() => delete (window as unknown as Record<string, unknown>).__chartsideBenchProbe);
  const dropped = await sampleHeap(cdp);
  const problems = [
    held.blobs !== before.blobs + 1 || held.blobBytes - before.blobBytes !== 4096 ? `Blobs ${before.blobs} → ${held.blobs} holding one of 4096 bytes` : '',
    held.backingStorageSize - before.backingStorageSize < 4096 ? `backing stores ${before.backingStorageSize} → ${held.backingStorageSize} bytes holding a 4096-byte buffer` : '',
    dropped.blobs !== before.blobs ? `${dropped.blobs} Blobs after dropping it, ${before.blobs} before` : '',
    dropped.backingStorageSize - before.backingStorageSize >= 4096 ? `backing stores ${dropped.backingStorageSize} bytes after dropping the buffer, ${before.backingStorageSize} before` : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`the heap sampling does not see a kept chunk: ${problems.join('; ')}`);
}

function growth(points: Array<[number, number]>): Growth {
  const ys = points.map(([, y]) => y);
  return { slope: slope(points), start: ys[0]!, end: ys.at(-1)!, max: Math.max(...ys) };
}

export async function measurePanelMemory(options: PanelMemoryOptions = {}): Promise<PanelMemoryResult> {
  const minutes = options.minutes ?? 10;
  const sampleSeconds = options.sampleSeconds ?? 30;
  const warmMinutes = options.warmMinutes ?? 1;
  const sampleCount = Math.floor((minutes * 60) / sampleSeconds);
  if (minutes - warmMinutes < (2 * sampleSeconds) / 60) throw new Error(`a ${minutes}-minute recording leaves fewer than 3 samples after the first ${warmMinutes} minute(s)`);
  return withRecordingPanel(async ({ ext, emulator, panel }) => {
    const cdp = await ext.context.newCDPSession(panel);
    await calibrate(cdp, panel);
    const samples: HeapSample[] = [];
    const startedAt = await startRecording(panel);
    for (let k = 0; k <= sampleCount; k++) {
      const minute = (k * sampleSeconds) / 60;
      await sleepUntil(startedAt + minute * 60_000);
      const takenAt = Date.now();
      const heap = await sampleHeap(cdp);
      const view = await recorderView(panel);
      const readAt = Date.now();
      const stored = await storedRecordings(panel);
      const at = `at ${minute.toFixed(1)} min`;
      if (view.alerts.length > 0) throw new Error(`${at} the panel shows an alert: ${view.alerts.join(' | ')}`);
      if (!view.stop || !view.state.startsWith('Recording')) throw new Error(`${at} the panel is not recording: "${view.state}", Stop recording ${view.stop ? 'shown' : 'gone'}`);
      if (stored.length !== 1) throw new Error(`${at} the store holds ${stored.length} recordings, expected 1`);
      const s = stored[0]!;
      if (s.status !== 'recording' || s.truncated) throw new Error(`${at} the stored recording is ${s.status}${s.truncated ? ', truncated' : ''}`);
      const previous = samples.at(-1);
      if (previous && s.chunkCount <= previous.chunkCount) throw new Error(`${at} the store holds ${s.chunkCount} chunks, ${previous.chunkCount} at the sample before`);
      const readAtMs = readAt - startedAt;
      if (k > 0 && readAtMs - s.durationMs > 3000) throw new Error(`${at} the store has ${(s.durationMs / 1000).toFixed(1)} s saved, ${(readAtMs / 1000).toFixed(1)} s after Start`);
      samples.push({ minute, takenAtMs: takenAt - startedAt, storeReadAtMs: readAtMs, ...heap, chunkCount: s.chunkCount, storedBytes: s.byteLength, storedMs: s.durationMs, clock: view.clock });
    }
    const stoppedAt = await stopRecording(panel);
    const [stored] = await storedRecordings(panel);
    const upload = await waitForUpload(emulator, 60_000);
    const alerts = (await recorderView(panel)).alerts;
    if (alerts.length > 0) throw new Error(`the panel shows an alert after Stop: ${alerts.join(' | ')}`);
    if (emulator.uploads.length !== 1) throw new Error(`${emulator.uploads.length} uploads reached the emulator, expected 1`);
    if (upload.decode !== 'ok' || upload.codec !== 'opus' || upload.durationSeconds === undefined) {
      throw new Error(`the upload decoded as ${upload.decode} ${upload.codec ?? ''} ${upload.decodeReason ?? ''}`);
    }
    const last = samples.at(-1)!;
    const savedMs = stored?.durationMs ?? last.storedMs;
    if (Math.abs(upload.durationSeconds * 1000 - savedMs) > 2000) {
      throw new Error(`the upload decodes to ${upload.durationSeconds.toFixed(1)} s, the store had ${(savedMs / 1000).toFixed(1)} s saved`);
    }

    const warm = samples.filter((s) => s.minute >= warmMinutes);
    const minuteOf = (s: HeapSample) => s.takenAtMs / 60_000;
    const heap = growth(warm.map((s) => [minuteOf(s), s.usedSize]));
    const audioBytesPerMinute = slope(warm.map((s) => [s.storeReadAtMs / 60_000, s.storedBytes]));
    const blobCounts = warm.map((s) => s.blobs);
    return {
      minutes,
      sampleSeconds,
      warmMinutes,
      samples,
      heap,
      backingStores: growth(warm.map((s) => [minuteOf(s), s.backingStorageSize])),
      blobs: { start: blobCounts[0]!, end: blobCounts.at(-1)!, max: Math.max(...blobCounts) },
      audioBytesPerMinute,
      heapShareOfAudio: heap.slope / audioBytesPerMinute,
      recordedMs: stoppedAt - startedAt,
      stored: { chunkCount: stored?.chunkCount ?? last.chunkCount, byteLength: stored?.byteLength ?? last.storedBytes, durationMs: savedMs },
      upload: { bytes: upload.bytes, codec: upload.codec, container: upload.container, durationSeconds: upload.durationSeconds, status: upload.status },
    };
  });
}

/** The heap samples as a small Markdown table. */
export function samplesTable(samples: HeapSample[]): string {
  const rows = samples.map((s) => [
    s.minute.toFixed(1),
    `${(s.usedSize / KB).toFixed(1)} KB`,
    `${(s.backingStorageSize / KB).toFixed(1)} KB`,
    `${s.blobs} (${(s.blobBytes / KB).toFixed(1)} KB)`,
    String(s.chunkCount),
    `${(s.storedBytes / KB).toFixed(1)} KB`,
    `${((s.storeReadAtMs - s.storedMs) / 1000).toFixed(1)} s`,
  ]);
  const head = ['Minute', 'JS heap used', 'Backing stores', 'Live Blobs', 'Chunks stored', 'Audio stored', 'Saved behind'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** `CHARTSIDE_BENCH_RECORDING_MINUTES` (e.g. 2 for a development run), else undefined (10). */
export function recordingMinutesFromEnv(): number | undefined {
  const raw = process.env.CHARTSIDE_BENCH_RECORDING_MINUTES;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`CHARTSIDE_BENCH_RECORDING_MINUTES=${raw} is not a number of minutes`);
  return n;
}

/** `CHARTSIDE_BENCH_SPEECH_SECONDS`, else undefined (60). */
export function speechSecondsFromEnv(): number | undefined {
  const raw = process.env.CHARTSIDE_BENCH_SPEECH_SECONDS;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 10) throw new Error(`CHARTSIDE_BENCH_SPEECH_SECONDS=${raw}: at least 10 seconds`);
  return n;
}

// `node test/bench/audio.ts [bytes|memory]` runs these benchmarks alone (after `npm run build:e2e`);
// CHARTSIDE_BENCH_SPEECH_SECONDS and CHARTSIDE_BENCH_RECORDING_MINUTES shorten them.
if (import.meta.filename === process.argv[1]) {
  const which = process.argv[2];
  if (which !== 'memory') {
    const seconds = speechSecondsFromEnv();
    console.log(JSON.stringify(await measureBytesPerMinute(seconds ? { seconds } : {}), null, 2));
  }
  if (which !== 'bytes') {
    const minutes = recordingMinutesFromEnv();
    const memory = await measurePanelMemory(minutes ? { minutes } : {});
    console.log(JSON.stringify({ ...memory, samples: undefined }, null, 2));
    console.log(samplesTable(memory.samples));
  }
}
