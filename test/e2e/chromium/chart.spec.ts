import { expect, generate, test } from './fixtures';
import { extensionUrl, openPanel, tabIdOf } from '../../support/chromium-extension.ts';
import { reviewPatientContext } from '../../support/panel-areas.ts';

test('enable a site, read the chart, uncheck an allergy: the API receives exactly what is checked', async ({ panel, emulator, ext, ehr }) => {
  const context = panel.getByRole('region', { name: 'Patient context' });
  // Nothing is read from a site before the clinician enables it.
  await expect(context.getByRole('button', { name: 'Enable on this site', exact: true })).toBeVisible();
  await expect(context.getByRole('checkbox')).toHaveCount(0);

  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  // Folded to a count until reviewed: the count says what goes.
  await expect(context).toContainText('8 items will be sent');
  await reviewPatientContext(panel);
  await expect(context.getByRole('checkbox', { name: 'Lisinopril 10 mg daily', exact: true })).toBeChecked();
  await expect(context).toContainText('Maria Alvarez');
  await expect(context.getByRole('checkbox', { name: 'Metformin 500 mg twice daily', exact: true })).toBeChecked();
  await expect(context.getByRole('checkbox', { name: 'Type 2 diabetes mellitus', exact: true })).toBeChecked();
  const allergy = context.getByRole('checkbox', { name: 'Penicillin (rash)', exact: true });
  await expect(allergy).toBeChecked();
  await allergy.uncheck();
  await expect(context).toContainText('7 items will be sent');

  await generate(panel);
  await expect(panel.getByRole('status').last()).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { context?: unknown };
  expect(sent.context).toEqual({
    patient_info: {
      name: 'Maria Alvarez',
      age: 55,
      gender: 'female',
      medications: ['Lisinopril 10 mg daily', 'Metformin 500 mg twice daily'],
      medical_history: 'Type 2 diabetes mellitus; Essential hypertension',
    },
  });

  // The options page lists the enabled site, and can stop reading it.
  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  await expect(options.getByText('http://127.0.0.1', { exact: true })).toBeVisible();
  await options.getByRole('button', { name: 'Stop reading http://127.0.0.1' }).click();
  await expect(options.getByRole('status')).toContainText('no longer reads');
  void ehr;
});

test('leaving the name out keeps it out of the request', async ({ panel, emulator }) => {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await reviewPatientContext(panel);
  await expect(context.getByRole('checkbox', { name: 'Maria Alvarez', exact: true })).toBeChecked();
  await context.getByRole('checkbox', { name: 'Leave the patient’s name out of what is sent', exact: true }).check();
  await generate(panel);
  await expect(panel.getByRole('status').last()).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { context: { patient_info: Record<string, unknown> } };
  expect(sent.context.patient_info).not.toHaveProperty('name');
  expect(JSON.stringify(sent)).not.toContain('Maria Alvarez');
  expect(sent.context.patient_info.age).toBe(55);
});

test('a page with no chart says so and offers manual entry, which is sent', async ({ ext, ehr, emulator, panel }) => {
  const page = await ext.context.newPage();
  await page.goto(`${ehr.url}/no-chart.html`);
  const other = await openPanel(ext, await tabIdOf(ext, page.url()), panel);
  const context = other.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('No chart was found on this page');
  await context.getByLabel('Age', { exact: true }).fill('42');
  await context.getByLabel('Allergies (one per line)', { exact: true }).fill('Sulfa');
  await generate(other);
  await expect(other.getByRole('status').last()).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { context: unknown };
  expect(sent.context).toEqual({ patient_info: { age: 42, allergies: ['Sulfa'] } });
});

test('a single-page EHR that swaps patients is followed', async ({ ext, ehr, panel }) => {
  const page = await ext.context.newPage();
  await page.goto(`${ehr.url}/spa-patients.html`);
  const bound = await openPanel(ext, await tabIdOf(ext, page.url()), panel);
  const context = bound.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  const firstName = (await context.locator('strong').first().textContent()) ?? '';
  expect(firstName).toMatch(/\S/);
  await page.getByRole('link', { name: /next patient/i }).or(page.getByRole('button', { name: /next patient/i })).first().click();
  await expect(context.locator('strong').first()).not.toHaveText(firstName);
});

test('portal messages are sent as patient or provider; one whose author the page does not name is left out, never sent as a guess', async ({ ext, ehr, emulator, panel }) => {
  const page = await ext.context.newPage();
  await page.goto(`${ehr.url}/portal-authors.html`);
  const bound = await openPanel(ext, await tabIdOf(ext, page.url()), panel);
  const context = bound.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('Tobias Wren');
  await expect(context).toContainText('My ankle is still swollen');
  await reviewPatientContext(bound);
  // The panel says which message stays out, and why: nothing is dropped without a word.
  const unclear = context.getByRole('checkbox', { name: 'jordan: Can someone call me back about the appointment time?', exact: true });
  await expect(unclear).not.toBeChecked();
  await expect(unclear).toBeDisabled();
  await expect(context).toContainText('Not sent: the page does not say whether the patient or the care team wrote it.');
  await generate(bound);
  await expect(bound.getByRole('status').last()).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { context: { chat_messages?: Array<{ role: string; content: string }> } };
  expect(sent.context.chat_messages?.map(({ role, content }) => ({ role, content }))).toEqual([
    { role: 'patient', content: 'My ankle is still swollen after the fall last week.' },
    { role: 'provider', content: 'Please keep it raised and come in tomorrow so we can look at it.' },
  ]);
});
