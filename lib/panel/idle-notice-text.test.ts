import { describe, expect, it } from 'vitest';
import { describeIdleMinutes, idleNoticeText } from './idle-notice-text';

describe('idleNoticeText', () => {
  it('says in plain words what happened and after how long', () => {
    expect(idleNoticeText({ minutes: 30, clearedAt: 0 })).toBe('Patient data was cleared after 30 minutes without activity.');
    expect(idleNoticeText({ minutes: 60, clearedAt: 0 })).toBe('Patient data was cleared after 1 hour without activity.');
    expect(describeIdleMinutes(5)).toBe('5 minutes');
  });
});
