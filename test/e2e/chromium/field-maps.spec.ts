import type { Page } from '@playwright/test';
import { extensionUrl } from '../../support/chromium-extension';
import { expect, generate, sectionBox, test } from './fixtures';

const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;
const state = (chart: Page) => chart.evaluate(() => (window as unknown as { __fixture: { state(): Record<string, string> } }).__fixture.state());
const box = (chart: Page, n: number) => chart.locator('textarea.ta').nth(n);

async function openUnlabelled(chart: Page, panel: Page, url: string): Promise<void> {
  await chart.goto(`${url}/insert/unlabelled.html`);
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByRole('button', { name: 'Read chart', exact: true })).toBeVisible();
}

/** Map fields: the panel asks for each section and the clinician clicks the matching box in the page. */
async function mapAllFourBoxes(chart: Page, panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Map fields', exact: true }).click();
  for (const [i, section] of SECTIONS.entries()) {
    await expect(panel.getByRole('status').filter({ hasText: `Click the ${section} field` })).toBeVisible();
    if (section === 'Objective') {
      // Keyboard: focus the field and press Enter.
      await box(chart, i).focus();
      await chart.keyboard.press('Enter');
    } else await box(chart, i).click();
  }
  await expect(panel.getByRole('status').filter({ hasText: 'Mapped Subjective, Objective, Assessment, Plan.' })).toBeVisible();
}

async function expectNoteInBoxes(chart: Page, panel: Page): Promise<void> {
  const want = Object.fromEntries(await Promise.all(SECTIONS.map(async (s) => [s.toLowerCase(), await sectionBox(panel, s).inputValue()] as const)));
  await expect.poll(() => state(chart)).toMatchObject(want);
}

test('a page whose fields say nothing: Map fields teaches them, Insert all fills them, and the map survives reloads', async ({ panel, chart, ehr }) => {
  await openUnlabelled(chart, panel, ehr.url);
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'No note fields were found' })).toBeVisible();

  await mapAllFourBoxes(chart, panel);
  // Teaching typed nothing into the page.
  expect(await state(chart)).toMatchObject({ subjective: '', objective: '', assessment: '', plan: '' });
  await expect(panel.getByRole('list', { name: 'Mapped fields' })).toContainText('Plan: the field labelled “box 4”');

  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expectNoteInBoxes(chart, panel);

  // A new page load and a reopened panel: the map is still there and still right.
  await chart.reload();
  await panel.reload();
  await expect(panel.getByRole('list', { name: 'Mapped fields' })).toContainText('Subjective: the field labelled “box 1”');
  await expect(sectionBox(panel, 'Plan')).not.toHaveValue('');
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Plan: inserted' })).toBeVisible();
  await expectNoteInBoxes(chart, panel);
});

test('a mapped field that has gone is reported, never guessed at; Skip and Cancel keep what was taught', async ({ panel, chart, ehr }) => {
  await openUnlabelled(chart, panel, ehr.url);
  await panel.getByRole('button', { name: 'Map fields', exact: true }).click();
  await box(chart, 0).click();
  await panel.getByRole('button', { name: 'Skip Objective', exact: true }).click();
  await panel.getByRole('button', { name: 'Skip Assessment', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Click the Plan field' })).toBeVisible();
  await box(chart, 3).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Mapped Subjective, Plan.' })).toBeVisible();

  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  // The page changes: the Plan box's caption is gone, so nothing identifies it any more.
  await chart.evaluate(() => document.querySelectorAll('.caption')[3]!.remove());
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  const report = panel.getByRole('status').filter({ hasText: 'Subjective: inserted' });
  await expect(report).toContainText('Plan: no field for it on this page (The field you mapped for it is not on this page any more.');
  await expect(report).toContainText('Objective: no field for it on this page');
  const filled = await state(chart);
  expect(filled.subjective).toBe(await sectionBox(panel, 'Subjective').inputValue());
  expect([filled.objective, filled.assessment, filled.plan]).toEqual(['', '', '']);

  // Cancel mid-way keeps the map as it was and leaves the page as it was.
  await panel.getByRole('button', { name: 'Map fields', exact: true }).click();
  await expect(chart.getByRole('status').filter({ hasText: 'Chartside: click the field for Subjective' })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel mapping', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Mapping cancelled' })).toBeVisible();
  await expect(chart.locator('[data-chartside-ui]')).toHaveCount(0);
  await expect(panel.getByRole('list', { name: 'Mapped fields' })).toContainText('Subjective: the field labelled “box 1”');
});

test('the options page lists mapped fields, deletes one, and re-teaches one beside the open page', async ({ ext, panel, chart, ehr }) => {
  await openUnlabelled(chart, panel, ehr.url);
  await mapAllFourBoxes(chart, panel);

  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  const site = 'http://127.0.0.1';
  const list = options.getByRole('list', { name: `Mapped fields on ${site}` });
  await expect(list).toContainText('Assessment: the field labelled “box 3”');
  await options.getByRole('button', { name: `Delete Assessment on ${site}`, exact: true }).click();
  await expect(list).not.toContainText('Assessment');
  await expect(list).toContainText('Plan: the field labelled “box 4”');

  // Re-teach Plan: the panel pops out beside the page, waiting for the click.
  const popup = ext.context.waitForEvent('page');
  await options.getByRole('button', { name: `Re-teach Plan on ${site}`, exact: true }).click();
  const mapper = await popup;
  await expect(mapper.getByRole('status').filter({ hasText: 'Click the Plan field' })).toBeVisible();
  await box(chart, 2).click();
  await expect(mapper.getByRole('status').filter({ hasText: 'Mapped Plan.' })).toBeVisible();
  await options.reload();
  await expect(options.getByRole('list', { name: `Mapped fields on ${site}` })).toContainText('Plan: the field labelled “box 3”');
});

test('a field taught inside a cross-origin frame is found there again and filled', async ({ panel, chart, ehr }) => {
  const port = new URL(ehr.url).port;
  await chart.goto(`${ehr.url}/insert/iframe-cross-origin.html?frame=http://localhost:${port}`);
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByRole('button', { name: 'Read chart', exact: true })).toBeVisible();
  const frame = chart.frameLocator('#note-frame');

  await panel.getByRole('button', { name: 'Map fields', exact: true }).click();
  for (const section of ['Subjective', 'Objective', 'Assessment']) await panel.getByRole('button', { name: `Skip ${section}`, exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Click the Plan field' })).toBeVisible();
  // The panel is a tab here: the chart's tab must be the visible one, as it is beside a real side
  // panel, or Chromium does not route the click into the cross-origin frame (a hidden tab is not hit-tested).
  await chart.bringToFront();
  await frame.locator('#plan').click();
  await expect(panel.getByRole('status').filter({ hasText: 'Mapped Plan.' })).toBeVisible();

  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Plan: inserted' })).toContainText('Subjective: no field for it on this page');
  await expect(frame.locator('#plan')).toHaveValue(await sectionBox(panel, 'Plan').inputValue());
  await expect(frame.locator('#subjective')).toHaveValue('');
});
