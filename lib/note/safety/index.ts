import type { NoteOptionsInput } from '../../api/note-request';
import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../sections';
import { findAllergyConflicts, type AllergyLine } from './allergy-conflicts';
import type { AllergySeverity } from './drug-classes';
import { findNewMedications, type MedicationLine } from './new-medications';
import type { TextRange } from './text-range';
import { checkEvidence, unsupportedClaimsOf, type EvidenceReport, type EvidenceSources, type UnsupportedKind } from '../evidence';
import { evidenceSourcesOf } from './evidence-sources';

/**
 * Safety checks shown beside a note before it is inserted (issue 6, item 6). Pure: text in,
 * findings out; never blocking, each finding explaining itself in one sentence.
 *
 * - `allergy`: a drug or drug class in the Plan (or, when the Plan is empty, the Assessment, where an
 *   "Assessment and Plan" note puts it) that matches a charted allergy (allergy-conflicts.ts);
 *   severity `warning` for a conflict, `caution` for cross-reactivity (penicillin → cephalosporin).
 * - `unsupported`: numbers, doses, vitals, dates and drug names found in neither the transcript nor the
 *   context sent: the claims the evidence engine (lib/note/evidence) found no support for, so the
 *   marks beside the note and these findings come from one engine; severity `caution`.
 * - `new-medication`: drugs named in the note but not on the chart's medication list
 *   (new-medications.ts); severity `info`.
 *
 * Findings are sorted by section (S, O, A, P), then position, then severity. Each id is built from
 * the check, section, range and what was matched, so the same note gives the same ids (the panel can
 * key highlights and remember dismissals by it); ids carry no note or chart text.
 *
 * Messages and `text` quote the note and the chart: PHI, to be shown, never logged.
 */

export type SafetyCheckKind = 'allergy' | 'unsupported' | 'new-medication';
export type SafetySeverity = 'warning' | 'caution' | 'info';

interface FindingBase {
  id: string;
  severity: SafetySeverity;
  section: SoapSection;
  /** Offsets into that section's text. */
  range: TextRange;
  /** The note text at `range`. */
  text: string;
  message: string;
}

export type SafetyFinding =
  | (FindingBase & { kind: 'allergy'; match: AllergySeverity; allergy: string; allergyId?: string; drugClass?: string; generic?: string })
  | (FindingBase & { kind: 'unsupported'; statement: UnsupportedKind })
  | (FindingBase & { kind: 'new-medication'; generic: string });

export interface SafetyCheckInput {
  sections: Partial<NoteSections>;
  transcript: string;
  /** The `context` sent with the note request, as sent (what buildRequestContext returned). */
  context?: NoteOptionsInput['context'];
  /** Any other text the request carried that may support the note (a template's text). */
  otherSources?: readonly string[];
  /** Every allergy on the chart, sent or not, plus any typed: safety does not follow the checkboxes. */
  allergies: readonly AllergyLine[];
  /** Every medication on the chart, plus any typed; none (or undefined) means no list, and no new-medication findings. */
  medications?: readonly MedicationLine[];
  /** The visit date (ISO `YYYY-MM-DD`): the note may state it though nobody said it. Defaults to today. */
  visitDate?: string;
  today?: Date;
  /**
   * Sections read for allergy conflicts. By default the Plan, or the Assessment when the Plan is empty
   * (an "Assessment and Plan" note puts its plan there).
   */
  allergySections?: readonly SoapSection[];
}

const SEVERITY_ORDER: Record<SafetySeverity, number> = { warning: 0, caution: 1, info: 2 };
const KIND_ORDER: Record<SafetyCheckKind, number> = { allergy: 0, unsupported: 1, 'new-medication': 2 };

/** A short, stable tag for a text (an allergy line) that does not carry the text itself. */
function tag(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

const idOf = (kind: SafetyCheckKind, section: SoapSection, range: TextRange, what: string) => `${kind}:${section}:${range.start}-${range.end}:${what}`;

/** The evidence engine's report for the note and what was sent (the panel shows it and passes it back in). */
export function evidenceFor(
  input: Pick<SafetyCheckInput, 'sections' | 'transcript' | 'context' | 'otherSources'>,
  sources: EvidenceSources = evidenceSourcesOf(input),
): EvidenceReport {
  return checkEvidence({ sections: input.sections, sources });
}

/** `evidence`: the engine's report for this same input, when the caller has it already (else it is made here). */
export function runSafetyChecks(input: SafetyCheckInput, evidence: EvidenceReport = evidenceFor(input)): SafetyFinding[] {
  const { sections } = input;
  const findings: SafetyFinding[] = [];

  const allergySections = input.allergySections ?? (sections.plan?.trim() ? ['plan'] : ['assessment']);
  for (const section of SOAP_SECTIONS) {
    if (!allergySections.includes(section)) continue;
    for (const c of findAllergyConflicts(sections[section] ?? '', input.allergies)) {
      const finding: SafetyFinding = {
        id: idOf('allergy', section, c.range, c.allergyId ?? tag(c.allergy.trim().toLowerCase())),
        kind: 'allergy',
        severity: c.severity === 'conflict' ? 'warning' : 'caution',
        section,
        range: c.range,
        text: (sections[section] ?? '').slice(c.range.start, c.range.end),
        message: c.explanation,
        match: c.severity,
        allergy: c.allergy,
      };
      if (c.allergyId !== undefined) finding.allergyId = c.allergyId;
      if (c.class !== undefined) finding.drugClass = c.class;
      if (c.generic !== undefined) finding.generic = c.generic;
      findings.push(finding);
    }
  }

  const dateOptions = { ...(input.visitDate !== undefined ? { visitDate: input.visitDate } : {}), ...(input.today ? { today: input.today } : {}) };
  for (const s of unsupportedClaimsOf(evidence.statements, (section) => sections[section] ?? '', dateOptions)) {
    findings.push({
      id: idOf('unsupported', s.section, s.range, s.kind),
      kind: 'unsupported',
      severity: 'caution',
      section: s.section,
      range: s.range,
      text: s.text,
      message: s.explanation,
      statement: s.kind,
    });
  }

  for (const m of findNewMedications(sections, input.medications)) {
    findings.push({
      id: idOf('new-medication', m.section, m.range, tag(m.generic)),
      kind: 'new-medication',
      severity: 'info',
      section: m.section,
      range: m.range,
      text: m.text,
      message: m.explanation,
      generic: m.generic,
    });
  }

  const sectionOrder = (s: SoapSection) => SOAP_SECTIONS.indexOf(s);
  return findings.sort(
    (a, b) =>
      sectionOrder(a.section) - sectionOrder(b.section) ||
      a.range.start - b.range.start ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.id.localeCompare(b.id),
  );
}

export type { AllergyConflict, AllergyLine } from './allergy-conflicts';
export type { DrugClassId } from './drug-classes';
export type { MedicationLine, PossiblyNewMedication } from './new-medications';
export type { TextRange } from './text-range';
export type { UnsupportedClaim, UnsupportedKind } from '../evidence';
export { evidenceSourcesOf } from './evidence-sources';
