import type { EvidenceSources, EvidenceStatus, Excerpt, Omission, OmissionKind, SourceRef, StatementEvidence } from '../note/evidence';
import type { TextRange } from '../note/safety/text-range';
import type { SoapSection } from '../note/sections';

/**
 * How the panel shows the evidence engine's report (lib/note/evidence): the words of each mark, where
 * an excerpt came from, the excerpt cut into plain and highlighted runs, and what an omission adds
 * to the note. Pure; everything here is PHI to be shown as text, never as markup, never logged.
 */

/** The mark's name: said in words, never by colour alone. */
export const MARK_WORDS: Record<EvidenceStatus, string> = {
  supported: 'Supported',
  partial: 'Partly supported',
  none: 'No evidence',
  'no-claims': 'Nothing to check',
};

export const OMISSION_WORDS: Record<OmissionKind, string> = {
  medication: 'Medication',
  'dose-change': 'Dose change',
  allergy: 'Allergy',
  'follow-up': 'Follow-up',
  symptom: 'Symptom',
  number: 'Number',
};

/** Where an omission goes by default: what a clinician would write it under. */
export const OMISSION_SECTION: Record<OmissionKind, SoapSection> = {
  medication: 'plan',
  'dose-change': 'plan',
  allergy: 'subjective',
  'follow-up': 'plan',
  symptom: 'subjective',
  number: 'objective',
};

/** "Transcript (Patient)", "Chart: Medications", "Visit history", "Portal message (patient)". */
export function sourceLabel(ref: SourceRef, speaker?: string): string {
  switch (ref.kind) {
    case 'transcript':
      return speaker ? `Transcript (${speaker})` : 'Transcript';
    case 'chart':
      return `Chart: ${ref.label}`;
    case 'history':
      return 'Visit history';
    case 'message':
      return `Portal message (${ref.role})`;
    default:
      // The note itself (omissions.ts reads it as a text too): never a source of evidence.
      return 'Note';
  }
}

/** The text a reference points into, as the engine was given it. */
export function sourceText(sources: EvidenceSources, ref: SourceRef): string {
  switch (ref.kind) {
    case 'transcript':
      return sources.transcript ?? '';
    case 'chart':
      return sources.chart?.[ref.index]?.text ?? '';
    case 'history':
      return sources.history ?? '';
    case 'message':
      return sources.messages?.[ref.index]?.text ?? '';
    default:
      return '';
  }
}

export interface Run {
  text: string;
  /** One of the matched words. */
  marked: boolean;
}

/** `range` of `text` cut into plain and highlighted runs (highlights inside it, in order, may overlap). */
export function runsOf(text: string, range: TextRange, highlights: readonly TextRange[]): Run[] {
  const runs: Run[] = [];
  let at = range.start;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, range.end);
    if (end <= start) continue;
    if (start > at) runs.push({ text: text.slice(at, start), marked: false });
    const last = runs[runs.length - 1];
    if (last?.marked && start === at) last.text += text.slice(start, end);
    else runs.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < range.end) runs.push({ text: text.slice(at, range.end), marked: false });
  // A speaker label opening the excerpt is said by its source label: not repeated in the quote.
  if (runs[0] && !runs[0].marked) runs[0] = { ...runs[0], text: runs[0].text.replace(/^\s*(?:Dr\.?\s+)?[A-Z][A-Za-z]*(?:\s[A-Z]?[A-Za-z]+)?:\s+/, '') };
  return runs.filter((r) => r.text !== '');
}

export function excerptRuns(sources: EvidenceSources, excerpt: Excerpt): Run[] {
  return runsOf(sourceText(sources, excerpt.source), excerpt.range, excerpt.highlights);
}

/** The statement the caret at `offset` of `section` is in (or right after), for selecting by clicking in the note. */
export function statementAt(statements: readonly StatementEvidence[], section: SoapSection, offset: number): StatementEvidence | undefined {
  let found: StatementEvidence | undefined;
  for (const s of statements) {
    if (s.section !== section) continue;
    if (s.range.start <= offset) found = s;
    if (s.range.start <= offset && offset <= s.range.end) return s;
  }
  return found;
}

/** A key for a statement that survives recomputation while its words stay the same. */
export const statementKey = (s: Pick<StatementEvidence, 'section' | 'text'>) => `${s.section}\u0000${s.text}`;

/** Claims not found, in words: "Not found in what was sent: 148/92, crackles." */
export function missingClaims(statement: StatementEvidence): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const c of statement.claims) {
    if (c.match) continue;
    const w = c.claim.text;
    if (seen.has(w.toLowerCase())) continue;
    seen.add(w.toLowerCase());
    words.push(w);
  }
  return words;
}

/**
 * The line an omission adds to the note: the sentence it was said in, without its speaker's label,
 * for the clinician to reword (the panel selects it after adding).
 */
export function omissionLine(transcript: string, omission: Omission): string {
  const said = transcript.slice(omission.excerpt.start, omission.excerpt.end);
  const line = said.replace(/^\s*(?:Dr\.?\s+)?[A-Z][A-Za-z]*(?:\s[A-Z]?[A-Za-z]+)?:\s+/, '').replace(/\s+/g, ' ').trim();
  return line || omission.text;
}

/** `text` with `line` added on a line of its own at the end; and where the added line sits. */
export function appendLine(text: string, line: string): { text: string; added: TextRange } {
  const base = text.replace(/\s+$/, '');
  const joined = base ? `${base}\n${line}` : line;
  return { text: joined, added: { start: joined.length - line.length, end: joined.length } };
}
