import { browser } from 'wxt/browser';
import { ChartContextSchema, hasChart, PatientIdentitySchema, type ChartContext, type PatientIdentity } from '../ehr/chart-context';
import { mergeFrameCharts } from '../ehr/merge-frames';
import { loadAdapterIfNeeded } from './on-demand-adapters';

/**
 * How long one frame's answer is waited for. Generous on purpose: on a loaded computer a large
 * chart's page takes seconds to answer (its main thread shares the CPU with everything else), and
 * giving up early is worse than waiting: the abandoned request still runs in the page, so the next
 * Read chart only queues behind it and is given up on too. A frame without Chartside's listener
 * fails at once, so only a hung frame ever costs this long.
 */
export const FRAME_TIMEOUT_MS = 10_000;

/**
 * The whole chart read (listing frames, putting a missing reader back, every frame's answer) ends
 * within this, with what had come in by then: the panel, which shows "Reading the chart…" meanwhile,
 * always gets its answer inside the clinician's patience.
 */
export const CHART_READ_DEADLINE_MS = 11_000;

/**
 * The frames of a tab Chartside can reach, top frame first. `executeScript` with a no-op answers
 * once per frame we have access to, which lists them without the `webNavigation` permission (and
 * its "read your browsing history" warning).
 */
export async function reachableFrames(tabId: number): Promise<number[]> {
  const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => 0 });
  return [...new Set(results.map((r) => r.frameId))].sort((a, b) => a - b);
}

/**
 * One frame's reply: its answer; `unreachable` when nothing listens there (no script of ours in the
 * frame yet, or it went away); `timed-out` when the frame did not answer in time.
 */
export type FrameReply = { kind: 'answered'; answer: unknown } | { kind: 'unreachable' } | { kind: 'timed-out' };

export async function askFrame(tabId: number, frameId: number, request: unknown, timeoutMs = FRAME_TIMEOUT_MS): Promise<FrameReply> {
  const asked = browser.tabs.sendMessage(tabId, request, { frameId }).then(
    (answer): FrameReply => ({ kind: 'answered', answer }),
    (): FrameReply => ({ kind: 'unreachable' }),
  );
  return (await within(asked, timeoutMs)) ?? { kind: 'timed-out' };
}

/** Asks one frame; `undefined` when it does not answer within `timeoutMs` (or at all). */
export async function ask(tabId: number, frameId: number, request: unknown, timeoutMs = FRAME_TIMEOUT_MS): Promise<unknown> {
  const reply = await askFrame(tabId, frameId, request, timeoutMs);
  return reply.kind === 'answered' ? reply.answer : undefined;
}

/**
 * Asks the chart reader in one frame; when it answers that its EHR's adapter is not loaded there yet,
 * loads it into that frame and asks once more.
 */
async function askReader(tabId: number, frameId: number, request: unknown, timeoutMs: number): Promise<FrameReply> {
  const reply = await askFrame(tabId, frameId, request, timeoutMs);
  if (reply.kind !== 'answered' || !(await loadAdapterIfNeeded(tabId, frameId, reply.answer))) return reply;
  return askFrame(tabId, frameId, request, timeoutMs);
}

export type ChartReadResult = { found: true; chart: ChartContext } | { found: false; chart?: ChartContext };

export interface ChartReadOptions {
  /**
   * Puts the chart reader back into frames where nothing answered at once (a page that loaded while
   * the reader's registration was being renewed, or that was open before the site was enabled).
   * The caller decides whether the site may be read at all; without it, such frames are left out.
   */
  reinject?: (frameIds: number[]) => Promise<void>;
  deadlineMs?: number;
}

/** Reads every frame of the tab and merges them into one chart. Answers that do not parse are dropped. */
export async function readChartInTab(tabId: number, { reinject, deadlineMs = CHART_READ_DEADLINE_MS }: ChartReadOptions = {}): Promise<ChartReadResult> {
  const deadline = Date.now() + deadlineMs;
  const left = () => Math.max(0, deadline - Date.now());
  // A tab whose frames cannot even be listed in time is asked in its top frame alone.
  const frames = (await within(reachableFrames(tabId).catch(() => [0]), left())) ?? [0];
  const request = { type: 'chart:read' };
  const replies = new Map(await Promise.all(frames.map(async (frameId) => [frameId, await askReader(tabId, frameId, request, left())] as const)));
  const missing = frames.filter((frameId) => replies.get(frameId)?.kind === 'unreachable');
  if (missing.length > 0 && reinject && left() > 0) {
    const injected = await within(
      reinject(missing).then(() => true, () => false),
      left(),
    );
    if (injected) {
      for (const [frameId, reply] of await Promise.all(missing.map(async (frameId) => [frameId, await askReader(tabId, frameId, request, left())] as const))) {
        replies.set(frameId, reply);
      }
    }
  }
  const charts = frames.flatMap((frameId) => {
    const reply = replies.get(frameId);
    const parsed = reply?.kind === 'answered' ? ChartContextSchema.safeParse(reply.answer) : undefined;
    return parsed?.success ? [parsed.data] : [];
  });
  const chart = mergeFrameCharts(charts);
  return chart && hasChart(chart) ? { found: true, chart } : chart ? { found: false, chart } : { found: false };
}

/**
 * Who the tab's chart is about now (top frame first, then any frame that knows). `frames`, when the
 * caller has just listed them, saves listing them again; `reinject` as for readChartInTab.
 */
export async function readIdentityInTab(
  tabId: number,
  frames?: readonly number[],
  { reinject }: Pick<ChartReadOptions, 'reinject'> = {},
): Promise<PatientIdentity | undefined> {
  const request = { type: 'chart:identity' };
  for (const frameId of frames ?? (await reachableFrames(tabId))) {
    let reply = await askReader(tabId, frameId, request, FRAME_TIMEOUT_MS);
    if (reply.kind === 'unreachable' && reinject && (await reinject([frameId]).then(() => true, () => false))) {
      reply = await askReader(tabId, frameId, request, FRAME_TIMEOUT_MS);
    }
    const parsed = reply.kind === 'answered' ? PatientIdentitySchema.safeParse(reply.answer) : undefined;
    if (parsed?.success && (parsed.data.name || parsed.data.mrn || parsed.data.dob)) return parsed.data;
  }
  return undefined;
}

/** `promise`'s value, or `undefined` once `ms` have passed first. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
