import { describe, expect, it } from 'vitest';
import {
  abortedError,
  ApiError,
  ApiErrorInfoSchema,
  badResponseError,
  errorFromResponse,
  errorFromStreamPayload,
  fromErrorInfo,
  mayHaveBilledError,
  networkError,
  parseRetryAfter,
  summarizeDetails,
  timeoutError,
  toErrorInfo,
} from './errors';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function errorBody(code: string, message: string, details: unknown = {}) {
  return { error: { code, message, details } };
}

describe('errorFromResponse: the contract’s table', () => {
  it.each([
    [400, 'VALIDATION_ERROR', 'validation', false, /did not accept the request/],
    [401, 'AUTHENTICATION_ERROR', 'auth', false, /missing or invalid/],
    [403, 'AUTHORIZATION_ERROR', 'revoked', false, /revoked/],
    [404, 'NOT_FOUND', 'not_found', false, /could not find/],
    [405, 'METHOD_NOT_ALLOWED', 'method_not_allowed', false, /bug in Chartside/],
    [409, 'CONFLICT', 'conflict', false, /conflict/],
    [429, 'INSUFFICIENT_BALANCE', 'balance', false, /balance/],
    [500, 'INTERNAL_ERROR', 'server', true, /internal error/],
    [503, 'SERVICE_UNAVAILABLE', 'unavailable', true, /temporarily unavailable/],
  ] as const)('%i %s → %s', async (status, code, kind, retryable, message) => {
    const error = await errorFromResponse(jsonResponse(status, errorBody(code, 'Server says so.')));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind, status, code, retryable, serverMessage: 'Server says so.' });
    expect(error.message).toMatch(message);
    expect(error.nextStep).not.toBe('');
  });

  it('gives the documented next steps', async () => {
    expect((await errorFromResponse(jsonResponse(401, {}))).nextStep).toBe('Check the API key in Chartside settings.');
    expect((await errorFromResponse(jsonResponse(403, {}))).nextStep).toBe(
      'Your key was revoked: create a new key in the SOAP Note API dashboard and save it in settings.',
    );
    expect((await errorFromResponse(jsonResponse(429, {}))).nextStep).toBe(
      'Add funds in the SOAP Note API dashboard, or wait until tomorrow if you use a test key (10 requests a day).',
    );
    expect((await errorFromResponse(jsonResponse(500, {}))).nextStep).toMatch(/try again/i);
  });

  it('treats 502 and 504 like 503', async () => {
    for (const status of [502, 504]) {
      const error = await errorFromResponse(new Response('<html>Bad gateway</html>', { status }));
      expect(error).toMatchObject({ kind: 'unavailable', retryable: true, status });
    }
  });

  it('decides by status before code', async () => {
    const error = await errorFromResponse(jsonResponse(401, errorBody('INTERNAL_ERROR', 'odd')));
    expect(error.kind).toBe('auth');
  });

  it('matches codes case-insensitively when the status is not in the table', async () => {
    expect((await errorFromResponse(jsonResponse(418, errorBody('invalid_api_key', 'x')))).kind).toBe('auth');
    expect((await errorFromResponse(jsonResponse(418, errorBody('INVALID_API_KEY', 'x')))).kind).toBe('auth');
    expect((await errorFromResponse(jsonResponse(418, errorBody('Insufficient_Balance', 'x')))).kind).toBe('balance');
    expect((await errorFromResponse(jsonResponse(418, errorBody('validation_error', 'x')))).kind).toBe('validation');
  });

  it('copes with a body that is not JSON, never showing its text', async () => {
    const error = await errorFromResponse(
      new Response('<html><body>Internal proxy error: secret stack</body></html>', { status: 500, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(error).toMatchObject({ kind: 'server', retryable: true, status: 500 });
    expect(error.serverMessage).toBeUndefined();
    expect(error.message).not.toMatch(/proxy|stack/);
  });

  it('copes with an empty body and with {error: "text"}', async () => {
    expect((await errorFromResponse(new Response(null, { status: 401 }))).kind).toBe('auth');
    const error = await errorFromResponse(jsonResponse(400, { error: 'transcript is required' }));
    expect(error.message).toBe('The SOAP Note API did not accept the request: transcript is required.');
  });

  it('shows a 400’s message and summarises its details', async () => {
    const error = await errorFromResponse(
      jsonResponse(
        400,
        errorBody('VALIDATION_ERROR', 'Invalid request.', {
          fields: [
            { field: 'transcript', message: 'must be at least 50 characters', received: 'the patient said something private' },
            { path: ['context', 'patient_info', 'age'], message: 'must be a number' },
          ],
        }),
      ),
    );
    expect(error.message).toBe(
      'The SOAP Note API did not accept the request: Invalid request. transcript: must be at least 50 characters; context.patient_info.age: must be a number.',
    );
    expect(error.message).not.toMatch(/private/);
  });

  it('uses the details alone when there is no message', async () => {
    const error = await errorFromResponse(jsonResponse(400, { error: { code: 'VALIDATION_ERROR', details: { specialty: 'is not a known specialty' } } }));
    expect(error.message).toBe('The SOAP Note API did not accept the request: specialty: is not a known specialty.');
  });

  it('never repeats an API key the server echoed', async () => {
    const error = await errorFromResponse(
      jsonResponse(400, errorBody('VALIDATION_ERROR', 'Key snapi_sk_test_abc123XYZ is malformed (Bearer snapi_sk_test_abc123XYZ)')),
    );
    expect(error.message).not.toMatch(/abc123/);
    expect(error.serverMessage).not.toMatch(/abc123/);
  });

  it('ignores a server message so long it may be an echo of the request', async () => {
    const error = await errorFromResponse(jsonResponse(400, errorBody('VALIDATION_ERROR', 'x'.repeat(1000))));
    expect(error.serverMessage).toBeUndefined();
    expect(error.message).toMatch(/check the transcript/);
  });

  it('uses the caller’s wording for a 404', async () => {
    const error = await errorFromResponse(jsonResponse(404, errorBody('NOT_FOUND', 'nope')), { notFoundMessage: 'The note expired.' });
    expect(error.message).toBe('The note expired.');
  });

  it('maps other statuses sensibly', async () => {
    expect((await errorFromResponse(new Response('', { status: 413 }))).message).toMatch(/too large/);
    expect((await errorFromResponse(new Response('', { status: 408 }))).kind).toBe('timeout');
    expect((await errorFromResponse(new Response('', { status: 501 }))).kind).toBe('server');
    expect((await errorFromResponse(new Response('', { status: 418 }))).kind).toBe('validation');
  });
});

describe('Retry-After', () => {
  it('parses seconds', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(parseRetryAfter('1.5')).toBe(1500);
  });

  it('parses an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
  });

  it('is carried on the error, and mentioned on a 429', async () => {
    const error = await errorFromResponse(jsonResponse(429, errorBody('INSUFFICIENT_BALANCE', 'x'), { 'Retry-After': '300' }));
    expect(error).toMatchObject({ kind: 'balance', retryable: false, retryAfterMs: 300_000 });
    expect(error.message).toMatch(/about 5 minutes/);
    const unavailable = await errorFromResponse(jsonResponse(503, {}, { 'Retry-After': '2' }));
    expect(unavailable.retryAfterMs).toBe(2000);
  });
});

describe('errorFromStreamPayload', () => {
  it('reads the documented shape', () => {
    const error = errorFromStreamPayload(errorBody('INTERNAL_ERROR', 'Generation failed'));
    expect(error).toMatchObject({ kind: 'server', code: 'INTERNAL_ERROR', serverMessage: 'Generation failed' });
  });

  it('keeps a recognised code’s wording', () => {
    expect(errorFromStreamPayload({ error: { code: 'insufficient_balance' } }).kind).toBe('balance');
  });

  it('reads {error: "text"} and {code, message} as stream errors', () => {
    const text = errorFromStreamPayload({ error: 'model overloaded' });
    expect(text).toMatchObject({ kind: 'stream', serverMessage: 'model overloaded' });
    expect(text.message).toBe('The SOAP Note API stopped while writing the note: model overloaded.');
    expect(errorFromStreamPayload({ code: 'weird', message: 'hm' })).toMatchObject({ kind: 'stream', code: 'weird' });
    expect(errorFromStreamPayload('garbage').kind).toBe('stream');
  });
});

describe('local errors', () => {
  it('have their own kinds and plain words', () => {
    expect(networkError(new TypeError('Failed to fetch'))).toMatchObject({
      kind: 'network',
      retryable: true,
      nextStep: 'Check your connection and try again.',
    });
    expect(timeoutError()).toMatchObject({ kind: 'timeout', retryable: true });
    expect(abortedError()).toMatchObject({ kind: 'aborted', retryable: false });
    const bad = badResponseError('a note');
    expect(bad).toMatchObject({ kind: 'bad_response', retryable: false });
    expect(bad.message).toMatch(/expected a note/);
  });
});

describe('summarizeDetails', () => {
  it('handles a map, a list, and nothing', () => {
    expect(summarizeDetails({ transcript: ['is too short'] })).toBe('transcript: is too short');
    expect(summarizeDetails([{ message: 'a' }, { message: 'b' }, { message: 'c' }, { message: 'd' }])).toBe('a; b; c');
    expect(summarizeDetails({})).toBeUndefined();
    expect(summarizeDetails(undefined)).toBeUndefined();
  });

  it('never includes submitted values', () => {
    expect(summarizeDetails({ value: 'the transcript text', received: 'more text' })).toBeUndefined();
  });
});

describe('toErrorInfo', () => {
  it('copies an ApiError into a plain object the schema accepts', async () => {
    const error = await errorFromResponse(jsonResponse(429, errorBody('INSUFFICIENT_BALANCE', 'x'), { 'Retry-After': '60' }));
    const info = toErrorInfo(error);
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(ApiErrorInfoSchema.parse(info)).toEqual(info);
    expect(info).toEqual({
      kind: 'balance',
      status: 429,
      code: 'INSUFFICIENT_BALANCE',
      message: error.message,
      nextStep: error.nextStep,
      retryable: false,
      retryAfterMs: 60_000,
    });
  });

  it('does not leak the text of unknown errors', () => {
    const info = toErrorInfo(new Error('Transcript: patient John Smith reports…'));
    expect(info.kind).toBe('unknown');
    expect(JSON.stringify(info)).not.toMatch(/John/);
    expect(toErrorInfo('a string').kind).toBe('unknown');
    expect(toErrorInfo(undefined).kind).toBe('unknown');
  });

  it('recognises a DOM abort', () => {
    expect(toErrorInfo(new DOMException('stop', 'AbortError')).kind).toBe('aborted');
    expect(toErrorInfo(new DOMException('slow', 'TimeoutError')).kind).toBe('timeout');
  });

  it('carries "may have billed" to the panel, and only when it is so', () => {
    const info = toErrorInfo(mayHaveBilledError(timeoutError()));
    expect(ApiErrorInfoSchema.parse(info)).toEqual(info);
    expect(info).toMatchObject({ kind: 'timeout', retryable: true, mayHaveBilled: true });
    expect(info.message).toBe('The SOAP Note API took too long to answer. The API may have made the note anyway, and billed for it.');
    expect(mayHaveBilledError(networkError()).message).toBe(
      'The connection to the SOAP Note API failed before its answer arrived. The API may have made the note anyway, and billed for it.',
    );
    expect(fromErrorInfo(info).mayHaveBilled).toBe(true);
    expect(toErrorInfo(timeoutError())).not.toHaveProperty('mayHaveBilled');
  });

  it('round-trips through fromErrorInfo', () => {
    const info = toErrorInfo(networkError());
    const again = fromErrorInfo(info);
    expect(again).toBeInstanceOf(ApiError);
    expect(toErrorInfo(again)).toEqual(info);
  });
});
