import { beforeEach, describe, expect, it, vi } from 'vitest';

// Chrome's registration API, recorded: what the background does to the chart reader at each start.
const scripting = vi.hoisted(() => ({
  registered: [] as { id: string; js: string[]; matches: string[] }[],
  calls: [] as string[],
}));
vi.mock('wxt/browser', () => ({
  browser: {
    scripting: {
      getRegisteredContentScripts: async () => scripting.registered,
      unregisterContentScripts: async () => {
        scripting.calls.push('unregister');
        scripting.registered = [];
      },
      registerContentScripts: async (scripts: { id: string; js: string[]; matches: string[] }[]) => {
        scripting.calls.push('register');
        scripting.registered = scripts;
      },
      updateContentScripts: async (scripts: { id: string; js: string[]; matches: string[] }[]) => {
        scripting.calls.push('update');
        scripting.registered = scripts;
      },
    },
  },
}));

import { CHART_READER_FILE, syncChartReaderRegistration } from './content-script-registration';

describe('syncChartReaderRegistration', () => {
  beforeEach(() => {
    scripting.calls = [];
    scripting.registered = [{ id: 'chartside-chart-reader', js: [CHART_READER_FILE], matches: ['https://ehr.example.org/*'] }];
  });

  it('leaves a registration that already matches alone (no moment in which a chart page loads without a reader)', async () => {
    await syncChartReaderRegistration(['https://ehr.example.org/*']);
    expect(scripting.calls).toEqual([]);
  });

  it('changes a registration in place, never removing it first', async () => {
    await syncChartReaderRegistration(['https://ehr.example.org/*', 'https://clinic.example.net/*']);
    expect(scripting.calls).toEqual(['update']);
    expect(scripting.registered[0]?.matches).toEqual(['https://ehr.example.org/*', 'https://clinic.example.net/*']);
  });

  it('registers when there is none, and removes it when no site is enabled', async () => {
    scripting.registered = [];
    await syncChartReaderRegistration(['https://ehr.example.org/*']);
    await syncChartReaderRegistration([]);
    expect(scripting.calls).toEqual(['register', 'unregister']);
  });
});
