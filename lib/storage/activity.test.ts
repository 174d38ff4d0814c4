import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { idleTimeRanOut, loadIdleClearNotice, loadLastActivity, removeIdleClearNotice, saveIdleClearNotice, saveLastActivity } from './activity';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('idleTimeRanOut', () => {
  it('runs out once the whole timeout of wall-clock time has passed', () => {
    const last = 1_000_000;
    expect(idleTimeRanOut(last, last + 5 * 60_000 - 1, 5)).toBe(false);
    expect(idleTimeRanOut(last, last + 5 * 60_000, 5)).toBe(true);
    // A computer asleep for hours: the difference of two clock readings says so, a timer would not.
    expect(idleTimeRanOut(last, last + 8 * 3_600_000, 30)).toBe(true);
  });

  it('treats a clock set back as no time passed', () => {
    expect(idleTimeRanOut(1_000_000, 0, 5)).toBe(false);
  });
});

describe('the stored clock and notice', () => {
  it('live in storage.session only, and unreadable values count as missing', async () => {
    expect(await loadLastActivity()).toBeUndefined();
    await saveLastActivity(1234.7);
    expect(await loadLastActivity()).toBe(1234);
    await saveIdleClearNotice({ minutes: 30, clearedAt: 99 });
    expect(await loadIdleClearNotice()).toEqual({ minutes: 30, clearedAt: 99 });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});

    await fakeBrowser.storage.session.set({ 'idle:last-activity-at': 'yesterday', 'idle:cleared-notice': { minutes: -1, clearedAt: 1 } });
    expect(await loadLastActivity()).toBeUndefined();
    expect(await loadIdleClearNotice()).toBeUndefined();
  });

  it('removes the notice', async () => {
    await saveIdleClearNotice({ minutes: 5, clearedAt: 1 });
    await removeIdleClearNotice();
    expect(await loadIdleClearNotice()).toBeUndefined();
  });
});
