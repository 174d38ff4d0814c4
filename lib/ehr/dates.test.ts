import { describe, expect, it } from 'vitest';
import { ageOnDate, parseAgeText, parseClinicalDate, parseClinicalDateTime } from './dates';

const TODAY = new Date(2026, 4, 2); // 2 May 2026, local time

describe('parseClinicalDate', () => {
  it.each([
    ['03/14/1971', '1971-03-14'],
    ['3/14/1971', '1971-03-14'],
    ['3/4/1971', '1971-03-04'],
    ['03-14-1971', '1971-03-14'],
    ['1971-03-14', '1971-03-14'],
    ['1971/03/14', '1971-03-14'],
    ['14 Mar 1971', '1971-03-14'],
    ['14-Mar-1971', '1971-03-14'],
    ['14 March 1971', '1971-03-14'],
    ['Mar 14, 1971', '1971-03-14'],
    ['Mar. 14, 1971', '1971-03-14'],
    ['March 14 1971', '1971-03-14'],
    ['March 14th, 1971', '1971-03-14'],
    ['Sept 3, 2001', '2001-09-03'],
    ['14.03.1971', '1971-03-14'],
    ['04.03.1971', '1971-03-04'],
    ['14/03/1971', '1971-03-14'],
    ['1971-03-14T08:30:00Z', '1971-03-14'],
    ['2024-05-02T14:30:00.000-04:00', '2024-05-02'],
    ['DOB: 03/14/1971 (55 y)', '1971-03-14'],
    ['Born Mar 14, 1971 in Springfield', '1971-03-14'],
  ])('%s → %s', (text, iso) => {
    expect(parseClinicalDate(text, TODAY)).toBe(iso);
  });

  it('pivots two-digit years so a date of birth is never in the future', () => {
    expect(parseClinicalDate('3/14/71', TODAY)).toBe('1971-03-14');
    expect(parseClinicalDate('1/2/03', TODAY)).toBe('2003-01-02');
    expect(parseClinicalDate('5/2/26', TODAY)).toBe('2026-05-02'); // today: not in the future
    expect(parseClinicalDate('5/3/26', TODAY)).toBe('1926-05-03'); // tomorrow in 2026 → 1926
    expect(parseClinicalDate('12/31/26', TODAY)).toBe('1926-12-31');
    expect(parseClinicalDate('14.03.71', TODAY)).toBe('1971-03-14');
  });

  it('uses the real clock when no date is given', () => {
    expect(parseClinicalDate('3/14/71')).toBe('1971-03-14');
  });

  it('accepts leap days only in leap years', () => {
    expect(parseClinicalDate('02/29/2000', TODAY)).toBe('2000-02-29');
    expect(parseClinicalDate('02/29/2024', TODAY)).toBe('2024-02-29');
    expect(parseClinicalDate('29 Feb 1996', TODAY)).toBe('1996-02-29');
    expect(parseClinicalDate('02/29/1900', TODAY)).toBeUndefined(); // 1900 is not a leap year
    expect(parseClinicalDate('02/29/2023', TODAY)).toBeUndefined();
    expect(parseClinicalDate('2023-02-29', TODAY)).toBeUndefined();
    expect(parseClinicalDate('29.02.2021', TODAY)).toBeUndefined();
  });

  it.each([
    '02/30/2020',
    '13/13/2020',
    '2020-13-01',
    '2020-04-31',
    '31 Apr 2020',
    'Jun 31, 2020',
    '00/10/2020',
    '10/00/2020',
    '',
    'no date here',
    'Lisinopril 10 mg daily',
    '120/80',
    'BP 120/80/60',
    'Version 1.2.3',
  ])('rejects %j', (text) => {
    expect(parseClinicalDate(text, TODAY)).toBeUndefined();
  });

  it('returns the first date in the text', () => {
    expect(parseClinicalDate('Seen 2024-01-05, follow-up 02/10/2024', TODAY)).toBe('2024-01-05');
    expect(parseClinicalDate('Follow-up 02/10/2024, seen 2024-01-05', TODAY)).toBe('2024-02-10');
  });
});

describe('parseClinicalDateTime', () => {
  it.each([
    ['05/02/2024 2:30 PM', '2024-05-02T14:30'],
    ['05/02/2024 12:05 am', '2024-05-02T00:05'],
    ['May 2, 2024 at 9:15 a.m.', '2024-05-02T09:15'],
    ['2024-05-02 14:30', '2024-05-02T14:30'],
    ['2024-05-02T14:30:00Z', '2024-05-02T14:30:00Z'],
    ['2024-05-02T14:30:00-04:00', '2024-05-02T14:30:00-04:00'],
    ['02 May 2024 14:30:15 UTC', '2024-05-02T14:30:15Z'],
    ['9:15 AM 05/02/2024', '2024-05-02T09:15'],
    ['05/02/2024', '2024-05-02'],
    ['05/02/2024 13:30 PM', '2024-05-02'],
  ])('%s → %s', (text, iso) => {
    expect(parseClinicalDateTime(text, TODAY)).toBe(iso);
  });

  it('is undefined without a date', () => {
    expect(parseClinicalDateTime('2:30 PM', TODAY)).toBeUndefined();
  });
});

describe('ageOnDate', () => {
  it('counts whole years, birthday-aware', () => {
    expect(ageOnDate('1971-03-14', new Date(2026, 2, 13))).toBe(54);
    expect(ageOnDate('1971-03-14', new Date(2026, 2, 14))).toBe(55);
    expect(ageOnDate('1971-03-14', new Date(2026, 11, 31))).toBe(55);
    expect(ageOnDate('2026-05-02', TODAY)).toBe(0);
    expect(ageOnDate('2025-05-03', TODAY)).toBe(0);
    expect(ageOnDate('2025-05-02', TODAY)).toBe(1);
  });

  it('ages a leap-day birthday on 1 March in other years, on 29 February in leap years', () => {
    expect(ageOnDate('2000-02-29', new Date(2023, 1, 28))).toBe(22);
    expect(ageOnDate('2000-02-29', new Date(2023, 2, 1))).toBe(23);
    expect(ageOnDate('2000-02-29', new Date(2024, 1, 28))).toBe(23);
    expect(ageOnDate('2000-02-29', new Date(2024, 1, 29))).toBe(24);
  });

  it('is NaN for an unreadable date', () => {
    expect(ageOnDate('14 Mar 1971', TODAY)).toBeNaN();
    expect(ageOnDate('2023-02-29', TODAY)).toBeNaN();
  });
});

describe('parseAgeText', () => {
  it.each([
    ['70 y', 70],
    ['70y', 70],
    ['70 Y', 70],
    ['70 yo', 70],
    ['70yo', 70],
    ['70 y.o.', 70],
    ['70 y/o', 70],
    ['70 yr', 70],
    ['70 yrs', 70],
    ['70 years', 70],
    ['70 years old', 70],
    ['70-year-old', 70],
    ['a 70-year-old woman', 70],
    ['Age: 70', 70],
    ['Age 70', 70],
    ['AGE: 7', 7],
    ['(70y)', 70],
    ['DOB 03/14/1971 (55 y)', 55],
    ['Maria Alvarez, 67 yo F', 67],
    ['0 y', 0],
    ['101 years', 101],
  ])('%s → %s', (text, age) => {
    expect(parseAgeText(text)).toBe(age);
  });

  it.each(['70 mg', '70 kg', '70 mg daily', 'Weight 70 kg', '', 'Ageless', '140 mm', '7 days', 'Age: 70 kg', '170 years ago is not an age', 'Age: 6 mo'])(
    'is not an age: %j',
    (text) => {
      expect(parseAgeText(text)).toBeUndefined();
    },
  );
});
