import { test as base, expect } from '@playwright/test';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { serveFixtures, type FixtureServer } from '../../fixtures/serve-fixtures.ts';
import { launchFirefoxWithExtension, type FirefoxExtension } from '../../support/firefox-extension.ts';

// The Firefox suites' shared setup, as chromium/fixtures.ts is for Chromium: each fixture is started
// only for a test that asks for it, and closed after that test.
interface Fixtures {
  /** Extra Firefox preferences for a suite that needs them (the recorder's fake microphone). */
  firefoxPrefs: Record<string, unknown>;
  emulator: Emulator;
  ehr: FixtureServer;
  /** Firefox with the e2e build installed, launched with `firefoxPrefs`. */
  ext: FirefoxExtension;
}

export const test = base.extend<Fixtures>({
  firefoxPrefs: [{}, { option: true }],
  emulator: async ({}, use) => {
    const emulator = await startEmulator();
    await use(emulator);
    await emulator.close();
  },
  ehr: async ({}, use) => {
    const server = await serveFixtures();
    await use(server);
    await server.close();
  },
  ext: async ({ firefoxPrefs }, use) => {
    const ext = await launchFirefoxWithExtension({ prefs: firefoxPrefs });
    await use(ext);
    await ext.close();
  },
});

export { expect };
