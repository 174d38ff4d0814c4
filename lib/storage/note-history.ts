import { z } from 'zod/mini';
import { PatientIdentitySchema } from '../ehr/chart-context';
import { RecordingConsentSchema } from '../note/consent';
import type { JobSnapshot } from '../messaging/background-to-ui';
import { readSession, removeSession, sessionKeys, writeSession } from './session-area';

/**
 * The notes made in this browser session, newest first in the panel's `Note history`. Kept in
 * `storage.session` only (it names patients and holds the notes' text), so it is gone when the
 * browser closes. The background writes an entry when a job completes; the panel reads them and
 * marks one gone when the API says it has deleted it.
 */
export const NoteHistoryEntrySchema = z.object({
  /** The generation job that made it (one entry per job). */
  jobId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The API's id for GET /v1/note/:noteId; absent when the answer carried none (then it cannot be reopened). */
  noteId: z.optional(z.string().check(z.maxLength(200))),
  /** When the note was finished (epoch ms). */
  completedAt: z.number(),
  /** Who it was written for, as the chart showed it when generation started. */
  patient: z.optional(PatientIdentitySchema),
  /** The specialty id sent. */
  specialty: z.optional(z.string().check(z.maxLength(100))),
  /** ISO 8601, from the API (`expires_at`): the server deletes the note then. */
  expiresAt: z.optional(z.string().check(z.maxLength(60))),
  /** The API answered 404 for it: deleted before (or at) `expiresAt`. */
  gone: z.optional(z.boolean()),
  /**
   * A recorded visit's transcript, as the API returned it with the note: the only copy of the visit's
   * words, so a reopened note can be checked against them again.
   */
  transcript: z.optional(z.string()),
  /**
   * The patient's consent to be recorded, for a note made from a recording (or from the typed
   * transcript of one, when the clinician asked for it there too): the API's copy of the note
   * does not hold its line, so a reopened note has it put back in its place.
   */
  consent: z.optional(RecordingConsentSchema),
  /** The note as generated (not as edited afterwards), for the visit-history summary. */
  sections: z.object({ subjective: z.string(), objective: z.string(), assessment: z.string(), plan: z.string() }),
});
export type NoteHistoryEntry = z.infer<typeof NoteHistoryEntrySchema>;

/** What the panel tells the background about a job when it starts it; kept until the job ends. */
export const JobMetaSchema = z.object({
  patient: z.optional(PatientIdentitySchema),
  specialty: z.optional(z.string().check(z.maxLength(100))),
});
export type JobMeta = z.infer<typeof JobMetaSchema>;

export const HISTORY_PREFIX = 'note-history:';
export const META_PREFIX = 'note-meta:';
/** Older entries beyond this many are dropped: a session's worth of clinic visits, with room to spare. */
export const MAX_HISTORY = 60;

const historyKey = (jobId: string) => `${HISTORY_PREFIX}${jobId}`;
const metaKey = (jobId: string) => `${META_PREFIX}${jobId}`;

const ENDED = new Set<JobSnapshot['status']>(['complete', 'incomplete', 'error', 'cancelled']);

export async function rememberJobMeta(jobId: string, meta: JobMeta): Promise<void> {
  await writeSession(metaKey(jobId), meta);
}

/**
 * Called with every job snapshot the background saves: a completed job becomes a history entry
 * (with its note id and expiry when the API sent them), and any ended job's start-up facts are dropped.
 * Every entry is written under its own key, so two jobs ending at once cannot overwrite each other.
 */
export async function recordJobInHistory(job: JobSnapshot, now = Date.now()): Promise<NoteHistoryEntry | undefined> {
  if (!ENDED.has(job.status)) return undefined;
  const meta = await readSession(metaKey(job.id), JobMetaSchema);
  let entry: NoteHistoryEntry | undefined;
  if (job.status === 'complete' && (meta || !(await readSession(historyKey(job.id), NoteHistoryEntrySchema)))) {
    const { noteId, expires_at } = job.note.extras;
    entry = {
      jobId: job.id,
      completedAt: now,
      sections: { ...job.note.sections },
      ...(typeof noteId === 'string' && noteId !== '' && { noteId }),
      ...(typeof expires_at === 'string' && expires_at !== '' && { expiresAt: expires_at }),
      ...(meta?.patient && { patient: meta.patient }),
      ...(meta?.specialty && { specialty: meta.specialty }),
      ...(job.audio?.transcript && { transcript: job.audio.transcript }),
      ...((job.audio?.consent ?? job.consent) && { consent: job.audio?.consent ?? job.consent }),
    };
    await writeSession(historyKey(job.id), entry);
    await pruneHistory();
  }
  if (meta) await removeSession(metaKey(job.id));
  return entry;
}

/** Newest first. */
export async function listNoteHistory(): Promise<NoteHistoryEntry[]> {
  const entries: NoteHistoryEntry[] = [];
  for (const key of await sessionKeys(HISTORY_PREFIX)) {
    const entry = await readSession(key, NoteHistoryEntrySchema);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => b.completedAt - a.completedAt);
}

/** What a reopen learned about a note: its (newer) expiry, or that the API has deleted it. */
export async function updateHistoryEntry(jobId: string, change: Pick<NoteHistoryEntry, 'expiresAt' | 'gone'>): Promise<void> {
  const entry = await readSession(historyKey(jobId), NoteHistoryEntrySchema);
  if (!entry) return;
  await writeSession(historyKey(jobId), { ...entry, ...change });
}

async function pruneHistory(): Promise<void> {
  const entries = await listNoteHistory();
  const extra = entries.slice(MAX_HISTORY).map((e) => historyKey(e.jobId));
  if (extra.length > 0) await removeSession(extra);
}

/** Is this a history entry's storage key (the panel listens for changes to these)? */
export const isHistoryKey = (key: string) => key.startsWith(HISTORY_PREFIX);
