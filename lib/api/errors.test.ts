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
  templateRefusedError,
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
    expect(error).toMatchObject({ kind, status, code, retryable, serverMessage: 'Server says so.', detail: 'Server says so.' });
    expect(error.message).toMatch(message);
    // The vendor does not write `error.message` for end users: it is a detail line, never our sentence.
    expect(error.message).not.toContain('Server says so');
    expect(error.nextStep).not.toBe('');
  });

  it('gives the documented next steps', async () => {
    expect((await errorFromResponse(jsonResponse(401, {}))).nextStep).toBe('Check the API key in Chartside settings.');
    expect((await errorFromResponse(jsonResponse(403, errorBody('AUTHORIZATION_ERROR', 'Revoked.')))).nextStep).toBe(
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

  it('decides by the code before the status, as the vendor says', async () => {
    // A gateway wrapping the API's own answer in a status of its own.
    const validation = await errorFromResponse(jsonResponse(500, errorBody('VALIDATION_ERROR', 'transcript is required')));
    expect(validation).toMatchObject({ kind: 'validation', status: 500, retryable: false });
    const balance = await errorFromResponse(jsonResponse(403, errorBody('INSUFFICIENT_BALANCE', 'Add funds.')));
    expect(balance).toMatchObject({ kind: 'balance', retryable: false });
    const server = await errorFromResponse(jsonResponse(400, errorBody('internal_error', 'oops')));
    expect(server).toMatchObject({ kind: 'server', retryable: true });
    const gone = await errorFromResponse(jsonResponse(500, errorBody('NOT_FOUND', 'Note expired.')), { notFoundMessage: 'The note expired.' });
    expect(gone).toMatchObject({ kind: 'not_found', message: 'The note expired.' });
  });

  it('falls back to the status when the code is missing or unknown', async () => {
    expect((await errorFromResponse(jsonResponse(401, errorBody('HTTP_401', 'odd')))).kind).toBe('auth');
    expect((await errorFromResponse(jsonResponse(429, { error: { message: 'slow down' } }))).kind).toBe('balance');
    expect((await errorFromResponse(jsonResponse(503, errorBody('SOMETHING_NEW', 'x')))).kind).toBe('unavailable');
  });

  it('tells a note the key does not own from a revoked key', async () => {
    for (const code of ['FORBIDDEN', 'NOT_OWNER', 'not_owned', 'access_denied']) {
      const error = await errorFromResponse(jsonResponse(403, errorBody(code, 'You do not own this note.')));
      expect(error).toMatchObject({ kind: 'forbidden', status: 403, retryable: false });
      expect(error.message).toMatch(/belongs to another key/);
      expect(error.message).not.toMatch(/revoked/);
      expect(error.nextStep).toMatch(/API key that made it/);
    }
    const revoked = await errorFromResponse(jsonResponse(403, errorBody('AUTHORIZATION_ERROR', 'The API key has been revoked.')));
    expect(revoked).toMatchObject({ kind: 'revoked' });
    expect(revoked.message).toBe('The SOAP Note API refused the API key: it was revoked.');
  });

  it('does not call a 403 without a code a revoked key for certain', async () => {
    const error = await errorFromResponse(new Response('', { status: 403 }));
    expect(error.kind).toBe('revoked');
    expect(error.message).toMatch(/revoked, or it may not reach this note/);
    expect(error.nextStep).toMatch(/If your key was revoked/);
    expect(error.nextStep).toMatch(/made with another key/);
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
    expect(error.detail).toBeUndefined();
    expect(error.message).not.toMatch(/proxy|stack/);
  });

  it('copes with an empty body and with {error: "text"}', async () => {
    expect((await errorFromResponse(new Response(null, { status: 401 }))).kind).toBe('auth');
    const error = await errorFromResponse(jsonResponse(400, { error: 'transcript is required' }));
    expect(error.message).toBe('The SOAP Note API did not accept the request: check the transcript (at least 50 characters) and the specialty.');
    expect(error.detail).toBe('transcript is required.');
  });

  it('names a 400’s fields in our words, and keeps the server’s own text for the detail line', async () => {
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
    expect(error.message).toBe('The SOAP Note API did not accept the transcript and the patient’s age.');
    expect(error.nextStep).toBe('Correct it, or uncheck it under Patient context, and try again.');
    expect(error.detail).toBe('Invalid request. transcript: must be at least 50 characters; context.patient_info.age: must be a number.');
    expect(`${error.message} ${error.detail}`).not.toMatch(/private/);
  });

  it('names the field of the emulator’s and other common detail shapes', async () => {
    const named = async (details: unknown) => (await errorFromResponse(jsonResponse(400, { error: { code: 'VALIDATION_ERROR', details } }))).message;
    expect(await named({ specialty: 'is not a known specialty' })).toBe('The SOAP Note API did not accept the specialty.');
    expect(await named({ field: 'context.patient_info.age', issue: 'not_a_positive_integer' })).toBe('The SOAP Note API did not accept the patient’s age.');
    expect(await named([{ loc: ['body', 'context', 'chat_messages', 1, 'role'], msg: 'must be patient or provider' }])).toBe(
      'The SOAP Note API did not accept who wrote portal message 2.',
    );
    expect(await named({ errors: [{ path: 'visits[0].visit_date', message: 'must be YYYY-MM-DD' }] })).toBe('The SOAP Note API did not accept the date of visit 1.');
    expect(await named({ field: 'metadata.context.patient_info.age' })).toBe('The SOAP Note API did not accept the patient’s age.');
    // A field Chartside never sends is not guessed at.
    expect(await named({ field: 'frobnicate', issue: 'x' })).toMatch(/did not accept the request: check the transcript/);
  });

  it('never repeats an API key the server echoed', async () => {
    const error = await errorFromResponse(
      jsonResponse(400, errorBody('VALIDATION_ERROR', 'Key snapi_sk_test_abc123XYZ is malformed (Bearer snapi_sk_test_abc123XYZ)')),
    );
    expect(error.message).not.toMatch(/abc123/);
    expect(error.serverMessage).not.toMatch(/abc123/);
    expect(error.detail).not.toMatch(/abc123/);
    expect(error.detail).toMatch(/\[hidden key\]/);
  });

  it('ignores a server message so long it may be an echo of the request', async () => {
    const error = await errorFromResponse(jsonResponse(400, errorBody('VALIDATION_ERROR', 'x'.repeat(1000))));
    expect(error.serverMessage).toBeUndefined();
    expect(error.detail).toBeUndefined();
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

describe('templateRefusedError', () => {
  it('names the template by the clinician’s name and its id when they have named it, else by its id', () => {
    expect(templateRefusedError('missing-brief', { status: 404 }, 'Brief follow-up').message).toBe(
      'The SOAP Note API does not know the template “Brief follow-up” (missing-brief), so no note was made. Chartside did not use another template instead.',
    );
    expect(templateRefusedError('missing-brief', { status: 404 }).message).toContain('the template “missing-brief”, so no note');
    // A name that is the id, or blank, says the id once.
    expect(templateRefusedError('missing-brief', {}, 'missing-brief').message).toContain('the template “missing-brief”, so no note');
    expect(templateRefusedError('missing-brief', {}, '  ').message).toContain('the template “missing-brief”, so no note');
  });

  it('errorFromResponse says the name it is given', async () => {
    const error = await errorFromResponse(jsonResponse(404, errorBody('TEMPLATE_NOT_FOUND', 'Template not found')), { template: 'missing-brief', templateName: 'Brief follow-up' });
    expect(error.message).toContain('“Brief follow-up” (missing-brief)');
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

  it('reads a status the payload carries when its code says nothing', () => {
    expect(errorFromStreamPayload({ error: { code: 'ERR', message: 'later', status: 429 } })).toMatchObject({ kind: 'balance', status: 429 });
    expect(errorFromStreamPayload({ error: { code: 'NOT_OWNER', status: 500 } }).kind).toBe('forbidden');
  });

  it('reads {error: "text"} and {code, message} as stream errors', () => {
    const text = errorFromStreamPayload({ error: 'model overloaded' });
    expect(text).toMatchObject({ kind: 'stream', serverMessage: 'model overloaded', detail: 'model overloaded.' });
    expect(text.message).toBe('The SOAP Note API stopped while writing the note.');
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
      detail: 'x.',
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
