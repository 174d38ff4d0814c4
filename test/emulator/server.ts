/**
 * The SOAP Note API emulator: the contract's endpoints on node:http, with fault injection, a request
 * log (keys redacted) and test controls, both in-process and over HTTP under `/__emulator/`.
 *
 * Request bodies are health data in real life: nothing here ever logs one.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuthorization, redactAuthorization } from './auth.ts';
import { readAudioUpload } from './audio.ts';
import { createFaultState, errorFor, type Faults, type QueuedFault, type ResolvedFaults, DEFAULT_FAULTS } from './faults.ts';
import { multipartBoundary, parseMultipart, summarizeParts, type Part, type PartsSummary } from './multipart.ts';
import { buildNote, createNoteStore, validateNoteRequest, type Invalid, type JobInfo, type Note } from './notes.ts';
import { probeAudio, type AudioInfo } from './probe.ts';
import { specialtiesBody } from './specialties.ts';
import { buildStream, writeStream, type ChunkInfo } from './stream.ts';
import { buildVisitSummary, validateVisitSummaryRequest } from './visit-summary.ts';

export type { Faults, QueuedFault } from './faults.ts';
export type { ChunkInfo } from './stream.ts';
export type { AudioInfo } from './probe.ts';
export type { JobInfo, NoteStatus } from './notes.ts';
export { SAMPLE_VISIT_TRANSCRIPT } from './notes.ts';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How long a note lives before GET /v1/note/:id answers 404 (default 24 h). */
  noteTtlMs?: number;
  /** The clock for expiry, `expires_at` and the request log (default Date.now). */
  now?: () => number;
  /** Larger request bodies get 413 (default 600 MiB). */
  maxBodyBytes?: number;
  /** The ffprobe that decodes uploads (default `ffprobe` on PATH). */
  ffprobePath?: string;
  /** How long one ffprobe run may take (default 15 s); past it the upload is accepted as `unavailable`. */
  ffprobeTimeoutMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string, with its `?`, or ''. */
  query: string;
  /** Lower-case header names; `authorization` keeps only its prefix (`Bearer snapi_sk_test_…`). */
  headers: Record<string, string>;
  bodyBytes: number;
  /** The parsed JSON body, for JSON requests. */
  body?: unknown;
  /** True when a JSON request's body did not parse. */
  bodyInvalid?: boolean;
  /** What a multipart upload held: every part's name, file name, type and size; text fields; parsed `metadata`. */
  multipart?: PartsSummary;
  /** The queued fault this request consumed, if any. */
  queuedFault?: QueuedFault;
  /** The emulator clock (`now()`) when the request arrived. */
  time: number;
}

/**
 * One audio upload that passed the field checks and so reached decoding (POST or PUT). Uploads refused
 * before that (no key, no `audio` part, an unsupported type, a bad specialty) are only in `requests`.
 */
export interface UploadRecord {
  method: 'POST' | 'PUT';
  /** The emulator clock (`now()`) when the request arrived. */
  time: number;
  /** Size of the `audio` part. */
  bytes: number;
  /**
   * The `audio` part's bytes, for a test that decodes what was uploaded (ffmpeg). Not enumerable:
   * left out of GET /__emulator/uploads and of anything that prints the record.
   */
  readonly audio?: Buffer;
  /** The `audio` part's declared Content-Type and file name. */
  contentType?: string;
  filename?: string;
  /** Every text form field (`specialty`, `template`, `metadata`, `emulator_transcript`, …) as sent. */
  fields: Record<string, string>;
  /** The `metadata` field parsed as JSON, when it parses. */
  metadata?: unknown;
  /**
   * `ok`: ffprobe decoded it (the audio fields below are set). `failed`: not decodable audio, answered
   * 400. `skipped`: not probed (`skipAudioDecode`, or over `audioDecodeMaxBytes`). `unavailable`:
   * ffprobe is missing, timed out or was stopped; the upload was accepted anyway.
   */
  decode: 'ok' | 'failed' | 'skipped' | 'unavailable';
  /** Why `decode` is not `ok`. */
  decodeReason?: string;
  /** ffprobe's `format_name`, e.g. `matroska,webm`, `ogg`, `mp3`, `wav`, `flac`, `mov,mp4,m4a,3gp,3g2,mj2`. */
  container?: AudioInfo['container'];
  /** The audio stream's codec, e.g. `opus`, `mp3`, `pcm_s16le`, `flac`, `aac`. */
  codec?: AudioInfo['codec'];
  durationSeconds?: number;
  /** Bits per second. */
  bitRate?: number;
  channels?: number;
  sampleRate?: number;
  /** What the emulator answered: 200, 202 or 400. */
  status: number;
  /** The note made for it (200 and 202). */
  noteId?: string;
}

export interface Emulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Clears faults, the queue, revoked keys, notes, the request, chunk and upload logs. */
  reset(): void;
  /** Replaces the sticky faults (over the defaults); `setFaults({})` clears them. */
  setFaults(f: Partial<Faults>): void;
  /** One-shot fault for the next request whose path starts with `f.path` (any request if no path), in order. */
  queueFault(f: Partial<Faults> & { path?: string }): void;
  revokeKey(key: string): void;
  /** Lets every stream waiting at a held cut (`cutHeld`) be cut now; how many there were. */
  releaseCuts(): number;
  expireNote(noteId: string): void;
  /**
   * Ends an async (202) job now: the next poll answers `completed` with the note. Works on a job that is
   * processing, held (`asyncHold`) or already ended. False for an unknown, expired or never-async note.
   */
  completeJob(noteId: string): boolean;
  /** Ends an async job now as `failed`, with `message` (default: the fixed transcription-failure text). */
  failJob(noteId: string, message?: string): boolean;
  /** An async job's status and how many polls it has answered, without counting as a poll. */
  job(noteId: string): JobInfo | undefined;
  /**
   * The polls for a note so far: every GET /v1/audio/status/:noteId and GET /v1/note/:noteId in
   * `requests`, in order, each with its `time` (for checking the client's backoff).
   */
  pollsFor(noteId: string): RecordedRequest[];
  /** Every API request since the last reset (not preflights, not /__emulator/ calls). Live array. */
  requests: RecordedRequest[];
  /** Every stream write since the last reset, with its send time. Live array. */
  chunks: ChunkInfo[];
  /** Every audio upload that reached decoding since the last reset, in arrival order. Live array. */
  uploads: UploadRecord[];
  /** Called for every stream write as it is sent. */
  onChunkSent?: (info: ChunkInfo) => void;
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  contentType: string;
  body: Buffer;
  json?: unknown;
  jsonInvalid: boolean;
  parts?: Part[];
  partsError?: string;
  f: ResolvedFaults;
  signal: AbortSignal;
}

type Handler = (ctx: Ctx, param: string) => Promise<void> | void;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};
const ASYNC_MESSAGE = 'Audio accepted. Poll GET /v1/audio/status/:noteId for status.';
/** Neither the vendor nor the contract words this refusal: a 400 VALIDATION_ERROR naming `audio`, like the type check. */
const UNDECODABLE_MESSAGE = 'The audio file could not be decoded. Upload a playable MP3, M4A, WAV, OGG, WebM or FLAC recording.';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A path segment percent-decoded, or as it came if it does not decode. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(ctx: Pick<Ctx, 'res' | 'f'>, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, {
    'Content-Type': ctx.f.wrongContentType ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ctx.res.end(text);
}

function sendError(
  ctx: Pick<Ctx, 'res' | 'f'>,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> | unknown[] = {},
  headers: Record<string, string> = {},
): void {
  sendJson(ctx, status, { error: { code, message, details } }, headers);
}

const sendInvalid = (ctx: Ctx, invalid: Invalid) => sendError(ctx, 400, 'VALIDATION_ERROR', invalid.message, invalid.details);

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const maxBodyBytes = opts.maxBodyBytes ?? 600 * 1024 * 1024;
  const faults = createFaultState();
  const revoked = new Set<string>();
  const store = createNoteStore({ now, ttlMs: opts.noteTtlMs ?? DAY_MS });
  const lifetime = new AbortController();
  let streams = 0;
  /** Streams waiting at a held cut, each woken by releaseCuts(). */
  const heldCuts = new Set<() => void>();
  /** Bumped by reset(), so an upload still decoding then does not land in the new log. */
  let generation = 0;

  const emulator: Emulator = {
    url: '',
    port: 0,
    requests: [],
    chunks: [],
    uploads: [],
    close,
    reset() {
      generation += 1;
      emulator.releaseCuts();
      faults.clear();
      revoked.clear();
      store.clear();
      emulator.requests.length = 0;
      emulator.chunks.length = 0;
      emulator.uploads.length = 0;
      streams = 0;
    },
    setFaults: (f) => {
      faults.setSticky(f);
      if (f.acceptThenDrop) server.closeIdleConnections();
    },
    queueFault: (f) => {
      faults.enqueue(f);
      if (f.acceptThenDrop) server.closeIdleConnections();
    },
    revokeKey: (key) => void revoked.add(key),
    releaseCuts() {
      const waiting = [...heldCuts];
      heldCuts.clear();
      for (const release of waiting) release();
      return waiting.length;
    },
    expireNote: (noteId) => store.expire(noteId),
    completeJob: (noteId) => store.settle(noteId, { status: 'completed' }),
    failJob: (noteId, message) => store.settle(noteId, { status: 'failed', message }),
    job: (noteId) => store.job(noteId),
    pollsFor: (noteId) =>
      emulator.requests.filter((r) => {
        const match = r.method === 'GET' ? /^\/v1\/(?:audio\/status|note)\/([^/]+)$/.exec(r.path) : null;
        return match?.[1] !== undefined && match[1] !== 'audio' && decodeSegment(match[1]) === noteId;
      }),
  };

  // ── Shared steps ─────────────────────────────────────────────────────────────────────────────

  /** Answers 401/403 and returns false unless the request carries a valid, unrevoked key. */
  function authorized(ctx: Ctx): boolean {
    const auth = checkAuthorization(ctx.req.headers.authorization, revoked);
    if (!auth.ok) sendError(ctx, auth.status, auth.code, auth.message);
    return auth.ok;
  }

  /** The parsed JSON body, or undefined after answering 400. */
  function jsonBody(ctx: Ctx): { value: unknown } | undefined {
    if (!/^application\/(.+\+)?json\b/i.test(ctx.contentType)) {
      sendError(ctx, 400, 'VALIDATION_ERROR', 'Content-Type must be application/json.', {
        field: 'Content-Type',
        issue: 'not_json',
      });
      return undefined;
    }
    if (ctx.jsonInvalid) {
      sendError(ctx, 400, 'VALIDATION_ERROR', 'The request body is not valid JSON.', { field: 'body', issue: 'invalid_json' });
      return undefined;
    }
    return { value: ctx.json };
  }

  /**
   * The emulator knows every template id but those that start with `missing-`: they play a template
   * the account does not have (deleted in the dashboard, or mistyped), answered 404 as the API does.
   */
  const isUnknownTemplate = (template: string | undefined) => template !== undefined && template.startsWith('missing-');

  // ── Endpoints ────────────────────────────────────────────────────────────────────────────────

  const createNote: Handler = (ctx) => {
    if (!authorized(ctx)) return;
    const body = jsonBody(ctx);
    if (!body) return;
    const checked = validateNoteRequest(body.value);
    if (!checked.ok) return sendInvalid(ctx, checked.error);
    if (isUnknownTemplate(checked.value.template)) return sendError(ctx, 404, 'TEMPLATE_NOT_FOUND', `Template "${checked.value.template}" not found.`);
    const note = buildNote(checked.value, store.allocate(), { billingDisclaimer: ctx.f.billingDisclaimer });
    store.put(note);
    sendJson(ctx, 200, note);
  };

  const streamNote: Handler = async (ctx) => {
    const { f } = ctx;
    if (f.streamStatus) {
      const { code, message } = errorFor(f.streamStatus);
      return sendError(ctx, f.streamStatus, code, message);
    }
    if (!authorized(ctx)) return;
    const body = jsonBody(ctx);
    if (!body) return;
    const checked = validateNoteRequest(body.value);
    if (!checked.ok) return sendInvalid(ctx, checked.error);
    if (isUnknownTemplate(checked.value.template)) return sendError(ctx, 404, 'TEMPLATE_NOT_FOUND', `Template "${checked.value.template}" not found.`);
    const note = buildNote(checked.value, store.allocate(), { billingDisclaimer: ctx.f.billingDisclaimer });
    store.put(note);
    if (f.streamContentType === 'application/json') return sendJson(ctx, 200, note);
    const stream = ++streams;
    await writeStream(ctx.res, buildStream(note, checked.value, f), f, {
      signal: ctx.signal,
      sleep,
      onChunk: (info) => {
        const chunk = { stream, ...info };
        emulator.chunks.push(chunk);
        emulator.onChunkSent?.(chunk);
      },
      cutReleased: (signal) =>
        new Promise<void>((resolve) => {
          const release = () => {
            heldCuts.delete(release);
            signal.removeEventListener('abort', release);
            resolve();
          };
          heldCuts.add(release);
          signal.addEventListener('abort', release, { once: true });
        }),
    });
  };

  /** Decodes the `audio` part with ffprobe, unless told not to or it is too large to bother. */
  async function decodeAudio(ctx: Ctx, audio: Part): Promise<Pick<UploadRecord, 'decode' | 'decodeReason'> & Partial<AudioInfo>> {
    if (ctx.f.skipAudioDecode) return { decode: 'skipped', decodeReason: 'skipAudioDecode' };
    if (audio.data.length > ctx.f.audioDecodeMaxBytes) {
      return { decode: 'skipped', decodeReason: `over audioDecodeMaxBytes (${ctx.f.audioDecodeMaxBytes})` };
    }
    const probe = await probeAudio(audio.data, {
      filename: audio.filename,
      ffprobePath: opts.ffprobePath,
      timeoutMs: opts.ffprobeTimeoutMs,
      signal: ctx.signal,
    });
    if (probe.decode !== 'ok') return { decode: probe.decode, decodeReason: probe.reason };
    const { decode, ...info } = probe;
    return { decode, ...info };
  }

  const uploadAudio: Handler = async (ctx) => {
    const { f } = ctx;
    const missing = ctx.method === 'POST' ? f.audioPostStatus : f.audioPutStatus;
    if (missing) {
      const { code, message } = errorFor(missing);
      return sendError(ctx, missing, code, message);
    }
    if (!authorized(ctx)) return;
    if (!ctx.parts) {
      const issue = ctx.partsError ? 'malformed_multipart' : 'not_multipart';
      const message = ctx.partsError ? `Malformed multipart body: ${ctx.partsError}.` : 'The body must be multipart/form-data.';
      return sendError(ctx, 400, 'VALIDATION_ERROR', message, { field: 'body', issue });
    }
    const upload = readAudioUpload(ctx.parts, ctx.method === 'POST' ? (f.audioPostReads ?? 'all') : 'all');
    if (!upload.ok) return sendInvalid(ctx, upload.error);

    const arrived = now();
    const started = generation;
    const decoded = await decodeAudio(ctx, upload.value.audio);
    if (ctx.signal.aborted) return; // the client left, or the emulator is closing
    const { fields, metadata } = summarizeParts(ctx.parts);
    const entry: UploadRecord = {
      method: ctx.method as UploadRecord['method'],
      time: arrived,
      bytes: upload.value.audioBytes,
      contentType: upload.value.audio.contentType,
      filename: upload.value.audio.filename,
      fields,
      ...(metadata !== undefined ? { metadata } : {}),
      ...decoded,
      status: 0,
    };
    Object.defineProperty(entry, 'audio', { value: upload.value.audio.data, enumerable: false });
    if (started === generation) emulator.uploads.push(entry);

    if (decoded.decode === 'failed') {
      entry.status = 400;
      return sendError(ctx, 400, 'VALIDATION_ERROR', UNDECODABLE_MESSAGE, {
        field: 'audio',
        issue: 'undecodable',
        reason: decoded.decodeReason,
      });
    }
    const built = buildNote(upload.value.request, store.allocate(), { billingDisclaimer: ctx.f.billingDisclaimer });
    // The transcript only when asked for, as the vendor's client asks for it (`include_transcript`).
    const { transcript: _transcript, ...withoutTranscript } = built;
    const full = upload.value.includeTranscript ? built : withoutTranscript;
    const note = f.extras === false ? withoutExtras(full) : full;
    entry.noteId = note.noteId;
    const long = decoded.durationSeconds !== undefined && decoded.durationSeconds >= f.audioAsyncAtSeconds;
    const isAsync = f.audioMode ? f.audioMode === 'async' : upload.value.audioBytes > f.audioAsyncOverBytes || long;
    if (!isAsync) {
      store.put(note);
      entry.status = 200;
      return sendJson(ctx, 200, f.extras === 'id-only' ? withoutExtras(note) : note);
    }
    store.put(note, {
      polls: f.asyncPolls,
      readyAt: f.asyncMs !== undefined ? now() + f.asyncMs : undefined,
      fail: f.asyncFail === true,
      failMessage: f.asyncFailMessage,
      hold: f.asyncHold === true,
    });
    entry.status = 202;
    sendJson(ctx, 202, { noteId: note.noteId, status: 'processing', message: ASYNC_MESSAGE });
  };

  /** A note as a server that leaves the requested extras out of its answer sends it. */
  function withoutExtras(note: Note): Note {
    const { billing_codes: _codes, billing_codes_disclaimer: _disclaimer, patient_summary: _summary, ...rest } = note;
    return rest;
  }

  const getNote: Handler = (ctx, noteId) => {
    if (!authorized(ctx)) return;
    const view = store.poll(decodeSegment(noteId));
    if (!view) return sendError(ctx, 404, 'NOT_FOUND', 'The note was not found. Notes are deleted at expires_at.');
    if (ctx.f.foreignNote) return sendError(ctx, 403, ctx.f.code ?? 'NOT_OWNER', ctx.f.message ?? 'This note belongs to another API key.');
    sendJson(ctx, 200, view);
  };

  const visitSummary: Handler = (ctx) => {
    if (!authorized(ctx)) return;
    const body = jsonBody(ctx);
    if (!body) return;
    const checked = validateVisitSummaryRequest(body.value);
    if (!checked.ok) return sendInvalid(ctx, checked.error);
    sendJson(ctx, 200, buildVisitSummary(checked.value));
  };

  const specialties: Handler = (ctx) => {
    // Public (the vendor's own client sends no key); `specialtiesNeedKey` plays a server that wants one.
    if (ctx.f.specialtiesNeedKey && !authorized(ctx)) return;
    sendJson(ctx, 200, specialtiesBody(ctx.f.specialtiesShape));
  };

  // Order matters: /v1/note/audio before /v1/note/:noteId.
  const routes: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
    { pattern: /^\/v1\/note$/, methods: { POST: createNote } },
    { pattern: /^\/v1\/stream\/note$/, methods: { POST: streamNote } },
    { pattern: /^\/v1\/note\/audio$/, methods: { POST: uploadAudio, PUT: uploadAudio } },
    { pattern: /^\/v1\/audio\/status\/([^/]+)$/, methods: { GET: getNote } },
    { pattern: /^\/v1\/note\/([^/]+)$/, methods: { GET: getNote } },
    { pattern: /^\/v1\/visit-summary$/, methods: { POST: visitSummary } },
    { pattern: /^\/v1\/specialties$/, methods: { GET: specialties } },
  ];

  // ── Controls (/__emulator/…): no auth, no faults, not recorded ───────────────────────────────

  const noJob = (ctx: Ctx) =>
    sendError(ctx, 404, 'NOT_FOUND', 'No async job with that noteId (unknown, expired or not a 202 upload).');

  function control(ctx: Ctx): void {
    const input = (ctx.json ?? {}) as Record<string, unknown>;
    const ok = () => sendJson(ctx, 200, { ok: true });
    if (ctx.jsonInvalid || typeof input !== 'object' || input === null) {
      return sendError(ctx, 400, 'VALIDATION_ERROR', 'Control bodies are JSON objects.', { field: 'body', issue: 'invalid_json' });
    }
    switch (`${ctx.method} ${ctx.path}`) {
      case 'GET /__emulator/health':
        return sendJson(ctx, 200, { ok: true, url: emulator.url });
      case 'GET /__emulator/faults':
        return sendJson(ctx, 200, faults.getSticky());
      case 'POST /__emulator/faults':
        emulator.setFaults(input as Faults);
        return ok();
      case 'POST /__emulator/queue':
        for (const f of Array.isArray(input) ? input : [input]) emulator.queueFault(f as QueuedFault);
        return ok();
      case 'POST /__emulator/release-cuts':
        return sendJson(ctx, 200, { released: emulator.releaseCuts() });
      case 'POST /__emulator/revoke':
        if (typeof input.key !== 'string') return sendError(ctx, 400, 'VALIDATION_ERROR', 'key is required.', { field: 'key' });
        emulator.revokeKey(input.key);
        return ok();
      case 'POST /__emulator/expire':
        if (typeof input.noteId !== 'string') {
          return sendError(ctx, 400, 'VALIDATION_ERROR', 'noteId is required.', { field: 'noteId' });
        }
        emulator.expireNote(input.noteId);
        return ok();
      case 'POST /__emulator/reset':
        emulator.reset();
        return ok();
      case 'GET /__emulator/requests':
        return sendJson(ctx, 200, emulator.requests);
      case 'GET /__emulator/chunks':
        return sendJson(ctx, 200, emulator.chunks);
      case 'GET /__emulator/uploads':
        return sendJson(ctx, 200, emulator.uploads);
      case 'POST /__emulator/complete-job':
      case 'POST /__emulator/fail-job':
      case 'POST /__emulator/job': {
        if (typeof input.noteId !== 'string') {
          return sendError(ctx, 400, 'VALIDATION_ERROR', 'noteId is required.', { field: 'noteId' });
        }
        const message = typeof input.message === 'string' ? input.message : undefined;
        if (ctx.path === '/__emulator/job') {
          const job = emulator.job(input.noteId);
          if (!job) return noJob(ctx);
          return sendJson(ctx, 200, { ...job, pollTimes: emulator.pollsFor(input.noteId).map((r) => r.time) });
        }
        const done =
          ctx.path === '/__emulator/fail-job' ? emulator.failJob(input.noteId, message) : emulator.completeJob(input.noteId);
        return done ? ok() : noJob(ctx);
      }
      default:
        return sendError(ctx, 404, 'NOT_FOUND', `No emulator control at ${ctx.method} ${ctx.path}.`);
    }
  }

  // ── The request pipeline ─────────────────────────────────────────────────────────────────────

  function record(ctx: Ctx, queued: QueuedFault | undefined): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(', ') : value;
      headers[name] = name === 'authorization' ? redactAuthorization(text) : text;
    }
    const entry: RecordedRequest = {
      method: ctx.method,
      path: ctx.path,
      query: new URL(ctx.req.url ?? '/', 'http://emulator').search,
      headers,
      bodyBytes: ctx.body.length,
      time: now(),
    };
    if (ctx.json !== undefined) entry.body = ctx.json;
    if (ctx.jsonInvalid) entry.bodyInvalid = true;
    if (ctx.parts) entry.multipart = summarizeParts(ctx.parts);
    if (queued) entry.queuedFault = queued;
    emulator.requests.push(entry);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    if (method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }

    const closed = new AbortController();
    res.on('close', () => closed.abort());
    const body = await readBody(req, maxBodyBytes);
    const plain = { res, f: { ...DEFAULT_FAULTS } as ResolvedFaults };
    if (body === 'too_large') return sendError(plain, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');

    const contentType = req.headers['content-type'] ?? '';
    const ctx: Ctx = {
      req,
      res,
      method,
      path,
      contentType,
      body,
      jsonInvalid: false,
      f: plain.f,
      signal: AbortSignal.any([lifetime.signal, closed.signal]),
    };
    const boundary = multipartBoundary(contentType);
    if (boundary) {
      try {
        ctx.parts = parseMultipart(body, boundary);
      } catch (err) {
        ctx.partsError = (err as Error).message;
      }
    } else if (body.length > 0 && (/json/i.test(contentType) || path.startsWith('/__emulator/'))) {
      try {
        ctx.json = JSON.parse(body.toString('utf8'));
      } catch {
        ctx.jsonInvalid = true;
      }
    }

    if (path.startsWith('/__emulator/')) return control(ctx);
    if (method === 'GET' && path === '/') {
      return sendJson(ctx, 200, { name: 'SOAP Note API emulator', controls: '/__emulator/', url: emulator.url });
    }

    // See Faults.acceptThenDrop: no connection is reused while that fault waits for its request.
    if (faults.armed('acceptThenDrop')) res.setHeader('Connection', 'close');
    const { faults: f, queued } = faults.forRequest(path);
    ctx.f = f;
    record(ctx, queued);

    if (f.delayMs > 0) await sleep(f.delayMs, ctx.signal);
    if (ctx.signal.aborted) return;
    if (f.dropConnection) {
      req.socket.destroy();
      return;
    }
    if (f.acceptThenDrop) {
      // Every answer starts with writeHead: the handler does all its work, and its answer never leaves.
      res.writeHead = (() => {
        res.destroy(); // the socket too, and `res.destroyed` at once, so a stream writes nothing after
        return res;
      }) as typeof res.writeHead;
    }
    if (f.status !== undefined && f.status >= 400) {
      const fallback = errorFor(f.status);
      const headers: Record<string, string> =
        f.retryAfterSeconds !== undefined ? { 'Retry-After': String(f.retryAfterSeconds) } : {};
      return sendError(ctx, f.status, f.code ?? fallback.code, f.message ?? fallback.message, f.details ?? {}, headers);
    }
    if (f.malformedJson) {
      const text = '{"noteId":"note_emu_malformed","subjective":"[Chartside API emulator] this body stops mid-str';
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(text.length) });
      res.end(text);
      return;
    }

    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const handler = route.methods[method];
      if (!handler) {
        const allow = Object.keys(route.methods).join(', ');
        return sendError(ctx, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}. Use ${allow}.`, {}, { Allow: allow });
      }
      return handler(ctx, match[1] ?? '');
    }
    sendError(ctx, 404, 'NOT_FOUND', `No endpoint at ${method} ${path}.`);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (req.destroyed && !req.complete) return; // the client went away mid-upload
      // The error's name and stack only: never the request.
      console.error(`SOAP Note API emulator: internal error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) sendError({ res, f: { ...DEFAULT_FAULTS } as ResolvedFaults }, 500, 'INTERNAL_ERROR', 'Emulator error.');
      else res.destroy();
    });
  });

  function close(): Promise<void> {
    lifetime.abort();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  emulator.port = port;
  emulator.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return emulator;
}
