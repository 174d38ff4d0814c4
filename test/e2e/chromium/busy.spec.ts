import type { Page } from '@playwright/test';
import { expect, generate, sectionBox, test as base } from './fixtures';
import { configureThroughOptions, openPanel, tabIdOf } from '../../support/chromium-extension.ts';
import { cpuLoadFixture, type LoadStarter } from '../cpu-load.ts';
import { BUSY_TEST_TIMEOUT_MS, CONTEXT_BOUND_MS, DRIVER_PATIENCE_MS, LOAD_SECONDS, measuredUnderLoad, PATIENT_A, PATIENT_B, watchForNameScript } from '../busy-cases.ts';
import { reviewPatientContext } from '../../support/panel-areas.ts';

// A busy computer (issue 13): both cores loaded while the panel opens on an enabled chart, follows
// a tab that moved to another patient while it was closed, answers Read chart pressed again and
// again, enables a site with one press, and generates, inserts and undoes. The browser starts
// unloaded; each test then opens its load window (≤ 60 s) where it matters, and the fixture ends it.

const test = base.extend<{ load: LoadStarter }>({ load: cpuLoadFixture });
test.describe.configure({ timeout: BUSY_TEST_TIMEOUT_MS });

const contextOf = (panel: Page) => panel.getByRole('region', { name: 'Patient context' });
/** The patient's name in the line at the top of Patient context (the list of lines is folded behind Review). */
const shownPatient = (panel: Page) => contextOf(panel).locator('.patient-line strong');

/** Enable on this site on an unloaded machine, ending with patient A read (the setup, not the case). */
async function enableSite(panel: Page): Promise<void> {
  await contextOf(panel).getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(shownPatient(panel)).toHaveText(PATIENT_A.name, { timeout: DRIVER_PATIENCE_MS });
}

test('under load, opening the panel on a chart of an enabled site shows the patient within 15 s', async ({ ext, ehr, panel, load }) => {
  await enableSite(panel);
  await panel.close();

  const cpu = load.start(LOAD_SECONDS);
  // Another tab on the same chart: a panel that has never seen it, so only a read can fill it.
  const url = `${ehr.url}/${PATIENT_A.page}?visit=2`;
  const chart = await ext.context.newPage();
  await chart.goto(url);
  const tabId = await tabIdOf(ext, url);
  let opened: Page | undefined;
  const ms = await measuredUnderLoad('panel opened to patient shown', cpu, async () => {
    opened = await openPanel(ext, tabId);
    await expect(shownPatient(opened)).toHaveText(PATIENT_A.name, { timeout: DRIVER_PATIENCE_MS });
  });
  expect(ms, 'the patient context is shown within the product’s bound').toBeLessThan(CONTEXT_BOUND_MS);
  await reviewPatientContext(opened!);
  await expect(contextOf(opened!).getByRole('checkbox', { name: PATIENT_A.medication, exact: true })).toBeChecked();
  await expect(opened!.getByRole('alert')).toHaveCount(0);
});

test('under load, a tab that moved to another patient while the panel was closed is shown as that patient, never the one before', async ({ ext, ehr, chart, panel, load }) => {
  await enableSite(panel);
  const tabId = await tabIdOf(ext, chart.url());
  await panel.close();

  const cpu = load.start(LOAD_SECONDS);
  await chart.goto(`${ehr.url}/${PATIENT_B.page}`);
  // The reopened panel records whether A's name ever appeared in it, even for one frame.
  const reopened = await ext.context.newPage();
  await reopened.addInitScript(watchForNameScript(PATIENT_A.name));
  const ms = await measuredUnderLoad('panel reopened to patient B shown', cpu, async () => {
    await openPanel(ext, tabId, reopened);
    await expect(shownPatient(reopened)).toHaveText(PATIENT_B.name, { timeout: DRIVER_PATIENCE_MS });
  });
  expect(ms, 'the new patient is shown within the product’s bound').toBeLessThan(CONTEXT_BOUND_MS);
  await reviewPatientContext(reopened);
  await expect(contextOf(reopened).getByRole('checkbox', { name: PATIENT_B.medication, exact: true })).toBeChecked();
  await expect(contextOf(reopened)).not.toContainText(PATIENT_A.name);
  expect(await reopened.evaluate(() => (window as unknown as { __chartsideSawName: boolean }).__chartsideSawName), `${PATIENT_A.name} was never shown`).toBe(false);
});

test('under load, Read chart pressed about every second: the last press is answered and the patient is shown', async ({ panel, load }) => {
  await enableSite(panel);
  const cpu = load.start(LOAD_SECONDS);
  const readChart = contextOf(panel).getByRole('button', { name: 'Read chart', exact: true });
  for (let press = 0; press < 6; press++) {
    await readChart.click();
    await panel.waitForTimeout(1_000);
  }
  await readChart.click();
  const ms = await measuredUnderLoad('last Read chart press to answered', cpu, async () => {
    // "Reading the chart…" is gone and the button no longer busy: the read that answers the last press has ended.
    await expect(contextOf(panel).getByRole('status')).toHaveCount(0, { timeout: DRIVER_PATIENCE_MS });
    await expect(readChart).toHaveAttribute('aria-busy', 'false', { timeout: DRIVER_PATIENCE_MS });
  });
  expect(ms, 'the last press is answered within the product’s bound').toBeLessThan(CONTEXT_BOUND_MS);
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(shownPatient(panel)).toHaveText(PATIENT_A.name);
});

test('under load, one press of Enable on this site on a freshly opened panel ends in the chart read, or in words', async ({ ext, emulator, chart, load }) => {
  await configureThroughOptions(ext, emulator.url);
  const tabId = await tabIdOf(ext, chart.url());
  const cpu = load.start(LOAD_SECONDS);
  const panel = await openPanel(ext, tabId);
  const enable = contextOf(panel).getByRole('button', { name: 'Enable on this site', exact: true });
  await enable.click();
  const read = shownPatient(panel).filter({ hasText: PATIENT_A.name });
  const words = panel.getByRole('alert');
  const ms = await measuredUnderLoad('Enable on this site to an outcome', cpu, async () => {
    await expect(read.or(words).first()).toBeVisible({ timeout: DRIVER_PATIENCE_MS });
  });
  expect(ms, 'one press ends within the product’s bound').toBeLessThan(CONTEXT_BOUND_MS);
  // Whichever it ended in, "Enabling…" and "Reading…" are over.
  await expect(contextOf(panel).getByRole('status')).toHaveCount(0);
  if (await read.isVisible()) {
    test.info().annotations.push({ type: 'outcome', description: 'enabled and read' });
    await expect(enable).toHaveCount(0);
    await expect(contextOf(panel).getByRole('button', { name: 'Read chart', exact: true })).toBeVisible();
  } else {
    test.info().annotations.push({ type: 'outcome', description: `words: ${await words.innerText()}` });
    // Words say what happened and what to do next (two lines), not an empty box.
    await expect(words.locator('p')).toHaveCount(2);
  }
});

test('under load, a note is generated, inserted with Insert all into the chart, and taken back with Undo insert', async ({ panel, chart, load }) => {
  await enableSite(panel);
  const cpu = load.start(LOAD_SECONDS);
  await measuredUnderLoad('Generate note to Note ready', cpu, async () => {
    await generate(panel);
    await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible({ timeout: DRIVER_PATIENCE_MS });
  });
  const field = (name: string) => chart.locator(`textarea[name="${name}"]`);
  const plan = await sectionBox(panel, 'Plan').inputValue();
  expect(plan).toMatch(/\S/);

  await measuredUnderLoad('Insert all to Plan in the chart', cpu, async () => {
    await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
    await expect(field('plan')).toHaveValue(plan, { timeout: DRIVER_PATIENCE_MS });
  });
  await expect(field('subjective')).toHaveValue(await sectionBox(panel, 'Subjective').inputValue());
  await expect(panel.getByRole('status').filter({ hasText: 'Plan' })).toContainText('inserted');

  await measuredUnderLoad('Undo insert to fields empty', cpu, async () => {
    await panel.getByRole('button', { name: 'Undo insert', exact: true }).click();
    for (const name of ['subjective', 'objective', 'assessment', 'plan']) await expect(field(name)).toHaveValue('', { timeout: DRIVER_PATIENCE_MS });
  });
});
