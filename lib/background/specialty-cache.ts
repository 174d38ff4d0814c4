import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { createApiClient } from '../api/client';
import { FALLBACK_SPECIALTIES, type Specialty } from '../api/specialties';
import { loadSettings } from '../storage/settings';
import { loadApiKey } from '../storage/vault';

/**
 * The live specialty list (with each specialty's template variants) changes rarely: a copy under a
 * day old from the same API address is used as is; otherwise it is asked for again, and an older copy,
 * else the contract's list, stands in while the API cannot be reached. GET /v1/specialties is public:
 * it is asked for without a key, so a new user sees the real list before saving one.
 */
const KEY = 'specialtiesCache';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const VariantSchema = z.object({ id: z.string(), label: z.string() });
const CacheSchema = z.object({
  fetchedAt: z.number(),
  /** Which API the list came from: a new address in settings is a new list. */
  baseUrl: z.optional(z.string()),
  specialties: z
    .array(z.object({ id: z.string(), label: z.string(), templates: z.optional(z.array(VariantSchema)) }))
    .check(z.minLength(1)),
});

export interface SpecialtySource {
  /** The API address, or undefined when the saved settings cannot be trusted (then nothing is asked). */
  baseUrl(): Promise<string | undefined>;
  fetchList(baseUrl: string): Promise<Specialty[]>;
  area: Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'>;
}

const browserSource = (): SpecialtySource => ({
  async baseUrl() {
    const settings = await loadSettings();
    // A tampered address is not the configured API: nothing goes there, not even this public request.
    return settings.tampered ? undefined : settings.apiBaseUrl;
  },
  async fetchList(baseUrl) {
    // The key, if saved, only for a server that refuses the list without one.
    return createApiClient({ baseUrl, apiKey: (await loadApiKey()) ?? '' }).listSpecialties();
  },
  area: browser.storage.local,
});

export async function listSpecialties(now = Date.now(), source: SpecialtySource = browserSource()): Promise<Specialty[]> {
  const cached = CacheSchema.safeParse((await source.area.get(KEY))[KEY]);
  const baseUrl = await source.baseUrl();
  const sameApi = cached.success && cached.data.baseUrl === baseUrl;
  if (cached.success && sameApi && now - cached.data.fetchedAt < MAX_AGE_MS) return cached.data.specialties as Specialty[];
  if (baseUrl !== undefined) {
    try {
      const specialties = await source.fetchList(baseUrl);
      if (specialties.length > 0) {
        await source.area.set({ [KEY]: { fetchedAt: now, baseUrl, specialties } });
        return specialties;
      }
    } catch {
      // Offline, or the server is down: an older copy, else the contract's list.
    }
  }
  return cached.success && sameApi ? (cached.data.specialties as Specialty[]) : [...FALLBACK_SPECIALTIES];
}

export async function clearSpecialtyCache(area: SpecialtySource['area'] = browser.storage.local): Promise<void> {
  await area.remove(KEY);
}
