import { describePatient } from '@/lib/ehr/same-patient';
import type { FieldReportInfo } from '@/lib/messaging/request-background';
import { FIELD_REPORT_WORDS } from '@/lib/panel/field-report-words';
import type { InsertStore } from '@/lib/panel/insert-store';
import { SECTION_LABELS } from '@/lib/note/sections';

const WORDS: Record<FieldReportInfo['status'], string> = FIELD_REPORT_WORDS;

const targetName = (target: FieldReportInfo['target']) => (target === 'note' ? 'Note field' : SECTION_LABELS[target]);

/** What the last insert (or undo) did, field by field, and every refusal in plain words. */
export function InsertResult({ store, onCopy }: { store: InsertStore; onCopy(): void }) {
  const outcome = store.outcome.value;
  const undone = store.undone.value;
  const error = store.error.value;
  if (error) {
    return (
      <div role="alert" class="alert">
        <p>{error.message}</p>
        <p>{error.nextStep}</p>
      </div>
    );
  }
  if (undone) {
    return (
      <div role="status">
        <p style={{ margin: 0 }}>Undone:</p>
        <ReportList reports={undone} />
      </div>
    );
  }
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'wrong-patient':
      return (
        <div role="alert" class="alert">
          <p>
            Not inserted: this note was written for {describePatient(outcome.expected)}, but the chart now shows{' '}
            {outcome.found ? describePatient(outcome.found) : 'no patient (the tab is on another page)'}.
          </p>
          <p>Open {outcome.expected.name ?? 'the right patient'}’s chart and insert again, or copy the note.</p>
          <CopyInstead onCopy={onCopy} />
        </div>
      );
    case 'no-access':
      return (
        <div role="alert" class="alert">
          <p>Chartside cannot write to this page: it is not enabled on this site.</p>
          <p>Press Enable on this site in Patient context, or copy the note and paste it.</p>
        </div>
      );
    case 'no-fields':
      return (
        <div role="alert" class="alert">
          <p>No note fields were found on this page.</p>
          <p>Open the note form in the EHR and insert again, or copy the note and paste it.</p>
          <CopyInstead onCopy={onCopy} />
        </div>
      );
    case 'done':
      return (
        <div role="status">
          <ReportList reports={outcome.reports} />
          {outcome.reports.some((r) => r.status === 'not-found' || r.status === 'failed') && (
            <CopyInstead onCopy={onCopy} />
          )}
        </div>
      );
  }
}

function ReportList({ reports }: { reports: FieldReportInfo[] }) {
  return (
    <ul class="items">
      {reports.map((r) => (
        <li key={r.target}>
          <strong>{targetName(r.target)}</strong>: {WORDS[r.status]}
          {r.reason && (r.status === 'failed' || r.status === 'not-found') ? ` (${r.reason})` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Where nothing (or not everything) could be inserted, the note can still reach the EHR by paste. */
function CopyInstead({ onCopy }: { onCopy(): void }) {
  return (
    <div class="actions">
      <button type="button" onClick={onCopy}>
        Copy note instead
      </button>
    </div>
  );
}
