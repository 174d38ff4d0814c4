/**
 * Puts plain text and HTML on the clipboard together, so a paste into a rich editor keeps the
 * headings and a paste into a plain field gets clean text.
 *
 * `navigator.clipboard.write` with a ClipboardItem is the modern way, but it is refused in some
 * extension contexts (no focus, Firefox's older builds); the `copy`-event route works in every
 * extension page during a click.
 */
export async function writeClipboard(content: { text: string; html: string }): Promise<void> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([content.text], { type: 'text/plain' }),
          'text/html': new Blob([content.html], { type: 'text/html' }),
        }),
      ]);
      return;
    }
  } catch {
    // fall through to the copy event
  }
  copyThroughCopyEvent(content);
}

function copyThroughCopyEvent(content: { text: string; html: string }): void {
  let written = false;
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', content.text);
    event.clipboardData?.setData('text/html', content.html);
    event.preventDefault();
    written = true;
  };
  document.addEventListener('copy', onCopy, { once: true });
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (!written) throw new Error('clipboard-unavailable');
}
