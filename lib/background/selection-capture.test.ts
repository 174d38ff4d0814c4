import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { takeCaptures } from '../storage/captures';
import { handleSelectionMenuClicks, syncSelectionMenus } from './selection-capture';

type ClickInfo = { menuItemId: string | number; selectionText?: string };
type ClickTab = { id?: number; windowId?: number };
type CreateProps = { id: string; title: string; contexts: string[]; documentUrlPatterns: string[] };

/**
 * A stand-in for the browser's context-menu API (fakeBrowser leaves `contextMenus` unimplemented):
 * it keeps the items as the browser would show them, and lets a test click one.
 */
function fakeMenus() {
  const items = new Map<string, CreateProps>();
  const listeners: ((info: ClickInfo, tab?: ClickTab) => void)[] = [];
  return {
    items,
    removeAll: vi.fn(async () => items.clear()),
    create: vi.fn((props: CreateProps) => {
      if (items.has(props.id)) throw new Error(`duplicate menu id ${props.id}`);
      items.set(props.id, props);
    }),
    onClicked: { addListener: (cb: (info: ClickInfo, tab?: ClickTab) => void) => void listeners.push(cb) },
    click(info: ClickInfo, tab?: ClickTab) {
      for (const cb of listeners) cb(info, tab);
    },
    /** The titles shown on a right-click of selected text on `url` (site patterns `scheme://host/*`: any port, any path). */
    shownOn(url: string): string[] {
      const { protocol, hostname } = new URL(url);
      return [...items.values()]
        .filter((item) => item.contexts.includes('selection') && item.documentUrlPatterns.includes(`${protocol}//${hostname}/*`))
        .map((item) => item.title);
    },
  };
}

const api = fakeBrowser as unknown as { contextMenus?: unknown; menus?: unknown };
const original = { contextMenus: api.contextMenus, menus: api.menus };
let menus: ReturnType<typeof fakeMenus>;

beforeEach(() => {
  fakeBrowser.reset();
  menus = fakeMenus();
  api.contextMenus = menus;
  delete api.menus;
});
afterEach(() => {
  api.contextMenus = original.contextMenus;
  if (original.menus === undefined) delete api.menus;
  else api.menus = original.menus;
});

const TRANSCRIPT = 'Add to Chartside transcript';
const HISTORY = 'Add to Chartside patient history';

/** Lets the queued write (the click handler does not await it) reach storage. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('syncSelectionMenus', () => {
  it('offers both items on selected text, only on the enabled sites', async () => {
    await syncSelectionMenus(['https://emr.example.org/*', 'http://127.0.0.1/*']);
    expect(menus.shownOn('https://emr.example.org/chart/42')).toEqual([TRANSCRIPT, HISTORY]);
    expect(menus.shownOn('http://127.0.0.1:8080/sample-chart.html')).toEqual([TRANSCRIPT, HISTORY]);
    expect(menus.shownOn('https://news.example.com/')).toEqual([]);
    for (const item of menus.items.values()) {
      expect(item.contexts).toEqual(['selection']);
      expect(item.documentUrlPatterns).toEqual(['https://emr.example.org/*', 'http://127.0.0.1/*']);
    }
  });

  it('shows nothing anywhere when no site is enabled', async () => {
    await syncSelectionMenus(['https://emr.example.org/*']);
    await syncSelectionMenus([]);
    expect(menus.items.size).toBe(0);
    expect(menus.shownOn('https://emr.example.org/chart/42')).toEqual([]);
    expect(menus.create).toHaveBeenCalledTimes(2); // only by the first call
  });

  it('follows the list as sites are enabled and revoked, without duplicate items', async () => {
    await syncSelectionMenus(['https://a.example.org/*']);
    await syncSelectionMenus(['https://a.example.org/*', 'https://b.example.org/*']);
    expect(menus.items.size).toBe(2);
    expect(menus.shownOn('https://b.example.org/x')).toEqual([TRANSCRIPT, HISTORY]);
    await syncSelectionMenus(['https://b.example.org/*']);
    expect(menus.shownOn('https://a.example.org/x')).toEqual([]);
    expect(menus.shownOn('https://b.example.org/x')).toEqual([TRANSCRIPT, HISTORY]);
  });

  it('uses Firefox’s `menus` when the browser has it', async () => {
    const firefox = fakeMenus();
    api.menus = firefox;
    await syncSelectionMenus(['https://emr.example.org/*']);
    expect(firefox.shownOn('https://emr.example.org/')).toEqual([TRANSCRIPT, HISTORY]);
    expect(menus.items.size).toBe(0);
  });

  it('does nothing (and does not throw) where the browser has no menu API', async () => {
    delete api.contextMenus;
    await expect(syncSelectionMenus(['https://emr.example.org/*'])).resolves.toBeUndefined();
  });
});

describe('handleSelectionMenuClicks', () => {
  async function itemId(title: string): Promise<string> {
    if (menus.items.size === 0) await syncSelectionMenus(['https://emr.example.org/*']);
    return [...menus.items.values()].find((item) => item.title === title)!.id;
  }

  it('queues the selected text for that tab’s transcript, and opens the panel in that window', async () => {
    const openPanel = vi.fn();
    handleSelectionMenuClicks(openPanel);
    menus.click({ menuItemId: await itemId(TRANSCRIPT), selectionText: '  BP 142/88 at home, taking lisinopril daily.  ' }, { id: 17, windowId: 3 });
    // The panel opens inside the click itself: the browser allows it only during the gesture.
    expect(openPanel).toHaveBeenCalledWith(3);
    await settle();
    expect(await takeCaptures('tab-17')).toEqual([{ target: 'transcript', text: 'BP 142/88 at home, taking lisinopril daily.' }]);
    // Taken once: the panel does not add it twice.
    expect(await takeCaptures('tab-17')).toEqual([]);
    // Nothing for other tabs.
    expect(await takeCaptures('tab-18')).toEqual([]);
  });

  it('queues "patient history" captures as history, in click order after earlier ones', async () => {
    handleSelectionMenuClicks(() => undefined);
    menus.click({ menuItemId: await itemId(TRANSCRIPT), selectionText: 'Cough for two weeks.' }, { id: 5, windowId: 1 });
    await settle();
    menus.click({ menuItemId: await itemId(HISTORY), selectionText: 'Appendectomy 1998' }, { id: 5, windowId: 1 });
    await settle();
    expect(await takeCaptures('tab-5')).toEqual([
      { target: 'transcript', text: 'Cough for two weeks.' },
      { target: 'history', text: 'Appendectomy 1998' },
    ]);
  });

  it('ignores empty and blank selections, other menus’ items, and clicks without a tab', async () => {
    const openPanel = vi.fn();
    handleSelectionMenuClicks(openPanel);
    const transcript = await itemId(TRANSCRIPT);
    menus.click({ menuItemId: transcript, selectionText: '' }, { id: 9, windowId: 2 });
    menus.click({ menuItemId: transcript, selectionText: '   \n\t ' }, { id: 9, windowId: 2 });
    menus.click({ menuItemId: transcript }, { id: 9, windowId: 2 });
    menus.click({ menuItemId: 'someone-else', selectionText: 'Not ours' }, { id: 9, windowId: 2 });
    menus.click({ menuItemId: transcript, selectionText: 'No tab' });
    await settle();
    expect(openPanel).not.toHaveBeenCalled();
    expect(await takeCaptures('tab-9')).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('caps a huge selection at what the panel accepts', async () => {
    handleSelectionMenuClicks(() => undefined);
    menus.click({ menuItemId: await itemId(TRANSCRIPT), selectionText: 'x'.repeat(25_000) }, { id: 4, windowId: 1 });
    await settle();
    const [capture] = await takeCaptures('tab-4');
    expect(capture?.text).toHaveLength(20_000);
  });
});
