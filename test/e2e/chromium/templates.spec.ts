import { openNoteOptions } from '../../support/panel-areas.ts';
import { expect, generate, test } from './fixtures';

/**
 * Named templates in the real panel: a custom template id is kept under the clinician's name for the
 * specialty and offered in the Template list, the last used first; an id the API does not know
 * gets words naming it, and nothing is made with another template.
 */

const template = (panel: import('@playwright/test').Page) => panel.getByRole('combobox', { name: 'Template', exact: true });

test('a template the API does not know is named in the error, and no note is made another way', async ({ panel, emulator }) => {
  await openNoteOptions(panel);
  await template(panel).fill('missing-brief');
  await generate(panel);
  const alert = panel.getByRole('alert').filter({ hasText: 'The SOAP Note API does not know the template “missing-brief”, so no note was made. Chartside did not use another template instead.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Choose another template under Template');
  // One request, to the stream: not repeated as POST /v1/note, nor with the standard template.
  const notes = emulator.requests.filter((r) => r.path === '/v1/stream/note' || r.path === '/v1/note');
  expect(notes.map((r) => [r.path, (r.body as { template?: string }).template])).toEqual([['/v1/stream/note', 'missing-brief']]);
  // No note: the sections are empty.
  await expect(panel.getByRole('textbox', { name: 'Plan', exact: true })).toHaveValue('');
});

test('a template the clinician named, refused by the API, is said by their name and its id', async ({ panel }) => {
  await openNoteOptions(panel);
  await template(panel).fill('missing-brief');
  await panel.getByRole('textbox', { name: 'Template name', exact: true }).fill('Brief follow-up');
  await panel.getByRole('button', { name: 'Keep template', exact: true }).click();
  await expect(panel.getByText('Template: Brief follow-up', { exact: true })).toBeVisible();
  await generate(panel);
  await expect(panel.getByRole('alert').filter({ hasText: 'The SOAP Note API does not know the template “Brief follow-up” (missing-brief), so no note was made.' })).toBeVisible();
});

test('a custom template is kept under a name for the specialty, offered in the Template list the last used first, after a reload too', async ({ panel }) => {
  await openNoteOptions(panel);
  const keep = async (id: string, name: string) => {
    await template(panel).fill(id);
    await panel.getByRole('textbox', { name: 'Template name', exact: true }).fill(name);
    await panel.getByRole('button', { name: 'Keep template', exact: true }).click();
    await expect(panel.getByText(`Template: ${name}`, { exact: true })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Keep template', exact: true })).toHaveCount(0);
  };
  await keep('follow-up-v3', 'Follow-up visit');
  await keep('annual-physical', 'Annual physical');
  const offered = () => panel.locator('#template-choices option').evaluateAll((options) => options.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).label]));
  expect(await offered()).toEqual([['annual-physical', 'Annual physical'], ['follow-up-v3', 'Follow-up visit']]);

  // A note made with the older one moves it to the top.
  await template(panel).fill('follow-up-v3');
  await generate(panel);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
  await expect.poll(offered).toEqual([['follow-up-v3', 'Follow-up visit'], ['annual-physical', 'Annual physical']]);

  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await openNoteOptions(panel);
  await expect.poll(offered).toEqual([['follow-up-v3', 'Follow-up visit'], ['annual-physical', 'Annual physical']]);
  // Another specialty has its own list (none yet).
  await panel.getByRole('combobox', { name: 'Specialty', exact: true }).selectOption({ label: 'Psychiatrist' });
  expect(await offered()).toEqual([]);
});
