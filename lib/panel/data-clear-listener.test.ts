import { describe, expect, it, vi } from 'vitest';
import { listenForDataClear } from './data-clear-listener';

describe('listenForDataClear', () => {
  it('stops saving on clearing and starts afresh on cleared, for our background only', () => {
    let listener: ((m: unknown, s: { id?: string; tab?: unknown }) => void) | undefined;
    const runtime = { id: 'chartside', onMessage: { addListener: (l: typeof listener) => (listener = l) } };
    const clearing = vi.fn();
    const cleared = vi.fn();
    listenForDataClear(runtime, { clearing, cleared });
    listener!({ type: 'data:clearing' }, { id: 'chartside', tab: { id: 3 } }); // a content script
    listener!({ type: 'data:cleared' }, { id: 'elsewhere' });
    listener!({ type: 'data:wipe' }, { id: 'chartside' });
    expect(clearing).not.toHaveBeenCalled();
    expect(cleared).not.toHaveBeenCalled();
    listener!({ type: 'data:clearing' }, { id: 'chartside' });
    listener!({ type: 'data:cleared' }, { id: 'chartside' });
    expect(clearing).toHaveBeenCalledTimes(1);
    expect(cleared).toHaveBeenCalledTimes(1);
  });
});
