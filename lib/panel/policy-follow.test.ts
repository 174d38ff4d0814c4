import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EffectiveSettings } from '../storage/managed-policy';

type Module = typeof import('./policy-follow');
let followForbiddenExtras: Module['followForbiddenExtras'];
let followSettingsChanges: Module['followSettingsChanges'];
let saveSettings: typeof import('../storage/settings')['saveSettings'];

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  ({ followForbiddenExtras, followSettingsChanges } = await import('./policy-follow'));
  ({ saveSettings } = await import('../storage/settings'));
});

/**
 * The browser reloading policy (chrome://policy's Reload policies, Firefox at start): the fake's
 * managed area fires storage.onChanged with the area `managed`, as the browser does.
 */
const policyBecomes = async (policy: Record<string, unknown>) => {
  await fakeBrowser.storage.managed.clear();
  if (Object.keys(policy).length > 0) await fakeBrowser.storage.managed.set(policy);
};

describe('followForbiddenExtras (the panel’s Include billing codes and Include patient summary)', () => {
  it('locks each extra when a change of policy forbids it and frees it when the policy stops, with no reload', async () => {
    const seen: unknown[] = [];
    const stop = followForbiddenExtras((forbidden) => seen.push(forbidden));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ billingCodes: false, patientSummary: false }));

    await policyBecomes({ allowBillingCodes: false });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ billingCodes: true, patientSummary: false }));
    await policyBecomes({ allowBillingCodes: false, allowPatientSummary: false });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ billingCodes: true, patientSummary: true }));
    // Allowed again (true, or the setting gone from the policy): free again.
    await policyBecomes({ allowBillingCodes: true });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ billingCodes: false, patientSummary: false }));

    stop();
    const count = seen.length;
    await policyBecomes({ allowBillingCodes: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(count);
  });

  it('a malformed value forbids nothing (it is ignored alone)', async () => {
    await fakeBrowser.storage.managed.set({ allowPatientSummary: 'no' });
    const seen: unknown[] = [];
    followForbiddenExtras((forbidden) => seen.push(forbidden));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ billingCodes: false, patientSummary: false }));
  });
});

describe('followSettingsChanges (the panel’s style rules and consent to record)', () => {
  it('follows a change of policy: the organisation’s style rules and consent requirement, then the clinician’s again when it drops them', async () => {
    await saveSettings({ styleRules: [{ text: 'Short sentences.' }], consentRequired: true });
    const seen: EffectiveSettings[] = [];
    followSettingsChanges((s) => seen.push(s));

    await policyBecomes({ styleRules: [{ text: 'Plan as a numbered list.', section: 'plan' }], requireRecordingConsent: false });
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ styleRules: [{ text: 'Plan as a numbered list.', section: 'plan' }], consentRequired: false }));

    await policyBecomes({});
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ styleRules: [{ text: 'Short sentences.' }], consentRequired: true }));
    expect(seen.at(-1)?.managed).toBeUndefined();
  });

  it('follows the clinician’s own save (the options page), and not other storage', async () => {
    const seen: EffectiveSettings[] = [];
    followSettingsChanges((s) => seen.push(s));
    await saveSettings({ consentRequired: false });
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ consentRequired: false }));
    const count = seen.length;
    await fakeBrowser.storage.local.set({ 'panel-layout': { optionsOpen: true } });
    await fakeBrowser.storage.session.set({ other: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(count);
  });
});
