import { ADAPTERS } from '@/lib/ehr/adapters';
import { answerInsertRequests } from '@/lib/ehr/content/inserter';

/**
 * The note inserter: injected into the tab's frames by the background only when the clinician
 * inserts (lib/background/insert-note.ts). A plain script, like the chart reader, without the polyfill.
 */
export default defineUnlistedScript(() => {
  answerInsertRequests(ADAPTERS);
});
