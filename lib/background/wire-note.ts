import type { JobSnapshot } from '../messaging/background-to-ui';
import type { NoteState } from '../note/note-state';

/**
 * A job's note as it crosses to the panel: copies of its sections and extras, so a message built
 * from it never shares objects with the state the job goes on merging stream events into.
 */
export function toWireNote(note: NoteState): JobSnapshot['note'] {
  return { sections: { ...note.sections }, extras: { ...note.extras } };
}
