/*
 * Rich-text editors that replace the page's own textarea, where only that hidden textarea is
 * labelled (`<label for>`, `aria-label`, `name`, `id`) and the editor carries its own generic label
 * ("Rich Text Area", "Rich Text Editor. Editing area: main"). Real TinyMCE 8 (editable body in an
 * iframe) and CKEditor 5 classic: Insert all must find the editor as the labelled field and fill its
 * own model (getContent()/getData()), per section and as a single note field; Undo insert empties it.
 */
import type { Page } from '@playwright/test';
import { expect, generate, sectionBox, test } from './fixtures';

const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;
type Section = (typeof SECTIONS)[number];
type State = Record<Lowercase<Section> | 'note', string>;

const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Start ibuprofen as needed for pain. Return if symptoms worsen after five days.';

const state = (chart: Page) => chart.evaluate(() => (window as unknown as { __fixture: { state(): State } }).__fixture.state());

async function noteReady(panel: Page): Promise<Record<Section, string>> {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Rosalind Achebe', { exact: true }).first()).toBeVisible();
  await generate(panel, TRANSCRIPT);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  const entries = await Promise.all(SECTIONS.map(async (s) => [s, await sectionBox(panel, s).inputValue()] as const));
  return Object.fromEntries(entries) as Record<Section, string>;
}

test.describe.configure({ mode: 'parallel' });

for (const editor of ['tinymce', 'ckeditor5'] as const) {
  test(`${editor}: per-section editors labelled only by the hidden textareas they replaced are filled by Insert all, and Undo insert empties them`, async ({ panel, chart, ehr }) => {
    await chart.goto(`${ehr.url}/editors/replaced-field.html?editor=${editor}`);
    await chart.locator('html[data-ready="true"]').waitFor();
    const before = await state(chart);
    expect(before).toEqual({ subjective: '', objective: '', assessment: '', plan: '', note: '' });

    const note = await noteReady(panel);
    await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
    const report = panel.getByRole('status').filter({ hasText: 'Plan: ' });
    for (const s of SECTIONS) await expect(report.getByRole('listitem').filter({ hasText: `${s}:` })).toHaveText(`${s}: inserted`);
    await expect(panel.getByText('No note fields were found')).toHaveCount(0);
    await expect.poll(() => state(chart)).toEqual({ subjective: note.Subjective, objective: note.Objective, assessment: note.Assessment, plan: note.Plan, note: '' });

    await panel.getByRole('button', { name: 'Undo insert', exact: true }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Undone:' })).toBeVisible();
    await expect.poll(() => state(chart)).toEqual(before);
  });

  test(`${editor}: a single note editor labelled only by its hidden textarea's <label for> takes the whole note`, async ({ panel, chart, ehr }) => {
    await chart.goto(`${ehr.url}/editors/replaced-field.html?editor=${editor}&layout=note`);
    await chart.locator('html[data-ready="true"]').waitFor();
    const note = await noteReady(panel);
    await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
    await expect(panel.getByRole('status').getByRole('listitem').filter({ hasText: 'inserted' })).toHaveCount(1);
    await expect(panel.getByText('No note fields were found')).toHaveCount(0);
    await expect.poll(async () => (await state(chart)).note).toContain(note.Assessment);
    const held = (await state(chart)).note;
    for (const s of SECTIONS) for (const line of note[s].split('\n').filter(Boolean)) expect(held).toContain(line);
  });
}
