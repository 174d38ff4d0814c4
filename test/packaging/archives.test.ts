/**
 * The store archives, as uploaded: `npm run zip` builds them (a few seconds), then every check reads
 * the zips themselves, not the build config. A permission, a host, a manifest key, a source map, a
 * fixture or a test hook that reaches an archive fails here before it reaches a store.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ORIGIN, GECKO_ID, PANEL_SHORTCUTS } from '../../manifest.config';
import { POLICY_SETTING_NAMES } from '../../lib/storage/managed-policy';
import { chartReaderFile, measureBundles } from '../bench/bundle-size.ts';
import { BUNDLE_BUDGETS, budgetFor, KB } from './bundle-budgets';
import { readZip, type ZipEntry } from './zip';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const OUT = path.join(ROOT, '.output');
const ARCHIVES = {
  chrome: path.join(OUT, `${pkg.name}-${pkg.version}-chrome.zip`),
  firefox: path.join(OUT, `${pkg.name}-${pkg.version}-firefox.zip`),
  sources: path.join(OUT, `${pkg.name}-${pkg.version}-sources.zip`),
};

// What each production build asks for: written out here on purpose rather than imported, so that
// widening manifest.config.ts alone cannot widen what the stores receive.
const PERMISSIONS = ['storage', 'alarms', 'scripting', 'activeTab', 'contextMenus', 'notifications'];
const INTENDED = {
  chrome: {
    permissions: [...PERMISSIONS, 'sidePanel', 'tabCapture'],
    // Show tab names in the Call tab list: asked for from that click, never at install.
    optionalPermissions: ['tabs'],
    keys: ['manifest_version', 'name', 'description', 'version', 'icons', 'permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions', 'action', 'commands', 'background', 'options_ui', 'side_panel', 'storage'],
  },
  firefox: {
    permissions: PERMISSIONS,
    optionalPermissions: undefined,
    keys: ['manifest_version', 'name', 'description', 'version', 'icons', 'permissions', 'host_permissions', 'optional_host_permissions', 'action', 'commands', 'browser_specific_settings', 'background', 'options_ui', 'sidebar_action'],
  },
} as const;
const HOST_PERMISSIONS = ['https://api.soapnoteapi.com/*'];
// Asked for at run time, one origin at a time (an API proxy, an EHR site the clinician enables).
const OPTIONAL_HOST_PERMISSIONS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

let zips: Record<keyof typeof ARCHIVES, Map<string, ZipEntry>>;

beforeAll(() => {
  const result = spawnSync('npm', ['run', 'zip'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`npm run zip failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  zips = {
    chrome: readZip(readFileSync(ARCHIVES.chrome)),
    firefox: readZip(readFileSync(ARCHIVES.firefox)),
    sources: readZip(readFileSync(ARCHIVES.sources)),
  };
}, 180_000);

function manifestOf(browser: 'chrome' | 'firefox'): Record<string, any> {
  const entry = zips[browser].get('manifest.json');
  if (!entry) throw new Error(`${browser}: no manifest.json at the archive's root`);
  return JSON.parse(entry.read().toString('utf8'));
}

function text(entry: ZipEntry): string {
  return entry.read().toString('utf8');
}

/** The browser's extension API namespace as built code reaches it: `chrome.x`, `browser.x`, or the polyfill's default export. */
const API = String.raw`(?:\bchrome|\bbrowser|\.default)`;

/**
 * For each permission a build may ask for, the code that uses it. A permission with no entry here,
 * or whose use is no longer in the built code, fails: nothing is asked of the clinician that
 * Chartside does not use.
 */
const PERMISSION_USES: Record<string, RegExp> = {
  storage: new RegExp(`${API}\\.storage\\.(?:local|session|sync|onChanged)\\b`),
  alarms: new RegExp(`${API}\\.alarms\\b`),
  scripting: new RegExp(`${API}\\.scripting\\b`),
  // No API of its own: the grant comes from a click on Chartside's toolbar button, so that listener is its use.
  activeTab: /\.action\.onClicked\.addListener\(/,
  // Firefox's `menus` or Chrome's `contextMenus`, chosen at run time (the polyfill's table names it as a key, `contextMenus:`).
  contextMenus: /\.(?:menus|contextMenus)\b(?!:)/,
  notifications: new RegExp(`${API}\\.notifications\\b`),
  sidePanel: /\.sidePanel\b(?!:)/,
  // The call tab's sound (lib/platform/tab-capture.ts), Chrome's build only.
  tabCapture: /\.tabCapture\b(?!:)/,
  // Optional: the titles of the Call tab list, asked for by Show tab names (lib/panel/panel-recording.ts).
  tabs: /permissions:\s*\[\s*["'`]tabs["'`]\s*\]/,
};

describe.each(['chrome', 'firefox'] as const)('%s store archive', (browser) => {
  it('is Manifest V3 with the package version and the production name', () => {
    const m = manifestOf(browser);
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    expect(m.name).toBe('Chartside');
  });

  it('asks for exactly the intended permissions and hosts, and no loopback host', () => {
    const m = manifestOf(browser);
    expect(m.permissions).toEqual(INTENDED[browser].permissions);
    expect(m.host_permissions).toEqual(HOST_PERMISSIONS);
    expect(m.host_permissions).toEqual([`${API_ORIGIN}/*`]);
    expect(JSON.stringify(m.host_permissions)).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(m.optional_host_permissions).toEqual(OPTIONAL_HOST_PERMISSIONS);
    expect(m.optional_permissions).toEqual(INTENDED[browser].optionalPermissions);
  });

  it('has exactly the intended manifest keys: no externally_connectable, content_scripts or web_accessible_resources', () => {
    const m = manifestOf(browser);
    expect(Object.keys(m).sort()).toEqual([...INTENDED[browser].keys].sort());
    for (const key of ['externally_connectable', 'content_scripts', 'web_accessible_resources', 'key', 'update_url']) expect(m).not.toHaveProperty(key);
    expect(Object.keys(m.commands)).toEqual(Object.keys(PANEL_SHORTCUTS));
  });

  it('uses every permission it asks for', () => {
    const code = [...zips[browser].entries()]
      .filter(([name]) => /\.m?js$/.test(name))
      .map(([, entry]) => text(entry))
      .join('\n');
    const m = manifestOf(browser);
    for (const permission of [...(m.permissions as string[]), ...((m.optional_permissions as string[] | undefined) ?? [])]) {
      const use = PERMISSION_USES[permission];
      expect(use, `${permission}: no known use; say which code needs it in PERMISSION_USES, or drop it`).toBeDefined();
      expect(code, `${permission} is asked for but never used`).toMatch(use!);
    }
    // The optional hosts are asked for one origin at a time, from the options page and the panel.
    expect(code).toMatch(new RegExp(`${API}\\.permissions\\.request\\(`));
  });

  it('carries the icons the stores require (128 px among them), each in the archive', () => {
    const icons = manifestOf(browser).icons as Record<string, string>;
    expect(Object.keys(icons)).toEqual(expect.arrayContaining(['16', '48', '128']));
    for (const file of Object.values(icons)) expect(zips[browser].has(file)).toBe(true);
  });

  it('keeps the default content security policy (or one without eval or remote scripts)', () => {
    const csp = manifestOf(browser).content_security_policy;
    if (csp === undefined) return;
    for (const policy of Object.values(csp as Record<string, string>)) {
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    }
  });

  it('contains no source maps, fixtures, env files or test hooks', () => {
    const names = [...zips[browser].keys()];
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(name).not.toMatch(/\.map$|(^|\/)\.env|(^|\/)test\/|fixtures?|\.test\.|\.(ts|tsx)$/);
      expect(name).not.toMatch(/^\.|\/\./);
    }
    const scripts = names.filter((n) => /\.(m?js|html)$/.test(n));
    expect(scripts.length).toBeGreaterThan(3);
    for (const name of scripts) {
      const source = text(zips[browser].get(name)!);
      expect(source, name).not.toContain('chartsideE2E');
      expect(source, name).not.toMatch(/sourceMappingURL/);
      expect(source, name).not.toMatch(/\beval\(|new Function\(/);
      expect(source, name).not.toMatch(/<script[^>]+src=["']https?:/);
      // No code from anywhere else: no remote module, worker import or stylesheet.
      expect(source, name).not.toMatch(/\bimport\(\s*["'`]https?:|importScripts\(\s*["'`]https?:|<link[^>]+href=["']https?:/);
    }
  });
});

describe('Firefox specifics', () => {
  it('names its gecko id, minimum version and data collection permissions', () => {
    const gecko = manifestOf('firefox').browser_specific_settings.gecko;
    expect(gecko.id).toBe(GECKO_ID);
    expect(gecko.strict_min_version).toBe('140.0');
    expect(gecko.data_collection_permissions).toEqual({ required: ['healthInfo', 'personallyIdentifyingInfo', 'personalCommunications', 'websiteContent'] });
  });

  it('runs its background as an event page and its panel as the sidebar; Chrome has neither', () => {
    const firefox = manifestOf('firefox');
    const chrome = manifestOf('chrome');
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(firefox.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(chrome.side_panel.default_path).toBe('sidepanel.html');
    expect(chrome).not.toHaveProperty('browser_specific_settings');
  });
});

describe('Chrome specifics', () => {
  it('carries the managed schema its manifest names: a JSON Schema object of exactly the settings Chartside reads from policy, none of them a key', () => {
    const chrome = manifestOf('chrome');
    expect(chrome.storage).toEqual({ managed_schema: 'managed_schema.json' });
    const entry = zips.chrome.get(chrome.storage.managed_schema);
    expect(entry, 'managed_schema.json is not in the Chrome archive').toBeDefined();
    const schema = JSON.parse(text(entry!)) as { type: string; properties: Record<string, { type: string }> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_SETTING_NAMES].sort());
    for (const [name, property] of Object.entries(schema.properties)) expect(['string', 'array', 'object', 'integer', 'number', 'boolean'], name).toContain(property.type);
    expect(Object.keys(schema.properties).some((name) => /key|secret|token/i.test(name) && name !== 'allowedApiKeyKinds')).toBe(false);
    // Firefox reads policies.json without a schema: its manifest names none.
    expect(manifestOf('firefox')).not.toHaveProperty('storage');
  });
});

describe('Firefox sources archive', () => {
  it('holds what the build reads and the reviewer notes', () => {
    const names = [...zips.sources.keys()];
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'manifest.config.ts', 'SOURCE-BUILD.md', 'entrypoints/background.ts', 'entrypoints/sidepanel/index.html'])
      expect(names).toContain(needed);
    expect(names.some((n) => n.startsWith('lib/'))).toBe(true);
    expect(names.some((n) => n.startsWith('components/'))).toBe(true);
    expect(JSON.parse(text(zips.sources.get('package.json')!)).version).toBe(pkg.version);
  });

  it('leaves out tests, fixtures, build outputs, dependencies, dot files and secrets', () => {
    for (const name of zips.sources.keys()) {
      expect(name).not.toMatch(/^(test|node_modules|\.output|\.wxt|\.tmp|\.ci|demo-output|test-results|playwright-report|docs|scripts)\//);
      expect(name).not.toMatch(/(^|\/)\./);
      expect(name).not.toMatch(/\.test\.tsx?$|\.zip$|\.map$|\.(pem|key|crx|xpi)$/);
    }
  });

  it('tells the reviewer the exact build command, and that command builds the Firefox MV3 archive', () => {
    const notes = text(zips.sources.get('SOURCE-BUILD.md')!);
    expect(notes).toContain('npm ci');
    expect(notes).toContain('npm run build:firefox');
    const scripts = JSON.parse(text(zips.sources.get('package.json')!)).scripts;
    expect(scripts['build:firefox']).toBe('wxt build -b firefox');
    expect(text(zips.sources.get('wxt.config.ts')!)).toMatch(/manifestVersion: 3/);
  });
});

describe('Chrome store archive, bundle budgets (test/packaging/bundle-budgets.ts)', () => {
  // Measured on the archive's own files, unpacked, with the benchmark's rules (test/bench/bundle-size.ts):
  // a page counts every script it loads at start-up, each file gzipped on its own.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'chartside-bundles-'));
    for (const [name, entry] of zips.chrome) {
      if (name.endsWith('/')) continue;
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), entry.read());
    }
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('every entrypoint has a budget and stays within it', () => {
    const bundles = measureBundles(dir, [chartReaderFile(path.join(ROOT, 'lib/platform/content-script-registration.ts'))]);
    expect(bundles.map((b) => b.name).sort()).toEqual(BUNDLE_BUDGETS.map((b) => b.entry).sort());
    const over = bundles
      .filter((b) => b.gzipBytes > budgetFor(b.name)!.budgetKB * KB)
      .map((b) => `${b.name}: ${(b.gzipBytes / KB).toFixed(1)} KB gzip, budget ${budgetFor(b.name)!.budgetKB} KB`);
    expect(over).toEqual([]);
  });
});
