/**
 * The labelled set the evidence engine (lib/note/evidence) is measured on (issue 14): visits with a
 * transcript, the chart lines that were sent, and a note written from them, every note statement
 * labelled supported or not, and what the visit said that the note leaves out.
 *
 * A note is written as labelled statements, section by section; the case joins them (a space
 * between sentences, a new line before a list item), so each label knows its own range and the
 * scorer (score.ts) compares it with the engine's statement over the same words, whatever the
 * engine's splitter does. All of it is invented: no real patient.
 */
import type { NoteSections, SoapSection } from '../../lib/note/sections';

/** What was planted in a note statement that makes it unsupported. */
export type FaultKind =
  | 'changed-number'
  | 'wrong-side'
  | 'flipped-negation'
  | 'swapped-drug'
  | 'invented-finding'
  | 'wrong-interval'
  /** Unsupported for another reason (a claim nobody made). */
  | 'other';

/** What kind of thing the note leaves out (the engine's OmissionKind). */
export type OmittedKind = 'medication' | 'dose-change' | 'allergy' | 'follow-up' | 'symptom' | 'number';

export interface LabelledStatement {
  text: string;
  /** Does what was sent support every claim of this statement? */
  supported: boolean;
  fault?: FaultKind;
  /** A list item ("1. ...", "- ..."): put on its own line, with its marker. */
  item?: string;
}

export interface Omitted {
  kind: OmittedKind;
  /** Words of the transcript that say it, exactly as written there (the first occurrence is meant unless `nth`). */
  said: string;
  nth?: number;
  /** Planted: a medication change dropped from the note. */
  planted?: boolean;
}

export interface EvidenceCase {
  id: string;
  /** An id of the API's specialty list (lib/api/specialties.ts). */
  specialty: string;
  transcript: string;
  chart?: { label: string; text: string }[];
  history?: string;
  note: Partial<Record<SoapSection, LabelledStatement[]>>;
  /** Everything clinical the transcript says that the note leaves out. */
  omitted: Omitted[];
}

export const ok = (text: string): LabelledStatement => ({ text, supported: true });
export const fault = (fault: FaultKind, text: string): LabelledStatement => ({ text, supported: false, fault });
/** A list item: `item('1.', ok('Continue metformin.'))`. */
export const item = (marker: string, statement: LabelledStatement): LabelledStatement => ({ ...statement, item: marker });

export interface BuiltCase {
  sections: Partial<NoteSections>;
  /** Each labelled statement with its section and offsets in that section's text. */
  statements: (LabelledStatement & { section: SoapSection; start: number; end: number })[];
}

/** The note's section texts, and where each labelled statement sits in them. */
export function buildCase(c: EvidenceCase): BuiltCase {
  const sections: Partial<NoteSections> = {};
  const statements: BuiltCase['statements'] = [];
  for (const [section, list] of Object.entries(c.note) as [SoapSection, LabelledStatement[]][]) {
    let text = '';
    for (const s of list) {
      if (s.item !== undefined) text += `${text ? '\n' : ''}${s.item} `;
      else if (text) text += text.endsWith('\n') ? '' : ' ';
      const start = text.length;
      text += s.text;
      statements.push({ ...s, section, start, end: text.length });
    }
    sections[section] = text;
  }
  return { sections, statements };
}
