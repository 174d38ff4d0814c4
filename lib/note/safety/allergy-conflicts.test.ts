import { describe, expect, it } from 'vitest';
import type { ChartItem } from '../../ehr/chart-context';
import { allergensOf, findAllergyConflicts, type AllergyLine } from './allergy-conflicts';

const source = { adapter: 'generic' };
const allergy = (text: string, i = 0): ChartItem => ({ id: `allergy:${i}`, kind: 'allergy', text, source });

/** `drug → severity` for each conflict found. */
function check(plan: string, ...allergies: (string | AllergyLine)[]): string[] {
  const lines = allergies.map((a, i) => (typeof a === 'string' ? allergy(a, i) : a));
  return findAllergyConflicts(plan, lines).map((c) => `${c.drug} → ${c.severity}`);
}

describe('findAllergyConflicts: true positives', () => {
  it('penicillin allergy and amoxicillin', () => {
    const plan = 'Start amoxicillin 875 mg PO BID x 10 days.';
    const [c, ...rest] = findAllergyConflicts(plan, [allergy('Penicillin (rash)')]);
    expect(rest).toEqual([]);
    expect(c).toEqual({
      drug: 'Amoxicillin',
      generic: 'amoxicillin',
      allergy: 'Penicillin (rash)',
      allergyId: 'allergy:0',
      class: 'penicillins',
      classId: 'penicillins',
      severity: 'conflict',
      explanation: `Amoxicillin is a penicillin, and penicillins are on the chart's allergy list ("Penicillin (rash)").`,
      range: { start: 6, end: 17 },
    });
    expect(plan.slice(c!.range.start, c!.range.end)).toBe('amoxicillin');
  });

  it('reads the ways charts write a penicillin allergy', () => {
    for (const a of ['PCN', 'penicillins', 'Penicillin - hives', 'PENICILLIN G', 'amoxicillin', 'Augmentin']) {
      expect(check('Amoxicillin 500 mg TID', a), a).toEqual(['Amoxicillin → conflict']);
    }
  });

  it('sulfa and Bactrim, sulfonamides and TMP-SMX', () => {
    expect(check('Bactrim DS 1 tab BID x 3 days', 'Sulfa')).toEqual(['Bactrim DS (trimethoprim-sulfamethoxazole) → conflict']);
    expect(check('TMP/SMX for 5 days', 'Sulfonamides (hives)')).toEqual(['TMP/SMX (trimethoprim-sulfamethoxazole) → conflict']);
    expect(check('sulfamethoxazole-trimethoprim', 'sulfa drugs')).toEqual(['Sulfamethoxazole-trimethoprim (trimethoprim-sulfamethoxazole) → conflict']);
  });

  it('NSAIDs and ibuprofen, brand names too', () => {
    expect(check('Ibuprofen 600 mg q6h PRN', 'NSAIDs')).toEqual(['Ibuprofen → conflict']);
    expect(check('Motrin 600 mg q6h PRN', 'NSAIDs')).toEqual(['Motrin (ibuprofen) → conflict']);
    expect(check('Aleve twice daily', 'Non-steroidal anti-inflammatory drugs')).toEqual(['Aleve (naproxen) → conflict']);
  });

  it('aspirin allergy and naproxen: another NSAID, a conflict that says why', () => {
    const [c] = findAllergyConflicts('Naproxen 500 mg BID with food', [allergy('Aspirin (wheezing)')]);
    expect(c?.severity).toBe('conflict');
    expect(c?.explanation).toBe(`Naproxen is an NSAID, like Aspirin, which is on the chart's allergy list ("Aspirin (wheezing)"). Reactions to aspirin or one NSAID often extend to other NSAIDs.`);
  });

  it('NSAID allergy and aspirin: says aspirin is an NSAID', () => {
    const [c] = findAllergyConflicts('Aspirin 81 mg daily', [allergy('NSAIDs')]);
    expect(c?.severity).toBe('conflict');
    expect(c?.explanation).toMatch(/Aspirin is an NSAID, low-dose aspirin included\.$/);
    expect(check('ASA 81 mg daily', 'ibuprofen')).toEqual(['ASA (aspirin) → conflict']);
  });

  it('penicillin allergy and a cephalosporin: a lower-severity caution that says how rare', () => {
    const [c] = findAllergyConflicts('Keflex 500 mg QID x 7 days', [allergy('PCN')]);
    expect(c).toMatchObject({ drug: 'Keflex (cephalexin)', severity: 'cross-reactivity', class: 'cephalosporins' });
    expect(c?.explanation).toMatch(/^Keflex \(cephalexin\) is a cephalosporin, and penicillins are on the chart's allergy list \("PCN"\)\. .*about 1–2%/);
    expect(check('ceftriaxone 1 g IM once', 'amoxicillin')).toEqual(['Ceftriaxone → cross-reactivity']);
    expect(check('Amoxicillin', 'Cephalexin')).toEqual(['Amoxicillin → cross-reactivity']);
    expect(check('Meropenem 1 g IV q8h', 'PCN')).toEqual(['Meropenem → cross-reactivity']);
  });

  it('the same drug, and drugs sharing an ingredient', () => {
    expect(findAllergyConflicts('Augmentin 875 mg BID', [allergy('Amoxicillin')])[0]?.explanation).toBe(
      `Augmentin (amoxicillin-clavulanate) contains amoxicillin, which is on the chart's allergy list ("Amoxicillin").`,
    );
    expect(findAllergyConflicts('Codeine cough syrup', [allergy('codeine - nausea')])[0]?.explanation).toBe(`Codeine is on the chart's allergy list ("codeine - nausea").`);
    expect(findAllergyConflicts('Norco 5/325 q6h PRN', [allergy('Hydrocodone')])[0]?.severity).toBe('conflict');
  });

  it('member-to-member within a class follows the table: opioids and statins are cautions', () => {
    expect(check('Oxycodone 5 mg q6h PRN', 'Codeine')).toEqual(['Oxycodone → cross-reactivity']);
    expect(check('Rosuvastatin 10 mg', 'Atorvastatin (myalgia)')).toEqual(['Rosuvastatin → cross-reactivity']);
    expect(check('Enalapril 5 mg daily', 'Lisinopril (angioedema)')).toEqual(['Enalapril → conflict']);
    expect(check('Levofloxacin 750 mg', 'Cipro')).toEqual(['Levofloxacin → conflict']);
    expect(check('Azithromycin', 'macrolides')).toEqual(['Azithromycin → conflict']);
    expect(check('Doxycycline 100 mg BID', 'Tetracycline')).toEqual(['Doxycycline → conflict']);
    expect(check('Morphine 2 mg IV', 'opiates')).toEqual(['Morphine → conflict']);
  });

  it('a class named in the plan', () => {
    expect(check('Cephalosporin if worse', 'Penicillin')).toEqual(['Cephalosporin → cross-reactivity']);
    expect(check('NSAIDs as needed for pain', 'ibuprofen')).toEqual(['NSAIDs → conflict']);
  });

  it('reports a drug once per allergy, at its first mention, and once for each matching allergy', () => {
    const plan = 'Amoxicillin 500 mg TID. Continue amoxicillin until gone.';
    expect(findAllergyConflicts(plan, [allergy('PCN')]).map((c) => c.range.start)).toEqual([0]);
    expect(check(plan, 'PCN', 'Amoxicillin')).toEqual(['Amoxicillin → conflict', 'Amoxicillin → conflict']);
  });
});

describe('findAllergyConflicts: no false alarms', () => {
  it('says nothing with no allergies, NKDA, or non-drug allergies', () => {
    const plan = 'Amoxicillin 875 mg BID. Ibuprofen PRN. Bactrim DS BID.';
    expect(check(plan)).toEqual([]);
    expect(check(plan, 'NKDA')).toEqual([]);
    expect(check(plan, 'No known drug allergies')).toEqual([]);
    expect(check(plan, 'Latex', 'Peanuts (anaphylaxis)', 'Shellfish', 'Sulfites')).toEqual([]);
  });

  it('ignores chart items of another kind', () => {
    const med: ChartItem = { id: 'medication:0', kind: 'medication', text: 'Penicillin VK 500 mg', source };
    expect(findAllergyConflicts('Amoxicillin 500 mg TID', [med])).toEqual([]);
  });

  it('says nothing about drugs the plan names as not to give', () => {
    expect(check('Avoid NSAIDs given allergy; acetaminophen 1 g q8h PRN.', 'NSAIDs')).toEqual([]);
    expect(check('Discontinue amoxicillin. Start azithromycin 500 mg day 1.', 'Penicillin')).toEqual([]);
    expect(check('No penicillins or cephalosporins.', 'PCN')).toEqual([]);
    expect(check('Patient is allergic to sulfa; nitrofurantoin 100 mg BID x 5 days.', 'Sulfa')).toEqual([]);
    expect(check('Stop ibuprofen and naproxen.', 'Aspirin')).toEqual([]);
    expect(check('Amoxicillin would be first line, but given penicillin allergy, azithromycin 500 mg day 1.', 'Penicillin')).toEqual([]);
  });

  it('but flags a drug ordered next to a negated one, or beside the allergy itself', () => {
    expect(check('Avoid penicillins; start amoxicillin.', 'PCN')).toEqual(['Amoxicillin → conflict']);
    expect(check('Penicillin allergy noted; start amoxicillin 500 mg.', 'PCN')).toEqual(['Amoxicillin → conflict']);
    expect(check('Stop lisinopril, start ibuprofen 400 mg PRN.', 'NSAIDs')).toEqual(['Ibuprofen → conflict']);
    expect(check('Switch from cephalexin to amoxicillin.', 'Penicillin')).toEqual(['Amoxicillin → conflict']);
  });

  it('keeps non-antibiotic sulfonamides and unrelated classes apart', () => {
    expect(check('Furosemide 20 mg daily. HCTZ 25 mg. Celecoxib 200 mg daily.', 'Sulfa')).toEqual([]);
    expect(check('Azithromycin 500 mg then 250 mg daily', 'Penicillin')).toEqual([]);
    expect(check('Acetaminophen 650 mg q6h', 'NSAIDs', 'Codeine')).toEqual([]);
    expect(check('Trimethoprim 100 mg daily', 'Sulfa')).toEqual([]);
  });
});

describe('allergensOf', () => {
  it('reads classes and drugs, and takes "penicillin" for the class', () => {
    expect(allergensOf('Penicillin (rash)')).toEqual([{ kind: 'class', classIds: ['penicillins'], written: 'Penicillin' }]);
    expect(allergensOf('sulfa, ibuprofen')).toEqual([
      { kind: 'class', classIds: ['sulfonamide-antibiotics'], written: 'sulfa' },
      { kind: 'drug', generic: 'ibuprofen', parts: ['ibuprofen'], classes: ['nsaids'], written: 'ibuprofen' },
    ]);
    expect(allergensOf('NKDA')).toEqual([]);
  });
});
