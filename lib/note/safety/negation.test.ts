import { describe, expect, it } from 'vitest';
import { findDrugMentions } from './drug-mentions';
import { isNegated } from './negation';

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
