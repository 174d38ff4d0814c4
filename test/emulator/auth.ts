/** API-key checks: the same key shape the vendor issues, plus keys a test has revoked. */

export const KEY_PATTERN = /^snapi_sk_(test|live)_[A-Za-z0-9_]{8,}$/;

export type AuthResult =
  | { ok: true; key: string }
  | { ok: false; status: 401 | 403; code: string; message: string };

/** Checks an `Authorization` header value against the key format and the revoked keys. */
export function checkAuthorization(header: string | undefined, revoked: ReadonlySet<string>): AuthResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const key = match?.[1];
  if (!key || !KEY_PATTERN.test(key)) {
    return { ok: false, status: 401, code: 'AUTHENTICATION_ERROR', message: 'The API key is missing or invalid.' };
  }
  if (revoked.has(key)) {
    return {
      ok: false,
      status: 403,
      code: 'AUTHORIZATION_ERROR',
      message: 'The API key has been revoked. Create a new key in the dashboard.',
    };
  }
  return { ok: true, key };
}

/** What the request log keeps of an `Authorization` header: the scheme and the key's public prefix only. */
export function redactAuthorization(header: string): string {
  const match = /^(Bearer\s+)?(snapi_sk_(?:test|live)_)/i.exec(header);
  if (match) return `${match[1] ?? ''}${match[2]}…`;
  return /^Bearer\s/i.test(header) ? 'Bearer …' : '…';
}
