import type { ApiErrorInfo } from '@/lib/api/errors';
import type { LocalMessage } from '@/lib/panel/visit-history-store';
import { ErrorDetail } from './ErrorDetail';

// A note another key made is fetched by saving that key, so settings is where to go then too.
const SETTINGS_KINDS = new Set(['auth', 'revoked', 'forbidden']);

/** An error of the visit-history or note-history feature, with what to do next. */
export function HistoryAlert({ error, onOpenSettings, onRetry }: { error: ApiErrorInfo | LocalMessage; onOpenSettings(): void; onRetry?: () => void }) {
  const info = 'kind' in error ? error : undefined;
  return (
    <div role="alert" class="alert">
      <p>{error.message}</p>
      <p>{error.nextStep}</p>
      {info && <ErrorDetail error={info} />}
      {info && (SETTINGS_KINDS.has(info.kind) || (info.retryable && onRetry)) && (
        <div class="actions">
          {SETTINGS_KINDS.has(info.kind) && (
            <button type="button" onClick={onOpenSettings}>
              Open settings
            </button>
          )}
          {info.retryable && onRetry && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      )}
    </div>
  );
}
