import type { SoapSection } from '../note/sections';
import type { ApiError } from './errors';

/**
 * What the note stream decoder turns the server's SSE events into, whatever shape the server used.
 *
 * `mode` says how `content` relates to the section's text so far:
 * - `append`: a delta, add it to the end (the inline-heading shape always yields deltas);
 * - `auto`: the server's `{section, content}` shape, which may be a delta or a cumulative snapshot;
 *   `mergeSectionChunk` in lib/note decides.
 */
export type NoteStreamEvent =
  | { type: 'section'; section: SoapSection; content: string; mode: 'append' | 'auto' }
  /** Anything the server sent beyond S/O/A/P that we understand (noteId, billing_codes, patient_summary, …), keyed by the API's field name. */
  | { type: 'extra'; key: string; value: unknown }
  /** An error the server reported inside the stream; the stream ends after it. */
  | { type: 'error'; error: ApiError }
  /** `data: [DONE]`: the note is complete. A stream that ends without it is incomplete. */
  | { type: 'done' };
