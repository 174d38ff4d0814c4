import { describe, expect, it } from 'vitest';
import { findDrugMentions } from './drug-mentions';
import { isFindingNegated, isNegated, isNotGivenInEvidence } from './negation';

/** Each drug mention in `text` with whether it is negated. */
function read(text: string): Record<string, boolean> {
  return Object.fromEntries(findDrugMentions(text).map((m) => [m.text, isNegated(text, m.range)]));
}

describe('isNegated', () => {
  it('negates drugs named as not to give', () => {
    expect(read('Avoid NSAIDs given allergy.')).toEqual({ NSAIDs: true });
    expect(read('Discontinue amoxicillin.')).toEqual({ amoxicillin: true });
    expect(read('No penicillins.')).toEqual({ penicillins: true });
    expect(read('Patient is allergic to sulfa.')).toEqual({ sulfa: true });
    expect(read('Hold lisinopril and metformin.')).toEqual({ lisinopril: true, metformin: true });
    expect(read('No NSAIDs or aspirin.')).toEqual({ NSAIDs: true, aspirin: true });
    expect(read('Acetaminophen instead of ibuprofen.')).toEqual({ Acetaminophen: false, ibuprofen: true });
    expect(read('Do not take ibuprofen.')).toEqual({ ibuprofen: true });
    expect(read('Allergies: PCN, sulfa')).toEqual({ PCN: true, sulfa: true });
  });

  it('negates from the words right after the name', () => {
    expect(read('Penicillin allergy noted.')).toEqual({ Penicillin: true });
    expect(read('ibuprofen (allergy)')).toEqual({ ibuprofen: true });
    expect(read('penicillin-allergic patient')).toEqual({ penicillin: true });
    expect(read('Amoxicillin was stopped yesterday.')).toEqual({ Amoxicillin: true });
    expect(read('Lisinopril not tolerated, cough.')).toEqual({ Lisinopril: true });
  });

  it('lets a later affirming cue stand, in both directions', () => {
    expect(read('Stop ibuprofen, start naproxen.')).toEqual({ ibuprofen: true, naproxen: false });
    expect(read('Start amoxicillin, stop cephalexin.')).toEqual({ amoxicillin: false, cephalexin: true });
    expect(read('Switch from amoxicillin to cephalexin.')).toEqual({ amoxicillin: true, cephalexin: false });
    expect(read('If no improvement in 3 days, start amoxicillin.')).toEqual({ amoxicillin: false });
    expect(read('Avoid NSAIDs but acetaminophen is fine.')).toEqual({ NSAIDs: true, acetaminophen: false });
  });

  it('treats hypotheticals as not given, proposals as given', () => {
    expect(read('Amoxicillin would be first line, but given allergy, azithromycin 500 mg.')).toEqual({ Amoxicillin: true, azithromycin: false });
    expect(read('Normally amoxicillin; azithromycin instead.')).toEqual({ amoxicillin: true, azithromycin: false });
    expect(read('Consider amoxicillin if worse.')).toEqual({ amoxicillin: false });
  });

  it('looks only within the clause', () => {
    expect(read('No fever. Start amoxicillin 500 mg.')).toEqual({ amoxicillin: false });
    expect(read('Avoid NSAIDs; ibuprofen 400 mg was given in clinic')).toEqual({ NSAIDs: true, ibuprofen: false });
    expect(read('Stop smoking.\nAmoxicillin 875 mg BID')).toEqual({ Amoxicillin: false });
    expect(read('Amoxicillin 2.5 mg no refills')).toEqual({ Amoxicillin: false });
  });

  it('leaves plain orders alone', () => {
    expect(read('Amoxicillin 875 mg PO BID x 10 days. Ibuprofen 400 mg q6h PRN pain.')).toEqual({ Amoxicillin: false, Ibuprofen: false });
  });
});

/** Whether the first occurrence of `finding` in `text` is read as denied or absent. */
function denied(text: string, finding: string): boolean {
  const start = text.indexOf(finding);
  return isFindingNegated(text, { start, end: start + finding.length });
}

describe('isFindingNegated', () => {
  it('negates denied and absent findings', () => {
    expect(denied('Denies chest pain.', 'chest pain')).toBe(true);
    expect(denied('Negative for fever, chills.', 'chills')).toBe(true);
    expect(denied('No edema.', 'edema')).toBe(true);
    expect(denied('Negative calcaneal squeeze test.', 'squeeze')).toBe(true);
    expect(denied('Chest pain resolved yesterday.', 'Chest pain')).toBe(true);
    expect(denied('Quad lag is gone.', 'Quad')).toBe(true);
    expect(denied('The ankle swelling has resolved.', 'ankle')).toBe(true);
    expect(denied('Pain in the knee is worse, swelling gone.', 'Pain')).toBe(false);
  });

  it('ends the scope at "but reports" and at the end of the clause', () => {
    const text = 'Denies chest pain but reports palpitations.';
    expect(denied(text, 'chest pain')).toBe(true);
    expect(denied(text, 'palpitations')).toBe(false);
    expect(denied('Denies fever. Has a cough.', 'cough')).toBe(false);
    expect(denied('Denies fever, reports cough.', 'cough')).toBe(false);
    expect(denied('Negative for fever, positive for cough.', 'cough')).toBe(false);
  });

  it('reads a list item that says how something is as a statement of its own', () => {
    const text = 'No tenderness over the kidneys, mild tenderness above the pubic bone.';
    expect(denied(text, 'tenderness')).toBe(true);
    expect(isFindingNegated(text, { start: text.lastIndexOf('tenderness'), end: text.lastIndexOf('tenderness') + 10 })).toBe(false);
    expect(denied('No suicidal ideation, insight and judgment fair.', 'judgment')).toBe(false);
    expect(denied('No suicidal ideation, insight and judgment fair.', 'suicidal')).toBe(true);
    // A plain list stays denied.
    expect(denied('No fever, chills, or night sweats.', 'night sweats')).toBe(true);
    expect(denied('Denies chest pain, shortness of breath.', 'shortness of breath')).toBe(true);
    expect(denied('No fever, chills, or tender lymph nodes.', 'lymph nodes')).toBe(true);
  });

  it('does not read an answer\'s "No," or an allergy as denying what follows', () => {
    expect(denied('No, I have an IUD.', 'IUD')).toBe(false);
    expect(denied('Allergy: sulfa (rash).', 'rash')).toBe(false);
    expect(denied('Cannot sleep on the left side, wakes 2 to 3 times a night.', 'sleep')).toBe(true);
    expect(denied('Cannot sleep on the left side, wakes 2 to 3 times a night.', 'wakes')).toBe(false);
    expect(denied('Denies fever, chills.', 'chills')).toBe(true);
    expect(denied('No change in diet.', 'diet')).toBe(false);
    expect(denied('Your kidney function from last week was fine, creatinine 0.9.', 'creatinine')).toBe(false);
    expect(isNegated('Allergy: sulfa (rash).', { start: 9, end: 14 })).toBe(true);
    expect(isNegated('No, I take aspirin daily.', { start: 11, end: 18 })).toBe(false);
  });

  it('keeps affirmed findings, also where the drug rule would negate', () => {
    expect(denied('Reports chest pain associated with exertion.', 'chest pain')).toBe(false);
    expect(denied('Complains of headache.', 'headache')).toBe(false);
    expect(isNegated('Rash associated with amoxicillin.', { start: 0, end: 4 })).toBe(true);
  });
});

describe('isNotGivenInEvidence', () => {
  const at = (text: string, drug: string) => ({ start: text.indexOf(drug), end: text.indexOf(drug) + drug.length });
  it('reads "from" as a change only after a verb of change', () => {
    const cause = 'Watch for dizziness from a higher amlodipine level.';
    expect(isNotGivenInEvidence(cause, at(cause, 'amlodipine'))).toBe(false);
    // The safety checks keep the wider rule.
    expect(isNegated(cause, at(cause, 'amlodipine'))).toBe(true);
    const change = 'Switch from Advil to naproxen twice a day.';
    expect(isNotGivenInEvidence(change, at(change, 'Advil'))).toBe(true);
    expect(isNotGivenInEvidence(change, at(change, 'naproxen'))).toBe(false);
    const moved = 'We switched her from warfarin to apixaban.';
    expect(isNotGivenInEvidence(moved, at(moved, 'warfarin'))).toBe(true);
    expect(isNotGivenInEvidence(moved, at(moved, 'apixaban'))).toBe(false);
  });
});
