import { expect, test } from './fixtures';
import { extensionUrl, TEST_API_KEY } from '../../support/chromium-extension.ts';

test.describe('options page', () => {
  test('saves a key without showing it back, tells test keys apart, and tests the connection without generating', async ({ ext, emulator }) => {
    const page = await ext.context.newPage();
    await page.goto(extensionUrl(ext, 'options.html'));
    await page.locator('html[data-ready="true"]').waitFor();

    await page.getByLabel('API key', { exact: true }).fill('not-a-key');
    await page.getByRole('textbox', { name: 'API base URL', exact: true }).fill(emulator.url);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('does not look like a SOAP Note API key');

    await page.getByLabel('API key', { exact: true }).fill(TEST_API_KEY);
    await expect(page.getByText('Test key', { exact: true })).toBeVisible();
    await expect(page.getByText('limited to 10 requests a day')).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(/Saved\./);

    // The saved key is never shown back in full, not even after a reload.
    await page.reload();
    await page.locator('html[data-ready="true"]').waitFor();
    await expect(page.getByLabel('API key', { exact: true })).toHaveValue('');
    await expect(page.locator('body')).not.toContainText(TEST_API_KEY);
    await expect(page.locator('body')).toContainText(`••••${TEST_API_KEY.slice(-4)}`);
    await expect(page.getByRole('textbox', { name: 'API base URL', exact: true })).toHaveValue(emulator.url);

    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('accepted your key');
    // One documented request that cannot make a note: POST /v1/note with no fields at all.
    expect(emulator.requests.filter((r) => r.path.includes('note')).map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/v1/note', {}]]);
    await expect(page.getByRole('status')).toContainText('no note was made');

    emulator.revokeKey(TEST_API_KEY);
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(/revoked/i);
  });

  test('refuses a plain-http API address that is not this computer', async ({ ext }) => {
    const page = await ext.context.newPage();
    await page.goto(extensionUrl(ext, 'options.html'));
    await page.locator('html[data-ready="true"]').waitFor();
    await page.getByLabel('API key', { exact: true }).fill(TEST_API_KEY);
    await page.getByRole('textbox', { name: 'API base URL', exact: true }).fill('http://api.example.org');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('must start with https://');
  });

  test('keeps the key out of every storage area a content script can read', async ({ ext, emulator }) => {
    const { configureThroughOptions } = await import('../../support/chromium-extension.ts');
    await configureThroughOptions(ext, emulator.url);
    const dump = await ext.background.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    expect(dump).not.toContain(TEST_API_KEY);
    expect(dump).not.toContain(TEST_API_KEY.slice('snapi_sk_test_'.length));
  });
});
