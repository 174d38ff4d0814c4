import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server.ts';
import { KEY, NOTE_REQUEST, TRANSCRIPT, get, post } from './test-helpers.ts';

let emu: Emulator;
let clock = Date.parse('2026-03-14T10:00:00Z');

beforeAll(async () => {
  emu = await startEmulator({ now: () => clock, noteTtlMs: 60_000 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('auth', () => {
  it('401 without a key or with a malformed one', async () => {
    const none = await fetch(`${emu.url}/v1/note/note_x`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: { code: 'AUTHENTICATION_ERROR', message: 'The API key is missing or invalid.', details: {} },
    });
    expect((await get(`${emu.url}/v1/note/note_x`, 'snapi_sk_prod_abcdefgh')).status).toBe(401);
    expect((await get(`${emu.url}/v1/note/note_x`, 'snapi_sk_test_short')).status).toBe(401);
  });

  it('GET /v1/specialties is public, with template variants; specialtiesNeedKey plays a server that wants the key', async () => {
    const none = await fetch(`${emu.url}/v1/specialties`);
    expect(none.status).toBe(200);
    const list = (await none.json()) as Array<{ id: string; templates?: { id: string }[] }>;
    expect(list.find((s) => s.id === 'physician')?.templates?.map((t) => t.id)).toEqual(['standard', 'brief', 'detailed']);
    emu.setFaults({ specialtiesNeedKey: true });
    expect((await fetch(`${emu.url}/v1/specialties`)).status).toBe(401);
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(200);
  });

  it('403 once the key is revoked', async () => {
    emu.revokeKey(KEY);
    const res = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('AUTHORIZATION_ERROR');
  });

  it('records requests with the key redacted to its prefix', async () => {
    await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    const [entry] = emu.requests;
    expect(entry?.headers.authorization).toBe('Bearer snapi_sk_test_…');
    expect(entry?.body).toEqual(NOTE_REQUEST);
  });
});

describe('POST /v1/note', () => {
  it('answers 404 TEMPLATE_NOT_FOUND for a template the account does not have (ids starting missing-), on both note routes', async () => {
    for (const route of ['/v1/note', '/v1/stream/note']) {
      const res = await post(`${emu.url}${route}`, { ...NOTE_REQUEST, template: 'missing-brief' });
      expect(res.status, route).toBe(404);
      expect((await res.json()).error).toMatchObject({ code: 'TEMPLATE_NOT_FOUND', message: 'Template "missing-brief" not found.' });
    }
    expect((await post(`${emu.url}/v1/note`, { ...NOTE_REQUEST, template: 'brief' })).status).toBe(200);
  });

  it.each([
    [{ specialty: 'physician' }, 'transcript'],
    [{ transcript: 'too short', specialty: 'physician' }, 'transcript'],
    [{ transcript: TRANSCRIPT }, 'specialty'],
    [{ transcript: TRANSCRIPT, specialty: 'wizard' }, 'specialty'],
    [{ ...NOTE_REQUEST, context: { patient_info: { age: 0 } } }, 'context.patient_info.age'],
    [{ ...NOTE_REQUEST, context: { patient_info: { age: 45.5 } } }, 'context.patient_info.age'],
    [{ ...NOTE_REQUEST, context: { chat_messages: [{ role: 'patient', content: 'a' }, { role: 'unknown', content: 'b' }] } }, 'context.chat_messages[1].role'],
  ])('400 VALIDATION_ERROR naming the field (%j)', async (body, field) => {
    const res = await post(`${emu.url}/v1/note`, body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details.field).toBe(field);
  });

  it('400 on a body that is not JSON', async () => {
    const res = await post(`${emu.url}/v1/note`, '{"transcript": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.field).toBe('body');
  });

  it('builds the same sections from the same transcript, marked as the emulator and using context', async () => {
    const body = { ...NOTE_REQUEST, context: { patient_info: { age: 45, gender: 'male' } } };
    const a = await (await post(`${emu.url}/v1/note`, body)).json();
    const b = await (await post(`${emu.url}/v1/note`, body)).json();
    expect(a.noteId).toMatch(/^note_/);
    expect(a.noteId).not.toBe(b.noteId);
    for (const s of ['subjective', 'objective', 'assessment', 'plan']) expect(a[s]).toBe(b[s]);
    expect(a.subjective).toMatch(/^\[Chartside API emulator\] 45-year-old male\./);
    expect(a.objective).toContain('148/92');
    expect(a.plan).toContain('follow up in 2 weeks');
    expect(a.transcript).toBe(TRANSCRIPT);
    expect(new Date(a.expires_at).getTime()).toBe(clock + 60_000);
    expect(a).not.toHaveProperty('billing_codes');
    expect(a).not.toHaveProperty('patient_summary');
  });

  it('adds billing codes with their disclaimer and the patient summary only when asked', async () => {
    const res = await post(`${emu.url}/v1/note`, { ...NOTE_REQUEST, include_billing_codes: true, include_patient_summary: true });
    const note = await res.json();
    expect(note.billing_codes.icd10.length).toBeGreaterThan(0);
    expect(note.billing_codes.cpt.length).toBeGreaterThan(0);
    expect(note.billing_codes_disclaimer).toMatch(/^Recommended codes for review/);
    expect(note.patient_summary).toContain('Chartside API emulator');
  });

  it('adds HCPCS codes only for a visit that gave or supplied something it knows', async () => {
    const plain = await (await post(`${emu.url}/v1/note`, { ...NOTE_REQUEST, include_billing_codes: true })).json();
    expect(plain.billing_codes).not.toHaveProperty('hcpcs');
    const vaccinated = await (
      await post(`${emu.url}/v1/note`, {
        ...NOTE_REQUEST,
        transcript: `${TRANSCRIPT} Influenza vaccine given today in the left deltoid.`,
        include_billing_codes: true,
      })
    ).json();
    expect(vaccinated.billing_codes.hcpcs).toEqual([{ code: 'G0008', description: 'Administration of influenza virus vaccine' }]);
    expect(vaccinated.billing_codes.icd10.length).toBeGreaterThan(0);
  });
});

describe('GET /v1/note/:noteId', () => {
  it('returns the note until it expires, then 404', async () => {
    const { noteId } = await (await post(`${emu.url}/v1/note`, NOTE_REQUEST)).json();
    const found = await get(`${emu.url}/v1/note/${noteId}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ noteId, status: 'completed' });
    clock += 60_001;
    const gone = await get(`${emu.url}/v1/note/${noteId}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('NOT_FOUND');
  });

  it('404 after expireNote()', async () => {
    const { noteId } = await (await post(`${emu.url}/v1/note`, NOTE_REQUEST)).json();
    emu.expireNote(noteId);
    expect((await get(`${emu.url}/v1/note/${noteId}`)).status).toBe(404);
  });
});

describe('faults', () => {
  it('a queued 503 applies once, then the request succeeds', async () => {
    emu.queueFault({ path: '/v1/note', status: 503 });
    const first = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect(first.status).toBe(503);
    expect((await first.json()).error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await post(`${emu.url}/v1/note`, NOTE_REQUEST)).status).toBe(200);
  });

  it('a queued fault waits for a request on its path', async () => {
    emu.queueFault({ path: '/v1/visit-summary', status: 500 });
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(200);
    expect((await post(`${emu.url}/v1/visit-summary`, {})).status).toBe(500);
  });

  it('429 INSUFFICIENT_BALANCE with Retry-After', async () => {
    emu.queueFault({ status: 429, retryAfterSeconds: 30 });
    const res = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await res.json()).error.code).toBe('INSUFFICIENT_BALANCE');
  });

  it('malformed JSON, wrong content type and dropped connections', async () => {
    emu.queueFault({ malformedJson: true });
    const bad = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();

    emu.queueFault({ wrongContentType: true });
    const html = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);

    emu.queueFault({ dropConnection: true });
    await expect(post(`${emu.url}/v1/note`, NOTE_REQUEST)).rejects.toThrow();
  });

  it('acceptThenDrop makes the note (plain and streamed), then drops the connection before any answer', async () => {
    const idNumber = async () => Number(/(\d+)$/.exec((await (await post(`${emu.url}/v1/note`, NOTE_REQUEST)).json()).noteId)![1]);
    const before = await idNumber();
    emu.setFaults({ acceptThenDrop: true });
    await new Promise((resolve) => setTimeout(resolve, 50)); // idle connections were closed: let the client hear it
    await expect(post(`${emu.url}/v1/note`, NOTE_REQUEST)).rejects.toThrow(TypeError);
    await expect(post(`${emu.url}/v1/stream/note`, NOTE_REQUEST, { Accept: 'text/event-stream' })).rejects.toThrow(TypeError);
    expect(emu.chunks).toHaveLength(0);
    emu.setFaults({});
    // Both notes were made: the next one's id comes two after.
    expect(await idNumber()).toBe(before + 3);
    expect(emu.requests.map((r) => r.path)).toEqual(['/v1/note', '/v1/note', '/v1/stream/note', '/v1/note']);
  });

  it('a body whose code and status disagree, with the details a test gives', async () => {
    emu.queueFault({ path: '/v1/note', status: 403, code: 'INSUFFICIENT_BALANCE', message: 'Add funds.' });
    const odd = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect(odd.status).toBe(403);
    expect(await odd.json()).toEqual({ error: { code: 'INSUFFICIENT_BALANCE', message: 'Add funds.', details: {} } });

    emu.queueFault({ path: '/v1/note', status: 400, details: { field: 'context.patient_info.age', issue: 'not_a_positive_integer' } });
    const named = await post(`${emu.url}/v1/note`, NOTE_REQUEST);
    expect((await named.json()).error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'The request is invalid.',
      details: { field: 'context.patient_info.age', issue: 'not_a_positive_integer' },
    });
  });

  it('a note another key made: 403 NOT_OWNER, for the note and its status, not for a note that is not there', async () => {
    const { noteId } = await (await post(`${emu.url}/v1/note`, NOTE_REQUEST)).json();
    emu.setFaults({ foreignNote: true });
    for (const path of [`/v1/note/${noteId}`, `/v1/audio/status/${noteId}`]) {
      const res = await get(`${emu.url}${path}`);
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: 'NOT_OWNER', message: 'This note belongs to another API key.' });
    }
    expect((await get(`${emu.url}/v1/note/note_missing`)).status).toBe(404);
  });

  it('sticky faults last until replaced', async () => {
    emu.setFaults({ status: 500 });
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(500);
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(500);
    emu.setFaults({});
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(200);
  });
});

describe('routing and CORS', () => {
  it('answers preflight and sends CORS headers', async () => {
    const res = await fetch(`${emu.url}/v1/note`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('404 for unknown routes, 405 for the wrong method', async () => {
    expect((await get(`${emu.url}/v1/nothing`)).status).toBe(404);
    const wrong = await get(`${emu.url}/v1/note`);
    expect(wrong.status).toBe(405);
    expect((await wrong.json()).error.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('POST /v1/visit-summary', () => {
  it.each([
    [{}, 'visits'],
    [{ visits: [] }, 'visits'],
    [{ visits: [{ summary: 'Routine follow-up.' }] }, 'visits[0].visit_date'],
    [{ visits: [{ visit_date: '2026-01-10' }] }, 'visits[0]'],
    [{ visits: [{ visit_date: '2026-01-10T09:30:00Z', summary: 'x' }] }, 'visits[0].visit_date'],
    [{ patient_info: { age: 62.5 }, visits: [{ visit_date: '2026-01-10', summary: 'x' }] }, 'patient_info.age'],
  ])('400 naming the field (%j)', async (body, field) => {
    const res = await post(`${emu.url}/v1/visit-summary`, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.field).toBe(field);
  });

  it('summarises the visits deterministically', async () => {
    const body = {
      patient_info: { age: 62 },
      focus: 'diabetes management',
      visits: [
        { visit_date: '2026-02-15', provider: 'Dr. Smith', soap_note: { assessment: 'E11.65 Type 2 DM with hyperglycemia' } },
        { visit_date: '2026-01-10', summary: 'Routine follow-up. A1C 7.8%, up from 7.2%.' },
      ],
    };
    const a = await (await post(`${emu.url}/v1/visit-summary`, body)).json();
    expect(a).toEqual(await (await post(`${emu.url}/v1/visit-summary`, body)).json());
    expect(a.summary).toContain('62-year-old');
    expect(a.summary).toContain('diabetes management');
    expect(a.key_findings).toHaveLength(2);
    expect(a.active_diagnoses).toEqual([{ code: 'E11.65', description: 'Type 2 DM with hyperglycemia' }]);
  });
});

describe('GET /v1/specialties', () => {
  it('lists the 24 specialties in each shape', async () => {
    const objects = await (await get(`${emu.url}/v1/specialties`)).json();
    expect(objects).toHaveLength(24);
    expect(objects[0]).toEqual({ id: 'nurse_practitioner', name: 'Nurse Practitioner' });

    emu.setFaults({ specialtiesShape: 'ids' });
    expect((await (await get(`${emu.url}/v1/specialties`)).json())[23]).toBe('generic');

    emu.setFaults({ specialtiesShape: 'wrapped' });
    expect((await (await get(`${emu.url}/v1/specialties`)).json()).specialties).toHaveLength(24);

    emu.setFaults({ specialtiesShape: 'valueLabel' });
    expect((await (await get(`${emu.url}/v1/specialties`)).json())[1]).toEqual({ value: 'physician', label: 'Physician' });
  });
});

describe('HTTP controls', () => {
  it('queue, revoke, expire, requests and reset over /__emulator/', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${emu.url}/__emulator/${path}`, { method: body === undefined ? 'GET' : 'POST', body: JSON.stringify(body) });

    expect((await control('queue', [{ status: 503 }, { status: 500 }])).status).toBe(200);
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(503);
    expect((await get(`${emu.url}/v1/specialties`)).status).toBe(500);

    const { noteId } = await (await post(`${emu.url}/v1/note`, NOTE_REQUEST)).json();
    await control('expire', { noteId });
    expect((await get(`${emu.url}/v1/note/${noteId}`)).status).toBe(404);

    const requests = await (await control('requests')).json();
    expect(requests.map((r: { path: string }) => r.path)).toEqual([
      '/v1/specialties',
      '/v1/specialties',
      '/v1/note',
      `/v1/note/${noteId}`,
    ]);

    await control('revoke', { key: KEY });
    expect((await get(`${emu.url}/v1/note/note_x`)).status).toBe(403);
    await control('reset', {});
    expect((await get(`${emu.url}/v1/note/note_x`)).status).toBe(404);
    expect(emu.requests).toHaveLength(1);
  });
});
