import { medplumAdapter } from '@/lib/ehr/adapters/medplum';
import { registerLoadedAdapter } from '@/lib/ehr/content/loaded-adapters';

/**
 * The Medplum adapter's code, put by the background only into the frames where the chart reader
 * recognised that EHR (lib/background/on-demand-adapters.ts), so other sites never carry it.
 */
export default defineUnlistedScript(() => {
  registerLoadedAdapter(medplumAdapter);
});
