import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, openExtensionPage, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { openNoteOptions } from '../../support/firefox-panel-areas.ts';

// Settings in Firefox (chromium/settings.spec.ts is the fuller original): the saved key is shown
// back only masked, Test connection reaches the emulator through the background without
// generating anything, and a key the server has revoked is named as such.

const status = (page: Page) => textOfRole(page, 'status');

test('saves a key shown back only masked; Test connection succeeds, then names a revoked key', async ({ emulator, ext }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();

  // A fresh options page: the key field is empty, the key appears only as its last four characters.
  const options = await openExtensionPage(ext, 'options.html');
  const field = (id: string) => options.evaluate((i: string) => (document.getElementById(i) as HTMLInputElement | null)?.value, id);
  await waitFor('the saved settings to load', async () => (await field('api-base-url')) === emulator.url);
  expect(await field('api-key')).toBe('');
  const body = await options.evaluate(() => document.body.textContent ?? '');
  expect(body).not.toContain(TEST_API_KEY);
  expect(body).toContain(`••••${TEST_API_KEY.slice(-4)}`);

  await click(options, 'Test connection');
  await waitFor('the connection test', async () => (await status(options)).includes('accepted your key'));
  // One documented request that cannot make a note: POST /v1/note with no fields at all.
  expect(emulator.requests.filter((r) => r.path.includes('note')).map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/v1/note', {}]]);

  emulator.revokeKey(TEST_API_KEY);
  await click(options, 'Test connection');
  await waitFor('the revoked key to be reported', async () => /revoked/i.test(await status(options)));
  expect(await status(options)).toMatch(/revoked/i);
});

test('the specialty list comes from the API without the key, and the chosen specialty’s template variants fill the Template box with one press', async ({ emulator, ext }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
  const panel = await openExtensionPage(ext, 'sidepanel.html?tabId=1');
  await openNoteOptions(panel);
  const variants = () =>
    panel.evaluate(() => Array.from(document.querySelectorAll('[role="group"][aria-label="Template variants"] button')).map((b) => b.textContent?.trim()));
  await waitFor('the variants', async () => (await variants()).length > 0);
  expect(await variants()).toEqual(['Standard', 'Brief', 'Detailed']);
  const listRequests = emulator.requests.filter((r) => r.path === '/v1/specialties');
  expect(listRequests.length).toBeGreaterThanOrEqual(1);
  expect(listRequests.every((r) => r.headers.authorization === undefined)).toBe(true);
  await click(panel, 'Brief');
  await waitFor('the Template box', async () => (await panel.evaluate(() => (document.getElementById('template') as HTMLInputElement).value)) === 'brief');
});
