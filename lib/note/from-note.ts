import type { Note, NoteWithStatus } from '../api/schemas';
import { applyStreamEvent, emptyNoteState, type NoteState } from './note-state';
import { SOAP_SECTIONS } from './sections';

/** The extras a whole note carries that the panel keeps (the transcript travels on its own). */
const EXTRA_KEYS = ['noteId', 'billing_codes', 'billing_codes_disclaimer', 'patient_summary', 'expires_at'] as const;

/**
 * A whole note from the API (an audio upload's answer, or GET /v1/note/:noteId) as the state a
 * streamed note ends in: the same reducer reads its extras, so billing codes, the disclaimer and the
 * summary are kept exactly as they are for a streamed note.
 */
export function noteStateFromNote(note: Note | NoteWithStatus): NoteState {
  let state = emptyNoteState();
  for (const section of SOAP_SECTIONS) {
    const content = note[section] ?? '';
    if (content !== '') state = applyStreamEvent(state, { type: 'section', section, content, mode: 'append' });
  }
  for (const key of EXTRA_KEYS) {
    const value = note[key];
    if (value !== undefined) state = applyStreamEvent(state, { type: 'extra', key, value });
  }
  return applyStreamEvent(state, { type: 'done' });
}
