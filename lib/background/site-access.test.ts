import { describe, expect, it, vi } from 'vitest';

const log = vi.hoisted(() => [] as string[]);
const managed = vi.hoisted(() => ({ policy: {} as Record<string, unknown>, registered: [] as string[][], removed: [] as string[] }));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: { get: async () => ({ enabledSites: ['https://ehr.example.org'] }), set: async () => undefined },
      managed: { get: async () => managed.policy },
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

import { applyEnabledSites, disableSite, listEnabledSites } from './site-access';

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
