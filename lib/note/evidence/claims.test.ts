import { describe, expect, it } from 'vitest';
import { readClaims, stem, type Claim } from './claims';

/** One line per claim: kind, polarity, the words, and what was read. */
function describeClaim(c: Claim): string {
  const read =
    c.kind === 'quantity' ? `${c.value}${c.unit ? ` ${c.unit}` : ''} ${c.role}`
    : c.kind === 'ratio' ? `${c.a}/${c.b} ${c.role}`
    : c.kind === 'date' ? (c.iso ?? c.monthDay)
    : c.kind === 'drug' ? (c.isClass ? c.classes.join(',') : c.parts.join('+'))
    : c.kind === 'laterality' ? `${c.side}${c.site ? ` ${c.site}` : ''}`
    : c.stem;
  return `${c.kind}${c.negated ? ' (negated)' : ''}: ${c.text} = ${read}`;
}
const read = (text: string, source = false) => readClaims(text, { source }).map(describeClaim);

describe('readClaims: numbers with units, spoken or written', () => {
  it('reads seconds and lengths in millimetres and centimetres, spoken or written', () => {
    const quantities = (text: string) => read(text, true).filter((l) => l.startsWith('quantity'));
    expect(quantities('Capillary refill is three seconds; the pocket is twenty five millimeters, the ulcer 1.2 centimeters.')).toEqual([
      'quantity: three seconds = 3 second number',
      'quantity: twenty five millimeters = 25 mm number',
      'quantity: 1.2 centimeters = 1.2 cm number',
    ]);
  });


  it('reads spoken doses, durations, percentages and blood pressures as their values, ranged over the words said', () => {
    const text = 'We will do twenty milligrams for three weeks. A1c is 7.4 percent. Pressure is one forty two over eighty eight.';
    const claims = readClaims(text, { source: true }).filter((c) => c.kind === 'quantity' || c.kind === 'ratio');
    expect(claims.map(describeClaim)).toEqual([
      'quantity: twenty milligrams = 20 mg dose',
      'quantity: three weeks = 3 week duration',
      'quantity: 7.4 percent = 7.4 pct number',
      'ratio: one forty two over eighty eight = 142/88 vital',
    ]);
    expect(read('pain is seven out of ten', true)).toContain('ratio: seven out of ten = 7/10 number');
  });

  it('reads written vitals, doses and dates, with their roles', () => {
    expect(read('BP 148/92, HR 88. Lisinopril 20 mg daily since 11/03/2026.').filter((c) => !c.startsWith('finding'))).toEqual([
      'ratio: BP 148/92 = 148/92 vital',
      'quantity: HR 88 = 88 vital',
      'drug: Lisinopril = lisinopril',
      'quantity: 20 mg = 20 mg dose',
      'date: 11/03/2026 = 2026-11-03',
    ]);
  });

  it('keeps 20 mg and 20 mcg apart', () => {
    expect(read('20 mcg')).toEqual(['quantity: 20 mcg = 20 mcg dose']);
    expect(read('20 mg')).toEqual(['quantity: 20 mg = 20 mg dose']);
  });
});

describe('readClaims: drugs, sides and findings', () => {
  it('reads brands as their generic, and classes', () => {
    expect(read('Continue Lipitor. Avoid NSAIDs.').filter((c) => c.startsWith('drug'))).toEqual(['drug: Lipitor = atorvastatin', 'drug (negated): NSAIDs = nsaids']);
  });

  it('reads sides with their site, and "right" that is not a side as nothing', () => {
    expect(read('Left knee effusion, right ankle intact.').filter((c) => c.startsWith('laterality'))).toEqual(['laterality: Left = left knee', 'laterality: right = right ankle']);
    // The part, past the words that say which part of it; "back" is a part itself.
    expect(read('Left big toe pain, right lateral ankle sprain, left back pain.').filter((c) => c.startsWith('laterality'))).toEqual([
      'laterality: Left = left toe',
      'laterality: right = right ankle',
      'laterality: left = left back',
    ]);
    expect(read("That's right, it started right now.", true).filter((c) => c.startsWith('laterality'))).toEqual([]);
    expect(read('Biceps reflex diminished on the right. Fifty to the right, seventy to the left.', true).filter((c) => c.startsWith('laterality'))).toEqual([
      'laterality: right = right',
      'laterality: right = right',
      'laterality: left = left',
    ]);
    expect(read('Swelling in both knees.', true).filter((c) => c.startsWith('laterality'))).toEqual(['laterality: both = bilateral knee']);
  });

  it('reads content words as findings, with negation in scope', () => {
    expect(read('Patient denies chest pain but reports palpitations.')).toEqual([
      'finding (negated): chest = chest',
      'finding (negated): pain = pain',
      'finding: palpitations = palpitation',
    ]);
    expect(read('Follow up as needed.')).toEqual([]);
  });

  it('reads no claim in hedges and fillers', () => {
    expect(read('Glucose around 200 most nights; ongoing fatigue.').filter((c) => c.startsWith('finding'))).toEqual([
      'finding: Glucose = glucose',
      'finding: nights = night',
      'finding: fatigue = fatigue',
    ]);
  });

  it('stems plurals and verb endings alike on both sides', () => {
    expect(['coughs', 'coughing', 'cough'].map(stem)).toEqual(['cough', 'cough', 'cough']);
    expect(['rashes', 'allergies', 'wheezed'].map(stem)).toEqual(['rash', 'allergy', 'wheez']);
  });

  it("gives a clinical word the stem of the patient's word for it", () => {
    expect(['erythema', 'erythematous', 'redness', 'red'].map(stem)).toEqual(['red', 'red', 'red', 'red']);
    expect(['edema', 'swollen', 'swelling'].map(stem)).toEqual(['swell', 'swell', 'swell']);
    expect(['purulent', 'purulence', 'pus', 'tenderness', 'tender', 'painful', 'hurts', 'pain', 'renal', 'kidney'].map(stem)).toEqual([
      'pus', 'pus', 'pus', 'tender', 'tender', 'pain', 'pain', 'pain', 'kidney', 'kidney',
    ]);
    expect(['reduce', 'redo'].map(stem)).toEqual(['reduce', 'redo']);
    expect(['drug', 'drugs', 'medicines', 'medications', 'medical'].map(stem)).toEqual(['drug', 'drug', 'drug', 'drug', 'medical']);
  });
});

describe('readClaims: numbers written or said together', () => {
  const quantities = (text: string) => read(text, true).filter((l) => l.startsWith('quantity'));
  it('reads both sizes of "8 x 6 cm" and "eight by six centimeters" in the unit written once', () => {
    expect(quantities('8 x 6 cm area')).toEqual(['quantity: 8 = 8 cm number', 'quantity: 6 cm = 6 cm number']);
    expect(quantities('about eight by six centimeters')).toEqual(['quantity: eight = 8 cm number', 'quantity: six centimeters = 6 cm number']);
    expect(quantities('take 3 x daily')).toEqual(['quantity: 3 x = 3 times number']);
  });

  it('reads a dose per kilogram said in words as mg/kg', () => {
    expect(quantities('point six milligrams per kilogram, so eight point four milligrams')).toEqual([
      'quantity: point six milligrams per kilogram = 0.6 mg/kg dose',
      'quantity: eight point four milligrams = 8.4 mg dose',
    ]);
  });

  it('reads q6h and q4-6h as every 6 hours, as a visit says them', () => {
    expect(quantities('q6h prn')).toEqual(['quantity: q6h = 6 hour duration']);
    expect(quantities('q4-6h')).toContain('quantity: q4-6h = 4 hour duration');
  });

  it('gives a spoken number’s other reading the unit said after it: "three twenty five milligrams" is 325 mg', () => {
    expect(quantities('three twenty five milligrams')).toEqual([
      'quantity: three twenty five = 3 number',
      'quantity: three twenty five milligrams = 25 mg dose',
      'quantity: three twenty five milligrams = 325 mg dose',
    ]);
  });
});

describe('readClaims: words', () => {
  it('stems -ness onto the word it comes from', () => {
    expect(stem('lightheadedness')).toBe(stem('lightheaded'));
    expect(stem('numbness')).toBe(stem('numb'));
    expect(stem('weakness')).toBe(stem('weak'));
  });

  it('reads a "non" word as its finding, absent', () => {
    expect(read('Nonpurulent cellulitis.')).toContain('finding (negated): Nonpurulent = pus');
    expect(read('Non-tender.')).toContain('finding (negated): Non-tender = tender');
  });

  it('reads "using" as no claim of its own', () => {
    expect(read('Using albuterol.').filter((l) => l.startsWith('finding'))).toEqual([]);
  });
});

