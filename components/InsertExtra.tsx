import type { Signal } from '@preact/signals';
import { SECTION_LABELS, SOAP_SECTIONS, type SoapSection } from '@/lib/note/sections';

export interface ExtraInsert {
  busy: boolean;
  /** The note is still arriving (or being synced): nothing may be inserted yet. */
  disabled: boolean;
  into(section: SoapSection, text: string): void;
}

/**
 * Insert an extra (codes, the summary) into the EHR field of a section the clinician picks. It is
 * always added after the field's text: the insert path, patient check and Undo insert are the note's.
 */
export function InsertExtra({ label, target, insert, text }: { label: string; target: Signal<SoapSection>; insert: ExtraInsert; text: () => string }) {
  return (
    <div class="row">
      <button type="button" disabled={insert.busy || insert.disabled} onClick={() => insert.into(target.value, text())}>
        {label}
      </button>
      <label class="row" style={{ gap: '0.3rem' }}>
        <span class="hint" style={{ margin: 0 }}>
          at the end of
        </span>
        <select aria-label={`${label} into`} value={target.value} onChange={(e) => (target.value = e.currentTarget.value as SoapSection)} style={{ width: 'auto' }}>
          {SOAP_SECTIONS.map((s) => (
            <option key={s} value={s}>
              {SECTION_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
