import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SILENCE_LEVEL, SilenceDetector } from './silence-detector';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

/** A microphone sampled ten times a second, as the level meter does; `level` is what it hears now. */
function setup() {
  const changes: boolean[] = [];
  const detector = new SilenceDetector({ onChange: (silent) => changes.push(silent), now: () => Date.now() });
  let level = 0.5;
  const timer = setInterval(() => detector.hear(level), 100);
  return {
    detector,
    changes,
    set: (next: number) => (level = next),
    stop: () => clearInterval(timer),
  };
}

describe('SilenceDetector', () => {
  it('warns after 10 s with nothing above the threshold, and clears when sound returns', () => {
    const mic = setup();
    mic.detector.listen();
    vi.advanceTimersByTime(3_000);
    mic.set(SILENCE_LEVEL / 2); // room tone only
    vi.advanceTimersByTime(9_900);
    expect(mic.detector.silent).toBe(false);
    vi.advanceTimersByTime(200);
    expect(mic.detector.silent).toBe(true);
    expect(mic.changes).toEqual([true]);
    vi.advanceTimersByTime(30_000);
    expect(mic.changes).toEqual([true]); // told once, not every sample
    mic.set(0.6);
    vi.advanceTimersByTime(100);
    expect(mic.detector.silent).toBe(false);
    expect(mic.changes).toEqual([true, false]);
    mic.stop();
  });

  it('a quiet stretch shorter than 10 s, broken by a word, never warns', () => {
    const mic = setup();
    mic.detector.listen();
    for (let i = 0; i < 6; i++) {
      mic.set(0);
      vi.advanceTimersByTime(8_000);
      mic.set(0.4);
      vi.advanceTimersByTime(200);
    }
    expect(mic.changes).toEqual([]);
    mic.stop();
  });

  it('a muted microphone from the first moment warns after 10 s', () => {
    const mic = setup();
    mic.set(0);
    mic.detector.listen();
    vi.advanceTimersByTime(10_000);
    expect(mic.detector.silent).toBe(true);
    mic.stop();
  });

  it('a pause is not silence: stopping clears the warning, and listening again starts the 10 s afresh', () => {
    const mic = setup();
    mic.set(0);
    mic.detector.listen();
    vi.advanceTimersByTime(10_000);
    expect(mic.detector.silent).toBe(true);
    mic.detector.stop();
    expect(mic.detector.silent).toBe(false);
    vi.advanceTimersByTime(60_000); // paused, silent
    expect(mic.changes).toEqual([true, false]);
    mic.detector.listen();
    vi.advanceTimersByTime(9_000);
    expect(mic.detector.silent).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(mic.detector.silent).toBe(true);
    mic.stop();
  });
});
