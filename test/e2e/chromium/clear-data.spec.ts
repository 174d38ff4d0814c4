import { storedRecordings } from '../../support/stored-recordings.ts';
import { extensionUrl } from '../../support/chromium-extension.ts';
import type { E2eHooks } from '../../../lib/panel/e2e-hooks.ts';
import { expect, generate, test } from './fixtures';

declare global {
  interface Window {
    chartsideE2E?: E2eHooks;
  }
}

/** What clearAllData (lib/background/ui-requests.ts) says it deletes, in the options page's words. */
const CLAIMS = ['settings', 'the saved API key', 'access to the sites it reads', 'mapped fields', 'the cached specialty list', 'drafts', 'notes', 'note history', 'recordings not yet made into notes'];

test('Clear all data leaves no trace, even with a panel open: settings, key, sites, field maps, caches, drafts, notes, history and stored recordings', async ({ ext, panel, ehr }) => {
  // Leave traces of everything Chartside keeps.
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Note history' }).getByRole('listitem')).toHaveCount(1);
  await panel.evaluate(async () => {
    const { recordings } = window.chartsideE2E!;
    const id = await recordings.start({ mimeType: 'audio/webm;codecs=opus' });
    await recordings.appendChunk(id, new Blob([new Uint8Array(4096)]), 1000);
    await recordings.setStatus(id, 'stopped');
  });
  const worker = ext.context.serviceWorkers()[0]!;
  const site = new URL(ehr.url).origin;
  // A field map as Map fields stores it (the teaching itself is field-maps.spec.ts's subject).
  await worker.evaluate(
    (origin) =>
      chrome.storage.local.set({
        fieldMaps: { [origin]: { site: origin, fields: { note: { frame: { origin, top: true }, locators: [{ by: 'id', id: 'note' }], fragile: false } }, taughtAt: 1 } },
      }),
    site,
  );
  const storedKeys = () =>
    worker.evaluate(async () => ({ local: Object.keys(await chrome.storage.local.get(null)), session: Object.keys(await chrome.storage.session.get(null)) }));
  const registeredScripts = () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const vaultKeyIds = () =>
    panel.evaluate(
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
  // The draft is saved a moment after the last change.
  await expect.poll(async () => (await storedKeys()).session).toEqual(expect.arrayContaining([expect.stringMatching(/^draft:/)]));
  const before = await storedKeys();
  expect(before.local).toEqual(expect.arrayContaining(['settings', 'vault', 'enabledSites', 'fieldMaps', 'specialtiesCache']));
  expect(before.session).toEqual(expect.arrayContaining([expect.stringMatching(/^draft:/), expect.stringMatching(/^chart:/), expect.stringMatching(/^job:/), expect.stringMatching(/^note-history:/)]));
  expect(await storedRecordings(panel)).toHaveLength(1);
  expect(await registeredScripts()).not.toEqual([]);
  expect(await vaultKeyIds()).toEqual(expect.arrayContaining(['api-key-wrapping-key', 'recording-key', 'settings-sealing-key']));

  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  await options.getByLabel('Clear patient data after', { exact: true }).selectOption({ label: '10 minutes' });
  await expect(options.getByRole('status')).toHaveText('Patient data will be cleared after 10 minutes without activity.');
  // The page says what the button deletes: each thing clearAllData clears, in the button's description and in the question asked.
  const clearAll = options.getByRole('button', { name: 'Clear all data', exact: true });
  for (const claim of CLAIMS) await expect(clearAll).toHaveAccessibleDescription(new RegExp(claim));
  await expect(options.getByText(site, { exact: true })).toBeVisible(); // Sites Chartside reads
  await expect(options.getByRole('list', { name: `Mapped fields on ${site}` })).toBeVisible();
  let question = '';
  options.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await clearAll.click();
  await expect(options.getByRole('status')).toContainText('All Chartside data in this browser was deleted.');
  for (const claim of ['settings', 'API key', 'sites', 'mapped fields', 'drafts', 'notes', 'note history', 'recordings']) expect(question).toContain(claim);

  // The options page shows the empty state at once, without a reload.
  await expect(options.getByRole('list', { name: `Mapped fields on ${site}` })).toHaveCount(0);
  await expect(options.getByRole('region', { name: 'Mapped fields' }).getByText('None.', { exact: false })).toBeVisible();
  await expect(options.getByRole('region', { name: 'Sites Chartside reads' }).getByText(/None yet/)).toBeVisible();
  await expect(options.getByLabel('Clear patient data after', { exact: true })).toHaveValue('30');
  await expect(options.getByLabel('API key', { exact: true })).toHaveValue('');
  await expect(options.getByText('No key saved yet.', { exact: false })).toBeVisible();

  const after = await storedKeys();
  // Settings, the key's ciphertext, enabled sites, field maps, the specialty cache, site preferences: storage.local is empty.
  expect(after.local).toEqual([]);
  // Only what the fresh panel writes may be there already: its empty chart reading (see below) and
  // the idle timeout's clock, started again (a time, nothing about anyone).
  const writtenAfresh = (key: string) => key.startsWith('chart:') || key === 'idle:last-activity-at';
  expect(after.session.filter((key) => !writtenAfresh(key))).toEqual([]);
  // The chart reader is no longer registered on the site. (The test build's loopback host
  // permission comes from its manifest and cannot be removed; a site the clinician allowed is.)
  expect(await registeredScripts()).toEqual([]);
  // The open panel started afresh and wrote nothing it held back (a test build counts this site as
  // enabled, so the fresh panel may read the chart again; the transcript and the note are gone).
  await expect(panel.getByRole('textbox', { name: 'Transcript', exact: true })).toHaveValue('');
  await expect(panel.getByRole('region', { name: 'Note history' }).getByText('No notes yet.')).toBeVisible();
  await panel.waitForTimeout(500);
  const session = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(session).not.toContain('sore throat');
  expect(session).not.toContain('[Chartside API emulator]');
  expect((await storedKeys()).session.filter((key) => !writtenAfresh(key))).toEqual([]);
  expect(await storedRecordings(panel)).toEqual([]);
  // The keys that sealed the API key, recordings and settings are gone too: nothing missed could be opened again.
  const keyIds = await vaultKeyIds();
  expect(keyIds).not.toContain('recording-key');
  expect(keyIds).not.toContain('api-key-wrapping-key');
  expect(keyIds).not.toContain('settings-sealing-key');
});
