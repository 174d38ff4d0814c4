import type { EhrRecogniser } from './adapter';

/**
 * Picks the adapter (or recogniser, in the chart reader that loads adapters on demand) most sure it
 * knows this page. The generic adapter must be in the list: it matches every page weakly, so any
 * EHR-specific adapter that recognises the page wins over it.
 */
export function pickAdapter<T extends EhrRecogniser>(adapters: readonly T[], doc: Document, url: URL): T {
  let best: T | undefined;
  let bestScore = 0;
  for (const adapter of adapters) {
    let score = 0;
    try {
      score = adapter.matches(doc, url);
    } catch {
      // An adapter that chokes on a page does not know it.
    }
    if (score > bestScore) {
      best = adapter;
      bestScore = score;
    }
  }
  if (!best) throw new Error('No adapter matched: the generic adapter must be registered.');
  return best;
}
