import { browser } from 'wxt/browser';
import { bindingKeyForTab } from '../storage/binding-key';
import { pushCapture, type Capture } from '../storage/captures';

const MENU = {
  transcript: { id: 'chartside-selection-to-transcript', title: 'Add to Chartside transcript' },
  history: { id: 'chartside-selection-to-history', title: 'Add to Chartside patient history' },
} as const;

type Menus = {
  removeAll(): Promise<void>;
  create(props: { id: string; title: string; contexts: string[]; documentUrlPatterns: string[] }): void;
  onClicked: { addListener(cb: (info: { menuItemId: string | number; selectionText?: string }, tab?: { id?: number; windowId?: number }) => void): void };
};

function menus(): Menus | undefined {
  // Firefox calls it `menus` (with `contextMenus` as an alias); Chrome only `contextMenus`.
  const api = browser as unknown as { menus?: Menus; contextMenus?: Menus };
  return api.menus ?? api.contextMenus;
}

/** Shows the two menu items on selected text, only on the sites the clinician enabled. */
export async function syncSelectionMenus(patterns: readonly string[]): Promise<void> {
  const api = menus();
  if (!api) return;
  await api.removeAll();
  if (patterns.length === 0) return;
  for (const item of Object.values(MENU)) {
    api.create({ id: item.id, title: item.title, contexts: ['selection'], documentUrlPatterns: [...patterns] });
  }
}

/** Queues the selected text for the panel bound to that tab, and opens the panel so the clinician sees it land. */
export function handleSelectionMenuClicks(openPanel: (windowId: number) => void): void {
  menus()?.onClicked.addListener((info, tab) => {
    const target: Capture['target'] | undefined =
      info.menuItemId === MENU.transcript.id ? 'transcript' : info.menuItemId === MENU.history.id ? 'history' : undefined;
    const text = info.selectionText?.trim();
    if (!target || !text || tab?.id === undefined) return;
    if (tab.windowId !== undefined) openPanel(tab.windowId);
    void pushCapture(bindingKeyForTab(tab.id), { target, text: text.slice(0, 20_000) });
  });
}
