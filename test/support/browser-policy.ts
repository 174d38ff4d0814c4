/**
 * Enterprise policy for an end-to-end test, written where the browser reads it, and always removed.
 *
 * Chromium on Linux reads every `*.json` in /etc/chromium/policies/managed/ at start-up; an
 * extension's managed storage is `3rdparty.extensions.<id>` there. Each file is uniquely named, so
 * tests (and other worktrees, whose extension ids differ: the id comes from the build's path) never
 * share one. Writing there needs root, as CI runs.
 *
 * Firefox reads `policies.json` from a `distribution` folder beside its binary; an extension's
 * managed storage is `3rdparty.Extensions.<id>` there. /usr/lib/firefox-esr belongs to the system,
 * so the test runs a copy of the browser's folder (its binary copied, symlinks to every other file,
 * and a distribution folder of the test's own).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface WrittenPolicy {
  file: string;
  /** Writes other settings into the same file (the browser reads them at its next policy reload). */
  update(settings: Record<string, unknown>): void;
  remove(): void;
}

/** Writes a Chromium policy file giving `extensionId` these managed settings (plus any browser-wide policies). */
export function writeChromiumPolicy(extensionId: string, settings: Record<string, unknown>, browserPolicies: Record<string, unknown> = {}): WrittenPolicy {
  const created = missingDirs(CHROMIUM_POLICY_DIR);
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  const file = path.join(CHROMIUM_POLICY_DIR, `chartside-e2e-${process.pid}-${randomUUID()}.json`);
  const write = (values: Record<string, unknown>) => writeFileSync(file, JSON.stringify({ ...browserPolicies, '3rdparty': { extensions: { [extensionId]: values } } }, null, 2));
  write(settings);
  return {
    file,
    update: write,
    remove() {
      rmSync(file, { force: true });
      // Folders this test made, if nothing else is in them now.
      for (const dir of created) if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
    },
  };
}

/** The folders of `dir` that do not exist yet, deepest first. */
function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) missing.push(d);
  return missing;
}

export const FIREFOX_DIR = process.env.FIREFOX_DIR ?? '/usr/lib/firefox-esr';

export interface FirefoxCopy {
  /** The copy's binary, to launch instead of /usr/bin/firefox-esr. */
  executablePath: string;
  remove(): void;
}

/**
 * A copy of Firefox's folder (symlinks, not bytes) with its own distribution/policies.json giving
 * `addonId` these managed settings (`3rdparty.Extensions.<id>`), plus any browser-wide policies.
 */
export function firefoxWithPolicy(addonId: string, settings: Record<string, unknown>, browserPolicies: Record<string, unknown> = {}): FirefoxCopy {
  const root = mkdtempSync(path.join(tmpdir(), 'chartside-firefox-policy-'));
  for (const name of readdirSync(FIREFOX_DIR)) {
    if (name === 'distribution') continue;
    // The binary itself is copied: Firefox finds its folder (and so distribution/) from its own real path.
    if (name === 'firefox-esr') copyFileSync(path.join(FIREFOX_DIR, name), path.join(root, name));
    else if (name === 'firefox-bin') symlinkSync('firefox-esr', path.join(root, name));
    else symlinkSync(path.join(FIREFOX_DIR, name), path.join(root, name));
  }
  mkdirSync(path.join(root, 'distribution'));
  writeFileSync(path.join(root, 'distribution', 'policies.json'), JSON.stringify({ policies: { ...browserPolicies, '3rdparty': { Extensions: { [addonId]: settings } } } }, null, 2));
  return {
    executablePath: path.join(root, 'firefox-esr'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The fixture EHR's site (loopback: ports are not part of a site), as the policy suites preset it. */
export const POLICY_EHR_SITE = 'http://127.0.0.1';

/**
 * The unlabelled fixture page's four boxes (unlabelled.html), mapped as Map fields would save them,
 * by their place on the page: the field map the policy suites of both browsers preset.
 */
export const UNLABELLED_FIELD_MAP = {
  site: POLICY_EHR_SITE,
  taughtAt: 1_765_000_000_000,
  fields: Object.fromEntries(
    ['subjective', 'objective', 'assessment', 'plan'].map((section, i) => [
      section,
      { frame: { origin: POLICY_EHR_SITE, top: true }, locators: [{ by: 'position', css: `.grid > .cell:nth-child(${i + 1}) > textarea.ta` }], fragile: true },
    ]),
  ),
};
