import { browser } from 'wxt/browser';

export interface Shortcut {
  name: string;
  description: string;
  /** As the browser has it now (the clinician may have changed it); empty when none is set. */
  shortcut: string;
}

/** The extension's keyboard shortcuts as currently set. */
export async function listShortcuts(): Promise<Shortcut[]> {
  const commands = await browser.commands.getAll().catch(() => []);
  // Chrome reports the toolbar-button command without the description the manifest gives it.
  const describe = (name: string, description: string) => description || (name.startsWith('_execute_') ? 'Open Chartside beside the page' : name);
  return commands.map((c) => ({ name: c.name ?? '', description: describe(c.name ?? '', c.description ?? ''), shortcut: c.shortcut ?? '' }));
}

/** Where each browser lets the clinician change them: Chrome's shortcuts page, Firefox's add-ons manager. */
export function openShortcutSettings(): void {
  if (import.meta.env.FIREFOX) {
    const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
    void (commands.openShortcutSettings?.() ?? browser.tabs.create({ url: 'about:addons' })).catch(() => undefined);
    return;
  }
  void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => undefined);
}
