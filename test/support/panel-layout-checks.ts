import { expect } from '@playwright/test';
import type { PanelLayout } from './panel-layout-probe.ts';

/**
 * Issue 20's checks on what probePanelLayout measured, shared by both browsers' layout specs: every
 * main action on the page now is inside the window and uncovered (`wanted` must be among them), and
 * nothing is wider than the panel.
 */
export function expectActionsInView(placed: PanelLayout, state: string, wanted: readonly string[]): PanelLayout {
  expect(placed.actions.map((a) => a.name), `${state}: the main actions shown`).toEqual(expect.arrayContaining([...wanted]));
  for (const action of placed.actions) {
    expect(action.inView, `${state}: ${action.name} inside the window (${action.top}–${action.bottom} of ${placed.height})`).toBe(true);
    expect(action.uncovered, `${state}: ${action.name} not covered`).toBe(true);
  }
  expect(placed.overflowsSideways, `${state}: nothing wider than the panel`).toBe(false);
  return placed;
}

/** Once there is a note, its first section (Subjective) starts in the window and ends above the action bar. */
export function expectFirstSectionInView(placed: PanelLayout, state: string): void {
  expect(placed.firstSection, `${state}: the Subjective box is shown`).toBeDefined();
  const section = placed.firstSection!;
  expect(section.top, `${state}: Subjective starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(section.bottom, `${state}: Subjective ends above the action bar (${placed.actionBarTop})`).toBeLessThanOrEqual(placed.actionBarTop);
}
