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
  /** Consulted for errors that are not ApiErrors, and for retryable ApiErrors; a non-retryable ApiError is never retried. */
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

function defaultShouldRetry(error: unknown): boolean {
  return error instanceof ApiError && error.retryable;
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
      if (error instanceof ApiError && !error.retryable) throw error;
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
