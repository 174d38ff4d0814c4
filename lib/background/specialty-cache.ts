import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { FALLBACK_SPECIALTIES, type Specialty } from '../api/specialties';
import { configuredApiClient } from './api-client-source';

/** The live specialty list changes rarely; a day-old copy is good, the contract's list is the fallback. */
const KEY = 'specialtiesCache';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const CacheSchema = z.object({ fetchedAt: z.number(), specialties: z.array(z.object({ id: z.string(), label: z.string() })).check(z.minLength(1)) });

export async function listSpecialties(now = Date.now()): Promise<Specialty[]> {
  const cached = CacheSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  if (cached.success && now - cached.data.fetchedAt < MAX_AGE_MS) return cached.data.specialties;
  try {
    const specialties = await (await configuredApiClient()).listSpecialties();
    if (specialties.length > 0) {
      await browser.storage.local.set({ [KEY]: { fetchedAt: now, specialties } });
      return specialties;
    }
  } catch {
    // Offline, no key yet, or the server is down: an older copy, else the contract's list.
  }
  return cached.success ? cached.data.specialties : [...FALLBACK_SPECIALTIES];
}

export async function clearSpecialtyCache(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
