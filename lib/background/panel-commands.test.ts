import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forwardShortcutsToPanel } from './panel-commands';

beforeEach(() => fakeBrowser.reset());

describe('forwardShortcutsToPanel', () => {
  it('tells the panels which shortcut was pressed on which tab, and nothing for shortcuts the panel does not handle', async () => {
    // The fake browser has no commands API: capture the listener the background adds.
    let onCommand: ((command: string, tab?: { id?: number }) => void) | undefined;
    (fakeBrowser as unknown as { commands: unknown }).commands = { onCommand: { addListener: (l: typeof onCommand) => (onCommand = l) } };
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    forwardShortcutsToPanel();
    onCommand!('insert-all', { id: 12 });
    onCommand!('_execute_action', { id: 12 });
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledWith({ type: 'panel:command', command: 'insert-all', tabId: 12 });
  });
});
