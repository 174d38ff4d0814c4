import type { InsertStore } from '@/lib/panel/insert-store';
import type { PanelStore } from '@/lib/panel/panel-store';
import { hasBillingCodes, patientSummaryOf } from '@/lib/note/extras-text';
import { BillingCodes } from './BillingCodes';
import { PatientSummary } from './PatientSummary';

/** What came with the note beyond S/O/A/P: the billing codes and the patient summary, when asked for and sent. */
export function NoteExtras({ store, inserting, onPrintSummary }: { store: PanelStore; inserting?: InsertStore; onPrintSummary?: (summary: string) => Promise<void> }) {
  const extras = store.note.value.extras;
  const summary = patientSummaryOf(extras);
  const insert = inserting && {
    busy: inserting.busy.value,
    disabled: store.locked.value,
    into: (section: Parameters<InsertStore['insertText']>[0], text: string) => void inserting.insertText(section, text),
  };
  return (
    <>
      {hasBillingCodes(extras) && <BillingCodes extras={extras} insert={insert} />}
      {summary && <PatientSummary summary={summary} onPrint={onPrintSummary && (() => onPrintSummary(summary))} insert={insert} />}
    </>
  );
}
