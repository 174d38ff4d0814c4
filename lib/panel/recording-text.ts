/** How the panel writes a recording's length, size and start time. */

/** `0:07`, `12:34`, `1:02:03`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `7 seconds`, `12 min 4 s`, `1 h 02 min`: a length read aloud well. */
export function formatLength(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} second${total === 1 ? '' : 's'}`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${s} s`;
}

/** `180 KB`, `2.4 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * When each recording started, in local time, as its buttons are named ("Discard recording 2:05 PM"):
 * hours and minutes, the date too when not today, and seconds when two would otherwise read the same.
 */
export function startLabels(startedAt: readonly number[], now: number, locale?: string): string[] {
  const today = new Date(now).toDateString();
  const format = (at: number, seconds: boolean) => {
    const date = new Date(at);
    const time = date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit', ...(seconds && { second: '2-digit' }) });
    return date.toDateString() === today ? time : `${date.toLocaleDateString(locale, { month: 'short', day: 'numeric' })}, ${time}`;
  };
  const plain = startedAt.map((at) => format(at, false));
  const labels = startedAt.map((at, i) => (plain.indexOf(plain[i]!) !== plain.lastIndexOf(plain[i]!) ? format(at, true) : plain[i]!));
  // Started within the same second (an upload right after a recording): numbered, still unique.
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}
