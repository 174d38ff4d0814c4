/** The two kinds of SOAP Note API key: test keys generate real notes but only 10 requests a day. */
export type ApiKeyKind = 'test' | 'live';

const KEY_PATTERN = /^snapi_sk_(test|live)_[A-Za-z0-9_-]{8,}$/;

export type ApiKeyCheck = { ok: true; kind: ApiKeyKind } | { ok: false; message: string };

export function checkApiKeyFormat(input: string): ApiKeyCheck {
  const key = input.trim();
  if (!key) return { ok: false, message: 'Paste your API key. It starts with snapi_sk_test_ or snapi_sk_live_.' };
  const match = KEY_PATTERN.exec(key);
  if (!match) {
    return {
      ok: false,
      message: 'That does not look like a SOAP Note API key. Keys start with snapi_sk_test_ or snapi_sk_live_ followed by letters and numbers; copy it again from the dashboard.',
    };
  }
  return { ok: true, kind: match[1] as ApiKeyKind };
}

/** What may be shown of a saved key: its kind and last four characters, never the rest. */
export function maskApiKey(key: string): string {
  const check = checkApiKeyFormat(key);
  const prefix = check.ok ? `snapi_sk_${check.kind}_` : '';
  return `${prefix}••••${key.slice(-4)}`;
}
