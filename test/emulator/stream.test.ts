import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Faults } from './faults.ts';
import { startEmulator, type Emulator } from './server.ts';
import { chunkText } from './stream.ts';
import { NOTE_REQUEST, parseSse, post, readAll } from './test-helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** One stream from a freshly reset emulator, so note ids (and so bytes) repeat between calls. */
async function stream(faults: Partial<Faults> = {}, body: object = NOTE_REQUEST) {
  emu.reset();
  emu.setFaults(faults);
  const res = await post(`${emu.url}/v1/stream/note`, body, { Accept: 'text/event-stream' });
  const { bytes, reads, broken } = await readAll(res);
  const text = bytes.toString('utf8');
  return { res, bytes, reads, broken, text, events: parseSse(text) };
}

const payloads = (events: Array<{ data: string }>) =>
  events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Record<string, unknown>);

async function expectedNote() {
  emu.reset();
  return (await post(`${emu.url}/v1/note`, NOTE_REQUEST)).json();
}

describe('POST /v1/stream/note', () => {
  it('sections shape: deltas that add up to the note, then [DONE]', async () => {
    const note = await expectedNote();
    const { res, events } = await stream();
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const joined: Record<string, string> = {};
    for (const p of payloads(events)) {
      if (typeof p.section === 'string' && typeof p.content === 'string') joined[p.section] = (joined[p.section] ?? '') + p.content;
    }
    for (const s of ['subjective', 'objective', 'assessment', 'plan']) expect(joined[s]).toBe(note[s]);
    expect(payloads(events).at(-1)).toHaveProperty('noteId');
  });

  it('inline shape: plain text with headings, then [DONE]', async () => {
    const note = await expectedNote();
    const { events } = await stream({ streamShape: 'inline', chunkSize: 5 });
    expect(events.at(-1)?.data).toBe('[DONE]');
    const text = payloads(events)
      .filter((p) => !('section' in p) && typeof p.content === 'string')
      .map((p) => p.content)
      .join('');
    expect(text).toBe(
      `Subjective:\n${note.subjective}\n\nObjective:\n${note.objective}\n\nAssessment:\n${note.assessment}\n\nPlan:\n${note.plan}`,
    );
  });

  it('cumulative mode repeats each section so far, extended', async () => {
    const note = await expectedNote();
    const { events } = await stream({ chunkMode: 'cumulative' });
    const subjective = payloads(events)
      .filter((p) => p.section === 'subjective')
      .map((p) => p.content as string);
    expect(subjective.length).toBeGreaterThan(1);
    for (let i = 1; i < subjective.length; i++) expect(subjective[i]!.startsWith(subjective[i - 1]!)).toBe(true);
    expect(subjective.at(-1)).toBe(note.subjective);
  });

  it('cutAfterEvents closes the connection after n events without [DONE]', async () => {
    const { events, broken } = await stream({ cutAfterEvents: 3 });
    expect(events).toHaveLength(3);
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
    expect(broken).toBe(true);
  });

  it('cutHeld sends the events, then waits for releaseCuts() before cutting', async () => {
    emu.setFaults({ cutAfterEvents: 2, cutHeld: true });
    const res = await post(`${emu.url}/v1/stream/note`, NOTE_REQUEST, { Accept: 'text/event-stream' });
    const reader = res.body!.getReader();
    let text = '';
    while (parseSse(text).length < 2) text += Buffer.from((await reader.read()).value!).toString('utf8');
    const next = reader.read().then(
      () => 'more',
      () => 'cut',
    );
    const settled = await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 300, 'held'))]);
    expect(settled).toBe('held');
    expect(emu.releaseCuts()).toBe(1);
    expect(await next).toBe('cut');
    expect(emu.releaseCuts()).toBe(0);
  });

  it('splitAt sends exactly the same bytes, in more pieces', async () => {
    const whole = await stream();
    const crlf = await stream({ lineEnding: 'crlf' });
    const dash = whole.bytes.indexOf('—'); // a 3-byte character
    const crlfAt = crlf.bytes.indexOf('\r\n');
    const split = await stream({ splitAt: [3, 17, dash + 1, dash + 2, 200] });
    expect(split.bytes.equals(whole.bytes)).toBe(true);
    const splitCrlf = await stream({ lineEnding: 'crlf', splitAt: [crlfAt + 1] });
    expect(splitCrlf.bytes.equals(crlf.bytes)).toBe(true);
    expect(emu.chunks.filter((c) => c.kind === 'piece')).toHaveLength(2);
  });

  it('cutAfterBytes sends the body up to that byte, in splitAt pieces, then breaks the connection', async () => {
    const whole = await stream();
    const dash = whole.bytes.indexOf('—'); // a 3-byte character: cut inside it
    const cut = await stream({ cutAfterBytes: dash + 1, splitAt: [5, dash] });
    expect(cut.bytes.equals(whole.bytes.subarray(0, dash + 1))).toBe(true);
    expect(cut.broken).toBe(true);
    expect(emu.chunks.filter((c) => c.kind === 'piece')).toHaveLength(3);
    const ended = await stream({ cutAfterBytes: 10, cutMode: 'end' });
    expect(ended.bytes.equals(whole.bytes.subarray(0, 10))).toBe(true);
    expect(ended.broken).toBe(false);
  });

  it('CRLF and CR line ends carry the same events', async () => {
    const lf = await stream();
    const crlf = await stream({ lineEnding: 'crlf' });
    const cr = await stream({ lineEnding: 'cr' });
    expect(crlf.text).toContain('\r\n\r\n');
    expect(cr.text).not.toContain('\n');
    expect(crlf.events).toEqual(lf.events);
    expect(cr.events).toEqual(lf.events);
  });

  it('keep-alive comments and multi-line data parse to the same events', async () => {
    const plain = await stream();
    const noisy = await stream({ keepAliveComments: true, multilineData: true, firstByteDelayMs: 30, keepAliveIntervalMs: 10 });
    expect(noisy.text.startsWith(': keep-alive')).toBe(true);
    expect(noisy.text).toMatch(/^data: {$/m);
    expect(payloads(noisy.events)).toEqual(payloads(plain.events));
  });

  it('an error event after n events ends the stream without [DONE]', async () => {
    const { events, broken } = await stream({ streamErrorAfterEvents: 2, code: 'INTERNAL_ERROR' });
    expect(broken).toBe(false);
    expect(events).toHaveLength(3);
    expect(events[2]?.event).toBe('error');
    expect(JSON.parse(events[2]!.data).error.code).toBe('INTERNAL_ERROR');
  });

  it('billing codes and patient summary arrive as extra events when asked', async () => {
    const { events } = await stream({}, { ...NOTE_REQUEST, include_billing_codes: true, include_patient_summary: true });
    const sections = payloads(events).map((p) => p.section);
    expect(sections).toContain('billing_codes');
    expect(sections).toContain('patient_summary');
  });

  it('validation errors come as JSON before any stream', async () => {
    const res = await post(`${emu.url}/v1/stream/note`, { transcript: 'short', specialty: 'physician' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('streamStatus and streamContentType make the stream unusable', async () => {
    emu.setFaults({ streamStatus: 404 });
    expect((await post(`${emu.url}/v1/stream/note`, NOTE_REQUEST)).status).toBe(404);
    emu.setFaults({ streamContentType: 'application/json' });
    const buffered = await post(`${emu.url}/v1/stream/note`, NOTE_REQUEST);
    expect(buffered.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await buffered.json()).subjective).toMatch(/^\[Chartside API emulator\]/);
  });

  it('reports each write with its send time', async () => {
    const seen: number[] = [];
    emu.onChunkSent = (info) => seen.push(info.t);
    await stream({ chunkDelayMs: 2 });
    emu.onChunkSent = undefined;
    expect(seen.length).toBe(emu.chunks.length);
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});

describe('chunkText', () => {
  it('cuts at word ends and cuts long words', () => {
    expect(chunkText('one two three', 8)).toEqual(['one two ', 'three']);
    expect(chunkText('Subjective:\nabc', 4)).toEqual(['Subj', 'ecti', 've:\n', 'abc']);
    expect(chunkText('a—b', 1)).toEqual(['a', '—', 'b']);
  });
});
