import { configureThroughOptions, extensionUrl, tabIdOf } from '../../support/chromium-extension';
import { expect, test } from './fixtures';

// Pop out: the panel opened without ?tabId (as the browser's side panel is) works on the active tab
// of its window and offers Pop out, which opens `sidepanel.html?tabId=<that tab>` in a popup window
// that stays on that chart whichever tab is active afterwards.
//
// Playwright cannot open Chromium's real side panel, so the unpinned panel is the same page opened
// as a background tab in the chart's window (not made active): `tabs.query({ active: true,
// currentWindow: true })` in it then answers the chart's tab, as it does for the side panel.

test('Pop out opens the panel bound to the chart in a popup window, which keeps reading that chart after another tab becomes active', async ({ ext, emulator, ehr }) => {
  await configureThroughOptions(ext, emulator.url);
  const chart = await ext.context.newPage();
  await chart.goto(`${ehr.url}/sample-chart.html`);
  await chart.bringToFront();
  const chartTab = await tabIdOf(ext, chart.url());

  const opened = ext.context.waitForEvent('page');
  const { windowId, active } = await ext.background.evaluate(async ([url, tabId]) => {
    const tab = await chrome.tabs.get(tabId);
    await chrome.tabs.create({ url, windowId: tab.windowId, active: false });
    const [activeTab] = await chrome.tabs.query({ active: true, windowId: tab.windowId });
    return { windowId: tab.windowId, active: activeTab?.id };
  }, [extensionUrl(ext, 'sidepanel.html'), chartTab] as const);
  expect(active).toBe(chartTab);
  const unpinned = await opened;
  await unpinned.locator('html[data-ready="true"]').waitFor();
  expect(new URL(unpinned.url()).search).toBe('');
  // Bound to the chart: it offers to enable the chart's site and then reads Maria Alvarez from it.
  const context = unpinned.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context).toContainText('Maria Alvarez');

  const popup = ext.context.waitForEvent('page');
  await unpinned.getByRole('button', { name: 'Pop out', exact: true }).click();
  const popped = await popup;
  await popped.locator('html[data-ready="true"]').waitFor();
  expect(popped.url()).toBe(extensionUrl(ext, `sidepanel.html?tabId=${chartTab}`));
  // A window of its own, of the popup kind.
  // runtime.getContexts, not tabs.query({ url }): without the tabs permission Chromium 150 no longer
  // shows an extension the URLs of its own pages' tabs.
  const poppedWindow = await ext.background.evaluate(async (url) => {
    const [page] = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.TAB], documentUrls: [url] });
    const win = page ? await chrome.windows.get(page.windowId) : undefined;
    return { id: win?.id, type: win?.type };
  }, popped.url());
  expect(poppedWindow.type).toBe('popup');
  expect(poppedWindow.id).not.toBe(windowId);
  // Pinned: no Pop out of its own.
  await expect(popped.getByRole('button', { name: 'Pop out', exact: true })).toHaveCount(0);

  // Another tab becomes the active one; the popped-out panel still reads the chart.
  const other = await ext.context.newPage();
  await other.goto(`${ehr.url}/no-chart.html`);
  await other.bringToFront();
  await expect.poll(() => ext.background.evaluate(async (id) => (await chrome.tabs.query({ active: true, windowId: id }))[0]?.url, windowId)).toContain('no-chart.html');
  // The chart changes patient now, so what Read chart shows can only have come from it.
  await chart.evaluate(() => {
    const banner = Array.from(document.querySelectorAll('strong')).find((s) => s.textContent === 'Patient: Maria Alvarez');
    if (!banner) throw new Error('no patient banner');
    banner.textContent = 'Patient: Rosa Delgado';
  });
  const poppedContext = popped.getByRole('region', { name: 'Patient context' });
  await poppedContext.getByRole('button', { name: 'Read chart', exact: true }).click();
  await expect(poppedContext).toContainText('Rosa Delgado');
  await expect(popped.getByRole('alert')).toHaveCount(0);
});
