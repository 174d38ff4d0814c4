/**
 * Which recordings are being recorded right now, in any Chartside page (the side panel of another
 * window, a popped-out panel). A recording page holds a Web Lock named after its recording for as
 * long as it records; the browser releases it when the page closes, reloads or crashes. A stored
 * recording still in status `recording` whose lock nobody holds was interrupted, and can be offered
 * back without cutting off a page that is still recording it.
 */
const lockName = (recordingId: string) => `chartside-recording:${recordingId}`;

type LocksLike = Pick<LockManager, 'request' | 'query'>;

/** Holds the recording's lock until the returned function is called (or the page goes away). */
export function holdRecordingLock(recordingId: string, locks: LocksLike | undefined = globalThis.navigator?.locks): () => void {
  if (!locks) return () => undefined;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  void locks.request(lockName(recordingId), () => held).catch(() => undefined);
  return release;
}

/** The ids of recordings some page is recording now. Without Web Locks, none (every stored `recording` counts as interrupted). */
export async function liveRecordingIds(locks: LocksLike | undefined = globalThis.navigator?.locks): Promise<Set<string>> {
  if (!locks) return new Set();
  try {
    const { held = [] } = await locks.query();
    const prefix = lockName('');
    return new Set(held.flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])));
  } catch {
    return new Set();
  }
}
