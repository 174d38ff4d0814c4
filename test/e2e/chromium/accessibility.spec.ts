import type { Page } from '@playwright/test';
import { expectAccessible } from '../../support/axe-audit.ts';
import { configureThroughOptions, extensionUrl, openPanel, tabIdOf } from '../../support/chromium-extension.ts';
import { agreeToRecording, expect, generate, test } from './fixtures';
import { openNoteOptions, reviewPatientContext } from '../../support/panel-areas.ts';

// Issue 20: axe-core over the options page and the side panel in every state the clinician meets,
// light and dark, finds nothing serious or critical. Each state is checked to be the one meant
// before (and, where it is short-lived, after) it is audited.

// The recording state needs a microphone: Chromium's fake one, granted without a prompt.
test.use({ browserArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
const patientContext = (panel: Page) => panel.getByRole('region', { name: 'Patient context' });
/** The side panel's size in use (Chrome's default width), which is where overlaps and clipping would show. */
const atPanelSize = (panel: Page) => panel.setViewportSize({ width: 400, height: 800 });

/** Whether the background holds an API key, as the panel's own request for it says. */
const hasKey = (page: Page) =>
  page.evaluate(async () => ((await chrome.runtime.sendMessage({ type: 'vault:status' })) as { data: { hasKey: boolean } }).data.hasKey);

test('the options page, with no key and with a saved test key', async ({ ext, emulator }) => {
  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  await expect(options.getByText('No key saved yet.')).toBeVisible();
  await expectAccessible(options, 'options page, no key');

  await configureThroughOptions(ext, emulator.url);
  await options.reload();
  await options.locator('html[data-ready="true"]').waitFor();
  await expect(options.getByText('Test key', { exact: true })).toBeVisible();
  await expectAccessible(options, 'options page, test key saved');
});

test('the panel from install to an inserted note: no key yet, site not enabled, chart read, generating, note ready, inserted', async ({ ext, emulator, chart }) => {
  // Seven states, each audited in light and dark: about 40 s on a quiet machine, over 60 s in a busy CI.
  test.setTimeout(120_000);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  await atPanelSize(panel);
  expect(await hasKey(panel)).toBe(false);
  await expect(button(panel, 'Generate note')).toBeVisible();
  await expectAccessible(panel, 'panel, no key yet');

  await configureThroughOptions(ext, emulator.url);
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  expect(await hasKey(panel)).toBe(true);
  await expect(patientContext(panel).getByRole('button', { name: 'Enable on this site', exact: true })).toBeVisible();
  await expectAccessible(panel, 'panel, site not enabled');

  await patientContext(panel).getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(patientContext(panel)).toContainText('8 items will be sent');
  await expectAccessible(panel, 'panel, chart read, folded');
  // Unfolded, every line with its checkbox, and the note options, are audited too.
  await reviewPatientContext(panel);
  await openNoteOptions(panel);
  await expect(patientContext(panel).getByRole('checkbox', { name: 'Penicillin (rash)', exact: true })).toBeChecked();
  await expectAccessible(panel, 'panel, chart read, Patient context and Note options open');

  // The note ready state with everything a note can carry: billing codes and a patient summary too.
  await panel.getByRole('checkbox', { name: 'Include billing codes', exact: true }).check();
  await panel.getByRole('checkbox', { name: 'Include patient summary', exact: true }).check();

  // Slow enough (about 70 s for the whole note) that both audits run while it is still streaming in,
  // however busy the machine; Stop ends it once they have.
  emulator.setFaults({ chunkSize: 4, chunkDelayMs: 1_000 });
  await generate(panel);
  await expect(button(panel, 'Stop')).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Subjective', exact: true })).toHaveValue(/\S/);
  await expectAccessible(panel, 'panel, generating');
  await expect(button(panel, 'Stop'), 'still generating after the audits').toBeVisible();
  await button(panel, 'Stop').click();

  emulator.setFaults({});
  await button(panel, 'Generate note').click();
  await expect(status(panel, 'Note ready')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Billing codes', exact: true })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Patient summary', exact: true })).toBeVisible();
  await expectAccessible(panel, 'panel, note ready');

  await button(panel, 'Insert all').click();
  await expect(status(panel, 'Subjective')).toContainText('inserted');
  await expect(button(panel, 'Undo insert')).toBeVisible();
  await expectAccessible(panel, 'panel, inserted');
});

test('the panel recording', async ({ panel }) => {
  await atPanelSize(panel);
  await agreeToRecording(panel);
  await button(panel, 'Start recording').click();
  await expect(button(panel, 'Pause recording')).toBeVisible();
  await expect(panel.getByRole('timer', { name: 'Recording time' })).toBeVisible();
  await expectAccessible(panel, 'panel, recording');
  await expect(button(panel, 'Stop recording'), 'still recording after the audits').toBeVisible();
});

test('the panel showing an error: a refused key, then a note cut off mid-stream', async ({ panel, emulator }) => {
  await atPanelSize(panel);
  emulator.queueFault({ path: '/v1/stream/note', status: 401 });
  await generate(panel);
  await expect(panel.getByRole('alert')).toContainText(/API key/i);
  await expect(panel.getByRole('alert').getByRole('button', { name: 'Open settings' })).toBeVisible();
  await expectAccessible(panel, 'panel, error');

  // The other face of an error: a partial note kept under its Incomplete badge, with Regenerate.
  emulator.queueFault({ path: '/v1/stream/note', cutAfterEvents: 5, chunkSize: 10, cutHeld: true });
  await button(panel, 'Generate note').click();
  // Cut once the panel shows the events (see cutHeld): the cut must not overtake them.
  await expect(panel.getByRole('textbox', { name: 'Subjective', exact: true })).toHaveValue(/\S/);
  expect(emulator.releaseCuts()).toBe(1);
  await expect(panel.getByRole('alert')).toContainText('stopped before it was finished');
  await expect(panel.getByText('Incomplete', { exact: true })).toBeVisible();
  await expectAccessible(panel, 'panel, error, incomplete note');
});
