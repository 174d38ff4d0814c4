import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Modules = typeof import('./style-rules') & Pick<typeof import('./settings'), 'loadSettings' | 'saveSettings'>;
let m: Modules;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  m = { ...(await import('./style-rules')), ...(await import('./settings')) };
});

describe('saved style rules', () => {
  it('are replaced by a save and added to one at a time, leaving the other settings as they were', async () => {
    await m.saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    expect(await m.saveStyleRules([{ text: 'Be brief.' }])).toEqual({ ok: true, rules: [{ text: 'Be brief.' }] });
    expect(await m.addStyleRule({ text: 'As a numbered list.', section: 'plan' })).toEqual({
      ok: true,
      rules: [{ text: 'Be brief.' }, { text: 'As a numbered list.', section: 'plan' }],
    });
    expect(await m.loadSettings()).toMatchObject({ apiBaseUrl: 'https://proxy.example.org', styleRules: [{ text: 'Be brief.' }, { text: 'As a numbered list.', section: 'plan' }] });
  });

  it('refuse rules the model refuses, and keep the saved ones', async () => {
    await m.saveStyleRules([{ text: 'Be brief.' }]);
    expect(await m.addStyleRule({ text: 'x'.repeat(501) })).toMatchObject({ ok: false, message: expect.stringContaining('at most 500') });
    expect((await m.loadSettings()).styleRules).toEqual([{ text: 'Be brief.' }]);
  });

  it('are not saved over settings Chartside did not seal (that would lift the block on API calls)', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'https://attacker.example' } });
    expect(await m.addStyleRule({ text: 'Be brief.' })).toMatchObject({ ok: false, message: expect.stringContaining('changed outside Chartside') });
    expect(await m.saveStyleRules([{ text: 'Be brief.' }])).toMatchObject({ ok: false });
    expect((await m.loadSettings()).tampered).toBe(true);
  });

  it('are not saved while the organisation’s policy sets them; the policy’s rules are the ones in use, the clinician’s kept for later', async () => {
    await m.saveStyleRules([{ text: 'Be brief.' }]);
    const storage = fakeBrowser.storage as unknown as { managed?: { get(): Promise<unknown> } };
    storage.managed = { get: async () => ({ styleRules: [{ text: 'Plan as a numbered list.', section: 'plan' }] }) };
    try {
      expect(await m.addStyleRule({ text: 'No abbreviations.' })).toMatchObject({ ok: false, message: expect.stringContaining('Your organisation sets the style rules') });
      expect(await m.saveStyleRules([])).toMatchObject({ ok: false });
      expect(await m.loadSettings()).toMatchObject({ styleRules: [{ text: 'Plan as a numbered list.', section: 'plan' }], managed: ['styleRules'] });
    } finally {
      delete storage.managed;
    }
    // The policy gone, the clinician's own rules are back, untouched.
    expect((await m.loadSettings()).styleRules).toEqual([{ text: 'Be brief.' }]);
  });
});
