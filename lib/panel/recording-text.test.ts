import { describe, expect, it } from 'vitest';
import { formatClock, formatLength, formatSize, startLabels } from './recording-text';

describe('recording text', () => {
  it('shows the clock as m:ss, then h:mm:ss', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(7_999)).toBe('0:07');
    expect(formatClock(754_000)).toBe('12:34');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });

  it('says a length the way it is read aloud', () => {
    expect(formatLength(1_000)).toBe('1 second');
    expect(formatLength(7_400)).toBe('7 seconds');
    expect(formatLength(724_000)).toBe('12 min 4 s');
    expect(formatLength(3_720_000)).toBe('1 h 02 min');
  });

  it('gives sizes in KB and MB', () => {
    expect(formatSize(10)).toBe('1 KB');
    expect(formatSize(180 * 1024)).toBe('180 KB');
    expect(formatSize(2.4 * 1024 * 1024)).toBe('2.4 MB');
  });

  it('names recordings by their local start time, with the date when not today, and keeps the names unique', () => {
    const now = new Date(2026, 10, 25, 16, 0).getTime();
    const at = (day: number, h: number, m: number, s = 0) => new Date(2026, 10, day, h, m, s).getTime();
    expect(startLabels([at(25, 14, 5)], now, 'en-US')).toEqual(['2:05 PM']);
    expect(startLabels([at(24, 9, 30)], now, 'en-US')).toEqual(['Nov 24, 9:30 AM']);
    // Same minute: seconds tell them apart; same second: numbered.
    expect(startLabels([at(25, 14, 5, 10), at(25, 14, 5, 40), at(25, 15, 0)], now, 'en-US')).toEqual(['2:05:10 PM', '2:05:40 PM', '3:00 PM']);
    expect(startLabels([at(25, 14, 5, 10), at(25, 14, 5, 10)], now, 'en-US')).toEqual(['2:05:10 PM', '2:05:10 PM (2)']);
  });
});
