import { z } from 'zod/mini';
import { ApiErrorInfoSchema } from '../api/errors';
import { RecordingConsentSchema } from '../note/consent';
import { REQUESTABLE_EXTRAS } from '../note/requested-extras';
import { SOAP_SECTIONS } from '../note/sections';

const SectionSchema = z.enum(SOAP_SECTIONS);

/** A stream event as it crosses to the panel (errors travel as plain `ApiErrorInfo`). */
export const WireStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('section'), section: SectionSchema, content: z.string(), mode: z.enum(['append', 'auto']) }),
  z.object({ type: z.literal('extra'), key: z.string(), value: z.unknown() }),
  z.object({ type: z.literal('error'), error: ApiErrorInfoSchema }),
  z.object({ type: z.literal('done') }),
]);
export type WireStreamEvent = z.infer<typeof WireStreamEventSchema>;

/**
 * `starting`/`streaming`: a note from a transcript. `uploading`: a recording being checked and sent;
 * `processing`: the API accepted a long recording (202) and the background polls until it is done.
 */
export const JobStatusSchema = z.enum(['starting', 'streaming', 'uploading', 'processing', 'complete', 'incomplete', 'error', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** A job in one of these has not got its note yet (a 202 recording being processed included). */
const RUNNING_JOB_STATUSES: ReadonlySet<string> = new Set<JobStatus>(['starting', 'streaming', 'uploading', 'processing']);
/** Takes the panel's own statuses too (`idle`), which are never running. */
export const isRunningStatus = (status: string): boolean => RUNNING_JOB_STATUSES.has(status);

export const NoteStateSchema = z.object({
  sections: z.object({ subjective: z.string(), objective: z.string(), assessment: z.string(), plan: z.string() }),
  extras: z.record(z.string(), z.unknown()),
});

/**
 * What a job made from a recording adds to its snapshot. No PHI but the transcript the API returned
 * (kept, like the note, in `storage.session` only).
 */
export const AudioJobSchema = z.object({
  /** The recording in the recording store (lib/storage/recordings.ts) the note is made from. */
  recordingId: z.string(),
  /** Size of the audio sent, once read. */
  bytes: z.optional(z.number()),
  /** Set when the API answered 202: the id to poll. */
  noteId: z.optional(z.string()),
  /** Status checks answered so far. */
  polls: z.number(),
  /** When the API accepted the recording (epoch ms). */
  processingSince: z.optional(z.number()),
  /** When the next status check is due (epoch ms): a restarted worker resumes from it. */
  nextPollAt: z.optional(z.number()),
  /** Status checks in a row that failed for a reason worth waiting out. */
  pollFailures: z.optional(z.number()),
  /**
   * Status checks in a row refused by the key's request limit (a 429 without `Retry-After`): the job
   * and the recording are kept and checks are spaced out; the panel says so.
   */
  limitedChecks: z.optional(z.number()),
  /** After an error: whether sending the same recording again can help (it is still stored, and passed the checks). */
  canRetry: z.optional(z.boolean()),
  /** The transcript that came back with the note. */
  transcript: z.optional(z.string()),
  /**
   * The extras the upload asked for, kept so that a note finished by a restarted worker (202, polled)
   * is still checked for them.
   */
  requested: z.optional(z.array(z.enum(REQUESTABLE_EXTRAS))),
  /**
   * The patient's consent to be recorded, as kept with the recording: its line goes into the note
   * when it comes (a restarted worker that polls the note to the end still has it here).
   */
  consent: z.optional(RecordingConsentSchema),
});
export type AudioJob = z.infer<typeof AudioJobSchema>;

/** The whole of a generation job, as kept in `storage.session` and sent on subscribe. */
export const JobSnapshotSchema = z.object({
  id: z.string(),
  bindingKey: z.string(),
  status: JobStatusSchema,
  note: NoteStateSchema,
  error: z.optional(ApiErrorInfoSchema),
  /** Why a job ended early without an error from the server (worker restart, cut stream). */
  interruption: z.optional(z.enum(['stream-cut', 'worker-restarted'])),
  /** Only for a note made from a recording. */
  audio: z.optional(AudioJobSchema),
  /**
   * For a note from the typed transcript, the patient's consent to the recording it is of, when the
   * clinician asked for it: its line is in the note, and the note history keeps it (as `audio.consent`).
   */
  consent: z.optional(RecordingConsentSchema),
  /** `whole`: made with POST /v1/note, so it arrives all at once rather than section by section. */
  delivery: z.optional(z.literal('whole')),
  /** Extras that were asked for and did not come with the note (nor from GET /v1/note/:noteId). */
  missingExtras: z.optional(z.array(z.enum(REQUESTABLE_EXTRAS))),
  startedAt: z.number(),
  updatedAt: z.number(),
});
export type JobSnapshot = z.infer<typeof JobSnapshotSchema>;

export const GenerationUpdateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), job: JobSnapshotSchema }),
  z.object({ type: z.literal('event'), jobId: z.string(), event: WireStreamEventSchema }),
  z.object({
    type: z.literal('status'),
    jobId: z.string(),
    status: JobStatusSchema,
    error: z.optional(ApiErrorInfoSchema),
    interruption: JobSnapshotSchema.shape.interruption,
    missingExtras: JobSnapshotSchema.shape.missingExtras,
  }),
  z.object({ type: z.literal('retrying'), jobId: z.string(), attempt: z.number(), maxAttempts: z.number(), delayMs: z.number(), error: ApiErrorInfoSchema }),
  z.object({ type: z.literal('unknown-job'), jobId: z.string() }),
]);
export type GenerationUpdate = z.infer<typeof GenerationUpdateSchema>;
