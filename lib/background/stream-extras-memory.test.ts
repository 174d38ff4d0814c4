import { describe, expect, it } from 'vitest';
import { streamExtrasMemory } from './stream-extras-memory';

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(key: string) {
      return key in data ? { [key]: data[key] } : {};
    },
    async set(items: Record<string, unknown>) {
      Object.assign(data, items);
    },
  };
}

describe('streamExtrasMemory', () => {
  it('remembers an address (however its trailing slash and case are written), and only that one', async () => {
    const area = memoryArea();
    const memory = streamExtrasMemory(area as never);
    expect(await memory.lacksExtras('https://proxy.example.org/soap')).toBe(false);
    await memory.remember('https://proxy.example.org/soap/');
    expect(await memory.lacksExtras('https://Proxy.example.org/soap')).toBe(true);
    expect(await memory.lacksExtras('https://api.soapnoteapi.com')).toBe(false);
  });

  it('keeps no address in the clear: a content script reading storage.local learns no proxy', async () => {
    const area = memoryArea();
    await streamExtrasMemory(area as never).remember('https://proxy.example.org/soap');
    expect(JSON.stringify(area.data)).not.toContain('proxy');
  });

  it('forgets the oldest beyond 20, and reads a damaged entry as nothing remembered', async () => {
    const area = memoryArea();
    const memory = streamExtrasMemory(area as never);
    for (let i = 0; i < 21; i++) await memory.remember(`https://p${i}.example.org`);
    expect(await memory.lacksExtras('https://p0.example.org')).toBe(false);
    expect(await memory.lacksExtras('https://p20.example.org')).toBe(true);
    area.data['streams-without-extras'] = 'not a list';
    expect(await memory.lacksExtras('https://p20.example.org')).toBe(false);
  });
});
