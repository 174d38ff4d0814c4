/**
 * The index of the last item whose position is at or before `offset`, in items sorted by position
 * (0 when none is): which piece of a text an offset falls in, found by binary search because the
 * evidence engine asks it for every claim of a long transcript.
 */
export function lastAtOrBefore<T>(items: readonly T[], offset: number, positionOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (positionOf(items[mid]!) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
