/**
 * Where the browsers under test send every request that is not for loopback: each e2e browser is
 * launched with this as its proxy (loopback is never proxied, by both browsers' defaults), so a
 * request to any host but the emulator and the fixture pages lands here and is recorded, whichever
 * context made it (background, panel, content script, page), and is refused.
 *
 * The fixtures fail a test that left anything here: "no request goes anywhere but the configured
 * API and the fixture pages" (issue 8), checked on every end-to-end run.
 */
import net from 'node:net';

export interface OffsiteRequest {
  /** `CONNECT api.example.com:443` or `GET http://example.com/x`: the request line, nothing more. */
  requestLine: string;
}

export interface OffsiteRequestSink {
  /** `127.0.0.1:PORT`, for a browser's proxy setting. */
  hostPort: string;
  port: number;
  readonly requests: readonly OffsiteRequest[];
  close(): Promise<void>;
}

export async function startOffsiteRequestSink(): Promise<OffsiteRequestSink> {
  const requests: OffsiteRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\n')) return;
      head += chunk.toString('latin1');
      const end = head.indexOf('\n');
      if (end < 0 && head.length < 8192) return;
      // The request line only: a query string is kept (that is where a leak would be), headers are not.
      requests.push({ requestLine: head.slice(0, end < 0 ? 200 : end).trim() });
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    hostPort: `127.0.0.1:${port}`,
    port,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
