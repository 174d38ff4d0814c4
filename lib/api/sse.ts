import { createParser } from 'eventsource-parser';

/** One dispatched Server-Sent Events message (WHATWG framing; `data` lines joined with `\n`). */
export interface SseMessage {
  /** The `event:` field, if the server sent one (undefined means the default, "message"). */
  event?: string;
  data: string;
  id?: string;
}

/**
 * Reads a response body as a stream of SSE messages.
 *
 * - Bytes are decoded with one streaming TextDecoder, so a multi-byte UTF-8 character split across
 *   network reads arrives intact (a leading BOM is dropped).
 * - Framing is eventsource-parser's, which follows the WHATWG rules: LF, CRLF or bare CR line ends
 *   (including a CR whose LF arrives in the next read), `:` comment lines (keep-alives) ignored,
 *   several `data:` lines joined with `\n`, events without data not dispatched.
 * - One leniency beyond the spec: when the body ends, an event still being assembled is dispatched as
 *   if a blank line had followed it (servers often close right after `data: [DONE]\n`). The spec
 *   would discard it; for a note stream, discarding would lose note text, and a truncated JSON line
 *   can never be mistaken for a whole one.
 * - A body that ends returns normally; a read error propagates; an abort of `signal` cancels the body
 *   and throws the signal's reason. Leaving the loop early (break/return) cancels the body too.
 */
export async function* readSseMessages(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseMessage, void, undefined> {
  signal?.throwIfAborted();

  let queue: SseMessage[] = [];
  const drain = (): SseMessage[] => {
    const out = queue;
    queue = [];
    return out;
  };
  const parser = createParser({
    onEvent(message) {
      const out: SseMessage = { data: message.data };
      if (message.event !== undefined) out.event = message.event;
      if (message.id !== undefined) out.id = message.id;
      queue.push(out);
    },
    // Comments are keep-alives; unknown fields and bad `retry` values are ignored, as the spec says.
    onComment() {},
    onError() {},
  });

  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  let finished = false;
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) {
        finished = true;
        const rest = decoder.decode();
        if (rest) parser.feed(rest);
        // Dispatch an event whose blank line never came (see above). Two LFs cover every case:
        // an unterminated last line, a last line ended by a CR (the first LF is eaten as its CRLF
        // partner) or by an LF; an extra blank line dispatches nothing.
        parser.feed('\n\n');
        for (const message of drain()) yield message;
        return;
      }
      if (value && value.byteLength > 0) {
        const text = decoder.decode(value, { stream: true });
        if (text) parser.feed(text);
      }
      for (const message of drain()) {
        yield message;
        signal?.throwIfAborted();
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) {
      // The consumer stopped early, or the read failed: close the connection.
      reader.cancel().catch(() => {});
    }
    try {
      reader.releaseLock();
    } catch {
      // Releasing can throw while a read is pending in some engines; nothing to do.
    }
  }
}
