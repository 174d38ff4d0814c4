import { describe, expect, it } from 'vitest';
import { readCompactAgeSex } from './compact-banner';

describe('readCompactAgeSex', () => {
  it.each([
    ['Maria Alvarez 68 yo M', 68, 'male'],
    ['Maria Alvarez · 45 y/o F', 45, 'female'],
    ['ALVAREZ, MARIA 72M', 72, 'male'],
    ['Maria Alvarez | F, 34', 34, 'female'],
    ['Maria Alvarez — 34 yrs female', 34, 'female'],
    ['Maria Alvarez 68 y.o. male', 68, 'male'],
    ['Maria Alvarez (68 M)', 68, 'male'],
    ['Maria Alvarez 68yo', 68, undefined],
    ['Maria Alvarez • Male, 68 years', 68, 'male'],
    ['Maria Alvarez   (55 y)', 55, undefined],
    ['Maria Alvarez / 68 / F', 68, 'female'],
    ['Maria Alvarez 68-year-old woman', 68, 'female'],
    ['Maria Alvarez F/34', 34, 'female'],
    ['Maria Alvarez 8 yo F', 8, 'female'],
    ['Maria Alvarez · 101 y · F', 101, undefined],
    ['Maria Alvarez 68 yo Manager', 68, undefined],
    ['Maria Alvarez (68 M) MRN 12345', 68, 'male'],
    ['Maria Alvarez 68 yrs. M', 68, 'male'],
  ])('%s → %s %s', (text, age, sex) => {
    expect(readCompactAgeSex(text)).toEqual(sex ? { age, sex } : { age });
  });

  it.each([
    ['Maria Alvarez · MRN 123 M'],
    ['Maria Alvarez · A12345M'],
    ['Maria Alvarez · Room 4F'],
    ['Maria Alvarez · Bed 12 M-wing'],
    ['Maria Alvarez · Rm 12 F'],
    ['Maria Alvarez · Suite F, 34'],
    ['J. M. Smith'],
    ['Robert Chen M.D. 45 Main St'],
    ['Maria Alvarez · Acct# 77 F'],
    ['Maria Alvarez · Phone F 555-1234'],
    ['Maria Alvarez · Tel 55-123'],
    ['Maria Alvarez · Temp 99 F'],
    ['Maria Alvarez · 98.6 F'],
    ['Maria Alvarez · 99°F'],
    ['Maria Alvarez · Enc 88 M'],
    ['Maria Alvarez · ID: 4M'],
    ['Maria Alvarez · 450 M'],
    ['Maria Alvarez · 12-M'],
    ['Maria Alvarez · 68 m'],
    ['Maria Alvarez · f 34'],
    ['Maria Alvarez 68'],
    ['Maria Alvarez · Floor 3 / F'],
  ])('%s → nothing', (text) => {
    expect(readCompactAgeSex(text)).toEqual({});
  });
});
