/** The audio upload: which parts it needs, which recordings it accepts, and the note request it implies. */
import type { Part } from './multipart.ts';
import { SAMPLE_VISIT_TRANSCRIPT, checkSpecialty, type NoteRequest, type Validated } from './notes.ts';

const AUDIO_TYPES = new Set([
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/m4a',
  'audio/x-m4a',
  'audio/aac',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/vnd.wave',
  'audio/ogg',
  'application/ogg',
  'audio/opus',
  'audio/webm',
  'video/webm',
  'audio/flac',
  'audio/x-flac',
  'video/mp4',
]);
const AUDIO_EXTENSIONS = new Set(['mp3', 'm4a', 'wav', 'ogg', 'oga', 'opus', 'webm', 'flac', 'mp4']);
export const MAX_AUDIO_BYTES = 500 * 1024 * 1024;

/** MP3, M4A, WAV, OGG, WebM, FLAC or MP4, by content type (parameters ignored) or by file extension. */
export function isAcceptedAudio(contentType: string | undefined, filename: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename ?? '')?.[1]?.toLowerCase();
  return AUDIO_TYPES.has(type) || (ext !== undefined && AUDIO_EXTENSIONS.has(ext));
}

/**
 * Which parts of an upload a route reads. `all` (default): the plain fields and `metadata`, the plain
 * fields winning. `plain`: a route that ignores `metadata`. `documented`: only `specialty` and
 * `template`, as the API reference documents POST (no context, no flags, no transcript request).
 */
export type AudioFieldReading = 'all' | 'plain' | 'documented';

export interface AudioUpload {
  request: NoteRequest;
  /** `include_transcript` was sent (and read): only then does the answer carry the transcript. */
  includeTranscript: boolean;
  /** The `audio` part itself. */
  audio: Part;
  audioBytes: number;
}

const fail = (field: string, issue: string, message: string): { ok: false; error: { message: string; details: { field: string; issue: string } } } => ({
  ok: false,
  error: { message, details: { field, issue } },
});

/**
 * Reads an upload in either form the contract allows: form fields (`specialty`, `template`) and/or one
 * `metadata` JSON part carrying every option (`reading` can narrow that, as a real route might).
 * `emulator_transcript` (field or metadata key) sets the transcript the note is built from; without it
 * a fixed sample visit is used. It is a test hook, so every reading takes it.
 */
export function readAudioUpload(parts: Part[], reading: AudioFieldReading = 'all'): Validated<AudioUpload> {
  const audio = parts.find((p) => p.name === 'audio');
  if (!audio) return fail('audio', 'required', 'audio is required.');
  if (audio.data.length === 0) return fail('audio', 'empty', 'The audio file is empty.');
  if (audio.data.length > MAX_AUDIO_BYTES) return fail('audio', 'too_large', 'The audio file exceeds 500 MB.');
  if (!isAcceptedAudio(audio.contentType, audio.filename)) {
    return fail('audio', 'unsupported_type', 'Unsupported audio format. Use MP3, M4A, WAV, OGG, WebM or FLAC.');
  }

  const anyField = (name: string) => {
    const part = parts.find((p) => p.name === name && p.filename === undefined);
    return part ? part.data.toString('utf8') : undefined;
  };
  const field = (name: string) => (reading !== 'documented' || name === 'specialty' || name === 'template' ? anyField(name) : undefined);
  let metadata: Record<string, unknown> = {};
  const rawMetadata = reading === 'all' ? field('metadata') : undefined;
  if (rawMetadata !== undefined) {
    try {
      const parsed: unknown = JSON.parse(rawMetadata);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      metadata = parsed as Record<string, unknown>;
    } catch {
      return fail('metadata', 'invalid_json', 'metadata must be a JSON object.');
    }
  }

  const specialty = field('specialty') ?? metadata.specialty;
  const badSpecialty = checkSpecialty(specialty);
  if (badSpecialty) return badSpecialty;
  const flag = (name: string) => metadata[name] === true || field(name) === 'true';
  const transcript = anyField('emulator_transcript') ?? metadata.emulator_transcript;
  const template = field('template') ?? metadata.template;
  const context = metadata.context;
  return {
    ok: true,
    value: {
      audio,
      audioBytes: audio.data.length,
      includeTranscript: flag('include_transcript'),
      request: {
        transcript: typeof transcript === 'string' && transcript ? transcript : SAMPLE_VISIT_TRANSCRIPT,
        specialty: specialty as string,
        template: typeof template === 'string' ? template : undefined,
        context: typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : undefined,
        include_billing_codes: flag('include_billing_codes'),
        include_patient_summary: flag('include_patient_summary'),
        include_icd11: flag('include_icd11'),
      },
    },
  };
}
