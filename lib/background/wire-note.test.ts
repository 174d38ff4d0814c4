import { expect, it } from 'vitest';
import { emptyNoteState } from '../note/note-state';
import { toWireNote } from './wire-note';

it('a job note sent to the panel does not change when the job merges more of the stream into its state', () => {
  const state = emptyNoteState();
  state.sections.subjective = 'Cough for 3 days.';
  const wire = toWireNote(state);
  state.sections.subjective += ' No fever.';
  expect(wire.sections.subjective).toBe('Cough for 3 days.');
});
