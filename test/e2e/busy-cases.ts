/**
 * What chromium/busy.spec.ts and firefox/busy.spec.ts share: the two patients' fixture pages, the
 * bounds the product promises on a busy computer, and a watch for a patient's name in the panel.
 * The browsers are driven differently (Playwright for Chromium, puppeteer over WebDriver BiDi for
 * Firefox), so each spec writes its own steps with these.
 */
import { readFileSync } from 'node:fs';
import { test } from '@playwright/test';
import type { CpuLoad } from './cpu-load.ts';

/** Patient A: the sample chart (also the page with SOAP fields to insert into). */
export const PATIENT_A = { page: 'sample-chart.html', name: 'Maria Alvarez', medication: 'Lisinopril 10 mg daily' } as const;
/** Patient B: another chart on the same fixture site (so already enabled once A's site is). */
export const PATIENT_B = { page: 'generic-clinic.html', name: 'Delphine Marsh', medication: 'Atorvastatin 40 mg nightly' } as const;

/**
 * The panel shows the patient context within this on a busy computer (a read ends by 11 s in the
 * background, lib/background/chart-reading.ts; the rest is the panel opening). Tests assert it
 * themselves, with driver timeouts well past it so a miss is reported as the bound it broke.
 */
export const CONTEXT_BOUND_MS = 15_000;
/** A driver's wait: past every product bound, so the product's own bound is what fails. */
export const DRIVER_PATIENCE_MS = 40_000;
/** Each test's load window (the fixture caps every window at 60 s). */
export const LOAD_SECONDS = 45;
/** Playwright's timeout for one busy test: the browser starts under no load, then a load window. */
export const BUSY_TEST_TIMEOUT_MS = 150_000;

/**
 * Source of a function run in the panel before its own scripts (an init script): it records, for
 * the page's whole life, whether `name` ever appeared in the document, even for one frame. The
 * result is read from `window.__chartsideSawName`.
 */
export function watchForNameScript(name: string): string {
  return `(() => {
    const name = ${JSON.stringify(name)};
    window.__chartsideSawName = false;
    const look = () => {
      if (!window.__chartsideSawName && (document.documentElement?.textContent ?? '').includes(name)) window.__chartsideSawName = true;
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
    look();
  })();`;
}

/**
 * Runs `step` and returns how long it took, in ms. The time is noted in the test's report (with the
 * machine's load average) so a run shows its margins, and the test fails if `load` was no longer
 * running by the end: a step that only passed on an idle machine must not count as passing busy.
 */
export async function measuredUnderLoad(label: string, load: CpuLoad, step: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await step();
  const ms = Date.now() - started;
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  test.info().annotations.push({ type: 'measured', description: `${label}: ${(ms / 1000).toFixed(1)} s (${load.kind} load, load average ${loadAverage})` });
  if (!load.isRunning()) throw new Error(`the CPU load had ended before "${label}" finished: the step was not measured under load`);
  return ms;
}
