import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { API_ORIGIN, buildManifest, E2E_HOSTS, GECKO_ID, MANAGED_SCHEMA_FILE } from './manifest.config';

const ALL = [
  { browser: 'chrome', e2e: false },
  { browser: 'chrome', e2e: true },
  { browser: 'firefox', e2e: false },
  { browser: 'firefox', e2e: true },
  { browser: 'edge', e2e: false },
] as const;

describe('buildManifest', () => {
  it('production Chrome asks for exactly storage, alarms, scripting, activeTab, contextMenus, notifications, sidePanel, tabCapture and the vendor API', () => {
    const m = buildManifest({ browser: 'chrome', e2e: false });
    expect(m.permissions).toEqual(['storage', 'alarms', 'scripting', 'activeTab', 'contextMenus', 'notifications', 'sidePanel', 'tabCapture']);
    expect(m.host_permissions).toEqual(['https://api.soapnoteapi.com/*']);
    expect(API_ORIGIN).toBe('https://api.soapnoteapi.com');
    expect(m.name).toBe('Chartside');
    expect(m).not.toHaveProperty('browser_specific_settings');
  });

  it('production Firefox has no sidePanel, a gecko id and declares health data collection', () => {
    const m = buildManifest({ browser: 'firefox', e2e: false });
    expect(m.permissions).toEqual(['storage', 'alarms', 'scripting', 'activeTab', 'contextMenus', 'notifications']);
    expect(m.permissions).not.toContain('sidePanel');
    expect(m.permissions).not.toContain('tabCapture'); // Firefox has no tab capture
    expect(m.host_permissions).toEqual(['https://api.soapnoteapi.com/*']);
    expect(m.browser_specific_settings?.gecko.id).toBe(GECKO_ID);
    expect(m.browser_specific_settings?.gecko.id).toMatch(/\S/);
    expect(m.browser_specific_settings?.gecko.data_collection_permissions.required).toContain('healthInfo');
    // The same categories PRIVACY.md and store/chrome-web-store-privacy.md declare.
    expect(m.browser_specific_settings?.gecko.data_collection_permissions.required).toEqual(['healthInfo', 'personallyIdentifyingInfo', 'personalCommunications', 'websiteContent']);
  });

  it('e2e builds add exactly the loopback hosts and nothing else', () => {
    expect(E2E_HOSTS).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    for (const browser of ['chrome', 'firefox']) {
      const prod = buildManifest({ browser, e2e: false });
      const e2e = buildManifest({ browser, e2e: true });
      expect(e2e.host_permissions, browser).toEqual([...prod.host_permissions, 'http://127.0.0.1/*', 'http://localhost/*']);
      expect(e2e.permissions, browser).toEqual(prod.permissions);
      expect(e2e.optional_host_permissions, browser).toEqual(prod.optional_host_permissions);
      // Only the name (and host permissions) differ.
      const { name: _n1, host_permissions: _h1, ...restE2e } = e2e;
      const { name: _n2, host_permissions: _h2, ...restProd } = prod;
      expect(restE2e, browser).toEqual(restProd);
      expect(e2e.name).toMatch(/test build/);
    }
  });

  it('production builds reach no plain-http host by default', () => {
    for (const browser of ['chrome', 'firefox']) {
      const m = buildManifest({ browser, e2e: false });
      expect(m.host_permissions.every((h) => h.startsWith('https://'))).toBe(true);
    }
  });

  it('never lets web pages message the extension (no externally_connectable) and asks for no broad permissions', () => {
    for (const opts of ALL) {
      const m = buildManifest(opts) as Record<string, unknown> & { permissions: string[]; host_permissions: string[] };
      expect(m, JSON.stringify(opts)).not.toHaveProperty('externally_connectable');
      expect(m).not.toHaveProperty('content_scripts');
      expect(m).not.toHaveProperty('web_accessible_resources');
      // `scripting` is asked for (the chart reader is registered per enabled site); these never are.
      // `tabs` is optional, asked for by Show tab names (see the next test).
      for (const p of ['tabs', 'webNavigation', 'webRequest', 'cookies', 'history', '<all_urls>']) expect(m.permissions).not.toContain(p);
      expect(m.host_permissions).not.toContain('<all_urls>');
      expect(m.host_permissions).not.toContain('https://*/*');
    }
  });

  it('asks for `tabs` only as an optional permission of the Chrome build (Show tab names), never at install', () => {
    const chrome = buildManifest({ browser: 'chrome', e2e: false }) as Record<string, unknown>;
    expect(chrome.optional_permissions).toEqual(['tabs']);
    expect(buildManifest({ browser: 'firefox', e2e: false })).not.toHaveProperty('optional_permissions');
  });

  it('declares the keyboard shortcuts: open the panel, record, generate, insert all; four suggested keys at most, all Alt+Shift', () => {
    for (const browser of ['chrome', 'firefox']) {
      const commands = buildManifest({ browser, e2e: false }).commands;
      expect(Object.keys(commands)).toEqual(['_execute_action', 'toggle-recording', 'generate-note', 'insert-all']);
      const keys = Object.values(commands).map((c) => c.suggested_key.default);
      expect(keys.length).toBeLessThanOrEqual(4);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(/^Alt\+Shift\+[A-Z]$/);
    }
  });

  it('Chrome builds name the managed schema an organisation\'s policy is checked against; Firefox builds name none', () => {
    for (const e2e of [false, true]) {
      expect(buildManifest({ browser: 'chrome', e2e }).storage).toEqual({ managed_schema: 'managed_schema.json' });
      expect(buildManifest({ browser: 'firefox', e2e })).not.toHaveProperty('storage');
    }
    // WXT copies public/ to the build's root, where the manifest names it.
    expect(existsSync(path.join(import.meta.dirname, 'public', MANAGED_SCHEMA_FILE))).toBe(true);
  });
});
