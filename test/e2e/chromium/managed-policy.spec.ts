/**
 * Managed configuration through real Chromium enterprise policy (issue 17): a policy file in
 * /etc/chromium/policies/managed/ names the extension's settings under `3rdparty.extensions.<id>`.
 * Each test writes its own uniquely named file before the browser starts and removes it after, pass
 * or fail (test/support/browser-policy.ts).
 */
import type { Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectNoLeaks } from '../../support/server-fixtures.ts';
import { CHROME_BUILD, extensionUrl, launchChromiumWithExtension, openPanel, tabIdOf, TEST_API_KEY, unpackedExtensionId, type ExtensionBrowser } from '../../support/chromium-extension.ts';
import { POLICY_EHR_SITE, UNLABELLED_FIELD_MAP, writeChromiumPolicy, type WrittenPolicy } from '../../support/browser-policy.ts';
import { openNoteOptions, reviewPatientContext } from '../../support/panel-areas.ts';
import { expect, generate, sectionBox, test as base } from './fixtures';

const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;

/** The organisation's policy for these tests: the API is the emulator. */
const policyFor = (apiUrl: string) => ({
  apiBaseUrl: apiUrl,
  enabledSites: [POLICY_EHR_SITE],
  fieldMaps: { [POLICY_EHR_SITE]: UNLABELLED_FIELD_MAP },
  idleTimeoutMinutes: 10,
  allowBillingCodes: false,
  defaultSpecialty: 'dentist',
  // Passes Chrome's schema, fails Chartside's own check (a rule must say something): ignored alone.
  styleRules: [{ text: '   ' }],
});

const test = base.extend<{ extensionCopy: string; policyFile: WrittenPolicy }>({
  // Every Chromium on the machine reads /etc/chromium/policies/managed, and a policy names its
  // extension by id: a copy of the build in a folder of its own is an id no other test's browser
  // (the other worker's, say) loads, so the policy reaches this test alone.
  extensionCopy: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chartside-policy-build-'));
    cpSync(CHROME_BUILD, dir, { recursive: true });
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  policyFile: async ({ emulator, extensionCopy }, use) => {
    const written = writeChromiumPolicy(unpackedExtensionId(extensionCopy), policyFor(emulator.url));
    try {
      await use(written);
    } finally {
      written.remove();
    }
  },
  ext: async ({ policyFile: _written, extensionCopy, offsiteSink, leakGuard }, use) => {
    let ext: ExtensionBrowser | undefined;
    try {
      ext = await launchChromiumWithExtension({ offsiteProxy: offsiteSink.hostPort, extensionDir: extensionCopy });
      await use(ext);
    } finally {
      await ext?.close();
    }
    if (leakGuard) expectNoLeaks(ext!.consoleOutput(), offsiteSink);
  },
  // The clinician saves only their key: the address is the organisation's.
  panel: async ({ ext, chart }, use) => {
    const options = await openOptions(ext);
    await options.getByLabel('API key', { exact: true }).fill(TEST_API_KEY);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await options.close();
    await use(await openPanel(ext, await tabIdOf(ext, chart.url())));
  },
});

async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'options.html'));
  await page.locator('html[data-ready="true"]').waitFor();
  return page;
}

test('the organisation’s API address is locked in the options page and is where notes go; its site is read with no Enable click', async ({ ext, panel, emulator }) => {
  const options = await openOptions(ext);
  const address = options.getByRole('textbox', { name: 'API base URL', exact: true });
  await expect(address).toHaveValue(emulator.url);
  await expect(address).toBeDisabled();
  await expect(address).toHaveAccessibleDescription(/Set by your organisation/);
  // The idle timeout is the organisation's too.
  const idle = options.getByRole('combobox', { name: 'Clear patient data after', exact: true });
  await expect(idle).toBeDisabled();
  await expect(idle).toHaveValue('10');
  // The policy's site is listed and cannot be stopped from here.
  await expect(options.getByRole('button', { name: `Stop reading ${POLICY_EHR_SITE}`, exact: true })).toBeDisabled();
  // A malformed value is ignored on its own, with a note; the rest applies.
  const note = options.getByRole('note', { name: 'Policy values Chartside ignored' });
  await expect(note).toContainText('styleRules');
  await expect(note).not.toContainText('apiBaseUrl');
  await expect(options.getByRole('textbox', { name: 'Style rules', exact: true })).toBeEnabled();

  // The panel reads the chart at once: no Enable on this site, no prompt.
  const context = panel.getByRole('region', { name: 'Patient context' });
  await expect(context).toContainText('items will be sent');
  await expect(context.getByRole('button', { name: 'Enable on this site', exact: true })).toHaveCount(0);
  await reviewPatientContext(panel);
  await expect(context).toContainText('Maria Alvarez');

  // Billing codes are off and locked; a new note starts from the organisation's specialty.
  await openNoteOptions(panel);
  const billing = panel.getByRole('checkbox', { name: 'Include billing codes', exact: true });
  await expect(billing).toBeDisabled();
  await expect(billing).not.toBeChecked();
  await expect(billing).toHaveAccessibleDescription('Set by your organisation');
  await expect(panel.getByRole('combobox', { name: 'Specialty', exact: true })).toHaveValue('dentist');

  // The note is made by the organisation's API (the emulator); nothing went to the vendor's.
  await generate(panel);
  await expect(panel.getByRole('status').last()).toHaveText(/Note ready/);
  expect(emulator.requests.some((r) => r.path === '/v1/stream/note')).toBe(true);
});

test('Insert all uses the organisation’s field map on a page whose fields say nothing', async ({ ext, panel: _configured, ehr }) => {
  const chart = await ext.context.newPage();
  await chart.goto(`${ehr.url}/insert/unlabelled.html`);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  await reviewPatientContext(panel);
  await expect(panel.getByRole('region', { name: 'Patient context' })).toContainText('Rosalind Achebe');
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  const want = Object.fromEntries(await Promise.all(SECTIONS.map(async (s) => [s.toLowerCase(), await sectionBox(panel, s).inputValue()] as const)));
  expect(want.plan).not.toBe('');
  await expect.poll(() => chart.evaluate(() => (window as unknown as { __fixture: { state(): Record<string, string> } }).__fixture.state())).toMatchObject(want);
});

test('a change of policy applies live: the options page follows it without a reload or a restart', async ({ ext, policyFile, emulator }) => {
  const options = await openOptions(ext);
  const address = options.getByRole('textbox', { name: 'API base URL', exact: true });
  const idle = options.getByRole('combobox', { name: 'Clear patient data after', exact: true });
  await expect(address).toBeDisabled();
  await expect(idle).toHaveValue('10');

  // IT lets the clinician choose the address again and caps the idle timeout instead of fixing it.
  const { apiBaseUrl: _gone, idleTimeoutMinutes: _fixed, ...rest } = policyFor(emulator.url);
  policyFile.update({ ...rest, maxIdleTimeoutMinutes: 15 });
  const policyPage = await ext.context.newPage();
  await policyPage.goto('chrome://policy');
  await policyPage.locator('#reload-policies').click();

  await expect(address).toBeEnabled();
  await expect(address).toHaveValue('https://api.soapnoteapi.com');
  await expect(idle).toBeEnabled();
  await expect(idle.locator('option')).toHaveText(['5 minutes', '10 minutes', '15 minutes']);
  await expect(options.getByText('Set by your organisation: at most 15 minutes.')).toBeVisible();
});
