import { useState } from 'preact/hooks';
import type { Omission } from '@/lib/note/evidence';
import { SECTION_LABELS, SOAP_SECTIONS, type NoteSections, type SoapSection } from '@/lib/note/sections';
import type { TextRange } from '@/lib/note/safety/text-range';
import { appendLine, OMISSION_SECTION, OMISSION_WORDS, omissionLine, runsOf } from '@/lib/panel/evidence-view';
import { Quote } from './NoteEvidence';
import type { NoteReview } from './note-review';

/**
 * The other direction: what the visit said that the note leaves out (medications, dose changes,
 * allergies, follow-up, symptoms, numbers), each with the words it was said in and a way to add it
 * to a section of the clinician's choosing. Added as the sentence said, to be reworded in place.
 */
type OnAdd = (section: SoapSection, text: string, added: TextRange) => void;

/** `onAdd`: the section's new text, and where the added line sits in it (to select it for rewording). */
export function NotInTheNote({ review, sections, onAdd }: { review: NoteReview; sections: NoteSections; onAdd: OnAdd }) {
  const add = (section: SoapSection, line: string) => {
    const { text, added } = appendLine(sections[section], line);
    onAdd(section, text, added);
  };
  const transcript = review.sources.transcript ?? '';
  if (!transcript) return null;
  const { omissions } = review.evidence;
  return (
    <section class="stack not-in-note" aria-label="Not in the note" aria-busy={review.stale}>
      <h2>Said in the visit, not in the note</h2>
      {omissions.length === 0 ? (
        <p class="hint">Nothing found: the medications, doses, allergies, symptoms, numbers and follow-up the transcript names are all in the note.</p>
      ) : (
        <ul class="items">
          {omissions.map((o) => (
            <OmissionItem key={`${o.kind}:${o.range.start}`} omission={o} transcript={transcript} onAdd={add} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OmissionItem({ omission, transcript, onAdd }: { omission: Omission; transcript: string; onAdd(section: SoapSection, line: string): void }) {
  const [section, setSection] = useState<SoapSection>(OMISSION_SECTION[omission.kind]);
  const what = omission.text;
  return (
    <li class="omission stack">
      <p>
        <span class="badge info">{OMISSION_WORDS[omission.kind]}</span>
        {omission.negated && <span class="hint"> (said as absent or stopped)</span>} “<Quote runs={runsOf(transcript, omission.excerpt, [omission.range])} />”
      </p>
      <div class="row">
        <select aria-label={`Section for “${what}”`} value={section} onChange={(e) => setSection(e.currentTarget.value as SoapSection)}>
          {SOAP_SECTIONS.map((s) => (
            <option key={s} value={s}>
              {SECTION_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="button" aria-label={`Add to ${SECTION_LABELS[section]}: ${what}`} onClick={() => onAdd(section, omissionLine(transcript, omission))}>
          Add to {SECTION_LABELS[section]}
        </button>
      </div>
    </li>
  );
}
