/**
 * Benchmark: the side panel on one screen (issue 20). Where each main action and the note's first
 * section end, in px from the top of a 400 × 800 panel, in each state of a visit; and how many presses
 * a typed visit takes from opening the panel to an inserted note.
 *
 * Method
 * - Chromium with the e2e build and its fake microphone (a tone), the API emulator, the fixture
 *   server's sample chart in a tab, the panel page `sidepanel.html?tabId=…` bound to it (as the pop-out
 *   does, and as panel-open.ts drives it) in a window of 400 × 800.
 * - One visit walked through its states: no key yet → key saved, site not enabled → Enable on this site
 *   (chart read) → a typed transcript streaming slowly (generating) → Note ready → Insert all (inserted)
 *   → a 503 from the API (error). Recording is measured in a second tab of the same chart (before any
 *   note there), six seconds into a recording. In each state test/support/panel-layout-probe.ts reads
 *   the bottom edge of every main action shown, of the Subjective box, and the action bar's top.
 * - The typed visit: a third tab of the chart on the now enabled site; the panel opened, then only
 *   presses a clinician makes (type the transcript, Generate note, Insert all), each checked in view
 *   and uncovered before it is made, and the panel's scroll position read at the end.
 * - A state not reached within its time (a slow machine) is reported as such and the walk goes on;
 *   it does not fail the run.
 */
import type { Page } from '@playwright/test';
import { serveFixtures } from '../fixtures/serve-fixtures.ts';
import { SAMPLE_VISIT_TRANSCRIPT } from '../emulator/notes.ts';
import { startEmulator } from '../emulator/server.ts';
import { configureThroughOptions, launchChromiumWithExtension, openPanel, tabIdOf, type ExtensionBrowser } from '../support/chromium-extension.ts';
import { MAIN_ACTIONS, probePanelLayout, type PanelLayout } from '../support/panel-layout-probe.ts';

export const PANEL_SIZE = { width: 400, height: 800 } as const;
/** The emulator's sample visit: long enough for the API, sorted into all four sections. */
const TRANSCRIPT = SAMPLE_VISIT_TRANSCRIPT;

export interface StateLayout {
  state: string;
  /** undefined: the state was not reached (see `error`). */
  layout?: PanelLayout;
  error?: string;
}

export interface TypedVisit {
  /** The presses made, in order: only these, from the panel opened to the note in the chart. */
  presses: string[];
  /** Each press was on something inside the window and uncovered when it was made. */
  allInView: boolean;
  /** The panel's scroll position at the end (0: never scrolled). */
  scrollTop: number;
  error?: string;
}

export interface PanelLayoutResult {
  size: typeof PANEL_SIZE;
  states: StateLayout[];
  typed: TypedVisit;
}

export interface PanelLayoutOptions {
  /** How long a state may take to come before it is reported as not reached. */
  stateTimeoutMs?: number;
}

const layoutOf = (panel: Page): Promise<PanelLayout> => panel.evaluate(probePanelLayout, [...MAIN_ACTIONS]);
const button = (panel: Page, name: string) => panel.getByRole('button', { name, exact: true });
const status = (panel: Page, text: string) => panel.getByRole('status').filter({ hasText: text }).first();

async function openChartPanel(ext: ExtensionBrowser, url: string): Promise<Page> {
  const chart = await ext.context.newPage();
  await chart.goto(url);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  await panel.setViewportSize(PANEL_SIZE);
  return panel;
}

export async function measurePanelLayout(options: PanelLayoutOptions = {}): Promise<PanelLayoutResult> {
  const timeout = options.stateTimeoutMs ?? 60_000;
  const emulator = await startEmulator();
  const ehr = await serveFixtures();
  const ext = await launchChromiumWithExtension({ extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
  const states: StateLayout[] = [];
  /** Brings the panel into `state` with `reach`, then measures; a state that does not come is noted, and the walk goes on. */
  const measure = async (state: string, panel: Page, reach: () => Promise<unknown>) => {
    try {
      await reach();
      states.push({ state, layout: await layoutOf(panel) });
    } catch (err) {
      states.push({ state, error: (err as Error).message.split('\n')[0] });
    }
  };
  try {
    const chartUrl = `${ehr.url}/sample-chart.html`;
    const panel = await openChartPanel(ext, chartUrl);
    panel.setDefaultTimeout(timeout);
    await measure('no key yet', panel, () => button(panel, 'Generate note').waitFor());
    await measure('site not enabled', panel, async () => {
      await configureThroughOptions(ext, emulator.url);
      await panel.reload();
      await panel.locator('html[data-ready="true"]').waitFor();
      await button(panel, 'Enable on this site').waitFor();
    });
    await measure('chart read', panel, async () => {
      await button(panel, 'Enable on this site').click();
      await panel.getByRole('region', { name: 'Patient context', exact: true }).getByText(/items? will be sent/).waitFor();
    });
    await measure('generating', panel, async () => {
      emulator.setFaults({ chunkSize: 6, chunkDelayMs: 120 });
      await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
      await button(panel, 'Generate note').click();
      await button(panel, 'Stop').waitFor();
      await panel.waitForFunction(() => (document.querySelector('textarea[aria-label="Subjective"]') as HTMLTextAreaElement | null)?.value !== '');
    });
    await measure('note ready', panel, () => status(panel, 'Note ready').waitFor());
    emulator.setFaults({});
    await measure('inserted', panel, async () => {
      await button(panel, 'Insert all').click();
      await button(panel, 'Undo insert').waitFor();
    });
    await measure('error', panel, async () => {
      emulator.setFaults({ status: 503 });
      const show = button(panel, 'Show transcript');
      if ((await show.count()) > 0) await show.click();
      await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
      await button(panel, 'Generate note').click();
      await panel.getByRole('alert').first().waitFor();
    });
    emulator.setFaults({});

    const recording = await openChartPanel(ext, `${chartUrl}?recording`);
    recording.setDefaultTimeout(timeout);
    await measure('recording', recording, async () => {
      // Consent to record is asked for by default: ticked as the clinician does, before Start recording.
      await recording.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true }).check();
      await button(recording, 'Start recording').click();
      await button(recording, 'Pause recording').waitFor();
      await recording.getByRole('timer', { name: 'Recording time' }).getByText(/0:0[6-9]|0:[1-5]\d/).waitFor();
    });
    await recording.close();

    return { size: PANEL_SIZE, states: inVisitOrder(states), typed: await typedVisit(ext, `${chartUrl}?typed`, timeout) };
  } finally {
    await ext.close();
    await ehr.close();
    await emulator.close();
  }
}

const ORDER = ['no key yet', 'site not enabled', 'chart read', 'recording', 'generating', 'note ready', 'inserted', 'error'];
const inVisitOrder = (states: StateLayout[]) => [...states].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));

/** A typed visit on an enabled site: the presses from the panel opened to the note in the chart. */
async function typedVisit(ext: ExtensionBrowser, url: string, timeout: number): Promise<TypedVisit> {
  const presses: string[] = [];
  let allInView = true;
  let scrollTop = NaN;
  const panel = await openChartPanel(ext, url);
  panel.setDefaultTimeout(timeout);
  const checkInView = async (name: string) => {
    const placed = await layoutOf(panel);
    if (name === 'Transcript') {
      const box = await panel.getByRole('textbox', { name: 'Transcript', exact: true }).boundingBox();
      if (!box || box.y < 0 || box.y + box.height > placed.height) allInView = false;
      return;
    }
    const action = placed.actions.find((a) => a.name === name);
    if (!action?.inView || !action.uncovered) allInView = false;
  };
  try {
    await panel.getByRole('region', { name: 'Patient context', exact: true }).getByText(/items? will be sent/).waitFor();
    await checkInView('Transcript');
    await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
    presses.push('type the transcript');
    await checkInView('Generate note');
    await button(panel, 'Generate note').click();
    presses.push('Generate note');
    await status(panel, 'Note ready').waitFor();
    await checkInView('Insert all');
    await button(panel, 'Insert all').click();
    presses.push('Insert all');
    await button(panel, 'Undo insert').waitFor();
    scrollTop = (await layoutOf(panel)).scrollTop;
    return { presses, allInView, scrollTop };
  } catch (err) {
    return { presses, allInView, scrollTop, error: (err as Error).message.split('\n')[0] };
  }
}

/** The columns of the table: the main actions some state shows, in the bar's order. */
function shownActions(states: StateLayout[]): string[] {
  return MAIN_ACTIONS.filter((name) => states.some((s) => s.layout?.actions.some((a) => a.name === name)));
}

/**
 * One row a state: the bottom edge (px from the panel's top) of each main action shown ('–' when the
 * state does not show it; '*' after a figure outside the window or covered), of the Subjective box,
 * and the action bar's top.
 */
export function panelLayoutTable(result: PanelLayoutResult): string {
  const actions = shownActions(result.states);
  const head = ['State', ...actions, 'Subjective', 'Action bar top'];
  const rows = result.states.map((s) => {
    if (!s.layout) return [s.state, ...actions.map(() => '–'), '–', `not reached: ${s.error ?? 'no figures'}`];
    const l = s.layout;
    const edge = (e: { bottom: number; inView: boolean; uncovered: boolean } | undefined) => (e ? `${e.bottom}${e.inView && e.uncovered ? '' : '*'}` : '–');
    return [s.state, ...actions.map((name) => edge(l.actions.find((a) => a.name === name))), edge(l.firstSection), String(l.actionBarTop)];
  });
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The states with a note in view: its Subjective box must end above the action bar. */
const NOTE_STATES = ['generating', 'note ready', 'inserted'];

/**
 * In every state reached, each main action inside the window and uncovered, nothing sideways, and the
 * Subjective box above the bar once there is a note. A state not reached says nothing either way (the
 * table shows it as not reached).
 */
export function allOnOneScreen(result: PanelLayoutResult): boolean {
  return result.states.every((s) => {
    const l = s.layout;
    if (!l) return true;
    if (l.overflowsSideways || !l.actions.every((a) => a.inView && a.uncovered)) return false;
    if (!NOTE_STATES.includes(s.state)) return true;
    return l.firstSection !== undefined && l.firstSection.top >= 0 && l.firstSection.bottom <= l.actionBarTop;
  });
}

// `node test/bench/panel-layout.ts` runs this benchmark alone (after `npm run build:e2e`).
if (import.meta.filename === process.argv[1]) {
  const result = await measurePanelLayout();
  console.log(panelLayoutTable(result));
  console.log(JSON.stringify(result.typed));
}
