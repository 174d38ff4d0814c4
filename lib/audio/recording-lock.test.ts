import { describe, expect, it } from 'vitest';
import { holdRecordingLock, liveRecordingIds } from './recording-lock';

/** Just enough of the Web Locks API: exclusive locks held until their callback's promise settles. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    request: (async (name: string, callback: () => Promise<void>) => {
      held.add(name);
      try {
        await callback();
      } finally {
        held.delete(name);
      }
    }) as unknown as LockManager['request'],
    query: async () => ({ held: [...held, 'someone-else'].map((name) => ({ name, mode: 'exclusive' as const })), pending: [] }),
  };
}

describe('recording locks', () => {
  it('a recording is live while its page holds the lock, and not once released', async () => {
    const locks = fakeLocks();
    const release = holdRecordingLock('rec-1', locks);
    holdRecordingLock('rec-2', locks);
    expect(await liveRecordingIds(locks)).toEqual(new Set(['rec-1', 'rec-2']));
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await liveRecordingIds(locks)).toEqual(new Set(['rec-2']));
  });

  it('without Web Locks nothing counts as live', async () => {
    expect(holdRecordingLock('rec-1', undefined)).toBeTypeOf('function');
    expect(await liveRecordingIds(undefined)).toEqual(new Set());
  });
});
