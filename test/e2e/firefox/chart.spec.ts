import { expect, test } from './fixtures.ts';
import type { Page } from 'puppeteer-core';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { configureThroughOptions, generate, openExtensionPage, tabIdOf, textOfRole, waitFor } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// The chart reader in Firefox: the panel (opened bound to the chart's tab, as the pop-out window is)
// enables the fixture site and reads the sample chart. Firefox is driven with puppeteer-core over
// WebDriver BiDi inside Playwright's runner; locators are puppeteer's ARIA queries.

/** The region's text, once it contains every one of `texts` (or the last text seen, on timeout). */
async function waitForRegionText(panel: Page, texts: string[], timeout = 15_000): Promise<string> {
  try {
    await waitForInPage(panel, 
      (wanted: string[]) => {
        const text = document.querySelector('section[aria-label="Patient context"]')?.textContent ?? '';
        return wanted.every((w) => text.includes(w));
      },
      { timeout },
      texts,
    );
  } catch {
    /* reported by the caller's assertion, with what the region did show */
  }
  return panel.evaluate(() => document.querySelector('section[aria-label="Patient context"]')?.textContent ?? '');
}

/** Checkbox states in the Patient context region, by the text of their label. */
function checkboxes(panel: Page): Promise<Record<string, boolean>> {
  return panel.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('section[aria-label="Patient context"] label')).flatMap((label) => {
        const box = label.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
        return box ? [[label.textContent?.trim() ?? '', box.checked]] : [];
      }),
    ),
  );
}

test('enables the sample chart’s site from the panel and reads the chart', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);

  const chart = await ext.browser.newPage();
  const chartUrl = `${ehr.url}/sample-chart.html`;
  await chart.goto(chartUrl);
  const tabId = await tabIdOf(options, chartUrl);
  expect(tabId, 'the chart tab is visible to the extension').toEqual(expect.any(Number));

  const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
  const enable = await panel.waitForSelector('::-p-aria(Enable on this site[role="button"])', { timeout: 10_000 });
  await enable!.click();

  const text = await waitForRegionText(panel, ['Maria Alvarez', 'Lisinopril 10 mg daily']);
  const alert = await panel.evaluate(() => Array.from(document.querySelectorAll('[role="alert"]')).map((a) => a.textContent).join(' | '));
  expect(alert, 'no error is shown').toBe('');
  expect(text).toContain('Maria Alvarez');
  expect(text).toContain('Lisinopril 10 mg daily');
  const boxes = await checkboxes(panel);
  expect(boxes['Maria Alvarez']).toBe(true);
  expect(boxes['Lisinopril 10 mg daily']).toBe(true);
  expect(boxes['Penicillin (rash)']).toBe(true);
  // The button is gone once the site is enabled, and "Read chart" is offered instead.
  expect(await panel.$('::-p-aria(Enable on this site[role="button"])')).toBeNull();
  expect(await panel.$('::-p-aria(Read chart[role="button"])')).not.toBeNull();

  // The chart reader is now registered for the site (Firefox MV3's scripting.registerContentScripts):
  // a new page in the same tab is read by it, and the panel follows the navigation on its own.
  await chart.goto(`${ehr.url}/generic-clinic.html`);
  const next = await waitForRegionText(panel, ['Delphine Marsh', 'Atorvastatin 40 mg nightly']);
  expect(next).toContain('Delphine Marsh');
  expect(next).toContain('Atorvastatin 40 mg nightly');
  expect(next).not.toContain('Maria Alvarez');
  expect((await checkboxes(panel))['Penicillin (hives)']).toBe(true);
});

test('with a test key, the first chart read says once that test keys are not for real patients; nothing is blocked', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const chart = await ext.browser.newPage();
  const chartUrl = `${ehr.url}/sample-chart.html`;
  await chart.goto(chartUrl);
  const tabId = await tabIdOf(options, chartUrl);
  const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
  const noticeText = () => panel.evaluate(() => document.querySelector('section[aria-labelledby="test-key-heading"]')?.textContent ?? null);
  expect(await noticeText()).toBeNull();
  await (await panel.waitForSelector('::-p-aria(Enable on this site[role="button"])', { timeout: 10_000 }))!.click();
  await waitForRegionText(panel, ['Maria Alvarez']);
  await panel.waitForSelector('::-p-aria(You are using a test API key[role="heading"])', { timeout: 10_000 });
  expect(await noticeText()).toContain('live key');
  // Nothing is blocked: Generate note stays usable.
  expect(await panel.evaluate(() => Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Generate note')?.disabled)).toBe(false);

  // Once: the next panel on the chart does not say it again.
  await panel.close();
  const next = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
  await waitForRegionText(next, ['Maria Alvarez']);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await next.evaluate(() => document.querySelector('section[aria-labelledby="test-key-heading"]')?.textContent ?? null)).toBeNull();
});

test('portal messages go as patient or provider; one whose author the page does not name is shown unchecked with the reason and not sent', async ({ emulator, ehr, ext }) => {
  const options = await configureThroughOptions(ext, emulator.url, TEST_API_KEY);
  const page = await ext.browser.newPage();
  const url = `${ehr.url}/portal-authors.html`;
  await page.goto(url);
  const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${await tabIdOf(options, url)}`);
  await (await panel.waitForSelector('::-p-aria(Enable on this site[role="button"])', { timeout: 10_000 }))!.click();
  const text = await waitForRegionText(panel, ['Tobias Wren', 'My ankle is still swollen', 'Not sent: the page does not say whether the patient or the care team wrote it.']);
  expect(text).toContain('Not sent: the page does not say whether the patient or the care team wrote it.');
  const unclear = await panel.evaluate(() => {
    const label = Array.from(document.querySelectorAll('section[aria-label="Patient context"] label')).find((l) => l.textContent?.includes('Can someone call me back'));
    const box = label?.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
    return box && { checked: box.checked, disabled: box.disabled };
  });
  expect(unclear).toEqual({ checked: false, disabled: true });

  await generate(panel, 'Patient fell last week and the ankle is still swollen; no numbness. Exam shows mild swelling, full range of motion.');
  await waitFor('the note', async () => /Note ready/.test(await textOfRole(panel, 'status')), 30_000);
  const sent = emulator.requests.find((r) => r.path === '/v1/stream/note')?.body as { context: { chat_messages?: Array<{ role: string; content: string }> } };
  expect(sent.context.chat_messages?.map(({ role, content }) => ({ role, content }))).toEqual([
    { role: 'patient', content: 'My ankle is still swollen after the fall last week.' },
    { role: 'provider', content: 'Please keep it raised and come in tomorrow so we can look at it.' },
  ]);
});
