import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * Which of the side panel's folding areas the clinician left open, remembered across visits. A
 * preference about the panel, never about a patient, so it may live in `storage.local`.
 */
const KEY = 'panelLayout';

export const PanelLayoutSchema = z.object({
  /** The note options (specialty, template, extras, custom instructions, visit history). */
  optionsOpen: z.optional(z.boolean()),
  /** Patient context's full list of what will be sent. */
  contextOpen: z.optional(z.boolean()),
});
export type PanelLayout = z.infer<typeof PanelLayoutSchema>;

export async function loadPanelLayout(): Promise<PanelLayout> {
  const parsed = PanelLayoutSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success ? parsed.data : {};
}

/** Merges `change` into what is stored: the two areas are saved independently. */
export async function savePanelLayout(change: PanelLayout): Promise<void> {
  const next = { ...(await loadPanelLayout()), ...PanelLayoutSchema.parse(change) };
  await browser.storage.local.set({ [KEY]: next });
}
