import { effect, type ReadonlySignal } from '@preact/signals';
import type { SiteStatus } from '../messaging/request-background';
import { newDraft, type Draft } from '../storage/drafts';
import type { SitePreference } from '../storage/site-preferences';

/** The origin an EHR tab's preferences are kept under; none for pages that are not a site (new tab, chrome://). */
export function siteOriginOf(status: SiteStatus | undefined): string | undefined {
  return status && (status.kind === 'enabled' || status.kind === 'disabled') ? status.origin : undefined;
}

/**
 * Remembers the specialty and template for the site whenever the clinician changes them (not when
 * a draft is loaded), a moment after the last change so typing a template is saved once. The returned function stops
 * watching and saves a pending change at once.
 */
export function rememberSitePreferences(deps: {
  specialty: ReadonlySignal<string>;
  template: ReadonlySignal<string>;
  origin(): string | undefined;
  save(origin: string, preference: SitePreference): Promise<void>;
  delayMs?: number;
}): () => void {
  let first = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: SitePreference | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const origin = deps.origin();
    if (pending && origin && pending.specialty) void deps.save(origin, pending);
    pending = undefined;
  };
  const stop = effect(() => {
    const preference = { specialty: deps.specialty.value, template: deps.template.value.trim() || 'standard' };
    if (first) {
      first = false;
      return;
    }
    pending = preference;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, deps.delayMs ?? 300);
  });
  /** Stops watching; a change not yet saved is saved now (the panel is closing or rebinding). */
  return () => {
    stop();
    flush();
  };
}

/**
 * The draft a panel opens with: the tab's own draft when there is one (the panel was open on it
 * before), else a fresh one starting from what was last used on the tab's site.
 */
export async function openingDraft(deps: {
  findDraft(): Promise<Draft | undefined>;
  siteOrigin(): Promise<string | undefined>;
  loadPreference(origin: string): Promise<SitePreference | undefined>;
  /** The organisation's default specialty and template (policy), for a site with nothing remembered. */
  organisationDefault?(): Promise<Partial<SitePreference>>;
}): Promise<Draft> {
  const saved = await deps.findDraft();
  if (saved) return saved;
  const origin = await deps.siteOrigin().catch(() => undefined);
  const preference = origin ? await deps.loadPreference(origin).catch(() => undefined) : undefined;
  if (preference) return newDraft(preference);
  const fallback: Partial<SitePreference> = (await deps.organisationDefault?.().catch(() => ({}))) ?? {};
  const draft = newDraft();
  return fallback.specialty || fallback.template ? newDraft({ specialty: fallback.specialty ?? draft.specialty, template: fallback.template ?? draft.template }) : draft;
}
