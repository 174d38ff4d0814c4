import { browser } from 'wxt/browser';
import { CallCaptureError, callAudioSupport, FIREFOX_BUILD, type CallTab } from './call-audio-support';

/**
 * A video-visit tab's audio, captured for the recorder: the one place that knows how each browser
 * does it (or cannot).
 *
 * Chrome: `chrome.tabCapture.getMediaStreamId` mints an id for the tab, and `getUserMedia` with
 * `chromeMediaSource: 'tab'` in this page (the one that records) turns it into a stream. Chrome
 * grants it only for a tab the clinician invoked Chartside on (the toolbar click that opens the
 * panel, a menu item or the shortcut), the way `activeTab` works.
 *
 * Firefox gives extensions no tab capture at all.
 */

/**
 * Pages Chrome keeps to itself, or that hold another extension's or Chartside's own data: never
 * captured. With the test switch (`--allowlisted-extension-id`) Chrome would capture even
 * chrome:// pages, so this check is Chartside's own, not left to the browser.
 */
export function isBrowserPage(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['chrome:', 'chrome-extension:', 'chrome-untrusted:', 'devtools:', 'edge:', 'about:', 'view-source:', 'moz-extension:'].includes(parsed.protocol)) return true;
  if (parsed.hostname === 'chromewebstore.google.com') return true;
  return parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore');
}

function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tabs of the bound tab's window a call can be taken from, audible ones first (a call playing
 * sound is the likeliest one), then in tab order. The panel's own page and browser pages are left
 * out. Titles and sites are only known for tabs Chartside has access to (no `tabs` permission).
 */
export async function listCallTabs(windowOf: number | undefined): Promise<CallTab[]> {
  const windowId = windowOf === undefined ? undefined : (await browser.tabs.get(windowOf).catch(() => undefined))?.windowId;
  const tabs = await browser.tabs.query(windowId === undefined ? { currentWindow: true } : { windowId });
  const own = browser.runtime.getURL('/');
  return tabs
    .filter((t) => t.id !== undefined && !(t.url && (t.url.startsWith(own) || isBrowserPage(t.url))))
    .map((t, order) => ({ tab: { id: t.id!, title: t.title || undefined, site: siteOf(t.url), audible: t.audible === true, position: t.index + 1 }, order }))
    .sort((a, b) => Number(b.tab.audible) - Number(a.tab.audible) || a.order - b.order)
    .map(({ tab }) => tab);
}

interface ChromeTabCapture {
  getMediaStreamId(options: { targetTabId?: number; consumerTabId?: number }): Promise<string>;
}

function chromeTabCapture(): ChromeTabCapture | undefined {
  return (globalThis as unknown as { chrome?: { tabCapture?: ChromeTabCapture } }).chrome?.tabCapture;
}

const INVOKE_STEP = 'Bring the call’s tab to the front, click the Chartside button in the toolbar, then try again.';

/** Chrome's refusals, in the clinician's words. */
export function captureErrorOf(error: unknown): CallCaptureError {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/has not been invoked|activeTab|Chrome pages cannot be captured/i.test(text)) {
    return new CallCaptureError('Chrome has not allowed Chartside to record that tab’s sound yet.', INVOKE_STEP);
  }
  if (/active stream/i.test(text)) {
    return new CallCaptureError('That tab’s sound is already being recorded (by Chartside or another extension).', 'Stop the other recording of that tab, or reload the call’s tab, then try again.');
  }
  if (/Invalid tab/i.test(text)) {
    return new CallCaptureError('That tab is closed.', 'Choose the call’s tab again under Call tab, then try again.');
  }
  return new CallCaptureError('Chrome could not record that tab’s sound.', INVOKE_STEP);
}

/**
 * Captures one tab's sound into this page. Throws CallCaptureError (browser pages are refused
 * here, before Chrome is asked).
 */
export async function captureTabAudio(tabId: number, getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>): Promise<MediaStream> {
  const tabCapture = chromeTabCapture();
  if (FIREFOX_BUILD || !tabCapture) {
    const support = callAudioSupport();
    throw new CallCaptureError(support.supported ? 'This browser cannot record a tab’s sound.' : support.reason, support.supported ? '' : support.workaround);
  }
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) throw new CallCaptureError('That tab is closed.', 'Choose the call’s tab again under Call tab, then try again.');
  if (isBrowserPage(tab.url)) {
    throw new CallCaptureError('That tab is a browser page (settings, extensions or the Web Store), which Chrome never lets be recorded.', 'Choose the tab the video visit is in under Call tab.');
  }
  let streamId: string;
  try {
    streamId = await tabCapture.getMediaStreamId({ targetTabId: tabId });
  } catch (error) {
    throw captureErrorOf(error);
  }
  try {
    // Chrome's legacy constraint form: the only one tab capture ids are accepted in.
    return await getUserMedia({ audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: streamId } } as MediaTrackConstraints, video: false });
  } catch (error) {
    throw captureErrorOf(error);
  }
}

/**
 * Calls `onLeft` when the captured tab closes or loads another page: the call it held is gone, and
 * Chrome would otherwise go on capturing whatever that tab shows next. Returns the unsubscribe.
 */
export function watchCallTab(tabId: number, onLeft: (why: 'closed' | 'navigated') => void): () => void {
  const removed = (id: number) => {
    if (id === tabId) onLeft('closed');
  };
  // A document load, not a URL change: a web app's own routing (pushState) mid-call is not leaving
  // it, and without the `tabs` permission the URL of most tabs is not told anyway.
  const updated = (id: number, change: { status?: string }) => {
    if (id === tabId && change.status === 'loading') onLeft('navigated');
  };
  browser.tabs.onRemoved.addListener(removed);
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    browser.tabs.onRemoved.removeListener(removed);
    browser.tabs.onUpdated.removeListener(updated);
  };
}
