import { ADAPTERS } from '@/lib/ehr/adapters';
import { answerChartRequests } from '@/lib/ehr/content/chart-reader';

/**
 * The chart reader. Registered at run time, only for the sites the clinician enabled
 * (lib/background/site-access.ts), and injected into tabs already open; it is built as a plain
 * (unlisted) script at content-scripts/content.js — see `entrypoints:resolved` in wxt.config.ts:
 * it needs none of WXT's ContentScriptContext, which would bring webextension-polyfill along.
 */
export default defineUnlistedScript(() => {
  answerChartRequests(ADAPTERS);
});
