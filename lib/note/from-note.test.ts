import { describe, expect, it } from 'vitest';
import { noteStateFromNote } from './from-note';

describe('noteStateFromNote', () => {
  it('takes the sections and the extras a streamed note keeps, and leaves the transcript out', () => {
    const state = noteStateFromNote({
      noteId: 'n1',
      status: 'completed',
      subjective: 'S',
      objective: 'O',
      assessment: 'A',
      plan: 'P',
      transcript: 'What was said.',
      billing_codes: { icd10: [{ code: 'I10', description: 'Hypertension' }], cpt: [] },
      patient_summary: 'Summary.',
      expires_at: '2030-01-01T00:00:00Z',
    });
    expect(state.status).toBe('complete');
    expect(state.sections).toEqual({ subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' });
    expect(state.extras).toEqual({
      noteId: 'n1',
      billing_codes: { icd10: [{ code: 'I10', description: 'Hypertension' }], cpt: [] },
      patient_summary: 'Summary.',
      expires_at: '2030-01-01T00:00:00Z',
    });
  });

  it('reads missing sections (a GET without them) as empty', () => {
    expect(noteStateFromNote({ noteId: 'n2', status: 'completed', plan: 'P' }).sections).toEqual({ subjective: '', objective: '', assessment: '', plan: 'P' });
  });
});
