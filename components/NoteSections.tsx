import type { Ref } from 'preact';
import { formatSectionHtml, formatSectionPlainText } from '@/lib/note/clipboard';
import { SECTION_LABELS, SOAP_SECTIONS, type NoteSections as Sections, type SoapSection } from '@/lib/note/sections';
import { CopyButton } from './CopyButton';

export interface NoteSectionsProps {
  sections: Sections;
  /** While the note streams in, the boxes are read-only: the stream would overwrite edits. */
  streaming: boolean;
  writing: SoapSection | undefined;
  incomplete: boolean;
  onEdit(section: SoapSection, text: string): void;
  /** Insert into the EHR: absent where the panel has no tab to insert into. */
  insert?: { busy: boolean; section(section: SoapSection): void };
  /**
   * Folded to one line until there is a note (or one is being written), so that before it the
   * transcript and the recorder are in view; the clinician may unfold it to write a note by hand.
   */
  folded: boolean;
  onUnfold(): void;
  /** Focus goes here when a note is ready (SidePanel.tsx decides when). */
  headingRef?: Ref<HTMLHeadingElement>;
  /** The caret moved in a section (a click, an arrow key): the evidence shown follows it. */
  onCaret?: (section: SoapSection, offset: number) => void;
}

/**
 * The note's four sections as editable boxes: plain text in, plain text out — never markup. Insert
 * all and Copy note, which act on the whole note, are in the action bar (ActionBar.tsx).
 */
export function NoteSections({ sections, streaming, writing, incomplete, onEdit, insert, folded, onUnfold, headingRef, onCaret }: NoteSectionsProps) {
  return (
    <section aria-labelledby="note-heading" class={folded ? 'row note-folded' : 'stack note'}>
      <h2 id="note-heading" ref={headingRef} tabIndex={-1} style={folded ? { margin: 0 } : undefined}>
        Note{incomplete && <span class="badge test" style={{ marginLeft: '0.5rem' }}>Incomplete</span>}
      </h2>
      {folded && (
        <>
          <span class="hint" style={{ margin: 0 }}>
            appears here as it is written.
          </span>
          <button type="button" class="link" aria-expanded="false" aria-controls="note-sections" onClick={onUnfold}>
            Write it by hand
          </button>
        </>
      )}
      {/* Folded, the boxes stay on the page (out of sight and out of the Tab order), so what finds them by name still does. */}
      <div id="note-sections" class={folded ? 'visually-hidden' : 'stack'}>
      {SOAP_SECTIONS.map((section) => {
        const label = SECTION_LABELS[section];
        return (
          <div key={section}>
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <label for={`section-${section}`}>
                {label}
                {writing === section && <span class="hint"> (writing…)</span>}
              </label>
              <div class="row">
                {insert && (
                  <button type="button" disabled={sections[section].trim() === '' || streaming || insert.busy} onClick={() => insert.section(section)}>
                    Insert {label}
                  </button>
                )}
                <CopyButton
                  label={`Copy ${label}`}
                  disabled={sections[section].trim() === ''}
                  content={() => ({ text: formatSectionPlainText(section, sections[section], { heading: false }), html: formatSectionHtml(section, sections[section], { heading: false }) })}
                />
              </div>
            </div>
            <textarea
              id={`section-${section}`}
              aria-label={label}
              rows={rowsFor(sections[section])}
              value={sections[section]}
              readOnly={streaming}
              tabIndex={folded ? -1 : undefined}
              onInput={(e) => onEdit(section, e.currentTarget.value)}
              onClick={onCaret && ((e) => onCaret(section, e.currentTarget.selectionStart))}
              onKeyUp={onCaret && ((e) => onCaret(section, e.currentTarget.selectionStart))}
              onFocus={onCaret && ((e) => onCaret(section, e.currentTarget.selectionStart))}
            />
          </div>
        );
      })}
      </div>
    </section>
  );
}

/** Tall enough to read a section without scrolling inside a small box, and short enough that the first section fits between the patient line and the action bar at 800 px. */
function rowsFor(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 60)), 0);
  return Math.min(12, Math.max(4, lines + 1));
}
