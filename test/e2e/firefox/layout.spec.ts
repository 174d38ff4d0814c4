import type { ElementHandle, Page } from 'puppeteer-core';
import { agreeToRecording, expect, test, TRANSCRIPT } from './fixtures.ts';
import { TEST_API_KEY } from '../../support/chromium-extension.ts';
import {
  click,
  configureThroughOptions,
  generate,
  openExtensionPage,
  tabIdOf,
  textOfRole,
  waitFor,
  type FirefoxExtension,
} from '../../support/firefox-extension.ts';
import { openNoteOptions, reviewPatientContext, showTranscript } from '../../support/firefox-panel-areas.ts';
import { MAIN_ACTIONS, probePanelLayout, type PanelLayout } from '../../support/panel-layout-probe.ts';
import { expectActionsInView as expectPlaced, expectFirstSectionInView } from '../../support/panel-layout-checks.ts';
import { setFirefoxViewport } from '../../support/firefox-viewport.ts';

/**
 * Issue 20 in Firefox ESR, as chromium/layout.spec.ts is in Chromium: in a panel of 400 × 800 px, in
 * every state, each main action shown is inside the window and not covered, nothing is wider than the
 * panel, the note's first section is above the action bar once there is a note, and a typed visit
 * takes three presses with nothing scrolled. The panel page is bound to the chart's tab (as the
 * pop-out window is) and sized with BiDi's browsingContext.setViewport.
 */

const layout = (panel: Page): Promise<PanelLayout> => panel.evaluate(probePanelLayout, [...MAIN_ACTIONS]);
const statusText = (panel: Page) => textOfRole(panel, 'status');

/** Opens the panel bound to the tab showing `url`, at `width` × 800, and checks the window is that size. */
async function openPanelAt(ext: FirefoxExtension, url: string, width = 400): Promise<Page> {
  const settings = await openExtensionPage(ext, 'options.html');
  const tabId = await tabIdOf(settings, url);
  await settings.close();
  const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
  await setFirefoxViewport(panel, { width, height: 800 });
  const size = await panel.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  expect(size, 'the panel window is the size asked for').toEqual({ width, height: 800 });
  return panel;
}

async function openChart(ext: FirefoxExtension, url: string): Promise<Page> {
  const chart = await ext.browser.newPage();
  await chart.goto(url);
  return chart;
}

/** Every main action on the page now is in view and uncovered; `wanted` must be among them. */
async function expectActionsInView(panel: Page, state: string, wanted: readonly string[]): Promise<PanelLayout> {
  return expectPlaced(await layout(panel), state, wanted);
}

/** The main action `name` as the probe places it now (fails when it is not shown). */
async function placedAction(panel: Page, name: string): Promise<PanelLayout['actions'][number]> {
  const found = (await layout(panel)).actions.find((a) => a.name === name);
  expect(found, `${name} is shown`).toBeDefined();
  return found!;
}

const patientContextText = (panel: Page) => panel.evaluate(() => document.querySelector('section[aria-label="Patient context"]')?.textContent ?? '');

/** Enables the site from the panel and waits for the chart's count of what will be sent. */
async function enableSite(panel: Page): Promise<void> {
  await click(panel, 'Enable on this site');
  await waitFor('the chart read', async () => (await patientContextText(panel)).includes('8 items will be sent'));
}

const noteReady = (panel: Page) => waitFor('the note', async () => (await statusText(panel)).includes('Note ready'), 30_000);

test('in every state the main actions are in view at 400 × 800, and the note is the view once it exists', async ({ ext, ehr, emulator }) => {
  // No key yet: the panel opened before anything was set up.
  const url = `${ehr.url}/sample-chart.html`;
  const chart = await openChart(ext, url);
  let panel = await openPanelAt(ext, url);
  await expectActionsInView(panel, 'no key yet', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);

  // Site not enabled.
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
  await panel.close();
  panel = await openPanelAt(ext, url);
  await panel.waitForSelector('::-p-aria(Enable on this site[role="button"])', { timeout: 15_000 });
  await expectActionsInView(panel, 'site not enabled', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);

  // Chart read: the patient in one line at the top, the list folded to its count.
  await enableSite(panel);
  expect(await panel.evaluate(() => document.querySelector('section[aria-label="Patient context"] .patient-line')?.textContent ?? '')).toMatch(/Maria Alvarez\s*·?\s*55 y/);
  const listShown = await panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('section[aria-label="Patient context"] input[type="checkbox"]')).some((b) => b.getClientRects().length > 0),
  );
  expect(listShown, 'the checkbox list is folded').toBe(false);
  const read = await expectActionsInView(panel, 'chart read', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);
  expect(read.firstSection, 'no note yet: the note is a line').toBeUndefined();
  const transcriptBox = await panel.evaluate(() => {
    const r = document.querySelector('textarea#transcript')!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: innerHeight };
  });
  expect(transcriptBox.top >= 0 && transcriptBox.top < transcriptBox.height, 'the transcript is in view').toBe(true);

  // Generating: the sections fill in where the clinician is looking; Stop is in the bar.
  emulator.setFaults({ chunkSize: 6, chunkDelayMs: 120 });
  await generate(panel, TRANSCRIPT);
  await waitFor('Subjective streaming', () =>
    panel.evaluate(() => (document.querySelector('textarea[aria-label="Subjective"]') as HTMLTextAreaElement | null)?.value !== ''),
  );
  const generating = await expectActionsInView(panel, 'generating', ['Generate note', 'Stop', 'Insert all', 'Copy note']);
  expectFirstSectionInView(generating, 'generating');
  // The transcript is one line with its length now (still the Transcript box), one press from the whole box.
  const transcriptLine = await panel.evaluate(() => ({
    height: (document.querySelector('textarea#transcript') as HTMLElement).getBoundingClientRect().height,
    line: document.querySelector('.transcript .disclosure-line')?.textContent ?? '',
    expanded: document.querySelector('button[aria-controls="transcript"]')?.getAttribute('aria-expanded'),
  }));
  expect(transcriptLine.height, 'generating: the transcript shrinks to a line').toBeLessThan(45);
  expect(transcriptLine.line).toContain(`${TRANSCRIPT.trim().length.toLocaleString('en-US')} characters`);
  expect(transcriptLine.expanded).toBe('false');

  // Note ready: the safety summary right above Insert all, nothing scrolled.
  await noteReady(panel);
  const ready = await expectActionsInView(panel, 'note ready', ['Start recording', 'Generate note', 'Insert all', 'Copy note']);
  expectFirstSectionInView(ready, 'note ready');
  expect(ready.scrollTop, 'nothing scrolled').toBe(0);
  const summary = await panel.evaluate(() => {
    const p = Array.from(document.querySelectorAll('[role="region"][aria-label="Actions"] p')).find((e) => e.textContent?.startsWith('Safety checks: '));
    return p && p.getClientRects().length > 0 ? p.getBoundingClientRect().top : undefined;
  });
  expect(summary, 'the safety summary is shown').toBeDefined();
  expect(summary!, 'the safety summary is above Insert all').toBeLessThan((await placedAction(panel, 'Insert all')).top);

  // Inserted: Undo insert joins the bar, the report is above it.
  await click(panel, 'Insert all');
  await waitFor('the insert report', async () => /Subjective: inserted/.test(await statusText(panel)));
  expect(await chart.evaluate(() => (document.querySelector('textarea[name="subjective"]') as HTMLTextAreaElement).value)).not.toBe('');
  expectFirstSectionInView(await expectActionsInView(panel, 'inserted', ['Generate note', 'Insert all', 'Copy note', 'Undo insert']), 'inserted');

  // Error: the alert is in the bar's messages, in view above Generate note.
  emulator.setFaults({ status: 503 });
  await generate(panel, TRANSCRIPT);
  await waitFor('the alert', async () => (await textOfRole(panel, 'alert')) !== '', 30_000);
  const alert = await panel.evaluate(() => {
    const r = document.querySelector('[role="alert"]')!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
  const errored = await expectActionsInView(panel, 'error', ['Generate note', 'Insert all', 'Copy note']);
  expect(alert.top, 'error: the alert starts inside the window').toBeGreaterThanOrEqual(0);
  expect(alert.bottom, 'error: the alert is above Generate note').toBeLessThanOrEqual(errored.actions.find((a) => a.name === 'Generate note')!.top);
});

test('a typed visit takes three presses from opening to an inserted note, nothing scrolled', async ({ ext, ehr, emulator }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
  const url = `${ehr.url}/sample-chart.html`;
  const chart = await openChart(ext, url);
  const panel = await openPanelAt(ext, url);
  await enableSite(panel);

  const inViewBeforePress = async (what: string, probe: () => Promise<{ top: number; bottom: number }>) => {
    const box = await probe();
    expect(box.top >= 0 && box.bottom <= 800, `${what} is in view before it is pressed (${box.top}–${box.bottom})`).toBe(true);
  };
  const transcript = (await panel.waitForSelector('textarea#transcript')) as ElementHandle<HTMLTextAreaElement>;
  await inViewBeforePress('Transcript', () => transcript.evaluate((t) => t.getBoundingClientRect().toJSON() as { top: number; bottom: number }));
  await transcript.type(TRANSCRIPT); // 1: type
  await inViewBeforePress('Generate note', () => placedAction(panel, 'Generate note'));
  await click(panel, 'Generate note'); // 2
  await noteReady(panel);
  await inViewBeforePress('Insert all', () => placedAction(panel, 'Insert all'));
  await click(panel, 'Insert all'); // 3
  await waitFor('the note in the chart', () =>
    chart.evaluate(() => /sore throat/.test((document.querySelector('textarea[name="subjective"]') as HTMLTextAreaElement).value)),
  );
  expect((await layout(panel)).scrollTop, 'the panel was never scrolled').toBe(0);
});

for (const width of [320, 500]) {
  test(`at ${width} px wide the bar, the patient line and the note fit without sideways scrolling`, async ({ ext, ehr, emulator }) => {
    await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
    const url = `${ehr.url}/sample-chart.html`;
    await openChart(ext, url);
    const panel = await openPanelAt(ext, url, width);
    await enableSite(panel);
    await generate(panel, TRANSCRIPT);
    await noteReady(panel);
    const placed = await expectActionsInView(panel, `${width} px, note ready`, ['Start recording', 'Generate note', 'Insert all', 'Copy note']);
    expectFirstSectionInView(placed, `${width} px, note ready`);
  });
}

test.describe('a recorded visit', () => {
  // Firefox's fake microphone: enough for a recording the emulator turns into a note.
  test.use({ firefoxPrefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } });

  test('recording keeps the bar and the timer in view; the recorded note comes back above the bar', async ({ ext, ehr, emulator }) => {
    await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
    const url = `${ehr.url}/sample-chart.html`;
    await openChart(ext, url);
    const panel = await openPanelAt(ext, url);
    await enableSite(panel);

    const start = await placedAction(panel, 'Start recording');
    expect(start.inView && start.uncovered, 'Start recording is in view before it is pressed').toBe(true);
    await agreeToRecording(panel); // 1: asked before every recording; in view, so ticking it scrolls nothing (checked below)
    await click(panel, 'Start recording'); // 2
    await panel.waitForSelector('::-p-aria(Pause recording[role="button"])');
    await waitFor('six seconds recorded', async () =>
      /0:0[6-9]|0:[1-5]\d/.test(await panel.evaluate(() => document.querySelector('[role="timer"]')?.textContent ?? '')), 20_000);
    await expectActionsInView(panel, 'recording', ['Pause recording', 'Stop recording', 'Generate note', 'Insert all', 'Copy note']);
    const timer = await panel.evaluate(() => {
      const r = document.querySelector('[role="timer"]')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    expect(timer.top >= 0 && timer.bottom <= 800, 'recording: the timer is in view').toBe(true);

    await click(panel, 'Stop recording'); // 3: the recording goes to the API and the note comes back on its own
    await waitFor('the recorded note', async () => (await statusText(panel)).includes('Note ready'), 60_000);
    expectFirstSectionInView(await expectActionsInView(panel, 'recorded note ready', ['Insert all']), 'recorded note ready');
    expect((await layout(panel)).scrollTop, 'the panel was never scrolled').toBe(0);
  });
});

test('the folded areas open with one press each: Review, Note options (still open on the next visit) and Show transcript', async ({ ext, ehr, emulator }) => {
  await (await configureThroughOptions(ext, emulator.url, TEST_API_KEY)).close();
  const url = `${ehr.url}/sample-chart.html`;
  await openChart(ext, url);
  let panel = await openPanelAt(ext, url);
  await enableSite(panel);

  await reviewPatientContext(panel);
  const allergy = (await panel.evaluateHandle(() =>
    Array.from(document.querySelectorAll('section[aria-label="Patient context"] label'))
      .find((l) => l.textContent?.trim() === 'Penicillin (rash)')
      ?.querySelector('input[type="checkbox"]'),
  )).asElement() as ElementHandle<HTMLInputElement> | null;
  expect(allergy, 'Review shows the allergy’s checkbox').not.toBeNull();
  await allergy!.click();
  await waitFor('the count without the allergy', async () => (await patientContextText(panel)).includes('7 items will be sent'));

  await openNoteOptions(panel);
  expect(await panel.$('::-p-aria(Specialty[role="combobox"])'), 'Note options shows Specialty').not.toBeNull();

  await generate(panel, TRANSCRIPT);
  await noteReady(panel);
  const transcriptShown = () => panel.evaluate(() => (document.querySelector('textarea#transcript') as HTMLElement).getBoundingClientRect().height > 100);
  expect(await transcriptShown(), 'the transcript is a line once the note is ready').toBe(false);
  await showTranscript(panel);
  await waitFor('the transcript box', transcriptShown);
  expect(await panel.evaluate(() => (document.querySelector('textarea#transcript') as HTMLTextAreaElement).value)).toBe(TRANSCRIPT);

  await panel.close();
  panel = await openPanelAt(ext, url);
  await waitFor('Note options as it was left', () =>
    panel.evaluate(() => Array.from(document.querySelectorAll('button[aria-expanded]')).some((b) => b.textContent?.trim() === 'Note options' && b.getAttribute('aria-expanded') === 'true')),
  );
});
