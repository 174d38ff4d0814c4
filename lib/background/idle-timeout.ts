import type { z } from 'zod/mini';
import type { IdleCheckOutcomeSchema } from '../messaging/request-background';
import { idleTimeRanOut } from '../storage/activity';

/**
 * The idle timeout's rule: patient data goes once `minutes` of wall-clock time have passed since
 * the clinician last used Chartside. Checked by an alarm every minute, when the worker starts, when
 * a panel is shown or focused, and on every activity a panel reports, so a computer waking from
 * sleep, or a worker the browser stopped, never keeps data past its time for long.
 */
export interface IdleTimeoutDeps {
  now(): number;
  /** The clinician's choice in the options page. */
  timeoutMinutes(): Promise<number>;
  lastActivity(): Promise<number | undefined>;
  saveLastActivity(at: number): Promise<void>;
  /** The panel's "was cleared" notice has been seen: the clinician is back at work. */
  removeNotice(): Promise<void>;
  /** Work that must not be cleared under: a recording being recorded, a note still being made. */
  busy(): Promise<boolean>;
  /** Forgets patient data (told to open pages before and after), leaving a notice for the panel. */
  forget(minutes: number, now: number): Promise<void>;
}

/**
 * - `started`: no clock yet (a new browser session, or just after a clear): it starts now.
 * - `kept`: the time has not run out.
 * - `busy`: it ran out, but a recording or a job is under way; that counts as activity.
 * - `cleared`: patient data was forgotten, and the clock starts again on an empty panel.
 */
export type IdleCheckOutcome = z.infer<typeof IdleCheckOutcomeSchema>;

export interface IdleTimeout {
  check(): Promise<IdleCheckOutcome>;
  /** The clinician used a panel. Time already run out is not given back: the data goes first. */
  activity(): Promise<IdleCheckOutcome>;
}

export function createIdleTimeout(deps: IdleTimeoutDeps): IdleTimeout {
  // The alarm, a panel's focus and a click can arrive together: one check at a time, so two of them
  // never both decide to clear (and reload every panel twice).
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function check(): Promise<IdleCheckOutcome> {
    const now = deps.now();
    const last = await deps.lastActivity();
    if (last === undefined) {
      await deps.saveLastActivity(now);
      return 'started';
    }
    const minutes = await deps.timeoutMinutes();
    if (!idleTimeRanOut(last, now, minutes)) return 'kept';
    if (await deps.busy()) {
      // A long recording, or a 202 recording the API takes 40 minutes over, is the visit going on:
      // the clock restarts, so its note gets the full timeout to be read once it arrives.
      await deps.saveLastActivity(now);
      return 'busy';
    }
    await deps.forget(minutes, now);
    await deps.saveLastActivity(now);
    return 'cleared';
  }

  return {
    check: () => serially(check),
    activity: () =>
      serially(async () => {
        const outcome = await check();
        if (outcome === 'cleared') return outcome;
        await deps.saveLastActivity(deps.now());
        await deps.removeNotice();
        return outcome;
      }),
  };
}
