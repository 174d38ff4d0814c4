import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './multipart.ts';

describe('parseMultipart', () => {
  it('reads fields and files, binary-safe', () => {
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="specialty"\r\n\r\nphysician\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="audio"; filename="a b.wav"\r\nContent-Type: audio/wav\r\n\r\n'),
      Buffer.from([0, 13, 10, 45, 45, 255]),
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const parts = parseMultipart(body, multipartBoundary('multipart/form-data; boundary=XyZ')!);
    expect(parts.map((p) => p.name)).toEqual(['specialty', 'audio']);
    expect(parts[0]?.data.toString()).toBe('physician');
    expect(parts[1]).toMatchObject({ filename: 'a b.wav', contentType: 'audio/wav' });
    expect([...parts[1]!.data]).toEqual([0, 13, 10, 45, 45, 255]);
  });

  it('rejects a truncated body', () => {
    expect(() => parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc'), 'b')).toThrow();
    expect(multipartBoundary('application/json')).toBeUndefined();
  });
});
