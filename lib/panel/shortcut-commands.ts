import { PanelCommandMessageSchema, type PanelCommand } from '../messaging/panel-commands';

interface RuntimeLike {
  id?: string;
  onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }) => void): void;
    removeListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }) => void): void;
  };
}

/**
 * Acts on the keyboard shortcuts the background forwards, when they were pressed on this panel's
 * tab. Only our own background is listened to: a message from a content script (it has a tab) or of
 * another shape is ignored.
 */
export function listenForShortcuts(runtime: RuntimeLike, boundTabId: () => number | undefined, act: (command: PanelCommand) => void): () => void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== runtime.id || sender.tab !== undefined) return;
    const parsed = PanelCommandMessageSchema.safeParse(message);
    if (!parsed.success) return;
    const bound = boundTabId();
    if (parsed.data.tabId !== undefined && bound !== undefined && parsed.data.tabId !== bound) return;
    act(parsed.data.command);
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}
