import { browser } from 'wxt/browser';
import type { DataClearMessage } from '../messaging/data-clear';

/** Tells every open extension page (panels, options) that data is being, or has been, cleared. */
export async function tellPages(message: DataClearMessage): Promise<void> {
  // No page open is the usual case, and not an error.
  await browser.runtime.sendMessage(message).catch(() => undefined);
}
