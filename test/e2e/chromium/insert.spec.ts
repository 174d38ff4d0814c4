import type { Page } from '@playwright/test';
import { expect, generate, sectionBox, test } from './fixtures';

const field = (chart: Page, name: string) => chart.locator(`textarea[name="${name}"]`);

async function enableAndGenerate(panel: Page): Promise<void> {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
}

test('Insert all fills each SOAP field in the page, appends after existing text, and Undo insert restores it', async ({ panel, chart }) => {
  await field(chart, 'plan').fill('Existing plan line.');
  await enableAndGenerate(panel);
  await sectionBox(panel, 'Assessment').fill('Viral pharyngitis.');

  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Subjective' })).toContainText('inserted');
  await expect(field(chart, 'subjective')).toHaveValue(/^\[Chartside API emulator\]/);
  await expect(field(chart, 'assessment')).toHaveValue('Viral pharyngitis.');
  const plan = await sectionBox(panel, 'Plan').inputValue();
  await expect(field(chart, 'plan')).toHaveValue(`Existing plan line.\n\n${plan}`);
  await expect(panel.getByRole('status').filter({ hasText: 'Plan' })).toContainText('added after the text already there');

  await panel.getByRole('button', { name: 'Undo insert', exact: true }).click();
  await expect(field(chart, 'plan')).toHaveValue('Existing plan line.');
  await expect(field(chart, 'subjective')).toHaveValue('');
  await expect(field(chart, 'assessment')).toHaveValue('');
});

test('Insert Plan fills only the Plan field; replace mode replaces what was there', async ({ panel, chart }) => {
  await field(chart, 'plan').fill('Old plan.');
  await enableAndGenerate(panel);
  await panel.getByRole('checkbox', { name: 'Replace text already in the EHR’s fields', exact: true }).check();
  await panel.getByRole('button', { name: 'Insert Plan', exact: true }).click();
  await expect(field(chart, 'plan')).toHaveValue(await sectionBox(panel, 'Plan').inputValue());
  await expect(field(chart, 'subjective')).toHaveValue('');
});

test('an insert is refused when the tab now shows another patient, naming both, and offers to copy', async ({ panel, chart, ehr }) => {
  await enableAndGenerate(panel);
  await chart.goto(`${ehr.url}/generic-clinic.html`);
  const context = panel.getByRole('region', { name: 'Patient context' });
  await expect(context.getByText('Delphine Marsh', { exact: true }).first()).toBeVisible();

  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('written for Maria Alvarez');
  await expect(alert).toContainText('Delphine Marsh');
  await expect(alert.getByRole('button', { name: 'Copy note instead' })).toBeVisible();
  for (const name of ['subjective', 'objective', 'assessment', 'plan']) {
    expect(await chart.evaluate((n) => document.querySelector<HTMLTextAreaElement>(`textarea[name="${n}"], #${n}`)?.value ?? '', name)).toBe('');
  }
});

test('a page with one note field gets the whole note, with its headings', async ({ panel, chart, ehr }) => {
  await chart.goto(`${ehr.url}/insert/single-note.html`);
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Note field' })).toContainText('inserted');
  const note = await chart.evaluate(() => (window as unknown as { __fixture: { state(): Record<string, string> } }).__fixture.state().note);
  expect(note).toMatch(/^Subjective:\n\[Chartside API emulator\]/);
  expect(note).toContain('\n\nPlan:\n');
});

test('where nothing can be filled, the clipboard: Copy Plan is plain text and HTML, and a pasted note keeps its headings in a rich editor', async ({ ext, panel, chart, ehr }) => {
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ehr.url).origin });
  await enableAndGenerate(panel);
  const readClipboard = () =>
    chart.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { text: await (await item!.getType('text/plain')).text(), html: await (await item!.getType('text/html')).text() };
    });

  await panel.getByRole('button', { name: 'Copy Plan', exact: true }).click();
  await chart.bringToFront();
  const plan = await sectionBox(panel, 'Plan').inputValue();
  // The write lands a moment after the click: until then the clipboard holds whatever was there.
  await expect.poll(async () => (await readClipboard().catch(() => undefined))?.text).toBe(plan);
  const section = await readClipboard();
  expect(section.text).toBe(plan);
  expect(section.html).toContain(plan.split('\n')[0]!.replace(/&/g, '&amp;'));
  expect(section.html).not.toContain('<script');

  // The whole note pasted into Tiptap (a rich editor, as many EHRs use): its sections stay headed.
  await panel.getByRole('button', { name: 'Copy note', exact: true }).click();
  await expect(panel.getByText('Copied', { exact: true }).first()).toBeVisible();
  await chart.goto(`${ehr.url}/editors/tiptap.html`);
  await chart.bringToFront();
  await chart.getByRole('textbox', { name: /^Subjective\b/ }).click();
  await chart.keyboard.press('ControlOrMeta+V');
  const headings = chart.getByRole('textbox', { name: /^Subjective\b/ }).getByRole('heading');
  await expect(headings).toHaveText(['Subjective', 'Objective', 'Assessment', 'Plan']);
});
