import { browser } from 'wxt/browser';
import { isPanelCommand, type PanelCommandMessage } from '../messaging/panel-commands';

/**
 * Keyboard shortcuts: recording, generating and inserting happen in the panel, so the background
 * only says which was pressed and for which tab; the panel bound to that tab acts on it. With no
 * panel open there is nobody to act, and nothing happens (the open-panel shortcut opens one).
 */
export function forwardShortcutsToPanel(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (!isPanelCommand(command)) return;
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      const message: PanelCommandMessage = { type: 'panel:command', command, ...(tabId !== undefined ? { tabId } : {}) };
      await browser.runtime.sendMessage(message).catch(() => undefined);
    })();
  });
}
