/**
 * Whether this browser can record a call tab's sound, and the few words and types the panel needs
 * before the capture code itself (tab-capture.ts, loaded when the clinician asks for the call).
 */

/** This build is Firefox's. (Vitest hands WXT's flag over as the string "false", hence String().) */
export const FIREFOX_BUILD = String(import.meta.env.FIREFOX) === 'true';

export type CallAudioSupport = { supported: true } | { supported: false; reason: string; workaround: string };

export function callAudioSupport(): CallAudioSupport {
  if (FIREFOX_BUILD) {
    return {
      supported: false,
      reason: 'Firefox does not let extensions record another tab’s sound, so the call cannot be included here.',
      workaround: 'Play the call through the computer’s speakers so the microphone hears both sides, or record the visit in Chrome.',
    };
  }
  // A Chromium-based browser (or an organisation's build) can leave tab capture out, or the
  // permission can be missing: then it is this browser, not Firefox, that cannot.
  if (!(globalThis as { chrome?: { tabCapture?: unknown } }).chrome?.tabCapture) {
    return {
      supported: false,
      reason: 'This browser does not let Chartside record another tab’s sound (its tab capture is missing or turned off), so the call cannot be included here.',
      workaround: 'Play the call through the computer’s speakers so the microphone hears both sides, or record the visit in Google Chrome.',
    };
  }
  return { supported: true };
}

export interface CallTab {
  id: number;
  /** undefined where Chartside may not read the tab's title (a site it has no access to). */
  title: string | undefined;
  /** The tab's host, when Chartside may read it. */
  site: string | undefined;
  audible: boolean;
  /** Where the tab sits in its window's tab strip, 1 at the left: the name of a tab with no title known. */
  position: number;
}

/**
 * Tab titles and sites for the Call tab list. Without the `tabs` permission Chrome tells them only
 * for tabs Chartside has site access to, and a call (Doxy.me, Zoom, Teams) is rarely one of them.
 * `tabs` is optional (Chrome build): asked for once, from the clinician's click on Show tab names,
 * never at install, because Chrome words it "Read your browsing history".
 */
export const TAB_NAMES_PERMISSION = { permissions: ['tabs' as const] };

export interface TabNamesAccess {
  /** Whether titles and sites of every tab are known now. */
  granted(): Promise<boolean>;
  /** Asks Chrome (must run inside the click that asked for it); resolves to the answer. */
  request(): Promise<boolean>;
}

/** What the clinician is told when a capture is refused, and what to do next. */
export class CallCaptureError extends Error {
  constructor(
    message: string,
    readonly nextStep: string,
  ) {
    super(message);
    this.name = 'CallCaptureError';
  }
}

/** The tab the combobox starts on: the bound EHR tab when it is the call (it plays sound), else the first tab playing sound, else the bound tab. */
export function defaultCallTab(tabs: readonly CallTab[], boundTabId: number | undefined): number | undefined {
  const bound = tabs.find((t) => t.id === boundTabId);
  if (bound?.audible) return bound.id;
  return tabs.find((t) => t.audible)?.id ?? bound?.id ?? tabs[0]?.id;
}

/** The words for one tab in the combobox. */
export function callTabLabel(tab: CallTab): string {
  const name = tab.title && tab.site ? `${tab.title} — ${tab.site}` : (tab.title ?? tab.site ?? `Tab ${tab.position} from the left`);
  return tab.audible ? `${name} (playing sound)` : name;
}

