import { describe, expect, it } from 'vitest';
import { carryConsentLine, consentLine, isConsentLine, placeConsentLine, RecordingConsentSchema, withConsent } from './consent';
import { emptySections } from './sections';

// 14:32 UTC on 7 Dec 2026
const AT = Date.UTC(2026, 11, 7, 14, 32, 10);
const note = { subjective: 'Cough for 3 days.', objective: 'T 37.9.', assessment: 'Viral URTI.', plan: 'Fluids.\n' };

describe('consentLine', () => {
  it('says who confirmed and when, in local time', () => {
    expect(consentLine({ confirmedAt: AT, by: 'Dr A. Lee' }, 'UTC')).toBe(
      'Patient consented to audio recording of this visit; confirmed by Dr A. Lee at 14:32 on 7 Dec 2026.',
    );
    expect(consentLine({ confirmedAt: AT, by: 'Dr A. Lee' }, 'America/New_York')).toContain('at 09:32 on 7 Dec 2026');
  });

  it('names "the clinician" when no name was given (or only spaces)', () => {
    expect(consentLine({ confirmedAt: AT }, 'UTC')).toBe('Patient consented to audio recording of this visit; confirmed by the clinician at 14:32 on 7 Dec 2026.');
    expect(consentLine({ confirmedAt: AT, by: '  \n ' }, 'UTC')).toContain('confirmed by the clinician at');
  });

  it('keeps a name to one line', () => {
    expect(consentLine({ confirmedAt: AT, by: 'Dr\nA.   Lee ' }, 'UTC')).toContain('confirmed by Dr A. Lee at');
  });
});

describe('placeConsentLine', () => {
  const line = consentLine({ confirmedAt: AT }, 'UTC');

  it('puts it at the end of Subjective, as a paragraph of its own', () => {
    const placed = placeConsentLine(note, line, 'subjective-end');
    expect(placed.subjective).toBe(`Cough for 3 days.\n\n${line}`);
    expect({ ...placed, subjective: note.subjective }).toEqual(note);
  });

  it('puts it at the start of Subjective', () => {
    expect(placeConsentLine(note, line, 'subjective-start').subjective).toBe(`${line}\n\nCough for 3 days.`);
  });

  it('puts it at the end of Plan', () => {
    const placed = placeConsentLine(note, line, 'plan-end');
    expect(placed.plan).toBe(`Fluids.\n\n${line}`);
    expect(placed.subjective).toBe(note.subjective);
  });

  it('is the whole section when the section is empty', () => {
    expect(placeConsentLine(emptySections(), line, 'subjective-end').subjective).toBe(line);
  });

  it('is not added twice to a note that holds it', () => {
    const once = placeConsentLine(note, line, 'subjective-end');
    expect(placeConsentLine(once, line, 'subjective-end')).toEqual(once);
  });
});

describe('withConsent', () => {
  it('leaves a note without consent as it is', () => {
    expect(withConsent(note, undefined)).toBe(note);
  });

  it('places the line where the recording says', () => {
    const consent = RecordingConsentSchema.parse({ confirmedAt: AT, by: 'Dr Lee', placement: 'plan-end' });
    expect(withConsent(note, consent, 'UTC').plan).toContain('confirmed by Dr Lee at 14:32 on 7 Dec 2026.');
  });

  it('takes an unknown place as the end of Subjective', () => {
    const consent = RecordingConsentSchema.parse({ confirmedAt: AT, placement: 'somewhere' });
    expect(consent.placement).toBe('subjective-end');
  });
});

describe('the consent line and the evidence checks', () => {
  it('claims nothing: it is not counted as a statement without evidence', async () => {
    const { checkEvidence } = await import('./evidence');
    const line = consentLine({ confirmedAt: AT, by: 'Dr A. Lee' }, 'UTC');
    expect(isConsentLine(line)).toBe(true);
    expect(isConsentLine('Patient consented to surgery.')).toBe(false);
    const report = checkEvidence({ sections: { subjective: `Cough for 2 weeks.\n\n${line}` }, sources: { transcript: 'I have had a cough for 2 weeks.' } });
    expect(report.statements.map((s) => [s.text, s.status])).toEqual([
      ['Cough for 2 weeks.', 'supported'],
      [line, 'no-claims'],
    ]);
    expect(report.summary.withoutEvidence).toBe(0);
  });
});

describe('carryConsentLine', () => {
  const line = 'Patient consented to audio recording of this visit; confirmed by the clinician at 14:32 on 7 Dec 2026.';
  it('puts the line back where the old text had it, once', () => {
    expect(carryConsentLine(`Old text.\n\n${line}`, 'New text.')).toBe(`New text.\n\n${line}`);
    expect(carryConsentLine(`${line}\n\nOld text.`, 'New text.')).toBe(`${line}\n\nNew text.`);
    expect(carryConsentLine(`Old.\n\n${line}`, `New.\n\n${line}`)).toBe(`New.\n\n${line}`);
    expect(carryConsentLine(line, '')).toBe(line);
  });
  it('adds nothing to a section that had no line', () => {
    expect(carryConsentLine('Old text.', 'New text.')).toBe('New text.');
  });
});
