import { DEFAULT_BILLING_DISCLAIMER, type BillingCodes } from '../api/schemas';
import { escapeHtml } from './clipboard';
import type { NoteExtras } from './note-state';

/**
 * The note's extras (billing codes, patient summary) as text for the panel, the clipboard and the
 * EHR's fields. Everything here came from the server: it is only ever text (escaped in HTML).
 */

export interface CodeGroup {
  /** How the code system is named to the clinician and in button names: `ICD-10`, `CPT`, `HCPCS`, `ICD-11`. */
  system: 'ICD-10' | 'CPT' | 'HCPCS' | 'ICD-11';
  codes: { code: string; description: string }[];
}

/** The disclaimer to show with the codes: the server's text, or the contract's default when none (or only blanks) came. */
export function billingDisclaimerOf(extras: NoteExtras): string {
  const sent = extras.billing_codes_disclaimer?.trim();
  return sent ? sent : DEFAULT_BILLING_DISCLAIMER;
}

/**
 * The code lists in the order a clinician reads them (diagnoses, then procedures, then the supplies and
 * drugs HCPCS names, then the advisory ICD-11 codes that are not for US billing), empty lists left out.
 */
export function codeGroupsOf(codes: BillingCodes | undefined): CodeGroup[] {
  if (!codes) return [];
  const groups: CodeGroup[] = [
    { system: 'ICD-10', codes: codes.icd10 },
    { system: 'CPT', codes: codes.cpt },
    { system: 'HCPCS', codes: codes.hcpcs ?? [] },
    { system: 'ICD-11', codes: codes.icd11 ?? [] },
  ];
  return groups
    .map((g) => ({ ...g, codes: g.codes.filter((c) => c.code.trim() !== '').map((c) => ({ code: c.code.trim(), description: (c.description ?? '').trim() })) }))
    .filter((g) => g.codes.length > 0);
}

/** True when there is anything to show in the Billing codes region. */
export function hasBillingCodes(extras: NoteExtras): boolean {
  return codeGroupsOf(extras.billing_codes).length > 0 || (extras.billing_codes_text ?? '').trim() !== '';
}

function codeLine(c: { code: string; description: string }): string {
  return c.description ? `${c.code} ${c.description}` : c.code;
}

/**
 * Every code with its description, grouped by system, then the disclaimer: what Copy all codes puts
 * on the clipboard and Insert codes puts into the chart. The disclaimer always travels with the codes.
 */
export function formatBillingCodesText(extras: NoteExtras): string {
  const parts: string[] = [];
  for (const group of codeGroupsOf(extras.billing_codes)) {
    parts.push(`${group.system}:\n${group.codes.map(codeLine).join('\n')}`);
  }
  const free = (extras.billing_codes_text ?? '').trim();
  if (parts.length === 0 && free) parts.push(free);
  if (parts.length === 0) return '';
  return `Billing codes\n${parts.join('\n')}\n${billingDisclaimerOf(extras)}`;
}

export function formatBillingCodesHtml(extras: NoteExtras): string {
  const groups = codeGroupsOf(extras.billing_codes);
  const free = (extras.billing_codes_text ?? '').trim();
  if (groups.length === 0 && !free) return '';
  const body =
    groups.length > 0
      ? groups.map((g) => `<h3>${escapeHtml(g.system)}</h3><ul>${g.codes.map((c) => `<li>${escapeHtml(codeLine(c))}</li>`).join('')}</ul>`).join('')
      : `<p>${free.split('\n').map(escapeHtml).join('<br>')}</p>`;
  return `<h2>Billing codes</h2>${body}<p><em>${escapeHtml(billingDisclaimerOf(extras))}</em></p>`;
}

/** The patient summary's text, trimmed, with line ends normalised; '' when there is none. */
export function patientSummaryOf(extras: NoteExtras): string {
  return (extras.patient_summary ?? '').replace(/\r\n?/g, '\n').trim();
}

/** The summary as paragraphs: a blank line starts a new one. */
export function summaryParagraphs(summary: string): string[][] {
  return summary
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.split('\n'))
    .filter((lines) => lines.some((l) => l.trim() !== ''));
}

export function formatPatientSummaryHtml(summary: string): string {
  return summaryParagraphs(summary)
    .map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('');
}
