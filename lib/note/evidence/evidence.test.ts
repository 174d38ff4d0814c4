import { describe, expect, it } from 'vitest';
import { findEvidence, type StatementEvidence } from './evidence';
import type { EvidenceSources } from './sources';

/** The mark of the one statement of a one-statement plan. */
function mark(statement: string, sources: EvidenceSources | string): StatementEvidence {
  const [evidence] = findEvidence({ sections: { plan: statement }, sources: typeof sources === 'string' ? { transcript: sources } : sources });
  return evidence!;
}
const status = (statement: string, sources: EvidenceSources | string) => mark(statement, sources).status;

const TRANSCRIPT =
  "Doctor: What brings you in today? Patient: My heart has been racing, palpitations, for about three weeks. No chest pain though. " +
  "Doctor: Any swelling? Patient: My left knee has been swollen. Doctor: Your blood pressure is one forty two over eighty eight. " +
  "Your A1c came back at 7.4 percent. We'll start Lipitor twenty milligrams at night.";

describe('findEvidence: marks', () => {
  it('marks a statement whose claims are all in the transcript as supported, with the words to highlight', () => {
    const e = mark('Palpitations for 3 weeks.', TRANSCRIPT);
    expect(e.status).toBe('supported');
    const [excerpt] = e.excerpts;
    expect(excerpt?.source).toEqual({ kind: 'transcript' });
    expect(excerpt!.highlights.map((h) => TRANSCRIPT.slice(h.start, h.end))).toEqual(['palpitations', 'three weeks']);
    expect(TRANSCRIPT.slice(excerpt!.range.start, excerpt!.range.end)).toBe('Patient: My heart has been racing, palpitations, for about three weeks.');
  });

  it('says who said it, when the transcript labels its speakers', () => {
    expect(mark('Palpitations.', TRANSCRIPT).excerpts.map((e) => e.speaker)).toEqual(['Patient']);
    expect(mark('BP 142/88.', TRANSCRIPT).excerpts.map((e) => e.speaker)).toEqual(['Doctor']);
    expect(mark('Palpitations.', 'heart racing, palpitations').excerpts.map((e) => e.speaker)).toEqual([undefined]);
  });

  it('marks partial, none and no-claims', () => {
    expect(status('Palpitations for 6 weeks.', TRANSCRIPT)).toBe('partial');
    expect(status('Fever to 39 C.', TRANSCRIPT)).toBe('none');
    expect(status('Follow up as needed.', TRANSCRIPT)).toBe('no-claims');
  });

  it("does not hold an Assessment's unsaid conclusion against it, but checks its numbers and drugs", () => {
    const assessment = (text: string) => findEvidence({ sections: { assessment: text }, sources: { transcript: TRANSCRIPT } })[0]!.status;
    expect(status('Paroxysmal supraventricular tachycardia.', TRANSCRIPT)).toBe('none');
    expect(assessment('Paroxysmal supraventricular tachycardia.')).toBe('no-claims');
    expect(assessment('Palpitations, likely paroxysmal supraventricular tachycardia.')).toBe('supported');
    expect(assessment('Palpitations for 6 weeks, likely paroxysmal tachycardia.')).toBe('partial');
    expect(assessment('Hyperlipidemia, on simvastatin.')).toBe('none');
  });

  it('gives every statement of every section, in note order, with ranges in its section', () => {
    const sections = { subjective: 'Palpitations for three weeks. No chest pain.', plan: '1. Start atorvastatin 20 mg nightly.' };
    const all = findEvidence({ sections, sources: { transcript: TRANSCRIPT } });
    expect(all.map((s) => [s.section, s.text, s.status])).toEqual([
      ['subjective', 'Palpitations for three weeks.', 'supported'],
      ['subjective', 'No chest pain.', 'supported'],
      ['plan', 'Start atorvastatin 20 mg nightly.', 'supported'],
    ]);
    expect(sections.plan.slice(all[2]!.range.start, all[2]!.range.end)).toBe('Start atorvastatin 20 mg nightly.');
  });
});

describe('findEvidence: matching rules', () => {
  it('does not let a denied finding support an affirmed one, or the reverse', () => {
    expect(status('Reports chest pain.', TRANSCRIPT)).toBe('none');
    expect(status('Denies chest pain.', TRANSCRIPT)).toBe('supported');
    expect(status('Denies palpitations.', TRANSCRIPT)).toBe('none');
    const scoped = 'Patient denies chest pain but reports palpitations.';
    expect(status('Palpitations.', scoped)).toBe('supported');
    expect(status('Chest pain.', scoped)).toBe('none');
  });

  it('keeps left and right apart', () => {
    expect(status('Left knee swelling.', 'my left knee is swelling')).toBe('supported');
    expect(status('Right knee swelling.', 'my left knee is swelling')).toBe('partial');
    expect(mark('Right knee swelling.', 'my left knee is swelling').claims.find((c) => c.claim.kind === 'laterality')?.match).toBeUndefined();
    // The side must sit by its site: a right hand elsewhere does not support a right knee.
    expect(mark('Right knee swelling.', 'my left knee is swelling and my right hand is fine').claims.find((c) => c.claim.kind === 'laterality')?.match).toBeUndefined();
    expect(status('Bilateral knee swelling.', 'both knees are swelling')).toBe('supported');
    // A site that is part of a sided one: the interspace of the right foot is a right interspace.
    expect(status('Neuroma, right third interspace.', 'a neuroma in the third interspace of the right foot')).toBe('supported');
    expect(status('Neuroma, left third interspace.', 'a neuroma in the third interspace of the right foot')).toBe('partial');
    expect(status('Left knee pain.', 'the pain is in my knee, the left one. Right. Okay.')).toBe('supported');
    // A part is in its region: the left heel is in the left foot, a right TKA is the right knee.
    expect(status('Left heel pain.', 'the pain is under my left foot')).toBe('supported');
    expect(status('Right TKA.', 'since your right knee replacement')).toBe('supported');
    expect(status('Right heel pain.', 'the pain is under my left foot')).toBe('partial');
    // The site is the part, past the words that say which part of it.
    expect(status('Left hallux ingrown nail.', 'my left big toe hurts at the nail, it is ingrown')).toBe('supported');
    expect(status('Right hallux ingrown nail.', 'my left big toe hurts at the nail, it is ingrown, and my right hand is fine')).toBe('partial');
    // "On the right side" is the site's side when the visit names no other.
    expect(status('Sore spot on the right ridge.', 'a sore spot, the bottom one is rubbing on the right side')).toBe('supported');
    expect(status('Sore spot on the right ridge.', 'a sore spot, the bottom one is rubbing on the right side, and my left knee hurts')).toBe('partial');
  });

  it('matches spoken numbers with their unit, and not another unit or another value', () => {
    expect(status('BP 142/88.', TRANSCRIPT)).toBe('supported');
    expect(status('BP 148/92.', TRANSCRIPT)).toBe('none');
    expect(status('BP 142/92.', TRANSCRIPT)).toBe('none');
    expect(status('A1c 7.4%.', TRANSCRIPT)).toBe('supported');
    expect(status('Atorvastatin 20 mg.', TRANSCRIPT)).toBe('supported');
    expect(status('Atorvastatin 20 mcg.', TRANSCRIPT)).toBe('partial');
    expect(status('Amlodipine 5 mg.', 'amlodipine five')).toBe('supported');
    expect(status('Temp 38.3 C.', 'she had a fever of a hundred and one')).toBe('supported');
    expect(status('Fever to 38.3 C.', 'she had a fever of a hundred and one')).toBe('supported');
    expect(status('Fever to 39.4 C.', 'she had a fever of a hundred and one')).toBe('partial');
    expect(status('Weight 38.3 kg.', 'a fever of a hundred and one')).toBe('none');
    expect(status('Amlodipine 5 mg.', 'amlodipine five micrograms, I walk five blocks')).toBe('partial');
  });

  it('matches a drug by its generic, whichever name each side used, and a class by its members', () => {
    expect(status('Start atorvastatin.', 'start Lipitor')).toBe('supported');
    expect(status('Start Lipitor.', 'start atorvastatin')).toBe('supported');
    expect(status('Start a statin.', 'start atorvastatin')).toBe('supported');
    expect(status('Start rosuvastatin.', 'start atorvastatin')).toBe('none');
    expect(status('Continue lisinopril.', 'stop the lisinopril')).toBe('none');
  });

  it('reads common abbreviations as the words said', () => {
    expect(status('Denies SOB.', 'no shortness of breath')).toBe('supported');
    expect(status('Reports SOB.', 'no shortness of breath')).toBe('none');
    expect(status('HTN, well controlled.', 'your hypertension is well controlled')).toBe('supported');
  });

  it('takes a bare number beside a score out of ten as a score out of ten, and only there', () => {
    const said = 'Patient: Pain is about a three out of ten, five after the stairs. I walk five blocks.';
    expect(status('Pain 3/10, 5/10 after stairs.', said)).toBe('supported');
    expect(status('Pain 3/10, 6/10 after stairs.', said)).toBe('partial');
    expect(status('Pain 3/10.', 'Patient: Pain is about a three. I walk five blocks out of ten.')).toBe('partial');
  });

  it('takes "a week" for 1 week, but not "twice a week"', () => {
    expect(status('Call if not better in 1 week.', 'Doctor: If you are not better in a week, call us.')).toBe('supported');
    expect(status('Recheck in 1 week.', 'Doctor: Come twice a week; we will recheck in two weeks.')).toBe('partial');
  });

  it('reads abbreviations, hedges, nights and adverbs of side as a visit says them', () => {
    expect(status('Full-coverage crown after RCT.', 'Dentist: After the root canal, fourteen will need a crown.')).toBe('supported');
    expect(status('Order ABI.', "Doctor: With the faint pulses, I'd like an ankle-brachial index test.")).toBe('supported');
    expect(status('Has an IUD; pregnancy unlikely.', 'NP: Any chance you could be pregnant? Patient: No, I have an IUD.')).toBe('supported');
    expect(status('Toe swelling for 2 days.', 'Patient: My toe swelled up two nights ago.')).toBe('supported');
    expect(status('Nails thickened bilaterally.', 'Doctor: The toenails on both feet are thickened.')).toBe('supported');
  });

  it('reads "No change in X" as denying the change, and "reduce" as claiming nothing', () => {
    expect(status('No change in diet.', 'Pharmacist: Any changes in what you eat, salads, greens? Patient: No, same as always.')).toBe('supported');
    expect(status('Reduce dietary salt.', "Doctor: Try to cut the salt down.")).toBe('supported');
  });

  it('takes a bare number for an interval only with the unit beside it', () => {
    const visit = "Patient: Advil, four of them at a time. Dentist: We'll finish the root canal in two weeks.";
    expect(status('Finish the root canal in 4 weeks.', visit)).toBe('partial');
    expect(status('Finish the root canal in 2 weeks.', visit)).toBe('supported');
    expect(status('Tylenol for 4 days.', 'Doctor: Keep the Tylenol going for four more days.')).toBe('supported');
  });

  it('reads a negative test as nothing found on it', () => {
    expect(status('Negative calcaneal squeeze test.', 'Doctor: No pain when I squeeze the heel bone from the sides.')).toBe('supported');
    expect(status('Positive squeeze test.', 'Doctor: No pain when I squeeze the heel bone from the sides.')).toBe('none');
  });

  it('reads a bare number answering a scale of ten as the score', () => {
    const visit = 'NP: How bad is it, zero to ten? Patient: About a seven when I bend, three when I am resting.';
    expect(status('Pain 7/10 with bending, 3/10 at rest.', visit)).toBe('supported');
    expect(status('Pain 8/10 with bending.', visit)).toBe('partial');
    expect(status('Pain 5/10.', 'Doctor: The pain is there. We will scale back to five of the tablets.')).toBe('partial');
    expect(status('Mood 5/10.', 'Doctor: Your mood, on a scale of one to ten? Patient: Maybe a five.')).toBe('supported');
    expect(status('Pain 7/10.', 'Patient: My pain, I walk seven blocks.')).toBe('partial');
  });

  it('reads NKDA as no allergies, in the note and in the chart', () => {
    expect(status('NKDA.', 'Doctor: Any allergies to medicines? Patient: No, none.')).toBe('supported');
    expect(status('NKDA.', 'Patient: I am allergic to penicillin.')).toBe('none');
    expect(status('No known allergies.', { transcript: '', chart: [{ label: 'Allergies', text: 'Allergy: NKDA' }] })).toBe('supported');
    expect(status('No known drug allergies.', 'Doctor: Any allergies to medicines? Patient: No.')).toBe('supported');
  });

  it('reads a drug named in the answer to "Any allergies?" as the allergy it is', () => {
    const visit = 'NP: Any allergies? Patient: Sulfa, it gives me a rash.';
    expect(status('Allergy: sulfa (rash).', visit)).toBe('supported');
    expect(status('Sulfa allergy.', visit)).toBe('supported');
    // Taking it is another matter.
    expect(status('Takes sulfa daily.', visit)).not.toBe('supported');
    expect(status('Takes lisinopril daily.', 'NP: Any allergies? Patient: Sulfa. I take lisinopril every day.')).toBe('supported');
    expect(status('Allergy: sulfa.', 'NP: Any allergies? Patient: No. NP: Are you on any antibiotics? Patient: Sulfa.')).not.toBe('supported');
  });

  it('matches dates in any format', () => {
    expect(status('Colonoscopy 03/14/2026.', 'colonoscopy on March 14th, 2026')).toBe('supported');
    expect(status('Sulfa allergy.', "I'm allergic to sulfa")).toBe('supported');
    expect(status('Colonoscopy 03/15/2026.', 'colonoscopy on March 14th, 2026')).toBe('partial');
    expect(status('Colonoscopy 03/14/2026.', 'colonoscopy on March fourteenth')).toBe('supported');
    expect(status('Colonoscopy 03/14/2026.', 'colonoscopy on March fifteenth')).toBe('partial');
  });

  it('finds evidence in chart lines, history and messages, naming the source', () => {
    const sources: EvidenceSources = {
      chart: [{ label: 'Medications', text: 'Metformin 500 mg twice daily' }],
      history: 'Type 2 diabetes since 2019.',
      messages: [{ role: 'patient', text: 'My sugars have been high in the mornings.' }],
    };
    expect(mark('Metformin 500 mg.', sources).excerpts.map((e) => e.source)).toEqual([{ kind: 'chart', index: 0, label: 'Medications' }]);
    expect(mark('Morning sugars high.', sources).excerpts.map((e) => e.source)).toEqual([{ kind: 'message', index: 0, role: 'patient' }]);
    expect(mark('Diabetes.', sources).excerpts.map((e) => e.source)).toEqual([{ kind: 'history' }]);
  });
});

describe('findEvidence: paraphrase', () => {
  const said = 'Patient: It burns when I pee, and I have been getting up at night to pee, about three times.';

  it('takes a statement most of whose words were said as supported, though a word is the note’s own', () => {
    // "dysuria" is the note's word for what was said; "burns", "night" were said.
    expect(status('Burns at night, dysuria.', said)).toBe('supported');
  });

  it('counts a found number with the found words', () => {
    expect(status('Age 82.', "Patient: I'm eighty two.")).toBe('supported');
    expect(status('Age 82, frail, housebound.', "Patient: I'm eighty two.")).toBe('partial');
  });

  it('marks a statement with more than 60% of its claims unfound words as partly supported', () => {
    expect(status('Burns, with hematuria and flank pain.', said)).toBe('partial');
    expect(status('Burns at night; dysuria, hematuria, urgency.', said)).toBe('supported');
  });

  it('always marks a number or side nobody said, however well the words match', () => {
    expect(status('Burns at night, up 4 times.', said)).toBe('partial');
    expect(status('Burns at night on the left.', said)).toBe('partial');
  });
});

describe('findEvidence: numbers a visit says its own way', () => {
  it('supports a size, a blood pressure, a dose by weight and an interval said in words, and not another value', () => {
    expect(status('8 x 6 cm area.', 'about eight by six centimeters')).toBe('supported');
    expect(status('8 x 6 cm area.', 'about eight by five centimeters')).not.toBe('supported');
    expect(status('Home BP 110/70.', 'About one ten over seventy')).toBe('supported');
    expect(status('Home BP 112/70.', 'About one ten over seventy')).not.toBe('supported');
    expect(status('Dexamethasone 0.6 mg/kg.', 'dexamethasone, point six milligrams per kilogram')).toBe('supported');
    expect(status('Dexamethasone 0.6 mg/kg.', 'dexamethasone, point six milligrams')).not.toBe('supported');
    expect(status('Call 911 for blue lips.', 'call nine one one if your lips look blue')).toBe('supported');
    expect(status('Ibuprofen q6h.', 'ibuprofen every six hours')).toBe('supported');
    expect(status('Ferrous sulfate 325 mg.', 'ferrous sulfate three twenty five milligrams')).toBe('supported');
  });
});

