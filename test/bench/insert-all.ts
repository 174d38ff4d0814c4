/**
 * Benchmark: `Insert all` in the side panel → the panel confirms what happened to each field, on each
 * insert fixture page (issue 4: "Insert all on each fixture, p50, aim under 50 ms from click to
 * confirmed"), in real Chromium.
 *
 * Method
 * - One Chromium with the e2e build of the extension, the API emulator (`startEmulator`, no added
 *   delays) saved in the options page, and the fixture server. Per fixture page, a fresh tab opens
 *   the page and waits until it is ready (`<html data-ready="true">`, or `window.__fixture` for the
 *   cross-origin page, whose hook appears once its frame has reported in; the sample chart has no hook
 *   and is ready at load); the panel page is bound to that tab (`sidepanel.html?tabId=…`, as the
 *   pop-out does); `Enable on this site` is pressed in `Patient context` where the panel offers it
 *   (all pages share the fixture server's origin, so only the first page asks: later ones open on an
 *   enabled site, like a clinician's second chart) and the benchmark waits for the patient's name and
 *   `Read chart` to be idle again (read-chart-idle.ts); a note is generated once from a short transcript ("Note ready").
 * - The timed step, in the panel page's own JS realm: a MutationObserver on the panel's `<main>` is set
 *   up, then `performance.now()`, then the `Insert all` button's `click()`. The insert is over at the
 *   first mutation after which `Insert all` is enabled again, having been disabled (the panel disables
 *   it while the background works, and commits the per-field report in the same render that enables
 *   it). The figure is the time to that MutationObserver callback: DOM, not paint. It includes the
 *   panel → background message, the background's site and same-patient checks (a `chart:identity` to
 *   the tab's frames), injecting the inserter into every frame, `fields:find` and `fields:fill` in
 *   each frame (the fill types through each editor's own input path and waits for the editor's model
 *   to read the text back), the answer back to the panel and Preact's render of the report.
 * - Every timed insert is a fresh one into empty fields: after it, `Undo insert` is pressed (untimed,
 *   timed the same way only to know when it is over), which puts every field back through its editor.
 *   A few untimed insert + undo rounds come first (the first insert also injects the inserter).
 * - The runs come in batches (default 5 × 8 per page), a quarter second apart. Per page, the p50 is
 *   the quietest batch's (lowest p50; quietest.ts), shown with the load average during it (so a burst
 *   of other work on this shared machine lands in one batch rather than in the figure); a batch of 8 has no p95 of its own, so p95 and max are over all runs
 *   pooled (40: the p95 is the third slowest). Every batch's p50 is kept too.
 * - The chart's tab and the panel page are two tabs of one window here, where in use the chart is
 *   visible beside the side panel; Playwright starts Chromium with background-tab timer throttling off
 *   (`--disable-background-timer-throttling` and friends), so the page in the other tab runs its
 *   timers and tasks as a visible one would.
 * - Self-checks, any of which fails that page (and the benchmark): every insert's report is new (not
 *   the `Undone:` list of the round before) and names exactly the fields the page has (the four
 *   sections, or `Note field` on the single-note page), each `inserted`, `added after the text
 *   already there` or `replaced the text that was there` — never `no field for it on this page` or
 *   `the field would not take the text`, and no alert; after every insert the page's own model holds
 *   the panel's text (`window.__fixture.state()`, which each fixture reads from its editor's model, in
 *   the page's main world; in the frame itself for the cross-origin page; the sample chart's
 *   textareas, which have no hook), whitespace collapsed: each section as in the panel's section box,
 *   or for the single note field the whole note with its `Subjective:`… headings; every undo's report
 *   says `restored to what it was` for each field, and the fields then read empty again.
 * - One clock only (the panel's): the split between background, frames and editors is not timed here.
 */
import type { Frame, Page } from '@playwright/test';
import { startEmulator } from '../emulator/server.ts';
import { serveFixtures } from '../fixtures/serve-fixtures.ts';
import { configureThroughOptions, launchChromiumWithExtension, openPanel, tabIdOf, type ExtensionBrowser } from '../support/chromium-extension.ts';
import { ensureFixturesBuilt, EDITOR_FIXTURES } from './fixture-build.ts';
import { quietest, withLoad, type Loaded } from './quietest.ts';
import { readChartIdle } from './read-chart-idle.ts';
import { summarize, type Summary } from './read-chart.ts';
import { FIELD_REPORT_WORDS } from '../../lib/panel/field-report-words.ts';

const SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const;
type Section = (typeof SECTIONS)[number];
type Target = Section | 'note';
const LABELS: Record<Target, string> = { subjective: 'Subjective', objective: 'Objective', assessment: 'Assessment', plan: 'Plan', note: 'Note field' };

/** The panel's words per field status; any other wording fails the run. */
const WORDS: Record<string, string> = FIELD_REPORT_WORDS;
const INSERTED = new Set(['inserted', 'appended', 'replaced']);

/** The e2e suite's transcript: the emulator sorts its sentences into all four sections. */
const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Plan: rest, fluids, ibuprofen as needed, return if symptoms worsen.';

export interface InsertFixture {
  /** Short name for the table. */
  name: string;
  /** Path on the fixture server; `{other}` becomes the server's origin under the other loopback name. */
  path: string;
  /** The patient the page shows (the panel reads it when the site is enabled). */
  patient: string;
  /** The fields Insert all must report on. */
  targets: Target[];
  /** Where the fields' content is read: the page's `__fixture` hook, the fields frame's own hook, or the sample chart's textareas. */
  state: 'hook' | 'frame-hook' | 'textareas';
}

const SOAP: Target[] = [...SECTIONS];
const ROSALIND = 'Rosalind Achebe';

export const INSERT_FIXTURES: InsertFixture[] = [
  { name: 'sample-chart (OpenEMR-style, 4 textareas)', path: '/sample-chart.html', patient: 'Maria Alvarez', targets: SOAP, state: 'textareas' },
  { name: 'insert/single-note (whole note, 1 field)', path: '/insert/single-note.html', patient: ROSALIND, targets: ['note'], state: 'hook' },
  ...['tiptap', 'quill', 'slate', 'tinymce', 'ckeditor5', 'draftjs', 'react-form', 'vue-form'].map(
    (editor): InsertFixture => ({ name: `editors/${editor}`, path: `/editors/${editor}.html`, patient: ROSALIND, targets: SOAP, state: 'hook' }),
  ),
  { name: 'insert/iframe-same-origin', path: '/insert/iframe-same-origin.html', patient: ROSALIND, targets: SOAP, state: 'hook' },
  { name: 'insert/iframe-cross-origin', path: '/insert/iframe-cross-origin.html?frame={other}', patient: ROSALIND, targets: SOAP, state: 'frame-hook' },
];

export interface InsertAllOptions {
  /** Batches of timed inserts per page (default 5); the quietest (lowest p50) is reported. */
  batches?: number;
  /** Timed inserts per batch (default 8), each followed by an untimed Undo insert. */
  runs?: number;
  /** Untimed insert + undo rounds per page first (default 2). */
  warmups?: number;
  /** Only the pages whose name contains one of these (default: all). */
  only?: string[];
}

export interface InsertPageResult {
  name: string;
  url: string;
  /** Click → per-field report in the panel, ms: the quietest batch (lowest p50), with the load during it. */
  insert?: Loaded<Summary> & { index: number };
  batches?: Loaded<Summary>[];
  pooled?: Summary;
  /** Undo insert click → `Undone:` report, ms (untimed in the figure; for the record). */
  undo?: Summary;
  /** What the report said, field by field (the last insert). */
  reports?: Record<string, string>;
  /** Characters inserted per insert (the sum over fields, as the page's model reads them). */
  chars?: number;
  /** Why the page could not be measured (a self-check or a step failed). */
  error?: string;
}

export interface InsertAllResult {
  pages: InsertPageResult[];
  batches: number;
  runs: number;
  warmups: number;
}

interface PanelReport {
  ms: number;
  undone: boolean;
  items: { label: string; text: string }[];
  alert?: string;
  sawBusy: boolean;
}

/**
 * Clicks `label` in the panel and waits for the insert store to finish (see the method above):
 * the time from just before `click()` to the MutationObserver callback after which `Insert all` is
 * enabled again, and what the per-field report then says.
 */
export async function clickAndWaitForReport(panel: Page, label: 'Insert all' | 'Undo insert'): Promise<PanelReport> {
  return panel.evaluate(
    (label) =>
      new Promise<PanelReport>((resolve, reject) => {
        const main = document.querySelector('main');
        const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
        const target = button(label);
        if (!main || !target) return reject(new Error(`no ${label} button in the panel`));
        if (target.disabled || button('Insert all')?.disabled) return reject(new Error(`${label} is disabled before the click`));
        const read = () => {
          const status = [...document.querySelectorAll('div[role="status"]')].find((d) => d.querySelector(':scope > ul.items'));
          const alert = document.querySelector('main div[role="alert"]')?.textContent?.trim();
          return {
            undone: status?.firstElementChild?.tagName === 'P' && (status.firstElementChild.textContent ?? '').startsWith('Undone'),
            items: [...(status?.querySelectorAll(':scope > ul.items > li') ?? [])].map((li) => ({
              label: li.querySelector('strong')?.textContent?.trim() ?? '',
              text: li.textContent ?? '',
            })),
            ...(alert ? { alert } : {}),
          };
        };
        let sawBusy = false;
        let t0 = 0;
        const observer = new MutationObserver(() => {
          const t = performance.now();
          const insertAll = button('Insert all');
          if (!insertAll || insertAll.disabled) {
            sawBusy = true;
            return;
          }
          if (!sawBusy) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve({ ms: t - t0, sawBusy, ...read() });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${label} did not finish within 30 s (${JSON.stringify(read())})`));
        }, 30_000);
        observer.observe(main, { subtree: true, childList: true, attributes: true, characterData: true });
        t0 = performance.now();
        target.click();
      }),
    label,
  );
}

/** Field → status word key, from the report's lines; throws on wording the panel does not use. */
function parseReport(report: PanelReport): Record<string, string> {
  const byLabel = Object.fromEntries(Object.entries(LABELS).map(([target, label]) => [label, target]));
  const out: Record<string, string> = {};
  for (const item of report.items) {
    const target = byLabel[item.label];
    if (!target) throw new Error(`the report names a field "${item.label}" the benchmark does not know`);
    const rest = item.text.slice(item.text.indexOf(':') + 1).trim();
    const status = Object.keys(WORDS).find((s) => rest.startsWith(WORDS[s]!));
    if (!status) throw new Error(`the report says "${item.text}", wording the benchmark does not know`);
    out[target] = status;
  }
  return out;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What the page holds, field by field, from its editors' models (see the method). */
async function pageState(page: Page, fixture: InsertFixture): Promise<Record<Target, string>> {
  if (fixture.state === 'textareas') {
    return page.evaluate((names) => {
      const out: Record<string, string> = { note: '' };
      for (const n of names) out[n] = document.querySelector<HTMLTextAreaElement>(`textarea[name="${n}"]`)?.value ?? '';
      return out as Record<Target, string>;
    }, [...SECTIONS]);
  }
  let where: Page | Frame = page;
  if (fixture.state === 'frame-hook') {
    const frame = page.frames().find((f) => f.url().includes('/insert/iframe-fields.html'));
    if (!frame) throw new Error('the page has no iframe-fields.html frame');
    where = frame;
  }
  return where.evaluate(() => (window as unknown as { __fixture: { state(): Record<Target, string> } }).__fixture.state());
}

/** The whole note as the background composes it for a single note field (formatNotePlainText). */
function wholeNote(sections: Record<Section, string>): string {
  return SECTIONS.filter((s) => sections[s].trim() !== '')
    .map((s) => `${LABELS[s]}:\n${sections[s]}`)
    .join('\n\n');
}

async function checkInserted(report: PanelReport, page: Page, fixture: InsertFixture, sections: Record<Section, string>): Promise<{ reports: Record<string, string>; chars: number }> {
  if (!report.sawBusy) throw new Error('Insert all was never disabled: the insert was not seen');
  if (report.alert) throw new Error(`the panel shows an alert after Insert all: ${report.alert}`);
  if (report.undone) throw new Error('after Insert all the panel still shows the Undone report: the new report was not told apart');
  const reports = parseReport(report);
  const named = Object.keys(reports).sort().join(',');
  if (named !== [...fixture.targets].sort().join(',')) throw new Error(`the report names ${named || 'no field'}, expected ${fixture.targets.join(',')}`);
  for (const [target, status] of Object.entries(reports)) {
    if (!INSERTED.has(status)) throw new Error(`${LABELS[target as Target]}: ${WORDS[status]}`);
  }
  const state = await pageState(page, fixture);
  let chars = 0;
  for (const target of fixture.targets) {
    const want = target === 'note' ? wholeNote(sections) : sections[target];
    if (collapse(state[target]) !== collapse(want)) {
      throw new Error(`after Insert all the page's ${target} reads ${JSON.stringify(state[target].slice(0, 120))}, the panel has ${JSON.stringify(want.slice(0, 120))}`);
    }
    chars += state[target].length;
  }
  return { reports, chars };
}

async function checkUndone(report: PanelReport, page: Page, fixture: InsertFixture): Promise<void> {
  if (report.alert) throw new Error(`the panel shows an alert after Undo insert: ${report.alert}`);
  if (!report.undone) throw new Error('after Undo insert the panel shows no Undone report');
  const reports = parseReport(report);
  for (const target of fixture.targets) {
    if (reports[target] !== 'restored') throw new Error(`Undo insert: ${LABELS[target]}: ${reports[target] ? WORDS[reports[target]!] : 'not in the report'}`);
  }
  const state = await pageState(page, fixture);
  for (const target of fixture.targets) {
    if (state[target].trim() !== '') throw new Error(`after Undo insert the page's ${target} still reads ${JSON.stringify(state[target].slice(0, 120))}`);
  }
}

/** Opens the page, binds the panel, enables the site if asked, generates a note; returns the panel's sections. */
export async function prepare(ext: ExtensionBrowser, url: string, fixture: InsertFixture): Promise<{ page: Page; panel: Page; sections: Record<Section, string> }> {
  const page = await ext.context.newPage();
  let panel: Page | undefined;
  try {
    panel = await ext.context.newPage();
    return { page, panel, sections: await prepareIn(ext, page, panel, url, fixture) };
  } catch (err) {
    await panel?.close();
    await page.close();
    throw err;
  }
}

async function prepareIn(ext: ExtensionBrowser, page: Page, panelPage: Page, url: string, fixture: InsertFixture): Promise<Record<Section, string>> {
  await page.goto(url);
  if (fixture.state === 'frame-hook') await page.waitForFunction(() => (window as unknown as { __fixture?: unknown }).__fixture !== undefined, null, { timeout: 20_000 });
  else if (fixture.state === 'hook') await page.locator('html[data-ready="true"]').waitFor({ timeout: 20_000 });
  const tabId = await tabIdOf(ext, page.url());
  const panel = await openPanel(ext, tabId, panelPage);
  const context = panel.getByRole('region', { name: 'Patient context' });
  const enable = context.getByRole('button', { name: 'Enable on this site', exact: true });
  const readChart = context.getByRole('button', { name: 'Read chart', exact: true });
  await enable.or(readChart).first().waitFor({ timeout: 20_000 });
  if (await enable.isVisible()) await enable.click();
  await context.getByText(fixture.patient, { exact: true }).first().waitFor({ timeout: 20_000 });
  await readChartIdle(panel).waitFor({ timeout: 20_000 });

  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
  await panel.getByRole('status').filter({ hasText: 'Note ready' }).waitFor({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Insert all', exact: true }).and(panel.locator(':enabled')).waitFor();
  const sections = {} as Record<Section, string>;
  for (const s of SECTIONS) sections[s] = await panel.getByRole('textbox', { name: LABELS[s], exact: true }).inputValue();
  const empty = SECTIONS.filter((s) => sections[s].trim() === '');
  if (empty.length > 0) throw new Error(`the generated note has no ${empty.join(', ')}`);
  return sections;
}

async function measurePage(ext: ExtensionBrowser, url: string, fixture: InsertFixture, o: Required<Omit<InsertAllOptions, 'only'>>): Promise<InsertPageResult> {
  const { page, panel, sections } = await prepare(ext, url, fixture);
  try {
    let last: { reports: Record<string, string>; chars: number } | undefined;
    const round = async () => {
      const inserted = await clickAndWaitForReport(panel, 'Insert all');
      last = await checkInserted(inserted, page, fixture, sections);
      const undone = await clickAndWaitForReport(panel, 'Undo insert');
      await checkUndone(undone, page, fixture);
      return { insert: inserted.ms, undo: undone.ms };
    };
    for (let i = 0; i < o.warmups; i++) await round();
    const batches: number[][] = [];
    const summaries: Loaded<Summary>[] = [];
    const undo: number[] = [];
    for (let b = 0; b < o.batches; b++) {
      if (b > 0) await page.waitForTimeout(250);
      const times: number[] = [];
      summaries.push(
        await withLoad(async () => {
          for (let i = 0; i < o.runs; i++) {
            const r = await round();
            times.push(r.insert);
            undo.push(r.undo);
          }
          return summarize(times);
        }),
      );
      batches.push(times);
    }
    return {
      name: fixture.name,
      url: new URL(url).pathname + new URL(url).search,
      insert: quietest(summaries, (s) => s.p50),
      batches: summaries,
      pooled: summarize(batches.flat()),
      undo: summarize(undo),
      reports: last!.reports,
      chars: last!.chars,
    };
  } finally {
    await panel.close();
    await page.close();
  }
}

export async function measureInsertAll(options: InsertAllOptions = {}): Promise<InsertAllResult> {
  const o = { batches: options.batches ?? 5, runs: options.runs ?? 8, warmups: options.warmups ?? 2 };
  const fixtures = options.only ? INSERT_FIXTURES.filter((f) => options.only!.some((w) => f.name.includes(w))) : INSERT_FIXTURES;
  // The editor pages are built from npm packages and not committed: build them if missing or stale.
  if (fixtures.some((f) => f.path.startsWith('/editors/'))) ensureFixturesBuilt([EDITOR_FIXTURES]);
  const emulator = await startEmulator();
  const ehr = await serveFixtures();
  const ext = await launchChromiumWithExtension();
  const pages: InsertPageResult[] = [];
  try {
    await configureThroughOptions(ext, emulator.url);
    const other = ehr.url.replace('127.0.0.1', 'localhost');
    for (const fixture of fixtures) {
      const url = `${ehr.url}${fixture.path.replace('{other}', other)}`;
      try {
        pages.push(await measurePage(ext, url, fixture, o));
      } catch (err) {
        // Playwright's messages carry terminal colours and a call log over several lines.
        const message = ((err as Error).message ?? String(err)).replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' ').trim().slice(0, 400);
        pages.push({ name: fixture.name, url: new URL(url).pathname + new URL(url).search, error: message });
      }
    }
  } finally {
    await ext.close();
    await ehr.close();
    await emulator.close();
  }
  return { pages, ...o };
}

// `node test/bench/insert-all.ts [name …]` runs this benchmark alone (after `npm run build:e2e`),
// on the pages whose names contain one of the arguments (all without).
if (import.meta.filename === process.argv[1]) {
  const only = process.argv.slice(2);
  const runs = Number(process.env.RUNS ?? '') || undefined;
  const batches = Number(process.env.BATCHES ?? '') || undefined;
  console.log(JSON.stringify(await measureInsertAll({ ...(only.length ? { only } : {}), ...(runs ? { runs } : {}), ...(batches ? { batches } : {}) }), null, 2));
}
