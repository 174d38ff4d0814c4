import { browser, type Browser } from 'wxt/browser';

type MessageSender = Browser.runtime.MessageSender;

/**
 * True only for this extension's own pages (side panel, options, pop-out window).
 *
 * Content scripts share our extension id, so the id alone is not enough: their `url` is the
 * page's, never the extension's origin. Web pages cannot message us at all (no
 * `externally_connectable`), but a compromised or hostile page's content-script world could.
 */
export function isExtensionPageSender(sender: MessageSender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  const origin = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}
