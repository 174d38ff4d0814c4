import { useSignal } from '@preact/signals';
import { formatPatientSummaryHtml, summaryParagraphs } from '@/lib/note/extras-text';
import type { SoapSection } from '@/lib/note/sections';
import { CopyButton } from './CopyButton';
import { InsertExtra, type ExtraInsert } from './InsertExtra';

export interface PatientSummaryProps {
  summary: string;
  /** Opens a clean printable page of the summary (a hand-out for the patient). */
  onPrint?: () => Promise<void>;
  insert?: ExtraInsert;
}

/** The plain-language summary for the patient, in readable type: copy, print, insert. Text only. */
export function PatientSummary({ summary, onPrint, insert }: PatientSummaryProps) {
  const target = useSignal<SoapSection>('plan');
  const printFailed = useSignal(false);
  return (
    <section class="stack" aria-labelledby="summary-heading" role="region">
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="summary-heading">Patient summary</h2>
        <div class="row">
          <CopyButton label="Copy summary" content={() => ({ text: summary, html: formatPatientSummaryHtml(summary) })} />
          {onPrint && (
            <button
              type="button"
              onClick={() => {
                printFailed.value = false;
                onPrint().catch(() => (printFailed.value = true));
              }}
            >
              Print summary
            </button>
          )}
        </div>
      </div>
      <div class="patient-summary" style={{ fontSize: '1.05rem', lineHeight: 1.6 }}>
        {summaryParagraphs(summary).map((lines, i) => (
          <p key={i} style={{ margin: '0 0 0.6rem' }}>
            {lines.map((line, j) => (
              <>
                {j > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ))}
      </div>
      {printFailed.value && <p role="alert">The print page could not be opened. Copy the summary and print it from another program.</p>}
      {insert && <InsertExtra label="Insert summary" target={target} insert={insert} text={() => summary} />}
    </section>
  );
}
