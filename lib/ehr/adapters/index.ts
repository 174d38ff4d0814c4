import type { EhrAdapter } from '../adapter';
import { genericAdapter } from '../generic/generic-adapter';
import { medplumAdapter } from './medplum';
import { openemrAdapter } from './openemr';
import { openmrsAdapter } from './openmrs';

/**
 * Every adapter the chart reader tries. The registry picks the one most sure it knows the page;
 * the generic adapter answers every page weakly, so it is the fallback.
 */
export const ADAPTERS: readonly EhrAdapter[] = [openemrAdapter, openmrsAdapter, medplumAdapter, genericAdapter];
