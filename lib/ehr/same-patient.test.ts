import { describe, expect, it } from 'vitest';
import { checkSamePatient, describePatient } from './same-patient';

const MARIA = { name: 'Maria Alvarez', dob: '1971-03-14', mrn: '00482913' };

describe('checkSamePatient', () => {
  it('accepts the same patient however the chart writes the name and MRN', () => {
    expect(checkSamePatient(MARIA, { name: 'ALVAREZ, Maria', dob: '1971-03-14', mrn: '0048-2913' })).toEqual({ ok: true });
    expect(checkSamePatient(MARIA, { name: 'Ms. María Alvarez' })).toEqual({ ok: true });
  });

  it('refuses another patient, naming both', () => {
    const result = checkSamePatient(MARIA, { name: 'John Park', dob: '1980-01-02', mrn: '1234' });
    expect(result).toMatchObject({ ok: false, reason: 'different-patient', found: { name: 'John Park' } });
  });

  it('refuses when any fact both sides show disagrees, even if the name matches', () => {
    expect(checkSamePatient(MARIA, { name: 'Maria Alvarez', dob: '1971-03-15' }).ok).toBe(false);
    expect(checkSamePatient(MARIA, { name: 'Maria Alvarez', mrn: '999' }).ok).toBe(false);
  });

  it('refuses when the tab shows no patient now, or nothing comparable', () => {
    expect(checkSamePatient(MARIA, undefined)).toMatchObject({ ok: false, reason: 'no-patient-now' });
    expect(checkSamePatient(MARIA, {})).toMatchObject({ ok: false, reason: 'no-patient-now' });
    expect(checkSamePatient({ mrn: '1' }, { name: 'Maria Alvarez' }).ok).toBe(false);
  });

  it('allows a note written without a chart (nothing to compare)', () => {
    expect(checkSamePatient(undefined, { name: 'John Park' })).toEqual({ ok: true });
    expect(checkSamePatient({}, undefined)).toEqual({ ok: true });
  });
});

describe('describePatient', () => {
  it('names the patient with the facts that identify them', () => {
    expect(describePatient(MARIA)).toBe('Maria Alvarez (born 1971-03-14, MRN 00482913)');
    expect(describePatient({ name: 'John Park' })).toBe('John Park');
    expect(describePatient(undefined)).toBe('no patient');
  });
});
