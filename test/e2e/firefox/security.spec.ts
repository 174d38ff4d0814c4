import type { Page } from 'puppeteer-core';
import { startEmulator } from '../../emulator/server.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { click, configureThroughOptions, generate, openChartWithPanel, tabIdOf, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { expect, test } from './fixtures.ts';

// The security rules in Firefox (see ../chromium/security.spec.ts). Firefox has no protocol that
// enters an extension's content-script world, so code is put there the way Chartside puts its own
// scripts there: `scripting.executeScript` from an extension page. The function then runs in the
// same world as the chart reader, with the same `browser.*` APIs and the same sender (the tab).

const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Plan: rest, fluids, ibuprofen as needed, return if symptoms worsen.';

type Scenario = 'storage' | 'forge' | 'redirect';

/**
 * Runs one scenario in the content-script world of `tabId`'s top frame and returns its result.
 * The scenarios are written out here rather than passed in as source: extension CSP forbids eval.
 */
async function inContentScriptWorld(extensionPage: Page, tabId: number, scenario: Scenario, arg: unknown): Promise<any> {
  return extensionPage.evaluate(
    async (tabId: number, scenario: Scenario, arg: any) => {
      const api = (globalThis as any).browser;
      const [injection] = await api.scripting.executeScript({
        target: { tabId },
        args: [scenario, arg],
        func: async (scenario: string, arg: any) => {
          const ext = (globalThis as any).browser;
          if (scenario === 'storage') {
            const session = ext.storage.session
              ? await ext.storage.session.get(null).then((v: unknown) => `READ ${JSON.stringify(v)}`, (e: Error) => `REFUSED ${e.message}`)
              : 'ABSENT';
            return {
              local: await ext.storage.local.get(null),
              sync: await ext.storage.sync.get(null).catch((e: Error) => `REFUSED ${e.message}`),
              session,
            };
          }
          if (scenario === 'redirect') {
            await ext.storage.local.set({ settings: { apiBaseUrl: arg, omitPatientName: false } });
            return 'written';
          }
          const replies: unknown[] = [];
          for (const message of arg.messages) {
            replies.push(await ext.runtime.sendMessage(message).then((r: unknown) => ({ reply: r ?? null }), (e: Error) => ({ refused: e.message })));
          }
          const portMessages: unknown[] = [];
          let portsClosed = 0;
          const port = ext.runtime.connect({ name: 'chartside:generation' });
          port.onMessage.addListener((m: unknown) => portMessages.push(m));
          port.onDisconnect.addListener(() => portsClosed++);
          for (const command of arg.portCommands) port.postMessage(command);
          await new Promise((resolve) => setTimeout(resolve, 1500));
          return { replies, portMessages, portsClosed };
        },
      });
      if (injection?.error) throw new Error(String(injection.error));
      return injection?.result;
    },
    tabId,
    scenario,
    arg,
  );
}

async function setUp(ext: Parameters<typeof configureThroughOptions>[0], emulatorUrl: string, ehrUrl: string) {
  const options = await configureThroughOptions(ext, emulatorUrl, TEST_API_KEY);
  const chartUrl = `${ehrUrl}/sample-chart.html`;
  const { chart, panel } = await openChartWithPanel(ext, options, chartUrl);
  await click(panel, 'Enable on this site');
  await waitFor('the chart to be read', () =>
    panel.evaluate(() => document.querySelector('section[aria-label="Patient context"]')?.textContent?.includes('Maria Alvarez') ?? false),
  );
  const tabId = await tabIdOf(options, chartUrl);
  if (tabId === undefined) throw new Error('no tab shows the chart');
  return { options, chart, panel, tabId };
}

async function generateNote(panel: Page): Promise<void> {
  await generate(panel, TRANSCRIPT);
  await waitFor('the note', async () => (await textOfRole(panel, 'status')).includes('Note ready'), 30_000);
}

test('the key is in no storage area a content script can read, and storage.session is closed to it', async ({ emulator, ehr, ext }) => {
  const { options, panel, tabId } = await setUp(ext, emulator.url, ehr.url);
  await generateNote(panel);
  const dump = await inContentScriptWorld(options, tabId, 'storage', null);
  expect(dump.local).toHaveProperty('vault');
  const readable = JSON.stringify([dump.local, dump.sync]);
  for (let i = 0; i + 8 <= TEST_API_KEY.length; i++) expect(readable).not.toContain(TEST_API_KEY.slice(i, i + 8));
  expect(readable).not.toContain(Buffer.from(TEST_API_KEY).toString('base64').slice(0, 16));
  expect(readable).not.toContain('Maria Alvarez');
  // Firefox (153 ESR) gives content scripts no storage.session at all, and has no setAccessLevel to
  // pin that with (lib/platform/side-panel.ts calls it only where it exists). A Firefox that adds
  // setAccessLevel gets it called, and then the area must still be closed: absent or refused.
  const pinnable = await options.evaluate(() => typeof (globalThis as any).browser.storage.session.setAccessLevel);
  if (pinnable === 'undefined') expect(dump.session).toBe('ABSENT');
  else expect(dump.session).toMatch(/^(ABSENT|REFUSED )/);
});

test('forged requests from the content-script world get nothing and reach no API', async ({ emulator, ehr, ext }) => {
  const { options, panel, chart, tabId } = await setUp(ext, emulator.url, ehr.url);
  await generateNote(panel);
  const before = emulator.requests.length;
  const messages = [
    { type: 'vault:status' },
    { type: 'vault:save-key', apiKey: 'snapi_sk_test_attackerKey0001' },
    { type: 'settings:test-connection' },
    { type: 'data:clear-all' },
    { type: 'chart:read', tabId },
    { type: 'note:insert', tabId, sections: { plan: 'FORGED INSERT' }, mode: 'replace' },
    { type: 'visit-summary:create', request: { visits: [{ visit_date: '2026-01-01', summary: 'x'.repeat(60) }] } },
    { type: 'note:get', noteId: 'any' },
    { type: 'data:clearing' },
    { type: 'panel:command', command: 'generate-note', tabId },
  ];
  const forged = await inContentScriptWorld(options, tabId, 'forge', {
    messages,
    portCommands: [{ type: 'generate', jobId: crypto.randomUUID(), bindingKey: `tab:${tabId}`, request: { transcript: TRANSCRIPT, specialty: 'physician' } }],
  });
  for (const reply of forged.replies) expect(reply).not.toHaveProperty('reply.ok');
  expect(forged.portMessages).toEqual([]);
  expect(forged.portsClosed).toBe(1);
  expect(JSON.stringify(forged)).not.toContain('snapi_sk');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(emulator.requests.slice(before)).toEqual([]);
  expect(await chart.evaluate(() => (document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement).value)).toBe('');
  expect(await textOfRole(panel, 'status')).toContain('Note ready');
  // The page's own world has no extension API to message with at all.
  expect(await chart.evaluate(() => typeof (globalThis as any).browser?.runtime?.sendMessage)).toBe('undefined');
});

test('a content script cannot redirect the API (and the key) by rewriting settings in storage.local', async ({ emulator, ehr, ext }) => {
  const attacker = await startEmulator();
  try {
    const { options, panel, tabId } = await setUp(ext, emulator.url, ehr.url);
    await inContentScriptWorld(options, tabId, 'redirect', attacker.url);
    await generate(panel, TRANSCRIPT);
    await waitFor('the refusal', async () => (await textOfRole(panel, 'alert')).includes('changed by something other than its options page'), 20_000);
    expect(attacker.requests).toEqual([]);
    expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toEqual([]);
  } finally {
    await attacker.close();
  }
});
