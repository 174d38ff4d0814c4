import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { extensionKey, forgetExtensionKey, seal, unseal } from './extension-keys';
import { StyleRulesSchema } from '../note/style-rules';
import { mergeManagedSettings, readManagedPolicy, type EffectiveSettings } from './managed-policy';
import { NamedTemplatesSchema } from '../note/named-templates';
import { CONSENT_NAME_MAX, CONSENT_PLACEMENTS, DEFAULT_CONSENT_PLACEMENT } from '../note/consent';

/** The vendor's API; an organisation may point Chartside at its own proxy instead. */
export const DEFAULT_API_BASE_URL = 'https://api.soapnoteapi.com';

/** The choices the options page offers for the idle timeout, in minutes. */
export const IDLE_TIMEOUT_CHOICES = [5, 10, 15, 30, 60] as const;
export type IdleTimeoutMinutes = (typeof IDLE_TIMEOUT_CHOICES)[number];
export const DEFAULT_IDLE_TIMEOUT_MINUTES: IdleTimeoutMinutes = 30;

const IdleTimeoutMinutesSchema = z.literal(IDLE_TIMEOUT_CHOICES);

/**
 * Settings hold nothing secret and nothing about patients, but they decide where the key and PHI
 * are sent, and content scripts can write `storage.local`. So they are stored sealed (AES-GCM, with
 * a key only the extension's own pages and background hold): a content script can delete them but
 * not forge them.
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
  /** The clinician's style rules (lib/note/style-rules.ts), sent with every note they apply to. */
  styleRules: z._default(StyleRulesSchema, []),
  /** Ask for the patient's consent before recording (lib/note/consent.ts): on unless the clinician turns it off. */
  consentRequired: z._default(z.catch(z.boolean(), true), true),
  /**
   * Also ask for it before a note from a typed (or pasted) transcript of a recorded conversation: off
   * unless the clinician turns it on. It applies only while consent is asked for at all
   * (`consentRequired`, which an organisation's `requireRecordingConsent` may decide): see
   * typedTranscriptConsentRequired.
   */
  consentTypedTranscripts: z._default(z.catch(z.boolean(), false), false),
  /** Where the consent line goes in a note made from a recording. */
  consentPlacement: z._default(z.catch(z.enum(CONSENT_PLACEMENTS), DEFAULT_CONSENT_PLACEMENT), DEFAULT_CONSENT_PLACEMENT),
  /** The clinician's name for the consent line ("confirmed by …"); empty: "the clinician". */
  consentName: z._default(z.catch(z.string().check(z.maxLength(CONSENT_NAME_MAX)), ''), ''),
  /** The clinician's named templates per specialty (lib/note/named-templates.ts). */
  namedTemplates: z._default(z.catch(NamedTemplatesSchema, []), []),
});
export type Settings = z.infer<typeof SettingsSchema>;

const KEY = 'settings';
const SEALING_KEY_ID = 'settings-sealing-key';
/** Bound to the ciphertext, so a sealed value from another purpose cannot pass for settings. */
const SEAL_CONTEXT = 'chartside-settings';

const SealedSchema = z.object({ iv: z.array(z.number()), data: z.array(z.number()) });

/**
 * `tampered`: something stored settings that Chartside did not seal (a content script, a hand-edit).
 * Their values are not used: the defaults stand in, and API calls are refused until the clinician
 * saves the settings again (lib/background/api-client-source.ts), because the address PHI was
 * meant to go to (an organisation's proxy, say) is no longer known.
 */
export type LoadedSettings = Settings & { tampered?: true };

/**
 * The settings in use: the organisation's policy (lib/storage/managed-policy.ts) over the clinician's
 * own. Read afresh each time, so a policy change applies at the next use, with no restart.
 */
export async function loadSettings(): Promise<EffectiveSettings> {
  const [local, policy] = await Promise.all([openLocalSettings(), readManagedPolicy()]);
  return mergeManagedSettings(local.settings, policy, local.chosen);
}

/** The clinician's own settings, as saved, without the policy. */
export async function loadLocalSettings(): Promise<LoadedSettings> {
  return (await openLocalSettings()).settings;
}

/**
 * Sealed beside the settings: the names of those the clinician has saved a value for, so that an
 * organisation's default (a policy's `unlockedSettings`) gives way to their own choice, and only then.
 */
const ChosenSchema = z.object({ chosen: z._default(z.catch(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(64)), []), []) });

async function openLocalSettings(): Promise<{ settings: LoadedSettings; chosen: string[] }> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  if (stored === undefined) return { settings: SettingsSchema.parse({}), chosen: [] };
  const sealed = SealedSchema.safeParse(stored);
  const opened = sealed.success ? await openSealed(sealed.data) : undefined;
  const parsed = SettingsSchema.safeParse(opened);
  if (!parsed.success) return { settings: { ...SettingsSchema.parse({}), tampered: true }, chosen: [] };
  const chosen = ChosenSchema.safeParse(opened);
  // Checked on every read too, so a value sealed before a check was tightened cannot slip through.
  const url = checkApiBaseUrl(parsed.data.apiBaseUrl);
  if (!url.ok) return { settings: { ...SettingsSchema.parse({}), tampered: true }, chosen: [] };
  return { settings: { ...parsed.data, apiBaseUrl: url.url }, chosen: chosen.success ? chosen.data.chosen : [] };
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  // The clinician's own values only: a policy's values never become theirs (they would outlive the policy).
  const { settings, chosen } = await openLocalSettings();
  const { tampered: _, ...current } = settings;
  const next = SettingsSchema.parse({ ...current, ...patch });
  const nowChosen = [...new Set([...chosen, ...Object.keys(patch).filter((name) => name in next)])];
  const { iv, data } = await seal(await extensionKey(SEALING_KEY_ID), new TextEncoder().encode(JSON.stringify({ ...next, chosen: nowChosen })), SEAL_CONTEXT);
  await browser.storage.local.set({ [KEY]: { iv: [...iv], data: [...new Uint8Array(data)] } });
  return next;
}

/**
 * Whether Generate note asks for the patient's consent before a note from the typed transcript. The
 * organisation's `requireRecordingConsent` decides whether consent is asked for at all (its `false`
 * means never, here too); whether a typed transcript is of a recorded conversation only the clinician
 * knows, so that choice stays theirs under a policy.
 */
export function typedTranscriptConsentRequired(settings: Pick<Settings, 'consentRequired' | 'consentTypedTranscripts'>): boolean {
  return settings.consentRequired && settings.consentTypedTranscripts;
}

/** Clear all data: settings go with storage.local; their sealing key goes too, so nothing of them could be opened again. */
export async function forgetSettings(): Promise<void> {
  await browser.storage.local.remove(KEY);
  await forgetExtensionKey(SEALING_KEY_ID);
}

async function openSealed(sealed: z.infer<typeof SealedSchema>): Promise<unknown> {
  try {
    const plain = await unseal(await extensionKey(SEALING_KEY_ID), { iv: new Uint8Array(sealed.iv), data: new Uint8Array(sealed.data) }, SEAL_CONTEXT);
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return undefined;
  }
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
