import type { Locator, Page } from '@playwright/test';

/**
 * The side panel folds what the main job does not need (issue 20): Patient context's list, Note
 * options, and the transcript once a note exists. Tests that work inside those areas unfold them
 * first, as a clinician would, with one press; each helper leaves an open area open.
 */
async function unfold(toggle: Locator): Promise<void> {
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

/** Patient context's list of what will be sent (its checkboxes, the typed history). */
export function reviewPatientContext(panel: Page): Promise<void> {
  return unfold(panel.getByRole('region', { name: 'Patient context', exact: true }).getByRole('button', { name: 'Review', exact: true }));
}

/** Specialty, Template, the include options, custom instructions and visit history. */
export function openNoteOptions(panel: Page): Promise<void> {
  return unfold(panel.getByRole('button', { name: 'Note options', exact: true }));
}

/** The Transcript box whole again, shrunk to one line once a note exists; a no-op before a note. */
export async function showTranscript(panel: Page): Promise<void> {
  const toggle = panel.getByRole('button', { name: 'Show transcript', exact: true });
  if ((await toggle.count()) > 0) await toggle.click();
}
