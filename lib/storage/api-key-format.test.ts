import { describe, expect, it } from 'vitest';
import { checkApiKeyFormat, maskApiKey } from './api-key-format';

const TEST_KEY = 'snapi_sk_test_Ab3dEf6hIj9k';
const LIVE_KEY = 'snapi_sk_live_Zy_x-W9v8u7T6s5R';

describe('checkApiKeyFormat', () => {
  it('recognises test and live keys', () => {
    expect(checkApiKeyFormat(TEST_KEY)).toEqual({ ok: true, kind: 'test' });
    expect(checkApiKeyFormat(LIVE_KEY)).toEqual({ ok: true, kind: 'live' });
  });

  it('ignores whitespace around a pasted key', () => {
    expect(checkApiKeyFormat(`  ${LIVE_KEY}\n`)).toEqual({ ok: true, kind: 'live' });
    expect(checkApiKeyFormat(`\t${TEST_KEY} `)).toEqual({ ok: true, kind: 'test' });
  });

  it('refuses an empty or blank input, saying what a key looks like', () => {
    for (const input of ['', '   ', '\n\t']) {
      const result = checkApiKeyFormat(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/Paste your API key/);
    }
  });

  it('refuses a wrong prefix', () => {
    for (const input of [
      'sk_test_Ab3dEf6hIj9k',
      'snapi_pk_test_Ab3dEf6hIj9k',
      'snapi_sk_prod_Ab3dEf6hIj9k',
      'SNAPI_SK_TEST_Ab3dEf6hIj9k',
      'Bearer snapi_sk_test_Ab3dEf6hIj9k',
      'xsnapi_sk_test_Ab3dEf6hIj9k',
    ]) {
      const result = checkApiKeyFormat(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/does not look like/);
    }
  });

  it('refuses a key whose secret part is shorter than 8 characters or has odd characters', () => {
    expect(checkApiKeyFormat('snapi_sk_test_1234567').ok).toBe(false);
    expect(checkApiKeyFormat('snapi_sk_test_').ok).toBe(false);
    expect(checkApiKeyFormat('snapi_sk_test_12345678')).toEqual({ ok: true, kind: 'test' });
    expect(checkApiKeyFormat('snapi_sk_test_1234 5678').ok).toBe(false);
    expect(checkApiKeyFormat('snapi_sk_test_12345678!').ok).toBe(false);
  });

  it('never echoes the input in its message', () => {
    const result = checkApiKeyFormat('snapi_sk_prod_SECRETVALUE123');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toContain('SECRETVALUE');
  });
});

describe('maskApiKey', () => {
  function secretPart(key: string): string {
    return key.replace(/^snapi_sk_(test|live)_/, '');
  }

  it('shows the kind and the last four characters only', () => {
    expect(maskApiKey(TEST_KEY)).toBe('snapi_sk_test_••••Ij9k');
    expect(maskApiKey(LIVE_KEY)).toBe('snapi_sk_live_••••6s5R');
  });

  it('never contains more than the last four characters of the secret part', () => {
    for (const key of [TEST_KEY, LIVE_KEY, 'snapi_sk_test_12345678', `snapi_sk_live_${'a1B2'.repeat(16)}`]) {
      const masked = maskApiKey(key);
      const secret = secretPart(key);
      // Any 5 consecutive characters of the secret would be a leak.
      for (let i = 0; i + 5 <= secret.length; i++) {
        expect(masked, key).not.toContain(secret.slice(i, i + 5));
      }
      expect(masked.endsWith(secret.slice(-4))).toBe(true);
    }
  });

  it('masks a key that does not match the format without revealing its prefix-less body', () => {
    const masked = maskApiKey('sk-proj-abcdefghijklmnop');
    expect(masked).toBe('••••mnop');
    expect(masked).not.toContain('abcdefghijkl');
  });
});
