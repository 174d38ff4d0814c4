import { describe, expect, it } from 'vitest';
import type { ApiErrorInfo } from '../api/errors';
import { retryButtonLabel } from './retry-label';

const timeout: ApiErrorInfo = { kind: 'timeout', message: 'The SOAP Note API took too long to answer.', nextStep: 'Try again.', retryable: true };

describe('retryButtonLabel', () => {
  it('keeps the usual names when the failure billed nothing', () => {
    expect(retryButtonLabel('Try again', timeout)).toBe('Try again');
    expect(retryButtonLabel('Retry', { ...timeout, mayHaveBilled: false })).toBe('Retry');
    expect(retryButtonLabel('Regenerate', undefined)).toBe('Regenerate');
  });

  it('says that pressing it may bill again when the API may already have made the note', () => {
    expect(retryButtonLabel('Try again', { ...timeout, mayHaveBilled: true })).toBe('Try again (may bill again)');
    expect(retryButtonLabel('Retry', { ...timeout, mayHaveBilled: true })).toBe('Retry (may bill again)');
  });
});
