import type { Page } from '@playwright/test';
import { expect, generate, sectionBox, test as base } from './fixtures';
import { openNoteOptions } from '../../support/panel-areas.ts';

/** The sample chart with three prior visit notes (2025-06-20, 2025-11-03, 2026-01-15). */
const test = base.extend({
  chart: async ({ ext, ehr }, use) => {
    const chart = await ext.context.newPage();
    await chart.goto(`${ehr.url}/visit-history-chart.html`);
    await use(chart);
  },
});

async function enableSite(panel: Page): Promise<void> {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('Maria Alvarez');
}

/** This session's note history as the background keeps it in storage.session. */
async function storedHistory(panel: Page): Promise<Array<{ jobId: string; noteId?: string; expiresAt?: string }>> {
  return panel.evaluate(async () => {
    const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
    return Object.entries(all)
      .filter(([key]) => key.startsWith('note-history:'))
      .map(([, value]) => value as { jobId: string; noteId?: string; expiresAt?: string });
  });
}

test('summarizes the picked prior visits from the chart with a focus, shows summary, findings and diagnoses, and inserts it', async ({ panel, emulator, chart }) => {
  await enableSite(panel);
  await openNoteOptions(panel);
  const history = panel.getByRole('region', { name: 'Visit history' });
  const jan = history.getByRole('checkbox', { name: /^2026-01-15/ });
  const nov = history.getByRole('checkbox', { name: /^2025-11-03/ });
  const june = history.getByRole('checkbox', { name: /^2025-06-20/ });
  await expect(jan).toBeChecked();
  await expect(nov).toBeChecked();
  await june.uncheck();
  await history.getByRole('textbox', { name: 'Focus', exact: true }).fill('diabetes management');
  // No transcript is needed: this is for before the visit.
  await expect(panel.getByRole('textbox', { name: 'Transcript', exact: true })).toHaveValue('');
  await history.getByRole('button', { name: 'Summarize visit history', exact: true }).click();

  await expect(history).toContainText('focused on diabetes management');
  await expect(history.getByRole('list', { name: 'Key findings' }).getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('list', { name: 'Key findings' })).toContainText('2026-01-15');
  await expect(history.getByRole('list', { name: 'Active diagnoses' })).toContainText('E11.9');
  await expect(history.getByRole('list', { name: 'Active diagnoses' })).toContainText('I10');

  const sent = emulator.requests.filter((r) => r.path === '/v1/visit-summary');
  expect(sent).toHaveLength(1);
  const body = sent[0]?.body as { focus?: string; visits: Array<{ visit_date: string; provider?: string; summary?: string }>; patient_info?: unknown };
  expect(body.focus).toBe('diabetes management');
  expect(body.visits.map((v) => v.visit_date)).toEqual(['2025-11-03', '2026-01-15']);
  expect(body.visits[1]?.summary).toContain('A1c 7.9');
  expect(body.visits[1]?.provider).toContain('Ana Ruiz');
  expect(body.patient_info).toEqual({ name: 'Maria Alvarez', age: 55 });

  await history.getByRole('button', { name: 'Insert summary', exact: true }).click();
  await expect(history.getByRole('status')).toContainText('Subjective');
  await expect(chart.locator('textarea[name="subjective"]')).toHaveValue(/Visit history summary[\s\S]*Key findings[\s\S]*E11\.9/);
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('a note made this session is listed with patient, specialty and expiry, offered to the visit summary, and reopens into the boxes', async ({ panel, emulator }) => {
  await enableSite(panel);
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  const generated = await sectionBox(panel, 'Subjective').inputValue();

  const notes = panel.getByRole('region', { name: 'Note history' });
  await expect(notes).toContainText('Maria Alvarez');
  await expect(notes).toContainText('Physician');
  const reopen = notes.getByRole('button', { name: /^Reopen note from \d\d:\d\d$/ });
  await expect(reopen).toHaveCount(1);
  const [entry] = await storedHistory(panel);
  expect(entry?.noteId).toMatch(/^note_emu/);
  // The stream carries the note id but no expires_at: said so until a reopen learns it.
  await expect(notes).toContainText('expiry not given by the API');

  // The same patient's note from this session can go into the visit-history summary.
  await openNoteOptions(panel);
  const history = panel.getByRole('region', { name: 'Visit history' });
  await expect(history.getByRole('checkbox', { name: /^Note from this session, \d\d:\d\d — Physician$/ })).toBeChecked();

  // Edited since: reopening asks first, and keeping the edit changes nothing.
  await sectionBox(panel, 'Subjective').fill('My own edit.');
  await reopen.click();
  await notes.getByRole('button', { name: 'Keep current note', exact: true }).click();
  await expect(sectionBox(panel, 'Subjective')).toHaveValue('My own edit.');
  await reopen.click();
  await notes.getByRole('button', { name: 'Replace note', exact: true }).click();
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(generated);
  await expect(notes.getByRole('status')).toContainText('is open in the section boxes');
  const gets = emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v1/note/${entry?.noteId}`);
  expect(gets).toHaveLength(2);
  // The reopen brought expires_at (the emulator keeps notes 24 h).
  await expect(notes).toContainText('expires in 23 h');
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('an expired note (404) is said to be deleted by the API, with a copy to be taken from the EHR', async ({ panel, emulator }) => {
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  const notes = panel.getByRole('region', { name: 'Note history' });
  await expect(notes.getByRole('button', { name: /^Reopen note from / })).toHaveCount(1);
  const [entry] = await storedHistory(panel);
  emulator.expireNote(entry!.noteId!);

  await notes.getByRole('button', { name: /^Reopen note from / }).click();
  const alert = notes.getByRole('alert');
  await expect(alert).toContainText('has expired: the SOAP Note API has deleted it');
  await expect(alert).toContainText('take a copy from the EHR');
  await expect(notes).toContainText('expired');
  expect((await storedHistory(panel))[0]).toMatchObject({ gone: true });
  // The note in the boxes is untouched.
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/sore throat/);
});
