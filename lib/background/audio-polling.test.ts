import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { afterPollFailure, isRequestLimit, jobIdOfPollAlarm, limitDelayMs, pollAlarmName, pollDelayMs } from './audio-polling';

const error = (kind: ApiError['kind'], extra: { retryable?: boolean; retryAfterMs?: number; status?: number } = {}) =>
  new ApiError({ kind, message: 'm', nextStep: 'n', ...extra });

describe('pollDelayMs', () => {
  it('doubles from 2 s and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => pollDelayMs(n))).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });
});

describe('afterPollFailure', () => {
  it('waits out what the client itself would retry, with backoff, and honours a longer Retry-After', () => {
    expect(afterPollFailure(error('unavailable', { retryable: true }), 1, 0)).toEqual({ kind: 'wait', delayMs: 4000 });
    expect(afterPollFailure(error('network', { retryable: true }), 2, 3)).toEqual({ kind: 'wait', delayMs: 30000 });
    expect(afterPollFailure(error('unavailable', { retryable: true, retryAfterMs: 90_000 }), 1, 0)).toEqual({ kind: 'wait', delayMs: 90_000 });
    expect(afterPollFailure(error('balance', { retryAfterMs: 60_000 }), 1, 0)).toEqual({ kind: 'wait', delayMs: 60_000 });
  });

  it('asks again after an answer it could not read, up to the same limit', () => {
    expect(afterPollFailure(error('bad_response'), 1, 1)).toEqual({ kind: 'wait', delayMs: 8000 });
    expect(afterPollFailure(error('bad_response'), 8, 1)).toEqual({ kind: 'give-up' });
  });

  it('gives up on what asking again cannot fix, and after too many failures in a row', () => {
    expect(afterPollFailure(error('not_found'), 1, 0)).toEqual({ kind: 'give-up' });
    expect(afterPollFailure(error('auth'), 1, 0)).toEqual({ kind: 'give-up' });
    expect(afterPollFailure(new Error('bug'), 1, 0)).toEqual({ kind: 'give-up' });
    expect(afterPollFailure(error('network', { retryable: true }), 8, 0)).toEqual({ kind: 'give-up' });
  });
});

describe('a check refused by the key’s request limit (429 without Retry-After)', () => {
  const limit = error('balance', { status: 429 });

  it('is told apart from a 429 that says when to come back', () => {
    expect(isRequestLimit(limit)).toBe(true);
    expect(isRequestLimit(error('balance', { status: 429, retryAfterMs: 5000 }))).toBe(false);
    expect(isRequestLimit(error('unavailable', { status: 503, retryable: true }))).toBe(false);
  });

  it('backs off from 1 minute, doubling to 30 minutes, and never gives the job up', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => limitDelayMs(n))).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000]);
    expect(afterPollFailure(limit, 1, 0, undefined, 1)).toEqual({ kind: 'limited', delayMs: 60_000 });
    expect(afterPollFailure(limit, 1, 0, undefined, 3)).toEqual({ kind: 'limited', delayMs: 240_000 });
    // However many failures came before: the limit is not the job failing.
    expect(afterPollFailure(limit, 50, 9, undefined, 40)).toEqual({ kind: 'limited', delayMs: 1_800_000 });
  });
});

describe('poll alarms', () => {
  it('name one alarm per job and read the job back', () => {
    expect(jobIdOfPollAlarm(pollAlarmName('abc'))).toBe('abc');
    expect(jobIdOfPollAlarm('something-else')).toBeUndefined();
  });
});
