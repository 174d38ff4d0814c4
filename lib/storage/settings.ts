import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/** The vendor's API; an organisation may point Chartside at its own proxy instead. */
export const DEFAULT_API_BASE_URL = 'https://api.soapnoteapi.com';

/** The choices the options page offers for the idle timeout, in minutes. */
export const IDLE_TIMEOUT_CHOICES = [5, 10, 15, 30, 60] as const;
export type IdleTimeoutMinutes = (typeof IDLE_TIMEOUT_CHOICES)[number];
export const DEFAULT_IDLE_TIMEOUT_MINUTES: IdleTimeoutMinutes = 30;

const IdleTimeoutMinutesSchema = z.literal(IDLE_TIMEOUT_CHOICES);

/**
 * Settings hold nothing secret and nothing about patients, so they may live in
 * `storage.local` (which content scripts can read).
 */
export const SettingsSchema = z.object({
  apiBaseUrl: z._default(z.string(), DEFAULT_API_BASE_URL),
  /** Leave the patient's name out of every request (the rest of the chart context can still be sent). */
  omitPatientName: z._default(z.boolean(), false),
  /**
   * Patient data leaves the panel and storage.session after this long without the clinician using
   * Chartside. A value from elsewhere falls back to the default on its own (`catch`), so one bad
   * field cannot reset the API address along with it.
   */
  idleTimeoutMinutes: z._default(z.catch(IdleTimeoutMinutesSchema, DEFAULT_IDLE_TIMEOUT_MINUTES), DEFAULT_IDLE_TIMEOUT_MINUTES),
});
export type Settings = z.infer<typeof SettingsSchema>;

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  const parsed = SettingsSchema.safeParse(stored ?? {});
  if (!parsed.success) return SettingsSchema.parse({});
  // storage.local is writable by any of our contexts: the address PHI and the key are sent to is
  // checked on every read, not only when the options page saved it.
  const url = checkApiBaseUrl(parsed.data.apiBaseUrl);
  return url.ok ? { ...parsed.data, apiBaseUrl: url.url } : SettingsSchema.parse({});
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = SettingsSchema.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export type BaseUrlCheck = { ok: true; url: string; origin: string } | { ok: false; message: string };

/**
 * The API base URL must be https, except plain http on this computer (a local proxy or the
 * emulator): PHI must never cross a network unencrypted.
 */
export function checkApiBaseUrl(input: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: 'Enter a full address, such as https://api.soapnoteapi.com.' };
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, message: 'The API address must start with https:// (plain http is allowed only for localhost or 127.0.0.1).' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave the user name and password out of the API address; the key is sent separately.' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin };
}

/** The match pattern to request host permission for a base URL's origin (ports are not part of match patterns). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
