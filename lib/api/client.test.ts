import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, type ApiClientConfig, type ApiRetryNotice } from './client';
import { ApiError } from './errors';
import type { Note, NoteRequest } from './schemas';
import type { NoteStreamEvent } from './stream-events';

// ---------------------------------------------------------------------------------------------
// A fake fetch: records every request and answers from a queue of handlers.
// ---------------------------------------------------------------------------------------------

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | undefined;
}

type Handler = (call: Call) => Response | Promise<Response>;

function fakeFetch(...handlers: Handler[]) {
  const calls: Call[] = [];
  const queue = [...handlers];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    const handler = queue.shift();
    if (!handler) throw new Error(`unexpected request ${call.method} ${call.url}`);
    return handler(call);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const text =
  (status: number, body: string, contentType = 'text/html'): Handler =>
  () =>
    new Response(body, { status, headers: { 'Content-Type': contentType } });

function bodyFrom(chunks: string[], failAfter = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
      else if (failAfter) controller.error(new TypeError('network connection lost'));
      else controller.close();
    },
  });
}

const sse =
  (chunks: string[], opts: { contentType?: string; failAfter?: boolean } = {}): Handler =>
  () =>
    new Response(bodyFrom(chunks, opts.failAfter), {
      status: 200,
      headers: { 'Content-Type': opts.contentType ?? 'text/event-stream; charset=utf-8' },
    });

/** Never answers; rejects like fetch does when its signal aborts. */
const hang: Handler = (call) =>
  new Promise<Response>((_resolve, reject) => {
    const signal = call.signal;
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** Sends headers at once, then a body that never sends a byte until aborted. */
const silentStream: Handler = (call) => {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      call.signal?.addEventListener('abort', () => controller.error(call.signal?.reason), { once: true });
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
};

const BASE = 'https://api.soapnoteapi.com';
const KEY = 'snapi_sk_test_abc123';

function client(handlers: Handler[], config: Partial<ApiClientConfig> = {}) {
  const server = fakeFetch(...handlers);
  // No waiting between retries unless a test says otherwise.
  const api = createApiClient({ baseUrl: BASE, apiKey: KEY, fetch: server.fetch, retry: { random: () => 0 }, ...config });
  return { api, calls: server.calls, fetch: server.fetch };
}

const transcript = 'Patient presents with headaches since the medication change two weeks ago.';
const request: NoteRequest = { transcript, specialty: 'nurse_practitioner' };

const note: Note = {
  noteId: 'note_1',
  subjective: 'Headaches for two weeks.',
  objective: 'BP 148/92.',
  assessment: '',
  plan: 'Recheck BP in 72 hours.',
  billing_codes: { icd10: [{ code: 'I10', description: 'Essential hypertension' }], cpt: [] },
  billing_codes_disclaimer: 'Verify all codes.',
  expires_at: '2026-06-15T00:00:00Z',
};

async function collect(events: AsyncIterable<NoteStreamEvent>): Promise<NoteStreamEvent[]> {
  const out: NoteStreamEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

async function collectUntilError(events: AsyncIterable<NoteStreamEvent>): Promise<{ events: NoteStreamEvent[]; error: unknown }> {
  const out: NoteStreamEvent[] = [];
  try {
    for await (const ev of events) out.push(ev);
  } catch (error) {
    return { events: out, error };
  }
  return { events: out, error: undefined };
}

const noteAsEvents: NoteStreamEvent[] = [
  { type: 'section', section: 'subjective', content: 'Headaches for two weeks.', mode: 'append' },
  { type: 'section', section: 'objective', content: 'BP 148/92.', mode: 'append' },
  { type: 'section', section: 'plan', content: 'Recheck BP in 72 hours.', mode: 'append' },
  { type: 'extra', key: 'noteId', value: 'note_1' },
  { type: 'extra', key: 'billing_codes', value: note.billing_codes },
  { type: 'extra', key: 'billing_codes_disclaimer', value: 'Verify all codes.' },
  { type: 'extra', key: 'expires_at', value: '2026-06-15T00:00:00Z' },
  { type: 'done' },
];

afterEach(() => {
  vi.useRealTimers();
});

// ---------------------------------------------------------------------------------------------

describe('every request', () => {
  it('carries the key as a bearer token, JSON headers where JSON, and joins the base URL safely', async () => {
    const { api, calls } = client([json(200, note), json(200, { noteId: 'a/b', status: 'completed' })], {
      baseUrl: ' https://proxy.example.org/soapnote/ ',
    });
    await api.generateNote(request);
    await api.getNote('a/b');

    expect(calls[0]?.url).toBe('https://proxy.example.org/soapnote/v1/note');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.headers.get('accept')).toBe('application/json');

    expect(calls[1]?.url).toBe('https://proxy.example.org/soapnote/v1/note/a%2Fb');
    expect(calls[1]?.method).toBe('GET');
    expect(calls[1]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(calls[1]?.headers.has('content-type')).toBe(false);
  });

  it('refuses to send without a key, or with a base URL that is not one', async () => {
    const noKey = client([], { apiKey: '  ' });
    await expect(noKey.api.generateNote(request)).rejects.toMatchObject({ kind: 'auth' });
    const pasted = client([], { apiKey: 'snapi_sk_test_abc 123' });
    await expect(pasted.api.checkKey()).rejects.toMatchObject({ kind: 'auth' });
    const badUrl = client([], { baseUrl: 'api.soapnoteapi.com' });
    await expect(badUrl.api.listSpecialties()).rejects.toMatchObject({ kind: 'network', retryable: false });
    expect(noKey.calls).toHaveLength(0);
    expect(badUrl.calls).toHaveLength(0);
  });

  it('uses the global fetch when none is given', async () => {
    const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(['physician'])));
    const api = createApiClient({ baseUrl: BASE, apiKey: KEY });
    await expect(api.listSpecialties()).resolves.toEqual([{ id: 'physician', label: 'Physician' }]);
    expect(spy).toHaveBeenCalledOnce();
  });
});

describe('generateNote', () => {
  it('posts only the documented, known fields and parses the note', async () => {
    const { api, calls } = client([json(200, { ...note, surprise: true })]);
    const sent = {
      ...request,
      template: '',
      include_patient_summary: false,
      include_billing_codes: true,
      context: { patient_info: { name: 'John Smith', allergies: [] } },
      shorthand_notes: 'old alias',
    } as NoteRequest;
    const result = await api.generateNote(sent);
    expect(result).toMatchObject(note);
    expect(JSON.parse(String(calls[0]?.body))).toEqual({
      transcript,
      specialty: 'nurse_practitioner',
      include_billing_codes: true,
      context: { patient_info: { name: 'John Smith' } },
    });
  });

  it('checks the transcript length before sending anything', async () => {
    const { api, calls } = client([]);
    const error = await api.generateNote({ transcript: 'short', specialty: 'physician' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation' });
    expect((error as ApiError).message).toMatch(/at least 50 characters/);
    expect(calls).toHaveLength(0);
  });

  it('retries only what the server did not take (a 503, a request made offline), then succeeds', async () => {
    const notices: ApiRetryNotice[] = [];
    const onRetry = vi.fn((n: ApiRetryNotice) => notices.push(n));
    const lost = () => Promise.reject(new TypeError('Failed to fetch'));
    const offline = client([json(503, {}), lost, json(200, note)], { onRetry, isOffline: () => true });
    const perCall = vi.fn();
    await expect(offline.api.generateNote(request, { onRetry: perCall })).resolves.toMatchObject({ noteId: 'note_1' });
    expect(offline.calls).toHaveLength(3);
    expect(notices.map((n) => n.error.kind)).toEqual(['unavailable', 'network']);
    expect(notices[1]?.error.message).toMatch(/offline/);
    expect(perCall).toHaveBeenCalledTimes(2);

    // Online, the same failed fetch may have come after the whole request went: not repeated.
    const online = client([json(503, {}), lost, json(200, note)], { isOffline: () => false });
    await expect(online.api.generateNote(request)).rejects.toMatchObject({ kind: 'network', mayHaveBilled: true });
    expect(online.calls).toHaveLength(2);
  });

  it.each([
    ['a 500', json(500, { error: { code: 'INTERNAL_ERROR' } }), 'server', /internal error/],
    ['a 502', json(502, {}), 'unavailable', /temporarily unavailable/],
    ['a 504', json(504, {}), 'unavailable', /temporarily unavailable/],
    ['a connection lost before any answer', () => Promise.reject(new TypeError('Failed to fetch')), 'network', /connection to the SOAP Note API failed before its answer/],
    ['an unreadable 200', text(200, '{"noteId": "n', 'application/json'), 'bad_response', /could not read/],
  ] as Array<[string, Handler, string, RegExp]>)(
    'does not repeat %s: the server may have made the note, and the error says so',
    async (_name, first, kind, words) => {
      const { api, calls } = client([first, json(200, note)]);
      const error = (await api.generateNote(request).catch((e: unknown) => e)) as ApiError;
      expect(calls).toHaveLength(1);
      expect(error).toMatchObject({ kind, mayHaveBilled: true });
      expect(error.message).toMatch(words);
      expect(error.message).toMatch(/may have made the note anyway, and billed for it/);
      expect(error.nextStep).toMatch(/A second try may be billed as a second note\.$/);
    },
  );

  it('repeats a 429 that says when to come back; a 429 without Retry-After is not repeated and bills nothing', async () => {
    vi.useFakeTimers();
    const { api, calls } = client([json(429, {}, { 'Retry-After': '2' }), json(200, note)]);
    const pending = api.generateNote(request);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ noteId: 'note_1' });

    const limit = client([json(429, { error: { code: 'INSUFFICIENT_BALANCE' } }), json(200, note)]);
    const error = (await limit.api.generateNote(request).catch((e: unknown) => e)) as ApiError;
    expect(limit.calls).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'balance', mayHaveBilled: false });
  });

  it('gives up after 3 attempts with the last error', async () => {
    const { api, calls } = client([json(503, {}), json(503, {}), json(503, {}), json(200, note)]);
    await expect(api.generateNote(request)).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    expect(calls).toHaveLength(3);
  });

  it.each([400, 401, 403, 429])('does not retry %i', async (status) => {
    const { api, calls } = client([json(status, { error: { message: 'no' } }), json(200, note)]);
    await expect(api.generateNote(request)).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it('turns an unreadable body into bad_response', async () => {
    const truncated = client([text(200, '{"noteId": "n', 'application/json')]);
    await expect(truncated.api.generateNote(request)).rejects.toMatchObject({ kind: 'bad_response' });
    const wrongShape = client([json(200, { hello: 'world' })]);
    await expect(wrongShape.api.generateNote(request)).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('reads a JSON note even when it is labelled text/html', async () => {
    const { api } = client([text(200, JSON.stringify(note), 'text/html; charset=utf-8')]);
    await expect(api.generateNote(request)).resolves.toMatchObject({ noteId: 'note_1' });
  });
});

describe('streamNote', () => {
  it('asks for an event stream and yields the decoder’s events', async () => {
    const { api, calls } = client([
      sse([
        ': keep-alive\n\n',
        'data: {"section":"subjective","content":"Headaches"}\n\n',
        'data: {"section":"plan","content":"Rest."}\n\ndata: [DONE]\n\n',
      ]),
    ]);
    const events = await collect(api.streamNote(request));
    expect(calls[0]?.url).toBe(`${BASE}/v1/stream/note`);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.get('accept')).toBe('text/event-stream');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.body))).toEqual(request);
    expect(events).toEqual([
      { type: 'section', section: 'subjective', content: 'Headaches', mode: 'auto' },
      { type: 'section', section: 'plan', content: 'Rest.', mode: 'auto' },
      { type: 'done' },
    ]);
  });

  it('passes an error event from inside the stream through', async () => {
    const { api } = client([
      sse(['data: {"section":"subjective","content":"Head"}\n\n', 'event: error\ndata: {"error":{"code":"INTERNAL_ERROR","message":"boom"}}\n\n']),
    ]);
    const events = await collect(api.streamNote(request));
    expect(events[1]).toMatchObject({ type: 'error', error: { kind: 'server', serverMessage: 'boom' } });
  });

  it.each([404, 405])('falls back to POST /v1/note when the stream endpoint answers %i', async (status) => {
    const { api, calls } = client([json(status, { error: { code: 'NOT_FOUND' } }), json(200, note)]);
    const events = await collect(api.streamNote(request));
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual(['POST /v1/stream/note', 'POST /v1/note']);
    expect(JSON.parse(String(calls[1]?.body))).toEqual(request);
    expect(events).toEqual(noteAsEvents);
  });

  it.each([
    [404, { error: { code: 'TEMPLATE_NOT_FOUND', message: 'Template "soap-brief" not found' } }],
    [400, { error: { code: 'VALIDATION_ERROR', message: 'Invalid request', details: [{ field: 'template', message: 'Unknown template' }] } }],
  ])('a %i about the template names it, and nothing is made another way (no fallback, no other template)', async (status, body) => {
    const { api, calls } = client([json(status, body), json(200, note)]);
    await expect(collect(api.streamNote({ ...request, template: 'soap-brief' }))).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('does not know the template “soap-brief”') });
    expect(calls).toHaveLength(1);
    // The whole-note route says the same.
    const whole = client([json(status, body)]);
    await expect(whole.api.generateNote({ ...request, template: 'soap-brief' })).rejects.toMatchObject({ message: expect.stringMatching(/template “soap-brief”.*did not use another template/) });
  });

  it('a refused template is named as the clinician named it in the note’s specialty, beside its id; unnamed there, by its id alone', async () => {
    const body = { error: { code: 'TEMPLATE_NOT_FOUND', message: 'Template "missing-brief" not found' } };
    const templateName = (id: string, specialty: string) => (id === 'missing-brief' && specialty === 'nurse_practitioner' ? 'Brief follow-up' : undefined);
    const named = client([json(404, body)], { templateName });
    await expect(collect(named.api.streamNote({ ...request, template: 'missing-brief' }))).rejects.toMatchObject({
      kind: 'validation',
      message: 'The SOAP Note API does not know the template “Brief follow-up” (missing-brief), so no note was made. Chartside did not use another template instead.',
    });
    const whole = client([json(404, body)], { templateName });
    await expect(whole.api.generateNote({ ...request, template: 'missing-brief' })).rejects.toMatchObject({ message: expect.stringContaining('“Brief follow-up” (missing-brief)') });
    // Another specialty's note: the clinician has not named the id there.
    const other = client([json(404, body)], { templateName });
    await expect(other.api.generateNote({ ...request, specialty: 'physician', template: 'missing-brief' })).rejects.toMatchObject({ message: expect.stringContaining('the template “missing-brief”, so no note') });
  });

  it('reads the whole JSON note when the stream endpoint answers with one (a buffering proxy)', async () => {
    const { api, calls } = client([json(200, { ...note, transcript })]);
    const events = await collect(api.streamNote(request));
    expect(calls).toHaveLength(1);
    expect(events.at(-2)).toEqual({ type: 'extra', key: 'transcript', value: transcript });
    expect(events.filter((e) => e.type === 'section')).toHaveLength(3);
    expect(events.at(-1)).toEqual({ type: 'done' });
  });

  it('decodes an event stream that arrives with the wrong content type', async () => {
    const { api, calls } = client([
      sse(['data: {"section":"subjective","content":"Headaches"}\n\n', 'data: [DONE]\n\n'], { contentType: 'text/html; charset=utf-8' }),
    ]);
    const events = await collect(api.streamNote(request));
    expect(calls).toHaveLength(1);
    expect(events).toEqual([{ type: 'section', section: 'subjective', content: 'Headaches', mode: 'auto' }, { type: 'done' }]);
  });

  it('falls back to POST /v1/note when the answer is neither a stream nor a note', async () => {
    const { api, calls } = client([text(200, '<html>Proxy says hello</html>'), json(200, note)]);
    const events = await collect(api.streamNote(request));
    expect(calls).toHaveLength(2);
    expect(events).toEqual(noteAsEvents);
  });

  it('throws an error body sent with 200 instead of a stream', async () => {
    const { api } = client([json(200, { error: { code: 'INSUFFICIENT_BALANCE', message: 'Add funds' } })]);
    await expect(collect(api.streamNote(request))).rejects.toMatchObject({ kind: 'balance' });
  });

  it('retries a 503 or a request made offline before the stream starts', async () => {
    const onRetry = vi.fn();
    const { api, calls } = client(
      [
        json(503, {}),
        () => Promise.reject(new TypeError('fetch failed')),
        sse(['data: {"content":"Subjective:\\nHeadaches"}\n\ndata: [DONE]\n\n']),
      ],
      { isOffline: () => true },
    );
    const events = await collect(api.streamNote(request, { onRetry }));
    expect(calls).toHaveLength(3);
    expect(onRetry).toHaveBeenCalledTimes(2);
    expect(events.at(-1)).toEqual({ type: 'done' });
    expect(events.some((e) => e.type === 'section' && e.section === 'subjective')).toBe(true);
  });

  it.each([
    ['a 500', json(500, {})],
    ['a connection lost before any answer', () => Promise.reject(new TypeError('Failed to fetch'))],
    // The answer's headers came: the server took the request and was writing the note.
    ['a stream cut after its headers, before any event', sse([], { failAfter: true })],
  ] as Array<[string, Handler]>)('does not repeat %s: the note may exist and be billed', async (_name, first) => {
    const { api, calls } = client([first, sse(['data: [DONE]\n\n'])]);
    const error = (await collect(api.streamNote(request)).catch((e: unknown) => e)) as ApiError;
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ mayHaveBilled: true, retryable: true });
    expect(error.message).toMatch(/may have made the note anyway/);
  });

  it('applies the same rule to its fallback, POST /v1/note', async () => {
    const { api, calls } = client([json(404, {}), json(500, {}), json(200, note)]);
    await expect(collect(api.streamNote(request))).rejects.toMatchObject({ kind: 'server', mayHaveBilled: true });
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/v1/stream/note`, `${BASE}/v1/note`]);
  });

  it('never retries once output has been yielded', async () => {
    const { api, calls } = client([
      sse(['data: {"section":"subjective","content":"Headaches"}\n\n'], { failAfter: true }),
      sse(['data: [DONE]\n\n']),
    ]);
    const { events, error } = await collectUntilError(api.streamNote(request));
    expect(events).toEqual([{ type: 'section', section: 'subjective', content: 'Headaches', mode: 'auto' }]);
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as ApiError).message).toMatch(/lost while the note was being written/);
    expect(calls).toHaveLength(1);
  });

  it('does not retry a 401, and throws it', async () => {
    const { api, calls } = client([json(401, { error: { code: 'invalid_api_key' } })]);
    await expect(collect(api.streamNote(request))).rejects.toMatchObject({ kind: 'auth' });
    expect(calls).toHaveLength(1);
  });

  it('checks the request before sending', async () => {
    const { api, calls } = client([]);
    await expect(collect(api.streamNote({ transcript: 'short', specialty: 'physician' }))).rejects.toMatchObject({
      kind: 'validation',
    });
    expect(calls).toHaveLength(0);
  });

  it('closes the connection when the caller stops reading early', async () => {
    const { api, calls } = client([sse(['data: {"section":"subjective","content":"A"}\n\n', 'data: {"section":"plan","content":"B"}\n\n'])]);
    for await (const ev of api.streamNote(request)) {
      expect(ev.type).toBe('section');
      break;
    }
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('reports a cancel by the caller as aborted, mid-stream too', async () => {
    const controller = new AbortController();
    const { api } = client([silentStream]);
    const pending = collect(api.streamNote(request, { signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('times out waiting for the first byte, and does not send it again: the server may be writing it', async () => {
    vi.useFakeTimers();
    const { api, calls } = client([silentStream, silentStream], {
      firstByteTimeoutMs: 1000,
      retry: { random: () => 0, tries: 2 },
    });
    const outcome = expect(collect(api.streamNote(request))).rejects.toMatchObject({ kind: 'timeout', retryable: true, mayHaveBilled: true });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
    expect(calls).toHaveLength(1);
  });

  it('has no timer once the stream has started (long generations are fine)', async () => {
    vi.useFakeTimers();
    let push: ((chunk: string) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const encoder = new TextEncoder();
        controller.enqueue(encoder.encode(': hello\n\n'));
        push = (chunk) => {
          controller.enqueue(encoder.encode(chunk));
          if (chunk.includes('[DONE]')) controller.close();
        };
      },
    });
    const { api } = client([() => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })], {
      firstByteTimeoutMs: 1000,
    });
    const pending = collect(api.streamNote(request));
    await vi.advanceTimersByTimeAsync(10_000);
    push?.('data: {"section":"plan","content":"Rest."}\n\ndata: [DONE]\n\n');
    await expect(pending).resolves.toEqual([{ type: 'section', section: 'plan', content: 'Rest.', mode: 'auto' }, { type: 'done' }]);
  });
});

describe('uploadAudio', () => {
  const audio = new Blob([new Uint8Array(2048)], { type: 'audio/webm' });
  const input = {
    audio,
    filename: 'visit.webm',
    specialty: 'physician',
    template: 'standard',
    context: { patient_info: { name: 'John Smith', age: 45 }, patient_history: 'HTN' },
    include_billing_codes: true,
    include_patient_summary: false,
    custom_instructions: 'Plan as a numbered list.',
    include_icd11: true,
  };

  const everyOption = {
    specialty: 'physician',
    template: 'standard',
    context: {
      patient_info: { name: 'John Smith', age: 45 },
      patient_history: 'HTN',
      custom_instructions: 'Plan as a numbered list.',
    },
    include_billing_codes: true,
    include_icd11: true,
    include_transcript: true,
  };

  it('PUTs the audio and one metadata part holding every option, the transcript asked for', async () => {
    const { api, calls } = client([json(200, note)]);
    const result = await api.uploadAudio(input);
    expect(result).toEqual({ kind: 'note', note: expect.objectContaining({ noteId: 'note_1' }) });

    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.method).toBe('PUT');
    expect(call?.url).toBe(`${BASE}/v1/note/audio`);
    expect(call?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(call?.headers.has('content-type')).toBe(false); // the browser writes the multipart boundary
    const form = call?.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect([...form.keys()]).toEqual(['metadata', 'audio']);
    const file = form.get('audio') as File;
    expect(file.name).toBe('visit.webm');
    expect(file.size).toBe(2048);
    expect(JSON.parse(String(form.get('metadata')))).toEqual(everyOption);
  });

  it('answers a 202 with the receipt', async () => {
    const { api } = client([json(202, { noteId: 'note_9', status: 'processing', message: 'Audio accepted.' })]);
    await expect(api.uploadAudio(input)).resolves.toEqual({
      kind: 'accepted',
      accepted: { noteId: 'note_9', status: 'processing', message: 'Audio accepted.' },
    });
  });

  it('does not repeat the upload as POST when PUT’s 404 is about the template, and names it', async () => {
    const { api, calls } = client([json(404, { error: { code: 'TEMPLATE_NOT_FOUND', message: 'Template not found' } }), json(200, note)]);
    await expect(api.uploadAudio({ ...input, template: 'soap-brief' })).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('“soap-brief”') });
    expect(calls.map((c) => c.method)).toEqual(['PUT']);
  });

  it('a refused template the clinician has named is said by their name and its id, for that specialty', async () => {
    const names = (id: string, specialty: string) => (id === 'soap-brief' && specialty === input.specialty ? 'Brief follow-up' : undefined);
    const { api } = client([json(404, { error: { code: 'TEMPLATE_NOT_FOUND', message: 'Template not found' } })], { templateName: names });
    await expect(api.uploadAudio({ ...input, template: 'soap-brief' })).rejects.toMatchObject({ message: expect.stringContaining('the template “Brief follow-up” (soap-brief), so no note') });
  });

  it.each([404, 405])('repeats the upload once as POST, with plain fields and metadata both, when PUT answers %i', async (status) => {
    const { api, calls } = client([json(status, {}), json(200, note)]);
    await expect(api.uploadAudio(input)).resolves.toMatchObject({ kind: 'note' });
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'POST']);
    expect(calls[1]?.url).toBe(`${BASE}/v1/note/audio`);
    const form = calls[1]?.body as FormData;
    expect([...form.keys()]).toEqual([
      'specialty',
      'template',
      'include_billing_codes',
      'include_icd11',
      'include_transcript',
      'metadata',
      'audio',
    ]);
    expect(form.get('specialty')).toBe('physician');
    expect(form.get('template')).toBe('standard');
    expect(form.get('include_transcript')).toBe('true');
    expect(form.get('include_billing_codes')).toBe('true');
    expect(JSON.parse(String(form.get('metadata')))).toEqual(everyOption);
    expect((form.get('audio') as File).size).toBe(2048);
  });

  it('does not fall back on other refusals', async () => {
    const { api, calls } = client([json(400, { error: { code: 'VALIDATION_ERROR', message: 'bad' } })]);
    await expect(api.uploadAudio(input)).rejects.toMatchObject({ kind: 'validation' });
    expect(calls.map((c) => c.method)).toEqual(['PUT']);
  });

  it('does not try POST a second time, and keeps using POST on a retry', async () => {
    const twice = client([json(404, {}), json(404, {})]);
    await expect(twice.api.uploadAudio(input)).rejects.toMatchObject({ kind: 'not_found' });
    expect(twice.calls.map((c) => c.method)).toEqual(['PUT', 'POST']);

    const retried = client([json(405, {}), json(503, {}), json(200, note)]);
    await expect(retried.api.uploadAudio(input)).resolves.toMatchObject({ kind: 'note' });
    expect(retried.calls.map((c) => c.method)).toEqual(['PUT', 'POST', 'POST']);
  });

  it('repeats an upload only after a 503; a timeout, a lost connection or a 500 is not sent again', async () => {
    const unavailable = client([json(503, {}), json(200, note)]);
    await expect(unavailable.api.uploadAudio(input)).resolves.toMatchObject({ kind: 'note' });
    expect(unavailable.calls).toHaveLength(2);

    for (const first of [json(500, {}), () => Promise.reject(new TypeError('Failed to fetch'))] as Handler[]) {
      const { api, calls } = client([first, json(200, note)]);
      const error = (await api.uploadAudio(input).catch((e: unknown) => e)) as ApiError;
      expect(calls).toHaveLength(1);
      expect(error).toMatchObject({ mayHaveBilled: true });
      expect(error.message).toMatch(/may have made the note anyway/);
    }
  });

  it('watches the job a failed answer still names, instead of failing (a retry would make a second job)', async () => {
    const { api, calls } = client([json(500, { error: { code: 'INTERNAL_ERROR', message: 'Timed out.' }, noteId: 'note_7' })]);
    await expect(api.uploadAudio(input)).resolves.toEqual({ kind: 'accepted', accepted: { noteId: 'note_7', status: 'processing' } });
    expect(calls).toHaveLength(1);
    const nested = client([json(504, { error: { code: 'TIMEOUT', details: { noteId: 'note_8' } } })]);
    await expect(nested.api.uploadAudio(input)).resolves.toMatchObject({ kind: 'accepted', accepted: { noteId: 'note_8' } });
    // A 4xx names nothing the server kept.
    const refused = client([json(400, { error: { code: 'VALIDATION_ERROR' }, noteId: 'note_x' })]);
    await expect(refused.api.uploadAudio(input)).rejects.toMatchObject({ kind: 'validation', mayHaveBilled: false });
  });

  it('sends only what is set (and the transcript request)', async () => {
    const { api, calls } = client([json(405, {}), json(200, note)]);
    await api.uploadAudio({ audio, filename: 'a.ogg', specialty: 'slp' });
    const put = calls[0]?.body as FormData;
    expect(JSON.parse(String(put.get('metadata')))).toEqual({ specialty: 'slp', include_transcript: true });
    const post = calls[1]?.body as FormData;
    expect([...post.keys()]).toEqual(['specialty', 'include_transcript', 'metadata', 'audio']);
  });

  it('refuses an empty recording without sending it', async () => {
    const { api, calls } = client([]);
    await expect(api.uploadAudio({ ...input, audio: new Blob([]) })).rejects.toMatchObject({ kind: 'validation' });
    expect(calls).toHaveLength(0);
  });
});

describe('getAudioStatus and getNote', () => {
  it('polls the status by encoded id and fills in what the server left out', async () => {
    const { api, calls } = client([json(200, { status: 'processing' })]);
    await expect(api.getAudioStatus('note 1')).resolves.toEqual({ noteId: 'note 1', status: 'processing' });
    expect(calls[0]?.url).toBe(`${BASE}/v1/audio/status/note%201`);
  });

  it('returns the note with its status', async () => {
    const { api } = client([json(200, { ...note, status: 'completed' }), json(200, { noteId: 'n2', subjective: 'S' })]);
    await expect(api.getNote('note_1')).resolves.toMatchObject({ noteId: 'note_1', status: 'completed', plan: note.plan });
    await expect(api.getNote('n2')).resolves.toMatchObject({ status: 'completed' });
  });

  it('says a 404 note expired or never existed', async () => {
    const { api } = client([json(404, { error: { code: 'NOT_FOUND', message: 'Note not found' } })]);
    const error = (await api.getNote('note_old').catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/expired/);
    expect(error.message).toMatch(/never existed/);
  });

  it('needs an id', async () => {
    const { api } = client([]);
    await expect(api.getNote(' ')).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('visitSummary', () => {
  const req = {
    patient_info: { name: 'Jane Doe', age: 62 },
    focus: 'diabetes management',
    visits: [{ visit_date: '2026-01-10', summary: 'A1C 7.8%.' }],
  };

  it('posts the request and parses the summary', async () => {
    const answer = { summary: 'Upward A1C trend.', key_findings: ['A1C up'], active_diagnoses: [{ code: 'E11.65', description: 'T2DM' }] };
    const { api, calls } = client([json(200, answer)]);
    await expect(api.visitSummary(req)).resolves.toEqual(answer);
    expect(calls[0]?.url).toBe(`${BASE}/v1/visit-summary`);
    expect(JSON.parse(String(calls[0]?.body))).toEqual(req);
  });

  it('is billed: a lost connection is not repeated, and the error says a second try may bill a second summary', async () => {
    const answer = { summary: 'Upward A1C trend.', key_findings: [], active_diagnoses: [] };
    const { api, calls } = client([() => Promise.reject(new TypeError('Failed to fetch')), json(200, answer)], { isOffline: () => false });
    const error = (await api.visitSummary(req).catch((e: unknown) => e)) as ApiError;
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'network', mayHaveBilled: true });
    expect(error.message).toMatch(/may have made the visit summary anyway, and billed for it\.$/);
    expect(error.nextStep).toMatch(/A second try may be billed as a second visit summary\.$/);
    // A 503 (the server said it took nothing) is still repeated.
    const again = client([json(503, {}), json(200, answer)]);
    await expect(again.api.visitSummary(req)).resolves.toEqual(answer);
    expect(again.calls).toHaveLength(2);
  });

  it('checks the visits before sending', async () => {
    const { api, calls } = client([]);
    const error = (await api.visitSummary({ visits: [] }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/at least one visit/);
    expect(calls).toHaveLength(0);
  });
});

describe('listSpecialties', () => {
  it('normalises the list', async () => {
    const { api, calls } = client([json(200, { specialties: [{ value: 'dentist', label: 'Dentist' }] })]);
    await expect(api.listSpecialties()).resolves.toEqual([{ id: 'dentist', label: 'Dentist' }]);
    expect(calls[0]?.url).toBe(`${BASE}/v1/specialties`);
  });

  it('calls a list it cannot read bad_response', async () => {
    const { api } = client([json(200, { nothing: 'here' })]);
    await expect(api.listSpecialties()).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('is asked for without the key (a public route), so it works before a key is saved', async () => {
    const { api, calls } = client([json(200, ['physician'])], { apiKey: '' });
    await expect(api.listSpecialties()).resolves.toEqual([{ id: 'physician', label: 'Physician' }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.has('authorization')).toBe(false);
  });

  it('a server that wants the key for it gets the saved key on a second ask; without one the refusal stands', async () => {
    const refused = () => json(401, { error: { code: 'AUTHENTICATION_ERROR', message: 'The API key is missing or invalid.' } });
    const keyed = client([refused(), json(200, ['dentist'])]);
    await expect(keyed.api.listSpecialties()).resolves.toEqual([{ id: 'dentist', label: 'Dentist' }]);
    expect(keyed.calls.map((c) => c.headers.get('authorization'))).toEqual([null, `Bearer ${KEY}`]);
    const keyless = client([refused()], { apiKey: '' });
    await expect(keyless.api.listSpecialties()).rejects.toMatchObject({ kind: 'auth' });
    expect(keyless.calls).toHaveLength(1);
  });
});

describe('checkKey', () => {
  const validation = () => json(400, { error: { code: 'VALIDATION_ERROR', message: 'transcript is required.', details: { field: 'transcript' } } });

  it('resolves on the documented 400 VALIDATION_ERROR for an empty note request: the key passed authentication, no note could be made', async () => {
    const { api, calls } = client([validation()]);
    await expect(api.checkKey()).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url).toBe(`${BASE}/v1/note`);
    expect(calls[0]?.body).toBe('{}');
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    // The vendor's examples spell codes in either case.
    await expect(client([json(400, { error: { code: 'validation_error' } })]).api.checkKey()).resolves.toBeUndefined();
  });

  it.each([
    [401, 'auth'],
    [403, 'revoked'],
  ])('rejects a %i as %s', async (status, kind) => {
    const { api, calls } = client([json(status, { error: { code: 'x' } })]);
    await expect(api.checkKey()).rejects.toMatchObject({ kind, status });
    expect(calls).toHaveLength(1);
  });

  it('rejects other errors, after the usual retries for 5xx', async () => {
    const balance = client([json(429, {})]);
    await expect(balance.api.checkKey()).rejects.toMatchObject({ kind: 'balance' });
    const down = client([json(503, {}), json(503, {}), json(503, {})]);
    await expect(down.api.checkKey()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(down.calls).toHaveLength(3);
  });

  it('takes nothing else for an accepted key: a web page’s 400, a 404, a 200 (wrong base URL)', async () => {
    for (const answer of [text(400, '<html>Bad Request</html>'), json(400, { error: { code: 'BAD_THING' } }), json(404, { error: { code: 'NOT_FOUND' } }), json(200, { ok: true })]) {
      const { api } = client([answer]);
      await expect(api.checkKey()).rejects.toMatchObject({ kind: 'bad_response', nextStep: expect.stringMatching(/base URL/) });
    }
  });
});

describe('timeouts and cancels', () => {
  it('times a free JSON request out, retries, and reports a timeout', async () => {
    vi.useFakeTimers();
    const { api, calls } = client([hang, hang, hang], { timeoutMs: 1000 });
    const outcome = expect(api.getNote('note_1')).rejects.toMatchObject({ kind: 'timeout', mayHaveBilled: false });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2010);
    await outcome;
    expect(calls).toHaveLength(3);
  });

  it('times a billed request out once, and says the note may have been made', async () => {
    vi.useFakeTimers();
    const { api, calls } = client([hang, hang], { timeoutMs: 1000 });
    const outcome = expect(api.generateNote(request)).rejects.toMatchObject({ kind: 'timeout', mayHaveBilled: true });
    await vi.advanceTimersByTimeAsync(5000);
    await outcome;
    expect(calls).toHaveLength(1);
  });

  it('keeps retrying lost connections for requests that bill nothing (status, note, specialties, key check)', async () => {
    const lost = () => Promise.reject(new TypeError('Failed to fetch'));
    const status = client([lost, json(200, { status: 'processing' })]);
    await expect(status.api.getAudioStatus('note_1')).resolves.toMatchObject({ status: 'processing' });
    const fetched = client([lost, json(200, { ...note, status: 'completed' })]);
    await expect(fetched.api.getNote('note_1')).resolves.toMatchObject({ status: 'completed' });
    const listed = client([lost, json(500, {}), json(200, ['physician'])]);
    await expect(listed.api.listSpecialties()).resolves.toHaveLength(1);
    const checked = client([lost, json(400, { error: { code: 'VALIDATION_ERROR' } })]);
    await expect(checked.api.checkKey()).resolves.toBeUndefined();
    expect([status, fetched, listed, checked].map((c) => c.calls.length)).toEqual([2, 2, 3, 2]);
  });

  it('defaults to 60 s for JSON', async () => {
    vi.useFakeTimers();
    const { api } = client([hang], { retry: { tries: 1 } });
    const settled = vi.fn();
    const pending = api.listSpecialties().catch((e: unknown) => {
      settled(e);
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled.mock.calls[0]?.[0]).toMatchObject({ kind: 'timeout' });
  });

  it('reports the caller’s cancel as aborted, not as a timeout, and does not retry it', async () => {
    const controller = new AbortController();
    const { api, calls } = client([hang, hang]);
    const pending = api.generateNote(request, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toHaveLength(1);
  });

  it('gives uploads time for the upload itself', async () => {
    vi.useFakeTimers();
    const big = new Blob([new Uint8Array(64_000)]);
    const { api } = client([hang], { firstByteTimeoutMs: 1000, retry: { tries: 1 } });
    const settled = vi.fn();
    const pending = api.uploadAudio({ audio: big, filename: 'a.webm', specialty: 'physician' }).catch(settled);
    await vi.advanceTimersByTimeAsync(1999); // 1000 ms + 64 000 bytes at 64 bytes/ms
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled.mock.calls[0]?.[0]).toMatchObject({ kind: 'timeout' });
  });
});
