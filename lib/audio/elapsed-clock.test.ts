import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElapsedClock } from './elapsed-clock';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('ElapsedClock', () => {
  it('counts running time only, across several pauses', () => {
    const clock = new ElapsedClock(() => Date.now());
    expect(clock.elapsedMs()).toBe(0);
    clock.start();
    vi.advanceTimersByTime(4_000);
    expect(clock.elapsedMs()).toBe(4_000);
    clock.pause();
    vi.advanceTimersByTime(60_000);
    expect(clock.elapsedMs()).toBe(4_000);
    expect(clock.running).toBe(false);
    clock.resume();
    vi.advanceTimersByTime(2_500);
    clock.pause();
    vi.advanceTimersByTime(1_000);
    clock.resume();
    vi.advanceTimersByTime(500);
    expect(clock.elapsedMs()).toBe(7_000);
    expect(clock.running).toBe(true);
  });

  it('ignores a second start or pause', () => {
    const clock = new ElapsedClock(() => Date.now());
    clock.start();
    vi.advanceTimersByTime(1_000);
    clock.start(); // must not restart the stretch
    vi.advanceTimersByTime(1_000);
    clock.pause();
    clock.pause();
    expect(clock.elapsedMs()).toBe(2_000);
  });

  it('never goes backwards if the time source does', () => {
    let now = 10_000;
    const clock = new ElapsedClock(() => now);
    clock.start();
    now = 9_000;
    expect(clock.elapsedMs()).toBe(0);
  });
});
