import { describe, expect, it } from 'vitest';
import { levelOfRms, rmsOf } from './level-meter';
import { SILENCE_LEVEL } from './silence-detector';

describe('the level', () => {
  it('is the RMS of the samples', () => {
    expect(rmsOf([])).toBe(0);
    expect(rmsOf([0, 0, 0])).toBe(0);
    expect(rmsOf([1, -1, 1, -1])).toBe(1);
    expect(rmsOf([0.5, -0.5])).toBeCloseTo(0.5);
    const sine = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 48000));
    expect(rmsOf(sine)).toBeCloseTo(Math.SQRT1_2, 3);
  });

  it('maps RMS to 0..1 on a decibel scale: −60 dBFS and below is 0, full scale is 1', () => {
    expect(levelOfRms(0)).toBe(0);
    expect(levelOfRms(Number.NaN)).toBe(0);
    expect(levelOfRms(0.001)).toBeCloseTo(0); // −60 dBFS
    expect(levelOfRms(0.0001)).toBe(0);
    expect(levelOfRms(1)).toBe(1);
    expect(levelOfRms(2)).toBe(1); // clipped input
    expect(levelOfRms(0.0316)).toBeCloseTo(0.5, 2); // −30 dBFS: speech at arm's length sits mid-meter
  });

  it('puts normal speech well above the silence threshold, and a hiss below it', () => {
    expect(levelOfRms(0.05)).toBeGreaterThan(SILENCE_LEVEL * 3); // −26 dBFS
    expect(levelOfRms(0.002)).toBeLessThan(SILENCE_LEVEL); // −54 dBFS
  });
});
