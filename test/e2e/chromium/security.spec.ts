/**
 * The rules that protect patients (ARCHITECTURE.md), each tried the way an attacker would: from the
 * content script's own world (what a compromised EHR renderer can reach), from the EHR page's main
 * world, and from a background that sends the panel malformed messages.
 */
import type { Page } from '@playwright/test';
import { startEmulator } from '../../emulator/server.ts';
import { configureThroughOptions, openPanel, tabIdOf, TEST_API_KEY } from '../../support/chromium-extension.ts';
import { enterContentScriptWorld, type ContentScriptWorld } from '../../support/content-script-world.ts';
import { expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';
import { openNoteOptions } from '../../support/panel-areas.ts';

const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;
const GENERATION_PORT = 'chartside:generation';

async function enableSite(panel: Page, patientName: string | RegExp): Promise<void> {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText(patientName);
}

async function generateNote(panel: Page, transcript = TRANSCRIPT): Promise<void> {
  await generate(panel, transcript);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
}

async function noteIn(panel: Page): Promise<string[]> {
  return Promise.all(SECTIONS.map((s) => sectionBox(panel, s).inputValue()));
}

/** Every way the key could sit in a storage dump without being spelled out plainly. */
function keyTraces(key: string): string[] {
  const traces = new Set<string>();
  for (let start = 0; start + 8 <= key.length; start++) traces.add(key.slice(start, start + 8));
  const bytes = Buffer.from(key, 'utf8');
  // base64 of the key at each of the three alignments, minus the padding-affected edges.
  for (let shift = 0; shift < 3; shift++) {
    const b64 = bytes.subarray(shift).toString('base64').replace(/=+$/, '');
    traces.add(b64.slice(0, Math.max(8, b64.length - 4)));
    traces.add(bytes.subarray(shift).toString('base64url').slice(0, Math.max(8, b64.length - 4)));
  }
  traces.add(bytes.toString('hex'));
  // The key as a JSON array of byte values or of char codes (how a Uint8Array would be stored).
  traces.add([...bytes.subarray(0, 12)].join(','));
  return [...traces];
}

test('the key is in no storage area the content script can read, and storage.session is closed to it', async ({ panel, chart, ext }) => {
  await enableSite(panel, 'Maria Alvarez');
  await generateNote(panel);
  const world = await enterContentScriptWorld(ext, chart);
  const dump = await world.evaluate<{ local: unknown; sync: unknown; session: string }>(`(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null).then((v) => 'READ ' + JSON.stringify(v), (e) => 'REFUSED ' + e.message),
  }))()`);
  await world.close();

  // The vault is there (so this looked in the right place), but only as ciphertext.
  expect(dump.local).toHaveProperty('vault');
  const readable = JSON.stringify([dump.local, dump.sync]);
  for (const trace of keyTraces(TEST_API_KEY)) expect(readable, `storage holds "${trace}"`).not.toContain(trace);
  // Nor any PHI: the patient's name and the transcript live in storage.session only.
  expect(readable).not.toContain('Maria Alvarez');
  expect(readable).not.toContain('sore throat');
  expect(dump.session).toMatch(/^REFUSED /);
});

/** Chartside's ui→background requests, as a hostile content script would forge them. */
function forgedUiRequests(tabId: number, noteId: string): object[] {
  const visitSummary = { visits: [{ visit_date: '2026-01-01', summary: 'x'.repeat(60) }] };
  return [
    { type: 'vault:status' },
    { type: 'vault:save-key', apiKey: 'snapi_sk_test_attackerKey0001' },
    { type: 'settings:test-connection' },
    { type: 'data:clear-all' },
    { type: 'specialties:list' },
    { type: 'site:status', tabId },
    { type: 'site:enable', tabId },
    { type: 'sites:list' },
    { type: 'site:disable', origin: 'http://127.0.0.1' },
    { type: 'chart:read', tabId },
    { type: 'note:insert', tabId, sections: { plan: 'FORGED INSERT' }, mode: 'replace' },
    { type: 'note:undo', tabId },
    { type: 'fields:pick', tabId, target: 'plan' },
    { type: 'fields:pick-stop', tabId },
    { type: 'field-maps:list' },
    { type: 'field-maps:of-tab', tabId },
    { type: 'field-maps:delete', site: 'http://127.0.0.1' },
    { type: 'field-maps:reteach', site: 'http://127.0.0.1' },
    { type: 'visit-summary:create', request: visitSummary },
    { type: 'note:get', noteId },
    // What the background tells pages: a panel must not take them from a content script either.
    { type: 'data:clearing' },
    { type: 'data:cleared' },
    { type: 'panel:command', command: 'generate-note', tabId },
    { type: 'panel:command', command: 'insert-all', tabId },
  ];
}

/** The panel's job and the API's note id, read where the background keeps them. */
async function currentJob(ext: { background: { evaluate<T>(fn: () => Promise<T>): Promise<T> } }): Promise<{ jobId: string; bindingKey: string; noteId: string }> {
  return ext.background.evaluate(async () => {
    const all = (await chrome.storage.session.get(null)) as Record<string, { id?: string; bindingKey?: string; note?: { extras?: { noteId?: string } } }>;
    const job = Object.entries(all).find(([key]) => key.startsWith('job:'))?.[1];
    if (!job?.id || !job.bindingKey) throw new Error('no job in storage.session');
    return { jobId: job.id, bindingKey: job.bindingKey, noteId: String(job.note?.extras?.noteId ?? 'unknown') };
  });
}

/** Sends each message with runtime.sendMessage and over generation ports; returns everything that came back. */
async function forgeFromContentScript(world: ContentScriptWorld, messages: object[], portCommands: object[]): Promise<{ replies: unknown[]; portMessages: unknown[]; portsClosed: number }> {
  return world.evaluate(`(async () => {
    const messages = ${JSON.stringify(messages)};
    const portCommands = ${JSON.stringify(portCommands)};
    const replies = [];
    for (const message of messages) {
      replies.push(await chrome.runtime.sendMessage(message).then((r) => ({ reply: r ?? null }), (e) => ({ refused: String(e.message) })));
    }
    const portMessages = [];
    let portsClosed = 0;
    for (const name of [${JSON.stringify(GENERATION_PORT)}, undefined, 'anything']) {
      const port = name ? chrome.runtime.connect({ name }) : chrome.runtime.connect();
      port.onMessage.addListener((m) => portMessages.push(m));
      port.onDisconnect.addListener(() => portsClosed++);
      try { for (const command of portCommands) port.postMessage(command); } catch (e) { portMessages.push({ postFailed: String(e.message) }); }
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { replies, portMessages, portsClosed };
  })()`);
}

test('forged requests from the content script world get nothing: no key, no note, no API call, no change', async ({ panel, chart, ext, emulator }) => {
  await enableSite(panel, 'Maria Alvarez');
  await generateNote(panel);
  const note = await noteIn(panel);
  const { jobId, bindingKey, noteId } = await currentJob(ext);
  const tabId = await tabIdOf(ext, chart.url());
  const requestsBefore = emulator.requests.length;

  const world = await enterContentScriptWorld(ext, chart);
  const forged = await forgeFromContentScript(world, forgedUiRequests(tabId, noteId), [
    { type: 'subscribe', jobId },
    { type: 'generate', jobId: crypto.randomUUID(), bindingKey, request: { transcript: TRANSCRIPT, specialty: 'physician' } },
    { type: 'stop', jobId },
  ]);
  // A content script may read storage.local, so the last thing to check is that nothing it asked for landed there.
  const localAfter = await world.evaluate<unknown>('chrome.storage.local.get(null)');
  await world.close();

  // Nobody answers a content script: every request finds no receiver (or an empty reply).
  for (const [i, result] of forged.replies.entries()) {
    expect(result, JSON.stringify(forgedUiRequests(tabId, noteId)[i])).not.toHaveProperty('reply.ok');
  }
  expect(forged.portMessages).toEqual([]);
  // The background hangs up on a content script's generation port.
  expect(forged.portsClosed).toBeGreaterThanOrEqual(1);
  const everything = JSON.stringify(forged) + JSON.stringify(localAfter);
  for (const trace of keyTraces(TEST_API_KEY)) expect(everything).not.toContain(trace);
  for (const section of note) expect(everything).not.toContain(section.slice(0, 40));
  expect(everything).not.toContain('Maria Alvarez');

  // Nothing reached the API: no generation, no visit summary, no key check, no note fetched.
  await chart.waitForTimeout(500);
  expect(emulator.requests.slice(requestsBefore).map((r) => r.path)).toEqual([]);
  // Nothing changed: the note is still in the panel, the EHR's fields are untouched, the site still
  // enabled, and the saved key is still the clinician's (a new generation works with it).
  expect(await noteIn(panel)).toEqual(note);
  for (const name of ['subjective', 'objective', 'assessment', 'plan']) await expect(chart.locator(`textarea[name="${name}"]`)).toHaveValue('');
  await expect(panel.getByRole('region', { name: 'Patient context' })).toContainText('Maria Alvarez');
  await generateNote(panel, `${TRANSCRIPT} She also reports a mild headache since yesterday.`);
  const sent = emulator.requests.filter((r) => r.path === '/v1/stream/note');
  expect(sent).toHaveLength(2);
  expect(sent[1]!.headers.authorization).toBe(sent[0]!.headers.authorization);
});

test('the EHR page itself cannot reach the extension: postMessage, DOM events and runtime messaging do nothing', async ({ panel, chart, ext, emulator }) => {
  await enableSite(panel, 'Maria Alvarez');
  await generateNote(panel);
  const note = await noteIn(panel);
  const { jobId, noteId } = await currentJob(ext);
  const tabId = await tabIdOf(ext, chart.url());
  const requestsBefore = emulator.requests.length;
  const messages = [...forgedUiRequests(tabId, noteId), { type: 'subscribe', jobId }, { type: 'chart:read' }, { type: 'fields:fill', entries: [{ target: 'plan', text: 'FORGED', mode: 'replace' }] }];

  const reach = await chart.evaluate(
    async ({ messages, extensionId }) => {
      const heard: unknown[] = [];
      window.addEventListener('message', (e) => {
        if (e.source !== window) heard.push(e.data);
      });
      for (const message of messages) {
        window.postMessage(message, '*');
        window.postMessage(JSON.stringify(message), '*');
        for (const target of [window, document, document.documentElement]) {
          target.dispatchEvent(new CustomEvent('chartside', { detail: message, bubbles: true }));
          target.dispatchEvent(new CustomEvent(String((message as { type: string }).type), { detail: message, bubbles: true }));
        }
      }
      // Without externally_connectable, a web page has no runtime to message an extension with.
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => unknown } } }).chrome?.runtime;
      let sendResult: string;
      try {
        sendResult = runtime?.sendMessage ? `sent: ${JSON.stringify(await runtime.sendMessage(extensionId, messages[0]))}` : 'no runtime';
      } catch (error) {
        sendResult = `refused: ${(error as Error).message}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { heard, sendResult };
    },
    { messages, extensionId: ext.extensionId },
  );

  expect(reach.sendResult).toBe('no runtime');
  expect(reach.heard).toEqual([]);
  expect(emulator.requests.slice(requestsBefore)).toEqual([]);
  expect(await noteIn(panel)).toEqual(note);
  await expect(chart.locator('textarea[name="plan"]')).toHaveValue('');
  const pageText = await chart.evaluate(() => document.documentElement.outerHTML);
  for (const trace of keyTraces(TEST_API_KEY)) expect(pageText).not.toContain(trace);
  expect(pageText).not.toContain(note[0]!.slice(0, 40));
});

test('the panel drops background messages that do not match their schema, and keeps working', async ({ panel, ext }) => {
  const pageErrors: string[] = [];
  panel.on('pageerror', (error) => pageErrors.push(error.message));
  // A second onConnect listener in the background gets the same ports the panel opens, so this test
  // can speak on the panel's own generation port, as a buggy or subverted background would.
  await ext.background.evaluate((portName) => {
    const ports: CapturedPort[] = [];
    (globalThis as { __securityPorts?: CapturedPort[] }).__securityPorts = ports;
    chrome.runtime.onConnect.addListener((port: CapturedPort) => {
      if (port.name === portName) ports.push(port);
    });
  }, GENERATION_PORT);
  await generateNote(panel);
  const note = await noteIn(panel);
  const { jobId } = await currentJob(ext);

  const otherJob = crypto.randomUUID();
  const section = (content: unknown, extra: object = {}) => ({ type: 'section', section: 'plan', content, mode: 'append', ...extra });
  const malformed: unknown[] = [
    null,
    42,
    'FORGED plain string',
    ['FORGED', 'array'],
    {},
    { type: 'event', jobId: otherJob, event: section('FORGED chunk for another session') },
    { type: 'event', jobId, event: section(12345) },
    { type: 'event', jobId, event: section('FORGED bad mode', { mode: 'prepend' }) },
    { type: 'event', jobId, event: { type: 'section', section: 'billing', content: 'FORGED bad section', mode: 'append' } },
    { type: 'event', jobId, event: { type: 'section', section: 'plan', mode: 'append' } },
    { type: 'event', event: section('FORGED without a job') },
    { type: 'event', jobId, event: section('FORGED huge', { mode: 'sideways', padding: 'x'.repeat(2_000_000) }) },
    { type: 'snapshot', job: { id: jobId, note: { sections: { plan: 'FORGED snapshot' } } } },
    { type: 'snapshot', job: { id: jobId, bindingKey: 'x', status: 'complete', note: { sections: { subjective: 1, objective: 2, assessment: 3, plan: 4 }, extras: {} }, startedAt: 0, updatedAt: 0 } },
    { type: 'status', jobId, status: 'pwned' },
    { type: 'status', jobId, status: 'error', error: { message: 'FORGED error without a kind' } },
    { type: 'retrying', jobId, attempt: 'one' },
    { type: 'unknown-job' },
    { type: 'FORGED type', jobId },
  ];
  const delivered = await ext.background.evaluate((updates) => {
    const ports = (globalThis as { __securityPorts?: CapturedPort[] }).__securityPorts ?? [];
    for (const port of ports) for (const update of updates) port.postMessage(update);
    // Malformed page messages too: what the panel hears on runtime.onMessage (Clear all data, shortcuts).
    for (const message of [
      { type: 'data:clear' },
      { type: ['data:clearing'] },
      { type: 'panel:command', command: 'delete-everything' },
      { type: 'panel:command', command: 'generate-note', tabId: -1 },
      { type: 'panel:command', command: 'insert-all', tabId: 'all' },
    ])
      void chrome.runtime.sendMessage(message).catch(() => undefined);
    return ports.length;
  }, malformed);
  expect(delivered).toBeGreaterThanOrEqual(1);

  await panel.waitForTimeout(1000);
  expect(await noteIn(panel)).toEqual(note);
  expect(await panel.locator('body').innerText()).not.toMatch(/FORGED|pwned/);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect(pageErrors).toEqual([]);

  // Still working: a real generation afterwards streams in as usual.
  await sectionBox(panel, 'Plan').fill('');
  await generateNote(panel, `${TRANSCRIPT} She also reports a mild headache since yesterday.`);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/headache/);
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/fluids/);
  expect(await panel.locator('body').innerText()).not.toMatch(/FORGED|pwned/);
});

interface CapturedPort {
  name: string;
  postMessage(message: unknown): void;
}

/** The payloads a hostile chart, API or portal message might carry. */
const HOSTILE = [
  `<img src=x onerror="__chartsideCanary('img')">`,
  `<script>__chartsideCanary('script')</script>`,
  `<svg onload="__chartsideCanary('svg')">`,
  `<a href="javascript:__chartsideCanary('link')">click</a>`,
  `<iframe src="javascript:__chartsideCanary('iframe')"></iframe>`,
];

/** Elements and attributes that would mean text was parsed as markup. */
async function markupFrom(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll(`${selector} img, ${selector} svg, ${selector} iframe, ${selector} object, ${selector} embed, ${selector} a[href^="javascript:" i]`)) {
      found.push(el.outerHTML.slice(0, 80));
    }
    for (const el of document.querySelectorAll(`${selector} *`)) {
      for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) found.push(`${el.tagName} ${attr}`);
    }
    return found;
  }, root);
}

test('script-bearing text from the chart and from the API stays text in the panel and in the EHR', async ({ ext, ehr, emulator, panel }) => {
  const csp: string[] = [];
  panel.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) csp.push(message.text());
  });
  const chart = await ext.context.newPage();
  await chart.goto(`${ehr.url}/hostile-chart.html`);
  const bound = await openPanel(ext, await tabIdOf(ext, chart.url()), panel);
  const context = bound.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();

  // Every hostile chart item is offered as literal text, to be sent as text. (A name with markup in
  // it is not taken for a name at all; the patient is known by date of birth and MRN.)
  await expect(context).toContainText('MRN 66613');
  for (const payload of HOSTILE) await expect(context).toContainText(payload);

  // The API's text: the note, the billing codes' disclaimer and the patient summary all carry payloads.
  emulator.setFaults({ billingDisclaimer: `Verify codes. ${HOSTILE.join(' ')}` });
  await openNoteOptions(bound);
  await bound.getByRole('checkbox', { name: 'Include billing codes', exact: true }).check();
  await bound.getByRole('checkbox', { name: 'Include patient summary', exact: true }).check();
  await generateNote(bound, `Patient reports sore throat ${HOSTILE.join(' ')} for three days. Temperature 38.1 C. Likely viral pharyngitis. Plan: rest and fluids.`);
  const sent = JSON.stringify(emulator.requests.find((r) => r.path === '/v1/stream/note')?.body);
  for (const payload of HOSTILE) expect(sent).toContain(JSON.stringify(payload).slice(1, -1));
  await expect(bound.getByRole('region', { name: 'Billing codes' })).toContainText(HOSTILE[0]!);
  await expect(bound.getByRole('region', { name: 'Patient summary' })).toContainText(HOSTILE[1]!);
  const note = (await noteIn(bound)).join('\n');
  for (const payload of HOSTILE) expect(note).toContain(payload);

  expect(await markupFrom(bound)).toEqual([]);
  expect(csp).toEqual([]);

  // Into the EHR: each contenteditable field takes the literal text, and no element.
  await bound.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(bound.getByRole('status').filter({ hasText: 'Subjective' })).toContainText('inserted');
  const fields = await chart.evaluate(() =>
    ['subjective', 'objective', 'assessment', 'plan'].map((id) => {
      const field = document.getElementById(id)!;
      return { text: field.textContent ?? '', elements: [...field.querySelectorAll('*')].map((e) => e.tagName) };
    }),
  );
  expect(fields.map((f) => f.text).join('\n')).toContain(HOSTILE[0]);
  for (const payload of HOSTILE) expect(fields.map((f) => f.text).join('\n')).toContain(payload);
  for (const field of fields) expect(field.elements.filter((tag) => !['DIV', 'BR', 'P', 'SPAN'].includes(tag))).toEqual([]);
  expect(await markupFrom(chart, 'main .editable')).toEqual([]);

  // Nothing ran anywhere: the page's canary (which each payload calls) was never called.
  await chart.waitForTimeout(500);
  expect(await chart.evaluate(() => (window as unknown as { __canaryHits: string[] }).__canaryHits)).toEqual([]);
  expect(await bound.evaluate(() => typeof (window as unknown as { __canaryHits?: unknown }).__canaryHits)).toBe('undefined');
});

test('a content script cannot redirect the API (and the key with it) by rewriting settings in storage.local', async ({ panel, chart, ext, emulator }) => {
  const attacker = await startEmulator();
  try {
    await enableSite(panel, 'Maria Alvarez');
    const world = await enterContentScriptWorld(ext, chart);
    await world.evaluate(`chrome.storage.local.set({ settings: { apiBaseUrl: ${JSON.stringify(attacker.url)}, omitPatientName: false } })`);
    await world.close();

    await generate(panel);
    // Refused, and said so: the address the clinician chose is no longer known, so nothing is sent anywhere.
    await expect(panel.getByRole('alert')).toContainText('changed by something other than its options page');
    await panel.waitForTimeout(500);
    expect(attacker.requests).toEqual([]);
    expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toEqual([]);

    // Saving the settings again in the options page puts things right.
    await configureThroughOptions(ext, emulator.url);
    await generateNote(panel);
    expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(1);
    expect(attacker.requests).toEqual([]);
  } finally {
    await attacker.close();
  }
});
