import { useSignal } from '@preact/signals';
import { writeClipboard } from '@/lib/platform/clipboard';

/** A button that copies plain text and HTML together and says, briefly, that it did. */
export function CopyButton({ label, content, disabled }: { label: string; content: () => { text: string; html: string }; disabled?: boolean }) {
  const result = useSignal<'copied' | 'failed' | undefined>(undefined);
  const copy = async () => {
    try {
      await writeClipboard(content());
      result.value = 'copied';
    } catch {
      result.value = 'failed';
    }
    setTimeout(() => (result.value = undefined), 2500);
  };
  return (
    <span class="row" style={{ gap: '0.3rem' }}>
      <button type="button" onClick={copy} disabled={disabled}>
        {label}
      </button>
      <span aria-live="polite" class="hint" style={{ margin: 0 }}>
        {result.value === 'copied' ? 'Copied' : result.value === 'failed' ? 'Could not copy: select the text and press Ctrl+C' : ''}
      </span>
    </span>
  );
}
