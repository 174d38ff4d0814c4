/**
 * Tells the background when the clinician uses the panel, so the idle timeout starts again, and
 * asks it to check the timeout when the panel comes back into view (a computer woken from sleep
 * shows the panel before the background's next alarm).
 *
 * Reports are throttled: the first event goes at once, then at most one per `intervalMs`. The idle
 * timeout is minutes long, so a report up to `intervalMs` late costs nothing; one message per
 * keystroke would wake the worker for nothing.
 */
export interface ActivityReporterDeps {
  /** Where the clinician's input arrives (the panel's window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Visibility changes arrive on the document. */
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  report(): void;
  check(): void;
  now(): number;
  intervalMs?: number;
}

export interface ActivityReporter {
  /** Activity that is not a DOM event here (a keyboard shortcut the background forwarded). */
  activity(): void;
  stop(): void;
}

/** What counts as using the panel: pointing, typing, and text arriving in a field (dictation, paste). */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input'] as const;

export function reportActivity(deps: ActivityReporterDeps): ActivityReporter {
  const interval = deps.intervalMs ?? 15_000;
  let lastReport: number | undefined;
  const activity = () => {
    const now = deps.now();
    if (lastReport !== undefined && now - lastReport < interval && now >= lastReport) return;
    lastReport = now;
    deps.report();
  };
  const onVisibility = () => {
    if (deps.document.visibilityState === 'visible') deps.check();
  };
  const onFocus = () => deps.check();
  for (const type of ACTIVITY_EVENTS) deps.target.addEventListener(type, activity, { capture: true, passive: true });
  deps.target.addEventListener('focus', onFocus);
  deps.document.addEventListener('visibilitychange', onVisibility);
  return {
    activity,
    stop() {
      for (const type of ACTIVITY_EVENTS) deps.target.removeEventListener(type, activity, { capture: true });
      deps.target.removeEventListener('focus', onFocus);
      deps.document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
