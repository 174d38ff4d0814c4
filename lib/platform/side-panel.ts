import { browser } from 'wxt/browser';

/**
 * The toolbar button opens Chartside beside the page: Chrome's side panel, Firefox's sidebar.
 * The one place that knows how each browser does it.
 *
 * Both open it from `action.onClicked` (not Chrome's `openPanelOnActionClick`), because only a
 * click Chartside itself receives grants `activeTab`: that is what lets the panel see which site
 * the tab shows, and offer "Enable on this site", without a standing permission to read every tab.
 */
export function openPanelOnToolbarClick(): void {
  const sidePanel = chromeSidePanel();
  void sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });
  browser.action.onClicked.addListener((tab) => {
    if (tab.windowId !== undefined) openPanelInWindow(tab.windowId);
  });
}

/**
 * Opens the panel in a window. Call it synchronously inside a user gesture (a click on the toolbar
 * button or a menu item): both browsers refuse to open it at any other time.
 */
export function openPanelInWindow(windowId: number): void {
  if (import.meta.env.FIREFOX) {
    // open(), not toggle(): a second click should bring the sidebar (and the grant) to this tab, not hide it.
    void (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open().catch(() => undefined);
    return;
  }
  void chromeSidePanel()?.open({ windowId }).catch(() => undefined);
}

/**
 * Opens the panel on one tab, from an event that may or may not count as a user gesture (a
 * notification click): the browser's panel if it lets us, else the pop-out window bound to the tab.
 * Call it synchronously inside the event.
 */
export function openPanelForTab(tabId: number): void {
  const popOut = () =>
    void Promise.resolve(
      browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html?tabId=${tabId}`), type: 'popup', width: 460, height: 820 }),
    ).catch(() => undefined);
  if (import.meta.env.FIREFOX) {
    void (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open().catch(popOut);
    return;
  }
  const sidePanel = chromeSidePanel();
  if (!sidePanel) return popOut();
  void sidePanel.open({ tabId }).catch(popOut);
}

function chromeSidePanel(): ChromeSidePanel | undefined {
  return (browser as unknown as { sidePanel?: ChromeSidePanel }).sidePanel;
}

interface ChromeSidePanel {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  open(options: { windowId: number } | { tabId: number }): Promise<void>;
}

/**
 * `storage.session` must stay unreadable by content scripts. That is both browsers' default;
 * pinning it documents the rule and guards against a default that changes.
 */
export function keepSessionStorageFromContentScripts(): void {
  const session = browser.storage.session as unknown as { setAccessLevel?(o: { accessLevel: string }): Promise<void> };
  void session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
