import { describe, expect, it } from 'vitest';
import type { NoteSections } from '../sections';
import { evidenceSourcesOf } from '../safety/evidence-sources';
import { spellNumbers } from '../safety/spoken-numbers';
import { checkEvidence } from './index';
import { unsupportedClaimsOf, type UnsupportedClaim } from './unsupported-claims';

const VISIT = { visitDate: '2026-11-20' };

/** The unsupported claims of a note against sources (each source a chart line, as the safety checks send them). */
function findUnsupportedStatements(sections: Partial<NoteSections>, sources: readonly string[], options = VISIT): UnsupportedClaim[] {
  const report = checkEvidence({ sections, sources: { chart: sources.map((text) => ({ label: 'Source', text })) } });
  return unsupportedClaimsOf(report.statements, (s) => sections[s] ?? '', options);
}

const findUnsupportedInText = (note: string, sources: readonly string[], options = VISIT) => findUnsupportedStatements({ plan: note }, sources, options);

/** `kind text` for each unsupported claim in `note` against `sources`. */
function check(note: string, ...sources: string[]): string[] {
  return findUnsupportedInText(note, sources).map((s) => `${s.kind} ${s.text}`);
}

describe('unsupported claims: true positives', () => {
  it('flags doses, vitals, numbers and drugs nobody said, with ranges and explanations', () => {
    const note = 'Amoxicillin 875 mg BID x 10 days. HR 110, BP 150/90. Azithromycin.';
    const found = findUnsupportedInText(note, ['Started amoxicillin, cough for a week.'], VISIT);
    expect(found.map((s) => [s.kind, s.text])).toEqual([
      ['dose', '875 mg'],
      ['number', '10 days'],
      ['vital', 'HR 110'],
      ['vital', 'BP 150/90'],
      ['drug', 'Azithromycin'],
    ]);
    for (const s of found) expect(note.slice(s.range.start, s.range.end)).toBe(s.text);
    expect(found[0]?.explanation).toBe('The dose "875 mg" appears in neither the transcript nor the chart context sent: possibly unsupported.');
    expect(found[4]?.explanation).toBe('Azithromycin is named in neither the transcript nor the chart context sent: possibly unsupported.');
  });

  it('flags a value said with another unit, and says so', () => {
    const [s] = findUnsupportedInText('Ceftriaxone 500 mg IM once', ['ceftriaxone 500 mL'], VISIT);
    expect(s?.explanation).toMatch(/500 appears there only with another unit/);
  });

  it('flags temperatures that do not convert, dates nobody gave, and exam numbers', () => {
    expect(check('Temp 39.4 C', 'fever of 101')).toEqual(['vital Temp 39.4 C']);
    expect(check('Last seen 10/02/2026.', 'last visit was October 1st')).toEqual(['date 10/02/2026']);
    expect(check('Strength 5/5 bilaterally. Pain 7/10.', 'pain is about six out of ten')).toEqual(['number 5/5', 'number 7/10']);
    expect(check('55-year-old woman', 'she is 54')).toEqual(['number 55-year-old']);
  });
});

describe('unsupported claims: supported statements are quiet', () => {
  it('matches "500mg" with "500 mg", "500 milligrams" and a spelled "five hundred"', () => {
    expect(check('Amoxicillin 500mg TID', 'amoxicillin 500 mg three times a day')).toEqual([]);
    expect(check('Amoxicillin 500 mg TID', 'amoxicillin 500 milligrams')).toEqual([]);
    expect(check('Amoxicillin 500 mg', 'amoxicillin five hundred')).toEqual([]);
    expect(check('Augmentin 875 mg BID', 'amoxicillin clavulanate eight seventy-five twice a day')).toEqual([]);
  });

  it('matches temperatures across units and spellings', () => {
    expect(check('T 38.1 C', 'temp 38.1')).toEqual([]);
    expect(check('Temp 38.1°C', 'temperature thirty-eight point one')).toEqual([]);
    expect(check('Temp 38.3 °C', 'fever of a hundred and one')).toEqual([]);
    expect(check('Tmax 101.2 F', 'max temp was 38.4 degrees')).toEqual([]);
    expect(check('Temp 98.6', 'ninety-eight point six')).toEqual([]);
    expect(check('Weight 70 kg', 'she weighs 154 pounds')).toEqual([]);
  });

  it('matches spoken vitals, durations and ratios', () => {
    expect(check('BP 150/90 mmHg, HR 110', 'blood pressure one fifty over ninety, heart rate a hundred and ten')).toEqual([]);
    expect(check('Cough x 3 days, f/u in 2 weeks, pain 7/10', 'three days of cough, come back in two weeks, seven out of ten')).toEqual([]);
    expect(check('Ibuprofen 400 mg twice daily, 1-2 tabs', 'ibuprofen four hundred, one to two tablets twice')).toEqual([]);
  });

  it('does not read list numbers, codes, times, ordinals or frequency abbreviations as statements', () => {
    const note = '1. Cough\n2) Fever\n(3) Sore throat\n - 4. Rest\nA1c pending. SpO2 normal. T2DM. COVID-19 test. J06.9. PRN. 3rd day. #2 problem. Seen 10:30.';
    expect(check(note, '')).toEqual([]);
    expect(check('Return for f/u. 2 f/u visits.', 'two visits')).toEqual([]);
  });

  it('checks a dosing interval written q6h against the one said', () => {
    expect(check('Ibuprofen q6h PRN.', 'ibuprofen every six hours if needed')).toEqual([]);
    expect(check('Ibuprofen q6h PRN.', 'ibuprofen every four hours if needed')).toEqual(['number q6h']);
  });

  it('takes the visit date, and a date in any format, as support', () => {
    expect(check('Visit 11/20/2026', '')).toEqual([]);
    expect(check('Date of service: Nov 20, 2026', '')).toEqual([]);
    expect(check('Prior visit 2026-10-01', '2026-10-01 — Dr. Chen: BP 150/90')).toEqual([]);
    expect(check('Prior visit Oct 1, 2026; BP then 150/90', '2026-10-01 — Dr. Chen: BP 150/90')).toEqual([]);
    expect(check('Follow up December 3', 'come back on the 3rd of December, 12/3')).toEqual([]);
  });

  it('finds a drug by any of its names', () => {
    expect(check('Bactrim DS BID', 'sulfamethoxazole-trimethoprim double strength')).toEqual([]);
    expect(check('Continue Zestril', 'lisinopril 10 mg daily')).toEqual([]);
    expect(check('Hydrocodone PRN', 'Norco 5/325 as needed')).toEqual([]);
  });
});

describe('unsupportedClaimsOf', () => {
  it('reports the section of each statement, in section order', () => {
    const found = findUnsupportedStatements({ plan: 'Recheck in 6 weeks.', objective: 'HR 110' }, ['']);
    expect(found.map((s) => [s.section, s.kind, s.text])).toEqual([
      ['objective', 'vital', 'HR 110'],
      ['plan', 'number', '6 weeks'],
    ]);
  });
});

describe('spellNumbers', () => {
  it('writes spelled numbers in digits, and adds spoken readings', () => {
    expect(spellNumbers('a hundred and one point two, twenty-one, three days, twice')).toBe('101.2, 21, 3 days, 2 times');
    expect(spellNumbers('one fifty over ninety')).toBe('150 over 90');
    expect(spellNumbers('eight seventy-five milligrams')).toBe('8 75 milligrams\n875');
    expect(spellNumbers('two thousand twenty-six')).toBe('2026');
    expect(spellNumbers('Oh, no one came.')).toBe('Oh, no 1 came.');
    expect(spellNumbers('on March fourteenth, the twenty-first of May')).toBe('on March 14, the 21 of May');
    expect(spellNumbers('a second opinion, the first time')).toBe('a second opinion, the first time');
  });
});

describe('unsupported claims: drugs named the other way round', () => {
  it('says a drug the note starts was stopped in the visit, rather than that nobody named it', () => {
    const [s] = findUnsupportedInText('Start lisinopril.', ['Stop the lisinopril, it gave you a cough.']);
    expect(s?.explanation).toBe('Lisinopril is named here, but only as stopped, avoided or not given in what was sent: check which is right.');
  });

  it('takes a charted allergy as support for the note naming that allergy', () => {
    const report = checkEvidence({ sections: { subjective: 'Allergies: Penicillin (rash).' }, sources: evidenceSourcesOf({ transcript: '', context: { patient_info: { allergies: ['Penicillin (rash)'] } } }) });
    expect(report.statements[0]?.status).toBe('supported');
  });
});
