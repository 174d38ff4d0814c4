import { storedRecordings } from '../../support/stored-recordings.ts';
import { extensionUrl } from '../../support/chromium-extension.ts';
import type { E2eHooks } from '../../../lib/panel/e2e-hooks.ts';
import { expect, generate, test } from './fixtures';

declare global {
  interface Window {
    chartsideE2E?: E2eHooks;
  }
}

test('Clear all data leaves no trace, even with a panel open: settings, key, sites, drafts, notes, history and stored recordings', async ({ ext, panel }) => {
  // Leave traces of everything Chartside keeps.
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await panel.evaluate(async () => {
    const { recordings } = window.chartsideE2E!;
    const id = await recordings.start({ mimeType: 'audio/webm;codecs=opus' });
    await recordings.appendChunk(id, new Blob([new Uint8Array(4096)]), 1000);
    await recordings.setStatus(id, 'stopped');
  });
  const worker = ext.context.serviceWorkers()[0]!;
  const storedKeys = () =>
    worker.evaluate(async () => ({ local: Object.keys(await chrome.storage.local.get(null)), session: Object.keys(await chrome.storage.session.get(null)) }));
  const before = await storedKeys();
  expect(before.local).toEqual(expect.arrayContaining(['settings', 'enabledSites']));
  expect(before.session.length).toBeGreaterThan(0);
  expect(await storedRecordings(panel)).toHaveLength(1);

  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  options.once('dialog', (dialog) => void dialog.accept());
  await options.getByRole('button', { name: 'Clear all data', exact: true }).click();
  await expect(options.getByRole('status')).toContainText('All Chartside data in this browser was deleted.');

  const after = await storedKeys();
  expect(after.local).toEqual([]);
  // Only a fresh panel's empty chart reading may be there already (see below).
  expect(after.session.filter((key) => !key.startsWith('chart:'))).toEqual([]);
  // The open panel started afresh and wrote nothing it held back (a test build counts this site as
  // enabled, so the fresh panel may read the chart again; the transcript and the note are gone).
  await expect(panel.getByRole('textbox', { name: 'Transcript', exact: true })).toHaveValue('');
  await panel.waitForTimeout(500);
  const session = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(session).not.toContain('sore throat');
  expect(session).not.toContain('[Chartside API emulator]');
  expect((await storedKeys()).session.filter((key) => !key.startsWith('chart:'))).toEqual([]);
  expect(await storedRecordings(panel)).toEqual([]);
  // The key that sealed recordings is gone too: nothing missed could be opened again.
  const keyIds = await panel.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const request = indexedDB.open('chartside-vault');
        request.onerror = () => resolve([]);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('keys')) return resolve((db.close(), []));
          const keys = db.transaction('keys').objectStore('keys').getAllKeys();
          keys.onsuccess = () => resolve((db.close(), keys.result.map(String)));
        };
      }),
  );
  expect(keyIds).not.toContain('recording-key');
  await expect(options.getByLabel('API key', { exact: true })).toHaveValue('');
});
