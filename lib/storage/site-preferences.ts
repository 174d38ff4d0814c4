import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * The specialty and template last used on each EHR site (by origin), so a new tab on the same EHR
 * starts with them. Nothing about patients: `storage.local` is fine (content scripts may read it).
 */
const SitePreferenceSchema = z.object({ specialty: z.string(), template: z.string(), usedAt: z._default(z.number(), 0) });
const SitePreferencesSchema = z.record(z.string(), SitePreferenceSchema);
export type SitePreference = { specialty: string; template: string };

const KEY = 'site-preferences';
/** Enough for every EHR a clinician works in; the least recently used go first. */
const MAX_SITES = 50;

async function loadAll(): Promise<z.infer<typeof SitePreferencesSchema>> {
  const parsed = SitePreferencesSchema.safeParse((await browser.storage.local.get(KEY))[KEY] ?? {});
  return parsed.success ? parsed.data : {};
}

export async function loadSitePreference(origin: string): Promise<SitePreference | undefined> {
  const entry = (await loadAll())[origin];
  return entry ? { specialty: entry.specialty, template: entry.template } : undefined;
}

export async function saveSitePreference(origin: string, preference: SitePreference, now = Date.now()): Promise<void> {
  const all = { ...(await loadAll()), [origin]: { ...preference, usedAt: now } };
  const kept = Object.entries(all)
    .sort(([, a], [, b]) => b.usedAt - a.usedAt)
    .slice(0, MAX_SITES);
  await browser.storage.local.set({ [KEY]: Object.fromEntries(kept) });
}
