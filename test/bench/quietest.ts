/**
 * Repeated timings on a shared machine: each timing benchmark measures in several runs (batches),
 * notes the machine's load during each, and reports the quietest — the run with the lowest figure,
 * since other work only ever adds time — together with the load during it, so that a row measured
 * under load says so. Runs under Node's type stripping: erasable syntax only.
 */
import os from 'node:os';

/** The 1-minute load average at a run's start and end. */
export interface RunLoad {
  start: number;
  end: number;
}

export interface Loaded<T> {
  value: T;
  load: RunLoad;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function loadNow(): number {
  return round2(os.loadavg()[0]!);
}

/** Runs `fn`, noting the load average before and after. */
export async function withLoad<T>(fn: () => Promise<T>): Promise<Loaded<T>> {
  const start = loadNow();
  const value = await fn();
  return { value, load: { start, end: loadNow() } };
}

/** The load during a run, one number: the higher of its two readings (the cautious one). */
export function loadDuring(load: RunLoad): number {
  return Math.max(load.start, load.end);
}

/**
 * The quietest of `runs`: the lowest `figure`; between equal figures, the lower load. Throws on no
 * runs, and ignores runs whose figure is not a number (NaN) unless all are.
 */
export function quietest<T>(runs: Loaded<T>[], figure: (value: T) => number): Loaded<T> & { index: number } {
  if (runs.length === 0) throw new Error('no runs to choose from');
  let best = -1;
  for (let i = 0; i < runs.length; i++) {
    const f = figure(runs[i]!.value);
    if (Number.isNaN(f)) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = figure(runs[best]!.value);
    if (f < b || (f === b && loadDuring(runs[i]!.load) < loadDuring(runs[best]!.load))) best = i;
  }
  if (best < 0) best = 0;
  return { ...runs[best]!, index: best };
}

/** The table's load cell: the load during the run, marked when it was above the machine's cores. */
export function loadCell(load: RunLoad | undefined, cores = os.cpus().length): string {
  if (!load) return '–';
  const during = loadDuring(load);
  return `${during.toFixed(2)}${during > cores ? ` (busy: > ${cores} cores)` : ''}`;
}
