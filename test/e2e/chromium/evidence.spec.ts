import { expect, generate, sectionBox, test } from './fixtures';

/**
 * Issue 14 in the browser: the evidence engine beside the note, on the note as the clinician edits
 * it. A visit with a blood pressure and a lisinopril increase; the note is then given a wrong blood
 * pressure and the increase is taken out of it, as an AI-written note might.
 */
const VISIT =
  'Doctor: How has your blood pressure been? Patient: Okay, but I get headaches in the morning. ' +
  'Doctor: Your blood pressure today is one forty two over eighty eight. ' +
  "Doctor: I'd like to increase the lisinopril from ten to twenty milligrams. Doctor: Follow up in three weeks.";

test('the note shows a planted wrong number and a dropped medication before insert, and a supported statement its transcript words', async ({ panel }) => {
  await generate(panel, VISIT);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await sectionBox(panel, 'Subjective').fill('Morning headaches.');
  await sectionBox(panel, 'Objective').fill('BP 148/92.');
  await sectionBox(panel, 'Assessment').fill('Blood pressure one forty two over eighty eight.');
  await sectionBox(panel, 'Plan').fill('Follow up in 3 weeks.');

  // Before Insert all: the summary says both directions.
  const actions = panel.getByRole('region', { name: 'Actions' });
  await expect(actions).toContainText('1 statement without evidence');
  await expect(actions).toContainText(/\d+ things said but not in the note/);
  await expect(actions.getByRole('button', { name: 'Insert all', exact: true })).toBeEnabled();

  // The wrong number: marked in words, its evidence says what was not found; the safety list has it too (one engine).
  const wrong = panel.getByRole('button', { name: 'No evidence Objective: BP 148/92.', exact: true });
  await wrong.click();
  await expect(wrong).toHaveAttribute('aria-pressed', 'true');
  const evidence = panel.getByRole('region', { name: 'Evidence', exact: true });
  await expect(evidence).toContainText('No evidence');
  await expect(evidence).toContainText('Not found in what was sent: BP 148/92.');
  await expect(panel.getByRole('region', { name: 'Safety checks' })).toContainText('BP 148/92');

  // The dropped medication change, with the words it was said in.
  const missing = panel.getByRole('region', { name: 'Not in the note', exact: true });
  const lisinopril = missing.getByRole('listitem').filter({ hasText: 'Medication' }).filter({ hasText: 'lisinopril' });
  await expect(lisinopril).toContainText('increase the lisinopril from ten to twenty milligrams');
  await expect(lisinopril.locator('mark')).toHaveText('lisinopril');
  await expect(missing.getByRole('listitem').filter({ hasText: 'Dose change' })).toContainText('twenty milligrams');

  // A supported statement: the caret in it shows the transcript's words, highlighted, and who said them.
  await sectionBox(panel, 'Subjective').click();
  await expect(evidence).toContainText('Supported');
  await expect(evidence).toContainText('Transcript (Patient)');
  await expect(evidence.locator('mark')).toHaveText(['headaches', 'morning']);

  // Added to the Plan in one click: the sentence is there, selected for rewording, and no longer missing.
  await lisinopril.getByRole('button', { name: 'Add to Plan: lisinopril', exact: true }).click();
  const plan = sectionBox(panel, 'Plan');
  await expect(plan).toHaveValue("Follow up in 3 weeks.\nI'd like to increase the lisinopril from ten to twenty milligrams.");
  await expect(plan).toBeFocused();
  expect(await plan.evaluate((box: HTMLTextAreaElement) => box.value.slice(box.selectionStart, box.selectionEnd))).toBe(
    "I'd like to increase the lisinopril from ten to twenty milligrams.",
  );
  await expect(missing.getByRole('listitem').filter({ hasText: 'lisinopril' })).toHaveCount(0);
  await expect(missing.getByRole('listitem').filter({ hasText: 'Dose change' })).toHaveCount(0);
});
