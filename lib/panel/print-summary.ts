import { browser } from 'wxt/browser';
import { storePrintable } from '../storage/printables';

/**
 * Opens the print page for a patient summary in a new tab. The summary travels through
 * `storage.session`; the address holds only a random id, never the text.
 */
export async function openSummaryPrintPage(summary: string): Promise<void> {
  const id = await storePrintable({ title: 'Your visit summary', text: summary });
  await browser.tabs.create({ url: browser.runtime.getURL(`/print.html?id=${id}`) });
}
