import { describe, expect, it } from 'vitest';
import { findEvidence } from './evidence';
import { LAY_STEMS, LAY_WORDS } from './lay-words';
import { readClaims, stem } from './claims';
import { checkEvidence } from './index';

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

describe('lay words: the table', () => {
  const entries = LAY_WORDS.split(';').map((e) => e.split(':') as [string, string]);
  const findingStems = (text: string) => readClaims(text).filter((c) => c.kind === 'finding').map((c) => c.kind === 'finding' && c.stem);

  it('reads every word as a finding whose stem differs from its clinical stems, with no clinical form listed twice', () => {
    const forms = new Set<string>();
    for (const [clinical, lay] of entries) {
      expect(lay, clinical).toBeTruthy();
      for (const form of clinical.split('/')) {
        expect(forms.has(form), form).toBe(false);
        forms.add(form);
        expect(findingStems(form), form).toEqual([stem(form)]);
        for (const word of lay.split(' ')) {
          expect(findingStems(word), `${form} ← ${word}`).toEqual([stem(word)]);
          expect(stem(word), `${form} ← ${word}`).not.toBe(stem(form));
        }
      }
    }
  });

  it('leaves out clinical words whose meaning is a negation or a lack', () => {
    for (const word of ['afebrile', 'nontender', 'atraumatic', 'anicteric', 'anhedonia', 'anorexia', 'asymptomatic', 'edentulous']) expect(LAY_STEMS.has(stem(word)), word).toBe(false);
  });
});

describe('lay words: exam and history words through checkEvidence', () => {
  const statuses = (note: string, transcript: string) => checkEvidence({ sections: { objective: note }, sources: { transcript } }).statements.map((s) => s.status);
  const cases: [string, string, string][] = [
    ['Tender inguinal lymphadenopathy.', 'Patient: The glands in my groin are swollen and sore.', 'Patient: My neck is sore.'],
    ['Melena.', 'Patient: My stools have been black and tarry.', 'Patient: My stools have been loose.'],
    ['Epistaxis.', 'Patient: I get a nosebleed most mornings.', 'Patient: My nose is stuffy most mornings.'],
    ['Rhinorrhea.', 'Patient: My nose is runny.', 'Patient: My nose is blocked.'],
    ['Ecchymosis over the shin.', 'Patient: There is a big bruise on my shin.', 'Patient: There is a big scab on my shin.'],
    ['Pruritic rash.', 'Patient: The rash is so itchy.', 'Patient: The rash is spreading.'],
    ['Gingival bleeding.', 'Patient: My gums bleed when I brush.', 'Patient: My lips bleed when I brush.'],
    ['Diaphoresis.', 'Patient: I was sweating a lot.', 'Patient: I was shaking a lot.'],
    ['Paresthesias of the fingers.', 'Patient: I get pins and needles in my fingers.', 'Patient: I get cramps in my fingers.'],
    ['Ambulating with a cane.', 'Patient: I am walking with a cane now.', 'Patient: I bought a cane.'],
  ];
  /** Was the note's clinical word (its first) found in the transcript? */
  const clinicalFound = (note: string, transcript: string) =>
    checkEvidence({ sections: { objective: note }, sources: { transcript } }).statements[0]!.claims.find((c) => c.claim.kind === 'finding' && note.toLowerCase().includes(c.claim.text.toLowerCase()) && LAY_STEMS.has(stem(c.claim.text)))?.match !== undefined;
  it.each(cases)('%s: supported by the lay word, not by another', (note, said, other) => {
    expect(statuses(note, said)).toEqual(['supported']);
    expect(clinicalFound(note, other)).toBe(false);
  });

  it('keeps polarity through a lay word', () => {
    expect(statuses('Hematochezia.', 'Doctor: Any bloody stools? Patient: No.')).toEqual(['none']);
    expect(statuses('No hematochezia.', 'Doctor: Any bloody stools? Patient: No.')).toEqual(['supported']);
  });
});
