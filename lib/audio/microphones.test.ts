import { describe, expect, it } from 'vitest';
import { listMicrophones, microphoneConstraints } from './microphones';

const device = (kind: MediaDeviceKind, deviceId: string, label = '') => ({ kind, deviceId, label, groupId: 'g' }) as MediaDeviceInfo;

describe('listMicrophones', () => {
  it("lists audio inputs only, without Chromium's default/communications aliases", async () => {
    const devices = {
      enumerateDevices: async () => [
        device('audioinput', 'default', 'Default - Headset'),
        device('audioinput', 'communications', 'Communications - Headset'),
        device('audioinput', 'a1', 'Headset'),
        device('audioinput', 'a2', 'Laptop microphone'),
        device('audiooutput', 'o1', 'Speakers'),
        device('videoinput', 'v1', 'Camera'),
      ],
    };
    expect(await listMicrophones(devices)).toEqual([
      { deviceId: 'a1', label: 'Headset' },
      { deviceId: 'a2', label: 'Laptop microphone' },
    ]);
  });

  it('numbers microphones whose names the browser hides until access is granted', async () => {
    const devices = { enumerateDevices: async () => [device('audioinput', 'a1'), device('audioinput', 'a2'), device('audioinput', '')] };
    expect(await listMicrophones(devices)).toEqual([
      { deviceId: 'a1', label: 'Microphone 1' },
      { deviceId: 'a2', label: 'Microphone 2' },
    ]);
  });

  it('is empty where devices cannot be listed', async () => {
    expect(await listMicrophones(undefined)).toEqual([]);
    expect(await listMicrophones({ enumerateDevices: () => Promise.reject(new Error('no')) })).toEqual([]);
  });
});

describe('microphoneConstraints', () => {
  it('asks for one channel, and for the chosen microphone as ideal so a missing one falls back to the default', () => {
    expect(microphoneConstraints('a1')).toEqual({
      audio: { deviceId: { ideal: 'a1' }, channelCount: { ideal: 1 }, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
    expect(microphoneConstraints(undefined).audio).not.toHaveProperty('deviceId');
  });
});
