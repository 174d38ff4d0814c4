import { batch, signal } from '@preact/signals';
import { MIN_AUDIO_MS } from '../audio/audio-limits';
import type { RecordingStatus, RecordingStore, RecordingSummary } from '../storage/recordings';

export interface UnfinishedRecordingsDeps {
  recordings: Pick<RecordingStore, 'listRecoverable' | 'setStatus' | 'discard' | 'readAudio'>;
  /** Recordings some page is recording right now (recording-lock.ts). */
  liveIds(): Promise<Set<string>>;
  /** The recording this page is recording: not offered. */
  current(): string | undefined;
  /** How soon to look again while another window is still recording one. */
  recheckMs?: number;
  now?: () => number;
}

/**
 * A recording this young with no chunk yet may be one a page has just created and not yet locked
 * (the lock is taken a moment after the store hands out the id): left alone, and looked at again.
 */
const JUST_STARTED_MS = 10_000;

export interface UnfinishedRecording extends RecordingSummary {
  /** It was still `recording` when found, and no page was recording it: the panel or browser closed mid-visit. */
  interrupted: boolean;
  /** Another Chartside page (another window's panel, a popped-out one) is recording it now. */
  liveElsewhere: boolean;
  /** Under 5 seconds: the API would refuse it; it can only be discarded. */
  tooShort: boolean;
}

/** A length of 0 with audio saved is an uploaded file whose length the browser could not read: not known to be short. */
function isTooShort(summary: RecordingSummary): boolean {
  const lengthUnknown = summary.durationMs === 0 && summary.byteLength > 0;
  return !lengthUnknown && summary.durationMs < MIN_AUDIO_MS;
}

/** What is offered back: still being recorded somewhere, interrupted, waiting, or failed to send. `uploading` is the background's. */
const OFFERED: ReadonlySet<RecordingStatus> = new Set(['recording', 'stopped', 'failed']);

/**
 * The recordings not yet turned into notes, offered back when the panel opens: a visit recorded
 * before the panel or the browser closed is never lost. A recording still marked `recording` that
 * no page is recording was interrupted: it is marked `stopped` (a recording cut mid-chunk still
 * decodes up to its last whole chunk), then offered like any other.
 */
export function createUnfinishedRecordings(deps: UnfinishedRecordingsDeps) {
  const items = signal<UnfinishedRecording[]>([]);
  /** The recording whose Discard is waiting for the clinician's confirmation. */
  const confirming = signal<string | undefined>(undefined);
  const problem = signal<{ message: string; nextStep: string } | undefined>(undefined);
  /** A quiet confirmation shown in the list ("Kept here: …"), announced politely. */
  const notice = signal<string | undefined>(undefined);
  /** The recording being listened to, as an object URL of its decrypted audio (in memory only). */
  const listening = signal<{ id: string; url: string } | undefined>(undefined);
  const interrupted = new Set<string>();
  let recheck: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<void> | undefined;
  let again = false;

  async function load(): Promise<void> {
    const [all, live] = await Promise.all([deps.recordings.listRecoverable(), deps.liveIds()]);
    const current = deps.current();
    const now = (deps.now ?? Date.now)();
    const offered: UnfinishedRecording[] = [];
    for (const summary of all) {
      if (summary.id === current || !OFFERED.has(summary.status)) continue;
      let status = summary.status;
      const justStarted = summary.chunkCount === 0 && now - summary.startedAt < JUST_STARTED_MS;
      const liveElsewhere = status === 'recording' && (live.has(summary.id) || justStarted);
      if (status === 'recording' && !liveElsewhere) {
        try {
          await deps.recordings.setStatus(summary.id, 'stopped');
          status = 'stopped';
          interrupted.add(summary.id);
        } catch {
          continue; // deleted meanwhile (another page discarded it)
        }
      }
      offered.push({ ...summary, status, interrupted: interrupted.has(summary.id), liveElsewhere, tooShort: isTooShort(summary) });
    }
    items.value = offered;
    clearTimeout(recheck);
    // Another window is recording one: look again, to offer it once that window is done or closed.
    if (offered.some((r) => r.liveElsewhere)) recheck = setTimeout(() => void refresh(), deps.recheckMs ?? 3000);
  }

  /** Reads the store again. Calls made while one is running are folded into one more read. */
  async function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        try {
          await load();
        } catch {
          problem.value = {
            message: 'Chartside could not read the recordings saved on this computer.',
            nextStep: 'Close and reopen this panel. Saved recordings are not deleted by this.',
          };
        }
      } while (again);
    })();
    try {
      await refreshing;
    } finally {
      refreshing = undefined;
    }
  }

  /** Handed off for a note: no longer offered here (the next refresh shows it again if it is still waiting). */
  function hide(recordingId: string): void {
    if (listening.peek()?.id === recordingId) stopListening();
    items.value = items.value.filter((r) => r.id !== recordingId);
  }

  function askDiscard(recordingId: string): void {
    problem.value = undefined;
    confirming.value = recordingId;
  }

  function cancelDiscard(): void {
    confirming.value = undefined;
  }

  /**
   * Plays a recording back in the panel, to tell which visit it is before making a note from it or
   * discarding it. The audio is decrypted into memory only, and let go when the player closes.
   */
  async function listen(recordingId: string): Promise<void> {
    stopListening();
    problem.value = undefined;
    try {
      const audio = await deps.recordings.readAudio(recordingId);
      listening.value = { id: recordingId, url: URL.createObjectURL(audio) };
    } catch {
      problem.value = {
        message: 'This recording cannot be played: it can no longer be read on this computer.',
        nextStep: 'Discard it, or try Generate note: the SOAP Note API may still read it.',
      };
    }
  }

  function stopListening(): void {
    const current = listening.peek();
    if (!current) return;
    URL.revokeObjectURL(current.url);
    listening.value = undefined;
  }

  /** Deletes the recording's audio for good (the clinician confirmed). */
  async function discard(recordingId: string): Promise<void> {
    if (listening.peek()?.id === recordingId) stopListening();
    try {
      await deps.recordings.discard(recordingId);
    } catch {
      problem.value = { message: 'The recording could not be deleted.', nextStep: 'Press Discard again. If it keeps failing, close and reopen this panel.' };
      return;
    }
    batch(() => {
      confirming.value = undefined;
      interrupted.delete(recordingId);
      hide(recordingId);
    });
  }

  return {
    items, confirming, problem, notice, listening,
    refresh, hide, askDiscard, cancelDiscard, discard, listen, stopListening,
    dispose: () => {
      clearTimeout(recheck);
      stopListening();
    },
  };
}

export type UnfinishedRecordingsStore = ReturnType<typeof createUnfinishedRecordings>;
