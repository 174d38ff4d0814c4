import type { Ref } from 'preact';
import { formatSectionHtml, formatSectionPlainText } from '@/lib/note/clipboard';
import { SECTION_LABELS, SOAP_SECTIONS, type NoteSections as Sections, type SoapSection } from '@/lib/note/sections';
import type { ApiErrorInfo } from '@/lib/api/errors';
import { MAX_REGENERATE_INSTRUCTION_LENGTH, regenerateProgress } from '@/lib/note/section-regenerate';
import { useState } from 'preact/hooks';
import { CopyButton } from './CopyButton';
import { ErrorDetail } from './ErrorDetail';

/** Regenerate one section with an instruction (panel-store.ts `regenerateSection`). */
export interface SectionRegenerateProps {
  /** Whether a regenerate may start now (a note is on show, nothing else is being written). */
  available: boolean;
  /** The section being regenerated now, if any. */
  running: SoapSection | undefined;
  /** The section the API is writing meanwhile (it writes the whole note in order). */
  apiAt?: SoapSection | undefined;
  /** The section a regenerate that failed or was refused was for, with the words to show. */
  failed?: { section: SoapSection; error: ApiErrorInfo };
  /** The section whose last regenerate can be undone. */
  undoable: SoapSection | undefined;
  run(section: SoapSection, instruction: string): void;
  undo(): void;
  stop(): void;
}

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
  regenerate?: SectionRegenerateProps;
}

/**
 * The note's four sections as editable boxes: plain text in, plain text out — never markup. Insert
 * all and Copy note, which act on the whole note, are in the action bar (ActionBar.tsx).
 */
export function NoteSections({ sections, streaming, writing, incomplete, onEdit, insert, folded, onUnfold, headingRef, onCaret, regenerate }: NoteSectionsProps) {
  const [instruction, setInstruction] = useState('');
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
        const regenerating = regenerate?.running === section;
        const failed = regenerate?.failed?.section === section ? regenerate.failed.error : undefined;
        return (
          <div key={section}>
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <label for={`section-${section}`}>
                {label}
                {writing === section && <span class="hint"> (writing…)</span>}
                {regenerating && <span class="hint"> (regenerating…)</span>}
              </label>
              <div class="row">
                {insert && (
                  <button type="button" disabled={sections[section].trim() === '' || streaming || regenerating || insert.busy} onClick={() => insert.section(section)}>
                    Insert {label}
                  </button>
                )}
                {regenerate && (
                  <button
                    type="button"
                    aria-describedby="regenerate-warning"
                    disabled={!regenerate.available || streaming || regenerate.running !== undefined}
                    onClick={() => regenerate.run(section, instruction)}
                  >
                    {/* Named "Regenerate Plan"; the section's name is beside it, so the visible word is enough. */}
                    Regenerate<span class="visually-hidden"> {label}</span>
                  </button>
                )}
                {regenerate?.undoable === section && (
                  <button type="button" disabled={streaming || regenerate.running !== undefined} onClick={regenerate.undo}>
                    Undo regenerate
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
              readOnly={streaming || regenerating}
              tabIndex={folded ? -1 : undefined}
              onInput={(e) => onEdit(section, e.currentTarget.value)}
              onClick={onCaret && ((e) => onCaret(section, e.currentTarget.selectionStart))}
              onKeyUp={onCaret && ((e) => onCaret(section, e.currentTarget.selectionStart))}
              onFocus={onCaret && ((e) => onCaret(section, e.currentTarget.selectionStart))}
            />
            {regenerating && (
              <div role="status" class="row">
                <span class="hint" style={{ margin: 0 }}>{regenerateProgress(section, regenerate!.apiAt)}</span>
                <button type="button" onClick={regenerate!.stop}>
                  Stop regenerating
                </button>
              </div>
            )}
            {failed && (
              <div role="alert" class="alert">
                <p>{failed.message}</p>
                <p>{failed.nextStep}</p>
                <ErrorDetail error={failed} />
              </div>
            )}
          </div>
        );
      })}
      {regenerate && (
        <div class="stack regenerate">
          <label for="regenerate-instruction">Instruction</label>
          <input
            id="regenerate-instruction"
            type="text"
            value={instruction}
            maxLength={MAX_REGENERATE_INSTRUCTION_LENGTH}
            placeholder="shorter; add the review of systems"
            tabIndex={folded ? -1 : undefined}
            onInput={(e) => setInstruction(e.currentTarget.value)}
          />
          <p id="regenerate-warning" class="hint" style={{ margin: 0 }}>
            Regenerate makes a new, billed note from the same visit with this instruction (a test key counts it toward its 10 requests a day) and
            replaces only that section; the other sections, and your edits in them, stay as they are.
          </p>
        </div>
      )}
      </div>
    </section>
  );
}

/** Tall enough to read a section without scrolling inside a small box, and short enough that the first section fits between the patient line and the action bar at 800 px. */
function rowsFor(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 60)), 0);
  return Math.min(12, Math.max(4, lines + 1));
}
