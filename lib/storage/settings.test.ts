import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkApiBaseUrl, DEFAULT_API_BASE_URL, loadSettings, originPattern, saveSettings } from './settings';

beforeEach(() => {
  fakeBrowser.reset();
});

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
    expect(await loadSettings()).toEqual({ apiBaseUrl: DEFAULT_API_BASE_URL, omitPatientName: false, idleTimeoutMinutes: 30 });
    expect(DEFAULT_API_BASE_URL).toBe('https://api.soapnoteapi.com');
  });

  it('saves to storage.local and loads it back', async () => {
    const saved = await saveSettings({ apiBaseUrl: 'https://proxy.example.org/soap' });
    expect(saved).toEqual({ apiBaseUrl: 'https://proxy.example.org/soap', omitPatientName: false, idleTimeoutMinutes: 30 });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { apiBaseUrl: 'https://proxy.example.org/soap', omitPatientName: false, idleTimeoutMinutes: 30 } });
    expect(await loadSettings()).toEqual({ apiBaseUrl: 'https://proxy.example.org/soap', omitPatientName: false, idleTimeoutMinutes: 30 });
  });

  it('keeps stored values a patch does not mention', async () => {
    await saveSettings({ apiBaseUrl: 'https://proxy.example.org' });
    expect(await saveSettings({})).toEqual({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: false, idleTimeoutMinutes: 30 });
    expect(await loadSettings()).toEqual({ apiBaseUrl: 'https://proxy.example.org', omitPatientName: false, idleTimeoutMinutes: 30 });
  });

  it('falls back to the defaults when the stored value is corrupt', async () => {
    for (const corrupt of [{ apiBaseUrl: 42 }, 'https://proxy.example.org', [1, 2], { apiBaseUrl: null }]) {
      await fakeBrowser.storage.local.set({ settings: corrupt });
      expect(await loadSettings(), JSON.stringify(corrupt)).toEqual({ apiBaseUrl: DEFAULT_API_BASE_URL, omitPatientName: false, idleTimeoutMinutes: 30 });
    }
  });

  it('replaces a corrupt stored value on the next save', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 42 } });
    await saveSettings({});
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ apiBaseUrl: DEFAULT_API_BASE_URL, omitPatientName: false, idleTimeoutMinutes: 30 });
  });

  it('refuses, on every read, an API address that was stored without the check (plain http to another host)', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'http://evil.example.org', omitPatientName: true } });
    expect(await loadSettings()).toEqual({ apiBaseUrl: DEFAULT_API_BASE_URL, omitPatientName: false, idleTimeoutMinutes: 30 });
  });
});

describe('idleTimeoutMinutes', () => {
  it('defaults to 30 and keeps a choice the options page offers', async () => {
    expect((await loadSettings()).idleTimeoutMinutes).toBe(30);
    await saveSettings({ idleTimeoutMinutes: 5 });
    expect((await loadSettings()).idleTimeoutMinutes).toBe(5);
  });

  it('falls back to 30 for a value it does not offer, without losing the other settings', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'https://proxy.example.org', idleTimeoutMinutes: 7 } });
    expect(await loadSettings()).toMatchObject({ apiBaseUrl: 'https://proxy.example.org', idleTimeoutMinutes: 30 });
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'https://proxy.example.org', idleTimeoutMinutes: 'never' } });
    expect((await loadSettings()).idleTimeoutMinutes).toBe(30);
  });
});
