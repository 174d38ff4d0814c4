import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type SettingsModule = typeof import('./settings');
let checkApiBaseUrl: SettingsModule['checkApiBaseUrl'];
let DEFAULT_API_BASE_URL: SettingsModule['DEFAULT_API_BASE_URL'];
let loadSettings: SettingsModule['loadSettings'];
let originPattern: SettingsModule['originPattern'];
let saveSettings: SettingsModule['saveSettings'];
let typedTranscriptConsentRequired: SettingsModule['typedTranscriptConsentRequired'];

beforeEach(async () => {
  fakeBrowser.reset();
  // A fresh IndexedDB, and a module that has not opened the old one: no sealing key survives a test.
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  ({ checkApiBaseUrl, DEFAULT_API_BASE_URL, loadSettings, originPattern, saveSettings, typedTranscriptConsentRequired } = await import('./settings'));
});

/** Consent to record: asked for by default, its line at the end of Subjective, no name; no named templates. */
const CONSENT_DEFAULTS = { consentRequired: true, consentTypedTranscripts: false, consentPlacement: 'subjective-end' as const, consentName: '', namedTemplates: [] };
const DEFAULTS = { apiBaseUrl: 'https://api.soapnoteapi.com', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS };
const TAMPERED = { ...DEFAULTS, tampered: true };

describe('checkApiBaseUrl', () => {
  it('accepts https and reports the origin', () => {
    expect(checkApiBaseUrl('https://api.soapnoteapi.com')).toEqual({
      ok: true,
      url: 'https://api.soapnoteapi.com',
      origin: 'https://api.soapnoteapi.com',
    });
    expect(checkApiBaseUrl('https://proxy.example.org:8443/soap/v1')).toEqual({
      ok: true,
      url: 'https://proxy.example.org:8443/soap/v1',
      origin: 'https://proxy.example.org:8443',
    });
  });

  it('trims surrounding whitespace and trailing slashes', () => {
    expect(checkApiBaseUrl('  https://api.soapnoteapi.com/  ')).toMatchObject({ ok: true, url: 'https://api.soapnoteapi.com' });
    expect(checkApiBaseUrl('https://proxy.example.org/soap///')).toMatchObject({ ok: true, url: 'https://proxy.example.org/soap' });
  });

  it('allows plain http only for localhost and 127.0.0.1', () => {
    expect(checkApiBaseUrl('http://localhost:8787')).toEqual({ ok: true, url: 'http://localhost:8787', origin: 'http://localhost:8787' });
    expect(checkApiBaseUrl('http://127.0.0.1:8787/api/')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8787/api',
      origin: 'http://127.0.0.1:8787',
    });
    for (const input of [
      'http://api.soapnoteapi.com',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'http://10.0.0.5',
      'http://192.168.1.10:8787',
    ]) {
      const result = checkApiBaseUrl(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/https:\/\//);
    }
  });

  it('refuses other schemes', () => {
    for (const input of ['ftp://api.soapnoteapi.com', 'javascript:alert(1)', 'file:///etc/passwd', 'ws://localhost:8787']) {
      expect(checkApiBaseUrl(input).ok, input).toBe(false);
    }
  });

  it('refuses a URL with credentials in it', () => {
    for (const input of ['https://user:secret@api.soapnoteapi.com', 'https://user@api.soapnoteapi.com', 'http://u:p@localhost:8787']) {
      const result = checkApiBaseUrl(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(/user name and password/);
        expect(result.message).not.toContain('secret');
      }
    }
  });

  it('refuses garbage with a message', () => {
    for (const input of ['', '   ', 'api.soapnoteapi.com', 'not a url', 'https://']) {
      const result = checkApiBaseUrl(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    }
    const result = checkApiBaseUrl('not a url');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('full address') });
  });
});

describe('originPattern', () => {
  it('turns an origin into a host match pattern without the port', () => {
    expect(originPattern('https://api.soapnoteapi.com')).toBe('https://api.soapnoteapi.com/*');
    expect(originPattern('https://proxy.example.org:8443')).toBe('https://proxy.example.org/*');
    expect(originPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(originPattern('http://localhost:3000')).toBe('http://localhost/*');
  });
});

describe('loadSettings / saveSettings', () => {
  it('defaults to the vendor API when nothing is stored', async () => {
    expect(await loadSettings()).toEqual({ apiBaseUrl: DEFAULT_API_BASE_URL, omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS });
    expect(DEFAULT_API_BASE_URL).toBe('https://api.soapnoteapi.com');
  });

  it('saves to storage.local, sealed, and loads it back', async () => {
    const saved = await saveSettings({ apiBaseUrl: 'https://proxy.example.org/soap' });
    expect(saved).toEqual({ apiBaseUrl: 'https://proxy.example.org/soap', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS });
    // Content scripts read storage.local: what they see is ciphertext, not the proxy's address.
    const stored = (await fakeBrowser.storage.local.get('settings')).settings as { iv: number[]; data: number[] };
    expect(Object.keys(stored).sort()).toEqual(['data', 'iv']);
    expect(JSON.stringify(stored)).not.toContain('proxy.example.org');
    expect(await loadSettings()).toEqual({ apiBaseUrl: 'https://proxy.example.org/soap', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS });
  });

  it('keeps stored values a patch does not mention', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    expect(await saveSettings({})).toEqual({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS });
    expect(await loadSettings()).toEqual({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS });
  });

  it('marks settings it did not seal as tampered and uses none of their values', async () => {
    // What a content script could write: plain settings pointing the key and PHI at its own host.
    for (const forged of [
      { apiBaseUrl: 'https://attacker.example', omitPatientName: false },
      { apiBaseUrl: 42 },
      'https://proxy.example.org',
      [1, 2],
      { iv: [1, 2, 3], data: [4, 5, 6] },
    ]) {
      await fakeBrowser.storage.local.set({ settings: forged });
      expect(await loadSettings(), JSON.stringify(forged)).toEqual(TAMPERED);
    }
  });

  it('refuses sealed settings moved from another profile or sealed for another purpose', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    const sealed = (await fakeBrowser.storage.local.get('settings')).settings;
    globalThis.indexedDB = new IDBFactory();
    vi.resetModules();
    const elsewhere = await import('./settings');
    await fakeBrowser.storage.local.set({ settings: sealed });
    expect(await elsewhere.loadSettings()).toEqual(TAMPERED);
  });

  it('replaces tampered settings on the next save', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'https://attacker.example' } });
    expect(await saveSettings({})).toEqual(DEFAULTS);
    expect(await loadSettings()).toEqual(DEFAULTS);
  });
});

describe('idleTimeoutMinutes', () => {
  it('defaults to 30 and keeps a choice the options page offers', async () => {
    expect((await loadSettings()).idleTimeoutMinutes).toBe(30);
    await saveSettings({ idleTimeoutMinutes: 5 });
    expect((await loadSettings()).idleTimeoutMinutes).toBe(5);
  });

  it('falls back to 30 for a value it does not offer, without losing the other settings', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org', idleTimeoutMinutes: 7 as never });
    expect(await loadSettings()).toEqual({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], ...CONSENT_DEFAULTS });
  });
});

describe('styleRules', () => {
  it('are kept sealed with the other settings, which they leave as they were', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    const rules = [{ text: 'As a numbered list.', section: 'plan' as const }, { text: 'Name the tooth.', specialty: 'dentist' }];
    await saveSettings({ styleRules: rules, ...CONSENT_DEFAULTS });
    expect(JSON.stringify((await fakeBrowser.storage.local.get('settings')).settings)).not.toContain('numbered');
    expect(await loadSettings()).toEqual({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: rules, ...CONSENT_DEFAULTS });
  });

  it('refuse to save a rule the model refuses', async () => {
    await expect(saveSettings({ styleRules: [{ text: '   ' }] })).rejects.toThrow();
    expect((await loadSettings()).styleRules).toEqual([]);
  });
});

describe('the organisation’s policy (storage.managed)', () => {
  const storage = () => fakeBrowser.storage as unknown as { managed?: { get(): Promise<unknown> } };
  const withPolicy = async (policy: unknown, run: () => Promise<void>) => {
    storage().managed = { get: async () => policy };
    try {
      await run();
    } finally {
      delete storage().managed;
    }
  };

  it('wins over the clinician’s settings when read, and is never saved as theirs', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org', idleTimeoutMinutes: 60 });
    await withPolicy({ apiBaseUrl: 'https://soap-proxy.clinic.example/', maxIdleTimeoutMinutes: 15 }, async () => {
      expect(await loadSettings()).toEqual({ ...DEFAULTS, apiBaseUrl: 'https://soap-proxy.clinic.example', idleTimeoutMinutes: 15, managed: ['apiBaseUrl', 'maxIdleTimeoutMinutes'] });
      // A save of another setting while the policy applies keeps the clinician's own values.
      await saveSettings({ omitPatientName: true });
    });
    expect(await loadSettings()).toEqual({ ...DEFAULTS, apiBaseUrl: 'https://proxy.example.org', idleTimeoutMinutes: 60, omitPatientName: true });
  });

  it('an unlocked policy value gives way once the clinician saves their own, and only then', async () => {
    await withPolicy({ apiBaseUrl: 'https://soap-proxy.clinic.example', unlockedSettings: ['apiBaseUrl'] }, async () => {
      // A save of another setting does not make the address theirs.
      await saveSettings({ omitPatientName: true });
      expect((await loadSettings()).apiBaseUrl).toBe('https://soap-proxy.clinic.example');
      await saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
      expect(await loadSettings()).toMatchObject({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: true });
      expect((await loadSettings()).managed ?? []).not.toContain('apiBaseUrl');
    });
  });

  it('a malformed policy value leaves the clinician’s in use', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    await withPolicy({ apiBaseUrl: 'http://soap-proxy.clinic.example' }, async () => {
      expect(await loadSettings()).toEqual({ ...DEFAULTS, apiBaseUrl: 'https://proxy.example.org' });
    });
  });
});

describe('consent to record', () => {
  it('is asked for by default, and the choices are kept sealed with the other settings', async () => {
    expect(await loadSettings()).toMatchObject(CONSENT_DEFAULTS);
    await saveSettings({ consentRequired: false, consentPlacement: 'plan-end', consentName: 'Dr A. Lee' });
    expect(await loadSettings()).toMatchObject({ consentRequired: false, consentPlacement: 'plan-end', consentName: 'Dr A. Lee', apiBaseUrl: DEFAULT_API_BASE_URL });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('Lee');
  });

  it('is not asked for typed transcripts until the clinician turns that on; the choice is sealed with the others and needs consent asked for at all', async () => {
    expect((await loadSettings()).consentTypedTranscripts).toBe(false);
    expect(typedTranscriptConsentRequired(await loadSettings())).toBe(false);
    await saveSettings({ consentTypedTranscripts: true });
    expect(await loadSettings()).toMatchObject({ consentTypedTranscripts: true, consentRequired: true });
    expect(typedTranscriptConsentRequired(await loadSettings())).toBe(true);
    // Sealed: the stored value is not readable, nor can a value someone else stored be used.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('consentTypedTranscripts');
    // Consent not asked for at all: not for typed transcripts either.
    await saveSettings({ consentRequired: false });
    expect(typedTranscriptConsentRequired(await loadSettings())).toBe(false);
    // A value this version does not know falls back to off, keeping the rest.
    await saveSettings({ consentRequired: true, consentTypedTranscripts: 'yes' as never });
    expect(await loadSettings()).toMatchObject({ consentTypedTranscripts: false, consentRequired: true });
  });

  it('a place it does not offer falls back to the end of Subjective, keeping the rest', async () => {
    await saveSettings({ consentName: 'Dr A. Lee', consentRequired: false });
    // As if an older or newer version had sealed a value this one does not know.
    await saveSettings({ consentPlacement: 'objective-end' as never });
    expect(await loadSettings()).toMatchObject({ consentPlacement: 'subjective-end', consentName: 'Dr A. Lee', consentRequired: false });
  });
});
