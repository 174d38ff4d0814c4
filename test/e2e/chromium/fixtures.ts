import { expect, type Page } from '@playwright/test';
import { expectNoLeaks, test as base } from '../../support/server-fixtures.ts';
import {
  configureThroughOptions,
  launchChromiumWithExtension,
  openPanel,
  tabIdOf,
  type ExtensionBrowser,
} from '../../support/chromium-extension.ts';
import { showTranscript } from '../../support/panel-areas.ts';

/** A transcript long enough for the API, with sentences the emulator sorts into sections. */
export const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Plan: rest, fluids, ibuprofen as needed, return if symptoms worsen.';

interface Fixtures {
  /** Extra Chromium switches for a suite that needs them (the recorder's fake microphone). */
  browserArgs: string[];
  /** Pages make sound (no `--mute-audio`): the call-audio suite. */
  audible: boolean;
  ext: ExtensionBrowser;
  /** The sample chart, open in a tab. */
  chart: Page;
  /** The side panel bound to the chart's tab, with the extension configured for the emulator. */
  panel: Page;
}

export const test = base.extend<Fixtures>({
  browserArgs: [[], { option: true }],
  audible: [false, { option: true }],
  ext: async ({ browserArgs, audible, offsiteSink, leakGuard }, use) => {
    const ext = await launchChromiumWithExtension({ extraArgs: browserArgs, offsiteProxy: offsiteSink.hostPort, audible });
    await use(ext);
    await ext.close();
    if (leakGuard) expectNoLeaks(ext.consoleOutput(), offsiteSink);
  },
  chart: async ({ ext, ehr }, use) => {
    const chart = await ext.context.newPage();
    await chart.goto(`${ehr.url}/sample-chart.html`);
    await use(chart);
  },
  panel: async ({ ext, emulator, chart }, use) => {
    await configureThroughOptions(ext, emulator.url);
    const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
    await use(panel);
  },
});

export { expect };

/** Ticks `Patient agreed to be recorded`: Start recording records only after it while consent is asked for (the default). */
export async function agreeToRecording(panel: Page): Promise<void> {
  await panel.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true }).check();
}

export function sectionBox(panel: Page, name: 'Subjective' | 'Objective' | 'Assessment' | 'Plan') {
  return panel.getByRole('textbox', { name, exact: true });
}

export async function generate(panel: Page, transcript = TRANSCRIPT): Promise<void> {
  await showTranscript(panel); // folded to a line once a note exists
  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(transcript);
  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
}

/**
 * The consent line reaches the chart and the clipboard: Insert all puts `section` in the chart's
 * field holding `expected` (the section as the panel has it, line included), and Copy note carries the line.
 */
export async function expectConsentLineCarried(ext: ExtensionBrowser, panel: Page, chart: Page, section: 'Subjective' | 'Plan', expected: string | RegExp): Promise<void> {
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: section })).toContainText('inserted');
  await expect(chart.locator(`textarea[name="${section.toLowerCase()}"]`)).toHaveValue(expected);

  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(chart.url()).origin });
  await panel.getByRole('button', { name: 'Copy note', exact: true }).click();
  await chart.bringToFront();
  await expect.poll(() => chart.evaluate(() => navigator.clipboard.readText())).toMatch(/Patient consented to audio recording of this visit; confirmed by Dr A\. Lee at /);
}

