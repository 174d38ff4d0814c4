import type { ChartItem } from '../../ehr/chart-context';
import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../sections';
import { displayName, findDrugMentions, partsOf } from './drug-mentions';
import { isNegated } from './negation';
import type { TextRange } from './text-range';

/**
 * Drugs the note names that are not on the chart's medication list: marked "possibly new", so the
 * clinician can confirm a new prescription or update the list. Informational, never a warning.
 *
 * - The whole note is read, section by section; each drug is reported once, at its first mention
 *   that is not negated ("avoid ibuprofen" or "stop amoxicillin" does not make it new).
 * - A note drug is on the chart when a chart line names the same generic, by any name the finder
 *   knows (the chart's "Zestril 10 mg" covers the note's lisinopril), or a combination sharing an
 *   ingredient (the chart's "Norco" covers the note's hydrocodone: a change, not a new drug).
 * - The chart's full list counts, sent or not: a medication the clinician left unchecked is still
 *   on the chart.
 * - When the chart has no medication list at all (none read, or none typed), nothing is said: an
 *   absent list is not evidence that every drug is new, and one finding per drug would be noise.
 * - Drug classes ("NSAIDs") are not medications and are never reported here.
 */

/** A charted medication: a ChartItem, or a line the clinician typed. Items of another kind are ignored. */
export type MedicationLine = Pick<ChartItem, 'text'> & Partial<Pick<ChartItem, 'id' | 'kind'>>;

export interface PossiblyNewMedication {
  section: SoapSection;
  /** As the note names it, with its generic when written otherwise. */
  drug: string;
  generic: string;
  range: TextRange;
  text: string;
  explanation: string;
}

export function findNewMedications(sections: Partial<NoteSections>, medications: readonly MedicationLine[] | undefined): PossiblyNewMedication[] {
  const lines = (medications ?? []).filter((m) => (m.kind === undefined || m.kind === 'medication') && m.text.trim() !== '');
  if (lines.length === 0) return [];
  const onChart = new Set<string>();
  for (const line of lines) for (const m of findDrugMentions(line.text)) if (m.kind === 'drug') for (const p of partsOf(m)) onChart.add(p);

  const found: PossiblyNewMedication[] = [];
  const reported = new Set<string>();
  for (const section of SOAP_SECTIONS) {
    const text = sections[section] ?? '';
    for (const m of findDrugMentions(text)) {
      if (m.kind !== 'drug' || reported.has(m.generic)) continue;
      // A combination is new when any of its ingredients is: "lisinopril/amlodipine" with only lisinopril charted adds amlodipine.
      if (onChart.has(m.generic) || (m.ingredients.length > 0 ? m.ingredients : [m.generic]).every((p) => onChart.has(p)) || isNegated(text, m.range)) continue;
      reported.add(m.generic);
      const drug = displayName(m);
      found.push({ section, drug, generic: m.generic, range: m.range, text: m.text, explanation: `${drug} is not on the chart's medication list: possibly new.` });
    }
  }
  return found;
}
