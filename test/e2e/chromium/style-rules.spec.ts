import type { Page } from '@playwright/test';
import { expect, generate, test } from './fixtures';
import { extensionUrl, type ExtensionBrowser } from '../../support/chromium-extension.ts';
import { openNoteOptions } from '../../support/panel-areas.ts';
import { expectAccessible } from '../../support/axe-audit.ts';

const EVERY_NOTE = 'No patient name in the note.\nPlan: As a numbered list.';
const DENTIST = 'Objective: Name the teeth by number.';

async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'options.html'));
  await page.locator('html[data-ready="true"]').waitFor();
  // The saved rules are in the boxes once the sealed settings are open.
  await expect(page.getByRole('textbox', { name: 'Style rules', exact: true })).toBeEditable();
  return page;
}

async function writeRules(options: Page): Promise<void> {
  await options.getByRole('textbox', { name: 'Style rules', exact: true }).fill(EVERY_NOTE);
  await options.getByRole('combobox', { name: 'Rules for specialty', exact: true }).selectOption({ label: 'Dentist' });
  await options.getByRole('textbox', { name: 'Specialty style rules', exact: true }).fill(DENTIST);
  await options.getByRole('button', { name: 'Save rules', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText('Saved 3 style rules.');
}

/** What the instruction field of the last streamed note held. */
function lastInstructions(emulator: { requests: { path: string; body?: unknown }[] }): string | undefined {
  const sent = emulator.requests.filter((r) => r.path === '/v1/stream/note').at(-1)?.body as { context?: { custom_instructions?: string } } | undefined;
  return sent?.context?.custom_instructions;
}

test('rules from the options page and the panel reach the request, each scoped as chosen, and the panel lists them', async ({ ext, panel, emulator }) => {
  const options = await openOptions(ext);
  await writeRules(options);
  await options.close();

  // Physician: the every-note rules only, with their sections named.
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  expect(lastInstructions(emulator)).toBe('Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.');
  const used = panel.getByRole('region', { name: 'Style rules used', exact: true });
  await used.getByText('Written with 2 style rules').focus();
  await panel.keyboard.press('Enter');
  await expect(used.getByRole('listitem')).toHaveText(['Whole note: No patient name in the note.', 'Plan: As a numbered list.']);

  // Dentist, plus a rule added from the panel for dentists' Subjective, plus this note's custom instructions.
  await openNoteOptions(panel);
  await panel.getByRole('combobox', { name: 'Specialty', exact: true }).selectOption({ label: 'Dentist' });
  await panel.getByText('Add a style rule', { exact: true }).click();
  await panel.getByRole('textbox', { name: 'New style rule', exact: true }).fill('Shorter.');
  await panel.getByRole('combobox', { name: 'Rule applies to', exact: true }).selectOption({ label: 'Subjective' });
  await panel.getByRole('checkbox', { name: 'Only for Dentist notes', exact: true }).check();
  await panel.getByRole('button', { name: 'Add rule', exact: true }).click();
  await expect(panel.getByText('Rule saved (Subjective, Dentist notes only)')).toBeVisible();
  await panel.getByText('Custom instructions', { exact: true }).click();
  await panel.getByRole('textbox', { name: 'Custom instructions', exact: true }).fill('Mention the recall visit.');
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  expect(lastInstructions(emulator)).toBe(
    'Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.\nObjective: Name the teeth by number.\nSubjective: Shorter.\n\nMention the recall visit.',
  );
  await expect(used.getByText('Written with 4 style rules')).toBeVisible();
  // The list and the Add a style rule form, open, in light and dark.
  if (!(await used.getByRole('listitem').first().isVisible())) await used.getByText('Written with 4 style rules').click();
  await expect(used.getByRole('listitem')).toHaveText([
    'Whole note: No patient name in the note.',
    'Plan: As a numbered list.',
    'Objective: Name the teeth by number.',
    'Subjective: Shorter.',
  ]);
  await expect(used.getByRole('listitem').last()).toBeVisible();
  await expectAccessible(panel, 'panel, a note with its style rules and the Add a style rule form');

  // The panel's rule is in the options page too, under Dentist.
  const again = await openOptions(ext);
  await again.getByRole('combobox', { name: 'Rules for specialty', exact: true }).selectOption({ label: 'Dentist (has rules)' });
  await expect(again.getByRole('textbox', { name: 'Specialty style rules', exact: true })).toHaveValue(`${DENTIST}\nSubjective: Shorter.`);
  await expectAccessible(again, 'options page with style rules');
});

test('export and import round-trip; a malformed import file changes nothing', async ({ ext, panel, emulator }) => {
  const options = await openOptions(ext);
  await writeRules(options);

  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export rules', exact: true }).click();
  const exported = await (await download).path().then((p) => import('node:fs/promises').then((fs) => fs.readFile(p, 'utf8')));
  expect(JSON.parse(exported)).toMatchObject({ format: 'chartside-style-rules', version: 1, rules: expect.arrayContaining([{ text: 'As a numbered list.', section: 'plan' }]) });

  const importFile = async (name: string, text: string) => {
    const chooser = options.waitForEvent('filechooser');
    await options.getByRole('button', { name: 'Import rules', exact: true }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  const bad = [
    { text: '{"format": "chartside-style-rules", "version": 1, "rules": [{"text": "Be kind.", "section": "billing"}]}', says: '(at rules.0.section)' },
    { text: 'not json at all', says: 'it is not JSON' },
  ];
  for (const file of bad) {
    await importFile('bad-rules.json', file.text);
    await expect(options.getByRole('status')).toContainText(file.says);
    await expect(options.getByRole('status')).toContainText('Nothing was changed.');
    await expect(options.getByRole('textbox', { name: 'Style rules', exact: true })).toHaveValue(EVERY_NOTE);
  }
  await options.reload();
  await expect(options.getByRole('textbox', { name: 'Style rules', exact: true })).toHaveValue(EVERY_NOTE);

  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  expect(lastInstructions(emulator)).toBe('Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.');

  // A good file replaces the rules; the exported one puts them back.
  await importFile('short.json', JSON.stringify({ format: 'chartside-style-rules', version: 1, rules: [{ text: 'Keep it short.' }] }));
  await expect(options.getByRole('status')).toHaveText('Imported 1 style rule from short.json; they replace the rules you had.');
  await expect(options.getByRole('textbox', { name: 'Style rules', exact: true })).toHaveValue('Keep it short.');
  await importFile('chartside-style-rules.json', exported);
  await expect(options.getByRole('status')).toContainText('Imported 3 style rules');
  await expect(options.getByRole('textbox', { name: 'Style rules', exact: true })).toHaveValue(EVERY_NOTE);
});
