import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isExtensionPageSender } from './sender';

type Sender = Parameters<typeof isExtensionPageSender>[0];

beforeEach(() => {
  fakeBrowser.reset();
});

describe('isExtensionPageSender', () => {
  it('accepts this extension’s own pages', () => {
    const base = browser.runtime.getURL('/');
    // fakeBrowser: id "test-extension-id", getURL → chrome-extension://<id>/…
    expect(base).toBe(`chrome-extension://${browser.runtime.id}/`);
    expect(isExtensionPageSender({ id: browser.runtime.id, url: `${base}sidepanel.html` })).toBe(true);
    expect(isExtensionPageSender({ id: browser.runtime.id, url: `${base}options.html#key` })).toBe(true);
    // The pop-out window is an extension page in a tab: still ours.
    expect(
      isExtensionPageSender({ id: browser.runtime.id, url: `${base}sidepanel.html?tab=4`, tab: { id: 4 } as NonNullable<Sender>['tab'] }),
    ).toBe(true);
  });

  it('works with Firefox, where the id is the gecko id and pages live under a per-install UUID', () => {
    fakeBrowser.runtime.id = 'chartside@chartside.app';
    vi.spyOn(fakeBrowser.runtime, 'getURL').mockImplementation((path: string) => `moz-extension://4f1c2a9e-uuid/${path.replace(/^\//, '')}`);
    const base = browser.runtime.getURL('/');
    expect(base).toBe('moz-extension://4f1c2a9e-uuid/');
    expect(isExtensionPageSender({ id: 'chartside@chartside.app', url: `${base}sidepanel.html` })).toBe(true);
    expect(isExtensionPageSender({ id: 'test-extension-id', url: `${base}sidepanel.html` })).toBe(false);
    expect(isExtensionPageSender({ id: 'chartside@chartside.app', url: 'moz-extension://another-uuid/sidepanel.html' })).toBe(false);
  });

  it('rejects our own content scripts (same id, a web page URL, a tab)', () => {
    expect(
      isExtensionPageSender({
        id: browser.runtime.id,
        url: 'https://ehr.example.com/chart/123',
        tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false } as NonNullable<Sender>['tab'],
        frameId: 0,
      }),
    ).toBe(false);
    // A page whose URL merely contains our origin is still a web page.
    expect(
      isExtensionPageSender({ id: browser.runtime.id, url: `https://evil.example/?x=${browser.runtime.getURL('/sidepanel.html')}` }),
    ).toBe(false);
  });

  it('rejects another extension, even one claiming our URL', () => {
    expect(isExtensionPageSender({ id: 'some-other-extension', url: 'chrome-extension://some-other-extension/page.html' })).toBe(false);
    expect(isExtensionPageSender({ id: 'some-other-extension', url: browser.runtime.getURL('/sidepanel.html') })).toBe(false);
  });

  it('rejects another extension’s origin even with our id', () => {
    expect(isExtensionPageSender({ id: browser.runtime.id, url: 'chrome-extension://some-other-extension/page.html' })).toBe(false);
  });

  it('rejects a missing sender, a missing id or a missing URL', () => {
    expect(isExtensionPageSender(undefined)).toBe(false);
    expect(isExtensionPageSender({})).toBe(false);
    expect(isExtensionPageSender({ url: browser.runtime.getURL('/sidepanel.html') })).toBe(false);
    expect(isExtensionPageSender({ id: browser.runtime.id })).toBe(false);
  });
});
