import { expect, test } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import { openExtensionPage } from '../../support/firefox-extension.ts';
import { waitForInPage } from '../../support/page-wait.ts';

// Firefox is driven with puppeteer-core over WebDriver BiDi, inside Playwright's runner so that one
// command runs every suite. Locators here are puppeteer's ARIA queries: role and accessible name.

const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. Temperature 38.1 C, pharynx erythematous. ' +
  'Likely viral pharyngitis. Plan: rest, fluids, ibuprofen as needed.';

test('installs, saves settings, and streams a note into the panel', async ({ emulator, ext }) => {
  const options = await openExtensionPage(ext, 'options.html');
  await (await options.waitForSelector('::-p-aria(API key)'))!.type(TEST_API_KEY);
  const baseUrl = (await options.waitForSelector('::-p-aria(API base URL)'))!;
  await baseUrl.click({ count: 3 });
  await baseUrl.type(emulator.url);
  await (await options.waitForSelector('::-p-aria(Save[role="button"])'))!.click();
  await waitForInPage(options, () => document.querySelector('[role="status"]')?.textContent?.includes('Saved.'));
  await options.close();

  const panel = await openExtensionPage(ext, 'sidepanel.html?tabId=1');
  await (await panel.waitForSelector('::-p-aria(Transcript)'))!.type(TRANSCRIPT);
  await (await panel.waitForSelector('::-p-aria(Generate note[role="button"])'))!.click();
  await waitForInPage(panel, () => document.querySelector('[role="status"]')?.textContent?.startsWith('Note ready'), { timeout: 20_000 });

  const sections = await panel.evaluate(() =>
    ['Subjective', 'Objective', 'Assessment', 'Plan'].map(
      (name) => (document.querySelector(`textarea[aria-label="${name}"]`) as HTMLTextAreaElement | null)?.value ?? '',
    ),
  );
  expect(sections[0]).toMatch(/^\[Chartside API emulator\]/);
  expect(sections[3]).toMatch(/fluids/);
  expect(emulator.requests.some((r) => r.path === '/v1/stream/note')).toBe(true);
});
