import { browser } from 'wxt/browser';
import { bindingKeyForTab } from '../storage/binding-key';

/**
 * Which EHR tab the panel works on. Opened with `?tabId=N` (the pop-out window, tests) it stays
 * bound to tab N; opened as the browser's side panel it follows the active tab of its window.
 */
export interface PanelBinding {
  tabId: number | undefined;
  /** Fixed by `?tabId=`, so it never follows tab switches. */
  pinned: boolean;
}

export function bindingKeyOf(binding: PanelBinding): string {
  return bindingKeyForTab(binding.tabId);
}

export async function resolveBinding(search: string): Promise<PanelBinding> {
  const pinned = Number.parseInt(new URLSearchParams(search).get('tabId') ?? '', 10);
  if (Number.isInteger(pinned) && pinned >= 0) return { tabId: pinned, pinned: true };
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return { tabId: active?.id, pinned: false };
}

/** Calls `onChange` when the active tab of the panel's window changes (unpinned panels only). */
export async function followActiveTab(binding: PanelBinding, onChange: (next: PanelBinding) => void): Promise<() => void> {
  if (binding.pinned) return () => undefined;
  const windowId = (await browser.windows.getCurrent()).id;
  const listener = (info: { tabId: number; windowId: number }) => {
    if (info.windowId === windowId) onChange({ tabId: info.tabId, pinned: false });
  };
  browser.tabs.onActivated.addListener(listener);
  return () => browser.tabs.onActivated.removeListener(listener);
}
