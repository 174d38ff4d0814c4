import { describe, expect, it } from 'vitest';
import { apiAge, apiChatRole, apiTimestamp, apiVisitDate, typedAge } from './request-values';

describe('apiAge', () => {
  it('keeps a positive whole number of years', () => {
    expect(apiAge(45)).toBe(45);
    expect(apiAge(1)).toBe(1);
  });
  it('leaves out anything the API would refuse', () => {
    for (const age of [0, -3, 45.5, Number.NaN, Number.POSITIVE_INFINITY, 400, '45', null, undefined]) expect(apiAge(age)).toBeUndefined();
  });
  it('reads a typed age only when it is digits', () => {
    expect(typedAge(' 45 ')).toBe(45);
    for (const text of ['45.5', '45y', 'forty', '', '0', '-2']) expect(typedAge(text)).toBeUndefined();
  });
});

describe('apiChatRole', () => {
  it.each([
    ['patient', 'patient'],
    ['Patient', 'patient'],
    ['The patient', 'patient'],
    ['Parent/guardian', 'patient'],
    ['provider', 'provider'],
    ['Dr. Chen', 'provider'],
    ['Dr Chen', 'provider'],
    ['clinician', 'provider'],
    ['Nurse', 'provider'],
    ['nurse jane', 'provider'],
    ['Care team', 'provider'],
    ['Anna Chen, MD', 'provider'],
    ['Jo Park (NP)', 'provider'],
    ['You', 'provider'],
  ] as const)('%s → %s', (author, role) => {
    expect(apiChatRole(author)).toBe(role);
  });

  it('says nothing for an author whose side it cannot tell', () => {
    for (const author of ['unknown', 'maria alvarez', 'Drew Smith', 'Madison', '', '   ', null, undefined]) expect(apiChatRole(author)).toBeUndefined();
  });
});

describe('apiVisitDate', () => {
  it('is the documented YYYY-MM-DD, a timestamp giving the date it shows', () => {
    expect(apiVisitDate('2026-02-15')).toBe('2026-02-15');
    expect(apiVisitDate(' 2026-02-15 ')).toBe('2026-02-15');
    expect(apiVisitDate('2026-02-15T23:30:00-05:00')).toBe('2026-02-15');
  });
  it('is undefined for what is not a calendar date in that form', () => {
    for (const date of ['2026-02-30', '02/15/2026', 'Feb 15, 2026', '2026-2-15', '2026-02-15Tnonsense', '', undefined]) expect(apiVisitDate(date)).toBeUndefined();
  });
});

describe('apiTimestamp', () => {
  it('keeps an ISO 8601 date and time, and nothing else', () => {
    expect(apiTimestamp('2026-03-14T10:00:00Z')).toBe('2026-03-14T10:00:00Z');
    expect(apiTimestamp('2026-03-14T10:00')).toBe('2026-03-14T10:00');
    for (const time of ['yesterday 9:14 AM', '2026-03-14', '14/03/2026 10:00', '', undefined]) expect(apiTimestamp(time)).toBeUndefined();
  });
});
