import { expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';

// Regenerate one section with an instruction (issue 16). The emulator adds "Custom instructions
// applied: <the instructions>" as the Plan's last line, so a regenerated Plan differs from the first
// one, and its Subjective is the generated one, not the clinician's edit: only what the panel takes
// from the new note decides what the boxes show.

const EDITED_SUBJECTIVE = 'Edited by the clinician: three days of sore throat, worse at night.';

async function noteWithEditedSubjective(panel: import('@playwright/test').Page) {
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  await sectionBox(panel, 'Subjective').fill(EDITED_SUBJECTIVE);
  return {
    objective: await sectionBox(panel, 'Objective').inputValue(),
    assessment: await sectionBox(panel, 'Assessment').inputValue(),
    plan: await sectionBox(panel, 'Plan').inputValue(),
  };
}

test('Regenerate Plan replaces only the Plan, streaming in; the edited Subjective and the others stay exactly; Undo regenerate restores', async ({ panel, emulator }) => {
  const before = await noteWithEditedSubjective(panel);
  expect(before.plan).not.toMatch(/Rewrite only/);

  await panel.getByRole('textbox', { name: 'Instruction', exact: true }).fill('shorter');
  // The billed warning is on show before the press, and is the button's description.
  const regenerate = panel.getByRole('button', { name: 'Regenerate Plan', exact: true });
  await expect(regenerate).toHaveAccessibleDescription(/new, billed note .* replaces only that section/);
  emulator.setFaults({ chunkSize: 6, chunkDelayMs: 40 });
  await regenerate.click();

  // The API writes the whole note in order: while it is on the sections before the Plan, the panel
  // says where it is, and the old Plan stays on show.
  await expect(panel.getByText(/^Regenerating Plan: the SOAP Note API writes the note in order and is on (Subjective|Objective|Assessment) now/)).toBeVisible();
  await expect(sectionBox(panel, 'Plan')).toHaveValue(before.plan);
  // Streaming into the Plan: the old text is gone before the new one is whole, and the box is read-only.
  await expect(panel.getByText('Regenerating Plan: the new text replaces the old as it arrives.')).toBeVisible({ timeout: 30_000 });
  await expect(sectionBox(panel, 'Plan')).not.toHaveValue(before.plan);
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/Custom instructions applied: Rewrite only the Plan section: shorter$/, { timeout: 30_000 });
  await expect(panel.getByText('Regenerating Plan: the new text replaces the old as it arrives.')).toHaveCount(0);

  await expect(sectionBox(panel, 'Subjective')).toHaveValue(EDITED_SUBJECTIVE);
  await expect(sectionBox(panel, 'Objective')).toHaveValue(before.objective);
  await expect(sectionBox(panel, 'Assessment')).toHaveValue(before.assessment);
  const streamed = emulator.requests.filter((r) => r.path === '/v1/stream/note');
  expect(streamed).toHaveLength(2);
  expect(streamed[1]?.body).toMatchObject({ transcript: TRANSCRIPT, specialty: 'physician', context: { custom_instructions: 'Rewrite only the Plan section: shorter' } });

  await panel.getByRole('button', { name: 'Undo regenerate', exact: true }).click();
  await expect(sectionBox(panel, 'Plan')).toHaveValue(before.plan);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(EDITED_SUBJECTIVE);
  await expect(panel.getByRole('button', { name: 'Undo regenerate', exact: true })).toHaveCount(0);
});

test('a regenerated section is the note afterwards: it survives a panel reload, and so does Undo regenerate', async ({ panel }) => {
  const before = await noteWithEditedSubjective(panel);
  await panel.getByRole('textbox', { name: 'Instruction', exact: true }).fill('add the review of systems');
  await panel.getByRole('button', { name: 'Regenerate Plan', exact: true }).click();
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/Rewrite only the Plan section: add the review of systems$/, { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Undo regenerate', exact: true })).toBeVisible();
  await panel.waitForTimeout(400); // the draft is saved 250 ms after a change
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/Rewrite only the Plan section: add the review of systems$/);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(EDITED_SUBJECTIVE);
  // Undo regenerate is kept with the draft: it still puts the old Plan back after the reload.
  await panel.getByRole('button', { name: 'Undo regenerate', exact: true }).click();
  await expect(sectionBox(panel, 'Plan')).toHaveValue(before.plan);
});

test('the test key’s daily limit: the Plan is as it was, and the words say so and when to try again', async ({ panel, emulator }) => {
  const before = await noteWithEditedSubjective(panel);
  emulator.queueFault({ path: '/v1/stream/note', status: 429, code: 'DAILY_LIMIT_EXCEEDED', message: 'Test key daily limit reached.' });
  await panel.getByRole('textbox', { name: 'Instruction', exact: true }).fill('shorter');
  await panel.getByRole('button', { name: 'Regenerate Plan', exact: true }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('Plan was not regenerated: Your SOAP Note API balance is used up, or your test key has used its requests for today.');
  await expect(alert).toContainText('Plan is as it was before.');
  await expect(alert).toContainText('wait until tomorrow if you use a test key (10 requests a day)');
  await expect(sectionBox(panel, 'Plan')).toHaveValue(before.plan);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(EDITED_SUBJECTIVE);
  await expect(panel.getByRole('button', { name: 'Undo regenerate', exact: true })).toHaveCount(0);
  // Nothing is sent again by itself.
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(2);
});

test('Stop regenerating puts the old text back, the clinician’s edit exactly, in words; the next Regenerate works', async ({ panel, emulator }) => {
  const before = await noteWithEditedSubjective(panel);
  emulator.setFaults({ chunkSize: 4, chunkDelayMs: 300 });
  await panel.getByRole('button', { name: 'Regenerate Subjective', exact: true }).click();
  // The new Subjective is streaming in over the edited one.
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/^\[Chartside/);
  await panel.getByRole('button', { name: 'Stop regenerating', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText('Regenerating Subjective was stopped. Subjective is as it was before.');
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(EDITED_SUBJECTIVE);
  await expect(sectionBox(panel, 'Plan')).toHaveValue(before.plan);

  emulator.setFaults({});
  await panel.getByRole('button', { name: 'Regenerate Plan', exact: true }).click();
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/Rewrite only the Plan section\.$/, { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(EDITED_SUBJECTIVE);
});
