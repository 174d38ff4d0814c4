import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { afterPollFailure, jobIdOfPollAlarm, pollAlarmName, pollDelayMs } from './audio-polling';

const error = (kind: ApiError['kind'], extra: { retryable?: boolean; retryAfterMs?: number } = {}) =>
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
    expect(afterPollFailure(error('balance'), 1, 0)).toEqual({ kind: 'give-up' });
    expect(afterPollFailure(new Error('bug'), 1, 0)).toEqual({ kind: 'give-up' });
    expect(afterPollFailure(error('network', { retryable: true }), 8, 0)).toEqual({ kind: 'give-up' });
  });
});

describe('poll alarms', () => {
  it('name one alarm per job and read the job back', () => {
    expect(jobIdOfPollAlarm(pollAlarmName('abc'))).toBe('abc');
    expect(jobIdOfPollAlarm('something-else')).toBeUndefined();
  });
});
