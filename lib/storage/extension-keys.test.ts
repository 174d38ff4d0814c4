import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Keys = typeof import('./extension-keys');

/** A fresh copy of the module (no open database), over whatever IndexedDB is global now. */
async function freshKeys(): Promise<Keys> {
  vi.resetModules();
  return import('./extension-keys');
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (buffer: ArrayBuffer) => new TextDecoder().decode(buffer);

let keys: Keys;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  keys = await freshKeys();
});

describe('extension keys', () => {
  it('are non-extractable AES-GCM keys, kept across a module reload', async () => {
    const key = await keys.extensionKey('a');
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    const sealed = await keys.seal(key, bytes('hello'));
    const reloaded = await freshKeys();
    expect(text(await reloaded.unseal(await reloaded.extensionKey('a'), sealed))).toBe('hello');
  });

  it('one per name: forgetting one leaves the others readable', async () => {
    const sealedA = await keys.seal(await keys.extensionKey('a'), bytes('for a'));
    const sealedB = await keys.seal(await keys.extensionKey('b'), bytes('for b'));
    await expect(keys.unseal(await keys.extensionKey('b'), sealedA)).rejects.toThrow();
    await keys.forgetExtensionKey('a');
    await expect(keys.unseal(await keys.extensionKey('a'), sealedA)).rejects.toThrow(); // a new key 'a' now
    expect(text(await keys.unseal(await keys.extensionKey('b'), sealedB))).toBe('for b');
  });

  it('callers racing for a missing key all get the same one (none replaces another)', async () => {
    const [first, second, third] = await Promise.all([keys.extensionKey('k'), keys.extensionKey('k'), (await freshKeys()).extensionKey('k')]);
    const sealed = await keys.seal(first!, bytes('sealed with the first'));
    expect(text(await keys.unseal(second!, sealed))).toBe('sealed with the first');
    expect(text(await keys.unseal(third!, sealed))).toBe('sealed with the first');
    expect(text(await keys.unseal(await (await freshKeys()).extensionKey('k'), sealed))).toBe('sealed with the first');
  });

  it('seals with a fresh IV each time, and opens only with the context it was sealed for', async () => {
    const key = await keys.extensionKey('a');
    const one = await keys.seal(key, bytes('same'), 'rec-1:0');
    const two = await keys.seal(key, bytes('same'), 'rec-1:0');
    expect(one.iv).not.toEqual(two.iv);
    expect(new Uint8Array(one.data)).not.toEqual(new Uint8Array(two.data));
    expect(text(await keys.unseal(key, one, 'rec-1:0'))).toBe('same');
    await expect(keys.unseal(key, one, 'rec-1:1')).rejects.toThrow();
    await expect(keys.unseal(key, one)).rejects.toThrow();
  });

  it('opens what was encrypted before contexts existed (no additional data is the empty context)', async () => {
    const key = await keys.extensionKey('a');
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes('an old vault value'));
    expect(text(await keys.unseal(key, { iv, data }))).toBe('an old vault value');
  });
});
