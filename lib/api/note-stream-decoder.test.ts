import { describe, expect, it } from 'vitest';
import { cutAt as cut, seededRandom, streamOf } from '../../test/support/stream-cuts';
import { applyStreamEvent, markStreamEnded } from '../note/merge';
import { emptyNoteState, type NoteState } from '../note/note-state';
import { emptySections, type NoteSections } from '../note/sections';
import { ApiError } from './errors';
import { decodeNoteStream } from './note-stream-decoder';
import type { NoteStreamEvent } from './stream-events';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const enc = new TextEncoder();

interface Sse {
  event?: string;
  data: string;
}

type LineEnd = '\n' | '\r\n' | '\r';

interface WireOptions {
  nl?: LineEnd;
  /** A `: keep-alive` comment before every event. */
  comments?: boolean;
  /** JSON data pretty-printed over several `data:` lines. */
  multiline?: boolean;
}

/** SSE wire text for the messages. */
function wire(messages: Sse[], opts: WireOptions = {}): string {
  const nl = opts.nl ?? '\n';
  let out = '';
  for (const m of messages) {
    if (opts.comments) out += `: keep-alive${nl}`;
    if (m.event !== undefined) out += `event: ${m.event}${nl}`;
    let data = m.data;
    if (opts.multiline && data.startsWith('{')) data = JSON.stringify(JSON.parse(data), null, 1);
    for (const line of data.split('\n')) out += `data: ${line}${nl}`;
    out += nl;
  }
  return out;
}

const json = (obj: unknown): Sse => ({ data: JSON.stringify(obj) });
const DONE: Sse = { data: '[DONE]' };

async function events(body: ReadableStream<Uint8Array>): Promise<NoteStreamEvent[]> {
  const out: NoteStreamEvent[] = [];
  for await (const ev of decodeNoteStream(body)) out.push(ev);
  return out;
}

function fold(evs: NoteStreamEvent[]): NoteState {
  let state = emptyNoteState();
  for (const ev of evs) state = applyStreamEvent(state, ev);
  return markStreamEnded(state);
}

async function decode(chunks: Uint8Array[]): Promise<NoteState> {
  return fold(await events(streamOf(chunks)));
}

const decodeText = (text: string, offsets: number[] = []) => decode(cut(enc.encode(text), offsets));
const decodeMessages = (messages: Sse[], opts?: WireOptions) => decodeText(wire(messages, opts));

/** A comparable summary of a note state (the ApiError reduced to its kind). */
/** Cuts `text` into non-empty pieces at the given character offsets. */
const pieces = (text: string, offsets: number[]) => cut(text, offsets).filter((p) => p !== '');

function summary(state: NoteState) {
  return { sections: state.sections, extras: state.extras, status: state.status, error: state.error?.kind };
}

function sections(partial: Partial<NoteSections>): NoteSections {
  return { ...emptySections(), ...partial };
}

// ---------------------------------------------------------------------------------------------
// Realistic streams
// ---------------------------------------------------------------------------------------------

const BILLING = {
  icd10: [{ code: 'J20.9', description: 'Acute bronchitis, unspecified' }],
  cpt: [{ code: '99213', description: 'Office visit, established patient' }],
};

const EXPECTED_SECTIONS = sections({
  subjective: 'Patient reports a cough for 3 days, worse at night. Drank café au lait; no fever 🤒.',
  objective: 'Temp 37.9 °C. Lungs: scattered rhonchi.\nSpO₂ 98 %.',
  assessment: 'Acute bronchitis — likely viral.',
  plan: 'Rest and fluids 💧.\nPlanned follow up in 1 week if not better.',
});

const EXPECTED_EXTRAS = {
  noteId: 'note_ü123',
  billing_codes: BILLING,
  billing_codes_disclaimer: 'Recommended codes for review.',
  patient_summary: 'You have a chest cold. Rest and drink water.',
  expires_at: '2026-03-01T00:00:00Z',
};

/** Shape 1: `{section, content}` deltas, several per section. */
function shape1Messages(): Sse[] {
  const out: Sse[] = [json({ noteId: EXPECTED_EXTRAS.noteId })];
  for (const [section, text] of Object.entries(EXPECTED_SECTIONS)) {
    const cuts = [7, 19, 33].filter((c) => c < text.length);
    for (const p of pieces(text, cuts)) out.push(json({ section, content: p }));
  }
  out.push(json({ section: 'billing_codes', content: JSON.stringify(BILLING) }));
  out.push(json({ section: 'billing_codes_disclaimer', content: EXPECTED_EXTRAS.billing_codes_disclaimer }));
  out.push(json({ section: 'patient_summary', content: 'You have a chest cold. ' }));
  out.push(json({ section: 'patient_summary', content: 'Rest and drink water.' }));
  out.push(json({ expires_at: EXPECTED_EXTRAS.expires_at }));
  out.push(DONE);
  return out;
}

const INLINE_TEXT =
  `**Subjective:**\n${EXPECTED_SECTIONS.subjective}\n\n` +
  `## Objective\n${EXPECTED_SECTIONS.objective}\n\n` +
  `ASSESSMENT: ${EXPECTED_SECTIONS.assessment}\n\n` +
  `Plan:\n${EXPECTED_SECTIONS.plan}\n\n` +
  `Patient summary:\n${EXPECTED_EXTRAS.patient_summary}\n`;

/** Shape 2: `{content}` pieces of text with inline headings, cut mid-heading too. */
function shape2Messages(): Sse[] {
  const cuts: number[] = [];
  for (let i = 5; i < INLINE_TEXT.length; i += 11) cuts.push(i);
  const out: Sse[] = pieces(INLINE_TEXT, cuts).map((p) => json({ content: p }));
  out.splice(3, 0, json({ noteId: EXPECTED_EXTRAS.noteId, expires_at: EXPECTED_EXTRAS.expires_at }));
  out.push(json({ billing_codes: BILLING, billing_codes_disclaimer: EXPECTED_EXTRAS.billing_codes_disclaimer }));
  out.push(DONE);
  return out;
}

/** Both shapes in one stream: inline text for S and O, sections for A and P, extras both ways. */
function mixedMessages(): Sse[] {
  const inline = `Subjective:\n${EXPECTED_SECTIONS.subjective}\n\nObjective:\n${EXPECTED_SECTIONS.objective}\n`;
  const out: Sse[] = pieces(inline, [3, 14, 40, 70, 95, 101]).map((p) => json({ content: p }));
  out.push(json({ section: 'Assessment', content: EXPECTED_SECTIONS.assessment }));
  out.push(json({ section: 'PLAN', content: EXPECTED_SECTIONS.plan.slice(0, 10) }));
  // A cumulative snapshot of plan.
  out.push(json({ section: 'plan', content: EXPECTED_SECTIONS.plan }));
  out.push(json({ content: `\n\nPatient summary:\n${EXPECTED_EXTRAS.patient_summary}` }));
  out.push(json({ noteId: EXPECTED_EXTRAS.noteId, expires_at: EXPECTED_EXTRAS.expires_at }));
  out.push(json({ section: 'billing_codes', content: BILLING }));
  out.push(json({ section: 'billing_codes_disclaimer', content: EXPECTED_EXTRAS.billing_codes_disclaimer }));
  out.push(DONE);
  return out;
}

const EXPECTED = { sections: EXPECTED_SECTIONS, extras: EXPECTED_EXTRAS, status: 'complete', error: undefined };

const SHAPES: Array<[string, () => Sse[]]> = [
  ['shape 1 ({section, content})', shape1Messages],
  ['shape 2 ({content} with inline headings)', shape2Messages],
  ['mixed shapes', mixedMessages],
];

const LINE_ENDS: Array<[string, LineEnd]> = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
];

// ---------------------------------------------------------------------------------------------
// Split invariance
// ---------------------------------------------------------------------------------------------

describe('decodeNoteStream: the same note however the bytes are split', () => {
  for (const [shapeName, messages] of SHAPES) {
    for (const [nlName, nl] of LINE_ENDS) {
      it(`${shapeName}, ${nlName}, keep-alives and multi-line data: every split point and 300 random multi-splits`, async () => {
        const bytes = enc.encode(wire(messages(), { nl, comments: true, multiline: true }));
        const want = JSON.stringify(EXPECTED);
        expect(summary(await decode([bytes]))).toEqual(EXPECTED);
        for (let i = 0; i <= bytes.length; i++) {
          const got = summary(await decode(cut(bytes, [i])));
          if (JSON.stringify(got) !== want) expect(got, `split at ${i}`).toEqual(EXPECTED);
        }
        const rnd = seededRandom(bytes.length * 31 + nl.length);
        for (let k = 0; k < 300; k++) {
          const n = 2 + Math.floor(rnd() * 40);
          const offsets = Array.from({ length: n }, () => Math.floor(rnd() * (bytes.length + 1))).sort((a, b) => a - b);
          const got = summary(await decode(cut(bytes, offsets)));
          if (JSON.stringify(got) !== want) expect(got, `split at ${offsets.join(',')}`).toEqual(EXPECTED);
        }
      });
    }
  }

  it('every 1- and 2-split of a short stream in both shapes, with CRLF, comments, multi-line data and UTF-8', async () => {
    const text =
      ': keep-alive\r\n\r\n' +
      'data: {"content":"Subj"}\r\n\r\n' +
      'data: {"content":"ective: é 😀\\n\\nPl"}\r\n\r\n' +
      ': ping\r\n' +
      'data: {"section":"plan",\r\ndata: "content":"ü"}\r\n\r\n' +
      'data: {"content":"an: rest"}\r\r' +
      'data: [DONE]\n\n';
    const expected = {
      sections: sections({ subjective: 'é 😀', plan: 'ürest' }),
      extras: {},
      status: 'complete',
      error: undefined,
    };
    const bytes = enc.encode(text);
    const want = JSON.stringify(expected);
    expect(summary(await decode([bytes]))).toEqual(expected);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        const got = summary(await decode(cut(bytes, [i, j])));
        if (JSON.stringify(got) !== want) expect(got, `split at ${i}, ${j}`).toEqual(expected);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Shape 1
// ---------------------------------------------------------------------------------------------

describe('decodeNoteStream: {section, content}', () => {
  it('yields auto-mode section events, extras and done', async () => {
    const evs = await events(
      streamOf([
        enc.encode(
          wire([
            json({ section: 'subjective', content: 'Cough.' }),
            json({ section: 'noteId', content: 'n1' }),
            json({ section: 'billing_codes', content: JSON.stringify(BILLING) }),
            DONE,
          ]),
        ),
      ]),
    );
    expect(evs).toEqual([
      { type: 'section', section: 'subjective', content: 'Cough.', mode: 'auto' },
      { type: 'extra', key: 'noteId', value: 'n1' },
      { type: 'extra', key: 'billing_codes', value: JSON.stringify(BILLING) },
      { type: 'done' },
    ]);
    expect(fold(evs).extras.billing_codes).toEqual(BILLING);
  });

  it('matches section names case-insensitively, and the letters S, O, A, P', async () => {
    const state = await decodeMessages([
      json({ section: 'SUBJECTIVE', content: 'a' }),
      json({ section: 'Objective', content: 'b' }),
      json({ section: 'A', content: 'c' }),
      json({ section: 'p', content: 'd' }),
      json({ section: 'Patient Summary', content: 'e' }),
      json({ section: 'note_id', content: 'n2' }),
    ]);
    expect(state.sections).toEqual(sections({ subjective: 'a', objective: 'b', assessment: 'c', plan: 'd' }));
    expect(state.extras).toEqual({ patient_summary: 'e', noteId: 'n2' });
  });

  it('replaces on cumulative snapshots instead of duplicating', async () => {
    const state = await decodeMessages([
      json({ section: 'plan', content: 'Rest' }),
      json({ section: 'plan', content: 'Rest and fluids.' }),
      json({ section: 'plan', content: ' Return if worse.' }),
      json({ section: 'plan', content: 'Rest and fluids. Return if worse.' }),
      json({ section: 'patient_summary', content: 'You have' }),
      json({ section: 'patient_summary', content: 'You have a cold.' }),
      DONE,
    ]);
    expect(state.sections.plan).toBe('Rest and fluids. Return if worse.');
    expect(state.extras.patient_summary).toBe('You have a cold.');
  });

  it('ignores unknown sections and keys, non-JSON data and JSON that is not an object', async () => {
    const state = await decodeMessages([
      json({ section: 'vitals', content: 'BP 120/80' }),
      json({ section: 'subjective', content: 'Cough.' }),
      json({ type: 'heartbeat' }),
      json({ section: 'plan', content: 42 }),
      { data: 'hello there' },
      { data: '{"section": "plan", "content": "trunc' },
      { data: '[1,2,3]' },
      { data: '"Subjective: x"' },
      { data: 'null' },
      { event: 'ping', data: '{}' },
      json({ section: 'objective', content: 'Clear.', future_field: { a: 1 } }),
      DONE,
    ]);
    expect(summary(state)).toEqual({
      sections: sections({ subjective: 'Cough.', objective: 'Clear.' }),
      extras: {},
      status: 'complete',
      error: undefined,
    });
  });

  it('reads known top-level fields of any data object, and a whole note object', async () => {
    const state = await decodeMessages([
      json({ noteId: 'n3', expires_at: '2026-01-01T00:00:00Z', billing_codes_disclaimer: 'Check.' }),
      json({ section: 'subjective', content: 'Cough', patient_summary: 'Rest up.' }),
      json({ noteId: 'n3', subjective: 'Cough for 2 days.', objective: 'Clear.', assessment: 'URI.', plan: 'Rest.' }),
      DONE,
    ]);
    expect(summary(state)).toEqual({
      sections: sections({ subjective: 'Cough for 2 days.', objective: 'Clear.', assessment: 'URI.', plan: 'Rest.' }),
      extras: { noteId: 'n3', expires_at: '2026-01-01T00:00:00Z', billing_codes_disclaimer: 'Check.', patient_summary: 'Rest up.' },
      status: 'complete',
      error: undefined,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Shape 2
// ---------------------------------------------------------------------------------------------

describe('decodeNoteStream: {content} with inline headings', () => {
  it('yields append-mode deltas split by headings', async () => {
    const evs = await events(
      streamOf([enc.encode(wire([json({ content: 'Subjective:\nCough.\n\nPl' }), json({ content: 'an: Rest.' }), DONE]))]),
    );
    expect(evs).toEqual([
      { type: 'section', section: 'subjective', content: 'Cough.', mode: 'append' },
      { type: 'section', section: 'plan', content: 'Rest.', mode: 'append' },
      { type: 'done' },
    ]);
  });

  it('splits a heading cut at every offset across two events', async () => {
    const text = 'Subjective:\nCough.\n\n**Objective:**\nClear.\n\n## Assessment\nURI.\n\nPlan: Rest.\nPlanned recheck.';
    const expected = sections({ subjective: 'Cough.', objective: 'Clear.', assessment: 'URI.', plan: 'Rest.\nPlanned recheck.' });
    for (let i = 0; i <= text.length; i++) {
      const state = await decodeMessages([json({ content: text.slice(0, i) }), json({ content: text.slice(i) }), DONE]);
      expect(state.sections, `cut at ${i}`).toEqual(expected);
    }
  });

  it('puts text without headings in subjective', async () => {
    const state = await decodeMessages([json({ content: '\n\nPatient is ' }), json({ content: 'well.\n' }), DONE]);
    expect(state.sections).toEqual(sections({ subjective: 'Patient is well.' }));
  });

  it('feeds only the new suffix of cumulative snapshots', async () => {
    const full = 'Subjective:\nCough for 3 days.\n\nPlan:\nRest and fluids.';
    const snapshots = [12, 20, 33, 36, 44, full.length, full.length].map((n) => json({ content: full.slice(0, n) }));
    const state = await decodeMessages([...snapshots, DONE]);
    expect(state.sections).toEqual(sections({ subjective: 'Cough for 3 days.', plan: 'Rest and fluids.' }));
  });

  it('handles 2,000 one-character events', async () => {
    const base = 'Subjective:\nAaa bbb.\n\n**Objective:**\nCcc.\n\nAssessment: Ddd.\n\nPlan:\nEee ffff.\n';
    let text = base;
    while (text.length < 2000) text += `Planned item ${text.length}.\n`;
    text = text.slice(0, 2000);
    const whole = await decodeMessages([json({ content: text }), DONE]);
    const oneByOne = await decodeMessages([...[...text].map((c) => json({ content: c })), DONE]);
    expect(oneByOne.sections).toEqual(whole.sections);
    expect(whole.sections.subjective).toBe('Aaa bbb.');
    expect(whole.sections.plan.startsWith('Eee ffff.\nPlanned item')).toBe(true);
  });

  it('decodes a 100,000-character note in 2,000 events quickly, in both shapes', async () => {
    const para = 'The patient describes symptoms in detail; é and 😀 included. Planned review. ';
    let text = '';
    for (const h of ['Subjective', 'Objective', 'Assessment', 'Plan']) {
      text += `${h}:\n`;
      for (let i = 0; i < 330; i++) text += para + (i % 4 === 3 ? '\n' : '');
      text += '\n\n';
    }
    expect(text.length).toBeGreaterThan(100_000);
    const size = Math.ceil(text.length / 2000);
    const inline = pieces(text, Array.from({ length: 1999 }, (_, i) => (i + 1) * size).filter((o) => o < text.length));
    const t0 = performance.now();
    const state = await decodeMessages([...inline.map((p) => json({ content: p })), DONE]);
    const t1 = performance.now();
    expect(state.sections.plan.length).toBeGreaterThan(24_000);
    expect(state.sections.subjective.startsWith('The patient')).toBe(true);
    // Shape 1 with the same sections, 500 deltas each.
    const msgs: Sse[] = [];
    for (const [section, body] of Object.entries(state.sections)) {
      const n = Math.ceil(body.length / 500);
      for (let i = 0; i < body.length; i += n) msgs.push(json({ section, content: body.slice(i, i + n) }));
    }
    const t2 = performance.now();
    const again = await decodeMessages([...msgs, DONE]);
    const t3 = performance.now();
    expect(again.sections).toEqual(state.sections);
    expect(t1 - t0).toBeLessThan(2000);
    expect(t3 - t2).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------------------------
// Errors and endings
// ---------------------------------------------------------------------------------------------

describe('decodeNoteStream: errors and the end of the stream', () => {
  it('turns `event: error` into an error event and stops, keeping the text that arrived', async () => {
    const evs = await events(
      streamOf([
        enc.encode(
          wire([
            json({ content: 'Subjective:\nCough.\nPl' }),
            { event: 'error', data: JSON.stringify({ error: { code: 'INSUFFICIENT_BALANCE', message: 'Out of funds' } }) },
            json({ content: 'an: ignored' }),
            DONE,
          ]),
        ),
      ]),
    );
    expect(evs.map((e) => e.type)).toEqual(['section', 'section', 'error']);
    const last = evs[evs.length - 1];
    expect(last?.type === 'error' && last.error).toBeInstanceOf(ApiError);
    expect(last?.type === 'error' && last.error.kind).toBe('balance');
    const state = fold(evs);
    expect(state.status).toBe('error');
    expect(state.sections.subjective).toBe('Cough.\nPl');
  });

  it('accepts an error event whose data is not JSON', async () => {
    const evs = await events(streamOf([enc.encode(wire([{ event: 'error', data: 'model overloaded' }]))]));
    expect(evs).toHaveLength(1);
    expect(evs[0]?.type === 'error' && evs[0].error.kind).toBe('stream');
  });

  it('turns a data object with an `error` key into an error event and stops', async () => {
    const state = await decodeMessages([
      json({ section: 'subjective', content: 'Cough.' }),
      json({ error: { code: 'INTERNAL_ERROR', message: 'Generation failed' } }),
      json({ section: 'plan', content: 'never' }),
      DONE,
    ]);
    expect(summary(state)).toEqual({
      sections: sections({ subjective: 'Cough.' }),
      extras: {},
      status: 'error',
      error: 'server',
    });
  });

  it('simply ends when the stream closes without [DONE], releasing held-back text', async () => {
    const evs = await events(streamOf([enc.encode(wire([json({ content: 'Subjective:\nCough.\n\nPlan:\nRest.\nPl' })]))]));
    expect(evs.some((e) => e.type === 'done')).toBe(false);
    const state = fold(evs);
    expect(state.status).toBe('incomplete');
    expect(state.sections).toEqual(sections({ subjective: 'Cough.', plan: 'Rest.\nPl' }));
  });

  it('stops reading at [DONE] and cancels the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode(wire([json({ section: 'plan', content: 'Rest.' }), DONE, json({ section: 'plan', content: 'x' })])));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await events(body)).toEqual([
      { type: 'section', section: 'plan', content: 'Rest.', mode: 'auto' },
      { type: 'done' },
    ]);
    expect(cancelled).toBe(true);
  });

  it('returns the patient summary from inline text before done', async () => {
    const evs = await events(
      streamOf([enc.encode(wire([json({ content: 'Plan:\nRest.\n\nPatient summary:\nDrink water.\n' }), DONE]))]),
    );
    expect(evs).toEqual([
      { type: 'section', section: 'plan', content: 'Rest.', mode: 'append' },
      { type: 'extra', key: 'patient_summary', value: 'Drink water.' },
      { type: 'done' },
    ]);
  });
});
