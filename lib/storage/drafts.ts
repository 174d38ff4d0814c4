import { z } from 'zod';
import { NoteStateSchema } from '../messaging/background-to-ui';
import { readSession, writeSession } from './session-area';

/**
 * What the clinician is working on in the panel for one EHR tab: the transcript, the options,
 * and (once its job has ended) the note as edited. The panel owns it; it survives closing and
 * reopening the panel, and is gone when the browser closes.
 */
export const DraftSchema = z.object({
  transcript: z.string().default(''),
  specialty: z.string().default('physician'),
  template: z.string().default('standard'),
  includeBillingCodes: z.boolean().default(false),
  includePatientSummary: z.boolean().default(false),
  /** The generation job whose note this draft shows. */
  jobId: z.string().optional(),
  /** The note, once the job ended and the panel took it over for editing. */
  note: NoteStateSchema.optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

const draftKey = (bindingKey: string) => `draft:${bindingKey}`;

export async function loadDraft(bindingKey: string): Promise<Draft> {
  return (await readSession(draftKey(bindingKey), DraftSchema)) ?? DraftSchema.parse({});
}

export async function saveDraft(bindingKey: string, draft: Draft): Promise<void> {
  await writeSession(draftKey(bindingKey), draft);
}
