/**
 * Decoding an uploaded recording with ffprobe, as a real transcription service must before it can
 * transcribe: which container and codec it is, how long, at what bit rate. ffprobe runs as a child
 * process (never blocking the event loop) on a copy written to a private temp folder, removed after.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AudioInfo {
  /** ffprobe's `format_name`, e.g. `matroska,webm`, `ogg`, `mp3`, `wav`, `flac`, `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  /** The first audio stream's `codec_name`, e.g. `opus`, `mp3`, `pcm_s16le`, `flac`, `aac`. */
  codec: string;
  durationSeconds: number;
  /** Bits per second: the container's figure, else the stream's, else size × 8 / duration. */
  bitRate: number;
  channels?: number;
  sampleRate?: number;
}

/**
 * `ok`: decoded. `failed`: ffprobe ran and found no playable audio (the upload is refused).
 * `unavailable`: ffprobe could not give an answer (not installed, timed out, killed); the upload is
 * accepted, as the emulator's own trouble must not look like the client's mistake.
 */
export type ProbeResult = ({ decode: 'ok' } & AudioInfo) | { decode: 'failed' | 'unavailable'; reason: string };

export interface ProbeOptions {
  /** The uploaded file name: only its extension is kept, as a probing hint. */
  filename?: string;
  /** Default `ffprobe` (from PATH). */
  ffprobePath?: string;
  /** Per ffprobe run (default 15 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why there was no answer: spawn error, timeout or abort. */
  trouble?: string;
}

/** Runs ffprobe; `keepStdout: 'tail'` keeps only the last 4 KB of stdout (for per-packet listings). */
function run(path: string, args: string[], timeoutMs: number, signal: AbortSignal | undefined, keepStdout: 'all' | 'tail'): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let trouble: string | undefined;
    let settled = false;
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ code, stdout, stderr, trouble });
    };
    const stop = (why: string) => {
      trouble ??= why;
      child.kill('SIGKILL');
      // Answer now: whatever the child started may hold its pipes open for a while yet.
      child.stdout.destroy();
      child.stderr.destroy();
      finish(null);
    };
    const timer = setTimeout(() => stop(`ffprobe timed out after ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => stop('the request ended before ffprobe finished');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
      if (keepStdout === 'tail' && stdout.length > 8192) stdout = stdout.slice(-4096);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < 4096) stderr += text;
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      trouble ??= err.code === 'ENOENT' ? `${path} is not installed` : `ffprobe could not start: ${err.message}`;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** ffprobe's complaint without the temp file's path in front of it. */
function reasonFrom(stderr: string, file: string): string {
  const line = stderr.split('\n').find((l) => l.trim()) ?? '';
  const plain = line
    .split(file)
    .join('the file')
    .replace(/^the file:\s*/, '')
    .replace(/^\[([^\]@]+?) @ 0x[0-9a-f]+\]\s*/i, '$1: ')
    .trim();
  return plain || 'ffprobe could not read the file';
}

/**
 * The end of the last audio packet: the duration of a recording whose container does not state one,
 * as a browser's MediaRecorder writes WebM (it cannot seek back to fill the duration in).
 */
async function durationFromPackets(
  ffprobe: string,
  file: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ seconds?: number; trouble?: string }> {
  const args = ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file];
  const out = await run(ffprobe, args, timeoutMs, signal, 'tail');
  if (out.trouble) return { trouble: out.trouble };
  if (out.code !== 0) return {};
  const last = out.stdout.trim().split('\n').at(-1)?.split(',') ?? [];
  const end = Number(last[0]) + (Number(last[1]) || 0);
  return Number.isFinite(end) && end > 0 ? { seconds: Math.round(end * 1e6) / 1e6 } : {};
}

export async function probeAudio(data: Buffer, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const ffprobe = opts.ffprobePath ?? 'ffprobe';
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(opts.filename ?? '')?.[1]?.toLowerCase() ?? 'bin';
  const dir = await mkdtemp(join(tmpdir(), 'chartside-emulator-audio-'));
  const file = join(dir, `upload.${ext}`);
  try {
    await writeFile(file, data, { mode: 0o600 });
    const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file];
    const out = await run(ffprobe, args, timeoutMs, opts.signal, 'all');
    if (out.trouble) return { decode: 'unavailable', reason: out.trouble };
    if (out.code !== 0) return { decode: 'failed', reason: reasonFrom(out.stderr, file) };

    let parsed: { format?: Record<string, unknown>; streams?: Array<Record<string, unknown>> };
    try {
      parsed = JSON.parse(out.stdout) as typeof parsed;
    } catch {
      return { decode: 'unavailable', reason: 'ffprobe printed something that is not JSON' };
    }
    const format = parsed.format ?? {};
    const stream = (parsed.streams ?? []).find((s) => s.codec_type === 'audio');
    // A text file can pass for subtitles (`lrc`, `tty`): only an audio stream makes it a recording.
    if (!stream) return { decode: 'failed', reason: 'the file holds no audio stream' };

    let durationSeconds = num(format.duration) ?? num(stream.duration);
    if (durationSeconds === undefined) {
      const packets = await durationFromPackets(ffprobe, file, timeoutMs, opts.signal);
      if (packets.trouble) return { decode: 'unavailable', reason: packets.trouble };
      if (packets.seconds === undefined) return { decode: 'failed', reason: 'the audio stream holds no audio' };
      durationSeconds = packets.seconds;
    }
    return {
      decode: 'ok',
      container: String(format.format_name ?? 'unknown'),
      codec: String(stream.codec_name ?? 'unknown'),
      durationSeconds,
      bitRate: num(format.bit_rate) ?? num(stream.bit_rate) ?? Math.round((data.length * 8) / durationSeconds),
      channels: num(stream.channels),
      sampleRate: num(stream.sample_rate),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
