import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_AUDIO_MS, WARN_AUDIO_MS } from './audio-limits';
import { ElapsedClock } from './elapsed-clock';
import { RecordingLimit } from './recording-limit';

const MIN = 60_000;

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

function setup() {
  const clock = new ElapsedClock(() => Date.now());
  const onWarn = vi.fn();
  const onLimit = vi.fn();
  const limit = new RecordingLimit({ clock, onWarn, onLimit });
  return { clock, onWarn, onLimit, limit };
}

describe('RecordingLimit', () => {
  it('warns at 3 h 50 min and stops at 4 h', () => {
    expect(WARN_AUDIO_MS).toBe(230 * MIN);
    expect(MAX_AUDIO_MS).toBe(240 * MIN);
    const { clock, onWarn, onLimit, limit } = setup();
    clock.start();
    limit.run();
    vi.advanceTimersByTime(230 * MIN - 1);
    expect(onWarn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onWarn).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(10 * MIN - 1);
    expect(onLimit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onLimit).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60 * MIN);
    expect(onWarn).toHaveBeenCalledOnce();
    expect(onLimit).toHaveBeenCalledOnce();
  });

  it('counts recorded time only: a pause pushes both deadlines back', () => {
    const { clock, onWarn, onLimit, limit } = setup();
    clock.start();
    limit.run();
    vi.advanceTimersByTime(100 * MIN);
    clock.pause();
    limit.hold();
    vi.advanceTimersByTime(500 * MIN); // a long lunch
    expect(onWarn).not.toHaveBeenCalled();
    clock.resume();
    limit.run();
    vi.advanceTimersByTime(130 * MIN);
    expect(onWarn).toHaveBeenCalledOnce();
    expect(onLimit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10 * MIN);
    expect(onLimit).toHaveBeenCalledOnce();
    expect(clock.elapsedMs()).toBe(240 * MIN);
  });

  it('check() fires a deadline a late timer missed, once', () => {
    const { clock, onWarn, onLimit, limit } = setup();
    clock.start();
    // No run(): as if every timer were throttled. Each saved chunk calls check().
    vi.setSystemTime(241 * MIN);
    expect(limit.check()).toBe(true);
    expect(onWarn).toHaveBeenCalledOnce();
    expect(onLimit).toHaveBeenCalledOnce();
    expect(limit.check()).toBe(true);
    expect(onLimit).toHaveBeenCalledOnce();
  });

  it('leaves no timer behind once held', () => {
    const { clock, limit } = setup();
    clock.start();
    limit.run();
    limit.hold();
    expect(vi.getTimerCount()).toBe(0);
  });
});
