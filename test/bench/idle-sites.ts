/**
 * Benchmark: no work at all on sites the clinician has not enabled — the chart reader is not there.
 *
 * Method
 * - The fixture server listens on 127.0.0.1; the same server is reachable as `localhost`, which for
 *   the browser is another host (match patterns ignore ports, not hosts). The page is
 *   `generic-iframe.html`: a banner and the chart in a same-origin iframe, so two frames.
 * - In Chromium with the e2e build, 127.0.0.1 is enabled as a clinician does it (the panel bound to
 *   the tab, `Enable on this site`), so the chart reader is registered and a registration exists
 *   that could leak. localhost is never enabled (the test build may reach it, so only the
 *   registration stands between it and the reader).
 * - Then, in new tabs, the same page is opened on both hosts, each left to settle for the same time
 *   after its `load` event (the reader is registered for `document_idle`). In each, a DevTools
 *   protocol session on the page (`Runtime.enable`) lists every JavaScript execution context of
 *   every frame: a content script runs in an isolated world whose origin is the extension's
 *   (`chrome-extension://<id>`). The figure is the number of frames with such a world (and the
 *   number of such worlds).
 * - Control, which fails the benchmark if it does not hold: on the enabled host every frame has the
 *   extension's world and, evaluated inside it, the reader's install mark
 *   (`Symbol.for('chartside.chart-reader')`) is set. Otherwise the method sees nothing and proves
 *   nothing. Likewise the localhost page must really have loaded (both frames, the chart's text).
 * - Last, the panel is opened bound to the localhost tab (it must offer `Enable on this site` for
 *   http://localhost) and the page is counted again: opening Chartside beside a site does not put
 *   anything into it either.
 */
import type { CDPSession, Page } from '@playwright/test';
import { serveFixtures } from '../fixtures/serve-fixtures.ts';
import { launchChromiumWithExtension, openPanel, tabIdOf, type ExtensionBrowser } from '../support/chromium-extension.ts';
import { readChartIdle } from './read-chart-idle.ts';
import { reviewPatientContext } from '../support/panel-areas.ts';

const PAGE = '/generic-iframe.html';
/** Text only the iframe's chart shows, to know the page really loaded. */
const CHART_TEXT = /Active Meds/;
const SETTLE_MS = 1_500;
const INSTALL_MARK = "globalThis[Symbol.for('chartside.chart-reader')] === true";

export interface WorldCount {
  url: string;
  frames: number;
  /** Frames with at least one execution context of the extension. */
  framesWithReader: number;
  /** Execution contexts of the extension in the page, all frames. */
  worlds: number;
  /** Of those, how many carry the chart reader's install mark. */
  marked: number;
}

export interface IdleSitesResult {
  enabledOrigin: string;
  notEnabledOrigin: string;
  /** The enabled site, a fresh tab: the control. */
  enabled: WorldCount;
  /** The site that was not enabled, a fresh tab. */
  notEnabled: WorldCount;
  /** The same tab again after the panel was opened beside it. */
  notEnabledWithPanel: WorldCount;
  settleMs: number;
}

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { frameId?: string; type?: string; isDefault?: boolean };
}

/** Every execution context of the page now (Runtime.enable reports the existing ones before it answers). */
async function executionContexts(cdp: CDPSession): Promise<ExecutionContext[]> {
  const contexts: ExecutionContext[] = [];
  const onCreated = (e: { context: ExecutionContext }) => contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.enable');
  cdp.off('Runtime.executionContextCreated', onCreated);
  return contexts;
}

async function countReaderWorlds(ext: ExtensionBrowser, page: Page): Promise<WorldCount> {
  const cdp = await ext.context.newCDPSession(page);
  try {
    const origin = `chrome-extension://${ext.extensionId}`;
    const contexts = await executionContexts(cdp);
    const ours = contexts.filter((c) => c.origin === origin || c.origin.startsWith(`${origin}/`));
    let marked = 0;
    for (const c of ours) {
      const { result } = (await cdp.send('Runtime.evaluate', { expression: INSTALL_MARK, contextId: c.id, returnByValue: true })) as { result: { value?: unknown } };
      if (result.value === true) marked++;
    }
    const frames = page.frames().length;
    const framesWithReader = new Set(ours.map((c) => c.auxData?.frameId ?? `context-${c.id}`)).size;
    return { url: page.url(), frames, framesWithReader, worlds: ours.length, marked };
  } finally {
    await cdp.detach();
  }
}

/** Opens `url` in a new tab, checks the chart loaded in both frames, and lets it settle. */
async function openSettled(ext: ExtensionBrowser, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  if (page.frames().length < 2) throw new Error(`${url}: ${page.frames().length} frame(s), expected the chart iframe too`);
  const chartFrame = page.frames().find((f) => f !== page.mainFrame());
  const text = (await chartFrame?.locator('body').textContent()) ?? '';
  if (!CHART_TEXT.test(text)) throw new Error(`${url}: the chart iframe did not load its chart`);
  await page.waitForTimeout(SETTLE_MS);
  return page;
}

export async function measureIdleSites(): Promise<IdleSitesResult> {
  const ehr = await serveFixtures();
  const ext = await launchChromiumWithExtension();
  try {
    const port = new URL(ehr.url).port;
    const enabledOrigin = 'http://127.0.0.1';
    const notEnabledOrigin = 'http://localhost';

    // Enable 127.0.0.1 through the panel, and wait for its read.
    const first = await ext.context.newPage();
    await first.goto(`${enabledOrigin}:${port}${PAGE}`);
    const panel = await openPanel(ext, await tabIdOf(ext, first.url()));
    const region = panel.getByRole('region', { name: 'Patient context' });
    await region.getByRole('button', { name: 'Enable on this site', exact: true }).click();
    // Not `:enabled` alone: the button is enabled while it reads (read-chart-idle.ts).
    await readChartIdle(panel).waitFor({ timeout: 30_000 });
    await reviewPatientContext(panel); // the list is folded to its count (issue 20)
    if ((await region.getByRole('checkbox').count()) <= 1) throw new Error('enabling 127.0.0.1 read no items: the site is not really enabled');
    await panel.close();

    // The same page, fresh tabs, on the enabled host and on the one that is not.
    const enabledPage = await openSettled(ext, `${enabledOrigin}:${port}${PAGE}?fresh`);
    const enabled = await countReaderWorlds(ext, enabledPage);
    if (enabled.worlds === 0 || enabled.marked === 0) {
      throw new Error(`control failed: no chart reader found on the enabled site (${JSON.stringify(enabled)}); the method is broken`);
    }
    const notEnabledPage = await openSettled(ext, `${notEnabledOrigin}:${port}${PAGE}`);
    if (new URL(notEnabledPage.url()).hostname !== 'localhost') throw new Error(`expected a localhost page, got ${notEnabledPage.url()}`);
    const notEnabled = await countReaderWorlds(ext, notEnabledPage);

    // Chartside opened beside the site that is not enabled: it offers to enable it, and does nothing in it.
    const beside = await openPanel(ext, await tabIdOf(ext, notEnabledPage.url()));
    const besideRegion = beside.getByRole('region', { name: 'Patient context' });
    await besideRegion.getByRole('button', { name: 'Enable on this site', exact: true }).waitFor();
    const hint = (await besideRegion.textContent()) ?? '';
    if (!hint.includes(notEnabledOrigin)) throw new Error(`the panel beside the localhost tab does not name ${notEnabledOrigin}: ${hint.slice(0, 200)}`);
    await beside.waitForTimeout(SETTLE_MS);
    const notEnabledWithPanel = await countReaderWorlds(ext, notEnabledPage);

    return { enabledOrigin, notEnabledOrigin, enabled, notEnabled, notEnabledWithPanel, settleMs: SETTLE_MS };
  } finally {
    await ext.close();
    await ehr.close();
  }
}

// `node test/bench/idle-sites.ts` runs this benchmark alone (after `npm run build:e2e`).
if (import.meta.filename === process.argv[1]) {
  console.log(JSON.stringify(await measureIdleSites(), null, 2));
}
