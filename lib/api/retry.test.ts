import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, networkError, offlineError, timeoutError, type ApiErrorInit } from './errors';
import { abortableSleep, backoffDelay, isAmbiguousFailure, safeToRepeat, withRetry, type RetryNotice } from './retry';

function serverError(retryAfterMs?: number): ApiError {
  return new ApiError({
    kind: 'server',
    message: 'The SOAP Note API had an internal error.',
    nextStep: 'Try again.',
    retryable: true,
    status: 500,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function apiError(init: Partial<ApiErrorInit> & Pick<ApiErrorInit, 'kind'>): ApiError {
  return new ApiError({ message: 'Failed.', nextStep: 'Do something.', ...init });
}

function clientError(): ApiError {
  return new ApiError({ kind: 'validation', message: 'Bad.', nextStep: 'Fix it.', status: 400 });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('uses full jitter under an exponential ceiling', () => {
    expect(backoffDelay(1, { random: () => 0 })).toBe(0);
    expect(backoffDelay(1, { random: () => 0.999999 })).toBe(499);
    expect(backoffDelay(2, { random: () => 0.5 })).toBe(500);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(1000);
    expect(backoffDelay(10, { random: () => 0.5 })).toBe(4000); // capped at 8000
    expect(backoffDelay(2, { random: () => 0.5, baseDelayMs: 100, maxDelayMs: 150 })).toBe(75);
  });

  it('stays within [0, ceiling) for any random value', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const delay = backoffDelay(attempt, { random: () => r });
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(8000, 500 * 2 ** (attempt - 1)));
      }
    }
  });

  it('with the real Math.random, waits differ from client to client and stay under the ceiling', () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const ceiling = Math.min(8000, 500 * 2 ** (attempt - 1));
      const delays = Array.from({ length: 200 }, () => backoffDelay(attempt));
      for (const d of delays) {
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
      // Clients that failed together spread out: many distinct waits, over most of the range.
      expect(new Set(delays).size).toBeGreaterThan(50);
      expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(ceiling / 2);
    }
  });
});

describe('withRetry', () => {
  it('returns the first success without waiting', async () => {
    const fn = vi.fn(async () => 'ok');
    await expect(withRetry(fn)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith(1);
  });

  it('retries retryable errors after jittered delays, then succeeds', async () => {
    const fn = vi
      .fn<(attempt: number) => Promise<string>>()
      .mockRejectedValueOnce(serverError())
      .mockRejectedValueOnce(networkError())
      .mockResolvedValueOnce('ok');
    const notices: RetryNotice[] = [];
    const promise = withRetry(fn, { random: () => 0.5, onRetry: (n) => notices.push(n) });

    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(249);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1); // 0.5 × 500
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(500); // 0.5 × 1000
    await expect(promise).resolves.toBe('ok');
    expect(fn.mock.calls.map((c) => c[0])).toEqual([1, 2, 3]);
    expect(notices.map((n) => [n.attempt, n.delayMs, (n.error as ApiError).kind])).toEqual([
      [1, 250, 'server'],
      [2, 500, 'network'],
    ]);
  });

  it('makes at most 3 attempts by default, then throws the last error', async () => {
    const last = serverError();
    const fn = vi.fn<() => Promise<never>>().mockRejectedValueOnce(serverError()).mockRejectedValueOnce(serverError()).mockRejectedValueOnce(last);
    const promise = withRetry(fn, { random: () => 1 });
    const outcome = expect(promise).rejects.toBe(last);
    await vi.runAllTimersAsync();
    await outcome;
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('honours a different number of tries', async () => {
    const fn = vi.fn(async () => {
      throw serverError();
    });
    const outcome = expect(withRetry(fn, { tries: 5, random: () => 0 })).rejects.toBeInstanceOf(ApiError);
    await vi.runAllTimersAsync();
    await outcome;
    expect(fn).toHaveBeenCalledTimes(5);
  });

  it('by default never retries a non-retryable ApiError (4xx)', async () => {
    const error = clientError();
    const fn = vi.fn(async () => {
      throw error;
    });
    await expect(withRetry(fn)).rejects.toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('leaves the decision to shouldRetry when given one (a billed request refuses a 500)', async () => {
    const error = serverError();
    const fn = vi.fn(async () => {
      throw error;
    });
    await expect(withRetry(fn, { shouldRetry: (e) => safeToRepeat(e, 'billed') })).rejects.toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('repeats a 429 that says when to come back, after that wait, even though the error is not retryable', async () => {
    const limited = apiError({ kind: 'balance', status: 429, retryAfterMs: 3000 });
    const fn = vi.fn<() => Promise<string>>().mockRejectedValueOnce(limited).mockResolvedValueOnce('ok');
    const promise = withRetry(fn, { random: () => 0, shouldRetry: (e) => safeToRepeat(e, 'billed') });
    await vi.advanceTimersByTimeAsync(2999);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('does not retry errors that are not ApiErrors unless told to', async () => {
    const bug = new TypeError('x is undefined');
    const fn = vi.fn(async () => {
      throw bug;
    });
    await expect(withRetry(fn)).rejects.toBe(bug);
    expect(fn).toHaveBeenCalledTimes(1);

    const fn2 = vi.fn<() => Promise<string>>().mockRejectedValueOnce(bug).mockResolvedValueOnce('ok');
    const promise = withRetry(fn2, { shouldRetry: (e) => e instanceof TypeError, random: () => 0 });
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toBe('ok');
  });

  it('waits at least Retry-After, even when the backoff is shorter', async () => {
    const fn = vi.fn<() => Promise<string>>().mockRejectedValueOnce(serverError(5000)).mockResolvedValueOnce('ok');
    const notices: RetryNotice[] = [];
    const promise = withRetry(fn, { random: () => 0, onRetry: (n) => notices.push(n) });
    await vi.advanceTimersByTimeAsync(4999);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe('ok');
    expect(notices[0]?.delayMs).toBe(5000);
  });

  it('gives up at once when Retry-After is longer than it is willing to wait', async () => {
    const error = serverError(3_600_000);
    const fn = vi.fn(async () => {
      throw error;
    });
    await expect(withRetry(fn)).rejects.toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when aborted, with an aborted error', async () => {
    const controller = new AbortController();
    const fn = vi.fn(async () => {
      throw serverError();
    });
    const promise = withRetry(fn, { signal: controller.signal, random: () => 1 });
    const outcome = expect(promise).rejects.toMatchObject({ kind: 'aborted' });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await outcome;
    expect(fn).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start when already aborted, and reports aborted over the attempt’s own error', async () => {
    const controller = new AbortController();
    controller.abort();
    const fn = vi.fn(async () => 'ok');
    await expect(withRetry(fn, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(fn).not.toHaveBeenCalled();

    const c2 = new AbortController();
    const fn2 = vi.fn(async () => {
      c2.abort();
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    await expect(withRetry(fn2, { signal: c2.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('uses an injected sleep', async () => {
    vi.useRealTimers();
    const sleep = vi.fn(async () => {});
    const fn = vi.fn<() => Promise<string>>().mockRejectedValueOnce(serverError()).mockResolvedValueOnce('ok');
    await expect(withRetry(fn, { sleep, random: () => 0.5, baseDelayMs: 100 })).resolves.toBe('ok');
    expect(sleep).toHaveBeenCalledWith(50, undefined);
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    const done = vi.fn();
    void abortableSleep(1000).then(done);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
  });

  it('rejects at once if already aborted', async () => {
    await expect(abortableSleep(1000, AbortSignal.abort())).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('safeToRepeat and isAmbiguousFailure: never billed twice for one press', () => {
  const http = (status: number, kind: ApiErrorInit['kind'], retryable: boolean, retryAfterMs?: number) =>
    apiError({ kind, status, retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  // name, error, repeated automatically when billed, when free, ambiguous for a billed request
  const cases: Array<[string, ApiError, boolean, boolean, boolean]> = [
    ['a lost or refused connection (fetch TypeError)', networkError(new TypeError('Failed to fetch')), false, true, true],
    ['a request made while the browser was offline', offlineError(new TypeError('Failed to fetch')), true, true, false],
    ['a timeout', timeoutError(), false, true, true],
    ['a 500', http(500, 'server', true), false, true, true],
    ['a 502 from a gateway', http(502, 'unavailable', true), false, true, true],
    ['a 504 from a gateway', http(504, 'unavailable', true), false, true, true],
    ['a 503', http(503, 'unavailable', true), true, true, false],
    ['a 503 with Retry-After', http(503, 'unavailable', true, 2000), true, true, false],
    ['a 429 with Retry-After', http(429, 'balance', false, 2000), true, true, false],
    ['a 429 without Retry-After (balance or daily limit)', http(429, 'balance', false), false, false, false],
    ['a 400', http(400, 'validation', false), false, false, false],
    ['a 401', http(401, 'auth', false), false, false, false],
    ['an unreadable 200 (the server made something)', apiError({ kind: 'bad_response' }), false, false, true],
    ['a cancel', apiError({ kind: 'aborted' }), false, false, false],
  ];
  it.each(cases)('%s', (_name, error, billed, free, ambiguous) => {
    expect(safeToRepeat(error, 'billed')).toBe(billed);
    expect(safeToRepeat(error, 'free')).toBe(free);
    expect(isAmbiguousFailure(error)).toBe(ambiguous);
  });

  it('never repeats what is not an ApiError, and counts it as ambiguous', () => {
    expect(safeToRepeat(new TypeError('x'), 'free')).toBe(false);
    expect(safeToRepeat(new TypeError('x'), 'billed')).toBe(false);
    expect(isAmbiguousFailure(new TypeError('x'))).toBe(true);
  });
});
