import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceReport, EvidenceSources } from '@/lib/note/evidence';
import type { SafetyCheckInput, SafetyFinding } from '@/lib/note/safety';
import { lazyModule, useLazyModule } from './lazy-module';

/** The checks, the evidence engine and their drug tables are a third of the panel's code: loaded when a note first needs them. */
const safetyChecks = lazyModule(() =>
  Promise.all([import('@/lib/note/safety'), import('@/lib/panel/safety-summary-text')]).then(([safety, text]) => ({ ...safety, ...text })),
);

/** Edits settle this long before the note is checked again: the engine never runs between keystrokes. */
export const REVIEW_DEBOUNCE_MS = 300;

/** What the panel shows beside a finished note: the safety findings and the evidence, from one run of one engine. */
export interface NoteReview {
  findings: SafetyFinding[];
  evidence: EvidenceReport;
  /** The texts the evidence points into (excerpts are offsets in them). */
  sources: EvidenceSources;
  /** The review in one line, for above Insert all (safety-summary-text.ts). */
  summary: string;
  /** The note has changed since: a new review is on its way. */
  stale: boolean;
}

/**
 * The review of the note as it stands (undefined while the checks load or when there is no note).
 * The first review of a note is made at once; after an edit the last one stays shown, marked stale,
 * until the typing has paused for REVIEW_DEBOUNCE_MS. While the API is `writing` the note (or one
 * section) nothing is reviewed: the last review stays, marked stale, and the written note is reviewed
 * at once when the writing ends. A stream pauses often enough to let a debounced review run again
 * and again over the growing note, which froze the panel for seconds on a long one; a note half
 * written has nothing to review and cannot be inserted. Shared by the summary in the action bar, the
 * safety list and the evidence regions.
 */
export function useNoteReview(input: SafetyCheckInput | undefined, writing = false): NoteReview | undefined {
  const checks = useLazyModule(safetyChecks);
  const [review, setReview] = useState<NoteReview | undefined>(undefined);
  const reviewed = useRef<SafetyCheckInput | undefined>(undefined);
  const wroteSinceReview = useRef(false);

  useEffect(() => {
    if (!input || !checks) {
      reviewed.current = undefined;
      setReview(undefined);
      return;
    }
    const markStale = () => setReview((r) => (r && !r.stale ? { ...r, stale: true } : r));
    if (writing) {
      wroteSinceReview.current = true;
      markStale();
      return;
    }
    const run = () => {
      wroteSinceReview.current = false;
      const sources = checks.evidenceSourcesOf(input);
      const evidence = checks.evidenceFor(input, sources);
      reviewed.current = input;
      const findings = checks.runSafetyChecks(input, evidence);
      setReview({ findings, evidence, sources, summary: checks.safetySummaryText(findings, evidence.summary), stale: false });
    };
    // Only the note's words changed (an edit): wait for the typing to pause. Anything else (a new note, the chart re-read): now.
    const previous = reviewed.current;
    const edited = previous !== undefined && previous.transcript === input.transcript && previous.context === input.context && previous.sections !== input.sections;
    if (!edited || wroteSinceReview.current) {
      run();
      return;
    }
    markStale();
    const timer = setTimeout(run, REVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, checks, writing]);

  return review;
}
