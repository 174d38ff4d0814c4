/**
 * The chart reader's page-side code, and nothing else: the entry of the standalone bundle that
 * read-chart.ts injects into the benchmark page to time `readChart` in the page's own JS realm.
 * The same modules the content script imports (entrypoints/content.ts → lib/ehr).
 */
export { ADAPTERS } from '../../lib/ehr/adapters/index.ts';
export { pickAdapter } from '../../lib/ehr/registry.ts';
