import { useEffect, useState } from 'preact/hooks';
import { listShortcuts, openShortcutSettings, type Shortcut } from '@/lib/platform/shortcuts';

/** The panel's help on keyboard shortcuts: what each does and its keys as the browser has them now. */
export function ShortcutsHelp() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  useEffect(() => void listShortcuts().then(setShortcuts), []);
  return (
    <details>
      <summary>Keyboard shortcuts</summary>
      <ul class="items" aria-label="Keyboard shortcuts">
        {shortcuts.map((s) => (
          <li key={s.name}>
            {s.shortcut ? <kbd>{s.shortcut}</kbd> : <span class="hint">not set</span>} {s.description}
          </li>
        ))}
        <li>
          <kbd>Ctrl+Enter</kbd> Generate the note (in the panel)
        </li>
      </ul>
      <button type="button" class="link" onClick={openShortcutSettings}>
        Change shortcuts
      </button>
    </details>
  );
}
