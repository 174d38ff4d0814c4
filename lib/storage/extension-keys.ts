import { openDB, type IDBPDatabase } from 'idb';

/**
 * AES-GCM keys that never leave the extension, and sealing bytes with them.
 *
 * Each key is a non-extractable CryptoKey kept in the extension origin's IndexedDB, which no
 * content script or web page can open, and whose raw bytes not even the extension itself can
 * export. Anything sealed with one can be read back only by this extension, on this profile.
 *
 * One key per purpose (the API key vault, pending recordings): forgetting one (the clinician
 * clears the API key) must not make another unreadable (a recording not yet turned into a note).
 */
const DB_NAME = 'chartside-vault';
const STORE = 'keys';

let db: Promise<IDBPDatabase> | undefined;
function database(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  return db;
}

/** The key named `id`, made on first use. */
export async function extensionKey(id: string): Promise<CryptoKey> {
  const store = await database();
  const existing = (await store.get(STORE, id)) as CryptoKey | undefined;
  if (existing) return existing;
  const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // Two callers (or two extension pages) may get here at once. The second must not replace the
  // first's key, or whatever was already sealed with it could never be opened: add it only if the
  // key is still missing, in one transaction, and use whichever key is stored.
  const tx = store.transaction(STORE, 'readwrite');
  const stored = ((await tx.store.get(id)) as CryptoKey | undefined) ?? made;
  if (stored === made) await tx.store.add(made, id);
  await tx.done;
  return stored;
}

/** Deletes the key: everything sealed with it becomes unreadable, for good. */
export async function forgetExtensionKey(id: string): Promise<void> {
  const store = await database();
  await store.delete(STORE, id);
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/**
 * AES-GCM with a fresh random IV each time. `context` (not secret, not stored) is bound to the
 * ciphertext as additional data, so a sealed value opens only where it was sealed for: a chunk
 * moved to another place in a recording fails to open instead of playing out of order.
 */
export async function seal(key: CryptoKey, plain: BufferSource, context = ''): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) }, key, plain);
  return { iv, data };
}

/** Rejects when the key, the context or the bytes are not the ones it was sealed with. */
export async function unseal(key: CryptoKey, sealed: { iv: BufferSource; data: BufferSource }, context = ''): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: new TextEncoder().encode(context) }, key, sealed.data);
}
