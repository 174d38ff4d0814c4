import type { ElementHandle, Page } from 'puppeteer-core';
import { waitForInPage } from './page-wait.ts';

/**
 * The side panel's folded areas (issue 20), unfolded in Firefox as a clinician would, with one press
 * on the toggle: the puppeteer counterpart of panel-areas.ts. Each helper leaves an open area open.
 * Toggles are found by their exact words (an aria selector would also match "Review safety checks").
 */
const FIND = (n: string, s: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>(`${s} button[aria-expanded]`)).find((b) => b.textContent?.trim() === n) ?? null;

/** The toggle of exactly these words inside `scope`, once it is there (undefined after `timeout`). */
async function toggle(panel: Page, name: string, scope: string, timeout: number): Promise<ElementHandle<HTMLButtonElement> | undefined> {
  const handle = await waitForInPage(panel, FIND, { timeout }, name, scope).catch(() => undefined);
  return (handle?.asElement() as ElementHandle<HTMLButtonElement> | null) ?? undefined;
}

async function unfold(panel: Page, name: string, scope = 'body'): Promise<void> {
  const button = await toggle(panel, name, scope, 15_000);
  if (!button) throw new Error(`no ${name} toggle in the panel`);
  if ((await button.evaluate((b) => b.getAttribute('aria-expanded'))) === 'false') await button.click();
  await waitForInPage(panel, (b: HTMLButtonElement) => b.getAttribute('aria-expanded') === 'true', {}, button);
}

/** Patient context's list of what will be sent (its checkboxes, the typed history). */
export function reviewPatientContext(panel: Page): Promise<void> {
  return unfold(panel, 'Review', 'section[aria-label="Patient context"]');
}

/** Specialty, Template, the include options, custom instructions and visit history. */
export function openNoteOptions(panel: Page): Promise<void> {
  return unfold(panel, 'Note options');
}

/** The Transcript box, shrunk to a line once a note exists; a no-op before a note. */
export async function showTranscript(panel: Page): Promise<void> {
  const button = (await panel.evaluateHandle(FIND, 'Show transcript', 'body')).asElement() as ElementHandle<HTMLButtonElement> | null;
  if (button) await button.click();
}
