import { SPEECH_CHANNELS } from './speech-bitrate';

/** One microphone as the picker lists it. `deviceId` is opaque and per-origin: not PHI. */
export interface Microphone {
  deviceId: string;
  label: string;
}

type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices'>;

/**
 * The microphones the browser lists. Chromium also lists aliases (`default`, `communications`)
 * for devices it lists by their own id: they are left out, the picker's first choice being "the
 * system's default" already. Before access is granted, labels are empty: numbered instead.
 */
export async function listMicrophones(devices: MediaDevicesLike | undefined = globalThis.navigator?.mediaDevices): Promise<Microphone[]> {
  if (!devices) return [];
  let all: MediaDeviceInfo[];
  try {
    all = await devices.enumerateDevices();
  } catch {
    return [];
  }
  const inputs = all.filter((d) => d.kind === 'audioinput' && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications');
  return inputs.map((d, i) => ({ deviceId: d.deviceId, label: d.label.trim() || `Microphone ${i + 1}` }));
}

/**
 * What to ask getUserMedia for. The chosen microphone is `ideal`, not `exact`: if it was unplugged
 * since, the recording starts on the default one (the panel says which) instead of failing.
 * The browser's speech processing stays on: noise suppression and gain control help a room
 * recording more than they hurt it.
 */
export function microphoneConstraints(deviceId: string | undefined): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { ideal: deviceId } } : {}),
      channelCount: { ideal: SPEECH_CHANNELS },
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
    video: false,
  };
}
