import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartContext } from '../ehr/chart-context';

// The browser as a loaded computer shows it to the background: frames that answer late, or not yet.
const api = vi.hoisted(() => ({
  frames: [0] as number[],
  sendMessage: (_tabId: number, _request: unknown, _options: { frameId: number }): Promise<unknown> => Promise.resolve(undefined),
}));
vi.mock('wxt/browser', () => ({
  browser: {
    scripting: { executeScript: async () => api.frames.map((frameId) => ({ frameId, result: 0 })) },
    tabs: { sendMessage: (tabId: number, request: unknown, options: { frameId: number }) => api.sendMessage(tabId, request, options) },
  },
}));

import { CHART_READ_DEADLINE_MS, readChartInTab } from './chart-reading';

const chart = (name: string): ChartContext => ({
  adapter: 'generic',
  url: 'https://ehr.example.org/chart',
  identity: { name },
  demographics: {},
  items: [{ id: 'medication:0', kind: 'medication', text: 'Lisinopril 10 mg daily', source: { adapter: 'generic' } }],
  noKnownAllergies: false,
  visitNotes: [],
  messages: [],
});
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const noReceiver = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));

describe('readChartInTab on a busy computer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    api.frames = [0];
  });
  afterEach(() => void vi.useRealTimers());

  it('waits for a page that takes 5 s to answer (the old 3 s per frame dropped it, and every retry queued behind it)', async () => {
    api.sendMessage = () => later(5_000, chart('Maria Alvarez'));
    const read = readChartInTab(7);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await read).toMatchObject({ found: true, chart: { identity: { name: 'Maria Alvarez' } } });
  });

  it('puts the reader back into a frame where nothing listened, and asks it again', async () => {
    let injected = false;
    api.sendMessage = () => (injected ? Promise.resolve(chart('Maria Alvarez')) : noReceiver());
    const reinject = vi.fn(async () => void (injected = true));
    const result = await readChartInTab(7, { reinject });
    expect(reinject).toHaveBeenCalledWith([0]);
    expect(result).toMatchObject({ found: true, chart: { identity: { name: 'Maria Alvarez' } } });
  });

  it('without leave to put the reader back (the site is not enabled) a silent frame is left out', async () => {
    api.sendMessage = noReceiver;
    expect(await readChartInTab(7)).toEqual({ found: false });
  });

  it('a frame that never answers holds the read no longer than its deadline; what the others said is read', async () => {
    api.frames = [0, 4];
    api.sendMessage = (_tab, _request, { frameId }) => (frameId === 0 ? Promise.resolve(chart('Maria Alvarez')) : new Promise(() => undefined));
    let result: unknown;
    void readChartInTab(7).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(CHART_READ_DEADLINE_MS - 1);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toMatchObject({ found: true, chart: { identity: { name: 'Maria Alvarez' } } });
  });
});
