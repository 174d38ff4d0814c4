import { InlineHeadingSplitter, type InlineHeadingOut } from '../note/inline-headings';
import { isCumulativeSnapshot, mergeSectionChunk } from '../note/merge';
import type { SoapSection } from '../note/sections';
import { errorFromStreamPayload } from './errors';
import { readSseMessages } from './sse';
import type { NoteStreamEvent } from './stream-events';

/**
 * Decodes the body of POST /v1/stream/note into NoteStreamEvents (see "The stream" in CONTRACT.md).
 *
 * - `data: [DONE]` → `done`, and the generator returns.
 * - `event: error`, or a data object with an `error` key → `error`, and the generator returns.
 * - `{section, content}` → a `section` event in `auto` mode (delta or cumulative snapshot), or an
 *   `extra` event for a section beyond S/O/A/P that we understand; unknown sections are ignored.
 * - `{content}` without a section: text with inline headings, split by InlineHeadingSplitter into
 *   `append` deltas; a cumulative snapshot of that text only feeds its new suffix.
 * - Top-level known fields of any data object (noteId, billing_codes, …) → `extra` events; a data
 *   object without `content` that carries S/O/A/P fields (a whole note) → `auto` section events.
 * - Non-JSON data and anything not understood is ignored. Text held back by the splitter is released
 *   before `done`, before `error`, and when the body ends (a body that ends without `[DONE]` simply
 *   ends: the caller marks the note incomplete).
 *
 * Extra values are whole values (the latest replaces the previous one): chunked string extras sent as
 * `{section: "patient_summary", content}` are merged here first.
 */
export async function* decodeNoteStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<NoteStreamEvent, void, undefined> {
  const decoder = new NoteStreamDecoderState();
  for await (const message of readSseMessages(body, signal)) {
    const events = decoder.message(message.event, message.data);
    for (const ev of events) yield ev;
    if (decoder.finished) return;
  }
  for (const ev of decoder.end()) yield ev;
}

const SOAP_BY_NAME: Record<string, SoapSection> = {
  subjective: 'subjective',
  objective: 'objective',
  assessment: 'assessment',
  plan: 'plan',
  s: 'subjective',
  o: 'objective',
  a: 'assessment',
  p: 'plan',
  assessment_and_plan: 'assessment',
};

/** Extra section/field names we understand → the API's field name. */
const EXTRA_BY_NAME: Record<string, string> = {
  noteid: 'noteId',
  note_id: 'noteId',
  billing_codes: 'billing_codes',
  billingcodes: 'billing_codes',
  billing_codes_disclaimer: 'billing_codes_disclaimer',
  billingcodesdisclaimer: 'billing_codes_disclaimer',
  patient_summary: 'patient_summary',
  patientsummary: 'patient_summary',
  expires_at: 'expires_at',
  expiresat: 'expires_at',
};

/** Extras whose text may arrive in pieces (merged like a section), as opposed to atomic values. */
const TEXT_EXTRAS = new Set(['patient_summary', 'billing_codes_disclaimer']);

/** Top-level fields of a data object that are extras (exact API spellings, plus note_id). */
const TOP_LEVEL_EXTRAS: ReadonlyArray<readonly [string, string]> = [
  ['noteId', 'noteId'],
  ['note_id', 'noteId'],
  ['billing_codes', 'billing_codes'],
  ['billing_codes_disclaimer', 'billing_codes_disclaimer'],
  ['patient_summary', 'patient_summary'],
  ['expires_at', 'expires_at'],
];

const SOAP_FIELDS: readonly SoapSection[] = ['subjective', 'objective', 'assessment', 'plan'];

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The decoder's state machine, separate from the byte reading so it can be tested message by message. */
export class NoteStreamDecoderState {
  finished = false;
  private readonly splitter = new InlineHeadingSplitter();
  /** All `{content}` (shape 2) text so far, to recognise cumulative snapshots. */
  private inlineSoFar = '';
  /** Text extras sent in pieces, merged so far. */
  private readonly extraText = new Map<string, string>();

  /** The events for one SSE message. After a `done` or `error` event, `finished` is true. */
  message(eventName: string | undefined, data: string): NoteStreamEvent[] {
    if (this.finished) return [];
    if (eventName === 'error') {
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        payload = { error: data };
      }
      if (!isRecord(payload)) payload = { error: typeof payload === 'string' ? payload : data };
      return this.finish({ type: 'error', error: errorFromStreamPayload(payload) });
    }
    if (data.trim() === '[DONE]') return this.finish({ type: 'done' });

    let obj: unknown;
    try {
      obj = JSON.parse(data);
    } catch {
      return [];
    }
    if (!isRecord(obj)) return [];
    if (obj.error !== undefined && obj.error !== null && obj.error !== false) {
      return this.finish({ type: 'error', error: errorFromStreamPayload(obj) });
    }

    const out: NoteStreamEvent[] = [];
    for (const [field, key] of TOP_LEVEL_EXTRAS) {
      const value = obj[field];
      if (value === undefined || value === null) continue;
      if (TEXT_EXTRAS.has(key) && typeof value === 'string') this.extraText.set(key, value);
      out.push({ type: 'extra', key, value });
    }

    const content = obj.content;
    if (typeof obj.section === 'string') {
      this.sectionChunk(obj.section, content, out);
    } else if (typeof content === 'string') {
      this.inlineChunk(content, out);
    } else if (content === undefined) {
      // A whole note as one object: its S/O/A/P fields, merged like snapshots.
      for (const s of SOAP_FIELDS) {
        const v = obj[s];
        if (typeof v === 'string' && v !== '') out.push({ type: 'section', section: s, content: v, mode: 'auto' });
      }
    }
    return out;
  }

  /** The body ended without `[DONE]`: release what the splitter held back. */
  end(): NoteStreamEvent[] {
    if (this.finished) return [];
    this.finished = true;
    return this.flush([]);
  }

  private finish(last: NoteStreamEvent): NoteStreamEvent[] {
    this.finished = true;
    const out = this.flush([]);
    out.push(last);
    return out;
  }

  private flush(out: NoteStreamEvent[]): NoteStreamEvent[] {
    this.emit(this.splitter.end(), out);
    return out;
  }

  private sectionChunk(name: string, content: unknown, out: NoteStreamEvent[]): void {
    const normalised = normaliseName(name);
    const soap = SOAP_BY_NAME[normalised];
    if (soap !== undefined) {
      if (typeof content === 'string' && content !== '') out.push({ type: 'section', section: soap, content, mode: 'auto' });
      return;
    }
    const key = EXTRA_BY_NAME[normalised] ?? EXTRA_BY_NAME[normalised.replace(/_/g, '')];
    if (key === undefined || content === undefined || content === null) return;
    if (TEXT_EXTRAS.has(key) && typeof content === 'string') {
      const merged = mergeSectionChunk(this.extraText.get(key) ?? '', content, 'auto');
      this.extraText.set(key, merged);
      out.push({ type: 'extra', key, value: merged });
      return;
    }
    out.push({ type: 'extra', key, value: content });
  }

  private inlineChunk(content: string, out: NoteStreamEvent[]): void {
    if (content === '') return;
    // A cumulative snapshot repeats all the text so far: feed only what is new.
    let fresh = content;
    if (isCumulativeSnapshot(this.inlineSoFar, content)) {
      fresh = content.slice(this.inlineSoFar.length);
      this.inlineSoFar = content;
    } else {
      this.inlineSoFar += content;
    }
    if (fresh === '') return;
    this.emit(this.splitter.push(fresh), out);
  }

  private emit(parts: InlineHeadingOut[], out: NoteStreamEvent[]): void {
    for (const part of parts) {
      if (part.kind === 'section') {
        out.push({ type: 'section', section: part.section, content: part.text, mode: 'append' });
      } else {
        if (TEXT_EXTRAS.has(part.key)) this.extraText.set(part.key, part.text);
        out.push({ type: 'extra', key: part.key, value: part.text });
      }
    }
  }
}
