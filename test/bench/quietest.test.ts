import { describe, expect, it } from 'vitest';
import { loadCell, quietest, type Loaded } from './quietest';

const run = (p50: number, start: number, end = start): Loaded<{ p50: number }> => ({ value: { p50 }, load: { start, end } });

describe('quietest', () => {
  it('reports the run with the lowest figure, whatever its place', () => {
    const runs = [run(40, 1), run(22, 3), run(31, 0.5)];
    const q = quietest(runs, (v) => v.p50);
    expect(q.value.p50).toBe(22);
    expect(q.index).toBe(1);
    expect(q.load).toEqual({ start: 3, end: 3 });
  });

  it('between equal figures, takes the run measured under less load', () => {
    const q = quietest([run(20, 2.5), run(20, 0.7, 0.9), run(20, 1.2)], (v) => v.p50);
    expect(q.index).toBe(1);
  });

  it('skips a run with no figure, and fails with no runs at all', () => {
    expect(quietest([run(NaN, 0), run(35, 1)], (v) => v.p50).index).toBe(1);
    expect(() => quietest([], (v: { p50: number }) => v.p50)).toThrow('no runs');
  });
});

describe('loadCell', () => {
  it('shows the higher of the two readings, and says busy above the core count', () => {
    expect(loadCell({ start: 0.4, end: 1.26 }, 2)).toBe('1.26');
    expect(loadCell({ start: 3.1, end: 2.2 }, 2)).toBe('3.10 (busy: > 2 cores)');
    expect(loadCell(undefined, 2)).toBe('–');
  });
});
