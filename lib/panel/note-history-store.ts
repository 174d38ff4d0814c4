import { batch, signal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import type { PatientIdentity } from '../ehr/chart-context';
import type { ReopenedNote, Result } from '../messaging/request-background';
import type { NoteExtras } from '../note/note-state';
import { withConsent } from '../note/consent';
import { SOAP_SECTIONS, type NoteSections } from '../note/sections';
import type { NoteHistoryEntry } from '../storage/note-history';
import { clockTime } from './expiry-text';

/** What the history needs from the panel's note boxes. */
export interface NoteBoxes {
  sections(): NoteSections;
  /** A job is running: its stream owns the boxes. */
  locked(): boolean;
  /** `transcript`: a recorded visit's words, kept with its history entry (or sent again with the note). */
  show(note: { sections: NoteSections; extras: NoteExtras; transcript?: string }, patient: PatientIdentity | undefined): boolean;
}

export interface NoteHistoryDeps {
  list(): Promise<NoteHistoryEntry[]>;
  /** GET /v1/note/:noteId through the background (which also updates the entry's expiry, or marks it gone). */
  getNote(noteId: string, jobId: string): Promise<Result<ReopenedNote>>;
  /** The bound tab's panel store; may change when the panel follows another tab. */
  boxes(): NoteBoxes | undefined;
  now?: () => number;
}

export interface HistoryMessage {
  message: string;
  nextStep: string;
}

/** A reopened note waiting for the clinician's word before it replaces what the boxes hold. */
export interface PendingReplace {
  entry: NoteHistoryEntry;
  sections: NoteSections;
  extras: NoteExtras;
  transcript?: string;
}

/**
 * This browser session's note history in the panel: the list (kept by the background in
 * storage.session), a clock for the countdowns, and reopening a note through GET /v1/note/:noteId.
 */
export function createNoteHistoryStore(deps: NoteHistoryDeps) {
  const now = deps.now ?? Date.now;
  const entries = signal<NoteHistoryEntry[]>([]);
  const clock = signal(now());
  const reopening = signal<string | undefined>(undefined);
  const error = signal<ApiErrorInfo | HistoryMessage | undefined>(undefined);
  const notice = signal<string | undefined>(undefined);
  const pending = signal<PendingReplace | undefined>(undefined);

  async function refresh(): Promise<void> {
    const list = await deps.list().catch(() => entries.peek());
    batch(() => {
      entries.value = list;
      // A new or renewed entry is counted down from now, not from the last tick.
      clock.value = now();
    });
  }

  /** Moves the countdowns on. */
  function tick(): void {
    clock.value = now();
  }

  async function reopen(entry: NoteHistoryEntry): Promise<void> {
    if (reopening.value) return;
    const when = clockTime(entry.completedAt);
    batch(() => {
      error.value = undefined;
      notice.value = undefined;
      pending.value = undefined;
    });
    if (!entry.noteId) {
      error.value = {
        message: `The note from ${when} cannot be reopened: the SOAP Note API sent no note ID with it.`,
        nextStep: 'If it was inserted into the EHR, take a copy from the EHR.',
      };
      return;
    }
    reopening.value = entry.jobId;
    try {
      const answer = await deps.getNote(entry.noteId, entry.jobId);
      if (!answer.ok) {
        error.value = answer.error.kind === 'not_found' ? expiredMessage(when) : answer.error;
        // The background marked it gone; show that at once rather than on the storage echo.
        if (answer.error.kind === 'not_found') markGone(entry.jobId);
        return;
      }
      const note = answer.data;
      const status = note.status ?? (SOAP_SECTIONS.some((s) => (note[s] ?? '') !== '') ? 'completed' : 'processing');
      if (status !== 'completed') {
        error.value = {
          message: status === 'failed' ? `The SOAP Note API says the note from ${when} failed.` : `The SOAP Note API is still working on the note from ${when}.`,
          nextStep: status === 'failed' ? 'Generate the note again.' : 'Try Reopen again in a minute.',
        };
        return;
      }
      // The consent line was Chartside's, not the API's: put back where it was.
      const sections = withConsent(sectionsOf(note), entry.consent);
      const extras = extrasOf(note, entry.noteId);
      const { transcript } = entry;
      const boxes = deps.boxes();
      if (!boxes || boxes.locked()) {
        error.value = { message: 'A note is being written in the panel right now.', nextStep: 'Wait for it to finish (or press Stop), then press Reopen again.' };
        return;
      }
      if (holdsOtherNote(boxes.sections(), sections)) {
        pending.value = { entry, sections, extras, ...(transcript !== undefined && { transcript }) };
        return;
      }
      show(entry, sections, extras, transcript);
    } finally {
      reopening.value = undefined;
    }
  }

  function show(entry: NoteHistoryEntry, sections: NoteSections, extras: NoteExtras, transcript?: string): void {
    const boxes = deps.boxes();
    if (!boxes?.show({ sections, extras, ...(transcript !== undefined && { transcript }) }, entry.patient)) {
      error.value = { message: 'A note is being written in the panel right now.', nextStep: 'Wait for it to finish (or press Stop), then press Reopen again.' };
      return;
    }
    notice.value = `The note from ${clockTime(entry.completedAt)} is open in the section boxes.`;
  }

  /** The clinician agreed to replace the note in the boxes. */
  function confirmReplace(): void {
    const waiting = pending.value;
    if (!waiting) return;
    pending.value = undefined;
    show(waiting.entry, waiting.sections, waiting.extras, waiting.transcript);
  }

  function cancelReplace(): void {
    pending.value = undefined;
  }

  function markGone(jobId: string): void {
    entries.value = entries.value.map((e) => (e.jobId === jobId ? { ...e, gone: true } : e));
  }

  return { entries, clock, reopening, error, notice, pending, refresh, tick, reopen, confirmReplace, cancelReplace };
}

export type NoteHistoryStore = ReturnType<typeof createNoteHistoryStore>;

/** A 404 on reopen: the API's retention ran out (or the note never existed there). */
export function expiredMessage(when: string): HistoryMessage {
  return {
    message: `The note from ${when} has expired: the SOAP Note API has deleted it, so it cannot be reopened.`,
    nextStep: 'If it was inserted into the EHR, take a copy from the EHR.',
  };
}

function sectionsOf(note: ReopenedNote): NoteSections {
  return { subjective: note.subjective ?? '', objective: note.objective ?? '', assessment: note.assessment ?? '', plan: note.plan ?? '' };
}

function extrasOf(note: ReopenedNote, noteId: string): NoteExtras {
  const extras: NoteExtras = { noteId: note.noteId ?? noteId };
  if (note.expires_at) extras.expires_at = note.expires_at;
  if (note.billing_codes) extras.billing_codes = note.billing_codes;
  if (note.billing_codes_disclaimer) extras.billing_codes_disclaimer = note.billing_codes_disclaimer;
  if (note.patient_summary) extras.patient_summary = note.patient_summary;
  return extras;
}

/** The boxes hold text, and it is not this same note: replacing it would lose the clinician's work. */
function holdsOtherNote(current: NoteSections, incoming: NoteSections): boolean {
  const hasText = SOAP_SECTIONS.some((s) => current[s].trim() !== '');
  return hasText && SOAP_SECTIONS.some((s) => current[s].trim() !== incoming[s].trim());
}
