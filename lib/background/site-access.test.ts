import { describe, expect, it, vi } from 'vitest';

const log = vi.hoisted(() => [] as string[]);
const managed = vi.hoisted(() => ({
  policy: {} as Record<string, unknown>,
  registered: [] as string[][],
  removed: [] as string[],
  listeners: [] as ((changes: Record<string, unknown>, area: string) => void)[],
}));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: { get: async () => ({ enabledSites: ['https://ehr.example.org'] }), set: async () => undefined },
      managed: { get: async () => managed.policy },
      onChanged: { addListener: (listener: (changes: Record<string, unknown>, area: string) => void) => void managed.listeners.push(listener) },
    },
    permissions: { contains: async () => true, remove: async ({ origins }: { origins: string[] }) => void managed.removed.push(...origins) },
  },
}));
vi.mock('../platform/content-script-registration', () => ({
  // Slow, as on a loaded computer: each step takes a while, so two callers would interleave.
  syncChartReaderRegistration: async (patterns: string[]) => {
    managed.registered.push(patterns);
    log.push(`registration start ${patterns.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    log.push('registration end');
  },
  injectChartReader: async () => undefined,
}));
vi.mock('./selection-capture', () => ({
  syncSelectionMenus: async () => {
    log.push('menus start');
    await new Promise((resolve) => setTimeout(resolve, 20));
    log.push('menus end');
  },
}));

import { applyEnabledSites, disableSite, followPolicySites, listEnabledSites } from './site-access';

describe('applyEnabledSites', () => {
  it('runs one call at a time (the background starting up and an Enable on this site pressed meanwhile)', async () => {
    await Promise.all([applyEnabledSites(), applyEnabledSites()]);
    expect(log).toEqual([
      'registration start 1', 'registration end', 'menus start', 'menus end',
      'registration start 1', 'registration end', 'menus start', 'menus end',
    ]);
  });
});

describe('sites the organisation enables (policy)', () => {
  it('get the chart reader beside the clinician’s own, and cannot be stopped from Chartside', async () => {
    managed.policy = { enabledSites: ['https://ehr.example.org', 'https://clinic-ehr.example'] };
    managed.registered.length = 0;
    expect((await listEnabledSites()).map((s) => s.origin)).toEqual(['https://ehr.example.org', 'https://clinic-ehr.example']);
    await applyEnabledSites();
    expect(managed.registered.at(-1)).toEqual(['https://ehr.example.org/*', 'https://clinic-ehr.example/*']);
    await expect(disableSite('https://clinic-ehr.example')).rejects.toThrow(/your organisation set it/);
    expect(managed.removed).toEqual([]);
  });

  it('a malformed policy list changes nothing: the clinician’s sites stay, and only they', async () => {
    managed.policy = { enabledSites: 'https://clinic-ehr.example' };
    expect((await listEnabledSites()).map((s) => s.origin)).toEqual(['https://ehr.example.org']);
    managed.policy = {};
  });
});

describe('followPolicySites (the background, at start-up)', () => {
  /** The browser reloading policy: storage.onChanged for the area `managed`, the new policy in place. */
  const policyChanges = (policy: Record<string, unknown>) => {
    managed.policy = policy;
    for (const listener of managed.listeners) listener({ enabledSites: { newValue: policy.enabledSites } }, 'managed');
  };
  /** What the one registration the change caused registered, once its run ended. */
  const registeredNow = () => vi.waitFor(() => {
    expect(managed.registered).toHaveLength(1);
    expect(log.at(-1)).toBe('menus end');
    return managed.registered[0];
  });

  it('gives a site the policy starts enabling the chart reader at once, and takes it away when the policy drops it, with no restart', async () => {
    managed.policy = {};
    managed.listeners.length = 0;
    followPolicySites();
    expect(managed.listeners).toHaveLength(1);

    managed.registered.length = 0;
    policyChanges({ enabledSites: ['https://clinic-ehr.example'] });
    expect(await registeredNow()).toEqual(['https://ehr.example.org/*', 'https://clinic-ehr.example/*']);

    managed.registered.length = 0;
    policyChanges({});
    expect(await registeredNow()).toEqual(['https://ehr.example.org/*']);
  });

  it('leaves the registrations alone on a change of the clinician’s own storage (Enable on this site applies itself)', async () => {
    managed.registered.length = 0;
    for (const listener of managed.listeners) listener({ settings: { newValue: {} } }, 'local');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(managed.registered).toEqual([]);
  });
});
