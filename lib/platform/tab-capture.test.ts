import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { callAudioSupport, callTabLabel, defaultCallTab, type CallTab } from './call-audio-support';
import { captureErrorOf, captureTabAudio, isBrowserPage, listCallTabs } from './tab-capture';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Chrome's tabCapture, on top of the fake browser WxtVitest installs as `chrome`. */
function stubTabCapture(getMediaStreamId: (options: unknown) => Promise<string>) {
  vi.stubGlobal('chrome', { ...(globalThis as { chrome?: object }).chrome, tabCapture: { getMediaStreamId } });
}

describe('browser pages', () => {
  it('are chrome://, extension pages and the Web Store; web pages are not', () => {
    for (const url of ['chrome://settings', 'chrome-extension://abc/sidepanel.html', 'https://chromewebstore.google.com/detail/x', 'https://chrome.google.com/webstore/category', 'about:blank', 'devtools://devtools/x']) {
      expect(isBrowserPage(url), url).toBe(true);
    }
    for (const url of ['https://doxy.me/room', 'http://127.0.0.1:5000/visit.html', 'https://chrome.google.com/maps', undefined, 'not a url']) {
      expect(isBrowserPage(url), String(url)).toBe(false);
    }
  });
});

describe('the call tabs', () => {
  const tab = (id: number, audible: boolean, url?: string, title?: string) => ({ id, audible, url, title, index: id, windowId: 1 }) as never;

  it('lists the bound tab’s window, sounding tabs first, without the panel or browser pages', async () => {
    vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: 2, windowId: 7 } as never);
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue(([
      tab(1, false, 'http://127.0.0.1:5000/chart.html', 'Chart'),
      tab(2, false),
      tab(3, true, 'https://visit.example/room', 'Video visit'),
      tab(4, true, 'chrome://settings', 'Settings'),
      tab(5, false, browser.runtime.getURL('/sidepanel.html'), 'Chartside'),
    ] as never[]) as never);
    const tabs = await listCallTabs(2);
    expect(query).toHaveBeenCalledWith({ windowId: 7 });
    expect(tabs.map((t) => t.id)).toEqual([3, 1, 2]);
    expect(tabs[0]).toEqual({ id: 3, title: 'Video visit', site: 'visit.example', audible: true, position: 4 });
    expect(tabs[2]).toEqual({ id: 2, title: undefined, site: undefined, audible: false, position: 3 });
  });

  it('starts on the bound tab when it is the call (it sounds), else the first sounding tab, else the bound tab', () => {
    const t = (id: number, audible: boolean): CallTab => ({ id, audible, title: undefined, site: undefined, position: id });
    expect(defaultCallTab([t(3, true), t(1, true)], 1)).toBe(1);
    expect(defaultCallTab([t(3, true), t(1, false)], 1)).toBe(3);
    expect(defaultCallTab([t(3, false), t(1, false)], 1)).toBe(1);
    expect(defaultCallTab([t(3, false)], undefined)).toBe(3);
    expect(defaultCallTab([], 1)).toBeUndefined();
  });

  it('names a tab by title and site, and says when it plays sound', () => {
    expect(callTabLabel({ id: 3, title: 'Video visit', site: 'visit.example', audible: true, position: 2 })).toBe('Video visit — visit.example (playing sound)');
    // No title known (no `tabs` permission): where it sits, which the clinician can see, not Chrome's id.
    expect(callTabLabel({ id: 893, title: undefined, site: undefined, audible: true, position: 2 })).toBe('Tab 2 from the left (playing sound)');
  });
});

describe('capturing a tab', () => {
  it('puts Chrome’s refusals in plain words with the next step', () => {
    const invoked = captureErrorOf(new Error('Extension has not been invoked for the current page (see activeTab permission). Chrome pages cannot be captured.'));
    expect(invoked.message).toMatch(/not allowed Chartside/);
    expect(invoked.nextStep).toMatch(/click the Chartside button/);
    expect(captureErrorOf(new Error('Cannot capture a tab with an active stream.')).message).toMatch(/already being recorded/);
    expect(captureErrorOf(new Error('Invalid tab specified.')).message).toBe('That tab is closed.');
  });

  it('refuses a browser page before asking Chrome', async () => {
    const getMediaStreamId = vi.fn(async () => 'never');
    stubTabCapture(getMediaStreamId);
    vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: 4, url: 'chrome://settings' } as never);
    await expect(captureTabAudio(4, vi.fn())).rejects.toThrow(/browser page/);
    expect(getMediaStreamId).not.toHaveBeenCalled();
  });

  it('consumes the minted id with chromeMediaSource "tab" in this page', async () => {
    stubTabCapture(vi.fn(async () => 'stream-id'));
    vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: 3, url: 'https://visit.example/room' } as never);
    const stream = {} as MediaStream;
    const getUserMedia = vi.fn(async () => stream);
    await expect(captureTabAudio(3, getUserMedia)).resolves.toBe(stream);
    expect(getUserMedia).toHaveBeenCalledWith({ audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: 'stream-id' } }, video: false });
  });
});

describe('where a tab cannot be captured', () => {
  it('a Chrome without tab capture names this browser, not Firefox, and what to do', async () => {
    vi.stubGlobal('chrome', { ...(globalThis as { chrome?: object }).chrome, tabCapture: undefined });
    const support = callAudioSupport();
    expect(support.supported).toBe(false);
    if (support.supported) return;
    expect(support.reason).toMatch(/^This browser does not let Chartside record another tab’s sound/);
    expect(support.reason).not.toMatch(/Firefox/);
    expect(support.workaround).toMatch(/speakers/);
    await expect(captureTabAudio(3, () => Promise.reject(new Error('not asked')))).rejects.toMatchObject({ message: support.reason });
  });

  it('is supported where Chrome has tab capture', () => {
    stubTabCapture(() => Promise.resolve('id'));
    expect(callAudioSupport()).toEqual({ supported: true });
  });
});
