import type { Locator, Page } from '@playwright/test';
import { extensionUrl } from '../../support/chromium-extension.ts';
import { TRANSCRIPT, expect, expectConsentLineCarried, sectionBox, test } from './fixtures';

/**
 * Consent for a typed transcript of a recorded conversation (issue 16): off by default; turned on in
 * settings, Generate note sends nothing until Patient agreed to be recorded is ticked, and the note
 * carries the consent line in the place chosen, into Insert all and Copy note.
 */

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const consentBox = (page: Page) => page.getByRole('checkbox', { name: 'Patient agreed to be recorded', exact: true });
const noteRequests = (emulator: { requests: { path: string }[] }) => emulator.requests.filter((r) => r.path === '/v1/stream/note' || r.path === '/v1/note');
const LINE = /\n\nPatient consented to audio recording of this visit; confirmed by Dr A\. Lee at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/;

test('typed transcript: with the option on, Generate note refuses until Patient agreed to be recorded is ticked; the line is in the note, Insert all and Copy note', async ({ ext, panel, chart, emulator }) => {
  const options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('html[data-ready="true"]').waitFor();
  const typed = options.getByRole('checkbox', { name: 'Also for typed transcripts of a recorded conversation', exact: true });
  await expect(typed).not.toBeChecked(); // off by default
  await typed.check();
  await expect(options.getByRole('status')).toContainText('Generate note will ask you to confirm the patient agreed to be recorded');
  await options.getByRole('combobox', { name: 'Consent line goes in', exact: true }).selectOption('plan-end');
  const name = options.getByRole('textbox', { name: 'Your name for the consent line', exact: true });
  await name.fill('Dr A. Lee');
  await name.blur();
  await expect(options.getByRole('status')).toHaveText('The consent line will say it was confirmed by Dr A. Lee.');
  await options.close();

  const context = panel.getByRole('region', { name: 'Patient context' });
  await button(context, 'Enable on this site').click();
  await expect(context).toContainText('Maria Alvarez');

  // Not ticked: nothing is sent, the words say why and what to do, and the box gets the focus.
  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
  await expect(consentBox(panel)).not.toBeChecked();
  await button(panel, 'Generate note').click();
  await expect(panel.getByRole('alert').filter({ hasText: 'only after the patient agrees to the recording, so nothing was sent.' })).toContainText(
    'Ask the patient, tick Patient agreed to be recorded, then press Generate note.',
  );
  await expect(consentBox(panel)).toBeFocused();
  await panel.waitForTimeout(300);
  expect(noteRequests(emulator)).toEqual([]);
  await expect(sectionBox(panel, 'Plan')).toHaveValue('');

  // Ticked: the refusal goes, the note is made, and its Plan ends with the line.
  await consentBox(panel).check();
  await expect(panel.getByRole('alert').filter({ hasText: 'nothing was sent' })).toHaveCount(0);
  await button(panel, 'Generate note').click();
  await expect(panel.getByRole('status').filter({ hasText: /^Note ready/ })).toBeVisible({ timeout: 30_000 });
  expect(noteRequests(emulator)).toHaveLength(1);
  await expect(sectionBox(panel, 'Plan')).toHaveValue(LINE);
  await expect(sectionBox(panel, 'Subjective')).not.toHaveValue(/Patient consented/);
  // The next note is asked for again.
  await expect(consentBox(panel)).not.toBeChecked();

  await expectConsentLineCarried(ext, panel, chart, 'Plan', LINE);
});

test('typed transcript: with the option off (the default), Generate note asks for nothing and the note has no line', async ({ panel }) => {
  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
  await button(panel, 'Generate note').click();
  await expect(panel.getByRole('status').filter({ hasText: /^Note ready/ })).toBeVisible({ timeout: 30_000 });
  await expect(sectionBox(panel, 'Plan')).not.toHaveValue(/Patient consented/);
  await expect(sectionBox(panel, 'Subjective')).not.toHaveValue(/Patient consented/);
});
