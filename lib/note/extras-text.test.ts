import { describe, expect, it } from 'vitest';
import { DEFAULT_BILLING_DISCLAIMER } from '../api/schemas';
import {
  billingDisclaimerOf,
  codeGroupsOf,
  formatBillingCodesHtml,
  formatBillingCodesText,
  formatPatientSummaryHtml,
  hasBillingCodes,
  patientSummaryOf,
  summaryParagraphs,
} from './extras-text';

const CODES = {
  icd10: [{ code: 'J02.9', description: 'Acute pharyngitis, unspecified' }],
  cpt: [{ code: '99213', description: 'Office visit, established patient, low complexity' }],
};

describe('the billing disclaimer', () => {
  it('is the server’s text when it sent one', () => {
    expect(billingDisclaimerOf({ billing_codes: CODES, billing_codes_disclaimer: ' Check with your coder. ' })).toBe('Check with your coder.');
  });
  it('is the contract’s default when none, or only blanks, came', () => {
    expect(billingDisclaimerOf({ billing_codes: CODES })).toBe(DEFAULT_BILLING_DISCLAIMER);
    expect(billingDisclaimerOf({ billing_codes: CODES, billing_codes_disclaimer: '  ' })).toBe(DEFAULT_BILLING_DISCLAIMER);
  });
});

describe('code groups', () => {
  it('lists ICD-10 then CPT (then ICD-11 when sent), leaving out empty lists and blank codes', () => {
    expect(codeGroupsOf({ ...CODES, icd11: [] }).map((g) => g.system)).toEqual(['ICD-10', 'CPT']);
    expect(codeGroupsOf({ icd10: [{ code: ' ', description: 'x' }], cpt: CODES.cpt, icd11: [{ code: 'CA02', description: 'Pharyngitis' }] }).map((g) => g.system)).toEqual(['CPT', 'ICD-11']);
    expect(codeGroupsOf(undefined)).toEqual([]);
  });
  it('puts HCPCS codes after CPT and before ICD-11, and a visit with only HCPCS codes still has codes to show', () => {
    const hcpcs = [{ code: ' G0008 ', description: 'Administration of influenza virus vaccine' }];
    expect(codeGroupsOf({ ...CODES, hcpcs, icd11: [{ code: 'CA02', description: 'Pharyngitis' }] }).map((g) => g.system)).toEqual(['ICD-10', 'CPT', 'HCPCS', 'ICD-11']);
    expect(codeGroupsOf({ icd10: [], cpt: [], hcpcs })).toEqual([{ system: 'HCPCS', codes: [{ code: 'G0008', description: 'Administration of influenza virus vaccine' }] }]);
    expect(hasBillingCodes({ billing_codes: { icd10: [], cpt: [], hcpcs } })).toBe(true);
  });
  it('counts free-text codes as something to show', () => {
    expect(hasBillingCodes({})).toBe(false);
    expect(hasBillingCodes({ billing_codes: { icd10: [], cpt: [] } })).toBe(false);
    expect(hasBillingCodes({ billing_codes_text: 'J02.9 pharyngitis' })).toBe(true);
  });
});

describe('codes as text', () => {
  it('groups codes with descriptions and always ends with the disclaimer', () => {
    expect(formatBillingCodesText({ billing_codes: CODES })).toBe(
      `Billing codes\nICD-10:\nJ02.9 Acute pharyngitis, unspecified\nCPT:\n99213 Office visit, established patient, low complexity\n${DEFAULT_BILLING_DISCLAIMER}`,
    );
    expect(formatBillingCodesText({ billing_codes_text: 'J02.9 sore throat', billing_codes_disclaimer: 'Server says verify.' })).toBe('Billing codes\nJ02.9 sore throat\nServer says verify.');
    expect(formatBillingCodesText({})).toBe('');
  });
  it('copies and inserts HCPCS codes with the disclaimer, as text and HTML', () => {
    const extras = { billing_codes: { ...CODES, hcpcs: [{ code: 'J1885', description: 'Injection, ketorolac tromethamine, per 15 mg' }] } };
    expect(formatBillingCodesText(extras)).toBe(
      `Billing codes\nICD-10:\nJ02.9 Acute pharyngitis, unspecified\nCPT:\n99213 Office visit, established patient, low complexity\nHCPCS:\nJ1885 Injection, ketorolac tromethamine, per 15 mg\n${DEFAULT_BILLING_DISCLAIMER}`,
    );
    const html = formatBillingCodesHtml(extras);
    expect(html).toContain('<h3>HCPCS</h3><ul><li>J1885 Injection, ketorolac tromethamine, per 15 mg</li></ul>');
    expect(html).toMatch(new RegExp(`<em>${DEFAULT_BILLING_DISCLAIMER.replace(/\./g, '\\.')}</em></p>$`));
  });
  it('escapes everything from the server in HTML', () => {
    const html = formatBillingCodesHtml({ billing_codes: { icd10: [{ code: '<b>X</b>', description: '<img src=x onerror=alert(1)>' }], cpt: [] }, billing_codes_disclaimer: '<script>' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the patient summary', () => {
  it('is trimmed text in paragraphs, escaped in HTML', () => {
    const summary = patientSummaryOf({ patient_summary: '\r\nYou have a sore throat.\r\nRest.\r\n\r\n<b>Call</b> if worse. ' });
    expect(summary).toBe('You have a sore throat.\nRest.\n\n<b>Call</b> if worse.');
    expect(summaryParagraphs(summary)).toEqual([['You have a sore throat.', 'Rest.'], ['<b>Call</b> if worse.']]);
    expect(formatPatientSummaryHtml(summary)).toBe('<p>You have a sore throat.<br>Rest.</p><p>&lt;b&gt;Call&lt;/b&gt; if worse.</p>');
    expect(patientSummaryOf({})).toBe('');
  });
});
