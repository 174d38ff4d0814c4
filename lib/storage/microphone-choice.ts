import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * The microphone the clinician chose, remembered across visits. A deviceId is an opaque, per-origin
 * handle for a device (not a patient's anything), so it may live in `storage.local`.
 * An empty or missing value means the system's default microphone.
 */
const KEY = 'microphoneDeviceId';
const DeviceIdSchema = z.string().check(z.maxLength(500));

export async function loadMicrophoneChoice(): Promise<string | undefined> {
  const parsed = DeviceIdSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success && parsed.data !== '' ? parsed.data : undefined;
}

export async function saveMicrophoneChoice(deviceId: string | undefined): Promise<void> {
  if (deviceId) await browser.storage.local.set({ [KEY]: DeviceIdSchema.parse(deviceId) });
  else await browser.storage.local.remove(KEY);
}
