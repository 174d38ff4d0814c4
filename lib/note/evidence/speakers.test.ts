import { describe, expect, it } from 'vitest';
import { findEvidence } from './evidence';
import { findOmissions } from './omissions';

const status = (statement: string, transcript: string) => findEvidence({ sections: { subjective: statement }, sources: { transcript } })[0]!.status;

describe('speakers: a question takes its answer', () => {
  const asked = 'Doctor: Any chest pain? Patient: No.';
  it('a finding asked about and answered no is denied', () => {
    expect(status('Reports chest pain.', asked)).toBe('none');
    expect(status('Denies chest pain.', asked)).toBe('supported');
    expect(status('Denies chest pain.', 'Doctor: Any chest pain? Patient: Not really.')).toBe('supported');
    // "Better off dead" asks whether, not how.
    expect(status('Denies thoughts of death.', "Doctor: Any thoughts that you'd be better off dead? Patient: No, not since the summer.")).toBe('supported');
  });
  it('answered yes, a little or sometimes, it is affirmed', () => {
    expect(status('Reports chest pain.', 'Doctor: Any chest pain? Patient: Yeah, sometimes.')).toBe('supported');
    expect(status('Reports chest pain.', 'Doctor: Any chest pain? Patient: A little.')).toBe('supported');
    expect(status('Denies chest pain.', 'Doctor: Any chest pain? Patient: Sometimes.')).toBe('none');
    // How often is a yes.
    expect(status('Doing home exercises twice a day.', 'PT: Are you doing the home exercises? Patient: Twice a day, most days.')).toBe('supported');
  });
  it('a finding only asked about is evidence of nothing', () => {
    expect(status('Smokes.', 'Doctor: Do you smoke? Patient: Let me think about how to say this.')).toBe('none');
    expect(status('Denies smoking.', 'Doctor: Do you smoke? Patient: Let me think about how to say this.')).toBe('none');
  });
  it('an open question takes what it names as given', () => {
    expect(status('Cough.', 'Doctor: How long have you had the cough? Patient: No idea, a while.')).toBe('supported');
  });
  it('a finding named again in the answer is what the answer says of it', () => {
    const t = 'Doctor: Any chest pain or fever? Patient: No chest pain, but I have had a fever.';
    expect(status('Denies fever.', t)).toBe('none');
    expect(status('Reports fever.', t)).toBe('supported');
  });
  it('a side named in a question answered no is not evidence', () => {
    expect(status('Left knee pain.', 'Doctor: Is it your left knee? Patient: No, the right one. The knee pain is bad.')).toBe('partial');
  });
  it('keeps unlabelled text as before', () => {
    expect(status('Reports chest pain.', 'Any chest pain? No.')).toBe('supported');
  });
  it('shows the answer in the excerpt, its cue highlighted', () => {
    const [e] = findEvidence({ sections: { subjective: 'Denies chest pain.' }, sources: { transcript: asked } })[0]!.excerpts;
    expect(asked.slice(e!.range.start, e!.range.end)).toBe(asked);
    expect(e!.highlights.map((h) => asked.slice(h.start, h.end))).toEqual(['chest', 'pain', 'No']);
  });
  it('lists no symptom omission for a finding only asked about', () => {
    expect(findOmissions({}, 'Doctor: Any fever? Patient: Let me think.').map((o) => o.kind)).toEqual([]);
    expect(findOmissions({}, 'Doctor: Any fever? Patient: No.').map((o) => [o.kind, o.negated])).toEqual([['symptom', true]]);
  });
});
