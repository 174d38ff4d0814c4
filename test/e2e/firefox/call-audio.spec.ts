import { expect, test } from './fixtures.ts';
import { openExtensionPage } from '../../support/firefox-extension.ts';

// Firefox gives extensions no tab capture: Include call audio is shown, unticked and disabled, with
// the reason and what to do instead, so no one records the microphone alone believing the call is in.
test('Include call audio is disabled with the reason and the workaround', async ({ ext }) => {
  const panel = await openExtensionPage(ext, 'sidepanel.html?tabId=1');
  const box = await panel.waitForSelector('::-p-aria(Include call audio[role="checkbox"])');
  const state = await box!.evaluate((el) => {
    const input = el as unknown as HTMLInputElement;
    const reason = document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    return { checked: input.checked, disabled: input.disabled, reason };
  });
  expect(state.checked).toBe(false);
  expect(state.disabled).toBe(true);
  expect(state.reason).toContain('Firefox does not let extensions record another tab’s sound');
  expect(state.reason).toContain('speakers');
  expect(state.reason).toContain('Chrome');
  // No tab is offered to record.
  expect(await panel.evaluate(() => document.querySelector('select#call-tab'))).toBeNull();
});
