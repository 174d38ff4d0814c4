import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedNoteExtras,
  fieldMapsPolicyValue,
  idleChoicesUnder,
  keyKindAllowed,
  mergeEnabledSites,
  mergeFieldMaps,
  mergeManagedSettings,
  NO_POLICY,
  parseManagedPolicy,
  POLICY_SETTING_NAMES,
  policySettingSchemas,
  readManagedPolicy,
} from './managed-policy';
import type { FieldMap } from './field-maps';
import { typedTranscriptConsentRequired, type LoadedSettings } from './settings';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCAL: LoadedSettings = {
  apiBaseUrl: 'https://api.soapnoteapi.com',
  omitPatientName: true,
  idleTimeoutMinutes: 60,
  styleRules: [{ text: 'Short sentences.' }],
  consentRequired: false,
  consentTypedTranscripts: false,
  consentPlacement: 'subjective-end',
  consentName: '',
  namedTemplates: [],
};

const FIELD_MAP: FieldMap = {
  site: 'https://ehr.example.org',
  fields: { note: { frame: { origin: 'https://ehr.example.org', top: true }, locators: [{ by: 'id', id: 'note-text' }], fragile: false } },
  taughtAt: 1_700_000_000_000,
};

const FULL_POLICY = {
  apiBaseUrl: 'https://soap-proxy.clinic.example/v1/',
  enabledSites: ['https://ehr.example.org'],
  fieldMaps: { 'https://ehr.example.org': FIELD_MAP },
  defaultSpecialty: 'nurse_practitioner',
  defaultTemplate: 'standard',
  styleRules: [{ text: 'Plan as a numbered list.', section: 'plan' }],
  idleTimeoutMinutes: 10,
  maxIdleTimeoutMinutes: 15,
  allowBillingCodes: false,
  allowPatientSummary: true,
  allowedApiKeyKinds: ['live'],
};

describe('parseManagedPolicy', () => {
  it('takes every setting of a well-formed policy, the API address normalised', () => {
    const { policy, ignored } = parseManagedPolicy(FULL_POLICY);
    expect(ignored).toEqual([]);
    expect(policy).toEqual({ ...FULL_POLICY, apiBaseUrl: 'https://soap-proxy.clinic.example/v1' });
  });

  it('no policy (Chrome answers {}, Firefox nothing) is no policy, with nothing to report', () => {
    expect(parseManagedPolicy({})).toEqual(NO_POLICY);
    expect(parseManagedPolicy(undefined)).toEqual(NO_POLICY);
    expect(parseManagedPolicy(null)).toEqual(NO_POLICY);
  });

  it('ignores each malformed value alone and says why, keeping the well-formed ones', () => {
    const { policy, ignored } = parseManagedPolicy({
      apiBaseUrl: 'http://soap-proxy.clinic.example', // plain http off this computer
      enabledSites: ['https://ehr.example.org/path'], // not an origin
      idleTimeoutMinutes: 7, // not offered
      allowBillingCodes: 'no',
      fieldMaps: { 'https://other.example.org': FIELD_MAP }, // keyed under another site
      defaultSpecialty: 'nurse_practitioner',
      allowedApiKeyKinds: [],
    });
    expect(policy).toEqual({ defaultSpecialty: 'nurse_practitioner' });
    expect(ignored.map((i) => i.setting)).toEqual(['apiBaseUrl', 'enabledSites', 'idleTimeoutMinutes', 'allowBillingCodes', 'fieldMaps', 'allowedApiKeyKinds']);
    expect(ignored.find((i) => i.setting === 'apiBaseUrl')?.reason).toMatch(/https:\/\//);
    expect(ignored.find((i) => i.setting === 'idleTimeoutMinutes')?.reason).toMatch(/5, 10, 15, 30, 60/);
  });

  it('reports a setting Chartside does not have (a typo in policies.json, which Firefox does not check)', () => {
    const { policy, ignored } = parseManagedPolicy({ apiBaseURL: 'https://soap-proxy.clinic.example' });
    expect(policy).toEqual({});
    expect(ignored).toEqual([{ setting: 'apiBaseURL', reason: 'Chartside has no such setting.' }]);
  });

  it('refuses an API key found anywhere in the policy, and never repeats it', () => {
    const key = 'snapi_sk_live_abcdefgh12345678';
    const { policy, ignored } = parseManagedPolicy({
      apiKey: key,
      token: 'something',
      apiBaseUrl: `https://soap-proxy.clinic.example/?key=${key}`,
      styleRules: [{ text: `Use key ${key}` }],
      defaultTemplate: 'standard',
    });
    expect(policy).toEqual({ defaultTemplate: 'standard' });
    expect(ignored.map((i) => i.setting)).toEqual(['apiKey', 'token', 'apiBaseUrl', 'styleRules']);
    for (const note of ignored) {
      expect(note.reason).toMatch(/API key was found/);
      expect(note.reason).not.toContain('abcdefgh');
    }
    expect(JSON.stringify(ignored)).not.toContain(key);
  });

  it('a policy that is not an object of settings is reported, not thrown', () => {
    for (const raw of ['https://soap-proxy.clinic.example', 42, ['apiBaseUrl']]) {
      const read = parseManagedPolicy(raw);
      expect(read.policy).toEqual({});
      expect(read.ignored).toHaveLength(1);
    }
  });
});

describe('mergeManagedSettings', () => {
  it('without a policy the clinician’s settings are used as they are, and nothing is managed', () => {
    expect(mergeManagedSettings(LOCAL, NO_POLICY)).toEqual(LOCAL);
  });

  it('managed values win over the clinician’s and are named as managed', () => {
    const merged = mergeManagedSettings(LOCAL, parseManagedPolicy({ apiBaseUrl: 'https://soap-proxy.clinic.example', styleRules: [], idleTimeoutMinutes: 5 }));
    expect(merged).toEqual({ ...LOCAL, apiBaseUrl: 'https://soap-proxy.clinic.example', styleRules: [], idleTimeoutMinutes: 5, managed: ['apiBaseUrl', 'styleRules', 'idleTimeoutMinutes'] });
  });

  it('a maximum idle timeout caps the clinician’s choice at the longest offered choice under it', () => {
    expect(mergeManagedSettings(LOCAL, parseManagedPolicy({ maxIdleTimeoutMinutes: 20 })).idleTimeoutMinutes).toBe(15);
    expect(mergeManagedSettings({ ...LOCAL, idleTimeoutMinutes: 5 }, parseManagedPolicy({ maxIdleTimeoutMinutes: 20 })).idleTimeoutMinutes).toBe(5);
    // Under the shortest choice: the shortest choice.
    expect(mergeManagedSettings(LOCAL, parseManagedPolicy({ maxIdleTimeoutMinutes: 2 })).idleTimeoutMinutes).toBe(5);
    expect(idleChoicesUnder({ maxIdleTimeoutMinutes: 20 })).toEqual([5, 10, 15]);
    expect(idleChoicesUnder({ idleTimeoutMinutes: 10, maxIdleTimeoutMinutes: 60 })).toEqual([10]);
  });

  it('an unlocked setting is the organisation’s default until the clinician saves their own, and is never locked', () => {
    const policy = parseManagedPolicy({ apiBaseUrl: 'https://soap-proxy.clinic.example', requireRecordingConsent: true, unlockedSettings: ['apiBaseUrl'] });
    // Not chosen yet: the organisation's address; the consent requirement stays locked.
    expect(mergeManagedSettings(LOCAL, policy, [])).toMatchObject({ apiBaseUrl: 'https://soap-proxy.clinic.example', consentRequired: true, managed: ['requireRecordingConsent'] });
    // Once the clinician saved an address of theirs, theirs is used; a locked setting still wins.
    expect(mergeManagedSettings(LOCAL, policy, ['apiBaseUrl', 'consentRequired'])).toMatchObject({ apiBaseUrl: LOCAL.apiBaseUrl, consentRequired: true });
    expect(parseManagedPolicy({ unlockedSettings: ['enabledSites'] }).ignored).toEqual([{ setting: 'unlockedSettings', reason: 'Not a list of settings a clinician may change (apiBaseUrl, styleRules, requireRecordingConsent).' }]);
  });

  it('the organisation’s consent requirement wins over the clinician’s choice, either way', () => {
    // LOCAL has it off: the organisation turns it on for everyone.
    expect(mergeManagedSettings(LOCAL, parseManagedPolicy({ requireRecordingConsent: true }))).toMatchObject({ consentRequired: true, managed: ['requireRecordingConsent'] });
    expect(mergeManagedSettings({ ...LOCAL, consentRequired: true }, parseManagedPolicy({ requireRecordingConsent: false })).consentRequired).toBe(false);
    // Typed transcripts: the organisation decides whether consent is asked for; whether a typed transcript needs it stays the clinician's.
    const typedOn = { ...LOCAL, consentTypedTranscripts: true };
    expect(typedTranscriptConsentRequired(mergeManagedSettings(typedOn, parseManagedPolicy({ requireRecordingConsent: true })))).toBe(true);
    expect(typedTranscriptConsentRequired(mergeManagedSettings(LOCAL, parseManagedPolicy({ requireRecordingConsent: true })))).toBe(false);
    expect(typedTranscriptConsentRequired(mergeManagedSettings({ ...typedOn, consentRequired: true }, parseManagedPolicy({ requireRecordingConsent: false })))).toBe(false);
    expect(parseManagedPolicy({ requireRecordingConsent: 'yes' }).ignored).toEqual([{ setting: 'requireRecordingConsent', reason: 'Not true or false.' }]);
  });

  it('a malformed value leaves the clinician’s own in use', () => {
    const merged = mergeManagedSettings(LOCAL, parseManagedPolicy({ apiBaseUrl: 'ftp://x', idleTimeoutMinutes: 'soon' }));
    expect(merged).toEqual(LOCAL);
  });

  it('tampered local settings stay tampered under a policy (API calls stay refused)', () => {
    const merged = mergeManagedSettings({ ...LOCAL, tampered: true }, parseManagedPolicy({ apiBaseUrl: 'https://soap-proxy.clinic.example' }));
    expect(merged.tampered).toBe(true);
  });
});

describe('the other merges', () => {
  it('sites: the clinician’s and the organisation’s, once each', () => {
    expect(mergeEnabledSites(['https://a.example', 'https://b.example'], { enabledSites: ['https://b.example', 'https://c.example'] })).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
    expect(mergeEnabledSites(['https://a.example'], {})).toEqual(['https://a.example']);
  });

  it('field maps: the organisation’s map replaces the clinician’s for its site only', () => {
    const mine: FieldMap = { ...FIELD_MAP, fields: { subjective: FIELD_MAP.fields.note! } };
    const other: FieldMap = { ...FIELD_MAP, site: 'https://other.example' };
    expect(mergeFieldMaps({ [FIELD_MAP.site]: mine, [other.site]: other }, { fieldMaps: { [FIELD_MAP.site]: FIELD_MAP } })).toEqual({ [FIELD_MAP.site]: FIELD_MAP, [other.site]: other });
  });

  it('note extras the policy forbids are switched off; allowed ones are left as asked', () => {
    const asked = { include_billing_codes: true, include_patient_summary: true };
    expect(allowedNoteExtras(asked, { allowBillingCodes: false })).toEqual({ include_billing_codes: false, include_patient_summary: true });
    expect(allowedNoteExtras(asked, { allowBillingCodes: true, allowPatientSummary: false })).toEqual({ include_billing_codes: true, include_patient_summary: false });
    expect(allowedNoteExtras(asked, {})).toEqual(asked);
  });

  it('key kinds: any without a policy, only the listed ones with one', () => {
    expect(keyKindAllowed({}, 'test')).toBe(true);
    expect(keyKindAllowed({ allowedApiKeyKinds: ['live'] }, 'test')).toBe(false);
    expect(keyKindAllowed({ allowedApiKeyKinds: ['live'] }, 'live')).toBe(true);
  });
});

describe('fieldMapsPolicyValue (the options page’s Copy for policy)', () => {
  it('is the value of the policy’s fieldMaps setting, keyed by the site, which the policy’s own schema takes whole', () => {
    const text = fieldMapsPolicyValue(FIELD_MAP);
    const value = JSON.parse(text) as Record<string, unknown>;
    // Not wrapped in {"fieldMaps": …}: the text pastes as it is after "fieldMaps": in the policy.
    expect(Object.keys(value)).toEqual([FIELD_MAP.site]);
    expect(value).toEqual({ [FIELD_MAP.site]: FIELD_MAP });
    expect(policySettingSchemas().fieldMaps.safeParse(value)).toEqual({ success: true, data: value });
    expect(parseManagedPolicy({ fieldMaps: value })).toEqual({ policy: { fieldMaps: value }, ignored: [] });
    // Two sites' copies side by side in one object: one policy value.
    const other: FieldMap = { ...FIELD_MAP, site: 'https://other.example.org' };
    const both = { ...value, ...(JSON.parse(fieldMapsPolicyValue(other)) as object) };
    expect(parseManagedPolicy({ fieldMaps: both }).ignored).toEqual([]);
  });
});

describe('readManagedPolicy', () => {
  it('reads and parses the browser’s managed area; a browser that throws (Firefox with no policy) means no policy', async () => {
    expect(await readManagedPolicy({ get: async () => ({ defaultTemplate: 'standard' }) } as never)).toEqual({ policy: { defaultTemplate: 'standard' }, ignored: [] });
    expect(await readManagedPolicy({ get: async () => Promise.reject(new Error('Managed storage manifest not found')) } as never)).toEqual(NO_POLICY);
    expect(await readManagedPolicy(undefined)).toEqual(NO_POLICY);
  });
});

/** Chrome's schema format is a subset of JSON Schema; these are the keywords it knows. */
const CHROME_SCHEMA_KEYWORDS = new Set(['type', 'title', 'description', 'properties', 'additionalProperties', 'patternProperties', 'items', 'enum', 'minimum', 'maximum', 'pattern', 'id', '$ref', 'required']);
type JsonSchema = { type: string; properties?: Record<string, JsonSchema>; additionalProperties?: JsonSchema; items?: JsonSchema; enum?: unknown[]; minimum?: number; maximum?: number; pattern?: string };

function keywordsOf(schema: JsonSchema, out: Set<string> = new Set()): Set<string> {
  for (const key of Object.keys(schema)) out.add(key);
  for (const child of Object.values(schema.properties ?? {})) keywordsOf(child, out);
  if (schema.additionalProperties) keywordsOf(schema.additionalProperties, out);
  if (schema.items) keywordsOf(schema.items, out);
  return out;
}

/** Chrome's check, as far as the schema uses it: a value Chrome would drop fails here. */
function matches(schema: JsonSchema, value: unknown): boolean {
  const typeOk =
    schema.type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
    : schema.type === 'array' ? Array.isArray(value)
    : schema.type === 'integer' ? Number.isInteger(value)
    : typeof value === schema.type;
  if (!typeOk) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.minimum !== undefined && (value as number) < schema.minimum) return false;
  if (schema.maximum !== undefined && (value as number) > schema.maximum) return false;
  if (schema.pattern && !new RegExp(schema.pattern).test(value as string)) return false;
  if (Array.isArray(value)) return value.every((item) => matches(schema.items!, item));
  if (schema.type === 'object') {
    return Object.entries(value as object).every(([k, v]) => {
      const child = schema.properties?.[k] ?? schema.additionalProperties;
      return child ? matches(child, v) : true;
    });
  }
  return true;
}

describe('public/managed_schema.json (Chrome’s storage.managed_schema)', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'public/managed_schema.json'), 'utf8')) as JsonSchema;

  it('is an object at the top level with exactly the settings Chartside reads, in Chrome’s schema keywords only', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties!).sort()).toEqual([...POLICY_SETTING_NAMES].sort());
    for (const keyword of keywordsOf(schema)) expect(CHROME_SCHEMA_KEYWORDS, keyword).toContain(keyword);
    // Nothing in it offers a place for a key.
    expect(JSON.stringify(Object.keys(schema.properties!))).not.toMatch(/key"/i);
  });

  it('lets the complete example policy through, as Chartside’s own check does', () => {
    expect(matches(schema, FULL_POLICY)).toBe(true);
    expect(parseManagedPolicy(FULL_POLICY).ignored).toEqual([]);
  });

  it('stops the malformed values Chrome can check, each alone', () => {
    for (const [setting, value] of [
      ['apiBaseUrl', 'http://soap-proxy.clinic.example'],
      ['apiBaseUrl', 'ftp://soap-proxy.clinic.example'],
      ['idleTimeoutMinutes', 7],
      ['maxIdleTimeoutMinutes', 0],
      ['allowBillingCodes', 'no'],
      ['allowedApiKeyKinds', ['restricted']],
      ['enabledSites', 'https://ehr.example.org'],
      ['styleRules', [{ text: 'x', section: 'everything' }]],
    ] as const) {
      expect(matches(schema.properties![setting]!, value), `${setting}: ${JSON.stringify(value)}`).toBe(false);
      expect(parseManagedPolicy({ [setting]: value }).ignored.map((i) => i.setting)).toEqual([setting]);
    }
  });
});

describe('docs/deploying.md', () => {
  const blocks = [...readFileSync(path.join(ROOT, 'docs/deploying.md'), 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, any>);

  it('every example policy is one Chartside takes whole, for the right extension', () => {
    const chrome = blocks.find((b) => b['3rdparty']?.extensions)!['3rdparty'].extensions.CHARTSIDE_ID;
    const firefox = blocks.find((b) => b.policies?.['3rdparty'])!.policies['3rdparty'].Extensions['chartside@chartside.app'];
    // The Admin console wraps each value as {"Value": …}.
    const console = Object.fromEntries(Object.entries(blocks.find((b) => b.apiBaseUrl?.Value)!).map(([k, v]) => [k, (v as { Value: unknown }).Value]));
    for (const example of [chrome, firefox, console]) {
      const read = parseManagedPolicy(example);
      expect(read.ignored).toEqual([]);
      expect(Object.keys(read.policy).length).toBeGreaterThan(5);
    }
  });

  it('the Linux JSON and the Firefox policies.json examples set every setting (one of the two idle timeouts each, both between them)', () => {
    const chrome = blocks.find((b) => b['3rdparty']?.extensions)!['3rdparty'].extensions.CHARTSIDE_ID as Record<string, unknown>;
    const firefox = blocks.find((b) => b.policies?.['3rdparty'])!.policies['3rdparty'].Extensions['chartside@chartside.app'] as Record<string, unknown>;
    const IDLE = ['idleTimeoutMinutes', 'maxIdleTimeoutMinutes'];
    const others = POLICY_SETTING_NAMES.filter((name) => !IDLE.includes(name));
    for (const example of [chrome, firefox]) {
      const { policy, ignored } = parseManagedPolicy(example);
      expect(ignored).toEqual([]);
      for (const name of others) expect(policy, name).toHaveProperty(name);
      expect(IDLE.filter((name) => name in policy)).toHaveLength(1);
      expect(Object.keys(policy.fieldMaps!).length).toBeGreaterThan(0);
      expect(policy.unlockedSettings!.length).toBeGreaterThan(0);
    }
    expect(IDLE.every((name) => name in chrome || name in firefox)).toBe(true);
  });
});
