import { z } from 'zod/mini';
import { ChartContextSchema } from '../ehr/chart-context';
import { readSession, writeSession } from './session-area';

/**
 * The chart context the panel read for one EHR tab, with the clinician's choices (what is left
 * out, what was typed). PHI: `storage.session` only, gone when the browser closes.
 */
export const ChartDraftSchema = z.object({
  chart: z.optional(ChartContextSchema),
  found: z._default(z.boolean(), false),
  excluded: z._default(z.array(z.string()), []),
  manual: z._default(
    z.object({ age: z.string(), gender: z.string(), medications: z.string(), allergies: z.string(), history: z.string() }),
    { age: '', gender: '', medications: '', allergies: '', history: '' },
  ),
});
export type ChartDraft = z.infer<typeof ChartDraftSchema>;

const key = (bindingKey: string) => `chart:${bindingKey}`;

export async function loadChartDraft(bindingKey: string): Promise<ChartDraft> {
  return (await readSession(key(bindingKey), ChartDraftSchema)) ?? ChartDraftSchema.parse({});
}

export async function saveChartDraft(bindingKey: string, draft: ChartDraft): Promise<void> {
  await writeSession(key(bindingKey), draft);
}
