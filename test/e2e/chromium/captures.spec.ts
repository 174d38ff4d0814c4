import type { Page } from '@playwright/test';
import { expect, test, TRANSCRIPT } from './fixtures';
import { openPanel, tabIdOf, type ExtensionBrowser } from '../../support/chromium-extension.ts';

/**
 * Text the clinician sends from the page with the context menu ("Add to Chartside transcript" /
 * "… patient history") lands in the panel bound to that tab. The menu itself is the browser's and
 * cannot be clicked from a test; the background's part (unit-tested in
 * lib/background/selection-capture.test.ts) is to queue the text in storage.session under the tab's
 * key, which is done here the same way, from the service worker.
 */
type Capture = { target: 'transcript' | 'history'; text: string };

/** Appends to the tab's queue exactly as the background's `pushCapture` does. */
async function queueCapture(ext: ExtensionBrowser, tabId: number, capture: Capture): Promise<void> {
  await ext.background.evaluate(
    async ({ key, capture }) => {
      const queue = ((await chrome.storage.session.get(key))[key] as unknown[] | undefined) ?? [];
      await chrome.storage.session.set({ [key]: [...queue, capture] });
    },
    { key: `capture:tab-${tabId}`, capture },
  );
}

async function queued(ext: ExtensionBrowser, tabId: number): Promise<unknown> {
  return ext.background.evaluate(async (key) => (await chrome.storage.session.get(key))[key], `capture:tab-${tabId}`);
}

const transcriptBox = (panel: Page) => panel.getByRole('textbox', { name: 'Transcript', exact: true });
const historyBox = (panel: Page) => panel.getByLabel('History not in the chart', { exact: true });

test('a selection sent while the panel is open is added to the transcript and to the history, and is sent', async ({ ext, chart, panel, emulator }) => {
  const tabId = await tabIdOf(ext, chart.url());
  await transcriptBox(panel).fill(TRANSCRIPT);

  await queueCapture(ext, tabId, { target: 'transcript', text: 'Home BP log: 142/88, 138/84, 150/92.' });
  // Added after what was typed, on its own line: nothing the clinician wrote is replaced.
  await expect(transcriptBox(panel)).toHaveValue(`${TRANSCRIPT}\nHome BP log: 142/88, 138/84, 150/92.`);
  await expect(historyBox(panel)).toHaveValue('');

  await queueCapture(ext, tabId, { target: 'history', text: 'Father: MI at 54.' });
  await expect(historyBox(panel)).toHaveValue('Father: MI at 54.');
  await queueCapture(ext, tabId, { target: 'history', text: 'Smokes 10 cigarettes a day.' });
  await expect(historyBox(panel)).toHaveValue('Father: MI at 54.\nSmokes 10 cigarettes a day.');
  // The transcript did not take the history lines.
  await expect(transcriptBox(panel)).toHaveValue(`${TRANSCRIPT}\nHome BP log: 142/88, 138/84, 150/92.`);
  // The panel took the queue: the same text will not be added again.
  await expect.poll(() => queued(ext, tabId)).toBeUndefined();

  // A capture for another tab stays out of this panel.
  const other = await ext.context.newPage();
  await other.goto(chart.url().replace('sample-chart.html', 'no-chart.html'));
  await queueCapture(ext, await tabIdOf(ext, other.url()), { target: 'transcript', text: 'For the other patient.' });
  await panel.waitForTimeout(500);
  await expect(transcriptBox(panel)).not.toHaveValue(/other patient/);

  // What was captured is what the note is written from.
  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
  await expect(panel.getByRole('status').last()).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { transcript?: string; context?: { patient_history?: string } };
  expect(sent.transcript).toContain('Home BP log: 142/88, 138/84, 150/92.');
  expect(sent.transcript).not.toContain('Father: MI');
  expect(sent.context?.patient_history).toBe('Father: MI at 54.\nSmokes 10 cigarettes a day.');
});

test('a selection sent while the panel was closed is there when it opens, once', async ({ ext, chart, panel }) => {
  const tabId = await tabIdOf(ext, chart.url());
  await transcriptBox(panel).fill('Typed before closing.');
  await panel.close();

  await queueCapture(ext, tabId, { target: 'transcript', text: 'Denies chest pain at rest.' });
  await queueCapture(ext, tabId, { target: 'history', text: 'Allergic to shellfish (per patient).' });

  const reopened = await openPanel(ext, tabId);
  await expect(transcriptBox(reopened)).toHaveValue('Typed before closing.\nDenies chest pain at rest.');
  await expect(historyBox(reopened)).toHaveValue('Allergic to shellfish (per patient).');
  await expect.poll(() => queued(ext, tabId)).toBeUndefined();

  // Reopening again shows the same text, not a second copy of the captures.
  await reopened.close();
  const again = await openPanel(ext, tabId);
  await expect(transcriptBox(again)).toHaveValue('Typed before closing.\nDenies chest pain at rest.');
  await expect(historyBox(again)).toHaveValue('Allergic to shellfish (per patient).');
});
