import { z } from 'zod/mini';
import { fieldInOurWords, joinWords } from './field-words';
import { ErrorBodySchema } from './schemas';

/**
 * The error model for everything the SOAP Note API client does.
 *
 * Every failure becomes an ApiError whose `message` and `nextStep` are plain sentences the panel can
 * show as they are. They are built only from our own wording and the server's error message (with
 * anything key-like removed): never from request bodies, transcripts, chart data or the API key,
 * because errors travel between contexts and end up on screen and in bug reports.
 */

export const API_ERROR_KINDS = [
  'validation',
  'auth',
  'revoked',
  /** The key is fine but may not reach this resource (a note or job another key made). */
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'balance',
  'server',
  'unavailable',
  'network',
  'timeout',
  'bad_response',
  'aborted',
  'stream',
  /** Something that was not an API failure at all (a bug, an unexpected throw); its text is not trusted. */
  'unknown',
] as const;

export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  nextStep: string;
  retryable?: boolean;
  status?: number;
  code?: string;
  serverMessage?: string;
  details?: unknown;
  detail?: string;
  retryAfterMs?: number;
  /** See ApiError.mayHaveBilled. */
  mayHaveBilled?: boolean;
  /** See ApiError.unsent. */
  unsent?: boolean;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly code?: string;
  /** The server's own `error.message`, redacted. Never part of `message`: the vendor does not write it for end users. */
  readonly serverMessage?: string;
  readonly details?: unknown;
  /**
   * What the server said (its message and a summary of its `details`, redacted), for a detail line
   * under our own sentence: useful to support and to a curious clinician, never the explanation itself.
   */
  readonly detail?: string;
  /**
   * Whether trying the same request again, unchanged, may succeed: the panel offers Try again. Whether it
   * is tried again automatically also depends on what it costs (retry.ts `safeToRepeat`).
   */
  readonly retryable: boolean;
  /** From `Retry-After`: do not try again sooner than this. */
  readonly retryAfterMs?: number;
  /** What the user can do about it, in plain words. */
  readonly nextStep: string;
  /**
   * A billed request (a note, an upload) failed in a way that does not say whether the server took it
   * (a timeout, a lost connection, a 500): the note may exist and be paid for, so trying again may
   * bill a second time, and the panel says so on its retry button.
   */
  readonly mayHaveBilled: boolean;
  /** The request provably never reached the server (the browser was offline): repeating it bills nothing twice. */
  readonly unsent: boolean;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.retryable = init.retryable ?? false;
    this.nextStep = init.nextStep;
    this.mayHaveBilled = init.mayHaveBilled ?? false;
    this.unsent = init.unsent ?? false;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.details !== undefined) this.details = init.details;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

const NEXT_STEP = {
  fixRequest: 'Correct what is described and try again.',
  settings: 'Check the API key in Chartside settings.',
  revoked: 'Your key was revoked: create a new key in the SOAP Note API dashboard and save it in settings.',
  refused:
    'If your key was revoked, create a new key in the SOAP Note API dashboard and save it in settings. If the note was made with another key, save that key in settings or generate the note again.',
  forbidden: 'Save the API key that made it in settings, or generate the note again with this key.',
  regenerate: 'Generate the note again from the transcript or recording.',
  report: 'Please report this problem to the Chartside developers.',
  conflict: 'Check your keys in the SOAP Note API dashboard: revoke one you no longer use, then try again.',
  balance:
    'Add funds in the SOAP Note API dashboard, or wait until tomorrow if you use a test key (10 requests a day).',
  server: 'Try again in a moment. If it keeps happening, contact SOAP Note API support.',
  unavailable: 'Wait a moment and try again. If it keeps happening, contact SOAP Note API support.',
  network: 'Check your connection and try again.',
  timeout: 'Try again. If it keeps happening, check your connection or try a shorter recording.',
  badResponse: 'Try again. If it keeps happening, check the API base URL in settings or report this problem.',
  aborted: 'Start again when you are ready.',
  stream: 'Keep what arrived, or generate the note again.',
  unknown: 'Try again. If it keeps happening, please report this problem to the Chartside developers.',
} as const;

const NOT_FOUND_MESSAGE = 'The SOAP Note API could not find what Chartside asked for.';

/** Removes anything that looks like an API key or a bearer token from text the server sent. */
function redact(text: string): string {
  return text
    .replace(/Bearer\s+\S+/gi, 'Bearer [hidden]')
    .replace(/snapi_sk_[A-Za-z0-9_-]*/g, '[hidden key]');
}

// Server messages are short sentences; anything long is more likely an echo of what we sent.
const MAX_SERVER_TEXT = 300;

function serverText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_SERVER_TEXT) return undefined;
  return redact(trimmed);
}

// Keys under which validation details carry an explanation or a field name, never the offending value.
const DETAIL_MESSAGE_KEYS = ['message', 'msg', 'issue', 'reason', 'error', 'description'];
const DETAIL_FIELD_KEYS = ['field', 'path', 'param', 'loc', 'property'];
// Keys that would hold the submitted value itself.
const DETAIL_VALUE_KEYS = new Set(['value', 'received', 'input', 'body', 'data', 'got', 'actual']);

function fieldName(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts = value.filter((p) => typeof p === 'string' || typeof p === 'number').map(String);
    return parts.length > 0 ? serverText(parts.join('.')) : undefined;
  }
  return serverText(value);
}

function detailLine(entry: unknown, keyHint?: string): string | undefined {
  const direct = serverText(entry);
  if (direct !== undefined) return keyHint ? `${keyHint}: ${direct}` : direct;
  if (Array.isArray(entry)) {
    const first = entry.map((e) => serverText(e)).find((e) => e !== undefined);
    return first !== undefined && keyHint ? `${keyHint}: ${first}` : first;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const record = entry as Record<string, unknown>;
  const message = DETAIL_MESSAGE_KEYS.map((k) => serverText(record[k])).find((m) => m !== undefined);
  if (message === undefined) return undefined;
  const field = DETAIL_FIELD_KEYS.map((k) => fieldName(record[k])).find((f) => f !== undefined) ?? keyHint;
  return field !== undefined && !message.toLowerCase().includes(field.toLowerCase()) ? `${field}: ${message}` : message;
}

/**
 * A short, safe summary of `details`: its explanations and field names, never submitted values.
 * Handles a list of issues, a map of field → message, and an object with `errors`/`issues`/`fields`.
 */
export function summarizeDetails(details: unknown, limit = 3): string | undefined {
  const lines: string[] = [];
  const add = (line: string | undefined) => {
    if (line !== undefined && !lines.includes(line)) lines.push(line);
  };
  if (Array.isArray(details)) {
    for (const entry of details) add(detailLine(entry));
  } else if (typeof details === 'object' && details !== null) {
    const record = details as Record<string, unknown>;
    const nested = record.errors ?? record.issues ?? record.fields;
    if (nested !== undefined && nested !== details) return summarizeDetails(nested, limit);
    const own = detailLine(record);
    if (own !== undefined) add(own);
    else {
      for (const [key, value] of Object.entries(record)) {
        if (DETAIL_VALUE_KEYS.has(key.toLowerCase())) continue;
        add(detailLine(value, serverText(key)));
      }
    }
  }
  const kept = lines.slice(0, limit);
  return kept.length > 0 ? kept.join('; ') : undefined;
}

/** The request fields `details` names (`field`/`path`/`loc` of each issue, or a map's keys), as sent. */
export function detailFields(details: unknown): string[] {
  const fields: string[] = [];
  const add = (field: string | undefined) => {
    if (field !== undefined && !fields.includes(field)) fields.push(field);
  };
  const ofEntry = (entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return;
    const record = entry as Record<string, unknown>;
    add(DETAIL_FIELD_KEYS.map((k) => fieldName(record[k])).find((f) => f !== undefined));
  };
  if (Array.isArray(details)) details.forEach(ofEntry);
  else if (typeof details === 'object' && details !== null) {
    const record = details as Record<string, unknown>;
    const nested = record.errors ?? record.issues ?? record.fields;
    if (nested !== undefined && nested !== details && typeof nested === 'object' && nested !== null) return detailFields(nested);
    const own = DETAIL_FIELD_KEYS.map((k) => fieldName(record[k])).find((f) => f !== undefined);
    if (own !== undefined) add(own);
    else {
      for (const key of Object.keys(record)) {
        const lower = key.toLowerCase();
        if (DETAIL_VALUE_KEYS.has(lower) || DETAIL_MESSAGE_KEYS.includes(lower) || lower === 'code') continue;
        add(serverText(key));
      }
    }
  }
  return fields;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** Codes as the vendor spells them (both `VALIDATION_ERROR` and `invalid_api_key` styles), normalised. */
const KIND_BY_CODE: Record<string, ApiErrorKind> = {
  validation_error: 'validation',
  invalid_request: 'validation',
  invalid_request_error: 'validation',
  bad_request: 'validation',
  authentication_error: 'auth',
  invalid_api_key: 'auth',
  missing_api_key: 'auth',
  unauthorized: 'auth',
  // The documented 403 code, whose fix is "create a new key if yours was revoked".
  authorization_error: 'revoked',
  revoked_api_key: 'revoked',
  api_key_revoked: 'revoked',
  key_revoked: 'revoked',
  revoked: 'revoked',
  // A 403 that is about the resource, not the key (the vendor's client: "a resource the key does not own").
  forbidden: 'forbidden',
  not_owner: 'forbidden',
  not_owned: 'forbidden',
  resource_not_owned: 'forbidden',
  not_resource_owner: 'forbidden',
  access_denied: 'forbidden',
  permission_denied: 'forbidden',
  insufficient_permissions: 'forbidden',
  not_found: 'not_found',
  note_not_found: 'not_found',
  method_not_allowed: 'method_not_allowed',
  conflict: 'conflict',
  insufficient_balance: 'balance',
  insufficient_funds: 'balance',
  rate_limit_exceeded: 'balance',
  daily_limit_exceeded: 'balance',
  quota_exceeded: 'balance',
  internal_error: 'server',
  internal_server_error: 'server',
  service_unavailable: 'unavailable',
  unavailable: 'unavailable',
  timeout: 'timeout',
};

function kindFromCode(code: string | undefined): ApiErrorKind | undefined {
  if (code === undefined) return undefined;
  const normalised = code.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return KIND_BY_CODE[normalised];
}

function kindFromStatus(status: number): ApiErrorKind | undefined {
  switch (status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return 'validation';
    case 401:
      return 'auth';
    case 403:
      return 'revoked';
    case 404:
    case 410:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 429:
      return 'balance';
    case 500:
      return 'server';
    // A gateway in front of the API saying it is unreachable or slow is the same as the API saying so.
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return undefined;
  }
}

const RETRYABLE_KINDS: ReadonlySet<ApiErrorKind> = new Set(['server', 'unavailable', 'network', 'timeout']);

interface ServerFacts {
  status?: number;
  code?: string;
  serverMessage?: string;
  details?: unknown;
  retryAfterMs?: number;
}

// A detail line is a line: a long `details` list is cut, not shown whole.
const MAX_DETAIL = 400;

/** The server's own words for the detail line: its message, then what `details` adds, redacted. */
function detailOf(serverMessage: string | undefined, detailSummary: string | undefined): string | undefined {
  const parts = [serverMessage, detailSummary && !serverMessage?.includes(detailSummary) ? detailSummary : undefined]
    .filter((p): p is string => p !== undefined)
    .map(sentence);
  const joined = parts.join(' ');
  if (joined === '') return undefined;
  return joined.length > MAX_DETAIL ? `${joined.slice(0, MAX_DETAIL - 1)}…` : joined;
}

/** The fields a 400 names, in our words, unknown names left out (at most three). */
function fieldsInOurWords(details: unknown): string[] {
  const words: string[] = [];
  for (const field of detailFields(details)) {
    const w = fieldInOurWords(field);
    if (w !== undefined && !words.includes(w)) words.push(w);
  }
  return words.slice(0, 3);
}

interface BuildOptions {
  notFoundMessage?: string;
  /** A 403 whose code did not say why: a revoked key, or a resource another key owns. */
  unexplained403?: boolean;
}

function build(kind: ApiErrorKind, facts: ServerFacts, opts: BuildOptions = {}): ApiError {
  const { status, serverMessage, retryAfterMs } = facts;
  const detail = detailOf(serverMessage, summarizeDetails(facts.details));
  let message: string;
  let nextStep: string;
  switch (kind) {
    case 'validation': {
      nextStep = NEXT_STEP.fixRequest;
      if (status === 413) message = 'The recording is too large for the SOAP Note API to accept.';
      else if (status === 415) message = 'The SOAP Note API does not accept this type of recording.';
      else {
        const fields = fieldsInOurWords(facts.details);
        if (fields.length > 0) {
          message = `The SOAP Note API did not accept ${joinWords(fields)}.`;
          if (fields.some((f) => /patient|medication|allerg|medical history|visit notes|portal message/.test(f))) {
            nextStep = 'Correct it, or uncheck it under Patient context, and try again.';
          }
        } else {
          message = 'The SOAP Note API did not accept the request: check the transcript (at least 50 characters) and the specialty.';
        }
      }
      break;
    }
    case 'auth':
      message = 'The SOAP Note API did not accept the API key: it is missing or invalid.';
      nextStep = NEXT_STEP.settings;
      break;
    case 'revoked':
      if (opts.unexplained403) {
        message = 'The SOAP Note API refused the request: the API key was revoked, or it may not reach this note.';
        nextStep = NEXT_STEP.refused;
      } else {
        message = 'The SOAP Note API refused the API key: it was revoked.';
        nextStep = NEXT_STEP.revoked;
      }
      break;
    case 'forbidden':
      message = 'The SOAP Note API would not let this API key reach what was asked for: it belongs to another key or account.';
      nextStep = NEXT_STEP.forbidden;
      break;
    case 'not_found':
      message = opts.notFoundMessage ?? NOT_FOUND_MESSAGE;
      nextStep = NEXT_STEP.regenerate;
      break;
    case 'method_not_allowed':
      message = 'The SOAP Note API does not accept the kind of request Chartside sent. This is a bug in Chartside.';
      nextStep = NEXT_STEP.report;
      break;
    case 'conflict':
      message = 'The SOAP Note API reported a conflict: your account may have reached its limit of keys.';
      nextStep = NEXT_STEP.conflict;
      break;
    case 'balance':
      message = 'Your SOAP Note API balance is used up, or your test key has used its requests for today.';
      if (retryAfterMs !== undefined) message += ` The server asks to wait about ${describeWait(retryAfterMs)}.`;
      nextStep = NEXT_STEP.balance;
      break;
    case 'server':
      message = 'The SOAP Note API had an internal error.';
      nextStep = NEXT_STEP.server;
      break;
    case 'unavailable':
      message = 'The SOAP Note API is temporarily unavailable.';
      nextStep = NEXT_STEP.unavailable;
      break;
    case 'timeout':
      message = 'The SOAP Note API took too long to answer.';
      nextStep = NEXT_STEP.timeout;
      break;
    case 'stream':
      message = 'The SOAP Note API stopped while writing the note.';
      nextStep = NEXT_STEP.stream;
      break;
    default:
      message = status !== undefined
        ? `The SOAP Note API answered with an unexpected error (HTTP ${status}).`
        : 'The SOAP Note API reported an unexpected error.';
      nextStep = NEXT_STEP.unknown;
  }
  return new ApiError({ kind, message, nextStep, retryable: RETRYABLE_KINDS.has(kind), ...facts, ...(detail === undefined ? {} : { detail }) });
}

// ---------------------------------------------------------------------------------------------
// Retry-After
// ---------------------------------------------------------------------------------------------

/** `Retry-After` is either delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only date-looking text: Date.parse is lenient enough to turn stray numbers into dates.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

// ---------------------------------------------------------------------------------------------
// Constructors
// ---------------------------------------------------------------------------------------------

function factsFromBody(json: unknown): Pick<ServerFacts, 'code' | 'serverMessage' | 'details'> {
  const parsed = ErrorBodySchema.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return { code: serverText(code), serverMessage: serverText(message), details };
  }
  // Not the documented shape: `{error: "text"}`, or `{message, code}` at the top level.
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    return {
      code: serverText(record.code),
      serverMessage: serverText(record.error) ?? serverText(record.message),
      details: record.details,
    };
  }
  return {};
}

function withoutUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export interface ErrorFromResponseOptions {
  /** What a 404 means for this request (the generic wording does not know it was a note). */
  notFoundMessage?: string;
  /** The template id the request asked for: a 400 or 404 about it is named as the template's. */
  template?: string;
  /** The clinician's name for that id (lib/note/named-templates.ts), said beside it. */
  templateName?: string;
}

/** A refusal that is about the template asked for (an unknown or retired id), not the request's route. */
export function isTemplateRefusal(status: number, body: unknown): boolean {
  if (![400, 404, 422].includes(status) || body === undefined) return false;
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch {
    return false;
  }
  return /template/i.test(text);
}

/** Reads a response's JSON body without using it up (undefined when it has none). */
export async function bodyOf(res: Response): Promise<unknown> {
  try {
    const text = await res.clone().text();
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The template as the clinician knows it: the name they gave the id, with the id the API was sent
 * (“Brief follow-up” (missing-brief)), or the id alone when they have not named it.
 */
function templateWords(template: string, name: string | undefined): string {
  const clean = name?.replace(/\s+/g, ' ').trim();
  return clean && clean !== template ? `“${clean}” (${template})` : `“${template}”`;
}

/**
 * The API does not know the template the note was asked for. Nothing was made with another
 * template: Chartside never falls back to one by itself, so the clinician chooses.
 */
export function templateRefusedError(template: string, facts: { status?: number; code?: string; serverMessage?: string }, name?: string): ApiError {
  return new ApiError(
    withoutUndefined<ApiErrorInit>({
      kind: 'validation',
      message: `The SOAP Note API does not know the template ${templateWords(template, name)}, so no note was made. Chartside did not use another template instead.`,
      nextStep: 'Choose another template under Template (or check its ID in the SOAP Note API dashboard), then generate the note again.',
      retryable: false,
      status: facts.status,
      code: facts.code,
      serverMessage: facts.serverMessage,
    }),
  );
}

/**
 * Turns a non-2xx response into an ApiError. The body's `error.code` decides first, as the vendor
 * tells clients to (a 403 can be a revoked key or a note another key owns; a proxy may answer with a
 * status of its own around the API's body); the HTTP status decides when the code is missing or
 * unknown. The body may be anything, including a proxy's HTML page, whose text is never used.
 */
export async function errorFromResponse(res: Response, opts: ErrorFromResponseOptions = {}): Promise<ApiError> {
  let json: unknown;
  try {
    const text = await res.text();
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const facts = withoutUndefined<ServerFacts>({
    status: res.status,
    ...factsFromBody(json),
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
  });
  if (opts.template !== undefined && isTemplateRefusal(res.status, json)) return templateRefusedError(opts.template, facts, opts.templateName);
  const byCode = kindFromCode(facts.code);
  const kind =
    byCode ?? kindFromStatus(res.status) ?? (res.status >= 500 ? 'server' : res.status >= 400 ? 'validation' : 'bad_response');
  return build(kind, facts, { ...opts, unexplained403: byCode === undefined && res.status === 403 });
}

/** A `status` the payload carries (`{error: {status}}` or `{status}`): a stream has no HTTP status of its own. */
function payloadStatus(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Record<string, unknown>;
  const inner = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : {};
  const status = inner.status ?? record.status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600 ? status : undefined;
}

/**
 * An error the server reported inside a stream (`event: error`, or a data object with an `error` key):
 * `{error: {code, message}}`, `{error: "text"}` or `{code, message}`. The code decides (a balance running
 * out mid-note says so), then a status the payload carries; anything else is a `stream` error.
 */
export function errorFromStreamPayload(payload: unknown): ApiError {
  const status = payloadStatus(payload);
  const facts = withoutUndefined<ServerFacts>({ ...factsFromBody(payload), status });
  const byCode = kindFromCode(facts.code);
  const kind = byCode ?? (status !== undefined ? kindFromStatus(status) : undefined) ?? 'stream';
  return build(kind, facts, { unexplained403: byCode === undefined && status === 403 });
}

const UNREACHABLE = 'Chartside could not reach the SOAP Note API.';

export function networkError(cause?: unknown): ApiError {
  return new ApiError({
    kind: 'network',
    message: UNREACHABLE,
    nextStep: NEXT_STEP.network,
    retryable: true,
    cause,
  });
}

/** The browser knew it was offline when the request failed: nothing left this computer. */
export function offlineError(cause?: unknown): ApiError {
  return new ApiError({
    kind: 'network',
    message: 'Chartside could not reach the SOAP Note API: this computer is offline.',
    nextStep: NEXT_STEP.network,
    retryable: true,
    unsent: true,
    cause,
  });
}

/**
 * The same failure of a billed request, said plainly: the server may have made the note (and billed
 * it) without Chartside hearing back, so another try may be billed again.
 */
/** What a billed request makes, in the words of its may-have-billed message. */
export type BilledProduct = 'note' | 'visit summary';

export function mayHaveBilledError(error: ApiError, product: BilledProduct = 'note'): ApiError {
  if (error.mayHaveBilled) return error;
  return new ApiError(
    withoutUndefined<ApiErrorInit>({
      kind: error.kind,
      // "Could not reach" would be wrong here: the request may well have arrived.
      message: `${error.message === UNREACHABLE ? 'The connection to the SOAP Note API failed before its answer arrived.' : error.message} The API may have made the ${product} anyway, and billed for it.`,
      // The usual advice still holds (check the connection, the base URL); the cost of following it is added.
      nextStep: `${error.nextStep} A second try may be billed as a second ${product}.`,
      retryable: error.retryable,
      status: error.status,
      code: error.code,
      serverMessage: error.serverMessage,
      details: error.details,
      retryAfterMs: error.retryAfterMs,
      mayHaveBilled: true,
      cause: error,
    }),
  );
}

/** The connection broke after part of the note had arrived: what arrived is kept, nothing is retried automatically. */
export function streamInterruptedError(cause?: unknown): ApiError {
  return new ApiError({
    kind: 'network',
    message: 'The connection to the SOAP Note API was lost while the note was being written.',
    nextStep: 'Keep what arrived, or generate the note again once your connection is back.',
    retryable: true,
    cause,
  });
}

export function timeoutError(): ApiError {
  return build('timeout', {});
}

export function abortedError(): ApiError {
  return new ApiError({ kind: 'aborted', message: 'The request was cancelled.', nextStep: NEXT_STEP.aborted });
}

/** `what` names what was expected, in plain words ("a note", "the specialty list"). */
export function badResponseError(what: string, cause?: unknown): ApiError {
  return new ApiError({
    kind: 'bad_response',
    message: `The SOAP Note API sent an answer Chartside could not read (expected ${what}).`,
    nextStep: NEXT_STEP.badResponse,
    cause,
  });
}

/** The configured base URL answered, but not like the SOAP Note API (an HTML page, a wrong path). */
export function wrongServerError(status?: number): ApiError {
  return new ApiError({
    kind: 'bad_response',
    message: 'The API base URL answered, but not like the SOAP Note API.',
    nextStep: 'Check the API base URL in Chartside settings.',
    ...(status === undefined ? {} : { status }),
  });
}

/** A request that failed our own checks and was never sent; `message` must be our own wording. */
export function invalidRequestError(message: string): ApiError {
  return new ApiError({ kind: 'validation', message, nextStep: NEXT_STEP.fixRequest });
}

/** A setting that makes any request impossible (no key, a base URL that is not a URL). */
export function settingsError(message: string, kind: 'auth' | 'network' = 'auth'): ApiError {
  return new ApiError({
    kind,
    message,
    nextStep: kind === 'auth' ? NEXT_STEP.settings : 'Check the API base URL in Chartside settings.',
  });
}

// ---------------------------------------------------------------------------------------------
// Crossing contexts
// ---------------------------------------------------------------------------------------------

/** What an error looks like in a message between background and panel. */
export const ApiErrorInfoSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  status: z.optional(z.int()),
  code: z.optional(z.string()),
  message: z.string(),
  nextStep: z.string(),
  /** The server's own words, shown (as text) only as a detail line under `message`. */
  detail: z.optional(z.string()),
  retryable: z.boolean(),
  retryAfterMs: z.optional(z.number().check(z.nonnegative())),
  /** Only when true (see ApiError.mayHaveBilled). */
  mayHaveBilled: z.optional(z.boolean()),
});
export type ApiErrorInfo = z.infer<typeof ApiErrorInfoSchema>;

function errorName(e: unknown): unknown {
  return typeof e === 'object' && e !== null && 'name' in e ? (e as { name: unknown }).name : undefined;
}

/**
 * A plain, JSON-able copy of any thrown value. Only ApiErrors keep their wording; anything else gets a
 * generic message, because its text could hold anything (a transcript, a URL with a key in it).
 */
export function toErrorInfo(e: unknown): ApiErrorInfo {
  const name = errorName(e);
  const error =
    e instanceof ApiError
      ? e
      : name === 'AbortError'
        ? abortedError()
        : name === 'TimeoutError'
          ? timeoutError()
          : new ApiError({ kind: 'unknown', message: 'Something went wrong in Chartside.', nextStep: NEXT_STEP.unknown });
  return withoutUndefined<ApiErrorInfo>({
    kind: error.kind,
    status: error.status,
    code: error.code,
    message: error.message,
    nextStep: error.nextStep,
    detail: error.detail,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    mayHaveBilled: error.mayHaveBilled || undefined,
  });
}

/** The panel's side of toErrorInfo: an ApiError again, for code that switches on `kind`. */
export function fromErrorInfo(info: ApiErrorInfo): ApiError {
  return new ApiError(withoutUndefined<ApiErrorInit>({ ...info }));
}
