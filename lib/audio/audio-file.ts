import { MAX_AUDIO_BYTES, MAX_AUDIO_MS, MIN_AUDIO_MS } from './audio-limits';

/**
 * Checks on an audio file the clinician uploads, before anything is stored or sent: the API's
 * types, 500 MB, 5 seconds to 4 hours (api/CONTRACT.md). Each failure says what is wrong and what
 * to do, in our own words (a file name can carry a patient's name: it is never repeated back).
 */

/** Extension → the type the recording is stored (and later sent) as. */
const BY_EXTENSION: Record<string, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  webm: 'audio/webm',
  flac: 'audio/flac',
};

/** Declared type (parameters dropped) → the type it is stored as. */
const BY_TYPE: Record<string, string> = {
  'audio/mpeg': 'audio/mpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/mp4': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'audio/aac': 'audio/mp4',
  'video/mp4': 'audio/mp4',
  'audio/wav': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/ogg': 'audio/ogg',
  'application/ogg': 'audio/ogg',
  'audio/opus': 'audio/ogg',
  'audio/webm': 'audio/webm',
  'video/webm': 'audio/webm',
  'audio/flac': 'audio/flac',
  'audio/x-flac': 'audio/flac',
};

/** For the file chooser's `accept`: the types and the extensions (some systems declare no type for .m4a or .flac). */
export const AUDIO_FILE_ACCEPT = [...Object.keys(BY_TYPE), ...Object.keys(BY_EXTENSION).map((ext) => `.${ext}`)].join(',');

export interface AudioFileProblem {
  message: string;
  nextStep: string;
}

export type AudioFileCheck = { ok: true; mimeType: string } | { ok: false; problem: AudioFileProblem };

/** The type a file is stored as, by its declared type or else its extension; undefined if neither is one the API takes. */
export function audioTypeOf(file: { name: string; type: string }): string | undefined {
  const declared = file.type.split(';')[0]!.trim().toLowerCase();
  const byType = BY_TYPE[declared];
  if (byType) return byType;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Type and size: what can be told without reading the file. */
export function checkAudioFile(file: { name: string; type: string; size: number }): AudioFileCheck {
  const mimeType = audioTypeOf(file);
  if (!mimeType) {
    return {
      ok: false,
      problem: {
        message: 'This file is not an audio format Chartside can send.',
        nextStep: 'Choose an MP3, M4A, WAV, OGG, WebM, FLAC or MP4 recording of the visit.',
      },
    };
  }
  if (file.size === 0) {
    return { ok: false, problem: { message: 'This audio file is empty.', nextStep: 'Choose the recording of the visit again; it may not have finished copying.' } };
  }
  if (file.size > MAX_AUDIO_BYTES) {
    return {
      ok: false,
      problem: {
        message: `This audio file is ${mb(file.size)}; the SOAP Note API takes at most 500 MB.`,
        nextStep: 'Export it again at a lower quality (speech needs little: 32–64 kbps MP3 or M4A), or split it into parts under 500 MB.',
      },
    };
  }
  return { ok: true, mimeType };
}

/**
 * Length, once the browser has read the file's header. `undefined` (the browser could not read its
 * length: a format it cannot play) passes: the API checks it again, and refusing a file the API
 * would take is worse than letting it tell.
 */
export function checkAudioDuration(durationMs: number | undefined): { ok: true } | { ok: false; problem: AudioFileProblem } {
  if (durationMs === undefined) return { ok: true };
  if (durationMs < MIN_AUDIO_MS) {
    return {
      ok: false,
      problem: {
        message: `This recording is ${(durationMs / 1000).toFixed(1)} seconds long; a note needs at least 5 seconds of audio.`,
        nextStep: 'Choose the full recording of the visit, or record the visit with Start recording.',
      },
    };
  }
  if (durationMs > MAX_AUDIO_MS) {
    return {
      ok: false,
      problem: {
        message: 'This recording is longer than 4 hours, the most the SOAP Note API takes.',
        nextStep: 'Split it into parts under 4 hours and upload each one.',
      },
    };
  }
  return { ok: true };
}
