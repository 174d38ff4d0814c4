/** Shared bits for the emulator's own tests (not a test file itself). */

export const KEY = 'snapi_sk_test_emulator_0001';

export const TRANSCRIPT =
  'Patient reports headaches since the medication change two weeks ago. ' +
  'Blood pressure 148/92, heart rate 76. Likely medication-related headache. ' +
  'Recheck BP in 72 hours and follow up in 2 weeks.';

export const NOTE_REQUEST = { transcript: TRANSCRIPT, specialty: 'nurse_practitioner' };

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(url: string, key = KEY): Promise<Response> {
  return fetch(url, { headers: { Authorization: `Bearer ${key}` } });
}

/** Every byte of a response body, and whether it ended cleanly or the connection broke. */
export async function readAll(res: Response): Promise<{ bytes: Buffer; reads: number; broken: boolean }> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let broken = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch {
    broken = true;
  }
  return { bytes: Buffer.concat(chunks), reads: chunks.length, broken };
}

export interface SseEvent {
  event: string;
  data: string;
}

/** The WHATWG event-stream rules, enough for these tests: any line end, comments, multi-line data. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let data: string[] = [];
  let event = 'message';
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) events.push({ event, data: data.join('\n') });
      data = [];
      event = 'message';
    } else if (line.startsWith(':')) {
      continue;
    } else {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      if (field === 'event') event = value;
    }
  }
  return events;
}
