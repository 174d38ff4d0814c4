import { z } from 'zod/mini';
import { NoteOptionsSchema, NoteRequestSchema, VisitSummaryRequestSchema } from '../api/schemas';
import { PatientIdentitySchema } from '../ehr/chart-context';
import { SOAP_SECTIONS } from '../note/sections';
import { RecordingConsentSchema } from '../note/consent';
import { FIELD_TARGETS } from '../storage/field-maps';

const TabId = z.number().check(z.int(), z.gte(0));
const Site = z.string().check(z.maxLength(300));
const FieldTargetSchema = z.enum(FIELD_TARGETS);

/**
 * One-shot requests from the extension's own pages (options, side panel) to the background.
 * Each is answered with a `{ ok: true, … } | { ok: false, error }` reply.
 */
export const UiRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vault:save-key'), apiKey: z.string().check(z.minLength(1), z.maxLength(512)) }),
  z.object({ type: z.literal('vault:status') }),
  z.object({ type: z.literal('settings:test-connection') }),
  z.object({ type: z.literal('data:clear-all') }),
  /** A panel was shown or focused: has the idle timeout run out while nobody looked? */
  z.object({ type: z.literal('idle:check') }),
  /** The clinician used a panel (throttled by the panel): the idle timeout starts again. */
  z.object({ type: z.literal('idle:activity') }),
  z.object({ type: z.literal('specialties:list') }),
  z.object({ type: z.literal('site:status'), tabId: TabId }),
  z.object({ type: z.literal('site:enable'), tabId: TabId }),
  z.object({ type: z.literal('sites:list') }),
  z.object({ type: z.literal('site:disable'), origin: z.string().check(z.maxLength(300)) }),
  z.object({ type: z.literal('chart:read'), tabId: TabId }),
  z.object({
    type: z.literal('note:insert'),
    tabId: TabId,
    sections: z.partialRecord(z.enum(SOAP_SECTIONS), z.string().check(z.maxLength(200_000))),
    mode: z.enum(['append', 'replace']),
    patient: z.optional(PatientIdentitySchema),
  }),
  z.object({ type: z.literal('note:undo'), tabId: TabId }),
  z.object({ type: z.literal('fields:pick'), tabId: TabId, target: FieldTargetSchema }),
  z.object({ type: z.literal('fields:pick-stop'), tabId: TabId }),
  z.object({ type: z.literal('field-maps:list') }),
  z.object({ type: z.literal('field-maps:of-tab'), tabId: TabId }),
  z.object({ type: z.literal('field-maps:delete'), site: Site, target: z.optional(FieldTargetSchema) }),
  z.object({ type: z.literal('field-maps:reteach'), site: Site, target: z.optional(FieldTargetSchema) }),
  /** POST /v1/visit-summary with the visits the clinician picked. */
  z.object({ type: z.literal('visit-summary:create'), request: VisitSummaryRequestSchema }),
  /** GET /v1/note/:noteId, to reopen a note from this session's history (`jobId`: its history entry). */
  z.object({
    type: z.literal('note:get'),
    noteId: z.string().check(z.minLength(1), z.maxLength(200)),
    jobId: z.optional(z.string().check(z.maxLength(64))),
  }),
]);
export type UiRequest = z.infer<typeof UiRequestSchema>;

/** Messages the panel sends over its generation port. */
export const GenerationCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('generate'),
    /** Chosen by the panel, so it knows its job before the first reply arrives. */
    jobId: z.uuid(),
    /** What the note is bound to (the EHR tab), so a reopened panel finds its job. */
    bindingKey: z.string().check(z.minLength(1), z.maxLength(64)),
    request: NoteRequestSchema,
    /** Who the chart showed: recorded with the note in this session's note history. */
    patient: z.optional(PatientIdentitySchema),
    /** Ask with POST /v1/note (the whole note at once): to get extras a stream left out. */
    whole: z.optional(z.boolean()),
    /**
     * Regenerate one section: of the new note only `section` is taken; the job's note is `keep` (the
     * note on show when Regenerate was pressed) with that section rewritten, and so is its history entry.
     */
    regenerate: z.optional(z.object({ section: z.enum(SOAP_SECTIONS), keep: z.object({ subjective: z.string(), objective: z.string(), assessment: z.string(), plan: z.string() }) })),
    /**
     * The patient's consent to the recording the typed transcript is of, when the clinician asked for
     * it (settings): its line goes into the note, in its place, as for a note from a recording.
     */
    consent: z.optional(RecordingConsentSchema),
  }),
  z.object({
    type: z.literal('generate-audio'),
    jobId: z.uuid(),
    bindingKey: z.string().check(z.minLength(1), z.maxLength(64)),
    /** A recording in the recording store; the background reads its audio from there. */
    recordingId: z.string().check(z.minLength(1), z.maxLength(64)),
    /** The same choices as a text note, without a transcript. */
    options: NoteOptionsSchema,
    patient: z.optional(PatientIdentitySchema),
  }),
  z.object({ type: z.literal('stop'), jobId: z.string().check(z.minLength(1), z.maxLength(64)) }),
  z.object({ type: z.literal('subscribe'), jobId: z.string().check(z.minLength(1), z.maxLength(64)) }),
]);
export type GenerationCommand = z.infer<typeof GenerationCommandSchema>;

export const GENERATION_PORT = 'chartside:generation';
