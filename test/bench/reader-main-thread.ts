/**
 * Benchmark: the chart reader's main-thread time in an EHR page as it loads, and any long task
 * (≥ 50 ms) it causes there (issue 13 item 7: "aim: none").
 *
 * Method
 * - Chromium with the e2e build; the fixture server's `/large-chart.html` (well over 10,000 elements)
 *   in a tab, its site enabled through the panel, which stays open bound to that tab, as it is while
 *   a clinician charts. The reader's work on a page load is then: Chromium injecting it at
 *   `document_idle` (it registers its listener and nothing else), and the panel's re-read once the
 *   tab reports `complete` (`chart:identity` and `chart:read` to each frame).
 * - Per load: a DevTools protocol session on the chart's tab starts Chromium tracing (categories
 *   `devtools.timeline`, `disabled-by-default-devtools.timeline`, `toplevel`, `v8`), the tab is
 *   navigated to the chart again (a new document: a new `?load=` each time), the benchmark waits
 *   for the page's `load` event, then until the panel has finished at least one read (its `Read
 *   chart` button busy, then idle: read-chart-idle.ts) and no other read has followed for 500 ms;
 *   tracing stops. The panel's reads in that time are counted and reported.
 * - The trace is read by trace-attribution.ts: the reader's time is every outermost event of the
 *   extension's content scripts (`chrome-extension://<id>/content-scripts/…`: EvaluateScript,
 *   v8.compile, v8.run when injected) and every `v8.callFunction` in the isolated world they ran in
 *   (the message listener answering the background, and the later slices of its read), which
 *   includes the GC, style and layout work it causes, and beside it the same events' thread time
 *   (`tdur`: the CPU it used, which a loaded machine hardly changes, while it stretches the
 *   wall-clock time and the tasks); its long tasks are the main thread's `RunTask`s ≥ 50 ms that
 *   contain any of it. The page's own longest task (parsing and laying out 10,000 elements) is
 *   reported beside, for scale.
 *   `BENCH_TRACE_DUMP=<file>` writes each load's raw events there (last load wins), to look into.
 * - Self-check, which fails the benchmark: every load's trace holds reader work (the install, and
 *   at least one call of its listener: the panel's read); otherwise the method sees nothing and proves nothing.
 * - Loads: default 3 after 1 untimed; the quietest (least reader time) is reported with the load
 *   average during it, every load's figure beside it.
 */
import type { CDPSession, Page } from '@playwright/test';
import { LARGE_CHART_EXPECTED } from '../fixtures/ehr/large-chart.ts';
import { serveFixtures } from '../fixtures/serve-fixtures.ts';
import { launchChromiumWithExtension, openPanel, tabIdOf, type ExtensionBrowser } from '../support/chromium-extension.ts';
import { quietest, withLoad, type Loaded } from './quietest.ts';
import { readChartIdle } from './read-chart-idle.ts';
import { attributeScript, type ScriptMainThread, type TraceEvent } from './trace-attribution.ts';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8'];
const SETTLE_MS = 500;

export interface ReaderMainThreadOptions {
  loads?: number;
  warmups?: number;
}

/** One load's figures, and how many reads the panel finished during it. */
export type LoadFigures = ScriptMainThread & { panelReads: number };

export interface ReaderMainThreadResult {
  /** The quietest load. */
  quietest: Loaded<LoadFigures> & { index: number };
  loads: Loaded<LoadFigures>[];
  /** Elements in the page (the large chart). */
  elements: number;
}

async function traceWhile(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // The protocol types trace events as string maps; they are the Trace Event Format's objects.
  const onData = (e: { value: unknown[] }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  try {
    await work();
  } finally {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/** Counts the panel's finished reads from now on: `Read chart` going busy, then idle again (read-chart-idle.ts). */
async function countReads(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    const w = window as unknown as { __benchReads: number; __benchReadsObserver?: MutationObserver };
    w.__benchReadsObserver?.disconnect();
    w.__benchReads = 0;
    const busy = () =>
      [...document.querySelectorAll('section[aria-label="Patient context"] button')].some((b) => b.textContent?.trim() === 'Read chart' && b.getAttribute('aria-busy') === 'true');
    let wasBusy = busy();
    w.__benchReadsObserver = new MutationObserver(() => {
      const now = busy();
      if (wasBusy && !now) w.__benchReads++;
      wasBusy = now;
    });
    w.__benchReadsObserver.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** Waits until the panel has finished a read since `countReads` and none is under way for `quietMs`. */
async function waitForReadsOver(panel: Page, quietMs: number): Promise<number> {
  const idle = readChartIdle(panel);
  for (;;) {
    await panel.waitForFunction(() => (window as unknown as { __benchReads: number }).__benchReads >= 1, undefined, { timeout: 30_000 });
    await idle.waitFor({ timeout: 30_000 });
    const before = await panel.evaluate(() => (window as unknown as { __benchReads: number }).__benchReads);
    await panel.waitForTimeout(quietMs);
    const after = await panel.evaluate(() => (window as unknown as { __benchReads: number }).__benchReads);
    if (after === before && (await idle.count()) === 1) return after;
  }
}

async function oneLoad(ext: ExtensionBrowser, page: Page, panel: Page, url: string): Promise<ScriptMainThread & { panelReads: number }> {
  const cdp = await ext.context.newCDPSession(page);
  try {
    let panelReads = 0;
    await countReads(panel);
    const events = await traceWhile(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      // The panel re-reads when the tab reports its new address and again once it is complete;
      // the trace ends once its reads are over and none followed for SETTLE_MS.
      panelReads = await waitForReadsOver(panel, SETTLE_MS);
    });
    if (process.env.BENCH_TRACE_DUMP) (await import('node:fs')).writeFileSync(process.env.BENCH_TRACE_DUMP, JSON.stringify(events));
    const prefix = `chrome-extension://${ext.extensionId}/content-scripts/`;
    const figures = attributeScript(events, (u) => u.startsWith(prefix));
    if (!figures.byKind.EvaluateScript) throw new Error(`the trace of ${url} shows no reader being injected (${JSON.stringify(figures.byKind)}): the method sees nothing`);
    if (!figures.byKind['v8.callFunction']) throw new Error(`the trace of ${url} shows no read by the reader (${JSON.stringify(figures.byKind)})`);
    await panel.getByRole('region', { name: 'Patient context' }).getByText(LARGE_CHART_EXPECTED.patient.name, { exact: true }).first().waitFor({ timeout: 1_000 });
    return { ...figures, panelReads };
  } finally {
    await cdp.detach();
  }
}

export async function measureReaderMainThread(options: ReaderMainThreadOptions = {}): Promise<ReaderMainThreadResult> {
  const count = options.loads ?? 3;
  const warmups = options.warmups ?? 1;
  const ehr = await serveFixtures();
  const ext = await launchChromiumWithExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`${ehr.url}/large-chart.html`);
    const panel = await openPanel(ext, await tabIdOf(ext, page.url()));
    const context = panel.getByRole('region', { name: 'Patient context' });
    await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
    await context.getByText(LARGE_CHART_EXPECTED.patient.name, { exact: true }).first().waitFor({ timeout: 30_000 });
    await readChartIdle(panel).waitFor({ timeout: 30_000 });
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);

    const loads: Loaded<LoadFigures>[] = [];
    for (let i = 0; i < warmups + count; i++) {
      const run = await withLoad(() => oneLoad(ext, page, panel, `${ehr.url}/large-chart.html?load=${i}`));
      if (i >= warmups) loads.push(run);
    }
    return { quietest: quietest(loads, (f) => f.totalMs), loads, elements };
  } finally {
    await ext.close();
    await ehr.close();
  }
}

// `node test/bench/reader-main-thread.ts` runs this benchmark alone (after `npm run build:e2e`).
if (import.meta.filename === process.argv[1]) {
  console.log(JSON.stringify(await measureReaderMainThread(), null, 2));
}
