import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureKey, pushCapture, takeCaptures, watchCaptures } from './captures';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the capture queue', () => {
  it('keeps captures per tab, in order, in session storage only', async () => {
    await pushCapture('tab-1', { target: 'transcript', text: 'first' });
    await pushCapture('tab-1', { target: 'history', text: 'second' });
    await pushCapture('tab-2', { target: 'transcript', text: 'other tab' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await takeCaptures('tab-1')).toEqual([
      { target: 'transcript', text: 'first' },
      { target: 'history', text: 'second' },
    ]);
    expect(await takeCaptures('tab-1')).toEqual([]);
    expect(await takeCaptures('tab-2')).toEqual([{ target: 'transcript', text: 'other tab' }]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('drops a queue that is not what the background writes', async () => {
    await fakeBrowser.storage.session.set({ [captureKey('tab-3')]: [{ target: 'elsewhere', text: 'x' }] });
    expect(await takeCaptures('tab-3')).toEqual([]);
    // and a later capture starts a fresh queue rather than failing
    await pushCapture('tab-3', { target: 'transcript', text: 'ok' });
    expect(await takeCaptures('tab-3')).toEqual([{ target: 'transcript', text: 'ok' }]);
  });

  it('tells the bound panel when something arrives for it, not for other tabs, and stops when asked', async () => {
    const onCapture = vi.fn();
    const stop = watchCaptures('tab-7', onCapture);
    await pushCapture('tab-8', { target: 'transcript', text: 'not ours' });
    expect(onCapture).not.toHaveBeenCalled();
    await pushCapture('tab-7', { target: 'transcript', text: 'ours' });
    expect(onCapture).toHaveBeenCalledTimes(1);
    // (Taking the queue removes the key; fakeBrowser reports a removal as `newValue: null` where
    // browsers leave newValue out, so whether that wakes the panel is not checked here. A wake-up
    // with an empty queue adds nothing.)
    stop();
    await pushCapture('tab-7', { target: 'history', text: 'after stop' });
    expect(onCapture).toHaveBeenCalledTimes(1);
  });
});
