// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { nextTask } from './next-task';
import { runAtOnce, runInSlices, type Passes } from './passes';

/** Keeps the main thread for `ms`, as a pass of a real read does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Another task of the page, again and again until stopped: counts how often it got the thread. */
function pageTasks(onTask: (n: number) => void = () => {}): { count: () => number; stop: () => void } {
  let n = 0;
  let stopped = false;
  void (async () => {
    while (!stopped) {
      await nextTask();
      if (!stopped) onTask(++n);
    }
  })();
  return { count: () => n, stop: () => (stopped = true) };
}

/**
 * Ten passes of `passMs` each, noting which of the page's tasks had last run when each pass did;
 * the first reads the page, as a read's first pass reads the identity.
 */
function* tenPasses(passMs: number, seen: number[], tasks: () => number): Passes<string> {
  const text = document.body.textContent ?? '';
  for (let i = 0; i < 10; i++) {
    seen.push(tasks());
    busy(passMs);
    yield;
  }
  return text;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a read in passes', () => {
  it('returns the same at once as in slices', async () => {
    document.body.innerHTML = '<p>Maria Alvarez</p>';
    const none = () => 0;
    expect(runAtOnce(tenPasses(0, [], none))).toBe('Maria Alvarez');
    expect(await runInSlices(() => tenPasses(0, [], none), document)).toBe('Maria Alvarez');
  });

  it('gives the main thread back once a slice has run its time: the page runs between slices, none of them long', async () => {
    document.body.innerHTML = '<p>chart</p>';
    const page = pageTasks();
    const seen: number[] = [];
    await runInSlices(() => tenPasses(3, seen, page.count), document, 5);
    page.stop();
    // 3 ms passes and 5 ms slices: two passes a slice, and the page's tasks ran between them.
    const slices = new Map<number, number>();
    for (const task of seen) slices.set(task, (slices.get(task) ?? 0) + 1);
    expect(slices.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...slices.values())).toBeLessThanOrEqual(2);
  });

  it('in one task when the read is quick (a small chart): nothing waits', async () => {
    document.body.innerHTML = '<p>chart</p>';
    const page = pageTasks();
    const seen: number[] = [];
    await runInSlices(() => tenPasses(0, seen, page.count), document, 50);
    page.stop();
    expect(new Set(seen)).toEqual(new Set([0]));
  });

  it('starts again when the page changes while it waits, so it answers for one state of the page', async () => {
    document.body.innerHTML = '<p>Maria Alvarez</p>';
    let reads = 0;
    const page = pageTasks((n) => {
      if (n === 1) document.querySelector('p')!.textContent = 'Rosalind Achterberg';
    });
    const text = await runInSlices(() => (reads++, tenPasses(3, [], page.count)), document, 5);
    page.stop();
    expect(text).toBe('Rosalind Achterberg');
    expect(reads).toBe(2);
  });

  it('reads in one go when the page changes again during the second attempt', async () => {
    document.body.innerHTML = '<p>first</p>';
    let reads = 0;
    const seen: number[] = [];
    const page = pageTasks((n) => {
      if (n <= 2) document.querySelector('p')!.textContent = `change ${n}`;
    });
    const text = await runInSlices(() => (reads++, tenPasses(3, seen, page.count)), document, 5);
    page.stop();
    expect(text).toBe('change 2');
    expect(reads).toBe(3);
    // The third read's ten passes all ran in one task.
    expect(new Set(seen.slice(-10)).size).toBe(1);
  });
});
