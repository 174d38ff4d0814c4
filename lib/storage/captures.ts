import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { readSession, removeSession, writeSession } from './session-area';

/**
 * Text the clinician sent from the page with the context menu, waiting for the panel. The
 * background only ever appends here; the panel takes the queue and adds the text to its own draft,
 * so the draft keeps one owner.
 */
export const CaptureSchema = z.object({
  target: z.enum(['transcript', 'history']),
  text: z.string().check(z.maxLength(20_000)),
});
export type Capture = z.infer<typeof CaptureSchema>;
const QueueSchema = z.array(CaptureSchema);

export const captureKey = (bindingKey: string) => `capture:${bindingKey}`;

export async function pushCapture(bindingKey: string, capture: Capture): Promise<void> {
  const queue = (await readSession(captureKey(bindingKey), QueueSchema)) ?? [];
  await writeSession(captureKey(bindingKey), [...queue, capture]);
}

export async function takeCaptures(bindingKey: string): Promise<Capture[]> {
  const queue = (await readSession(captureKey(bindingKey), QueueSchema)) ?? [];
  if (queue.length > 0) await removeSession(captureKey(bindingKey));
  return queue;
}

/** Calls `onCapture` whenever something is queued for this panel. */
export function watchCaptures(bindingKey: string, onCapture: () => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && changes[captureKey(bindingKey)]?.newValue !== undefined) onCapture();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
