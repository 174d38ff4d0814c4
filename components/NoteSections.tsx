import { formatNoteHtml, formatNotePlainText, formatSectionHtml, formatSectionPlainText } from '@/lib/note/clipboard';
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
  insert?: { busy: boolean; section(section: SoapSection): void; all(): void };
}

/** The note's four sections as editable boxes: plain text in, plain text out — never markup. */
export function NoteSections({ sections, streaming, writing, incomplete, onEdit, insert }: NoteSectionsProps) {
  const empty = SOAP_SECTIONS.every((s) => sections[s].trim() === '');
  return (
    <section aria-labelledby="note-heading" class="stack">
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="note-heading">
          Note{incomplete && <span class="badge test" style={{ marginLeft: '0.5rem' }}>Incomplete</span>}
        </h2>
        <div class="row">
          {insert && (
            <button type="button" class="primary" disabled={empty || streaming || insert.busy} onClick={insert.all}>
              Insert all
            </button>
          )}
          <CopyButton
            label="Copy note"
            disabled={empty}
            content={() => ({ text: formatNotePlainText(sections), html: formatNoteHtml(sections) })}
          />
        </div>
      </div>
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
              onInput={(e) => onEdit(section, e.currentTarget.value)}
            />
          </div>
        );
      })}
    </section>
  );
}

/** Tall enough to read a section without scrolling inside a small box, within reason. */
function rowsFor(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 60)), 0);
  return Math.min(24, Math.max(4, lines + 1));
}
