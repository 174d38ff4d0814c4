import { describe, expect, it } from 'vitest';
import { checkEvidence } from './index';

/** A primary-care follow-up visit, and a note with one planted fault of each kind. */
const TRANSCRIPT = [
  'Doctor: Good morning. How have things been since we started the Lipitor?',
  "Patient: Pretty good. I've had some palpitations in the evenings for about two weeks, but no chest pain and no shortness of breath.",
  'Doctor: Any swelling? Patient: My right ankle swells by the end of the day.',
  "Doctor: Your blood pressure today is one forty two over eighty eight, and your A1c came back at 7.4 percent.",
  "Doctor: I'd like to increase the lisinopril from ten to twenty milligrams. Keep taking the metformin five hundred twice a day.",
  "Patient: I'm allergic to penicillin, by the way. Doctor: Noted. Let's follow up in three weeks.",
].join('\n');

const SECTIONS = {
  subjective: [
    'Palpitations in the evenings for 2 weeks.',
    'Reports chest pain.', // flipped negation
    'Left ankle swelling at end of day.', // wrong side
  ].join(' '),
  objective: [
    'BP 148/92.', // changed number
    'A1c 7.4%.',
    'Lungs with crackles at bases.', // invented exam finding
  ].join(' '),
  assessment: 'Hypertension.',
  plan: [
    '1. Continue metformin 500 mg twice daily.',
    '2. Continue rosuvastatin.', // swapped drug (the visit said Lipitor)
    '3. Follow up in 6 weeks.', // wrong interval
  ].join('\n'),
  // Dropped: the lisinopril increase and the penicillin allergy.
};

describe('a visit with planted faults', () => {
  const report = checkEvidence({ sections: SECTIONS, sources: { transcript: TRANSCRIPT } });
  const statusOf = (text: string) => report.statements.find((s) => s.text === text)?.status;

  it('supports what was said', () => {
    expect(statusOf('Palpitations in the evenings for 2 weeks.')).toBe('supported');
    expect(statusOf('A1c 7.4%.')).toBe('supported');
    expect(statusOf('Continue metformin 500 mg twice daily.')).toBe('supported');
  });

  it('marks each planted fault as not (fully) supported', () => {
    expect(statusOf('Reports chest pain.')).toBe('none');
    expect(statusOf('Left ankle swelling at end of day.')).toBe('partial');
    expect(statusOf('BP 148/92.')).toBe('none');
    expect(statusOf('Lungs with crackles at bases.')).toBe('none');
    expect(statusOf('Continue rosuvastatin.')).toBe('none');
    expect(statusOf('Follow up in 6 weeks.')).toBe('none');
  });

  it('lists the dropped medication change, the dropped allergy and the interval said', () => {
    const omissions = report.omissions.map((o) => `${o.kind}: ${o.text}`);
    expect(omissions).toContain('medication: lisinopril');
    expect(omissions).toContain('dose-change: twenty milligrams');
    expect(omissions).toContain('allergy: allergic to penicillin');
    expect(omissions).toContain('follow-up: follow up in three weeks');
    expect(omissions).toContain('medication: Lipitor');
    expect(omissions).toContain('number: one forty two over eighty eight');
  });
});
