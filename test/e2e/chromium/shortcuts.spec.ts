import { expect, generate, sectionBox, test } from './fixtures';

test('the panel’s help lists the keyboard shortcuts as the browser has them', async ({ panel }) => {
  await panel.getByText('Keyboard shortcuts', { exact: true }).click();
  const list = panel.getByRole('list', { name: 'Keyboard shortcuts' });
  await expect(list).toContainText('Alt+Shift+S Open Chartside beside the page');
  await expect(list).toContainText('Alt+Shift+D Start or stop recording');
  await expect(list).toContainText('Alt+Shift+G Generate the note');
  await expect(list).toContainText('Alt+Shift+I Insert the note into the EHR (Insert all)');
  await expect(panel.getByRole('button', { name: 'Change shortcuts', exact: true })).toBeVisible();
});

test('shortcuts forwarded for the panel’s tab generate and insert; one for another tab does nothing', async ({ ext, panel, chart }) => {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(
    'Patient reports three days of sore throat and mild fever. Temperature 38.1 C. Likely viral pharyngitis. Plan: rest and fluids.',
  );
  const tabId = Number(new URL(panel.url()).searchParams.get('tabId'));
  // What the background sends when a shortcut is pressed (browsers give tests no way to press one).
  const press = (command: string, tab: number) =>
    ext.context.serviceWorkers()[0]!.evaluate(([command, tabId]) => chrome.runtime.sendMessage({ type: 'panel:command', command, tabId }).catch(() => undefined), [command, tab] as const);

  await press('generate-note', tabId + 1000);
  await panel.waitForTimeout(500);
  await expect(sectionBox(panel, 'Plan')).toHaveValue('');

  await press('generate-note', tabId);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await press('insert-all', tabId);
  await expect(chart.locator('textarea[name="plan"]')).toHaveValue(await sectionBox(panel, 'Plan').inputValue());
});
