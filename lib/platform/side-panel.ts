import { browser } from 'wxt/browser';

/**
 * The toolbar button opens Chartside beside the page: Chrome's side panel, Firefox's sidebar.
 * The one place that knows how each browser does it.
 */
export function openPanelOnToolbarClick(): void {
  if (import.meta.env.FIREFOX) {
    const firefox = browser as unknown as { sidebarAction: { toggle(): Promise<void> } };
    browser.action.onClicked.addListener(() => void firefox.sidebarAction.toggle());
    return;
  }
  const chromeSidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(b: { openPanelOnActionClick: boolean }): Promise<void> } }).sidePanel;
  void chromeSidePanel?.setPanelBehavior({ openPanelOnActionClick: true });
}

/**
 * `storage.session` must stay unreadable by content scripts. That is both browsers' default;
 * pinning it documents the rule and guards against a default that changes.
 */
export function keepSessionStorageFromContentScripts(): void {
  const session = browser.storage.session as unknown as { setAccessLevel?(o: { accessLevel: string }): Promise<void> };
  void session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
