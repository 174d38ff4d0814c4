import { browser } from 'wxt/browser';
import { siteOfOrigin } from '../ehr/site';
import { TaughtFieldSchema, listFieldMaps, saveTaughtField, type FieldMap } from '../storage/field-maps';
import type { FieldTarget } from '../messaging/insert';
import { ask, reachableFrames } from './chart-reading';
import { injectInserter } from './insert-note';
import { holdKeepAlive } from './keep-alive';
import { siteStatus } from './site-access';

/** How long the page waits for the clinician's click before giving up on a step. */
const PICK_TIMEOUT_MS = 5 * 60_000;

export type PickOutcome =
  | { kind: 'picked'; target: FieldTarget; fragile: boolean; map: FieldMap }
  /** Skipped, cancelled, Escape in the page, a new pick, or no click in time. */
  | { kind: 'stopped' }
  | { kind: 'no-access' };

/**
 * The pick in progress per tab, so Skip / Cancel and a new pick can end it. It is registered before
 * the first await: a Skip pressed while the inserter is still being injected (slow in a page of
 * frames, or on a busy machine) must end this pick, not find nothing and leave it waiting minutes.
 */
const picks = new Map<number, PickInProgress>();

interface PickInProgress {
  stopped: boolean;
  stop(): void;
}

async function stopFrames(tabId: number, frames: readonly number[]): Promise<void> {
  await Promise.all(frames.map((frameId) => ask(tabId, frameId, { type: 'field:pick-stop' })));
}

/**
 * Map fields, one step: every frame of the tab waits for the clinician to click the field for
 * `target`; the first frame that reports a pick wins, the others stop waiting, and the field is
 * stored for the tab's site at once (a closed panel does not lose the steps already taught).
 */
export async function pickFieldInTab(tabId: number, target: FieldTarget): Promise<PickOutcome> {
  picks.get(tabId)?.stop();
  let wake: () => void = () => undefined;
  const stoppedEarly = new Promise<undefined>((resolve) => (wake = () => resolve(undefined)));
  const entry: PickInProgress = { stopped: false, stop: () => ((entry.stopped = true), wake()) };
  picks.set(tabId, entry);
  const release = holdKeepAlive();
  try {
    const status = await siteStatus(tabId);
    if (status.kind !== 'enabled') return { kind: 'no-access' };
    if (entry.stopped) return { kind: 'stopped' };
    await injectInserter(tabId);
    const frames = await reachableFrames(tabId);
    if (entry.stopped) return { kind: 'stopped' };
    const picked = await Promise.race([
      stoppedEarly,
      new Promise<unknown>((resolve) => {
        let pending = frames.length;
        if (pending === 0) resolve(undefined);
        for (const frameId of frames) {
          void ask(tabId, frameId, { type: 'field:pick', target }, PICK_TIMEOUT_MS).then((answer) => {
            if (TaughtFieldSchema.safeParse(answer).success) resolve(answer);
            else if (--pending === 0) resolve(undefined);
          });
        }
      }),
    ]);
    // Sent after the pick itself, so every frame hears the stop after it began waiting.
    await stopFrames(tabId, frames);
    const field = TaughtFieldSchema.safeParse(picked);
    if (entry.stopped || !field.success) return { kind: 'stopped' };
    const map = await saveTaughtField(status.origin, target, field.data);
    return { kind: 'picked', target, fragile: field.data.fragile, map };
  } finally {
    if (picks.get(tabId) === entry) picks.delete(tabId);
    release();
  }
}

/**
 * Ends the tab's pick in progress, if any (Skip, Cancel mapping, the panel closing). The pick, woken,
 * tells its frames to stop waiting itself, as it does after a click.
 */
export async function stopPick(tabId: number): Promise<void> {
  picks.get(tabId)?.stop();
  picks.delete(tabId);
}

/**
 * Re-teach from the options page: the panel pops out bound to an open tab of the site, already
 * waiting for the click on `target` (or on each section). No open tab: nothing to teach on.
 */
export async function openMapperForSite(site: string, target?: FieldTarget): Promise<{ opened: boolean }> {
  const pattern = siteOfOrigin(site)?.pattern;
  if (!pattern) return { opened: false };
  const [tab] = await browser.tabs.query({ url: pattern }).catch(() => []);
  if (tab?.id === undefined) return { opened: false };
  await browser.tabs.update(tab.id, { active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  const map = target ?? 'all';
  await browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html?tabId=${tab.id}&map=${map}` as '/sidepanel.html'), type: 'popup', width: 460, height: 820 });
  return { opened: true };
}

/** The fields taught for the site of the tab, if any. */
export async function fieldMapOfTab(tabId: number): Promise<{ map?: FieldMap }> {
  const status = await siteStatus(tabId);
  if (status.kind !== 'enabled' && status.kind !== 'disabled') return {};
  const map = (await listFieldMaps()).find((m) => m.site === status.origin);
  return map ? { map } : {};
}
