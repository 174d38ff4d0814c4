import { z } from 'zod/mini';
import { ApiErrorInfoSchema } from '../api/errors';
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

export const JobStatusSchema = z.enum(['starting', 'streaming', 'complete', 'incomplete', 'error', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const NoteStateSchema = z.object({
  sections: z.object({ subjective: z.string(), objective: z.string(), assessment: z.string(), plan: z.string() }),
  extras: z.record(z.string(), z.unknown()),
});

/** The whole of a generation job, as kept in `storage.session` and sent on subscribe. */
export const JobSnapshotSchema = z.object({
  id: z.string(),
  bindingKey: z.string(),
  status: JobStatusSchema,
  note: NoteStateSchema,
  error: z.optional(ApiErrorInfoSchema),
  /** Why a job ended early without an error from the server (worker restart, cut stream). */
  interruption: z.optional(z.enum(['stream-cut', 'worker-restarted'])),
  startedAt: z.number(),
  updatedAt: z.number(),
});
export type JobSnapshot = z.infer<typeof JobSnapshotSchema>;

export const GenerationUpdateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), job: JobSnapshotSchema }),
  z.object({ type: z.literal('event'), jobId: z.string(), event: WireStreamEventSchema }),
  z.object({ type: z.literal('status'), jobId: z.string(), status: JobStatusSchema, error: z.optional(ApiErrorInfoSchema), interruption: JobSnapshotSchema.shape.interruption }),
  z.object({ type: z.literal('retrying'), jobId: z.string(), attempt: z.number(), maxAttempts: z.number(), delayMs: z.number(), error: ApiErrorInfoSchema }),
  z.object({ type: z.literal('unknown-job'), jobId: z.string() }),
]);
export type GenerationUpdate = z.infer<typeof GenerationUpdateSchema>;
