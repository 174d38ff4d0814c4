import { expect, generate, test } from './fixtures';

test('safety checks beside the note: a Plan drug the charted allergy forbids, a dose nobody said, a medication not on the chart', async ({ panel }) => {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('Penicillin (rash)');
  await generate(panel, 'Patient reports three days of sore throat and fever. Temperature 38.1 C, tonsillar exudate. Likely strep pharyngitis. Plan: start amoxicillin, fluids and rest.');
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();

  const checks = panel.getByRole('region', { name: 'Safety checks' });
  await expect(checks).toContainText('amoxicillin');
  await expect(checks).toContainText(/penicillin/i);
  // The clinician edits the Plan: a dose nobody said is flagged; removing the drug clears the conflict.
  const plan = panel.getByRole('textbox', { name: 'Plan', exact: true });
  await plan.fill('Start amoxicillin 875 mg twice daily for 10 days.');
  await expect(checks).toContainText('875 mg');
  await plan.fill('Fluids and rest. Return if worse.');
  await expect(checks).not.toContainText('amoxicillin');
  await expect(checks).not.toContainText(/penicillin/i);
});
