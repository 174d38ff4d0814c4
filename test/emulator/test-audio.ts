/**
 * Real, small recordings made at test time (espeak-ng speech, padded to an exact length, then ffmpeg),
 * for tests that upload audio to the emulator. Not a test file itself.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestRecording {
  path: string;
  /** What a browser would declare for it. */
  contentType: string;
  filename: string;
  /** ffprobe's codec_name for it. */
  codec: string;
}

/** Each format the contract lists, plus `webmLive`: WebM without a duration, as MediaRecorder writes it. */
export type TestFormat = 'wav' | 'webm' | 'webmLive' | 'ogg' | 'mp3' | 'flac' | 'm4a';

const FORMATS: Record<TestFormat, { ext: string; contentType: string; codec: string; args: string[] }> = {
  wav: { ext: 'wav', contentType: 'audio/wav', codec: 'pcm_s16le', args: ['-c:a', 'pcm_s16le'] },
  webm: { ext: 'webm', contentType: 'audio/webm;codecs=opus', codec: 'opus', args: ['-c:a', 'libopus', '-b:a', '24k'] },
  webmLive: { ext: 'webm', contentType: 'audio/webm;codecs=opus', codec: 'opus', args: ['-c:a', 'libopus', '-b:a', '24k', '-f', 'webm'] },
  ogg: { ext: 'ogg', contentType: 'audio/ogg;codecs=opus', codec: 'opus', args: ['-c:a', 'libopus', '-b:a', '24k'] },
  mp3: { ext: 'mp3', contentType: 'audio/mpeg', codec: 'mp3', args: ['-c:a', 'libmp3lame', '-b:a', '32k'] },
  flac: { ext: 'flac', contentType: 'audio/flac', codec: 'flac', args: ['-c:a', 'flac'] },
  m4a: { ext: 'm4a', contentType: 'audio/mp4', codec: 'aac', args: ['-c:a', 'aac', '-b:a', '32k'] },
};

/**
 * Speaks `text` with espeak-ng, pads or cuts it to `seconds` (16 kHz mono) and writes it in every
 * format into `dir`. About half a second on a quiet machine.
 */
export async function makeTestRecordings(
  dir: string,
  { text = 'Chartside emulator test recording.', seconds = 3 } = {},
): Promise<Record<TestFormat, TestRecording>> {
  const speech = join(dir, 'speech.wav');
  await run('espeak-ng', ['-w', speech, text]);
  const common = ['-nostdin', '-v', 'error', '-y', '-i', speech, '-af', 'apad', '-t', String(seconds), '-ar', '16000', '-ac', '1'];
  const entries = await Promise.all(
    (Object.keys(FORMATS) as TestFormat[]).map(async (format) => {
      const { ext, contentType, codec, args } = FORMATS[format];
      const filename = `visit-${format}.${ext}`;
      const path = join(dir, filename);
      if (format === 'webmLive') {
        // Written to a pipe, the muxer cannot seek back to fill in the duration.
        const { stdout } = await run('ffmpeg', [...common, ...args, 'pipe:1'], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 });
        await writeFile(path, stdout);
      } else {
        await run('ffmpeg', [...common, ...args, path]);
      }
      return [format, { path, contentType, filename, codec }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<TestFormat, TestRecording>;
}
