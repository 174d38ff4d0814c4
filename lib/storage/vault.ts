import { openDB, type IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * The API key vault. Only the background calls it.
 *
 * Content scripts can read `storage.local`, so the key is stored there only as AES-GCM
 * ciphertext. The wrapping key is a non-extractable CryptoKey kept in the extension origin's
 * IndexedDB, which no content script or web page can open, and whose raw bytes not even the
 * extension itself can export.
 */
const DB_NAME = 'chartside-vault';
const STORE = 'keys';
const WRAPPING_KEY_ID = 'api-key-wrapping-key';
const CIPHERTEXT_KEY = 'vault';

const CiphertextSchema = z.object({ iv: z.array(z.number()), data: z.array(z.number()) });

let db: Promise<IDBPDatabase> | undefined;
function database(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  return db;
}

async function wrappingKey(): Promise<CryptoKey> {
  const store = await database();
  const existing = (await store.get(STORE, WRAPPING_KEY_ID)) as CryptoKey | undefined;
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await store.put(STORE, key, WRAPPING_KEY_ID);
  return key;
}

let cached: string | undefined;

export async function saveApiKey(apiKey: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await wrappingKey(), new TextEncoder().encode(apiKey));
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
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(parsed.data.iv) }, key, new Uint8Array(parsed.data.data));
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
  const store = await database();
  await store.delete(STORE, WRAPPING_KEY_ID);
}
