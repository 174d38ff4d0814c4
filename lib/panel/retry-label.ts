import type { ApiErrorInfo } from '../api/errors';

/**
 * The name of the error alert's retry button. `Retry` sends a stored recording again, `Try again` the
 * transcript, `Regenerate` asks again for a note cut short. When the failed request may have made a
 * note the server bills for (a timeout, a lost connection, a 500), the button says that pressing it may
 * bill again: the clinician decides knowing the cost.
 */
export function retryButtonLabel(base: 'Retry' | 'Try again' | 'Regenerate', error: Pick<ApiErrorInfo, 'mayHaveBilled'> | undefined): string {
  return error?.mayHaveBilled ? `${base} (may bill again)` : base;
}
