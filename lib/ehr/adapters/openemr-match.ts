import { SOAP_SECTIONS } from '../../note/sections';

/**
 * How sure we are that a page is OpenEMR's (see openemr.ts for the markup). Apart from the adapter
 * because the chart reader injected into every frame carries only this; the adapter itself is
 * loaded into a frame once this says it is OpenEMR's (lib/ehr/adapters/recognisers.ts).
 */
export function matchesOpenemr(doc: Document, url: URL): number {
  const has = (selector: string): boolean => doc.querySelector(selector) !== null;
  const onInterface = url.pathname.toLowerCase().includes('/interface/') ? 10 : 0;
  let score = 0;
  // The tabs shell: the patient header next to the tab frames.
  if (has('#attendantData') && has('#framesDisplay,#mainFrames_div')) {
    score = 60 + (has('#attendantData a.ptName') ? 15 : 0) + (has('#tabs_div .tabControls') ? 10 : 0) + onInterface;
  }
  // The dashboard: its card ids.
  const cards = DASHBOARD_CARDS.filter((id) => doc.getElementById(id)).length;
  if (cards) score = Math.max(score, 50 + 8 * Math.min(cards - 1, 4) + (doc.body?.classList.contains('patient-demographic') ? 10 : 0) + onInterface);
  // The SOAP form, only as OpenEMR writes it (a plain S/O/A/P fieldset form is the generic reader's).
  if (soapForm(doc)) score = Math.max(score, 75 + onInterface);
  // Visit History.
  if (has('#encounters tr.encrow')) score = Math.max(score, 60 + (has('#encounters span.title') ? 10 : 0) + onInterface);
  return Math.min(score, 100);
}

/** Dashboard card bodies, most telling first; any one of them marks the dashboard. */
const DASHBOARD_CARDS = ['allergy', 'medical_problem', 'medication', 'prescriptions', 'demographics', 'billing', 'insurance', 'pnotes'].map((card) => `${card}_ps_expand`);

function soapForm(doc: Document): Element | null {
  const form = doc.querySelector('form[name="soap"]');
  if (!form || !SOAP_SECTIONS.every((s) => form.querySelector(`textarea[name="${s}"]`))) return null;
  const openemrMarked = /\/forms\/soap\/save\.php/i.test(form.getAttribute('action') ?? '') || form.querySelector('textarea[onkeyup*="isSoapEdit"]');
  return openemrMarked ? form : null;
}
