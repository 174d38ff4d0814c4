import { nextTask } from './next-task';

/**
 * A read written as passes: a generator that `yield`s between short steps of its work (a few
 * hundred text nodes, one heading, one note) and returns what it read. The same passes run either
 * at once, for a caller that wants the answer now (tests, the identity check before an insert), or
 * in slices, for the chart reader in a page (`runInSlices`).
 */
export type Passes<T> = Generator<void, T, void>;

/** Runs every pass now, in one go. */
export function runAtOnce<T>(passes: Passes<T>): T {
  for (;;) {
    const step = passes.next();
    if (step.done) return step.value;
  }
}

/**
 * How long a read keeps the page's main thread before giving it back for a task. A large chart's
 * read takes ~45 ms in a freshly injected reader (its code not yet optimised) and two or three
 * times that on a busy computer: in one task, that is a long task (≥ 50 ms) the page's input and
 * paint wait behind. The clock is the wall's, so a busy computer makes slices no longer, only more;
 * a small chart is still read in a single task.
 */
export const SLICE_MS = 8;

/**
 * Runs the passes `read` makes, giving the main thread back whenever a slice has run `sliceMs`.
 *
 * A read answers for one state of the page, as a read in one task does: if `doc` changes while the
 * read waits between slices, what it has read may no longer be so, and it starts again; if the page
 * changes again during the second attempt, the last one is read in one go.
 */
export async function runInSlices<T>(read: () => Passes<T>, doc: Document, sliceMs = SLICE_MS): Promise<T> {
  let changed = false;
  const observer = new MutationObserver(() => (changed = true));
  observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });
  try {
    let passes = read();
    let restarted = false;
    let sliceStart = performance.now();
    for (;;) {
      const step = passes.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart < sliceMs) continue;
      await nextTask();
      if (changed || observer.takeRecords().length > 0) {
        changed = false;
        if (restarted) return runAtOnce(read());
        restarted = true;
        passes = read();
      }
      sliceStart = performance.now();
    }
  } finally {
    observer.disconnect();
  }
}
