import { ApiError } from '../api/errors';

/**
 * When to ask again whether a long recording's note is ready (GET /v1/audio/status/:noteId).
 *
 * Doubling from 2 s up to 30 s: a recording just over the 30-minute line is usually done within a
 * minute or two, a 4-hour one takes far longer, and neither should cost a request a second. A
 * status check is free but not cheap for the server, so a failed one is waited out the same way,
 * longer if the server said `Retry-After`, and the job gives up only after several in a row.
 */
export interface PollOptions {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failed status checks in a row (each already retried by the client) before the job ends in error. */
  maxFailures: number;
  /** The first wait after a check refused by the key's request limit (a 429 without `Retry-After`). */
  limitFirstDelayMs: number;
  /** The longest such wait. */
  limitMaxDelayMs: number;
}

export const POLL_DEFAULTS: PollOptions = {
  firstDelayMs: 2_000,
  maxDelayMs: 30_000,
  maxFailures: 8,
  limitFirstDelayMs: 60_000,
  limitMaxDelayMs: 30 * 60_000,
};

/** The wait before the next check, after `done` checks were answered (0 → the first check, 2 s after the upload). */
export function pollDelayMs(done: number, options: PollOptions = POLL_DEFAULTS): number {
  const doubled = options.firstDelayMs * 2 ** Math.min(Math.max(0, done), 20);
  return Math.min(options.maxDelayMs, doubled);
}

/**
 * `wait`: a failed check, counted towards `maxFailures`. `limited`: the key's request limit refused the
 * check; the job is fine and is never given up for it: checks are spaced out instead (1 min doubling
 * to 30 min), until the limit lifts or the server says the note is gone. `give-up`: the job ends in error.
 */
export type AfterPollFailure = { kind: 'wait'; delayMs: number } | { kind: 'limited'; delayMs: number } | { kind: 'give-up' };

/**
 * A 429 that does not say when to come back: a test key's daily limit (10 requests) or a used-up
 * balance. A long recording's status checks can hit it while the recording is still being transcribed.
 */
export function isRequestLimit(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 429 || error.kind === 'balance') && error.retryAfterMs === undefined;
}

/** The wait after the n-th check in a row (from 1) the request limit refused. */
export function limitDelayMs(limitedInARow: number, options: PollOptions = POLL_DEFAULTS): number {
  const doubled = options.limitFirstDelayMs * 2 ** Math.min(Math.max(0, limitedInARow - 1), 20);
  return Math.min(options.limitMaxDelayMs, doubled);
}

/**
 * What to do when a status check failed. Worth waiting out: whatever the client itself retries
 * (network, timeout, 500, 503), an answer that could not be read (a garbled or cut-off body says
 * nothing about the job, which is still running on the server: giving up would make the clinician
 * upload, and pay for, the recording again), and a 429 that says when to come back. A 429 that does not
 * is the key's request limit: backed off, never given up for (`limited`). Anything else
 * (the key was refused, the note expired or never existed) will not get better by asking again.
 */
export function afterPollFailure(
  error: unknown,
  failuresInARow: number,
  done: number,
  options: PollOptions = POLL_DEFAULTS,
  /** Checks in a row the request limit refused, this one included. */
  limitedInARow = 1,
): AfterPollFailure {
  if (!(error instanceof ApiError)) return { kind: 'give-up' };
  if (isRequestLimit(error)) return { kind: 'limited', delayMs: limitDelayMs(limitedInARow, options) };
  const worthWaiting = error.retryable || error.kind === 'bad_response' || (error.kind === 'balance' && error.retryAfterMs !== undefined);
  if (!worthWaiting || failuresInARow >= options.maxFailures) return { kind: 'give-up' };
  return { kind: 'wait', delayMs: Math.max(pollDelayMs(done + failuresInARow, options), error.retryAfterMs ?? 0) };
}

// The alarm that wakes a stopped worker when a check is due (named per job).
const ALARM_PREFIX = 'chartside-audio-poll:';

export function pollAlarmName(jobId: string): string {
  return `${ALARM_PREFIX}${jobId}`;
}

export function jobIdOfPollAlarm(name: string): string | undefined {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : undefined;
}
