import { ADAPTERS } from '@/lib/ehr/adapters';
import { answerChartRequests } from '@/lib/ehr/content/chart-reader';

// Registered at run time, only for the sites the clinician enabled (lib/background/site-access.ts).
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  allFrames: true,
  main() {
    answerChartRequests(ADAPTERS);
  },
});
