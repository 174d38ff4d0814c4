import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { NoteStreamEvent } from '../api/stream-events';
import { applyStreamEvent, isCumulativeSnapshot, markStreamEnded, mergeSectionChunk } from './merge';
import { emptyNoteState, type NoteState } from './note-state';

const BILLING = {
  icd10: [{ code: 'J06.9', description: 'Acute upper respiratory infection' }],
  cpt: [{ code: '99213', description: 'Office visit' }],
};

function apply(...evs: NoteStreamEvent[]): NoteState {
  return evs.reduce(applyStreamEvent, emptyNoteState());
}

describe('mergeSectionChunk', () => {
  it('appends deltas', () => {
    expect(mergeSectionChunk('', 'Rest', 'append')).toBe('Rest');
    expect(mergeSectionChunk('Rest', ' and fluids', 'append')).toBe('Rest and fluids');
    expect(mergeSectionChunk('Rest', 'Rest and fluids', 'append')).toBe('RestRest and fluids');
    expect(mergeSectionChunk('Rest', ' and fluids', 'auto')).toBe('Rest and fluids');
  });

  it('replaces on a cumulative snapshot in auto mode', () => {
    expect(mergeSectionChunk('Rest', 'Rest and fluids', 'auto')).toBe('Rest and fluids');
    const long = 'Rest and fluids for three days.';
    expect(mergeSectionChunk(long, long, 'auto')).toBe(long);
  });

  it('keeps short repeats as deltas', () => {
    expect(mergeSectionChunk('a', 'a', 'auto')).toBe('aa');
    expect(mergeSectionChunk('**', '**', 'auto')).toBe('****');
    expect(mergeSectionChunk('\n', '\nPlan', 'auto')).toBe('\n\nPlan');
    expect(mergeSectionChunk('', 'x', 'auto')).toBe('x');
  });

  it('isCumulativeSnapshot', () => {
    expect(isCumulativeSnapshot('', 'abc')).toBe(false);
    expect(isCumulativeSnapshot('ab', 'abc')).toBe(true);
    expect(isCumulativeSnapshot('abc', 'ab')).toBe(false);
    expect(isCumulativeSnapshot('abc', 'abd')).toBe(false);
    expect(isCumulativeSnapshot('  ', '  x')).toBe(false);
  });
});

describe('applyStreamEvent', () => {
  it('is pure: the state given is never changed', () => {
    const s0 = emptyNoteState();
    const frozen = JSON.stringify(s0);
    const s1 = applyStreamEvent(s0, { type: 'section', section: 'plan', content: 'Rest', mode: 'append' });
    const s2 = applyStreamEvent(s1, { type: 'extra', key: 'noteId', value: 'n1' });
    const s3 = applyStreamEvent(s2, { type: 'done' });
    expect(JSON.stringify(s0)).toBe(frozen);
    expect(s1.sections.plan).toBe('Rest');
    expect(s1.extras).toEqual({});
    expect(s2.sections).toBe(s1.sections);
    expect(s2.extras).toEqual({ noteId: 'n1' });
    expect(s3.status).toBe('complete');
    expect(s2.status).toBe('streaming');
  });

  it('merges sections by mode', () => {
    const s = apply(
      { type: 'section', section: 'subjective', content: 'Cough', mode: 'auto' },
      { type: 'section', section: 'subjective', content: 'Cough for 3 days.', mode: 'auto' },
      { type: 'section', section: 'objective', content: 'Clear', mode: 'append' },
      { type: 'section', section: 'objective', content: '.', mode: 'append' },
    );
    expect(s.sections).toEqual({ subjective: 'Cough for 3 days.', objective: 'Clear.', assessment: '', plan: '' });
  });

  it('keeps the extras it understands, validated, and ignores the rest', () => {
    const s = apply(
      { type: 'extra', key: 'noteId', value: 'n1' },
      { type: 'extra', key: 'expires_at', value: '2026-03-01T00:00:00Z' },
      { type: 'extra', key: 'patient_summary', value: 'Rest up.' },
      { type: 'extra', key: 'billing_codes_disclaimer', value: 'Verify.' },
      { type: 'extra', key: 'billing_codes', value: JSON.stringify(BILLING) },
      { type: 'extra', key: 'mystery', value: 1 },
      { type: 'extra', key: 'patient_summary', value: { not: 'text' } },
      { type: 'extra', key: 'noteId', value: '' },
      { type: 'extra', key: 'billing_codes', value: 'not json at all' },
    );
    expect(s.extras).toEqual({
      noteId: 'n1',
      expires_at: '2026-03-01T00:00:00Z',
      patient_summary: 'Rest up.',
      billing_codes_disclaimer: 'Verify.',
      billing_codes: BILLING,
      billing_codes_text: 'not json at all',
    });
    expect(apply({ type: 'extra', key: 'billing_codes', value: BILLING }).extras.billing_codes).toEqual(BILLING);
    expect(apply({ type: 'extra', key: 'billing_codes', value: [1] }).extras).toEqual({});
  });

  it('returns the same state for an event it ignores', () => {
    const s0 = emptyNoteState();
    expect(applyStreamEvent(s0, { type: 'extra', key: 'unknown', value: 'x' })).toBe(s0);
    expect(applyStreamEvent(s0, { type: 'section', section: 'plan', content: '', mode: 'append' })).toBe(s0);
  });

  it('records an error and keeps the note', () => {
    const error = new ApiError({ kind: 'stream', message: 'Stopped.', nextStep: 'Retry.' });
    const s = apply({ type: 'section', section: 'plan', content: 'Rest', mode: 'append' }, { type: 'error', error });
    expect(s.status).toBe('error');
    expect(s.error).toBe(error);
    expect(s.sections.plan).toBe('Rest');
    expect(applyStreamEvent(s, { type: 'done' }).status).toBe('error');
  });

  it('marks a stream that ended without [DONE] incomplete, and leaves finished ones alone', () => {
    expect(markStreamEnded(emptyNoteState()).status).toBe('incomplete');
    expect(markStreamEnded(apply({ type: 'done' })).status).toBe('complete');
  });
});
