import type { EhrRecogniser } from '../adapter';
import { matchesMedplum } from './medplum-match';
import { matchesOpenemr } from './openemr-match';
import { matchesOpenmrs } from './openmrs-match';

/**
 * The EHRs whose adapters load on demand: the chart reader injected into every frame carries only
 * these recognisers (and the generic reader), and asks for an adapter's code when its EHR is seen.
 * Ids and names are the adapters' own (adapters/index.ts; recognisers.test.ts keeps them equal).
 */
export const ON_DEMAND_ADAPTER_IDS = ['openemr', 'openmrs', 'medplum'] as const;
export type OnDemandAdapterId = (typeof ON_DEMAND_ADAPTER_IDS)[number];

export const RECOGNISERS: readonly (EhrRecogniser & { id: OnDemandAdapterId })[] = [
  { id: 'openemr', name: 'OpenEMR', matches: matchesOpenemr },
  { id: 'openmrs', name: 'OpenMRS', matches: matchesOpenmrs },
  { id: 'medplum', name: 'Medplum', matches: matchesMedplum },
];

export function isOnDemandAdapterId(id: string): id is OnDemandAdapterId {
  return (ON_DEMAND_ADAPTER_IDS as readonly string[]).includes(id);
}
