import { browser } from 'wxt/browser';
import { ChartContextSchema, hasChart, PatientIdentitySchema, type ChartContext, type PatientIdentity } from '../ehr/chart-context';
import { mergeFrameCharts } from '../ehr/merge-frames';
import { loadAdapterIfNeeded } from './on-demand-adapters';

/** A frame that does not answer in this time is left out (a frame still loading, a hung page). */
const FRAME_TIMEOUT_MS = 3_000;

/**
 * The frames of a tab Chartside can reach, top frame first. `executeScript` with a no-op answers
 * once per frame we have access to, which lists them without the `webNavigation` permission (and
 * its "read your browsing history" warning).
 */
export async function reachableFrames(tabId: number): Promise<number[]> {
  const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => 0 });
  return [...new Set(results.map((r) => r.frameId))].sort((a, b) => a - b);
}

/** Asks one frame; `undefined` when it does not answer within `timeoutMs` (or at all). */
export async function ask(tabId: number, frameId: number, request: unknown, timeoutMs = FRAME_TIMEOUT_MS): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([browser.tabs.sendMessage(tabId, request, { frameId }).catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks the chart reader in one frame; when it answers that its EHR's adapter is not loaded there yet,
 * loads it into that frame and asks once more.
 */
async function askReader(tabId: number, frameId: number, request: unknown): Promise<unknown> {
  const answer = await ask(tabId, frameId, request);
  return (await loadAdapterIfNeeded(tabId, frameId, answer)) ? ask(tabId, frameId, request) : answer;
}

export type ChartReadResult = { found: true; chart: ChartContext } | { found: false; chart?: ChartContext };

/** Reads every frame of the tab and merges them into one chart. Answers that do not parse are dropped. */
export async function readChartInTab(tabId: number): Promise<ChartReadResult> {
  const frames = await reachableFrames(tabId);
  const answers = await Promise.all(frames.map((frameId) => askReader(tabId, frameId, { type: 'chart:read' })));
  const charts = answers.flatMap((answer) => {
    const parsed = ChartContextSchema.safeParse(answer);
    return parsed.success ? [parsed.data] : [];
  });
  const chart = mergeFrameCharts(charts);
  return chart && hasChart(chart) ? { found: true, chart } : chart ? { found: false, chart } : { found: false };
}

/**
 * Who the tab's chart is about now (top frame first, then any frame that knows). `frames`, when the
 * caller has just listed them, saves listing them again.
 */
export async function readIdentityInTab(tabId: number, frames?: readonly number[]): Promise<PatientIdentity | undefined> {
  for (const frameId of frames ?? (await reachableFrames(tabId))) {
    const parsed = PatientIdentitySchema.safeParse(await askReader(tabId, frameId, { type: 'chart:identity' }));
    if (parsed.success && (parsed.data.name || parsed.data.mrn || parsed.data.dob)) return parsed.data;
  }
  return undefined;
}
