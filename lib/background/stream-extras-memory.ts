import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * The API addresses whose note stream was seen to end without the billing codes or patient summary
 * it was asked for. For those, a note with extras is made with `POST /v1/note` straight away (it
 * arrives whole, with them) instead of streaming and then having to ask again.
 *
 * Kept in `storage.local` (not patient data), by a hash of the address: a content script can read
 * that area, and an organisation's proxy address is theirs to keep.
 */
const KEY = 'streams-without-extras';
/** Far more addresses than a clinician uses; the oldest are forgotten first. */
const MAX_REMEMBERED = 20;
const RememberedSchema = z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/)));

export interface StreamExtrasMemory {
  lacksExtras(baseUrl: string): Promise<boolean>;
  remember(baseUrl: string): Promise<void>;
}

async function addressHash(baseUrl: string): Promise<string> {
  const normalised = baseUrl.trim().replace(/\/+$/, '').toLowerCase();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalised));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function loadRemembered(area: StorageArea): Promise<string[]> {
  const parsed = RememberedSchema.safeParse((await area.get(KEY))[KEY] ?? []);
  return parsed.success ? parsed.data : [];
}

type StorageArea = Pick<typeof browser.storage.local, 'get' | 'set'>;

export function streamExtrasMemory(area: StorageArea = browser.storage.local): StreamExtrasMemory {
  return {
    async lacksExtras(baseUrl) {
      return (await loadRemembered(area)).includes(await addressHash(baseUrl));
    },
    async remember(baseUrl) {
      const hash = await addressHash(baseUrl);
      const kept = (await loadRemembered(area)).filter((h) => h !== hash);
      await area.set({ [KEY]: [...kept, hash].slice(-MAX_REMEMBERED) });
    },
  };
}
