import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { ApiErrorInfoSchema, type ApiErrorInfo } from '../api/errors';
import { NoteWithStatusSchema } from '../api/schemas';
import { ChartContextSchema, PatientIdentitySchema } from '../ehr/chart-context';
import { FIELD_TARGETS, FieldMapSchema } from '../storage/field-maps';
import type { UiRequest } from './ui-to-background';

/** Every reply to a `UiRequest`: data on success, an error the page can show on failure. */
export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorInfoSchema }),
]);
export type Reply = z.infer<typeof ReplySchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiErrorInfo };

const NO_ANSWER: ApiErrorInfo = {
  kind: 'unknown',
  message: 'Chartside’s background did not answer.',
  nextStep: 'Close and reopen this page. If it keeps happening, restart the browser.',
  retryable: true,
};

/** Sends a request from an extension page to the background and checks the reply's shape. */
export async function requestBackground<T>(request: UiRequest, dataSchema: z.ZodMiniType<T>): Promise<Result<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
  const reply = ReplySchema.safeParse(raw);
  if (!reply.success) return { ok: false, error: NO_ANSWER };
  if (!reply.data.ok) return reply.data;
  const data = dataSchema.safeParse(reply.data.data);
  return data.success ? { ok: true, data: data.data } : { ok: false, error: NO_ANSWER };
}

/** What an idle-timeout check did (lib/background/idle-timeout.ts says what each means). */
export const IdleCheckOutcomeSchema = z.enum(['started', 'kept', 'busy', 'cleared']);
/** The answer to `idle:check` / `idle:activity`. */
export const IdleCheckReplySchema = z.object({ outcome: IdleCheckOutcomeSchema });

const ListedName = z.string().check(z.maxLength(200));
export const SpecialtyListSchema = z.array(
  z.object({ id: ListedName, label: ListedName, templates: z.optional(z.array(z.object({ id: ListedName, label: ListedName })).check(z.maxLength(100))) }),
);

export const VaultStatusSchema = z.object({
  hasKey: z.boolean(),
  kind: z.optional(z.enum(['test', 'live'])),
  masked: z.optional(z.string()),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const SiteStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown') }),
  z.object({ kind: z.literal('unsupported'), url: z.string() }),
  z.object({ kind: z.literal('disabled'), origin: z.string(), pattern: z.string() }),
  z.object({ kind: z.literal('enabled'), origin: z.string(), pattern: z.string() }),
]);
export type SiteStatus = z.infer<typeof SiteStatusSchema>;

export const ChartReadResultSchema = z.object({
  found: z.boolean(),
  chart: z.optional(ChartContextSchema),
});
export type ChartReadResult = z.infer<typeof ChartReadResultSchema>;

export const SiteListSchema = z.array(z.string());

const FieldTargetSchema = z.enum(['subjective', 'objective', 'assessment', 'plan', 'note']);
export const FieldReportSchema = z.object({
  target: FieldTargetSchema,
  status: z.enum(['inserted', 'appended', 'replaced', 'not-found', 'failed', 'restored']),
  reason: z.optional(z.string()),
});
export const FieldReportListSchema = z.array(FieldReportSchema);
export type FieldReportInfo = z.infer<typeof FieldReportSchema>;

export const InsertOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done'), reports: FieldReportListSchema }),
  z.object({ kind: z.literal('wrong-patient'), expected: PatientIdentitySchema, found: z.optional(PatientIdentitySchema) }),
  z.object({ kind: z.literal('no-access') }),
  z.object({ kind: z.literal('no-fields') }),
]);
export type InsertOutcomeInfo = z.infer<typeof InsertOutcomeSchema>;

export const FieldMapListSchema = z.array(FieldMapSchema);

export const PickOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('picked'), target: z.enum(FIELD_TARGETS), fragile: z.boolean(), map: FieldMapSchema }),
  z.object({ kind: z.literal('stopped') }),
  z.object({ kind: z.literal('no-access') }),
]);
export type PickOutcomeInfo = z.infer<typeof PickOutcomeSchema>;

export const FieldMapOfTabSchema = z.object({ map: z.optional(FieldMapSchema) });

export const ReteachOutcomeSchema = z.object({ opened: z.boolean() });

/** GET /v1/note/:noteId as relayed by the background (the client has filled in `noteId` and `status`). */
export const ReopenedNoteSchema = NoteWithStatusSchema;
export type ReopenedNote = z.infer<typeof ReopenedNoteSchema>;
