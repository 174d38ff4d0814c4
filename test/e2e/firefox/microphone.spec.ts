import { expect, test } from './fixtures.ts';
import { openExtensionPage, textOfRole } from '../../support/firefox-extension.ts';

// The microphone page in Firefox, with Firefox's fake microphone and no permission prompt: it is
// granted access at once, says so, and lists the microphone it found.
test.use({ firefoxPrefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } });

test('the microphone page is granted access and lists a microphone', async ({ ext }) => {
  // Ready once the request has settled, one way or the other.
  const page = await openExtensionPage(ext, 'microphone.html');
  expect(await textOfRole(page, 'status')).toBe('Done: Chartside may use the microphone.');
  expect(await page.evaluate(() => document.body.textContent ?? '')).toContain('Go back to the Chartside panel and press Start recording.');
  // The list under the "Microphones found" heading (its section is labelled by that heading).
  const microphones = await page.evaluate(() =>
    Array.from(document.querySelectorAll('section[aria-labelledby="microphones-heading"] li')).map((li) => li.textContent?.trim() ?? ''),
  );
  expect(await page.evaluate(() => document.getElementById('microphones-heading')?.textContent)).toBe('Microphones found');
  expect(microphones.length).toBeGreaterThan(0);
  expect(microphones[0]).not.toBe('');
  expect(await textOfRole(page, 'alert')).toBe('');
});
