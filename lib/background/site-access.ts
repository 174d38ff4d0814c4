import { browser } from 'wxt/browser';
import { invalidRequestError } from '../api/errors';
import { z } from 'zod/mini';
import { siteOfOrigin, siteOfUrl, type Site } from '../ehr/site';
import { injectChartReader, syncChartReaderRegistration } from '../platform/content-script-registration';
import { syncSelectionMenus } from './selection-capture';
import { mergeEnabledSites, readManagedPolicy } from '../storage/managed-policy';

/**
 * Which EHR sites the chart reader runs on. A site is enabled when the clinician pressed "Enable
 * on this site" (it is in this list) and the browser granted its host permission. The list holds
 * origins only, nothing about patients, so `storage.local` is fine.
 */
const KEY = 'enabledSites';
const ListSchema = z.array(z.string());

export type SiteStatus =
  | { kind: 'unknown' } // the tab's address is not visible to Chartside (no grant yet)
  | { kind: 'unsupported'; url: string } // a browser page, a file, plain http that is not loopback
  | { kind: 'disabled'; origin: string; pattern: string }
  | { kind: 'enabled'; origin: string; pattern: string };

async function storedOrigins(): Promise<string[]> {
  const parsed = ListSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success ? parsed.data : [];
}

/** The clinician's sites and those the organisation's policy enables (lib/storage/managed-policy.ts). */
async function enabledOrigins(): Promise<string[]> {
  const [stored, { policy }] = await Promise.all([storedOrigins(), readManagedPolicy()]);
  return mergeEnabledSites(stored, policy);
}

/** Sites the policy enables: the clinician cannot stop reading them. */
export async function managedOrigins(): Promise<string[]> {
  return (await readManagedPolicy()).policy.enabledSites ?? [];
}

async function granted(site: Site): Promise<boolean> {
  return browser.permissions.contains({ origins: [site.pattern] }).catch(() => false);
}

export async function listEnabledSites(): Promise<Site[]> {
  const sites: Site[] = [];
  for (const origin of await enabledOrigins()) {
    const site = siteOfOrigin(origin);
    if (site && (await granted(site))) sites.push(site);
  }
  return sites;
}

export async function siteStatus(tabId: number): Promise<SiteStatus> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab?.url) return { kind: 'unknown' };
  const site = siteOfUrl(tab.url);
  if (!site) return { kind: 'unsupported', url: new URL(tab.url).protocol };
  const enabled = (await enabledOrigins()).includes(site.origin) && (await granted(site));
  return { kind: enabled ? 'enabled' : 'disabled', origin: site.origin, pattern: site.pattern };
}

/** Enables the tab's site. The panel asked the browser for the permission during the click. */
export async function enableSiteOfTab(tabId: number): Promise<SiteStatus> {
  const status = await siteStatus(tabId);
  if (status.kind !== 'disabled') return status;
  if (!(await granted(status))) return status;
  const origins = await storedOrigins();
  await browser.storage.local.set({ [KEY]: [...new Set([...origins, status.origin])] });
  await applyEnabledSites();
  // Not fatal: a frame the injection missed gets the reader when the chart is read (readChartInTab).
  await injectChartReader(tabId).catch(() => undefined);
  return { ...status, kind: 'enabled' };
}

/**
 * The chart reader put back into frames of the tab where it did not answer, only while the tab's
 * site is enabled (the reader never runs anywhere else).
 */
export async function reinjectReaderIfEnabled(tabId: number, frameIds: number[]): Promise<void> {
  if ((await siteStatus(tabId)).kind !== 'enabled') throw new Error('site not enabled');
  await injectChartReader(tabId, frameIds);
}

export async function disableSite(origin: string): Promise<void> {
  if ((await managedOrigins()).includes(origin)) throw invalidRequestError(`${origin} is read by Chartside because your organisation set it; only your IT team can change that.`);
  const site = siteOfOrigin(origin);
  await browser.storage.local.set({ [KEY]: (await storedOrigins()).filter((o) => o !== origin) });
  await applyEnabledSites();
  // Permissions the manifest grants (the test build's loopback hosts) cannot be removed; that is fine.
  if (site) await browser.permissions.remove({ origins: [site.pattern] }).catch(() => false);
}

/**
 * The chart reader and the selection menu run on exactly the enabled sites. Called at start-up too:
 * registrations then match the list and the permissions the clinician still grants.
 *
 * One at a time: the background's start-up and an Enable on this site pressed meanwhile (a panel
 * opening is what wakes the background) would otherwise interleave, one removing what the other had
 * just registered, or both registering the same script (and the enable failing on the duplicate).
 */
export function applyEnabledSites(): Promise<void> {
  const run = applying.then(applyNow, applyNow);
  applying = run.catch(() => undefined);
  return run;
}
let applying: Promise<void> = Promise.resolve();

/**
 * A change of the organisation's policy applies at once: the sites it enables get (or lose) the
 * chart reader now, with no browser restart. The background calls this once at start-up; the other
 * settings are read afresh at each use (lib/storage/settings.ts).
 */
export function followPolicySites(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void applyEnabledSites().catch(() => undefined);
  });
}

async function applyNow(): Promise<void> {
  const patterns = (await listEnabledSites()).map((s) => s.pattern);
  await syncChartReaderRegistration(patterns);
  await syncSelectionMenus(patterns);
}
