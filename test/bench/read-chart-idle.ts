/**
 * The panel's `Read chart` button once no read is under way. The button stays enabled while it
 * reads (a press joins the read under way: lib/panel/chart-store.ts) and says so with
 * `aria-busy="true"`; so waiting for it to be `:enabled` returns at once, before the read has
 * brought anything in. That is how the Sites-not-enabled benchmark once found "no items" under load.
 */
import type { Locator, Page } from '@playwright/test';

export function readChartIdle(panel: Page): Locator {
  return panel
    .getByRole('region', { name: 'Patient context' })
    .getByRole('button', { name: 'Read chart', exact: true })
    .and(panel.locator(':enabled:not([aria-busy="true"])'));
}
