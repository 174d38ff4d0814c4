import { describe, expect, it } from 'vitest';
import { findOmissions } from './omissions';

const VISIT =
  "Doctor: How have you been? Patient: Tired, and I get headaches in the morning. No fever. " +
  "I'm allergic to penicillin, it gives me hives. I still take the Lipitor. " +
  "Doctor: Your pressure is one forty two over eighty eight, so let's increase the lisinopril to forty milligrams. " +
  "Doctor: Let's follow up in three weeks.";

/** `kind: text` for each omission of `note` against the visit. */
const omitted = (sections: Record<string, string>, transcript = VISIT) => findOmissions(sections, transcript).map((o) => `${o.kind}: ${o.text}`);

describe('findOmissions', () => {
  it('lists what was said and is nowhere in the note, with its transcript range', () => {
    const found = findOmissions({ subjective: 'Fatigue.' }, VISIT);
    expect(found.map((o) => `${o.kind}: ${o.text}`)).toEqual([
      'symptom: headaches',
      'symptom: fever',
      'allergy: allergic to penicillin',
      'symptom: hives',
      'medication: Lipitor',
      'number: one forty two over eighty eight',
      'medication: lisinopril',
      'dose-change: forty milligrams',
      'follow-up: follow up in three weeks',
    ]);
    for (const o of found) {
      expect(VISIT.slice(o.range.start, o.range.end)).toBe(o.text);
      expect(o.excerpt.start).toBeLessThanOrEqual(o.range.start);
      expect(o.excerpt.end).toBeGreaterThanOrEqual(o.range.end);
    }
    expect(found.find((o) => o.text === 'fever')?.negated).toBe(true);
  });

  it('lists nothing when the note covers it all, by other names and written forms', () => {
    const note = {
      subjective: 'Fatigue and morning headaches. Denies fever. Hives with penicillin (PCN allergy). On atorvastatin.',
      objective: 'BP 142/88.',
      plan: 'Increase lisinopril to 40 mg daily. Follow up in 3 weeks.',
    };
    expect(omitted(note)).toEqual([]);
  });

  it('keeps a dose with another unit, a different interval and a different side of a number as omissions', () => {
    const note = {
      subjective: 'Fatigue, morning headaches, no fever. Hives with penicillin. On atorvastatin.',
      objective: 'BP 148/92.',
      plan: 'Increase lisinopril to 40 mcg daily. Follow up in 2 weeks.',
    };
    expect(omitted(note)).toEqual(['number: one forty two over eighty eight', 'dose-change: forty milligrams', 'follow-up: follow up in three weeks']);
  });

  it('reads follow-up intervals however they are said', () => {
    expect(omitted({}, 'We will see you back in a month.')).toEqual(['follow-up: see you back in a month']);
    expect(omitted({ plan: 'RTC 1 month.' }, 'We will see you back in a month.')).toEqual([]);
    expect(omitted({}, 'Come back in 6 weeks for a recheck.')).toEqual(['follow-up: Come back in 6 weeks']);
  });

  it('is empty without a transcript', () => {
    expect(findOmissions({ plan: 'Start lisinopril.' }, '')).toEqual([]);
  });
});

describe('findOmissions: what is not an omission', () => {
  it('takes a question about allergies for no allergy, and still lists a named one', () => {
    const transcript = 'Doctor: Any allergies? Are you allergic to any medicines? Patient: Only a latex allergy.';
    expect(findOmissions({}, transcript).map((o) => [o.kind, o.text])).toEqual([['allergy', 'latex allergy']]);
  });

  it('lists a bare decimal (a measurement) but not a bare whole number (a count or a score)', () => {
    const transcript = 'Doctor: Your A1c was five point nine. You have three kids? Patient: Yes.';
    expect(findOmissions({}, transcript).map((o) => [o.kind, o.text])).toEqual([['number', 'five point nine']]);
  });
});

describe('findOmissions: a dose belongs to its drug', () => {
  it('lists a changed dose the note writes only for another drug', () => {
    const transcript = "Pharmacist: Let's lower the omeprazole to twenty milligrams a day.";
    expect(findOmissions({ plan: '1. Continue lisinopril 20 mg daily.\n2. Continue omeprazole.' }, transcript).map((o) => [o.kind, o.text])).toEqual([
      ['dose-change', 'twenty milligrams'],
    ]);
    expect(findOmissions({ plan: '1. Continue lisinopril 20 mg daily.\n2. Omeprazole lowered to 20 mg daily.' }, transcript)).toEqual([]);
  });
});

describe('findOmissions: repeats', () => {
  it('lists a thing said twice once, where it was first said', () => {
    const transcript = 'Any cough? A cough, yes. The cough is worse at night.';
    const found = findOmissions({}, transcript);
    expect(found.map((o) => [o.kind, o.text, o.range.start])).toEqual([['symptom', 'cough', 4]]);
  });
});

describe('findOmissions: readings, vitals and denials', () => {
  it('takes a spoken number as in the note when any of its readings is', () => {
    expect(omitted({ objective: 'BP 112/70.' }, 'Doctor: It is one twelve over seventy.')).toEqual([]);
    expect(omitted({ plan: 'Ferrous sulfate 325 mg daily.' }, 'Doctor: Ferrous sulfate, three twenty five milligrams.')).toEqual([]);
    expect(omitted({ plan: 'Ferrous sulfate daily.' }, 'Doctor: Ferrous sulfate, three twenty five milligrams.')).not.toEqual([]);
  });

  it('lists a vital sign said as a bare number that the note lacks', () => {
    expect(omitted({ objective: 'Afebrile.' }, 'Doctor: Heart rate is ninety six.')).toEqual(['number: Heart rate is ninety six']);
    expect(omitted({ objective: 'HR 96.' }, 'Doctor: Heart rate is ninety six.')).toEqual([]);
    expect(omitted({ objective: 'Afebrile.' }, 'Patient: My pulse is around sixty two.')).toEqual(['number: pulse is around sixty two']);
  });

  it('lists a symptom the patient had that the note only denies, but not a warning sign named', () => {
    const visit = 'Doctor: Numbness? Patient: Yes, the toes go numb after I walk.';
    expect(omitted({ subjective: 'Denies numbness of the toes.' }, visit)).toEqual(['symptom: numb']);
    expect(omitted({ subjective: 'Toes go numb with walking.' }, visit)).toEqual([]);
    expect(omitted({ subjective: 'Denies fever.' }, 'Patient: I feel fine. Nurse: Call us if you get a fever.')).toEqual([]);
  });
});

