import { useSignal } from '@preact/signals';
import { billingDisclaimerOf, codeGroupsOf, formatBillingCodesHtml, formatBillingCodesText } from '@/lib/note/extras-text';
import type { NoteExtras } from '@/lib/note/note-state';
import { escapeHtml } from '@/lib/note/clipboard';
import type { SoapSection } from '@/lib/note/sections';
import { CopyButton } from './CopyButton';
import { InsertExtra, type ExtraInsert } from './InsertExtra';

export interface BillingCodesProps {
  extras: NoteExtras;
  /** Insert into the EHR: absent where the panel has no tab to insert into. */
  insert?: ExtraInsert;
}

/**
 * The ICD-10, CPT and HCPCS codes the API suggested (and ICD-11 when asked for), each copyable, with the vendor's mandatory disclaimer
 * always inside the region (the server's text, or the contract's default). All text, never markup.
 */
export function BillingCodes({ extras, insert }: BillingCodesProps) {
  const groups = codeGroupsOf(extras.billing_codes);
  const free = (extras.billing_codes_text ?? '').trim();
  const target = useSignal<SoapSection>('assessment');
  return (
    <section class="stack" aria-labelledby="billing-heading" role="region">
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="billing-heading">Billing codes</h2>
        <CopyButton label="Copy all codes" content={() => ({ text: formatBillingCodesText(extras), html: formatBillingCodesHtml(extras) })} />
      </div>
      <p class="hint disclaimer" style={{ marginTop: 0 }}>
        {billingDisclaimerOf(extras)}
      </p>
      {groups.map((group) => (
        <div key={group.system}>
          <h3 style={{ fontSize: '0.9rem', margin: '0.2rem 0' }}>{group.system}</h3>
          <ul class="items">
            {group.codes.map((c) => (
              <li key={c.code} class="row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
                <span>
                  <strong>{c.code}</strong> {c.description}
                </span>
                <CopyButton label={`Copy ${group.system} ${c.code}`} content={() => ({ text: c.code, html: escapeHtml(c.code) })} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {groups.length === 0 && free && <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{free}</p>}
      {insert && <InsertExtra label="Insert codes" target={target} insert={insert} text={() => formatBillingCodesText(extras)} />}
    </section>
  );
}
