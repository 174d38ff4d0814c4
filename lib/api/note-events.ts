import { SOAP_SECTIONS } from '../note/sections';
import type { Note } from './schemas';
import type { NoteStreamEvent } from './stream-events';

/** The events a whole note stands for, so a whole note (a fallback, or one asked for whole) looks like a stream to whoever reads it. */
export function* noteEvents(note: Note): Generator<NoteStreamEvent> {
  for (const section of SOAP_SECTIONS) {
    const content = note[section];
    if (content.trim() !== '') yield { type: 'section', section, content, mode: 'append' };
  }
  for (const key of ['noteId', 'billing_codes', 'billing_codes_disclaimer', 'patient_summary', 'expires_at', 'transcript'] as const) {
    const value = note[key];
    if (value !== undefined) yield { type: 'extra', key, value };
  }
  yield { type: 'done' };
}

