import type { Page } from '@playwright/test';
import { configureThroughOptions, openPanel, tabIdOf } from '../../support/chromium-extension.ts';
import { MAIN_ACTIONS, probePanelLayout, type PanelLayout } from '../../support/panel-layout-probe.ts';
import { expectActionsInView as expectPlaced, expectFirstSectionInView } from '../../support/panel-layout-checks.ts';
import { openNoteOptions, reviewPatientContext } from '../../support/panel-areas.ts';
import { agreeToRecording, expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';

/**
 * Issue 20: the visit on one screen. In a panel of 400 × 800 px, in every state, each main action
 * shown is inside the window and not covered, the note's first section is above the action bar
 * once there is a note, and the main job takes three presses (typed) or four (recorded) with
 * nothing scrolled.
 */

const layout = (panel: Page): Promise<PanelLayout> => panel.evaluate(probePanelLayout, [...MAIN_ACTIONS]);

/** Every main action on the page now is in view and uncovered; `wanted` must be among them. */
async function expectActionsInView(panel: Page, state: string, wanted: readonly string[]): Promise<PanelLayout> {
  return expectPlaced(await layout(panel), state, wanted);
}

test.use({ viewport: { width: 400, height: 800 } });

test('in every state the main actions are in view at 400 × 800, and the note is the view once it exists', async ({ ext, chart, emulator }) => {
  // No key yet: the panel opened before anything was set up.
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  await panel.setViewportSize({ width: 400, height: 800 });
  const context = panel.getByRole('region', { name: 'Patient context', exact: true });
  await expectActionsInView(panel, 'no key yet', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);

  // Site not enabled.
  await configureThroughOptions(ext, emulator.url);
  await panel.reload();
  await expect(context.getByRole('button', { name: 'Enable on this site', exact: true })).toBeVisible();
  await expectActionsInView(panel, 'site not enabled', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);

  // Chart read: the patient in one line at the top, the list folded to its count.
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('8 items will be sent');
  await expect(context.locator('.patient-line')).toContainText(/Maria Alvarez\s*·?\s*55 y/);
  await expect(context.getByRole('checkbox', { name: 'Lisinopril 10 mg daily', exact: true })).toBeHidden();
  const read = await expectActionsInView(panel, 'chart read', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);
  expect(read.firstSection, 'no note yet: the note is a line, the transcript is in view').toBeUndefined();
  await expect(panel.getByRole('textbox', { name: 'Transcript', exact: true })).toBeInViewport();

  // Generating: the sections fill in where the clinician is looking; Stop is in the bar.
  emulator.setFaults({ chunkSize: 6, chunkDelayMs: 120 });
  await generate(panel);
  await expect(panel.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
  await expect(sectionBox(panel, 'Subjective')).not.toHaveValue('');
  expectFirstSectionInView(await expectActionsInView(panel, 'generating', ['Generate note', 'Stop', 'Insert all', 'Copy note']), 'generating');
  // The transcript is one line with its length now, one press from the whole box.
  const transcriptBox = panel.getByRole('textbox', { name: 'Transcript', exact: true });
  expect((await transcriptBox.boundingBox())!.height, 'the transcript shrinks to a line').toBeLessThan(45);
  await expect(panel.getByText(`${TRANSCRIPT.trim().length.toLocaleString('en-US')} characters`, { exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Show transcript', exact: true })).toHaveAttribute('aria-expanded', 'false');

  // Note ready: focus on the note, the safety summary right above Insert all.
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('heading', { name: 'Note', exact: true })).toBeFocused();
  const ready = await expectActionsInView(panel, 'note ready', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);
  expectFirstSectionInView(ready, 'note ready');
  const summary = panel.getByText(/^Safety checks: /);
  await expect(summary).toBeVisible();
  const insertAll = panel.getByRole('button', { name: 'Insert all', exact: true });
  expect((await summary.boundingBox())!.y, 'the safety summary is above Insert all').toBeLessThan((await insertAll.boundingBox())!.y);
  expect(ready.scrollTop, 'nothing scrolled').toBe(0);

  // Inserted: Undo insert joins the bar, the report is above it.
  await insertAll.click();
  await expect(panel.getByRole('status').filter({ hasText: 'Subjective' }).filter({ hasText: 'inserted' }).first()).toBeVisible();
  await expect(chart.locator('textarea[name="subjective"]')).not.toHaveValue('');
  expectFirstSectionInView(await expectActionsInView(panel, 'inserted', ['Generate note', 'Insert all', 'Copy note', 'Undo insert']), 'inserted');

  // Error: the alert is in the bar's messages, above Generate note.
  emulator.setFaults({ status: 503 });
  await generate(panel);
  await expect(panel.getByRole('alert').first()).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('alert').first()).toBeInViewport();
  await expectActionsInView(panel, 'error', ['Generate note', 'Insert all', 'Copy note']);
});

test('a typed visit takes three presses from opening to an inserted note, nothing scrolled', async ({ panel, chart }) => {
  await panel.setViewportSize({ width: 400, height: 800 });
  const context = panel.getByRole('region', { name: 'Patient context', exact: true });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('8 items will be sent');

  const transcript = panel.getByRole('textbox', { name: 'Transcript', exact: true });
  const generateButton = panel.getByRole('button', { name: 'Generate note', exact: true });
  const insertAll = panel.getByRole('button', { name: 'Insert all', exact: true });
  // Each press is on something already in view: Playwright would scroll to it otherwise, so check first.
  await expect(transcript).toBeInViewport({ ratio: 1 });
  await transcript.fill(TRANSCRIPT); // 1: type
  await expect(generateButton).toBeInViewport({ ratio: 1 });
  await generateButton.click(); // 2
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 30_000 });
  await expect(insertAll).toBeInViewport({ ratio: 1 });
  await insertAll.click(); // 3
  await expect(chart.locator('textarea[name="subjective"]')).toHaveValue(/sore throat/);
  expect((await layout(panel)).scrollTop, 'the panel was never scrolled').toBe(0);
});

test('typing while the note streams keeps focus where it is; the folded areas open with one press and Note options stays as left', async ({ panel, emulator }) => {
  await panel.setViewportSize({ width: 400, height: 800 });
  const context = panel.getByRole('region', { name: 'Patient context', exact: true });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await reviewPatientContext(panel);
  const allergy = context.getByRole('checkbox', { name: 'Penicillin (rash)', exact: true });
  await allergy.uncheck();
  await expect(context).toContainText('7 items will be sent');

  await openNoteOptions(panel);
  emulator.setFaults({ chunkSize: 6, chunkDelayMs: 120 });
  await generate(panel);
  const history = panel.getByRole('textbox', { name: 'History not in the chart', exact: true });
  await history.click();
  await history.pressSequentially('Smoker');
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 30_000 });
  await expect(history, 'focus is not taken from a box being typed in').toBeFocused();

  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await expect(panel.getByRole('button', { name: 'Note options', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.getByRole('combobox', { name: 'Specialty', exact: true })).toBeVisible();
});

for (const width of [320, 500]) {
  test(`at ${width} px wide the bar, the patient line and the note fit without sideways scrolling`, async ({ panel }) => {
    await panel.setViewportSize({ width, height: 800 });
    const context = panel.getByRole('region', { name: 'Patient context', exact: true });
    await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
    await expect(context).toContainText('8 items will be sent');
    await generate(panel);
    await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 30_000 });
    const placed = await expectActionsInView(panel, `${width} px, note ready`, ['Start recording', 'Generate note', 'Insert all', 'Copy note']);
    expectFirstSectionInView(placed, `${width} px, note ready`);
  });
}

test('the patient line says when the chart now shows another patient than the note was written for', async ({ ext, panel, chart, ehr }) => {
  const context = panel.getByRole('region', { name: 'Patient context', exact: true });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('8 items will be sent');
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 30_000 });
  await expect(context.getByText(/^Not this chart’s patient/)).toHaveCount(0);

  await chart.goto(`${ehr.url}/generic-clinic.html`);
  await expect(context.locator('.patient-line')).toContainText('Delphine Marsh');
  await expect(context.getByText(/^Not this chart’s patient: the note is for Maria Alvarez/)).toBeVisible();
  void ext;
});

test.describe('a recorded visit', () => {
  // Chromium's fake microphone (a tone): enough for a recording the emulator turns into a note.
  test.use({ browserArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });

  test('takes Patient agreed to be recorded, Start recording, Stop recording and Insert all, each in view; recording keeps the bar in view', async ({ panel, chart }) => {
    await panel.setViewportSize({ width: 400, height: 800 });
    const context = panel.getByRole('region', { name: 'Patient context', exact: true });
    await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
    await expect(context).toContainText('8 items will be sent');

    const start = panel.getByRole('button', { name: 'Start recording', exact: true });
    await expect(start).toBeInViewport({ ratio: 1 });
    // The consent box, asked before every recording, is in view too: ticking it scrolls nothing (checked below).
    await expect(panel.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true })).toBeInViewport({ ratio: 1 });
    await agreeToRecording(panel); // 1
    await expect(start).toBeInViewport({ ratio: 1 });
    await start.click(); // 2
    await expect(panel.getByRole('button', { name: 'Pause recording', exact: true })).toBeVisible();
    await expect(panel.getByRole('timer', { name: 'Recording time' })).toHaveText(/0:0[6-9]|0:[1-5]\d/, { timeout: 20_000 });
    await expectActionsInView(panel, 'recording', ['Pause recording', 'Stop recording', 'Generate note', 'Insert all', 'Copy note']);
    await expect(panel.getByRole('timer', { name: 'Recording time' })).toBeInViewport();

    const stop = panel.getByRole('button', { name: 'Stop recording', exact: true });
    await stop.click(); // 3: the recording goes to the API and the note comes back on its own
    await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: 60_000 });
    expectFirstSectionInView(await expectActionsInView(panel, 'recorded note ready', ['Insert all']), 'recorded note ready');
    const insertAll = panel.getByRole('button', { name: 'Insert all', exact: true });
    await expect(insertAll).toBeInViewport({ ratio: 1 });
    await insertAll.click(); // 4 (the issue allows four)
    await expect(chart.locator('textarea[name="subjective"]')).not.toHaveValue('');
    expect((await layout(panel)).scrollTop, 'the panel was never scrolled').toBe(0);
  });
});
