import { describe, expect, it, vi } from 'vitest';
import { createIdleTimeout, type IdleTimeoutDeps } from './idle-timeout';

const MINUTE = 60_000;

/** A fake clock and store: `now` moves only when the test says so, as across a sleeping computer. */
function setup(options: { minutes?: number; busy?: boolean; last?: number } = {}) {
  const state = { now: 10 * MINUTE, last: options.last as number | undefined, busy: options.busy ?? false, notice: true };
  const forget = vi.fn(async (_minutes: number, _now: number) => undefined);
  const deps: IdleTimeoutDeps = {
    now: () => state.now,
    timeoutMinutes: async () => options.minutes ?? 30,
    lastActivity: async () => state.last,
    saveLastActivity: async (at) => void (state.last = at),
    removeNotice: async () => void (state.notice = false),
    busy: async () => state.busy,
    forget,
  };
  return { state, forget, idle: createIdleTimeout(deps) };
}

describe('createIdleTimeout', () => {
  it('starts the clock when there is none (a new browser session, or just after a clear)', async () => {
    const { state, idle, forget } = setup();
    expect(await idle.check()).toBe('started');
    expect(state.last).toBe(state.now);
    expect(forget).not.toHaveBeenCalled();
  });

  it('keeps the data until the whole timeout has passed, then forgets it once and restarts the clock', async () => {
    const { state, idle, forget } = setup({ minutes: 5, last: 10 * MINUTE });
    state.now += 5 * MINUTE - 1;
    expect(await idle.check()).toBe('kept');
    state.now += 1;
    expect(await idle.check()).toBe('cleared');
    expect(forget).toHaveBeenCalledWith(5, state.now);
    expect(state.last).toBe(state.now);
    expect(await idle.check()).toBe('kept');
    expect(forget).toHaveBeenCalledTimes(1);
  });

  it('clears on the first check after a long sleep, however long, with no timer having run', async () => {
    const { state, idle, forget } = setup({ last: 10 * MINUTE });
    state.now += 9 * 60 * MINUTE;
    expect(await idle.check()).toBe('cleared');
    expect(forget).toHaveBeenCalledTimes(1);
  });

  it('activity restarts the clock and puts the notice away', async () => {
    const { state, idle, forget } = setup({ minutes: 5, last: 10 * MINUTE });
    state.now += 4 * MINUTE;
    expect(await idle.activity()).toBe('kept');
    expect(state.last).toBe(state.now);
    expect(state.notice).toBe(false);
    state.now += 4 * MINUTE;
    expect(await idle.check()).toBe('kept');
    expect(forget).not.toHaveBeenCalled();
  });

  it('does not let activity after the timeout ran out keep the data: it is forgotten first, and the notice stays', async () => {
    const { state, idle, forget } = setup({ minutes: 5, last: 10 * MINUTE });
    state.now += 6 * MINUTE;
    expect(await idle.activity()).toBe('cleared');
    expect(forget).toHaveBeenCalledTimes(1);
    expect(state.notice).toBe(true);
  });

  it('never clears during a recording or a running job: that counts as activity', async () => {
    const { state, idle, forget } = setup({ minutes: 5, last: 10 * MINUTE, busy: true });
    state.now += 60 * MINUTE;
    expect(await idle.check()).toBe('busy');
    expect(state.last).toBe(state.now);
    // The job ends (its note arrives): the note gets the whole timeout before it goes.
    state.busy = false;
    state.now += 4 * MINUTE;
    expect(await idle.check()).toBe('kept');
    state.now += MINUTE;
    expect(await idle.check()).toBe('cleared');
    expect(forget).toHaveBeenCalledTimes(1);
  });

  it('forgets once when the alarm, a panel focus and a click arrive together', async () => {
    const { state, idle, forget } = setup({ minutes: 5, last: 10 * MINUTE });
    state.now += 6 * MINUTE;
    const outcomes = await Promise.all([idle.check(), idle.check(), idle.activity()]);
    expect(outcomes).toEqual(['cleared', 'kept', 'kept']);
    expect(forget).toHaveBeenCalledTimes(1);
  });

  it('goes on checking after a failed clear', async () => {
    const { state, idle, forget } = setup({ minutes: 5, last: 10 * MINUTE });
    forget.mockRejectedValueOnce(new Error('storage unavailable'));
    state.now += 6 * MINUTE;
    await expect(idle.check()).rejects.toThrow('storage unavailable');
    expect(await idle.check()).toBe('cleared');
  });
});
