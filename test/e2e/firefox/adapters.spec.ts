import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { expect, test } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { configureThroughOptions, openExtensionPage, tabIdOf, type FirefoxExtension } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// The EHR adapters in Firefox. The chart reader every frame carries only recognises these EHRs; the
// adapter's own script is put into the frames where its EHR is seen, when the panel first reads them
// (lib/background/on-demand-adapters.ts). Each page here is read through that path.

/** Opens `url` in a tab, the panel bound to it, and presses Enable on this site. */
async function enableOn(ext: FirefoxExtension, emulatorUrl: string, url: string, ready?: (chart: Page) => Promise<void>): Promise<Page> {
  const options = await configureThroughOptions(ext, emulatorUrl, TEST_API_KEY);
  const chart = await ext.browser.newPage();
  await chart.goto(url);
  await ready?.(chart);
  const tabId = await tabIdOf(options, url);
  expect(tabId, 'the chart tab is visible to the extension').toEqual(expect.any(Number));
  const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
  const enable = await panel.waitForSelector('::-p-aria(Enable on this site[role="button"])', { timeout: 10_000 });
  await enable!.click();
  return panel;
}

/** The Patient context region's checkbox lines (label text → checked), once every one of `texts` is shown. */
async function contextLines(panel: Page, texts: string[]): Promise<Record<string, boolean>> {
  await waitForInPage(panel, 
      (wanted: string[]) => {
        const labels = Array.from(document.querySelectorAll('section[aria-label="Patient context"] label')).map((l) => l.textContent?.trim());
        return wanted.every((w) => labels.includes(w));
      },
      { timeout: 20_000 },
      texts,
    )
    .catch(() => undefined); // the assertion below shows what was there
  return panel.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('section[aria-label="Patient context"] label')).flatMap((label) => {
        const box = label.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
        return box ? [[label.textContent?.trim() ?? '', box.checked]] : [];
      }),
    ),
  );
}

const allChecked = (texts: string[]) => Object.fromEntries(texts.map((t) => [t, true]));

test('OpenEMR tabs shell: the header’s patient and the dashboard iframe’s chart, each frame read by the OpenEMR adapter', async ({ ext, ehr, emulator }) => {
  const panel = await enableOn(ext, emulator.url, `${ehr.url}/openemr/main.html`, async (chart) => {
    // A boolean, not the element: a node of the iframe's document does not come back from the top frame's realm over BiDi.
    await waitForInPage(chart, () => Boolean((document.querySelector('iframe[name="pat"]') as HTMLIFrameElement | null)?.contentDocument?.querySelector('#allergy_ps_expand')));
  });
  const wanted = ['Evelyn Hartwell', '68 years old', 'Penicillin (Severe), reaction: Hives', 'Essential hypertension', 'Lisinopril 10 mg tablet — 1 tablet by mouth once daily'];
  expect(await contextLines(panel, wanted)).toMatchObject(allChecked(wanted));
  const region = await panel.evaluate(() => document.querySelector('section[aria-label="Patient context"]')?.textContent ?? '');
  expect(region).toContain('MRN OE-20417');
});

test('OpenMRS O3 patient chart: banner, allergies, conditions and medications', async ({ ext, ehr, emulator }) => {
  const panel = await enableOn(ext, emulator.url, `${ehr.url}/openmrs/patient-chart.html`);
  const wanted = ['Amara Okafor', '55 years old', 'Sulfonamides — Rash (mild)', 'Asthma', 'Amlodipine — 5mg — tablet; DOSE 1 tablet — oral — once daily — for 90 days — REFILLS 2'];
  expect(await contextLines(panel, wanted)).toMatchObject(allChecked(wanted));
});

test('Medplum patient summary (the real @medplum/react components)', async ({ ext, ehr, emulator }) => {
  if (!existsSync(path.resolve('test/fixtures/ehr/medplum/index.html'))) throw new Error('No Medplum fixture page: run `npm run build:fixtures` first.');
  const panel = await enableOn(ext, emulator.url, `${ehr.url}/medplum/index.html?view=summary`, async (chart) => {
    await chart.waitForSelector('html[data-fixture-ready="true"]', { timeout: 20_000 });
  });
  const wanted = ['Homer Simpson', '70 years old', 'Penicillin G', 'Metformin 500 mg oral tablet', 'Smoking status: Former smoker'];
  expect(await contextLines(panel, wanted)).toMatchObject(allChecked(wanted));
});
