import { describe, expect, it } from 'vitest';
import { clockTime, expiryOf, expiryText } from './expiry-text';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('expiryText', () => {
  it('counts down in hours, rounding down', () => {
    expect(expiryText(at(24 * HOUR - 1), NOW)).toBe('expires in 23 h');
    expect(expiryText(at(24 * HOUR), NOW)).toBe('expires in 24 h');
    expect(expiryText(at(HOUR), NOW)).toBe('expires in 1 h');
  });

  it('uses minutes under an hour and days beyond two', () => {
    expect(expiryText(at(59 * MIN + 59_000), NOW)).toBe('expires in 59 min');
    expect(expiryText(at(30_000), NOW)).toBe('expires in under a minute');
    expect(expiryText(at(72 * HOUR), NOW)).toBe('expires in 3 days');
  });

  it('says expired at and after expires_at', () => {
    expect(expiryText(at(0), NOW)).toBe('expired');
    expect(expiryText(at(-5 * MIN), NOW)).toBe('expired');
    expect(expiryOf(at(0), NOW)).toEqual({ kind: 'expired' });
  });

  it('says expired once the API answered 404, even if the time has not come', () => {
    expect(expiryText(at(10 * HOUR), NOW, true)).toBe('expired');
  });

  it('says so when the API gave no (readable) expiry', () => {
    expect(expiryText(undefined, NOW)).toBe('expiry not given by the API');
    expect(expiryText('tomorrow-ish', NOW)).toBe('expiry not given by the API');
    expect(expiryOf(undefined, NOW)).toEqual({ kind: 'unknown' });
  });
});

describe('clockTime', () => {
  it('is the local 24-hour time, zero-padded', () => {
    const d = new Date(2026, 2, 2, 9, 5);
    expect(clockTime(d.getTime())).toBe('09:05');
    expect(clockTime(new Date(2026, 2, 2, 22, 42).getTime())).toBe('22:42');
  });
});
