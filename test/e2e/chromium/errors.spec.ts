import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';

const transcriptBox = (panel: import('@playwright/test').Page) => panel.getByRole('textbox', { name: 'Transcript', exact: true });

test('401: the key is refused, the alert links to settings, the transcript stays', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 401 });
  await generate(panel);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(/API key/i);
  await expect(alert.getByRole('button', { name: 'Open settings' })).toBeVisible();
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(1);
});

test('403: a revoked key says to create a new one', async ({ panel, emulator }) => {
  emulator.revokeKey(TEST_API_KEY);
  await generate(panel);
  await expect(panel.getByRole('alert')).toContainText(/revoked/i);
  await expect(panel.getByRole('alert')).toContainText(/new key/i);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(1);
});

test('an error is read by its code: a 403 whose code says the balance ran out says to add funds, not that the key was revoked', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 403, code: 'INSUFFICIENT_BALANCE', message: 'Balance is zero.' });
  await generate(panel);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(/add funds/i);
  await expect(alert).not.toContainText(/revoked/i);
  // The server's words are a detail line under ours, not the explanation.
  await expect(alert.getByText('The SOAP Note API said: Balance is zero.', { exact: true })).toBeVisible();
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
});

test('400: the field the server refused is named in our words, its message only as a detail', async ({ panel, emulator }) => {
  emulator.queueFault({
    path: '/v1/stream/note',
    status: 400,
    message: 'context.patient_info.age must be a positive integer',
    details: { field: 'context.patient_info.age', issue: 'not_a_positive_integer' },
  });
  await generate(panel);
  const alert = panel.getByRole('alert');
  await expect(alert.getByText('The SOAP Note API did not accept the patient’s age.', { exact: true })).toBeVisible();
  await expect(alert).toContainText('uncheck it under Patient context');
  await expect(alert.getByText(/^The SOAP Note API said: context\.patient_info\.age must be a positive integer\./)).toBeVisible();
});

test('429: out of balance says to add funds, and is not retried', async ({ panel, emulator }) => {
  emulator.setFaults({ status: 429, code: 'INSUFFICIENT_BALANCE' });
  await generate(panel);
  await expect(panel.getByRole('alert')).toContainText(/add funds/i);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  await panel.waitForTimeout(1500);
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(1);
});

test('400: the server’s validation message is shown', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 400, message: 'specialty is not supported for this account' });
  await generate(panel);
  await expect(panel.getByRole('alert')).toContainText('specialty is not supported for this account');
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
});

test('503 then success: retried automatically and the note arrives', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 503 });
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/, { timeout: 20_000 });
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/fluids/);
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(2);
});

test('503 every time: after the bounded retries, the alert offers Try again', async ({ panel, emulator }) => {
  emulator.setFaults({ status: 503 });
  await generate(panel);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(/unavailable|busy|try again/i, { timeout: 30_000 });
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(3);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);

  emulator.setFaults({});
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
});

test('a stream cut mid-way keeps the partial note, marked incomplete, and Regenerate completes it', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', cutAfterEvents: 5, chunkSize: 10, cutHeld: true });
  await generate(panel);
  // Cut once the panel shows the events (see cutHeld): the cut must not overtake them.
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/^\[Chartside API emulator\]/);
  expect(emulator.releaseCuts()).toBe(1);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('stopped before it was finished');
  await expect(panel.getByText('Incomplete', { exact: true })).toBeVisible();
  const partial = await sectionBox(panel, 'Subjective').inputValue();
  expect(partial).toMatch(/^\[Chartside API emulator\]/);
  await expect(sectionBox(panel, 'Plan')).toHaveValue('');
  // Nothing retried a stream that had already produced output.
  expect(emulator.requests.filter((r) => r.path === '/v1/stream/note')).toHaveLength(1);

  await alert.getByRole('button', { name: 'Regenerate' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  await expect(sectionBox(panel, 'Plan')).toHaveValue(/fluids/);
  await expect(panel.getByText('Incomplete', { exact: true })).toHaveCount(0);
});

test('a stream endpoint that is unusable falls back to the plain note endpoint', async ({ panel, emulator }) => {
  emulator.setFaults({ streamStatus: 404 });
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  await expect(sectionBox(panel, 'Assessment')).toHaveValue(/pharyngitis/i);
  expect(emulator.requests.map((r) => r.path)).toContain('/v1/note');
});
