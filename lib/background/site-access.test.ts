import { describe, expect, it, vi } from 'vitest';

const log = vi.hoisted(() => [] as string[]);
vi.mock('wxt/browser', () => ({
  browser: {
    storage: { local: { get: async () => ({ enabledSites: ['https://ehr.example.org'] }), set: async () => undefined } },
    permissions: { contains: async () => true },
  },
}));
vi.mock('../platform/content-script-registration', () => ({
  // Slow, as on a loaded computer: each step takes a while, so two callers would interleave.
  syncChartReaderRegistration: async (patterns: string[]) => {
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

import { applyEnabledSites } from './site-access';

describe('applyEnabledSites', () => {
  it('runs one call at a time (the background starting up and an Enable on this site pressed meanwhile)', async () => {
    await Promise.all([applyEnabledSites(), applyEnabledSites()]);
    expect(log).toEqual([
      'registration start 1', 'registration end', 'menus start', 'menus end',
      'registration start 1', 'registration end', 'menus start', 'menus end',
    ]);
  });
});
