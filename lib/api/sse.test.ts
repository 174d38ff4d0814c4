import { describe, expect, it } from 'vitest';
import { cutAt as cut, streamOf } from '../../test/support/stream-cuts';
import { readSseMessages, type SseMessage } from './sse';

const enc = new TextEncoder();

async function collect(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSseMessages(body, signal)) out.push(m);
  return out;
}

const read = (text: string, offsets: number[] = []) => collect(streamOf(cut(enc.encode(text), offsets)));

describe('readSseMessages: framing', () => {
  it('reads LF-framed messages with event and id fields', async () => {
    expect(await read('data: a\n\nevent: note\nid: 7\ndata: b\n\n')).toEqual([
      { data: 'a' },
      { event: 'note', id: '7', data: 'b' },
    ]);
  });

  it('joins multi-line data with \\n and keeps an empty data line', async () => {
    expect(await read('data: one\ndata:two\ndata\ndata:  three\n\n')).toEqual([{ data: 'one\ntwo\n\n three' }]);
  });

  it('ignores comment lines (keep-alives), unknown fields and events without data', async () => {
    expect(await read(': keep-alive\n\n:\n\nfoo: bar\ndata: x\n: mid-event comment\n\nevent: ping\n\nretry: 10\n\n')).toEqual([
      { data: 'x' },
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('accepts %s line ends', async (_name, nl) => {
    const text = `: hi${nl}data: a${nl}data: b${nl}${nl}event: error${nl}data: {"x":1}${nl}${nl}`;
    expect(await read(text)).toEqual([{ data: 'a\nb' }, { event: 'error', data: '{"x":1}' }]);
  });

  it('treats a CR and its LF arriving in different reads as one line end', async () => {
    const text = 'data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n';
    for (let i = 0; i <= text.length; i++) {
      expect(await read(text, [i]), `split at ${i}`).toEqual([{ data: 'a\nb' }, { data: 'c' }]);
    }
    // Every read a single byte.
    const every = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
    expect(await read(text, every)).toEqual([{ data: 'a\nb' }, { data: 'c' }]);
  });

  it('keeps a multi-byte UTF-8 character split across reads intact', async () => {
    const text = 'data: café 😀 ✓\n\n';
    const bytes = enc.encode(text);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        expect(await collect(streamOf(cut(bytes, [i, j])))).toEqual([{ data: 'café 😀 ✓' }]);
      }
    }
  });

  it('drops a leading BOM, even split across reads', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('data: a\n\n')]);
    for (let i = 0; i <= 4; i++) expect(await collect(streamOf(cut(bytes, [i])))).toEqual([{ data: 'a' }]);
  });

  it('gives the same messages for every 1- and 2-split of a stream mixing line ends, comments and UTF-8', async () => {
    const text =
      ': keep-alive\r\n' +
      'data: {"content":"Subjective:\\nCafé ☕"}\r\n\r\n' +
      'data: line1\rdata: line2\r\r' +
      ':\n' +
      'event: note\ndata: 😀\ndata: ü\n\n' +
      'id: 3\r\ndata: [DONE]\r\n\r\n';
    const expected = [
      { data: '{"content":"Subjective:\\nCafé ☕"}' },
      { data: 'line1\nline2' },
      { event: 'note', data: '😀\nü' },
      { id: '3', data: '[DONE]' },
    ];
    const bytes = enc.encode(text);
    expect(await collect(streamOf([bytes]))).toEqual(expected);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        const got = await collect(streamOf(cut(bytes, [i, j])));
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          expect(got, `split at ${i}, ${j}`).toEqual(expected);
        }
      }
    }
  });
});

describe('readSseMessages: the end of the body', () => {
  it('returns normally when the body ends', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('data: a\n\n')).toEqual([{ data: 'a' }]);
  });

  it('dispatches an event whose blank line never came (lenient: the server closed right after it)', async () => {
    expect(await read('data: a\n\ndata: [DONE]\n')).toEqual([{ data: 'a' }, { data: '[DONE]' }]);
    expect(await read('data: [DONE]\r')).toEqual([{ data: '[DONE]' }]);
    expect(await read('data: [DONE]\r\n')).toEqual([{ data: '[DONE]' }]);
    expect(await read('data: [DONE]')).toEqual([{ data: '[DONE]' }]);
    expect(await read('data: a\n\n: bye\n')).toEqual([{ data: 'a' }]);
  });

  it('propagates a read error after the messages that arrived', async () => {
    const boom = new Error('connection reset');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('data: a\n\ndata: b'));
      },
      pull(c) {
        c.error(boom);
      },
    });
    const got: SseMessage[] = [];
    await expect(
      (async () => {
        for await (const m of readSseMessages(body)) got.push(m);
      })(),
    ).rejects.toBe(boom);
    expect(got).toEqual([{ data: 'a' }]);
  });

  it('cancels the body and throws the reason when the signal aborts', async () => {
    let cancelled: unknown = 'not cancelled';
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('data: a\n\n'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const controller = new AbortController();
    const got: SseMessage[] = [];
    const run = (async () => {
      for await (const m of readSseMessages(body, controller.signal)) {
        got.push(m);
        // The next read waits forever (nothing more is enqueued) until the abort.
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(got).toEqual([{ data: 'a' }]);
    expect((cancelled as { name?: string }).name).toBe('AbortError');
  });

  it('throws at once for a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collect(streamOf([enc.encode('data: a\n\n')]), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('data: a\n\ndata: b\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const m of readSseMessages(body)) {
      expect(m.data).toBe('a');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
