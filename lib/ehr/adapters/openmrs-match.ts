import { isIgnoredElement } from '../visibility';

/**
 * How sure we are that a page is OpenMRS 3's (see openmrs.ts for the markup). Apart from the
 * adapter because the chart reader injected into every frame carries only this; the adapter itself
 * is loaded into a frame once this says it is O3's (lib/ehr/adapters/recognisers.ts).
 */
export function matchesOpenmrs(doc: Document, url: URL): number {
  const spaUrl = SPA_PATH.test(url.pathname);
  const banner = findBanner(doc) !== undefined;
  const shell = doc.querySelector('[data-extension-slot-name]') !== null;
  if (spaUrl && (banner || shell)) return 100;
  // O3 served under another base path: its extension system plus its banner is still unmistakable.
  if (banner && shell) return 60;
  // An O3 page with no chart on it (home, login): ours, though there is nothing to read.
  return spaUrl ? 10 : 0;
}

const BANNER_SELECTOR = 'header[aria-label="patient banner"], [data-extension-id="patient-banner"] > header';
const SPA_PATH = /\/openmrs\/spa(?:\/|$)/;

/** The patient banner the page shows (the adapter reads it; recognising the page needs only that it is there). */
export function findBanner(doc: Document): Element | undefined {
  return Array.from(doc.querySelectorAll(BANNER_SELECTOR)).find((el) => !isIgnoredElement(el));
}
