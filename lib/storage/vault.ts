import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { extensionKey, forgetExtensionKey, seal, unseal } from './extension-keys';

/**
 * The API key vault. Only the background calls it.
 *
 * Content scripts can read `storage.local`, so the key is stored there only as AES-GCM
 * ciphertext, sealed with a key that never leaves the extension (see extension-keys.ts).
 */
const WRAPPING_KEY_ID = 'api-key-wrapping-key';
const CIPHERTEXT_KEY = 'vault';

const CiphertextSchema = z.object({ iv: z.array(z.number()), data: z.array(z.number()) });

const wrappingKey = () => extensionKey(WRAPPING_KEY_ID);

let cached: string | undefined;

export async function saveApiKey(apiKey: string): Promise<void> {
  const { iv, data } = await seal(await wrappingKey(), new TextEncoder().encode(apiKey));
  await browser.storage.local.set({ [CIPHERTEXT_KEY]: { iv: [...iv], data: [...new Uint8Array(data)] } });
  cached = apiKey;
}

export async function loadApiKey(): Promise<string | undefined> {
  if (cached) return cached;
  const parsed = CiphertextSchema.safeParse((await browser.storage.local.get(CIPHERTEXT_KEY))[CIPHERTEXT_KEY]);
  if (!parsed.success) return undefined;
  // A failure to open IndexedDB propagates: it may pass, and the ciphertext must survive it.
  const key = await wrappingKey();
  try {
    const plain = await unseal(key, { iv: new Uint8Array(parsed.data.iv), data: new Uint8Array(parsed.data.data) });
    cached = new TextDecoder().decode(plain);
    return cached;
  } catch {
    // Decryption failed: the wrapping key it was made with is gone (site data cleared), so the
    // ciphertext can never be read again.
    await browser.storage.local.remove(CIPHERTEXT_KEY);
    return undefined;
  }
}

export async function clearApiKey(): Promise<void> {
  cached = undefined;
  await browser.storage.local.remove(CIPHERTEXT_KEY);
  await forgetExtensionKey(WRAPPING_KEY_ID);
}
