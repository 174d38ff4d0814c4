import { describe, expect, it, vi } from 'vitest';
import { listenForShortcuts } from './shortcut-commands';

function fakeRuntime() {
  const listeners = new Set<(m: unknown, s: { id?: string; tab?: unknown }) => void>();
  return {
    id: 'chartside',
    onMessage: { addListener: (l: never) => listeners.add(l), removeListener: (l: never) => listeners.delete(l) },
    send: (message: unknown, sender: { id?: string; tab?: unknown }) => listeners.forEach((l) => l(message, sender)),
  };
}

describe('listenForShortcuts', () => {
  it('acts on a shortcut pressed on its own tab, from our background only', () => {
    const runtime = fakeRuntime();
    const act = vi.fn();
    const stop = listenForShortcuts(runtime, () => 7, act);
    runtime.send({ type: 'panel:command', command: 'insert-all', tabId: 7 }, { id: 'chartside' });
    runtime.send({ type: 'panel:command', command: 'generate-note', tabId: 8 }, { id: 'chartside' }); // another tab's panel
    runtime.send({ type: 'panel:command', command: 'generate-note', tabId: 7 }, { id: 'chartside', tab: { id: 7 } }); // a content script
    runtime.send({ type: 'panel:command', command: 'generate-note', tabId: 7 }, { id: 'another-extension' });
    runtime.send({ type: 'panel:command', command: 'delete-everything', tabId: 7 }, { id: 'chartside' });
    expect(act.mock.calls).toEqual([['insert-all']]);
    stop();
    runtime.send({ type: 'panel:command', command: 'insert-all', tabId: 7 }, { id: 'chartside' });
    expect(act).toHaveBeenCalledTimes(1);
  });
});
