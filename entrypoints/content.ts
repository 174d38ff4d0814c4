import { RECOGNISERS } from '@/lib/ehr/adapters/recognisers';
import { answerChartRequests } from '@/lib/ehr/content/chart-reader';
import { genericReader } from '@/lib/ehr/generic/generic-reader';

/**
 * The chart reader. Registered at run time, only for the sites the clinician enabled
 * (lib/background/site-access.ts), and injected into tabs already open; it is built as a plain
 * (unlisted) script at content-scripts/content.js — see `entrypoints:resolved` in wxt.config.ts:
 * it needs none of WXT's ContentScriptContext, which would bring webextension-polyfill along.
 * It carries the generic reader and only the recognisers of the EHRs with their own adapter: an
 * adapter's code is put into a frame when its EHR is seen there (entrypoints/*-adapter.ts).
 */
export default defineUnlistedScript(() => {
  answerChartRequests([...RECOGNISERS, genericReader]);
});
