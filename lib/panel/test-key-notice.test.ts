import { describe, expect, it } from 'vitest';
import { createTestKeyNotice } from './test-key-notice';

function deps(kind: 'test' | 'live' | undefined, seenBefore = false) {
  const state = { seen: seenBefore, kindAsked: 0 };
  return {
    state,
    deps: {
      keyKind: async () => {
        state.kindAsked += 1;
        return kind;
      },
      seen: async () => state.seen,
      markSeen: async () => void (state.seen = true),
    },
  };
}

describe('test key notice', () => {
  it('shows once when a chart is read with a test key, and is remembered as seen', async () => {
    const d = deps('test');
    const notice = createTestKeyNotice(d.deps);
    expect(notice.visible.value).toBe(false);
    await notice.chartRead();
    expect(notice.visible.value).toBe(true);
    expect(d.state.seen).toBe(true);
    notice.dismiss();
    await notice.chartRead(); // the next chart in this panel
    expect(notice.visible.value).toBe(false);
    expect(d.state.kindAsked).toBe(1);
    // Another panel later: already seen.
    const later = createTestKeyNotice(d.deps);
    await later.chartRead();
    expect(later.visible.value).toBe(false);
  });

  it('says nothing for a live key or no key', async () => {
    for (const kind of ['live', undefined] as const) {
      const notice = createTestKeyNotice(deps(kind).deps);
      await notice.chartRead();
      expect(notice.visible.value).toBe(false);
    }
  });

  it('a failed lookup shows nothing and throws nothing', async () => {
    const notice = createTestKeyNotice({ keyKind: () => Promise.reject(new Error('gone')), seen: async () => false, markSeen: async () => {} });
    await expect(notice.chartRead()).resolves.toBeUndefined();
    expect(notice.visible.value).toBe(false);
  });
});
