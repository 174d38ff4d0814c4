import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Vault = typeof import('./vault');

const API_KEY = 'snapi_sk_live_Q7wErTy8uIoP9aSdF0gH';
const SECRET = API_KEY.replace('snapi_sk_live_', '');

/** A fresh copy of the module (empty in-memory cache, no open database), over whatever IndexedDB is global now. */
async function freshVault(): Promise<Vault> {
  vi.resetModules();
  return import('./vault');
}

async function everythingInLocal(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

let vault: Vault;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vault = await freshVault();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('vault', () => {
  it('keeps neither the key nor its secret part readable in storage.local', async () => {
    await vault.saveApiKey(API_KEY);
    const local = await everythingInLocal();
    expect(local).not.toBe('{}'); // something was saved…
    expect(local).not.toContain(API_KEY); // …but not the key
    expect(local).not.toContain(SECRET);
    expect(local).not.toContain(SECRET.slice(0, 8));
    // Nor as the byte values of its text.
    const bytes = [...new TextEncoder().encode(SECRET)].join(',');
    expect(local).not.toContain(bytes);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['vault']);
    // storage.session is not for the key either.
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(SECRET);
  });

  it('uses a fresh IV each time, so the same key never gives the same ciphertext', async () => {
    await vault.saveApiKey(API_KEY);
    const first = await everythingInLocal();
    await vault.saveApiKey(API_KEY);
    expect(await everythingInLocal()).not.toBe(first);
  });

  it('loads the key it saved', async () => {
    expect(await vault.loadApiKey()).toBeUndefined();
    await vault.saveApiKey(API_KEY);
    expect(await vault.loadApiKey()).toBe(API_KEY);
  });

  it('decrypts the key again after the module (and its cache) is reloaded', async () => {
    await vault.saveApiKey(API_KEY);
    const reloaded = await freshVault(); // same fake IndexedDB, same storage.local
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    expect(await reloaded.loadApiKey()).toBe(API_KEY);
    expect(decrypt).toHaveBeenCalledTimes(1); // really read from storage, not a cache
    expect(await reloaded.loadApiKey()).toBe(API_KEY);
  });

  it('replaces a saved key', async () => {
    await vault.saveApiKey(API_KEY);
    await vault.saveApiKey('snapi_sk_test_replacement123');
    expect(await vault.loadApiKey()).toBe('snapi_sk_test_replacement123');
    expect(await (await freshVault()).loadApiKey()).toBe('snapi_sk_test_replacement123');
  });

  it('forgets the key on clear, in this module and after a reload', async () => {
    await vault.saveApiKey(API_KEY);
    await vault.clearApiKey();
    expect(await vault.loadApiKey()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await (await freshVault()).loadApiKey()).toBeUndefined();
  });

  it('after clear, a ciphertext put back in storage.local can no longer be decrypted (the wrapping key is gone)', async () => {
    await vault.saveApiKey(API_KEY);
    const stolen = await fakeBrowser.storage.local.get('vault');
    await vault.clearApiKey();
    await fakeBrowser.storage.local.set(stolen);
    const reloaded = await freshVault();
    expect(await reloaded.loadApiKey()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('when the IndexedDB wrapping key disappears, load gives undefined and removes the dead ciphertext', async () => {
    await vault.saveApiKey(API_KEY);
    // Site data cleared: a brand-new, empty IndexedDB; the module starts again without its cache.
    globalThis.indexedDB = new IDBFactory();
    const reloaded = await freshVault();
    expect(await reloaded.loadApiKey()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // A new key can be saved and used afterwards.
    await reloaded.saveApiKey('snapi_sk_test_afterwards1');
    expect(await (await freshVault()).loadApiKey()).toBe('snapi_sk_test_afterwards1');
  });

  it('treats a corrupt stored value as no key', async () => {
    await fakeBrowser.storage.local.set({ vault: { iv: 'nope', data: [1, 2, 3] } });
    expect(await vault.loadApiKey()).toBeUndefined();
    await fakeBrowser.storage.local.set({ vault: 'snapi_sk_live_plaintext_key' });
    expect(await vault.loadApiKey()).toBeUndefined();
  });

  it('refuses a tampered ciphertext (AES-GCM authenticates it)', async () => {
    await vault.saveApiKey(API_KEY);
    const { vault: stored } = (await fakeBrowser.storage.local.get('vault')) as { vault: { iv: number[]; data: number[] } };
    stored.data[0] = (stored.data[0]! + 1) % 256;
    await fakeBrowser.storage.local.set({ vault: stored });
    const reloaded = await freshVault();
    expect(await reloaded.loadApiKey()).toBeUndefined();
  });
});
