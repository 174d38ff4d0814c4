import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { StyleRulesSchema } from '../note/style-rules';
import { siteOfOrigin } from '../ehr/site';
import { FieldMapSchema, type FieldMap } from './field-maps';
import { checkApiBaseUrl, DEFAULT_IDLE_TIMEOUT_MINUTES, IDLE_TIMEOUT_CHOICES, type IdleTimeoutMinutes, type LoadedSettings } from './settings';
import type { ApiKeyKind } from './api-key-format';

/**
 * What an organisation's IT sets for every clinician through enterprise policy: Chrome's
 * `storage.managed` (described by public/managed_schema.json, which Chrome checks values against)
 * and Firefox's `policies.json` → `3rdparty.Extensions.<id>` (which Firefox does not check at all).
 * So every value is parsed here, one at a time: a malformed value is ignored on its own and
 * reported, and never breaks the rest (docs/deploying.md is the administrator's guide).
 *
 * A setting present in the policy wins over the clinician's own and is locked in the UI.
 *
 * Never the API key: `storage.managed` is readable by content scripts, and the key must live in the
 * background only. A key found anywhere in the policy is refused, and reported without its text.
 */

/** An EHR's origin, such as `https://ehr.example.org` (what the options page lists under Sites Chartside reads). */
const originSchema = () => z.string().check(
  z.refine((origin) => {
    const site = siteOfOrigin(origin);
    return site !== undefined && site.origin === origin;
  }),
);

const apiBaseUrlSchema = () => z.string().check(z.refine((url) => checkApiBaseUrl(url).ok));

/**
 * Built on first use, not at load: settings.ts and field-maps.ts read the policy through this module,
 * and this module's schemas use their constants, so nothing here may touch them while they load.
 */
let policySettings: ReturnType<typeof buildPolicySettings> | undefined;
export function policySettingSchemas(): ReturnType<typeof buildPolicySettings> {
  return (policySettings ??= buildPolicySettings());
}

const buildPolicySettings = () => ({
  /** The organisation's API proxy (or the vendor's address): where every request, and so PHI, goes. */
  apiBaseUrl: apiBaseUrlSchema(),
  /** Sites the chart reader runs on without the clinician pressing Enable on this site. */
  enabledSites: z.array(originSchema()).check(z.maxLength(200)),
  /** Field maps per site, as Map fields saves them: `{ "https://ehr.example.org": { site, fields, taughtAt } }`. */
  fieldMaps: z.record(originSchema(), FieldMapSchema).check(z.refine((maps) => Object.entries(maps).every(([site, map]) => map.site === site))),
  /** The specialty a new note starts with on a site the clinician has not used yet (an id from GET /v1/specialties). */
  defaultSpecialty: z.string().check(z.regex(/^[a-z0-9_-]{1,64}$/)),
  /** The template a new note starts with ("standard", or one of the specialty's template variants). */
  defaultTemplate: z.string().check(z.regex(/\S/), z.maxLength(200)),
  /** The organisation's style rules, sent with every note they apply to, instead of the clinician's. */
  styleRules: StyleRulesSchema,
  /** Clear patient data after exactly this many minutes without activity. */
  idleTimeoutMinutes: z.literal(IDLE_TIMEOUT_CHOICES),
  /** The clinician may choose a shorter idle timeout, never a longer one than this. */
  maxIdleTimeoutMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(24 * 60)),
  /** false: notes are never asked for billing codes. */
  allowBillingCodes: z.boolean(),
  /** false: notes are never asked for a patient summary. */
  allowPatientSummary: z.boolean(),
  /** The kinds of API key the clinician may save: `["live"]` refuses test keys. */
  allowedApiKeyKinds: z.array(z.enum(['test', 'live'])).check(z.minLength(1)),
  /** true: Start recording always asks for the patient's consent first; false: never asks. */
  requireRecordingConsent: z.boolean(),
  /** Settings above that are only the organisation's default: the clinician may change them, and their own choice then wins. */
  unlockedSettings: z.array(z.enum(UNLOCKABLE_SETTINGS)),
});

/**
 * The settings an organisation may set as a default instead of a lock (listed in `unlockedSettings`),
 * and the clinician's setting each stands for. The others are locked when set: sites and field maps
 * add to the clinician's own, the idle timeout has its maximum for a choice under a limit, the
 * starting specialty and template are defaults already, and the allow- settings are restrictions.
 */
const UNLOCKABLE = { apiBaseUrl: 'apiBaseUrl', styleRules: 'styleRules', requireRecordingConsent: 'consentRequired' } as const satisfies Record<string, keyof LoadedSettings>;
const UNLOCKABLE_SETTINGS = ['apiBaseUrl', 'styleRules', 'requireRecordingConsent'] as const satisfies readonly (keyof typeof UNLOCKABLE)[];

export const POLICY_SETTING_NAMES = [
  'apiBaseUrl',
  'enabledSites',
  'fieldMaps',
  'defaultSpecialty',
  'defaultTemplate',
  'styleRules',
  'idleTimeoutMinutes',
  'maxIdleTimeoutMinutes',
  'allowBillingCodes',
  'allowPatientSummary',
  'allowedApiKeyKinds',
  'requireRecordingConsent',
  'unlockedSettings',
] as const;
export type PolicySettingName = (typeof POLICY_SETTING_NAMES)[number];

export type ManagedPolicy = {
  apiBaseUrl?: string;
  enabledSites?: string[];
  fieldMaps?: Record<string, FieldMap>;
  defaultSpecialty?: string;
  defaultTemplate?: string;
  styleRules?: LoadedSettings['styleRules'];
  idleTimeoutMinutes?: IdleTimeoutMinutes;
  maxIdleTimeoutMinutes?: number;
  allowBillingCodes?: boolean;
  allowPatientSummary?: boolean;
  allowedApiKeyKinds?: ApiKeyKind[];
  requireRecordingConsent?: boolean;
  unlockedSettings?: (typeof UNLOCKABLE_SETTINGS)[number][];
};

/** A policy value that was not used, and why, in words for the options page (never the value itself). */
export interface IgnoredPolicyValue {
  setting: string;
  reason: string;
}

export interface ReadPolicy {
  policy: ManagedPolicy;
  ignored: IgnoredPolicyValue[];
}

export const NO_POLICY: ReadPolicy = { policy: {}, ignored: [] };

/** A SOAP Note API key's shape, anywhere in a string (lib/storage/api-key-format.ts has the exact check). */
const API_KEY_TEXT = /snapi_sk_/i;
/** Setting names an administrator might try to put a key under. */
const KEY_NAMES = /^(?:api[-_]?key|key|secret|token|authorization|bearer)$/i;

function holdsApiKey(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === 'string') return API_KEY_TEXT.test(value);
  if (Array.isArray(value)) return value.some((v) => holdsApiKey(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => API_KEY_TEXT.test(k) || holdsApiKey(v, depth + 1));
  return false;
}

const API_KEY_REFUSED =
  'An API key was found here and was not used. The key never belongs in policy: content scripts can read policy values. Remove it from the policy; each clinician saves their key in these settings.';

/**
 * Parses what `storage.managed` holds. Pure: the values come in, the usable policy and the notes on
 * what was ignored come out.
 */
export function parseManagedPolicy(raw: unknown): ReadPolicy {
  if (raw === undefined || raw === null) return NO_POLICY;
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy: {}, ignored: [{ setting: '(policy)', reason: 'The policy for Chartside is not an object of settings.' }] };
  const policy: Record<string, unknown> = {};
  const ignored: IgnoredPolicyValue[] = [];
  for (const [setting, value] of Object.entries(raw)) {
    if (KEY_NAMES.test(setting) || holdsApiKey(value)) {
      ignored.push({ setting, reason: API_KEY_REFUSED });
      continue;
    }
    if (!(POLICY_SETTING_NAMES as readonly string[]).includes(setting)) {
      ignored.push({ setting, reason: 'Chartside has no such setting.' });
      continue;
    }
    const parsed = policySettingSchemas()[setting as PolicySettingName].safeParse(value);
    if (!parsed.success) {
      ignored.push({ setting, reason: reasonFor(setting as PolicySettingName) });
      continue;
    }
    policy[setting] = setting === 'apiBaseUrl' ? (checkApiBaseUrl(parsed.data as string) as { url: string }).url : parsed.data;
  }
  return { policy: policy as ManagedPolicy, ignored };
}

const reasonFor = (setting: PolicySettingName): string => ({
  apiBaseUrl: 'Not a usable API address: it must be a full https:// address (plain http only for localhost or 127.0.0.1), with no user name or password.',
  enabledSites: 'Not a list of site origins such as https://ehr.example.org.',
  fieldMaps: 'Not field maps as Chartside saves them, keyed by their site’s origin.',
  defaultSpecialty: 'Not a specialty id such as nurse_practitioner.',
  defaultTemplate: 'Not a template name.',
  styleRules: 'Not a list of style rules as Chartside saves them.',
  idleTimeoutMinutes: `Not one of the offered idle timeouts (${IDLE_TIMEOUT_CHOICES.join(', ')} minutes).`,
  maxIdleTimeoutMinutes: 'Not a whole number of minutes between 1 and 1440.',
  allowBillingCodes: 'Not true or false.',
  allowPatientSummary: 'Not true or false.',
  allowedApiKeyKinds: 'Not a list of key kinds ("live", "test").',
  requireRecordingConsent: 'Not true or false.',
  unlockedSettings: `Not a list of settings a clinician may change (${UNLOCKABLE_SETTINGS.join(', ')}).`,
})[setting];

/** The settings the clinician sees and Chartside uses: the organisation's over the clinician's. */
export type EffectiveSettings = LoadedSettings & {
  /** Which settings the policy set (locked in the UI); absent when there is no policy. */
  managed?: PolicySettingName[];
};

/**
 * `chosen`: the settings the clinician has saved a value for (settings.ts keeps their names). An
 * unlocked setting is the organisation's default until then, and the clinician's own after.
 */
export function mergeManagedSettings(local: LoadedSettings, { policy }: ReadPolicy, chosen: readonly string[] = []): EffectiveSettings {
  const unlocked = new Set<string>(policy.unlockedSettings ?? []);
  const managed = POLICY_SETTING_NAMES.filter((name) => policy[name] !== undefined && !unlocked.has(name) && name !== 'unlockedSettings');
  const merged: EffectiveSettings = { ...local, ...(managed.length > 0 && { managed }) };
  const wins = (name: keyof typeof UNLOCKABLE) => policy[name] !== undefined && !(unlocked.has(name) && chosen.includes(UNLOCKABLE[name]));
  if (wins('apiBaseUrl')) merged.apiBaseUrl = policy.apiBaseUrl!;
  if (wins('styleRules')) merged.styleRules = policy.styleRules!;
  if (wins('requireRecordingConsent')) merged.consentRequired = policy.requireRecordingConsent!;
  merged.idleTimeoutMinutes = idleTimeoutUnder(policy, local.idleTimeoutMinutes);
  return merged;
}

/** The idle timeout the policy leaves: its value, else the clinician's capped at its maximum. */
export function idleTimeoutUnder(policy: ManagedPolicy, chosen: IdleTimeoutMinutes = DEFAULT_IDLE_TIMEOUT_MINUTES): IdleTimeoutMinutes {
  if (policy.idleTimeoutMinutes !== undefined) return policy.idleTimeoutMinutes;
  if (policy.maxIdleTimeoutMinutes === undefined || chosen <= policy.maxIdleTimeoutMinutes) return chosen;
  return idleChoicesUnder(policy).at(-1) ?? IDLE_TIMEOUT_CHOICES[0];
}

/** The idle timeouts the options page may offer under the policy (the shortest always). */
export function idleChoicesUnder(policy: ManagedPolicy): IdleTimeoutMinutes[] {
  if (policy.idleTimeoutMinutes !== undefined) return [policy.idleTimeoutMinutes];
  const max = policy.maxIdleTimeoutMinutes;
  const allowed = IDLE_TIMEOUT_CHOICES.filter((minutes) => max === undefined || minutes <= max);
  return allowed.length > 0 ? allowed : [IDLE_TIMEOUT_CHOICES[0]];
}

/** Whether the policy lets the clinician save (and Chartside use) a key of this kind. */
export function keyKindAllowed(policy: ManagedPolicy, kind: ApiKeyKind): boolean {
  return policy.allowedApiKeyKinds === undefined || policy.allowedApiKeyKinds.includes(kind);
}

export function keyKindRefused(kind: ApiKeyKind): string {
  return `Your organisation does not allow ${kind} keys in Chartside. Save a ${kind === 'test' ? 'live' : 'test'} key in Chartside settings.`;
}

/** The sites the chart reader runs on: the clinician's and the organisation's, once each. */
export function mergeEnabledSites(local: readonly string[], policy: ManagedPolicy): string[] {
  return [...new Set([...local, ...(policy.enabledSites ?? [])])];
}

/** The field map used on a site: the organisation's, else the clinician's. */
export function mergeFieldMaps(local: Record<string, FieldMap>, policy: ManagedPolicy): Record<string, FieldMap> {
  return { ...local, ...policy.fieldMaps };
}

/** The note options the policy forbids are never asked for, whatever the panel sent. */
export function allowedNoteExtras<T extends { include_billing_codes?: boolean | null; include_patient_summary?: boolean | null }>(options: T, policy: ManagedPolicy): T {
  const next = { ...options };
  if (policy.allowBillingCodes === false) next.include_billing_codes = false;
  if (policy.allowPatientSummary === false) next.include_patient_summary = false;
  return next;
}

/**
 * What the options page's Copy for policy copies: the value of the policy's `fieldMaps` setting with
 * this one site in it, `{ "<site>": { site, fields, taughtAt } }`, ready to paste after `"fieldMaps": `
 * (docs/deploying.md); another site's copied entry goes beside it in the same object.
 */
export function fieldMapsPolicyValue(map: FieldMap): string {
  return JSON.stringify({ [map.site]: map }, null, 2);
}

/** The words every locked control shows. */
export const SET_BY_ORGANISATION = 'Set by your organisation';

/**
 * What the browser's policy holds now. Firefox throws when no policy names Chartside, Chrome answers
 * `{}`; either way: no policy. Readable by every Chartside context (content scripts too: hence no key).
 */
export async function readManagedPolicy(area: Pick<typeof browser.storage.managed, 'get'> | undefined = browser.storage?.managed): Promise<ReadPolicy> {
  if (!area) return NO_POLICY;
  const raw = await Promise.resolve(area.get()).catch(() => undefined);
  return parseManagedPolicy(raw);
}
