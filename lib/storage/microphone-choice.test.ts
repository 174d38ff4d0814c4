import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMicrophoneChoice, saveMicrophoneChoice } from './microphone-choice';

beforeEach(() => fakeBrowser.reset());

describe('the remembered microphone', () => {
  it('is kept in storage.local (a device id, not PHI) and forgotten when the default is chosen', async () => {
    expect(await loadMicrophoneChoice()).toBeUndefined();
    await saveMicrophoneChoice('a1b2c3');
    expect(await loadMicrophoneChoice()).toBe('a1b2c3');
    expect(await fakeBrowser.storage.local.get('microphoneDeviceId')).toEqual({ microphoneDeviceId: 'a1b2c3' });
    await saveMicrophoneChoice(undefined);
    expect(await loadMicrophoneChoice()).toBeUndefined();
  });

  it('ignores a stored value of the wrong shape', async () => {
    await fakeBrowser.storage.local.set({ microphoneDeviceId: { evil: true } });
    expect(await loadMicrophoneChoice()).toBeUndefined();
  });
});
