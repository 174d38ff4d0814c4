import { describe, expect, it } from 'vitest';
import { indexNote, indexSources } from './sources';

describe('indexNote', () => {
  it('indexes the note under a kind of its own, which no source has', () => {
    const note = indexNote({ subjective: 'Cough.', plan: 'Start lisinopril.' });
    expect(note.ref).toEqual({ kind: 'note' });
    expect(note.text).toContain('Start lisinopril.');
    const kinds = indexSources({ transcript: 'cough', chart: [{ label: 'Medications', text: 'lisinopril' }], history: 'asthma', messages: [{ role: 'patient', text: 'hi' }] }).map((s) => s.ref.kind);
    expect(kinds).toEqual(['transcript', 'chart', 'history', 'message']);
  });
});
