import { expect, generate, test } from './fixtures';

// The vendor: test keys are for evaluation without PHI; production PHI needs a live key under a BAA.
test('with a test key, the first chart read says so once, with where to get a live key; nothing is blocked', async ({ panel }) => {
  const notice = panel.getByRole('region', { name: 'You are using a test API key', exact: true });
  await expect(notice).toHaveCount(0); // no chart read yet

  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('Maria Alvarez');
  await expect(notice).toContainText('live key');
  await expect(notice).toContainText('business associate agreement');
  await expect(notice.getByRole('button', { name: 'Open settings', exact: true })).toBeVisible();

  // Nothing is blocked: a note is made with the notice on show.
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();

  await notice.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(notice).toHaveCount(0);
  // Once: a reopened panel reading the chart again does not say it again.
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await expect(context).toContainText('Maria Alvarez');
  await panel.waitForTimeout(500);
  await expect(notice).toHaveCount(0);
});
