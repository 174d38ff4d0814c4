/**
 * How sure we are that a page is a Medplum app's (see medplum.ts for the markup). Apart from the
 * adapter because the chart reader injected into every frame carries only this; the adapter itself
 * is loaded into a frame once this says it is Medplum's (lib/ehr/adapters/recognisers.ts).
 */
export function matchesMedplum(doc: Document, url: URL): number {
  if (!isMantine(doc)) return 0;
  if (doc.querySelector(MEDPLUM_SHELL)) return 90;
  if (doc.querySelector(MEDPLUM_PARTS)) return 60;
  // A Medplum-hosted app (app.medplum.com, provider.medplum.com) before it has shown a patient.
  if (/(^|\.)medplum\.com$/i.test(url.hostname)) return 40;
  return 0;
}

const MEDPLUM_SHELL = '[class*="PatientSummary_panel"], [class*="InfoBar_root"]';
const MEDPLUM_PARTS = '[class*="CollapsibleSection_root"], [class*="SummaryItem_item"], [data-testid="timeline-form"], [class*="Timeline_item"]';

function isMantine(doc: Document): boolean {
  return doc.documentElement.hasAttribute('data-mantine-color-scheme') || doc.querySelector('[class*="mantine-"]') !== null;
}
