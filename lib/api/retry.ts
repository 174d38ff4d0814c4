import { abortedError, ApiError } from './errors';

export interface RetryNotice<E = unknown> {
  /** The attempt that just failed, counting from 1. */
  attempt: number;
  /** How long we wait before the next attempt. */
  delayMs: number;
  error: E;
}

export interface RetryOptions {
  /** Total attempts, the first included. */
  tries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A `Retry-After` longer than this is not waited out automatically: the error goes to the user,
   * who can retry later (an hour-long wait hidden behind a spinner helps no one).
   */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  /** Injected for tests; returns [0, 1). */
  random?: () => number;
  /** Injected for tests; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Whether an attempt's failure may be repeated automatically; default `safeToRepeat(error, 'free')`. */
  shouldRetry?: (error: unknown) => boolean;
  onRetry?: (notice: RetryNotice) => void;
}

export const RETRY_DEFAULTS = {
  tries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000,
} as const;

/** A timer that gives up (with an `aborted` ApiError) the moment `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * What a request costs when the server takes it. `billed`: it makes a note (POST /v1/note, the stream,
 * an upload), so a second copy the server also takes is a second bill. `free`: reading a status, a
 * note, the specialty list, checking the key.
 */
export type RequestCost = 'billed' | 'free';

/**
 * Whether a failed attempt may be sent again without asking. Anything may be repeated when the server
 * asked for it later: a 429 with `Retry-After` (a 429 without one is a used-up balance or daily
 * limit, which no retry fixes). A free request may also be repeated after whatever the error calls
 * retryable (a lost connection, a timeout, a 5xx). A billed one only after what the server provably did
 * not take: a 503 (it said it is not serving) or a request that never left (`unsent`). A timeout, a
 * lost connection or a 500 says nothing about whether the server is already making the note, and a
 * browser cannot tell a refused connection from one dropped after the body went, so those are not
 * repeated: the user decides, told that it may bill again (`isAmbiguousFailure`).
 */
export function safeToRepeat(error: unknown, cost: RequestCost): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind === 'aborted') return false;
  if (error.status === 429) return error.retryAfterMs !== undefined;
  if (cost === 'free') return error.retryable;
  return error.status === 503 || (error.kind === 'network' && error.unsent);
}

// Failures that leave the server's side unknown; the others are answers that say it did not make a note
// (a 4xx, a 503) or were never sent (our own checks, a cancel before sending counts as the user's choice).
const AMBIGUOUS_KINDS: ReadonlySet<ApiError['kind']> = new Set(['network', 'timeout', 'server', 'unavailable', 'bad_response', 'stream', 'unknown']);

/** After a billed request failed like this, the server may have made (and billed) the note anyway. */
export function isAmbiguousFailure(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.mayHaveBilled) return true;
  if (error.unsent || error.status === 503 || error.status === 429) return false;
  return AMBIGUOUS_KINDS.has(error.kind);
}

function defaultShouldRetry(error: unknown): boolean {
  return safeToRepeat(error, 'free');
}

/**
 * Exponential backoff with full jitter: before retry n the wait is random() × min(max, base × 2^(n−1)),
 * so clients that failed together do not come back together. A server's `Retry-After` is a floor.
 */
export function backoffDelay(
  attempt: number,
  opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {},
): number {
  const base = opts.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const max = opts.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Runs `fn` until it succeeds, it throws something not worth retrying, the attempts run out, or
 * `signal` aborts (then the `aborted` ApiError is thrown, whatever `fn` threw).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const tries = Math.max(1, Math.floor(opts.tries ?? RETRY_DEFAULTS.tries));
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  const sleep = opts.sleep ?? abortableSleep;
  const shouldRetry = opts.shouldRetry ?? defaultShouldRetry;
  const { signal } = opts;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortedError();
    try {
      return await fn(attempt);
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      if (attempt >= tries) throw error;
      if (!shouldRetry(error)) throw error;
      const retryAfterMs = error instanceof ApiError ? error.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
      const delayMs = Math.max(backoffDelay(attempt, opts), retryAfterMs ?? 0);
      opts.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
      if (signal?.aborted) throw abortedError();
    }
  }
}
