/**
 * Benchmark (issue 15): Include call audio against the microphone alone — the panel's CPU time per
 * second of recording, and the upload's bytes per minute — in real Chromium.
 *
 * Method
 * - One Chromium with the e2e build, launched as the call-audio e2e spec launches it (pages audible,
 *   `--allowlisted-extension-id` for the build, `--auto-accept-camera-and-microphone-capture`, the
 *   fake microphone looping the sample visit spoken by espeak-ng as in audio.ts); the emulator saved
 *   in the options page; the sample chart in a tab with the panel bound to it; the fixture
 *   `video-visit.html` in another tab, playing its 1 kHz tone pattern (0.5 s on, 0.5 s off).
 * - Two recordings of `seconds` each (default 30; `CHARTSIDE_BENCH_CALL_SECONDS`), one after the other
 *   in the same panel: the microphone alone, then with Include call audio ticked and the visit's tab
 *   chosen. Each waits for its note (the upload done) before the next starts.
 * - CPU: the user + system time (/proc/PID/stat, clock ticks) of the extension's renderer process
 *   (`--type=renderer --extension-process`, a descendant of this Chromium's browser process, found
 *   by its profile directory). It runs the panel page and the background worker; the worker is idle
 *   while recording (the upload comes after Stop). Sampled 2 s after Start (the capture and the mix
 *   set up) and again `seconds - 2` later: ms of CPU per second of wall time. Chrome's own capture of
 *   the tab, and the audio output, run in the browser and audio-service processes and are not
 *   counted.
 * - Bytes: the upload's size × 60 / its decoded length (ffprobe, in the emulator).
 * - Self-checks that fail the benchmark: one upload per recording, decoded as Opus; no alert in the
 *   panel while recording; the Call level meter above 30 with the call.
 * Runs under Node's type stripping: erasable syntax only, `.ts` in relative imports.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { serveFixtures } from '../fixtures/serve-fixtures.ts';
import { CHROME_BUILD, configureThroughOptions, launchChromiumWithExtension, openPanel, tabIdOf, unpackedExtensionId, type ExtensionBrowser } from '../support/chromium-extension.ts';
import { makeMicrophoneWav } from './audio.ts';

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export interface CallAudioRun {
  label: 'microphone only' | 'microphone + call';
  /** ms of the extension renderer's CPU per second of wall time, while recording. */
  cpuMsPerSecond: number;
  sampledSeconds: number;
  bytes: number;
  decodedSeconds: number;
  bytesPerMinute: number;
  /** The machine's 1-minute load average at the end of the CPU sample: this machine is shared. */
  load: number;
}

export interface CallAudioResult {
  seconds: number;
  runs: CallAudioRun[];
  maxCallLevel: number;
}

export function callSecondsFromEnv(): number | undefined {
  const value = Number(process.env.CHARTSIDE_BENCH_CALL_SECONDS);
  return Number.isFinite(value) && value >= 6 ? value : undefined;
}

function processes(): Map<number, { ppid: number; cmdline: string }> {
  const all = new Map<number, { ppid: number; cmdline: string }>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      all.set(pid, { ppid, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** The pids of this Chromium's extension renderer(s). */
function extensionRenderers(ext: ExtensionBrowser): number[] {
  const all = processes();
  const browser = [...all].find(([, p]) => p.cmdline.includes(`--user-data-dir=${ext.userDataDir}`) && !p.cmdline.includes('--type='));
  if (!browser) throw new Error('the benchmark’s Chromium browser process was not found');
  const within = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = all.get(p)?.ppid ?? 0, hops++) if (p === browser[0]) return true;
    return false;
  };
  const renderers = [...all].filter(([pid, p]) => p.cmdline.includes('--type=renderer') && p.cmdline.includes('--extension-process') && within(pid)).map(([pid]) => pid);
  if (renderers.length === 0) throw new Error('no extension renderer process found');
  return renderers;
}

function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

const button = (panel: Page, name: string) => panel.getByRole('button', { name, exact: true });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function alerts(panel: Page): Promise<string[]> {
  return panel.evaluate(() => [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim() ?? '').filter((t) => t !== ''));
}

async function record(ext: ExtensionBrowser, emulator: Emulator, panel: Page, label: CallAudioRun['label'], seconds: number, onSecond: () => Promise<void>): Promise<CallAudioRun> {
  const before = emulator.uploads.length;
  // Consent to record is asked for by default: ticked as the clinician does, before Start recording.
  await panel.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true }).check();
  await button(panel, 'Start recording').click();
  await button(panel, 'Stop recording').waitFor({ timeout: 10_000 });
  const startedAt = Date.now();
  await sleep(2000);
  const pids = extensionRenderers(ext);
  const cpu0 = cpuMs(pids);
  const t0 = Date.now();
  while (Date.now() < startedAt + seconds * 1000) {
    await onSecond();
    const shown = await alerts(panel);
    if (shown.length > 0) throw new Error(`${label}: the panel shows an alert while recording: ${shown.join(' | ')}`);
    await sleep(Math.min(1000, startedAt + seconds * 1000 - Date.now()));
  }
  const cpu1 = cpuMs(pids);
  const t1 = Date.now();
  const load = loadavg()[0]!;
  await button(panel, 'Stop recording').click();
  const until = Date.now() + 60_000;
  while (emulator.uploads.length === before || emulator.uploads.at(-1)!.status === 0) {
    if (Date.now() > until) throw new Error(`${label}: no upload within 60 s of Stop`);
    await sleep(100);
  }
  if (emulator.uploads.length !== before + 1) throw new Error(`${label}: ${emulator.uploads.length - before} uploads, expected 1`);
  const u = emulator.uploads.at(-1)!;
  if (u.decode !== 'ok' || u.codec !== 'opus' || u.durationSeconds === undefined) throw new Error(`${label}: the upload did not decode as Opus (${u.decode})`);
  await panel.getByRole('status').filter({ hasText: /^Note ready/ }).waitFor({ timeout: 60_000 });
  await sleep(1000); // the background's upload work done before the next sample
  return {
    label,
    cpuMsPerSecond: (cpu1 - cpu0) / ((t1 - t0) / 1000),
    sampledSeconds: (t1 - t0) / 1000,
    bytes: u.bytes,
    decodedSeconds: u.durationSeconds,
    bytesPerMinute: (u.bytes * 60) / u.durationSeconds,
    load,
  };
}

export async function measureCallAudio(options: { seconds?: number } = {}): Promise<CallAudioResult> {
  const seconds = options.seconds ?? 30;
  const dir = mkdtempSync(path.join(tmpdir(), 'chartside-bench-call-'));
  const emulator = await startEmulator();
  const ehr = await serveFixtures();
  let ext: ExtensionBrowser | undefined;
  try {
    const microphone = await makeMicrophoneWav(dir);
    ext = await launchChromiumWithExtension({
      audible: true,
      extraArgs: [
        // As in test/e2e/chromium/call-audio.spec.ts: the grant a toolbar click gives, for this build's id.
        `--allowlisted-extension-id=${unpackedExtensionId(CHROME_BUILD)}`,
        '--auto-accept-camera-and-microphone-capture',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${microphone.file}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    await configureThroughOptions(ext, emulator.url);
    const chart = await ext.context.newPage();
    await chart.goto(`${ehr.url}/sample-chart.html`);
    const visit = await ext.context.newPage();
    await visit.goto(`${ehr.url}/video-visit.html`);
    await visit.locator('html[data-playing="true"]').waitFor();
    const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));

    const runs: CallAudioRun[] = [];
    runs.push(await record(ext, emulator, panel, 'microphone only', seconds, async () => undefined));

    const visitTabId = await tabIdOf(ext, visit.url());
    await panel.getByRole('checkbox', { name: 'Include call audio', exact: true }).check();
    const callTab = panel.getByRole('combobox', { name: 'Call tab', exact: true });
    await callTab.waitFor();
    await callTab.selectOption(String(visitTabId));
    let maxCallLevel = 0;
    runs.push(
      await record(ext, emulator, panel, 'microphone + call', seconds, async () => {
        const value = await panel.getByRole('meter', { name: 'Call level', exact: true }).getAttribute('aria-valuenow', { timeout: 2000 }).catch(() => null);
        if (value !== null) maxCallLevel = Math.max(maxCallLevel, Number(value));
      }),
    );
    if (maxCallLevel <= 30) throw new Error(`the Call level meter never went above ${maxCallLevel}: the call was not heard`);
    return { seconds, runs, maxCallLevel };
  } finally {
    await ext?.close();
    await ehr.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
