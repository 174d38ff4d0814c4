import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server.ts';
import { KEY, TRANSCRIPT, get } from './test-helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function upload(fields: Record<string, string>, audio?: { bytes: number; type: string; name: string }, method = 'POST') {
  const form = new FormData();
  if (audio) form.append('audio', new Blob([new Uint8Array(audio.bytes)], { type: audio.type }), audio.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(`${emu.url}/v1/note/audio`, { method, headers: { Authorization: `Bearer ${KEY}` }, body: form });
}
const WEBM = { bytes: 2048, type: 'audio/webm;codecs=opus', name: 'visit.webm' };

describe('audio upload', () => {
  it('a short recording gets the note at once (200)', async () => {
    const res = await upload({ specialty: 'physician', template: 'standard', emulator_transcript: TRANSCRIPT }, WEBM);
    expect(res.status).toBe(200);
    const note = await res.json();
    expect(note.transcript).toBe(TRANSCRIPT);
    expect(note.subjective).toMatch(/^\[Chartside API emulator\]/);
    const [entry] = emu.requests;
    expect(entry?.multipart?.parts.find((p) => p.name === 'audio')).toMatchObject({ size: 2048, filename: 'visit.webm' });
    expect(entry?.multipart?.fields.specialty).toBe('physician');
  });

  it('a long recording is processed asynchronously: 202, processing polls, then completed', async () => {
    emu.setFaults({ audioMode: 'async', asyncPolls: 2 });
    const res = await upload({ specialty: 'physician' }, WEBM);
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(accepted).toMatchObject({ status: 'processing' });
    expect(accepted.message).toContain('/v1/audio/status/');
    const poll = async () => (await get(`${emu.url}/v1/audio/status/${accepted.noteId}`)).json();
    expect((await poll()).status).toBe('processing');
    expect((await poll()).status).toBe('processing');
    const done = await poll();
    expect(done.status).toBe('completed');
    expect(done.subjective).toContain('lower back pain'); // the fixed sample visit
    expect((await (await get(`${emu.url}/v1/note/${accepted.noteId}`)).json()).status).toBe('completed');
  });

  it('uploads over 1 MB are async by default; asyncFail ends in failed', async () => {
    emu.setFaults({ asyncPolls: 0, asyncFail: true });
    const res = await upload({ specialty: 'physician' }, { ...WEBM, bytes: 1024 * 1024 + 1 });
    expect(res.status).toBe(202);
    const { noteId } = await res.json();
    const status = await (await get(`${emu.url}/v1/audio/status/${noteId}`)).json();
    expect(status.status).toBe('failed');
    expect(status.message).toBeTruthy();
  });

  it('audioPostStatus forces the PUT fallback, which takes a metadata part', async () => {
    emu.setFaults({ audioPostStatus: 405 });
    const metadata = JSON.stringify({ specialty: 'physician', include_patient_summary: true, context: { patient_info: { age: 30 } } });
    expect((await upload({ metadata }, WEBM)).status).toBe(405);
    const res = await upload({ metadata }, WEBM, 'PUT');
    expect(res.status).toBe(200);
    const note = await res.json();
    expect(note.subjective).toContain('30-year-old');
    expect(note.patient_summary).toBeTruthy();
  });

  it.each([
    [{ specialty: 'physician' }, undefined, 'audio'],
    [{ specialty: 'physician' }, { ...WEBM, bytes: 0 }, 'audio'],
    [{ specialty: 'physician' }, { bytes: 10, type: 'text/plain', name: 'notes.txt' }, 'audio'],
    [{}, WEBM, 'specialty'],
  ])('400 naming the field (%j)', async (fields, audio, field) => {
    const res = await upload(fields, audio);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.field).toBe(field);
  });

  it('accepts a type by file extension when the content type is generic', async () => {
    const res = await upload({ specialty: 'physician' }, { bytes: 10, type: 'application/octet-stream', name: 'a.FLAC' });
    expect(res.status).toBe(200);
  });
});
