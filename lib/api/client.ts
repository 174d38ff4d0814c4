import { z } from 'zod/mini';
import { SOAP_SECTIONS } from '../note/sections';
import {
  abortedError,
  ApiError,
  badResponseError,
  errorFromResponse,
  errorFromStreamPayload,
  invalidRequestError,
  mayHaveBilledError,
  bodyOf,
  isTemplateRefusal,
  type BilledProduct,
  type ErrorFromResponseOptions,
  networkError,
  offlineError,
  settingsError,
  streamInterruptedError,
  timeoutError,
  wrongServerError,
} from './errors';
import { audioUploadForm, audioUploadOptions } from './audio-upload-form';
import { noteEvents } from './note-events';
import { decodeNoteStream } from './note-stream-decoder';
import { buildNoteOptions, buildNoteRequest, type NoteOptionsInput } from './note-request';
import { isAmbiguousFailure, safeToRepeat, withRetry, type RequestCost, type RetryNotice, type RetryOptions } from './retry';
import {
  AudioAcceptedSchema,
  AudioStatusSchema,
  NoteRequestSchema,
  NoteSchema,
  NoteWithStatusSchema,
  VisitSummaryRequestSchema,
  VisitSummarySchema,
  type AudioAccepted,
  type AudioStatus,
  type Note,
  type NoteRequest,
  type NoteStatus,
  type NoteWithStatus,
  type VisitSummary,
  type VisitSummaryRequest,
} from './schemas';
import { parseSpecialties, type Specialty } from './specialties';
import type { NoteStreamEvent } from './stream-events';

export interface ApiClientConfig {
  /** `https://api.soapnoteapi.com`, or an organisation's proxy (a path prefix and a trailing slash are fine). */
  baseUrl: string;
  apiKey: string;
  /** Injected for tests; defaults to the global fetch, looked up per call. */
  fetch?: typeof fetch;
  /** Whole-exchange limit for JSON requests. Default 60 s. */
  timeoutMs?: number;
  /**
   * How long a stream may take to send its first byte, or an upload to be answered (plus time for the
   * upload itself, by size). Generation takes a while before anything is sent. Default 120 s.
   */
  firstByteTimeoutMs?: number;
  /**
   * The clinician's name for a template id in a specialty (their named templates), so that a refusal
   * of the template says the name they know it by beside the id. Absent or undefined: the id alone.
   */
  templateName?: (id: string, specialty: string) => string | undefined;
  /** Backoff tuning. Which errors are retried is not configurable: see `safeToRepeat`. */
  retry?: Omit<RetryOptions, 'signal' | 'onRetry' | 'shouldRetry'>;
  /**
   * Whether the browser says it has no network, asked when a fetch fails: only then is a failed billed
   * request known never to have left. Injected for tests; defaults to `navigator.onLine === false`.
   */
  isOffline?: () => boolean;
  /** Told about every automatic retry, e.g. to show "Retrying…". */
  onRetry?: (notice: ApiRetryNotice) => void;
}

/** The client only ever retries ApiErrors, so its notices carry one. */
export type ApiRetryNotice = RetryNotice<ApiError>;

export interface RequestOptions {
  signal?: AbortSignal;
  onRetry?: (notice: ApiRetryNotice) => void;
}

export interface AudioUploadInput extends NoteOptionsInput {
  audio: Blob;
  /** Its extension tells the server the format (`visit.webm`, `visit.ogg`). */
  filename: string;
  /** Shorthand for `context.custom_instructions`; wins over it when both are set. */
  custom_instructions?: string | null;
}

export type AudioUploadResult = { kind: 'note'; note: Note } | { kind: 'accepted'; accepted: AudioAccepted };

export interface ApiClient {
  /** POST /v1/note: the whole note in one answer. */
  generateNote(req: NoteRequest, opts?: RequestOptions): Promise<Note>;
  /**
   * POST /v1/stream/note as NoteStreamEvents, falling back to POST /v1/note when the stream endpoint is
   * missing or a proxy turned the stream into a plain answer. Failures are thrown as ApiErrors; an
   * error the server reports mid-stream arrives as an `error` event.
   */
  streamNote(req: NoteRequest, opts?: RequestOptions): AsyncIterable<NoteStreamEvent>;
  /**
   * PUT /v1/note/audio with `metadata` (POST with plain fields and `metadata` if PUT is not there), asking
   * for the transcript: a note for short recordings, `accepted` for long ones.
   */
  uploadAudio(input: AudioUploadInput, opts?: RequestOptions): Promise<AudioUploadResult>;
  /** GET /v1/audio/status/:noteId. */
  getAudioStatus(noteId: string, opts?: RequestOptions): Promise<AudioStatus>;
  /** GET /v1/note/:noteId; a 404 is a `not_found` ApiError (the note expired or never existed). */
  getNote(noteId: string, opts?: RequestOptions): Promise<NoteWithStatus>;
  /** POST /v1/visit-summary. */
  visitSummary(req: VisitSummaryRequest, opts?: RequestOptions): Promise<VisitSummary>;
  /** GET /v1/specialties, normalised; an unreadable list is a `bad_response` ApiError (use FALLBACK_SPECIALTIES). */
  listSpecialties(opts?: RequestOptions): Promise<Specialty[]>;
  /**
   * Resolves if the API accepts the key (its documented validation error for an empty note request),
   * rejects with the ApiError otherwise (key refused, API unreachable, not the SOAP Note API); makes no note.
   */
  checkKey(opts?: RequestOptions): Promise<void>;
}

export const CLIENT_DEFAULTS = {
  timeoutMs: 60_000,
  firstByteTimeoutMs: 120_000,
  /** Assumed slowest useful upload speed, in bytes per millisecond (~64 KB/s), when timing uploads. */
  uploadBytesPerMs: 64,
} as const;

const NOTE_NOT_FOUND = 'The note was not found: it expired and was deleted from the server, or it never existed.';

/** The stream endpoint's answers that mean "not here": use POST /v1/note instead. Same for audio PUT → POST. */
function isMissingEndpoint(status: number): boolean {
  return status === 404 || status === 405;
}

// ---------------------------------------------------------------------------------------------
// One attempt's abort wiring
// ---------------------------------------------------------------------------------------------

/**
 * The AbortController behind one fetch: aborted by the caller's signal or by our timer, remembering
 * which, because a timeout is worth retrying and a user's cancel is not.
 */
class Attempt {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expired = false;
  private readonly onCallerAbort = () => this.controller.abort(this.caller?.reason);

  constructor(
    private readonly caller: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new DOMException('The SOAP Note API took too long to answer.', 'TimeoutError'));
    }, timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first byte arrived: from here on only the caller may stop it. */
  stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the request (and its body) if it is still going, and unhooks from the caller's signal. */
  end(): void {
    this.stopTimer();
    this.caller?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  /** What a failure during this attempt means for the user; anything unexplained is the connection's fault. */
  failure(e: unknown, connectionError: (cause: unknown) => ApiError = networkError): ApiError {
    if (this.caller?.aborted) return abortedError();
    if (this.expired) return timeoutError();
    if (e instanceof ApiError) return e;
    return connectionError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Body helpers
// ---------------------------------------------------------------------------------------------

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function parseWith<S extends z.ZodMiniType>(schema: S, json: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badResponseError(what);
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventStream(res: Response): boolean {
  return /^\s*text\/event-stream\b/i.test(res.headers.get('content-type') ?? '');
}

/** Does this text begin like SSE (a field line or a `:` comment)? */
function looksLikeSse(text: string): boolean {
  return /^(?::|(?:data|event|id|retry)[ \t]*:)/.test(text.trimStart());
}

function textStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * Reads a body until its first non-blank text, and hands back that text plus a stream that replays
 * what was read before the rest: enough to tell JSON from SSE without losing live streaming.
 */
async function peekBody(body: ReadableStream<Uint8Array>): Promise<{ head: string; stream: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const buffered: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let head = '';
  let ended = false;
  while (head.trim() === '') {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    buffered.push(value);
    head += decoder.decode(value, { stream: true });
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = buffered.shift();
      if (next !== undefined) return controller.enqueue(next);
      if (ended) return controller.close();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head: head.trimStart(), stream };
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The first problem with a request we built, worded for the user when it is something they can fix. */
function requestProblem(error: z.core.$ZodError, userFields: readonly string[]): ApiError {
  const issue = error.issues[0];
  const root = issue?.path[0];
  if (issue && typeof root === 'string' && userFields.includes(root)) return invalidRequestError(issue.message);
  const where = issue ? issue.path.join('.') : '';
  return new ApiError({
    kind: 'validation',
    message: `Chartside built a request the SOAP Note API would refuse${where ? ` (${where})` : ''}. This is a bug in Chartside.`,
    nextStep: 'Please report this problem to the Chartside developers.',
  });
}

function checkedNoteRequest(req: NoteRequest): NoteRequest {
  const parsed = NoteRequestSchema.safeParse(buildNoteRequest(req));
  if (!parsed.success) throw requestProblem(parsed.error, ['transcript', 'specialty']);
  return parsed.data;
}

/** The job id a server's error answer carries (`noteId`, top level or under `error`), if any. */
async function jobNamedIn(res: Response): Promise<string | undefined> {
  let text: string;
  try {
    text = await res.text();
  } catch {
    return undefined;
  }
  const json = parseJsonText(text);
  if (!json.ok || !isRecord(json.value)) return undefined;
  const inner = isRecord(json.value.error) ? json.value.error : {};
  const id = json.value.noteId ?? inner.noteId ?? (isRecord(inner.details) ? inner.details.noteId : undefined);
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

function checkedNoteId(noteId: string): string {
  if (typeof noteId !== 'string' || noteId.trim() === '') throw invalidRequestError('A note ID is needed.');
  return encodeURIComponent(noteId.trim());
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

export function createApiClient(config: ApiClientConfig): ApiClient {
  const timeoutMs = config.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  const firstByteTimeoutMs = config.firstByteTimeoutMs ?? CLIENT_DEFAULTS.firstByteTimeoutMs;
  // Called through a wrapper: a bare `fetch` stored on an object throws "Illegal invocation" in workers.
  const doFetch: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const isOffline = config.isOffline ?? (() => globalThis.navigator?.onLine === false);

  function url(path: string): string {
    const base = config.baseUrl.trim().replace(/\/+$/, '');
    let parsed: URL;
    try {
      parsed = new URL(base + path);
    } catch {
      throw settingsError('The API base URL in settings is not a valid web address.', 'network');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw settingsError('The API base URL in settings must start with https://.', 'network');
    }
    return parsed.href;
  }

  function headers(accept: string, jsonBody: boolean, anonymous = false): Headers {
    if (anonymous) return new Headers({ Accept: accept });
    const key = config.apiKey.trim();
    if (key === '') throw settingsError('Chartside has no API key yet.');
    // A header cannot carry these, and fetch's own complaint would not say what is wrong.
    if (/[^\x21-\x7e]/.test(key)) throw settingsError('The saved API key contains characters an API key cannot have.');
    const h = new Headers({ Authorization: `Bearer ${key}`, Accept: accept });
    if (jsonBody) h.set('Content-Type', 'application/json');
    return h;
  }

  interface SendSpec {
    method: 'GET' | 'POST' | 'PUT';
    path: string;
    /** A string is JSON; FormData lets the browser write the multipart boundary. */
    body?: string | FormData;
    accept?: string;
    /** Sent without the key: a public route (the vendor's own client sends none for GET /v1/specialties). */
    anonymous?: boolean;
  }

  async function send(spec: SendSpec, attempt: Attempt): Promise<Response> {
    const init: RequestInit = {
      method: spec.method,
      headers: headers(spec.accept ?? 'application/json', typeof spec.body === 'string', spec.anonymous),
      signal: attempt.signal,
    };
    if (spec.body !== undefined) init.body = spec.body;
    const target = url(spec.path);
    try {
      return await doFetch(target, init);
    } catch (e) {
      const failure = attempt.failure(e);
      // fetch's TypeError looks the same whether the connection was refused or dropped after the whole
      // body went: only a browser that knows it is offline proves the server never got it.
      if (failure.kind === 'network' && !(e instanceof ApiError) && isOffline()) throw offlineError(e);
      throw failure;
    }
  }

  async function bodyText(res: Response, attempt: Attempt): Promise<string> {
    try {
      return await res.text();
    } catch (e) {
      throw attempt.failure(e);
    }
  }

  /**
   * `fn` with automatic retries as `safeToRepeat` allows for its cost. A billed request that fails in a
   * way that leaves the server's side unknown comes out flagged `mayHaveBilled`, so the user is told.
   */
  async function retrying<T>(opts: RequestOptions, cost: RequestCost, fn: (attempt: number) => Promise<T>, product: BilledProduct = 'note'): Promise<T> {
    const retryOpts: RetryOptions = {
      ...config.retry,
      shouldRetry: (error) => safeToRepeat(error, cost),
      onRetry({ attempt, delayMs, error }) {
        const notice: ApiRetryNotice = { attempt, delayMs, error: error instanceof ApiError ? error : networkError(error) };
        config.onRetry?.(notice);
        opts.onRetry?.(notice);
      },
    };
    if (opts.signal) retryOpts.signal = opts.signal;
    try {
      return await withRetry(fn, retryOpts);
    } catch (error) {
      if (cost === 'billed' && error instanceof ApiError && isAmbiguousFailure(error)) throw mayHaveBilledError(error, product);
      throw error;
    }
  }

  interface JsonSpec<S extends z.ZodMiniType> extends SendSpec {
    schema: S;
    /** Default `free`. */
    cost?: RequestCost;
    /** What a billed request makes (default a note), for the words of a may-have-billed failure. */
    product?: BilledProduct;
    /** Plain words for what was expected, for a `bad_response` message. */
    what: string;
    notFoundMessage?: string;
    /** The template a note was asked for with: a refusal about it names it (errors.ts). */
    template?: TemplateFacts;
  }

  type TemplateFacts = Required<Pick<ErrorFromResponseOptions, 'template'>> & Pick<ErrorFromResponseOptions, 'templateName'>;

  /** The template id sent, and the clinician's name for it in that specialty, for the words of a refusal. */
  function templateFacts(id: string | undefined, specialty: string): TemplateFacts {
    const template = id ?? 'standard';
    let name: string | undefined;
    try {
      name = config.templateName?.(template, specialty);
    } catch {
      name = undefined; // the id alone still says which template
    }
    return { template, ...(name !== undefined && { templateName: name }) };
  }

  /** One JSON exchange, retried as a whole; the timer covers the answer's body too. */
  function requestJson<S extends z.ZodMiniType>(spec: JsonSpec<S>, opts: RequestOptions): Promise<z.output<S>> {
    return retrying(opts, spec.cost ?? 'free', async () => {
      const attempt = new Attempt(opts.signal, timeoutMs);
      try {
        const res = await send(spec, attempt);
        if (!res.ok) throw await errorFromResponse(res, { ...errorOptions(spec.notFoundMessage), ...spec.template });
        const json = parseJsonText(await bodyText(res, attempt));
        if (!json.ok) throw badResponseError(spec.what);
        return parseWith(spec.schema, json.value, spec.what);
      } finally {
        attempt.end();
      }
    }, spec.product);
  }

  function errorOptions(notFoundMessage: string | undefined) {
    return notFoundMessage === undefined ? {} : { notFoundMessage };
  }

  function generateNote(req: NoteRequest, opts: RequestOptions = {}): Promise<Note> {
    let body: string;
    try {
      body = JSON.stringify(checkedNoteRequest(req));
    } catch (e) {
      return Promise.reject(e);
    }
    return requestJson({ method: 'POST', path: '/v1/note', body, schema: NoteSchema, what: 'a note', cost: 'billed', template: templateFacts(req.template, req.specialty) }, opts);
  }

  type Opened =
    | { kind: 'fallback' }
    | { kind: 'live'; stream: ReadableStream<Uint8Array>; attempt: Attempt }
    | { kind: 'buffered'; stream: ReadableStream<Uint8Array>; attempt: Attempt };

  async function* streamNote(req: NoteRequest, opts: RequestOptions = {}): AsyncGenerator<NoteStreamEvent, void, undefined> {
    const request = checkedNoteRequest(req);
    const body = JSON.stringify(request);

    // Retries happen here only, and only as a billed request may be (see safeToRepeat): an answer's
    // headers mean the server took the request and may be generating already, so a connection cut
    // before the first event is not repeated either. After the first byte a failure ends the stream
    // and the caller keeps what arrived.
    const opened = await retrying<Opened>(opts, 'billed', async () => {
      const attempt = new Attempt(opts.signal, firstByteTimeoutMs);
      let handedOver = false;
      try {
        const res = await send({ method: 'POST', path: '/v1/stream/note', body, accept: 'text/event-stream' }, attempt);
        // A 404 about the template is the answer, not a missing route: never made again another way.
        if (isMissingEndpoint(res.status) && !isTemplateRefusal(res.status, await bodyOf(res))) return { kind: 'fallback' };
        if (!res.ok) throw await errorFromResponse(res, templateFacts(request.template, request.specialty));
        if (!res.body) return { kind: 'fallback' };
        let peeked: Awaited<ReturnType<typeof peekBody>>;
        try {
          peeked = await peekBody(res.body);
        } catch (e) {
          throw attempt.failure(e);
        }
        attempt.stopTimer();
        handedOver = true;
        // A proxy may relabel or buffer the stream, or the server may answer with the whole JSON note:
        // the body's first character decides before the content type does.
        const jsonLike = /^[{[]/.test(peeked.head);
        const live = !jsonLike && (isEventStream(res) || looksLikeSse(peeked.head));
        return { kind: live ? 'live' : 'buffered', stream: peeked.stream, attempt };
      } finally {
        if (!handedOver) attempt.end();
      }
    });

    if (opened.kind === 'fallback') {
      yield* noteEvents(await generateNote(request, opts));
      return;
    }

    const { attempt } = opened;
    try {
      if (opened.kind === 'live') {
        yield* decodeNoteStream(opened.stream, attempt.signal);
        return;
      }
      const text = await readText(opened.stream);
      const json = parseJsonText(text);
      if (json.ok) {
        if (isRecord(json.value) && json.value.error != null && json.value.error !== false) {
          throw errorFromStreamPayload(json.value);
        }
        const note = NoteSchema.safeParse(json.value);
        if (note.success) {
          yield* noteEvents(note.data);
          return;
        }
      } else if (looksLikeSse(text)) {
        yield* decodeNoteStream(textStream(text), attempt.signal);
        return;
      }
      // Neither a stream nor a note (a proxy's page): ask for the note the plain way.
      attempt.end();
      yield* noteEvents(await generateNote(request, opts));
    } catch (e) {
      throw attempt.failure(e, streamInterruptedError);
    } finally {
      // Also runs when the caller stops iterating early: that must close the connection.
      attempt.end();
    }
  }

  async function uploadAudio(input: AudioUploadInput, opts: RequestOptions = {}): Promise<AudioUploadResult> {
    if (!(input.audio instanceof Blob) || input.audio.size === 0) throw invalidRequestError('The recording is empty.');
    const custom = input.custom_instructions;
    const options = buildNoteOptions({
      ...input,
      context: custom ? { ...input.context, custom_instructions: custom } : input.context,
    });
    if (options.specialty.trim() === '') throw invalidRequestError('Choose a specialty.');

    const sent = audioUploadOptions(options);

    // Sending the file takes time before any answer can start; allow for a slow uplink.
    const budgetMs = firstByteTimeoutMs + Math.ceil(input.audio.size / CLIENT_DEFAULTS.uploadBytesPerMs);
    // PUT first (the vendor's recommended flow, the only one that surely reads `metadata`); POST only
    // where PUT is not there.
    let method: 'PUT' | 'POST' = 'PUT';
    const upload = (attempt: Attempt) =>
      send({ method, path: '/v1/note/audio', body: audioUploadForm(method, sent, input.audio, input.filename) }, attempt);

    return retrying(opts, 'billed', async () => {
      const attempt = new Attempt(opts.signal, budgetMs);
      try {
        let res = await upload(attempt);
        if (method === 'PUT' && isMissingEndpoint(res.status) && !isTemplateRefusal(res.status, await bodyOf(res))) {
          void res.body?.cancel().catch(() => {});
          method = 'POST'; // and stays POST for any retry
          res = await upload(attempt);
        }
        if (!res.ok) {
          // A failed answer that still names the job: the server took the recording, so watch that job
          // rather than report a failure whose retry would make (and bill) a second one.
          const job = res.status >= 500 ? await jobNamedIn(res.clone()) : undefined;
          if (job !== undefined) return { kind: 'accepted', accepted: { noteId: job, status: 'processing' } };
          throw await errorFromResponse(res, templateFacts(sent.template, sent.specialty));
        }
        const json = parseJsonText(await bodyText(res, attempt));
        if (!json.ok) throw badResponseError('a note or an upload receipt');
        const processing = isRecord(json.value) && String(json.value.status).toLowerCase() === 'processing';
        if (res.status === 202 || processing) {
          return { kind: 'accepted', accepted: parseWith(AudioAcceptedSchema, json.value, 'an upload receipt') };
        }
        return { kind: 'note', note: parseWith(NoteSchema, json.value, 'a note') };
      } finally {
        attempt.end();
      }
    });
  }

  async function getAudioStatus(noteId: string, opts: RequestOptions = {}): Promise<AudioStatus> {
    const id = checkedNoteId(noteId);
    const status = await requestJson(
      { method: 'GET', path: `/v1/audio/status/${id}`, schema: AudioStatusSchema, what: 'a recording status', notFoundMessage: NOTE_NOT_FOUND },
      opts,
    );
    return { ...status, noteId: status.noteId ?? noteId };
  }

  async function getNote(noteId: string, opts: RequestOptions = {}): Promise<NoteWithStatus> {
    const id = checkedNoteId(noteId);
    const note = await requestJson(
      { method: 'GET', path: `/v1/note/${id}`, schema: NoteWithStatusSchema, what: 'a note', notFoundMessage: NOTE_NOT_FOUND },
      opts,
    );
    // A finished note may come without `status`: it has its sections then; with none, it is not done.
    const hasSections = SOAP_SECTIONS.some((s) => (note[s] ?? '') !== '');
    const status: NoteStatus = note.status ?? (hasSections ? 'completed' : 'processing');
    return { ...note, noteId: note.noteId ?? noteId, status };
  }

  async function visitSummary(req: VisitSummaryRequest, opts: RequestOptions = {}): Promise<VisitSummary> {
    const parsed = VisitSummaryRequestSchema.safeParse(req);
    if (!parsed.success) throw requestProblem(parsed.error, ['visits']);
    return requestJson(
      // Written by the same model as a note, so billed like one: a failure that leaves the server's side
      // unknown is not repeated behind the clinician's back.
      { method: 'POST', path: '/v1/visit-summary', body: JSON.stringify(parsed.data), schema: VisitSummarySchema, what: 'a visit summary', cost: 'billed', product: 'visit summary' },
      opts,
    );
  }

  async function listSpecialties(opts: RequestOptions = {}): Promise<Specialty[]> {
    // Any JSON at all: the list's shape is undocumented and left to parseSpecialties. Public, so a new
    // user sees the real list before saving a key; a server that wants the key anyway gets it, if there is one.
    const spec = { method: 'GET', path: '/v1/specialties', schema: z.unknown(), what: 'the specialty list' } as const;
    let json: unknown;
    try {
      json = await requestJson({ ...spec, anonymous: true }, opts);
    } catch (e) {
      const refused = e instanceof ApiError && (e.status === 401 || e.status === 403);
      if (!refused || config.apiKey.trim() === '') throw e;
      json = await requestJson(spec, opts);
    }
    const specialties = parseSpecialties(json);
    if (specialties.length === 0) throw badResponseError('the specialty list');
    return specialties;
  }

  async function checkKey(opts: RequestOptions = {}): Promise<void> {
    // The API has no "who am I" endpoint, and every generating call spends money or one of a test
    // key's 10 daily requests. The vendor documents the answer to a note request without its
    // required fields: 400 VALIDATION_ERROR ("check the required fields: transcript and specialty"),
    // and authentication comes before it (401 AUTHENTICATION_ERROR, 403 AUTHORIZATION_ERROR). So an
    // empty request proves the key was accepted without any note being made. Only that JSON error
    // counts: anything else (a web page, a 200) is not the SOAP Note API as documented.
    await retrying(opts, 'free', async () => {
      const attempt = new Attempt(opts.signal, timeoutMs);
      try {
        const res = await send({ method: 'POST', path: '/v1/note', body: '{}' }, attempt);
        if (res.status !== 400) {
          // The key's own answers (refused, revoked, out of balance) and a server's trouble say what they
          // say; a missing route or a success is not the documented API at this address.
          const keysOwn = res.status === 401 || res.status === 403 || res.status === 429 || res.status >= 500;
          throw keysOwn ? await errorFromResponse(res) : wrongServerError(res.status);
        }
        const json = parseJsonText(await bodyText(res, attempt));
        const code = json.ok && isRecord(json.value) && isRecord(json.value.error) ? json.value.error.code : undefined;
        if (typeof code !== 'string' || !/^validation/i.test(code)) throw wrongServerError(res.status);
      } finally {
        attempt.end();
      }
    });
  }

  return {
    generateNote,
    streamNote: (req, opts) => streamNote(req, opts),
    uploadAudio,
    getAudioStatus,
    getNote,
    visitSummary,
    listSpecialties,
    checkKey,
  };
}
