import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Modules = typeof import('./named-templates') & Pick<typeof import('./settings'), 'loadSettings' | 'saveSettings'>;
let m: Modules;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  m = { ...(await import('./named-templates')), ...(await import('./settings')) };
});

describe('saved named templates', () => {
  it('are added, used and removed in the sealed settings, leaving the other settings as they were', async () => {
    await m.saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    await m.addNamedTemplate({ id: 'knee_eval', name: 'Knee evaluation', specialty: 'physical_therapy' }, 1);
    await m.addNamedTemplate({ id: 'daily', name: 'Daily note', specialty: 'physical_therapy' }, 2);
    const used = await m.markTemplateUsed('physical_therapy', 'knee_eval', 3);
    expect(used).toMatchObject({ ok: true });
    const saved = await m.loadSettings();
    expect(saved.apiBaseUrl).toBe('https://proxy.example.org');
    expect(saved.namedTemplates).toEqual([
      { id: 'knee_eval', name: 'Knee evaluation', specialty: 'physical_therapy', lastUsedAt: 3 },
      { id: 'daily', name: 'Daily note', specialty: 'physical_therapy', lastUsedAt: 2 },
    ]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('knee_eval');
    expect((await m.removeNamedTemplate('physical_therapy', 'daily')).ok).toBe(true);
    expect((await m.loadSettings()).namedTemplates.map((t) => t.id)).toEqual(['knee_eval']);
  });

  it('refuse what the model refuses, saving nothing', async () => {
    expect(await m.addNamedTemplate({ id: 'knee eval', name: 'Knee', specialty: 'physical_therapy' })).toMatchObject({ ok: false, message: expect.stringContaining('no spaces') });
    expect((await m.loadSettings()).namedTemplates).toEqual([]);
  });

  it('are not saved over settings Chartside did not seal', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'https://attacker.example' } });
    expect(await m.addNamedTemplate({ id: 'knee_eval', name: 'Knee', specialty: 'physical_therapy' })).toMatchObject({ ok: false, message: expect.stringContaining('changed outside Chartside') });
    expect((await m.loadSettings()).tampered).toBe(true);
  });
});
