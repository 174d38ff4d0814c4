/** A minimal multipart/form-data parser (RFC 7578): enough for the audio endpoint and its tests. */

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary from a `multipart/form-data; boundary=…` header, or undefined if it is not multipart. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a multipart body into parts. Throws an Error with a plain message when the body is malformed. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart body has no boundary line');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('malformed multipart boundary line');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part has no header end');
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), dataStart);
    if (next < 0) throw new Error('multipart body is truncated (no closing boundary)');
    const disposition = headers.get('content-disposition') ?? '';
    const name = dispositionParam(disposition, 'name');
    if (!/^form-data\b/i.test(disposition) || name === undefined) throw new Error('multipart part without a form-data name');
    parts.push({
      name,
      filename: dispositionParam(disposition, 'filename'),
      contentType: headers.get('content-type'),
      data: body.subarray(dataStart, next),
    });
    pos = next + 2;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** What a multipart body held, without file contents: each part's name, file name, type and size; text fields; parsed `metadata`. */
export interface PartsSummary {
  parts: Array<{ name: string; filename?: string; contentType?: string; size: number }>;
  fields: Record<string, string>;
  /** The `metadata` field parsed as JSON, when it parses. */
  metadata?: unknown;
}

export function summarizeParts(parts: Part[]): PartsSummary {
  const fields: Record<string, string> = {};
  let metadata: unknown;
  for (const part of parts) {
    if (part.filename !== undefined) continue;
    const text = part.data.toString('utf8');
    if (part.name === 'metadata') {
      try {
        metadata = JSON.parse(text);
      } catch {
        metadata = undefined;
      }
    }
    fields[part.name] = text;
  }
  return {
    parts: parts.map((p) => ({ name: p.name, filename: p.filename, contentType: p.contentType, size: p.data.length })),
    fields,
    ...(metadata !== undefined ? { metadata } : {}),
  };
}
