import type { NoteStreamEvent } from '../api/stream-events';
import { BillingCodesSchema } from '../api/schemas';
import type { NoteExtras, NoteState } from './note-state';

/** A snapshot that only repeats the text so far is trusted once the text is this long. */
const MIN_REPEAT_SNAPSHOT = 16;

/**
 * Whether `chunk` is a cumulative snapshot of a text that so far is `current`: it starts with all of
 * `current` and either extends it (when `current` has something besides whitespace) or repeats it
 * exactly (when `current` is long enough that a delta could not plausibly equal it). A short delta
 * that repeats the text so far ("a" after "a") stays a delta.
 */
export function isCumulativeSnapshot(current: string, chunk: string): boolean {
  if (current.length === 0 || chunk.length < current.length) return false;
  if (chunk.length === current.length) return current.length >= MIN_REPEAT_SNAPSHOT && chunk === current;
  return chunk.startsWith(current) && /\S/.test(current);
}

/**
 * Adds a streamed chunk to a section's text.
 *
 * - `append`: the chunk is a delta.
 * - `auto` (the server's `{section, content}` shape, which may send deltas or cumulative snapshots):
 *   a cumulative snapshot (see isCumulativeSnapshot) replaces the text; anything else is a delta.
 */
export function mergeSectionChunk(current: string, chunk: string, mode: 'append' | 'auto'): string {
  if (mode === 'auto' && isCumulativeSnapshot(current, chunk)) return chunk;
  return current + chunk;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The extras after one `extra` event, or undefined when the event is not understood (ignored). */
function applyExtra(extras: NoteExtras, key: string, value: unknown): NoteExtras | undefined {
  switch (key) {
    case 'noteId':
    case 'expires_at': {
      const v = text(value)?.trim();
      return v ? { ...extras, [key]: v } : undefined;
    }
    case 'patient_summary':
    case 'billing_codes_disclaimer': {
      const v = typeof value === 'string' ? value : undefined;
      return v === undefined ? undefined : { ...extras, [key]: v };
    }
    case 'billing_codes': {
      let v = value;
      if (typeof v === 'string') {
        const trimmed = v.trim();
        if (trimmed === '') return undefined;
        try {
          v = JSON.parse(trimmed);
        } catch {
          return { ...extras, billing_codes_text: trimmed };
        }
      }
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      const parsed = BillingCodesSchema.safeParse(v);
      return parsed.success ? { ...extras, billing_codes: parsed.data } : undefined;
    }
    default:
      return undefined;
  }
}

/** The note after one decoded stream event. Pure: `state` is never modified. */
export function applyStreamEvent(state: NoteState, ev: NoteStreamEvent): NoteState {
  switch (ev.type) {
    case 'section': {
      const current = state.sections[ev.section];
      const next = mergeSectionChunk(current, ev.content, ev.mode);
      if (next === current) return state;
      return { ...state, sections: { ...state.sections, [ev.section]: next } };
    }
    case 'extra': {
      const extras = applyExtra(state.extras, ev.key, ev.value);
      return extras ? { ...state, extras } : state;
    }
    case 'error':
      if (state.status === 'cancelled') return state;
      return { ...state, status: 'error', error: ev.error };
    case 'done':
      return state.status === 'streaming' ? { ...state, status: 'complete' } : state;
  }
}

/** The stream closed without `[DONE]` (and without an error): keep what arrived, mark it incomplete. */
export function markStreamEnded(state: NoteState): NoteState {
  return state.status === 'streaming' ? { ...state, status: 'incomplete' } : state;
}
