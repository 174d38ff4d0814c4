import { browser } from 'wxt/browser';
import { readManagedPolicy, type EffectiveSettings, type ManagedPolicy } from '../storage/managed-policy';
import { loadSettings } from '../storage/settings';

/** The note extras the organisation's policy forbids: the panel shows them off and locked. */
export interface ForbiddenExtras {
  billingCodes: boolean;
  patientSummary: boolean;
}

export function forbiddenExtrasOf(policy: ManagedPolicy): ForbiddenExtras {
  return { billingCodes: policy.allowBillingCodes === false, patientSummary: policy.allowPatientSummary === false };
}

/**
 * Calls `apply` with what the policy forbids now, and again at each change of policy (the browser
 * reloading it), with no reload of the panel. The background refuses the extras either way
 * (allowedNoteExtras); this is what the panel shows. Returns a function that stops following.
 */
export function followForbiddenExtras(apply: (forbidden: ForbiddenExtras) => void): () => void {
  const read = () => readManagedPolicy().then(({ policy }) => apply(forbiddenExtrasOf(policy)));
  void read();
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void read();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/**
 * Calls `apply` with the settings Chartside uses (the clinician's under the organisation's policy)
 * each time either changes: a save on the options page, or a change of policy. The panel's style
 * rules and its consent to record follow them so, with no reload. Returns a function that stops.
 */
export function followSettingsChanges(apply: (settings: EffectiveSettings) => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'local' && 'settings' in changes) || area === 'managed') void loadSettings().then(apply);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
