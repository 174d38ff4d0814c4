import type { ApiErrorInfo } from '@/lib/api/errors';
import type { LocalProblem } from '@/lib/panel/panel-store';
import { retryButtonLabel } from '@/lib/panel/retry-label';
import { ErrorDetail } from './ErrorDetail';

export interface ErrorAlertProps {
  problem?: LocalProblem;
  error?: ApiErrorInfo;
  /** The stream ended early: what arrived is kept and can be regenerated. */
  incomplete?: { reason: 'stream-cut' | 'worker-restarted' | undefined };
  /**
   * The failed job was turning a stored recording into a note: its retry sends the same recording
   * again (`Retry`), shown only when that can help; the transcript's `Try again` is not offered.
   */
  recording?: { canRetry: boolean };
  onOpenSettings(): void;
  onRetry(): void;
}

// A note another key made is fetched by saving that key, so settings is where to go then too.
const SETTINGS_KINDS = new Set(['auth', 'revoked', 'forbidden']);

/** Every error the panel shows, in plain words with the next step. Rendered only when there is one. */
export function ErrorAlert({ problem, error, incomplete, recording, onOpenSettings, onRetry }: ErrorAlertProps) {
  if (!problem && !error && !incomplete) return null;
  if (problem) {
    return (
      <div role="alert" class="alert">
        <p>{problem.message}</p>
        <p>{problem.nextStep}</p>
      </div>
    );
  }
  const heading = incomplete
    ? incomplete.reason === 'worker-restarted'
      ? 'The note stopped before it was finished: Chartside was restarted by the browser.'
      : 'The note stopped before it was finished: the connection to the SOAP Note API was cut.'
    : undefined;
  return (
    <div role="alert" class="alert">
      {heading && <p>{heading}</p>}
      {error && <p>{error.message}</p>}
      {error && <p>{error.nextStep}</p>}
      <ErrorDetail error={error} />
      {incomplete && <p>What arrived is kept below and marked incomplete. Regenerate to get the whole note.</p>}
      {recording?.canRetry && error && !/recording is kept/i.test(error.nextStep) && (
        <p>The recording is kept: press {retryButtonLabel('Retry', error)} to send it again.</p>
      )}
      <div class="actions">
        {error && SETTINGS_KINDS.has(error.kind) && (
          <button type="button" onClick={onOpenSettings}>
            Open settings
          </button>
        )}
        {recording
          ? recording.canRetry && (
              <button type="button" onClick={onRetry}>
                {retryButtonLabel('Retry', error)}
              </button>
            )
          : (incomplete || error?.retryable) && (
              <button type="button" onClick={onRetry}>
                {incomplete ? 'Regenerate' : retryButtonLabel('Try again', error)}
              </button>
            )}
      </div>
    </div>
  );
}
