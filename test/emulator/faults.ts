import type { AudioFieldReading } from './audio.ts';
/**
 * Fault injection for the emulator: the knobs a test turns to make the fake API misbehave.
 *
 * Sticky faults (`setFaults`) apply to every request until changed; queued faults (`queueFault`) are
 * one-shot and apply, in order, to the next request whose path starts with their `path`, merged over
 * the sticky ones. `/__emulator/*` control calls and CORS preflights never consume faults.
 */

export type StreamShape = 'sections' | 'inline';
export type ChunkMode = 'delta' | 'cumulative';
export type LineEnding = 'lf' | 'crlf' | 'cr';
export type SpecialtiesShape = 'ids' | 'objects' | 'wrapped' | 'valueLabel';

export interface Faults {
  // ── Any endpoint ──────────────────────────────────────────────────────────────────────────────
  /** Answer with this HTTP status (≥ 400) and an error body instead of handling the request. */
  status?: number;
  /**
   * Error code for `status` / `streamErrorAfterEvents` / `foreignNote` (default: the contract's code for
   * the status). Any text: a body whose code and status disagree (403 + `NOT_OWNER`, 500 +
   * `VALIDATION_ERROR`, 403 + `INSUFFICIENT_BALANCE`) is how a client that decides by status goes wrong.
   */
  code?: string;
  /** Error message for `status` / `streamErrorAfterEvents` (default: a fixed text per code). */
  message?: string;
  /** The error body's `details` with a `status` fault (default `{}`): a 400 naming the field it refused. */
  details?: Record<string, unknown> | unknown[];
  /** Sends `Retry-After: n` with a `status` fault. */
  retryAfterSeconds?: number;
  /** Waits this long before answering at all. */
  delayMs?: number;
  /** 200 with a truncated, unparseable JSON body. */
  malformedJson?: boolean;
  /** The normal response, labelled `Content-Type: text/html; charset=utf-8`. */
  wrongContentType?: boolean;
  /** Destroys the socket without any response (after `delayMs`). */
  dropConnection?: boolean;
  /**
   * Handles the request in full (an upload makes its job and is in `uploads`, a note is made and kept),
   * then destroys the socket instead of answering: the server took the request, the client never hears.
   * What a billed request must not be sent again after. While it is set or queued, every answer says
   * `Connection: close` and setting it closes idle connections, so the dropped request is the first on
   * its connection: a browser silently repeats a request once when a *reused* keep-alive connection
   * closes without an answer (Chromium does), which would hide what the client itself does.
   */
  acceptThenDrop?: boolean;

  // ── POST /v1/stream/note ──────────────────────────────────────────────────────────────────────
  /** `sections` (default): `{"section","content"}` events; `inline`: `{"content"}` with inline headings. */
  streamShape?: StreamShape;
  /** `delta` (default): each event adds text; `cumulative`: each event repeats the text so far, extended. */
  chunkMode?: ChunkMode;
  /** Characters per event, cut at word ends when possible (default 24). */
  chunkSize?: number;
  /** Wait after the headers before the first body byte (default 0). */
  firstByteDelayMs?: number;
  /** Wait between writes (default 0). */
  chunkDelayMs?: number;
  /** Stop after this many data events, without `[DONE]`. */
  cutAfterEvents?: number;
  /** How `cutAfterEvents` stops: `destroy` the socket (default) or `end` the response cleanly. */
  cutMode?: 'destroy' | 'end';
  /**
   * With `cutAfterEvents` / `cutAfterBytes`: the bytes are sent, then the cut waits for `releaseCuts()`.
   * A test first sees in the page that what was sent arrived, then cuts. Without it, a busy machine can
   * let the cut overtake the bytes: Chromium drops body bytes the page has not read yet when the
   * connection fails, so the client rightly reports a stream that produced nothing.
   */
  cutHeld?: boolean;
  /**
   * Send only the body's first n bytes, then stop as `cutMode` says: a connection lost part-way through
   * an event (or a multi-byte character), which `cutAfterEvents` cannot do. Written as one piece, or
   * in `splitAt` pieces.
   */
  cutAfterBytes?: number;
  /** Write the body in pieces cut at these byte offsets (of the whole body), not one write per event. */
  splitAt?: number[];
  /** SSE line ends (default `lf`). */
  lineEnding?: LineEnding;
  /** `: keep-alive` comment lines between events and every `keepAliveIntervalMs` while waiting for the first byte. */
  keepAliveComments?: boolean;
  /** Default 1000. */
  keepAliveIntervalMs?: number;
  /** Pretty-prints each JSON payload over several `data:` lines. */
  multilineData?: boolean;
  /** After this many data events: `event: error` + `data: {"error":{…}}`, then the response ends (no `[DONE]`). */
  streamErrorAfterEvents?: number;
  /**
   * The billing codes' disclaimer, in every note that has codes (stream and JSON): a text replaces the
   * documented one, `false` leaves it out (the client must then show the contract's default).
   */
  billingDisclaimer?: string | false;
  /**
   * Billing codes / patient summary (when requested) and `{"noteId"}` events after the sections (default
   * true). `false`: the four sections only, no id. `id-only`: the id but not the codes or summary (they
   * are still kept with the note, for GET /v1/note/:noteId). Audio answers too: `false` makes a note
   * without the codes or summary (GET /v1/note/:noteId has none either); `id-only` leaves them out of a
   * 200 answer only (a 202's note is read by GET, which has them).
   */
  extras?: boolean | 'id-only';
  /** The stream endpoint answers 404 or 405 (so the client falls back to POST /v1/note). */
  streamStatus?: 404 | 405;
  /** The stream endpoint answers with the whole JSON note, as a buffering proxy would. */
  streamContentType?: 'application/json';

  // ── Audio ─────────────────────────────────────────────────────────────────────────────────────
  /**
   * Force 200 (`sync`) or 202 + polling (`async`); default: async when the audio is over
   * `audioAsyncOverBytes` or decodes to `audioAsyncAtSeconds` or longer.
   */
  audioMode?: 'sync' | 'async';
  /** Default 1 MiB. */
  audioAsyncOverBytes?: number;
  /** Default 1800 (the vendor's 30 minutes). */
  audioAsyncAtSeconds?: number;
  /** Accept the audio without running ffprobe (for tests that upload placeholder bytes); recorded as `skipped`. */
  skipAudioDecode?: boolean;
  /** Larger uploads are accepted without ffprobe, recorded as `skipped` (default 64 MiB). */
  audioDecodeMaxBytes?: number;
  /** POST /v1/note/audio answers 404 or 405: a PUT-only server. */
  audioPostStatus?: 404 | 405;
  /** PUT /v1/note/audio answers 404 or 405: a POST-only server (the client repeats the upload as POST). */
  audioPutStatus?: 404 | 405;
  /**
   * What POST /v1/note/audio reads: `all` (default) the plain fields and `metadata`; `plain` ignores
   * `metadata`; `documented` reads only `specialty` and `template`, as the API reference documents it
   * (context, instructions, flags and the transcript request are all lost). PUT always reads `metadata`.
   */
  audioPostReads?: AudioFieldReading;
  /** Status polls answered `processing` before the note completes (default 2). Ignored when `asyncMs` is set. */
  asyncPolls?: number;
  /** Processing lasts this long instead of a number of polls. */
  asyncMs?: number;
  /** The async job ends `failed` instead of `completed`. */
  asyncFail?: boolean;
  /** The failed job's message (default: a fixed transcription-failure text). */
  asyncFailMessage?: string;
  /** The async job stays `processing`, whatever the polls or time, until `completeJob` / `failJob`. */
  asyncHold?: boolean;

  // ── GET /v1/note/:noteId, GET /v1/audio/status/:noteId ────────────────────────────────────────
  /**
   * The note exists but another key made it: 403 with `code` (default `NOT_OWNER`), the vendor's other
   * meaning of a 403 besides a revoked key.
   */
  foreignNote?: boolean;

  // ── GET /v1/specialties ───────────────────────────────────────────────────────────────────────
  /** `objects` (default) `[{id,name}]`, `ids` `["…"]`, `wrapped` `{specialties:[{id,name}]}`, `valueLabel` `[{value,label}]`. */
  specialtiesShape?: SpecialtiesShape;
  /** GET /v1/specialties refuses a request without a valid key (the vendor's is public). */
  specialtiesNeedKey?: boolean;
}

/** A one-shot fault; `path` restricts it to requests whose path starts with it. */
export type QueuedFault = Faults & { path?: string };

export const DEFAULT_FAULTS = {
  delayMs: 0,
  streamShape: 'sections',
  chunkMode: 'delta',
  chunkSize: 24,
  firstByteDelayMs: 0,
  chunkDelayMs: 0,
  cutMode: 'destroy',
  lineEnding: 'lf',
  keepAliveIntervalMs: 1000,
  extras: true,
  audioAsyncOverBytes: 1024 * 1024,
  audioAsyncAtSeconds: 30 * 60,
  audioDecodeMaxBytes: 64 * 1024 * 1024,
  asyncPolls: 2,
  specialtiesShape: 'objects',
} as const satisfies Faults;

export type ResolvedFaults = Omit<Faults, keyof typeof DEFAULT_FAULTS> & {
  [K in keyof typeof DEFAULT_FAULTS]-?: NonNullable<Faults[K]>;
};

export interface FaultState {
  setSticky(f: Faults): void;
  getSticky(): Faults;
  enqueue(f: QueuedFault): void;
  /** Whether a sticky or a still-queued fault sets `key`. */
  armed(key: keyof Faults): boolean;
  /** The faults for one request: defaults, then sticky, then the first matching queued fault (consumed). */
  forRequest(path: string): { faults: ResolvedFaults; queued?: QueuedFault };
  clear(): void;
}

export function createFaultState(): FaultState {
  let sticky: Faults = {};
  const queue: QueuedFault[] = [];
  return {
    setSticky(f) {
      sticky = { ...f };
    },
    getSticky: () => ({ ...sticky }),
    enqueue(f) {
      queue.push({ ...f });
    },
    armed: (key) => sticky[key] !== undefined && sticky[key] !== false ? true : queue.some((q) => q[key] !== undefined && q[key] !== false),
    forRequest(path) {
      const i = queue.findIndex((q) => q.path === undefined || path.startsWith(q.path));
      const queued = i >= 0 ? queue.splice(i, 1)[0] : undefined;
      const { path: _path, ...oneShot }: QueuedFault = queued ?? {};
      const faults = { ...DEFAULT_FAULTS, ...dropUndefined(sticky), ...dropUndefined(oneShot) } as ResolvedFaults;
      return { faults, queued };
    },
    clear() {
      sticky = {};
      queue.length = 0;
    },
  };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The contract's error code and a plain default message for each status. */
export const ERROR_FOR_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'VALIDATION_ERROR', message: 'The request is invalid.' },
  401: { code: 'AUTHENTICATION_ERROR', message: 'The API key is missing or invalid.' },
  403: { code: 'AUTHORIZATION_ERROR', message: 'The API key has been revoked.' },
  404: { code: 'NOT_FOUND', message: 'The requested resource was not found.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'This method is not allowed on this endpoint.' },
  409: { code: 'CONFLICT', message: 'API key limit reached.' },
  429: { code: 'INSUFFICIENT_BALANCE', message: 'Insufficient balance. Add funds at your dashboard before retrying.' },
  500: { code: 'INTERNAL_ERROR', message: 'An internal error occurred.' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable.' },
};

export function errorFor(status: number): { code: string; message: string } {
  return ERROR_FOR_STATUS[status] ?? { code: status >= 500 ? 'INTERNAL_ERROR' : 'ERROR', message: `HTTP ${status}` };
}
