/**
 * The SSE stream of a note, with its faults: both event shapes, delta or cumulative chunks, line ends,
 * keep-alive comments, multi-line data, in-stream errors, cuts, and writes split at chosen byte offsets.
 *
 * Everything except the keep-alives sent while waiting for the first byte is built up front as a list
 * of segments, so a body split at `splitAt` offsets is byte-for-byte the body sent one event per write.
 */
import type { ServerResponse } from 'node:http';
import type { ResolvedFaults } from './faults.ts';
import { errorFor } from './faults.ts';
import type { Note, NoteRequest } from './notes.ts';

export interface Segment {
  kind: 'event' | 'comment' | 'error' | 'done';
  bytes: Buffer;
  section?: string;
}

export interface ChunkInfo {
  /** Which stream response this write belongs to (1, 2, … since the last reset). */
  stream: number;
  /** The write's position within its stream (0-based). */
  index: number;
  kind: Segment['kind'] | 'piece';
  section?: string;
  bytes: number;
  /** performance.timeOrigin + performance.now() when the write was handed to the socket. */
  t: number;
}

export interface BuiltStream {
  segments: Segment[];
  /** How the response ends: `done` after `[DONE]`, `error` after an error event, `cut` at `cutAfterEvents`. */
  ending: 'done' | 'error' | 'cut';
}

const SOAP = ['subjective', 'objective', 'assessment', 'plan'] as const;
const HEADINGS: Record<(typeof SOAP)[number], string> = {
  subjective: 'Subjective',
  objective: 'Objective',
  assessment: 'Assessment',
  plan: 'Plan',
};

/** Cuts text into pieces of about `size` characters, at word ends; a word longer than `size` is cut too. */
export function chunkText(text: string, size: number): string[] {
  const max = Math.max(1, Math.floor(size));
  const out: string[] = [];
  let current = '';
  for (const token of text.match(/\S+\s*|\s+/g) ?? []) {
    let chars = [...token];
    while (chars.length > max) {
      if (current) out.push(current);
      current = '';
      out.push(chars.slice(0, max).join(''));
      chars = chars.slice(max);
    }
    const rest = chars.join('');
    if (current && [...current].length + chars.length > max) {
      out.push(current);
      current = '';
    }
    current += rest;
  }
  if (current) out.push(current);
  return out;
}

/** The text of the `inline` shape: the four sections under their own headings. */
export function inlineText(note: Note): string {
  return SOAP.map((s) => `${HEADINGS[s]}:\n${note[s]}`).join('\n\n');
}

export function buildStream(note: Note, req: NoteRequest, f: ResolvedFaults): BuiltStream {
  const eol = f.lineEnding === 'crlf' ? '\r\n' : f.lineEnding === 'cr' ? '\r' : '\n';
  const frame = (lines: string[]) => Buffer.from(lines.map((l) => l + eol).join('') + eol, 'utf8');
  const dataLines = (payload: unknown) =>
    (f.multilineData ? JSON.stringify(payload, null, 2).split('\n') : [JSON.stringify(payload)]).map((l) => `data: ${l}`);

  // The data events, in order.
  const payloads: Array<{ payload: unknown; section?: string }> = [];
  const cumulative = f.chunkMode === 'cumulative';
  if (f.streamShape === 'inline') {
    let soFar = '';
    for (const piece of chunkText(inlineText(note), f.chunkSize)) {
      soFar += piece;
      payloads.push({ payload: { content: cumulative ? soFar : piece } });
    }
  } else {
    for (const section of SOAP) {
      let soFar = '';
      for (const piece of chunkText(note[section], f.chunkSize)) {
        soFar += piece;
        payloads.push({ payload: { section, content: cumulative ? soFar : piece }, section });
      }
    }
  }
  if (f.extras) {
    if (f.extras === true && note.billing_codes) {
      payloads.push({ payload: { section: 'billing_codes', content: note.billing_codes }, section: 'billing_codes' });
      if (note.billing_codes_disclaimer !== undefined) {
        payloads.push({
          payload: { section: 'billing_codes_disclaimer', content: note.billing_codes_disclaimer },
          section: 'billing_codes_disclaimer',
        });
      }
    }
    if (f.extras === true && req.include_patient_summary && note.patient_summary) {
      payloads.push({ payload: { section: 'patient_summary', content: note.patient_summary }, section: 'patient_summary' });
    }
    payloads.push({ payload: { noteId: note.noteId } });
  }

  const segments: Segment[] = [];
  let sent = 0;
  const stopHere = (): BuiltStream | undefined => {
    if (f.streamErrorAfterEvents !== undefined && sent >= f.streamErrorAfterEvents) {
      const error = { code: f.code ?? errorFor(500).code, message: f.message ?? 'Note generation failed mid-stream.', details: {} };
      segments.push({ kind: 'error', bytes: frame(['event: error', ...dataLines({ error })]) });
      return { segments, ending: 'error' };
    }
    if (f.cutAfterEvents !== undefined && sent >= f.cutAfterEvents) return { segments, ending: 'cut' };
    return undefined;
  };
  for (const { payload, section } of payloads) {
    const stopped = stopHere();
    if (stopped) return stopped;
    if (f.keepAliveComments && sent > 0) segments.push({ kind: 'comment', bytes: Buffer.from(`: keep-alive${eol}`) });
    segments.push({ kind: 'event', bytes: frame(dataLines(payload)), section });
    sent += 1;
  }
  const stopped = stopHere();
  if (stopped) return stopped;
  segments.push({ kind: 'done', bytes: frame(['data: [DONE]']) });
  return { segments, ending: 'done' };
}

/** Cuts a buffer at the given byte offsets (out-of-range and repeated offsets are ignored). */
export function splitBytes(bytes: Buffer, offsets: number[]): Buffer[] {
  const cuts = [...new Set(offsets)].filter((o) => o > 0 && o < bytes.length).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  return pieces;
}

export interface StreamHooks {
  signal: AbortSignal;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  onChunk: (info: Omit<ChunkInfo, 'stream'>) => void;
  /** Resolves when a held cut (`cutHeld`) may go ahead. */
  cutReleased: (signal: AbortSignal) => Promise<void>;
}

/** Sends a built stream on `res` (headers, first-byte wait, writes, ending). */
export async function writeStream(res: ServerResponse, built: BuiltStream, f: ResolvedFaults, hooks: StreamHooks): Promise<void> {
  const { signal, sleep } = hooks;
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    'Content-Type': f.wrongContentType ? 'text/html; charset=utf-8' : 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();

  let index = 0;
  const write = async (bytes: Buffer, kind: ChunkInfo['kind'], section?: string) => {
    if (signal.aborted || res.destroyed) return;
    const ok = res.write(bytes);
    hooks.onChunk({ index: index++, kind, section, bytes: bytes.length, t: performance.timeOrigin + performance.now() });
    if (!ok) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
  };
  const eol = f.lineEnding === 'crlf' ? '\r\n' : f.lineEnding === 'cr' ? '\r' : '\n';

  // Waiting for the "model": keep-alive comments while the first byte is held back.
  let waited = 0;
  while (waited < f.firstByteDelayMs && !signal.aborted) {
    const step = f.keepAliveComments ? Math.min(f.keepAliveIntervalMs, f.firstByteDelayMs - waited) : f.firstByteDelayMs - waited;
    await sleep(step, signal);
    waited += step;
    if (f.keepAliveComments && waited < f.firstByteDelayMs) await write(Buffer.from(`: keep-alive${eol}`), 'comment');
  }

  const cutBytes = f.cutAfterBytes;
  const ending = cutBytes !== undefined ? 'cut' : built.ending;
  if ((f.splitAt && f.splitAt.length > 0) || cutBytes !== undefined) {
    const body = Buffer.concat(built.segments.map((s) => s.bytes));
    const pieces = splitBytes(cutBytes !== undefined ? body.subarray(0, Math.max(0, cutBytes)) : body, f.splitAt ?? []);
    for (const [i, piece] of pieces.entries()) {
      // A few milliseconds apart so that the pieces reach the client as separate reads.
      if (i > 0) await sleep(Math.max(f.chunkDelayMs, 5), signal);
      await write(piece, 'piece');
    }
  } else {
    for (const [i, segment] of built.segments.entries()) {
      if (i > 0 && f.chunkDelayMs > 0 && segment.kind !== 'comment') await sleep(f.chunkDelayMs, signal);
      await write(segment.bytes, segment.kind, segment.section);
    }
  }

  if (signal.aborted || res.destroyed) return;
  if (ending === 'cut' && f.cutHeld) {
    await hooks.cutReleased(signal);
    if (signal.aborted || res.destroyed) return;
  }
  if (ending === 'cut' && f.cutMode === 'destroy') {
    // The cut must come after the bytes, however busy the machine: wait until Node has handed them
    // all to the kernel, then half-close (FIN) so the client reads them and only then finds the
    // response unfinished. Destroying at once could drop them, and the client would rightly retry
    // a stream that produced nothing.
    const socket = res.socket;
    while (socket && !socket.destroyed && socket.writableLength > 0) await sleep(5, signal);
    await sleep(10, signal);
    socket?.end();
    setTimeout(() => res.destroy(), 1_000).unref();
  } else {
    res.end();
  }
}
