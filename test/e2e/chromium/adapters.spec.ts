import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, generate, test } from './fixtures';
import { configureThroughOptions, openPanel, tabIdOf, type ExtensionBrowser } from '../../support/chromium-extension.ts';
import { reviewPatientContext } from '../../support/panel-areas.ts';

/**
 * Each EHR the adapters know, in real Chromium with the e2e build: the clinician opens the chart,
 * opens Chartside bound to that tab, enables the site, and sees the patient and the chart's lines,
 * each checked (sent) by default. Item texts are the ones the adapters' unit tests read.
 */

/** Opens `page` of the fixture server in a tab, the panel bound to it, and enables the site. */
async function enableOn(ext: ExtensionBrowser, emulatorUrl: string, url: string, ready?: (chart: Page) => Promise<void>) {
  const chart = await ext.context.newPage();
  await chart.goto(url);
  await ready?.(chart);
  await configureThroughOptions(ext, emulatorUrl);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await reviewPatientContext(panel);
  return { chart, panel, context };
}

/** Each line is offered with a checkbox named exactly by its text, checked (sent) by default. */
async function expectChecked(context: Locator, texts: readonly (string | RegExp)[]): Promise<void> {
  for (const text of texts) {
    const box = typeof text === 'string' ? context.getByRole('checkbox', { name: text, exact: true }) : context.getByRole('checkbox', { name: text });
    await expect(box, String(text)).toBeChecked();
  }
}

/** Age in whole years today, for pages that show only a date of birth (the panel computes it the same way). */
function ageToday(dob: string): number {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const now = new Date();
  const hadBirthday = now.getMonth() + 1 > m || (now.getMonth() + 1 === m && now.getDate() >= d);
  return now.getFullYear() - y - (hadBirthday ? 0 : 1);
}

/** The date of birth as the panel shows it: ISO, or "21 Jun 1958". */
function born(iso: string): RegExp {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]!;
  return new RegExp(`${iso}|\\b${d} ${month} ${y}\\b`);
}

/** The gender line, however the panel capitalises it. */
const FEMALE = /^female$/i;
const MALE = /^male$/i;

/** The patient's name shown at the top of the context (the bold line above the items). */
const shownPatient = (context: Locator) => context.locator('strong').first();

test('OpenEMR tabs shell: the header’s patient and the dashboard iframe’s chart, merged into one context', async ({ ext, ehr, emulator }) => {
  const { panel, context } = await enableOn(ext, emulator.url, `${ehr.url}/openemr/main.html`, async (chart) => {
    // The chart lives in the "pat" tab iframe, a page of its own.
    await expect(chart.frameLocator('iframe[name="pat"]').locator('#allergy_ps_expand')).toContainText('Penicillin');
  });

  // From the shell's patient header: name, MRN (pubpid), DOB, age.
  await expect(shownPatient(context)).toHaveText('Evelyn Hartwell');
  await expect(context).toContainText('MRN OE-20417');
  await expect(context).toContainText(born('1958-06-21'));
  await expect(context.getByRole('checkbox', { name: 'Evelyn Hartwell', exact: true })).toBeChecked();
  await expect(context.getByRole('checkbox', { name: '68 years old', exact: true })).toBeChecked();
  // The age is the header's "Age: 68", not the dashboard's DOB: its line says where it came from.
  const ageLine = context.getByRole('listitem').filter({ has: panel.getByRole('checkbox', { name: '68 years old', exact: true }) });
  await expect(ageLine).toContainText(/from Age\b/);

  // From the dashboard iframe: allergies, problems, medications and the (collapsed) prescriptions card; sex from Demographics.
  await expect(context.getByRole('checkbox', { name: FEMALE })).toBeChecked();
  await expectChecked(context, [
    'Penicillin (Severe), reaction: Hives',
    'Sulfonamides (Moderate), reaction: Rash',
    'Latex, reaction: Contact dermatitis',
    'Essential hypertension',
    'Type 2 diabetes mellitus without complications',
    'Osteoarthritis of left knee',
    'Metformin 500 mg tablet — 1 tablet by mouth twice daily with meals',
    'Lisinopril 10 mg tablet — 1 tablet by mouth once daily',
    'Aspirin 81 mg',
    'Atorvastatin 20 mg — 1 in tablet h.s.',
    'Albuterol HFA 90 mcg/actuation — 2 in puff p.r.n.',
  ]);
  // Appointments and billing are not chart lines.
  await expect(context).not.toContainText('Established Patient');

  // What is sent is what is checked, across both frames.
  await context.getByRole('checkbox', { name: 'Aspirin 81 mg', exact: true }).uncheck();
  await context.getByRole('checkbox', { name: 'Latex, reaction: Contact dermatitis', exact: true }).uncheck();
  await generate(panel);
  await expect(panel.getByRole('status').last()).toHaveText(/Note ready/);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { context?: { patient_info?: unknown } };
  expect(sent.context?.patient_info).toEqual({
    name: 'Evelyn Hartwell',
    age: 68,
    gender: 'female',
    medications: [
      'Metformin 500 mg tablet — 1 tablet by mouth twice daily with meals',
      'Lisinopril 10 mg tablet — 1 tablet by mouth once daily',
      'Atorvastatin 20 mg — 1 in tablet h.s.',
      'Albuterol HFA 90 mcg/actuation — 2 in puff p.r.n.',
    ],
    allergies: ['Penicillin (Severe), reaction: Hives', 'Sulfonamides (Moderate), reaction: Rash'],
    medical_history: 'Essential hypertension; Type 2 diabetes mellitus without complications; Osteoarthritis of left knee',
  });
});

test('OpenMRS O3 patient chart: banner, allergies, conditions and active medications', async ({ ext, ehr, emulator }) => {
  const { context } = await enableOn(ext, emulator.url, `${ehr.url}/openmrs/patient-chart.html`);
  await expect(shownPatient(context)).toHaveText('Amara Okafor');
  await expect(context).toContainText('MRN 1007MXP');
  await expect(context).toContainText(born('1971-03-14'));
  await expectChecked(context, [
    'Amara Okafor',
    '55 years old',
    FEMALE,
    'Penicillins — Anaphylaxis, Hives (severe); Reaction in 2009 after amoxicillin',
    'Sulfonamides — Rash (mild)',
    'Peanuts',
    'Essential hypertension (onset 12 Jan 2019)',
    'Type 2 diabetes mellitus (onset 03 Jun 2016)',
    'Asthma',
    'Community-acquired pneumonia (inactive, onset 20 Feb 2024)',
    'Metformin — 500mg — tablet; DOSE 1 tablet — oral — twice daily — indefinite duration — take with meals; INDICATION Type 2 diabetes — QUANTITY 60 Tablet',
    'Amlodipine — 5mg — tablet; DOSE 1 tablet — oral — once daily — for 90 days — REFILLS 2',
  ]);
  // Past (inactive) medications and the prescriber tooltip are not offered as current medications.
  await expect(context.getByRole('checkbox', { name: /^Amoxicillin —/i })).toHaveCount(0);
  await expect(context.getByRole('group', { name: 'Medications' })).not.toContainText('Ngozi');
});

test('Medplum patient summary (the real @medplum/react components): header and summary sections', async ({ ext, ehr, emulator }) => {
  const built = path.resolve('test/fixtures/ehr/medplum/index.html');
  if (!existsSync(built)) throw new Error('No Medplum fixture page: run `npm run build:fixtures` first.');
  const { context } = await enableOn(ext, emulator.url, `${ehr.url}/medplum/index.html?view=summary`, async (chart) => {
    // The page renders from mock data after load; it flags when every section is on screen.
    await chart.locator('html[data-fixture-ready="true"]').waitFor();
  });
  await expect(shownPatient(context)).toHaveText('Homer Simpson');
  await expect(context).toContainText(born('1956-05-12'));
  await expectChecked(context, [
    'Homer Simpson',
    '70 years old',
    MALE,
    'Peanuts',
    'Penicillin G',
    'Type 2 diabetes mellitus (onset 2019-11-20)',
    'Essential hypertension (onset 2015-03-02)',
    'Metformin 500 mg oral tablet',
    'Lisinopril 10 mg oral tablet',
    'Immunization: Influenza vaccine (given 2024-10-01)',
    'Smoking status: Former smoker',
  ]);
  // Insurance, labs and vitals are not chart lines.
  await expect(context).not.toContainText('BP Sys');
});

test('generic app shell with the chart in a same-origin iframe: banner from the shell, lists from the frame', async ({ ext, ehr, emulator }) => {
  const { context } = await enableOn(ext, emulator.url, `${ehr.url}/generic-iframe.html`, async (chart) => {
    await expect(chart.frameLocator('#chart-frame').locator('#allergy-panel')).toContainText('Aspirin');
  });
  await expect(shownPatient(context)).toHaveText('Okafor, Lucia');
  await expect(context).toContainText('MRN HV-20931');
  await expectChecked(context, [
    'Okafor, Lucia',
    `${ageToday('1990-11-05')} years old`,
    FEMALE,
    'Albuterol HFA 90 mcg, 2 puffs every 4 hours as needed',
    'Fluticasone 110 mcg, 2 puffs twice daily',
    'Cetirizine 10 mg daily',
    'Aspirin — Bronchospasm, Severe',
    'Cat dander — Rhinitis, Mild',
    'Moderate persistent asthma',
    'Allergic rhinitis',
  ]);
});

test('a generic clinic page: what is on screen is offered, hidden decoys are not', async ({ ext, ehr, emulator }) => {
  const { context } = await enableOn(ext, emulator.url, `${ehr.url}/generic-clinic.html`);
  await expect(shownPatient(context)).toHaveText('Delphine Marsh');
  await expectChecked(context, ['Penicillin (hives)', 'Sulfa drugs (rash)', 'Atorvastatin 40 mg nightly', 'Hypothyroidism — Since 2012']);
  // The hidden list item, the hidden card, the display:none block, the aria-hidden problems, the
  // <template>, the page's script and Chartside's own overlay: none of it is offered.
  for (const decoy of ['Latex', 'Warfarin', 'Peanuts', 'Wrong Person', '999999', 'Atrial fibrillation', 'Template drug', 'Digoxin', 'Codeine', 'Script Person', 'Chartside overlay']) {
    await expect(context.getByRole('checkbox', { name: decoy }), decoy).toHaveCount(0);
    await expect(context, decoy).not.toContainText(decoy);
  }
});
