import type { BillingCodes } from '../api/schemas';
import type { ApiError } from '../api/errors';
import { emptySections, type NoteSections } from './sections';

/** What arrived beyond S/O/A/P, keyed by the API's field names. (A type alias, so it is a Record<string, unknown>.) */
export type NoteExtras = {
  noteId?: string;
  billing_codes?: BillingCodes;
  /**
   * Billing codes that arrived as free text (an inline "Billing codes:" heading whose text is not
   * the documented JSON): kept so nothing is lost, shown as text.
   */
  billing_codes_text?: string;
  billing_codes_disclaimer?: string;
  patient_summary?: string;
  expires_at?: string;
};

export type NoteStatus = 'streaming' | 'complete' | 'incomplete' | 'error' | 'cancelled';

/** A note as it is being streamed. Treat as immutable: applyStreamEvent returns a new state. */
export interface NoteState {
  sections: NoteSections;
  extras: NoteExtras;
  status: NoteStatus;
  /** Set with status 'error': what the server reported inside the stream. */
  error?: ApiError;
}

export function emptyNoteState(): NoteState {
  return { sections: emptySections(), extras: {}, status: 'streaming' };
}

// The reducer lives in merge.ts beside mergeSectionChunk; re-exported so callers need one import.
export { applyStreamEvent, markStreamEnded, mergeSectionChunk } from './merge';
