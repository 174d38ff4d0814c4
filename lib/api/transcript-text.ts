import { z } from 'zod/mini';

/**
 * A recording's transcript as text for the Transcript box. The vendor says `include_transcript`
 * returns it diarized and timestamped, without documenting the shape: a string is taken as it is; a
 * list of segments (or an object holding one, or a `text`) becomes one line per segment, keeping the
 * speaker and start time where a segment has them: `[01:02] Provider: How is the back today?`.
 * Anything else reads as no transcript, never as a failed note.
 */
export function transcriptText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return joined(value);
  if (isRecord(value)) {
    for (const key of ['segments', 'utterances', 'turns']) if (Array.isArray(value[key])) return joined(value[key] as unknown[]);
    if (typeof value.text === 'string') return value.text;
  }
  return undefined;
}

/** NoteSchema's `transcript`: whatever shape arrives, text or undefined. */
export const TranscriptFieldSchema = z.optional(z.pipe(z.unknown(), z.transform(transcriptText)));

function joined(segments: unknown[]): string | undefined {
  const lines = segments.flatMap((segment) => {
    const line = segmentLine(segment);
    return line === undefined ? [] : [line];
  });
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function segmentLine(segment: unknown): string | undefined {
  if (typeof segment === 'string') return segment.trim() || undefined;
  if (!isRecord(segment)) return undefined;
  const words = firstText(segment, ['text', 'content', 'transcript']);
  if (words === undefined) return undefined;
  const speaker = firstText(segment, ['speaker', 'speaker_label', 'role']);
  const at = timeOf(segment.start ?? segment.start_time ?? segment.timestamp);
  return `${at ? `[${at}] ` : ''}${speaker ? `${label(speaker)}: ` : ''}${words}`;
}

function firstText(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && key !== 'text') return String(value);
  }
  return undefined;
}

/** `provider` → `Provider`; `SPEAKER_1` and `Speaker 1` stay as they are. */
function label(speaker: string): string {
  return /^[a-z]+$/.test(speaker) ? speaker[0]!.toUpperCase() + speaker.slice(1) : speaker;
}

/** Seconds (a number, or a numeric string) as `m:ss` / `h:mm:ss`; any other string as it is. */
function timeOf(value: unknown): string | undefined {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
  if (seconds === undefined) return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
