/**
 * Whether this browser can record a call tab's sound, and the few words and types the panel needs
 * before the capture code itself (tab-capture.ts, loaded when the clinician asks for the call).
 */

/** This build is Firefox's. (Vitest hands WXT's flag over as the string "false", hence String().) */
export const FIREFOX_BUILD = String(import.meta.env.FIREFOX) === 'true';

export type CallAudioSupport = { supported: true } | { supported: false; reason: string; workaround: string };

export function callAudioSupport(): CallAudioSupport {
  if (FIREFOX_BUILD || !(globalThis as { chrome?: { tabCapture?: unknown } }).chrome?.tabCapture) {
    return {
      supported: false,
      reason: 'Firefox does not let extensions record another tab’s sound, so the call cannot be included here.',
      workaround: 'Play the call through the computer’s speakers so the microphone hears both sides, or record the visit in Chrome.',
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
  const name = tab.title && tab.site ? `${tab.title} — ${tab.site}` : (tab.title ?? tab.site ?? `Tab ${tab.id}`);
  return tab.audible ? `${name} (playing sound)` : name;
}

