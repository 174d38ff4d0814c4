import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { expectNoLeaks, test as base } from '../../support/server-fixtures.ts';
import { launchFirefoxWithExtension, waitFor, type FirefoxExtension } from '../../support/firefox-extension.ts';

// The Firefox suites' shared setup, as chromium/fixtures.ts is for Chromium: each fixture is started
// only for a test that asks for it, and closed after that test.
interface Fixtures {
  /** Extra Firefox preferences for a suite that needs them (the recorder's fake microphone). */
  firefoxPrefs: Record<string, unknown>;
  /** Firefox with the e2e build installed, launched with `firefoxPrefs`. */
  ext: FirefoxExtension;
}

export const test = base.extend<Fixtures>({
  firefoxPrefs: [{}, { option: true }],
  ext: async ({ firefoxPrefs, offsiteSink, leakGuard }, use) => {
    const ext = await launchFirefoxWithExtension({ prefs: firefoxPrefs, offsiteProxy: offsiteSink.hostPort });
    await use(ext);
    await ext.close();
    if (leakGuard) expectNoLeaks(ext.consoleOutput(), offsiteSink);
  },
});

export { expect };

/** A transcript long enough for the API, with sentences the emulator sorts into all four sections. */
export const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. Temperature 38.1 C, pharynx erythematous without exudate. ' +
  'Likely viral pharyngitis. Plan: rest, fluids, ibuprofen as needed, return if symptoms worsen.';

/** Ticks `Patient agreed to be recorded`: Start recording records only after it while consent is asked for (the default). */
export async function agreeToRecording(panel: Page): Promise<void> {
  const box = (await panel.waitForSelector('::-p-aria(Patient agreed to be recorded[role="checkbox"])'))!;
  const ticked = () => box.evaluate((el) => (el as HTMLInputElement).checked);
  if (!(await ticked())) await box.click();
  // Polled from here: waitForFunction builds its probe with Function(), which the panel's CSP refuses.
  await waitFor('Patient agreed to be recorded ticked', ticked);
}
