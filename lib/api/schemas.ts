import { z } from 'zod/mini';
import { apiVisitDate } from './request-values';
import { TranscriptFieldSchema } from './transcript-text';

/**
 * The shapes the SOAP Note API sends and receives (see /work/shared/api/CONTRACT.md).
 *
 * Two policies, deliberately different:
 * - Requests use `z.object`, which strips keys it does not know. Whatever a caller passes, only
 *   documented fields go on the wire, so deprecated aliases (`shorthand_notes`, `provider_type`,
 *   `template_id`) can never leak out.
 * - Responses use `z.looseObject` and forgiving field schemas: the vendor adds fields and is loose
 *   about types, and a surprise in a field we do not depend on must never cost the clinician a note.
 */

export { buildNoteOptions, buildNoteRequest, type NoteOptions, type NoteOptionsInput, type NoteRequestInput } from './note-request';
export { parseSpecialties, type Specialty } from './specialties';

/** The vendor makes showing this mandatory whenever billing codes are shown; used when the server sent none. */
export const DEFAULT_BILLING_DISCLAIMER =
  'Recommended codes for review. Not a substitute for professional coding. Verify all codes before submission.';

export const MIN_TRANSCRIPT_LENGTH = 50;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** As the vendor's client checks it: whole years, more than zero (buildNoteOptions leaves out any other). */
const age = z.int().check(z.positive());

export const PatientInfoSchema = z.object({
  name: z.optional(z.string()),
  age: z.optional(age),
  gender: z.optional(z.string()),
  medications: z.optional(z.array(z.string())),
  allergies: z.optional(z.array(z.string())),
  medical_history: z.optional(z.string()),
});
export type PatientInfo = z.infer<typeof PatientInfoSchema>;

export const ChatMessageSchema = z.object({
  /** The only roles the API knows; buildNoteOptions maps the portal's words and leaves out unknown authors. */
  role: z.enum(['patient', 'provider']),
  content: z.string(),
  // Portal messages read from a chart do not always carry a time; the vendor does not say it is required.
  timestamp: z.optional(z.string()),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const NoteContextSchema = z.object({
  patient_info: z.optional(PatientInfoSchema),
  patient_history: z.optional(z.string()),
  chat_messages: z.optional(z.array(ChatMessageSchema)),
  /** Documented on the vendor's newer pages, not in the main reference: send only when the user set it. */
  custom_instructions: z.optional(z.string()),
});
export type NoteContext = z.infer<typeof NoteContextSchema>;

export const NoteRequestSchema = z.object({
  transcript: z.string().check(
    z.minLength(MIN_TRANSCRIPT_LENGTH, {
      error: `The transcript is too short: the SOAP Note API needs at least ${MIN_TRANSCRIPT_LENGTH} characters.`,
    }),
  ),
  specialty: z.string().check(z.minLength(1, { error: 'Choose a specialty.' })),
  template: z.optional(z.string().check(z.minLength(1))),
  context: z.optional(NoteContextSchema),
  include_billing_codes: z.optional(z.boolean()),
  /** Billed as an extra output: only ever true because the user asked. */
  include_patient_summary: z.optional(z.boolean()),
  include_icd11: z.optional(z.boolean()),
});
export type NoteRequest = z.infer<typeof NoteRequestSchema>;

/** A note request without its transcript: what an audio upload sends as fields and `metadata`. */
export const NoteOptionsSchema = z.omit(NoteRequestSchema, { transcript: true });

// The vendor documents a plain ISO date ("2026-02-15"). Charts often hold full timestamps: those are
// accepted and sent as their date, so what goes on the wire is always the documented form.
const isoDateOrDateTime = z.pipe(
  z.string().check(
    z.refine((value) => apiVisitDate(value) !== undefined, {
      error: 'Each visit needs a date in the form YYYY-MM-DD.',
    }),
  ),
  z.transform((value: string) => apiVisitDate(value) ?? value),
);

export const VisitSchema = z
  .object({
    visit_date: isoDateOrDateTime,
    provider: z.optional(z.string()),
    soap_note: z.optional(
      z.object({
        subjective: z.optional(z.string()),
        objective: z.optional(z.string()),
        assessment: z.optional(z.string()),
        plan: z.optional(z.string()),
      }),
    ),
    summary: z.optional(z.string()),
  })
  .check(
    z.refine((visit) => visit.soap_note !== undefined || visit.summary !== undefined, {
      error: 'Each visit needs a SOAP note or a summary.',
    }),
  );
export type Visit = z.infer<typeof VisitSchema>;

export const VisitSummaryRequestSchema = z.object({
  patient_info: z.optional(z.object({ name: z.optional(z.string()), age: z.optional(age) })),
  focus: z.optional(z.string()),
  visits: z.array(VisitSchema).check(z.minLength(1, { error: 'Add at least one visit to summarize.' })),
});
export type VisitSummaryRequest = z.infer<typeof VisitSummaryRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** A section's text: anything that is not a string (missing, null) reads as empty rather than failing the note. */
const sectionText = z.catch(z.string(), '');
/** An optional text field: a wrong type is dropped, not fatal. */
const optionalText = z.catch(z.optional(z.string()), undefined);

export const CodeSchema = z.looseObject({
  code: z.string(),
  description: z.catch(z.string(), ''),
});
export type Code = z.infer<typeof CodeSchema>;

/**
 * Entries that are not `{code, description}` are dropped, so one odd entry does not hide the others;
 * a missing or malformed list reads as empty.
 */
const codeList = z.pipe(
  z.catch(z.array(z.unknown()), []),
  z.transform((items: unknown[]) =>
    items.flatMap((item) => {
      const parsed = CodeSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  ),
);

export const BillingCodesSchema = z.looseObject({
  icd10: codeList,
  cpt: codeList,
  /**
   * HCPCS Level II (supplies, drugs, vaccines: `J1885`, `E0114`, `G0008`): the vendor's pages and client
   * list it beside ICD-10 and CPT, without a shape; assumed like the others, and absent on most visits.
   */
  hcpcs: z.optional(codeList),
  /** Only when `include_icd11` was sent; undocumented shape, assumed like the others. */
  icd11: z.optional(codeList),
});
export type BillingCodes = z.infer<typeof BillingCodesSchema>;

const noteExtras = {
  /** Text, whatever shape it came in (a recording's may be diarized segments). */
  transcript: TranscriptFieldSchema,
  billing_codes: z.catch(z.optional(BillingCodesSchema), undefined),
  billing_codes_disclaimer: optionalText,
  patient_summary: optionalText,
  expires_at: optionalText,
};

export const NoteSchema = z.looseObject({
  noteId: z.string().check(z.minLength(1)),
  subjective: sectionText,
  objective: sectionText,
  assessment: sectionText,
  plan: sectionText,
  ...noteExtras,
});
export type Note = z.infer<typeof NoteSchema>;

/** Server statuses are compared case-insensitively; an unknown status is a response we cannot act on. */
export const NoteStatusSchema = z.pipe(
  z.transform((value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value)),
  z.enum(['processing', 'completed', 'failed']),
);
export type NoteStatus = z.infer<typeof NoteStatusSchema>;

/**
 * GET /v1/note/:noteId. Sections are only present once completed. `noteId` and `status` may be left
 * out by the server (the id is in the URL); the client fills them in, hence the stricter exported type.
 */
export const NoteWithStatusSchema = z.looseObject({
  noteId: optionalText,
  status: z.optional(NoteStatusSchema),
  subjective: optionalText,
  objective: optionalText,
  assessment: optionalText,
  plan: optionalText,
  ...noteExtras,
});
export type NoteWithStatus = z.infer<typeof NoteWithStatusSchema> & { noteId: string; status: NoteStatus };

/** 202 from the audio upload: long recordings are transcribed in the background. */
export const AudioAcceptedSchema = z.looseObject({
  noteId: z.string().check(z.minLength(1)),
  // A 202 means "processing" whatever the body says.
  status: z.catch(z.literal('processing'), 'processing'),
  message: optionalText,
});
export type AudioAccepted = z.infer<typeof AudioAcceptedSchema>;

/** GET /v1/audio/status/:noteId: poll until `status` is not `processing`. May carry the note when completed. */
export const AudioStatusSchema = z.extend(NoteWithStatusSchema, {
  status: NoteStatusSchema,
  message: optionalText,
  error: z.optional(z.unknown()),
});
export type AudioStatus = z.infer<typeof AudioStatusSchema> & { noteId: string };

export const VisitSummarySchema = z.looseObject({
  summary: z.string(),
  key_findings: z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((items: unknown[]) => items.filter((item): item is string => typeof item === 'string')),
  ),
  active_diagnoses: codeList,
});
export type VisitSummary = z.infer<typeof VisitSummarySchema>;

export const ErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.catch(z.optional(z.string()), undefined),
    message: z.catch(z.optional(z.string()), undefined),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
