import { expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';
import { openNoteOptions } from '../../support/panel-areas.ts';

const MARK = '[Chartside API emulator]';

for (const shape of ['sections', 'inline'] as const) {
  test(`streams a note in the ${shape} shape into the four sections`, async ({ panel, emulator }) => {
    emulator.setFaults({ streamShape: shape, chunkSize: 12, chunkDelayMs: 5 });
    await generate(panel);
    await expect(panel.getByRole('status')).toHaveText('Note ready. Review and edit it before you use it.');
    await expect(sectionBox(panel, 'Subjective')).toHaveValue(new RegExp(`^\\${MARK}`));
    await expect(sectionBox(panel, 'Subjective')).toHaveValue(/sore throat/);
    await expect(sectionBox(panel, 'Objective')).toHaveValue(/38\.1/);
    await expect(sectionBox(panel, 'Assessment')).toHaveValue(/pharyngitis/i);
    await expect(sectionBox(panel, 'Plan')).toHaveValue(/fluids/);
    // No heading text leaks into a section in the inline shape.
    await expect(sectionBox(panel, 'Objective')).not.toHaveValue(/Objective:/);

    const sent = emulator.requests.find((r) => r.path === '/v1/stream/note');
    expect(sent?.body).toMatchObject({ transcript: TRANSCRIPT, specialty: 'physician', template: 'standard' });
    expect(sent?.body).not.toHaveProperty('include_patient_summary');
  });
}

test('sends the chosen specialty id and options, and the note is editable once done', async ({ panel, emulator }) => {
  await openNoteOptions(panel);
  await panel.getByRole('combobox', { name: 'Specialty', exact: true }).selectOption({ label: 'Physical Therapy' });
  await panel.getByRole('checkbox', { name: 'Include billing codes', exact: true }).check();
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note');
  expect(sent?.body).toMatchObject({ specialty: 'physical_therapy', include_billing_codes: true });

  await sectionBox(panel, 'Plan').fill('Rest and fluids. Review in one week.');
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await expect(sectionBox(panel, 'Plan')).toHaveValue('Rest and fluids. Review in one week.');
});

test('Stop cancels a generation and keeps what arrived', async ({ panel, emulator }) => {
  emulator.setFaults({ chunkSize: 6, chunkDelayMs: 150 });
  await generate(panel);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/\S/);
  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText('Stopped. What was written so far is kept below.');
  const kept = await sectionBox(panel, 'Subjective').inputValue();
  expect(kept.length).toBeGreaterThan(0);
  await expect(panel.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Generate note', exact: true })).toBeEnabled();
  await expect(sectionBox(panel, 'Plan')).toHaveValue('');
});

test('a transcript under 50 characters is refused before anything is sent', async ({ panel, emulator }) => {
  await generate(panel, 'Sore throat, three days.');
  await expect(panel.getByRole('alert')).toContainText('needs at least 50');
  await expect(panel.getByRole('textbox', { name: 'Transcript', exact: true })).toHaveValue('Sore throat, three days.');
  expect(emulator.requests.filter((r) => r.path.includes('/note'))).toHaveLength(0);
});

test('a panel reopened mid-stream shows the note, which the background finished', async ({ ext, panel, emulator }) => {
  emulator.setFaults({ chunkSize: 8, chunkDelayMs: 60 });
  await generate(panel);
  await expect(sectionBox(panel, 'Subjective')).toHaveValue(/\S/);
  const url = panel.url();
  await panel.close();

  const reopened = await ext.context.newPage();
  await reopened.goto(url);
  await expect(reopened.getByRole('status')).toHaveText(/Note ready/, { timeout: 30_000 });
  await expect(sectionBox(reopened, 'Plan')).toHaveValue(/fluids/);
  await expect(reopened.getByRole('textbox', { name: 'Transcript', exact: true })).toHaveValue(TRANSCRIPT);
});

test('the transcript draft survives a panel reload', async ({ panel }) => {
  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill('Half-typed dictation that must not be lost');
  await panel.waitForTimeout(400);
  await panel.reload();
  await panel.locator('html[data-ready="true"]').waitFor();
  await expect(panel.getByRole('textbox', { name: 'Transcript', exact: true })).toHaveValue('Half-typed dictation that must not be lost');
});

test('script-bearing text from the API renders as text and never runs', async ({ panel }) => {
  const hostile = `${TRANSCRIPT} The patient typed <img src=x onerror="document.title='pwned'"> into the portal.`;
  await generate(panel, hostile);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  const all = await Promise.all((['Subjective', 'Objective', 'Assessment', 'Plan'] as const).map((s) => sectionBox(panel, s).inputValue()));
  expect(all.join('\n')).toContain('<img src=x onerror=');
  expect(await panel.locator('img').count()).toBe(0);
  expect(await panel.title()).toBe('Chartside');
});

test('Copy note puts plain text and HTML with headings on the clipboard', async ({ ext, panel, chart }) => {
  // Permissions cannot be granted to extension origins; the clipboard is read back from the chart's page.
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(chart.url()).origin });
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/Note ready/);
  await panel.getByRole('button', { name: 'Copy note', exact: true }).click();
  await expect(panel.getByText('Copied', { exact: true }).first()).toBeVisible();
  await chart.bringToFront();
  const clip = await chart.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      text: await (await item!.getType('text/plain')).text(),
      html: await (await item!.getType('text/html')).text(),
    };
  });
  expect(clip.text).toMatch(/^Subjective:\n\[Chartside API emulator\]/);
  expect(clip.text).toContain('\n\nPlan:\n');
  expect(clip.html).toMatch(/<h2>Subjective<\/h2>/);
});
