import type { ApiErrorInfo } from '@/lib/api/errors';

/**
 * The SOAP Note API's own words about a failure, under our sentence and next step. The vendor does
 * not write them for end users, so they are a detail (for support, or a clinician who wants to know),
 * labelled as the server's, and only ever text.
 */
export function ErrorDetail({ error }: { error: Pick<ApiErrorInfo, 'detail'> | undefined }) {
  const detail = error?.detail?.trim();
  if (!detail) return null;
  return <p class="hint error-detail">The SOAP Note API said: {detail}</p>;
}
