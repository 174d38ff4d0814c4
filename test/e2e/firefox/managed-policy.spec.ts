/**
 * Managed configuration through Firefox enterprise policy (issue 17): a `policies.json` in the
 * `distribution` folder of a copy of Firefox ESR's folder (test/support/browser-policy.ts), naming
 * the add-on's settings under `3rdparty.Extensions.<id>`. Firefox does not check those values:
 * Chartside does, and ignores a malformed one alone.
 */
import type { Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../manifest.config.ts';
import { firefoxWithPolicy, POLICY_EHR_SITE, UNLABELLED_FIELD_MAP } from '../../support/browser-policy.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { expectNoLeaks } from '../../support/server-fixtures.ts';
import { click, fixtureState, generate, launchFirefoxWithExtension, NOTE_SECTIONS, openChartWithPanel, openExtensionPage, panelSections, textOfRole, waitFor, type FirefoxExtension } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';
import { expect, test as base, TRANSCRIPT } from './fixtures.ts';



const policyFor = (apiUrl: string) => ({
  apiBaseUrl: apiUrl,
  enabledSites: [POLICY_EHR_SITE],
  fieldMaps: { [POLICY_EHR_SITE]: UNLABELLED_FIELD_MAP },
  idleTimeoutMinutes: 10,
  // Firefox passes these on unchecked: Chartside ignores each alone and says so.
  allowBillingCodes: 'no',
  apiKey: 'snapi_sk_live_policyKeyNeverUsed01',
});

const test = base.extend({
  ext: async ({ emulator, offsiteSink, leakGuard }, use) => {
    const firefox = firefoxWithPolicy(GECKO_ID, policyFor(emulator.url));
    let ext: FirefoxExtension | undefined;
    try {
      ext = await launchFirefoxWithExtension({ offsiteProxy: offsiteSink.hostPort, executablePath: firefox.executablePath });
      await use(ext);
    } finally {
      await ext?.close();
      firefox.remove();
    }
    if (leakGuard) expectNoLeaks(ext!.consoleOutput(), offsiteSink);
  },
});

/** The options page with only the key saved: the address is the organisation's. */
async function saveKeyOnly(ext: FirefoxExtension): Promise<Page> {
  const options = await openExtensionPage(ext, 'options.html');
  await (await options.waitForSelector('::-p-aria(API key)'))!.type(TEST_API_KEY);
  await click(options, 'Save');
  await waitForInPage(options, () => document.querySelector('[role="status"]')?.textContent?.includes('Saved.'));
  return options;
}

test('policies.json: the locked API address is used and cannot be changed; malformed values and a key are ignored alone, with a note', async ({ ext, emulator, ehr }) => {
  const options = await saveKeyOnly(ext);
  const address = await options.evaluate(() => {
    const input = document.getElementById('api-base-url') as HTMLInputElement;
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    return { value: input.value, disabled: input.disabled, described };
  });
  expect(address).toEqual({ value: emulator.url, disabled: true, described: expect.stringContaining('Set by your organisation') });
  const idle = await options.evaluate(() => {
    const select = document.getElementById('idle-timeout') as HTMLSelectElement;
    return { value: select.value, disabled: select.disabled };
  });
  expect(idle).toEqual({ value: '10', disabled: true });
  const note = await options.evaluate(() => document.querySelector('[role="note"]')?.textContent ?? '');
  expect(note).toContain('allowBillingCodes');
  expect(note).toContain('apiKey');
  expect(note).toContain('API key was found');
  expect(note).not.toContain('policyKeyNeverUsed');

  // The policy's site is read with no Enable click, and the note comes from the organisation's API.
  const { panel } = await openChartWithPanel(ext, options, `${ehr.url}/sample-chart.html`);
  await waitFor('the chart to be read', async () => (await panel.evaluate(() => document.body.textContent ?? '')).includes('items will be sent'));
  expect(await panel.evaluate(() => Array.from(document.querySelectorAll('button')).some((b) => b.textContent?.trim() === 'Enable on this site'))).toBe(false);
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 30_000);
  expect(emulator.requests.some((r) => r.path === '/v1/stream/note')).toBe(true);
});

test('policies.json: Insert all uses the organisation’s field map', async ({ ext, ehr }) => {
  const options = await saveKeyOnly(ext);
  const { chart, panel } = await openChartWithPanel(ext, options, `${ehr.url}/insert/unlabelled.html`);
  await waitFor('the chart to be read', async () => (await panel.evaluate(() => document.body.textContent ?? '')).includes('items will be sent'));
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 30_000);
  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => (await textOfRole(panel, 'status')).includes('Plan: inserted'));
  const note = await panelSections(panel);
  expect(note.plan).not.toBe('');
  const boxes = async () => {
    const state = await fixtureState(chart);
    return Object.fromEntries(NOTE_SECTIONS.map((s) => [s.toLowerCase(), state[s.toLowerCase()]]));
  };
  await waitFor('the boxes to hold the note', async () => JSON.stringify(await boxes()) === JSON.stringify(note));
});
