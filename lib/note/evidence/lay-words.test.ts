import { describe, expect, it } from 'vitest';
import { findEvidence } from './evidence';
import { LAY_STEMS } from './lay-words';
import { stem } from './claims';

const status = (statement: string, transcript: string) => findEvidence({ sections: { subjective: statement }, sources: { transcript } })[0]!.status;

describe('lay words: a clinical word rests on what the visit called it', () => {
  it('supports the clinical word by the patient’s', () => {
    expect(status('Dysuria.', 'Patient: It burns when I pee, since Tuesday, so three days.')).toBe('supported');
    expect(status('Myalgia and fatigue.', 'Patient: My muscles ache and I am so tired.')).toBe('supported');
    expect(status('Influenza vaccine.', 'Nurse: Here is your flu shot, the vaccine for this year.')).toBe('supported');
  });

  it('keeps polarity: a lay word denied does not support the clinical word affirmed', () => {
    expect(status('Dysuria.', 'Doctor: Any burning when you pee? Patient: No.')).toBe('none');
    expect(status('Denies dysuria.', 'Doctor: Any burning when you pee? Patient: No.')).toBe('supported');
  });

  it('goes one way: a lay word in the note is not supported by the clinical word', () => {
    expect(status('Filling.', 'Dentist: A composite on number thirty.')).toBe('none');
  });

  it('stems both sides as claims.ts does', () => {
    expect(LAY_STEMS.get(stem('dysuria'))).toContain(stem('burning'));
    for (const [clinical, lay] of LAY_STEMS) expect(lay).not.toContain(clinical);
  });
});
