import { ApiError } from '../api/errors';

/**
 * What the SOAP Note API accepts as a recording (CONTRACT.md, "Audio upload"), checked before a
 * single byte is sent: a refusal after a 200 MB upload, or a note billed for 2 seconds of silence,
 * helps no one. The messages say what is wrong in plain words, from facts about the file only
 * (its size, length and type), never its content.
 */
export const AUDIO_LIMITS = {
  minDurationMs: 5_000,
  maxDurationMs: 4 * 60 * 60 * 1000,
  maxBytes: 500 * 1024 * 1024,
} as const;

/** The formats the contract lists, by MIME type (parameters ignored), with the file extension the server reads. */
const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'application/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
};

const SUPPORTED = 'MP3, M4A, WAV, OGG, WebM and FLAC';

function baseType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The name the upload carries (its extension tells the server the format), or undefined for a type the API does not take. */
export function uploadFilename(mimeType: string): string | undefined {
  const ext = EXTENSION_BY_TYPE[baseType(mimeType)];
  return ext === undefined ? undefined : `recording.${ext}`;
}

export interface RecordingFacts {
  bytes: number;
  mimeType: string;
  /** The length the recorder measured; 0 or less when not known (an uploaded file). */
  durationMs: number;
}

function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}

function describeDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} minutes`;
}

function refused(message: string, nextStep: string): ApiError {
  return new ApiError({ kind: 'validation', message, nextStep, retryable: false });
}

/** The first reason the API would refuse this recording, or undefined when it may be sent. */
export function checkRecording(facts: RecordingFacts): ApiError | undefined {
  if (facts.bytes <= 0) {
    return refused('The recording has no audio in it.', 'Record the visit again, or choose another file.');
  }
  if (uploadFilename(facts.mimeType) === undefined) {
    // The type is a format name, not patient data: saying which one helps the clinician convert it.
    const shown = baseType(facts.mimeType).slice(0, 60) || 'unknown';
    return refused(
      `The SOAP Note API does not accept this type of recording (${shown}): it takes ${SUPPORTED}.`,
      `Convert the file to one of ${SUPPORTED}, or record the visit in Chartside.`,
    );
  }
  if (facts.bytes > AUDIO_LIMITS.maxBytes) {
    return refused(
      `The recording is ${describeBytes(facts.bytes)}; the SOAP Note API accepts at most 500 MB.`,
      'Use a smaller file (a compressed format such as MP3, M4A or WebM), or type the transcript instead.',
    );
  }
  if (facts.durationMs > 0 && facts.durationMs < AUDIO_LIMITS.minDurationMs) {
    return refused(
      `The recording is ${describeDuration(facts.durationMs)} long; the SOAP Note API needs at least 5 seconds.`,
      'Record more of the visit, or type the transcript instead.',
    );
  }
  if (facts.durationMs > AUDIO_LIMITS.maxDurationMs) {
    return refused(
      `The recording is ${describeDuration(facts.durationMs)} long; the SOAP Note API accepts at most 4 hours.`,
      'Use a shorter recording, or type the transcript instead.',
    );
  }
  return undefined;
}
