/**
 * Helpers for the tests that feed the same stream cut at every offset: the decoder must produce
 * the same note however the network splits the bytes.
 */

/** The input cut at the given offsets (ascending; a repeated offset gives an empty piece, like an empty read). */
export function cutAt<T extends string | Uint8Array>(input: T, offsets: readonly number[]): T[] {
  const out: T[] = [];
  let prev = 0;
  for (const offset of offsets) {
    out.push(input.slice(prev, offset) as T);
    prev = offset;
  }
  out.push(input.slice(prev) as T);
  return out;
}

/** A ReadableStream that delivers exactly these chunks, one read each. */
export function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** A small seeded random generator (mulberry32), so random cuts are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
