import { z } from 'zod/mini';
import { NoteStateSchema } from '../messaging/background-to-ui';
import { NoteRequestSchema } from '../api/schemas';
import { PatientIdentitySchema } from '../ehr/chart-context';
import { REQUESTABLE_EXTRAS } from '../note/requested-extras';
import { SOAP_SECTIONS } from '../note/sections';
import { readSession, writeSession } from './session-area';

/**
 * What the clinician is working on in the panel for one EHR tab: the transcript, the options,
 * and (once its job has ended) the note as edited. The panel owns it; it survives closing and
 * reopening the panel, and is gone when the browser closes.
 */
export const DraftSchema = z.object({
  transcript: z._default(z.string(), ''),
  specialty: z._default(z.string(), 'physician'),
  template: z._default(z.string(), 'standard'),
  includeBillingCodes: z._default(z.boolean(), false),
  includePatientSummary: z._default(z.boolean(), false),
  /** Free text steering this note (sent as `context.custom_instructions`); may name the patient, so session only. */
  customInstructions: z._default(z.string(), ''),
  /** The style rules the note was written with, as the lines sent (settings, not PHI; kept so the panel can still list them). */
  rulesUsed: z.optional(z.array(z.string())),
  /** Who the note was generated for, as the chart showed it then (the wrong-patient guard checks it). */
  patient: z.optional(PatientIdentitySchema),
  /** The generation job whose note this draft shows. */
  jobId: z.optional(z.string()),
  /** The stored recording that job turns into a note (so Retry can send it again after a reopen). */
  recordingId: z.optional(z.string()),
  /** A recording's transcript offered because the Transcript box already held the clinician's text. */
  offeredTranscript: z.optional(z.string()),
  /** Extras the note was asked for and did not bring (still offered after the panel reopens). */
  missingExtras: z.optional(z.array(z.enum(REQUESTABLE_EXTRAS))),
  /** The request the note on show was made with (a note from the transcript): Regenerate <section> sends the same inputs again. */
  request: z.optional(NoteRequestSchema),
  /** The note, once the job ended and the panel took it over for editing. */
  note: z.optional(NoteStateSchema),
  /** The section text from before the last regenerate, so Undo regenerate still works after the panel reopens. */
  undoRegenerate: z.optional(z.object({ section: z.enum(SOAP_SECTIONS), previous: z.string() })),
});
export type Draft = z.infer<typeof DraftSchema>;

const draftKey = (bindingKey: string) => `draft:${bindingKey}`;

export async function loadDraft(bindingKey: string): Promise<Draft> {
  return (await findDraft(bindingKey)) ?? DraftSchema.parse({});
}

/** The tab's draft, or undefined when the panel has not worked on this tab yet. */
export async function findDraft(bindingKey: string): Promise<Draft | undefined> {
  return readSession(draftKey(bindingKey), DraftSchema);
}

/** A fresh draft, starting from what the clinician last used on the tab's site. */
export function newDraft(preference?: { specialty: string; template: string }): Draft {
  return DraftSchema.parse(preference ? { specialty: preference.specialty, template: preference.template } : {});
}

export async function saveDraft(bindingKey: string, draft: Draft): Promise<void> {
  await writeSession(draftKey(bindingKey), draft);
}
