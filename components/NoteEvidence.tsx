import { useState } from 'preact/hooks';
import type { EvidenceStatus, StatementEvidence } from '@/lib/note/evidence';
import { SECTION_LABELS } from '@/lib/note/sections';
import { excerptRuns, MARK_WORDS, missingClaims, sourceLabel, statementAt, type Run } from '@/lib/panel/evidence-view';
import type { NoteReview } from './note-review';

/** Where the clinician is in the note: the caret in a section, or a statement picked from the list. */
export interface EvidenceSelection {
  section: StatementEvidence['section'];
  offset: number;
}

const LOOK_AT: ReadonlySet<EvidenceStatus> = new Set(['none', 'partial']);

export function Mark({ status }: { status: EvidenceStatus }) {
  return <span class={`badge mark-${status}`}>{MARK_WORDS[status]}</span>;
}

export function Quote({ runs }: { runs: readonly Run[] }) {
  return <>{runs.map((r, i) => (r.marked ? <mark key={i}>{r.text}</mark> : r.text))}</>;
}

/**
 * Evidence for the note: every statement's mark (in words), the statements to look at first, and
 * the support of the one selected — by clicking or moving the caret in the note, or from the list —
 * as the transcript's and the chart's own words with the matched ones highlighted. Text only:
 * excerpts are PHI and are never markup.
 */
export function NoteEvidence({ review, selection, onSelect }: { review: NoteReview; selection: EvidenceSelection | undefined; onSelect(s: EvidenceSelection): void }) {
  const [showAll, setShowAll] = useState(false);
  const { statements, summary } = review.evidence;
  const selected = selection && statementAt(statements, selection.section, selection.offset);
  const checkable = statements.filter((s) => s.status !== 'no-claims');
  const listed = showAll ? statements : statements.filter((s) => LOOK_AT.has(s.status));
  const isSelected = (s: StatementEvidence) => selected !== undefined && selected.section === s.section && selected.range.start === s.range.start;

  return (
    <section class="stack note-evidence" aria-label="Note evidence" aria-busy={review.stale}>
      <h2>Evidence for the note</h2>
      <p class="hint">
        {checkable.length === 0
          ? 'Nothing in the note to check against the visit.'
          : `${summary.supported} supported, ${summary.partlySupported} partly supported, ${summary.withoutEvidence} with no evidence. Click a sentence of the note, or pick one here, to see what it rests on.`}
      </p>
      {listed.length > 0 && (
        <ul class="items evidence-statements">
          {listed.map((s) => (
            <li key={`${s.section}:${s.range.start}`}>
              <button type="button" class="statement" aria-pressed={isSelected(s)} onClick={() => onSelect({ section: s.section, offset: s.range.start })}>
                <Mark status={s.status} /> <strong>{SECTION_LABELS[s.section]}</strong>: {s.text}
              </button>
            </li>
          ))}
        </ul>
      )}
      {statements.length > listed.length || showAll ? (
        <button type="button" class="link" aria-pressed={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show only statements to look at' : `Show all ${statements.length} statements`}
        </button>
      ) : null}
      <section class="evidence-detail" aria-label="Evidence">
        {selected ? <StatementSupport statement={selected} review={review} /> : <p class="hint">Pick a statement to see the words of the visit it rests on.</p>}
      </section>
    </section>
  );
}

function StatementSupport({ statement, review }: { statement: StatementEvidence; review: NoteReview }) {
  const missing = missingClaims(statement);
  return (
    <div class="stack">
      <p>
        <Mark status={statement.status} /> <strong>{SECTION_LABELS[statement.section]}</strong>: “{statement.text}”
      </p>
      {statement.status === 'no-claims' && <p class="hint">Nothing in this statement can be checked against the visit.</p>}
      {statement.excerpts.map((e, i) => (
        <figure key={i} class="excerpt">
          <figcaption>{sourceLabel(e.source, e.speaker)}</figcaption>
          <blockquote>
            <Quote runs={excerptRuns(review.sources, e)} />
          </blockquote>
        </figure>
      ))}
      {missing.length > 0 && statement.status !== 'no-claims' && <p>Not found in what was sent: {missing.join(', ')}.</p>}
    </div>
  );
}
