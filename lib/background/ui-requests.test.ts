import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Module = typeof import('./ui-requests');
let handleUiMessage: Module['handleUiMessage'];
let loadApiKey: typeof import('../storage/vault')['loadApiKey'];

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  ({ handleUiMessage } = await import('./ui-requests'));
  ({ loadApiKey } = await import('../storage/vault'));
});

/** The options page: this extension's own page. */
const OPTIONS_PAGE = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const TEST_KEY = 'snapi_sk_test_Q7wErTy8uIoP9aSdF0gH';
const LIVE_KEY = 'snapi_sk_live_Q7wErTy8uIoP9aSdF0gH';

describe('vault:save-key under a policy’s allowedApiKeyKinds', () => {
  it('refuses a test key where the policy allows live keys only, in clear words, and saves nothing', async () => {
    await fakeBrowser.storage.managed.set({ allowedApiKeyKinds: ['live'] });
    const reply = await handleUiMessage({ type: 'vault:save-key', apiKey: TEST_KEY }, OPTIONS_PAGE());
    expect(reply).toMatchObject({ ok: false, error: { message: 'Your organisation does not allow test keys in Chartside. Save a live key in Chartside settings.' } });
    expect(JSON.stringify(reply)).not.toContain(TEST_KEY);
    expect(await loadApiKey()).toBeUndefined();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe('{}');
  });

  it('saves a key of an allowed kind under the same policy', async () => {
    await fakeBrowser.storage.managed.set({ allowedApiKeyKinds: ['live'] });
    const reply = await handleUiMessage({ type: 'vault:save-key', apiKey: LIVE_KEY }, OPTIONS_PAGE());
    expect(reply).toMatchObject({ ok: true });
    expect(await loadApiKey()).toBe(LIVE_KEY);
  });
});
