import { browser } from 'wxt/browser';

/** The chart reader's file in the build (WXT names runtime content scripts `content-scripts/<name>.js`). */
export const CHART_READER_FILE = 'content-scripts/content.js';
/** The note inserter, injected only when the clinician inserts (an unlisted script at the build's root). */
export const INSERTER_FILE = 'inserter.js';
/**
 * The EHR adapters loaded on demand (unlisted scripts at the build's root, entrypoints/<id>-adapter.ts),
 * each put only into a frame whose chart reader recognised its EHR.
 */
export const ADAPTER_FILES = { openemr: 'openemr-adapter.js', openmrs: 'openmrs-adapter.js', medplum: 'medplum-adapter.js' } as const;
const REGISTRATION_ID = 'chartside-chart-reader';

/**
 * Registers the chart reader for exactly the enabled sites, in every frame (EHRs show charts in
 * iframes, and rich-text editors put their editable body in about:blank frames).
 * `matchOriginAsFallback` is Chrome's name for reaching those blank frames; Firefox does not know
 * it, so it is sent only where it is understood.
 *
 * Called at every start of the background (the registration persists across them): a registration
 * that already matches is left alone, and one that must change is updated in place. Removing and
 * registering again would leave a moment with no reader registered, and a chart page that loads in
 * it (on a busy computer that moment is long) would never get one.
 */
export async function syncChartReaderRegistration(patterns: readonly string[]): Promise<void> {
  const scripting = browser.scripting as unknown as RegistrationApi;
  const existing = (await scripting.getRegisteredContentScripts({ ids: [REGISTRATION_ID] }).catch(() => [])).find((s) => s.id === REGISTRATION_ID);
  if (patterns.length === 0) {
    if (existing) await scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
    return;
  }
  const script: RegisteredScript = {
    id: REGISTRATION_ID,
    js: [CHART_READER_FILE],
    matches: [...patterns],
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
  if (!import.meta.env.FIREFOX) script.matchOriginAsFallback = true;
  if (!existing) return scripting.registerContentScripts([script]);
  if (sameSet(existing.matches, patterns) && sameSet(existing.js ?? [], script.js)) return;
  await scripting.updateContentScripts([script]);
}

/**
 * Puts the chart reader into a tab that was already open when its site was enabled, or into the
 * frames of a tab where it did not answer (`frameIds`). A second copy in a frame adds nothing: the
 * reader listens once per frame.
 */
export async function injectChartReader(tabId: number, frameIds?: number[]): Promise<void> {
  const target = frameIds ? { tabId, frameIds } : { tabId, allFrames: true };
  await browser.scripting.executeScript({ target, files: [CHART_READER_FILE] as never });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Puts one EHR adapter's script into one frame of a tab (the chart reader there asked for it). */
export async function injectAdapter(tabId: number, frameId: number, adapter: keyof typeof ADAPTER_FILES): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [ADAPTER_FILES[adapter]] as never });
}

interface RegisteredScript {
  id: string;
  js: string[];
  matches: string[];
  allFrames: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
  matchOriginAsFallback?: boolean;
}

interface RegistrationApi {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<RegisteredScript[]>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
}
