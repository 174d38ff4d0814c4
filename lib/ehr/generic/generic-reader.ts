/**
 * The generic reader: reads charts it has never seen, from the labels and headings people use.
 * It answers every page weakly (1), so any EHR-specific adapter that knows the page wins.
 * Only the reads: the chart reader in every frame carries this, and the note fields, which only
 * the inserter looks for, are added in ./generic-adapter.ts.
 */
import type { ChartReader } from '../adapter';
import { ChartBuilder } from '../chart-builder';
import type { ChartContext, PatientIdentity } from '../chart-context';
import { readDemographics } from './demographics';
import { readIdentityReading, type IdentityReading } from './identity';
import { extractItems, NO_KNOWN_ALLERGIES, splitOutsideBrackets } from './lists';
import { readMessages } from './portal-messages';
import { findSections } from './sections';
import { readVisitNotes } from './visit-notes';

const ADAPTER_ID = 'generic';

/** "None" said under an Allergies heading is the clinician's explicit none; "none on file" is not. */
const ALLERGY_NONE = /^none(?: known)?\.?$/i;

function saysNoAllergies(text: string): boolean {
  return NO_KNOWN_ALLERGIES.test(text) || ALLERGY_NONE.test(text);
}

function setIdentity(builder: ChartBuilder, reading: IdentityReading): void {
  const { name, dob, mrn } = reading;
  const first = name ?? dob ?? mrn;
  if (!first) return;
  const identity: Omit<PatientIdentity, 'source'> = {};
  if (name) identity.name = name.value;
  if (dob) identity.dob = dob.value;
  if (mrn) identity.mrn = mrn.value;
  builder.setIdentity(identity, first.element, first.label);
}

/** `readChart` with the clock as a parameter: ages from a DOB and two-digit years depend on today. */
export function readGenericChart(doc: Document, url: URL, today: Date = new Date()): ChartContext {
  const builder = new ChartBuilder(ADAPTER_ID, url.href);
  const { reading, values } = readIdentityReading(doc, today);
  setIdentity(builder, reading);

  const demographics = readDemographics(values, reading, today);
  if (demographics.age) builder.setAge(demographics.age.value, demographics.age.element, demographics.age.label);
  if (demographics.gender) builder.setGender(demographics.gender.value, demographics.gender.element, demographics.gender.label);

  const sections = findSections(doc);
  const containers = sections.filter((s) => s.kind === 'visit-notes' || s.kind === 'messages').flatMap((s) => s.content);
  for (const section of sections) {
    switch (section.kind) {
      case 'visit-notes':
        for (const note of readVisitNotes(section.content, today)) builder.addVisitNote(note, note.element, section.label);
        break;
      case 'messages':
        for (const message of readMessages(section.content, reading.name?.value, today)) builder.addMessage(message, message.element, section.label);
        break;
      default: {
        const kind = section.kind;
        const { items, noneLines } = extractItems(section.content, {
          rowStyle: kind === 'medication' ? 'sig' : 'detail',
          splitCommas: kind === 'allergy',
          headingText: section.label,
        });
        for (const item of items) builder.addItem(kind, `${section.prefix ?? ''}${item.text}`, item.element, section.label);
        if (kind === 'allergy' && noneLines.some(saysNoAllergies)) builder.markNoKnownAllergies();
      }
    }
  }

  // Banner forms: "Allergies: Penicillin, Sulfa", "Allergies: NKDA", a lone "NKDA" badge.
  for (const value of values) {
    if (value.field !== 'allergies' || containers.some((c) => c.contains(value.labelElement))) continue;
    if (saysNoAllergies(value.value)) {
      builder.markNoKnownAllergies();
      continue;
    }
    for (const part of splitOutsideBrackets(value.value, ',;', '()')) builder.addItem('allergy', part, value.element, value.label);
  }
  return builder.build();
}

/** Only who the patient is (the insert guard's reading): the same choice `readChart` makes. */
export function readGenericIdentity(doc: Document, url: URL, today: Date = new Date()): PatientIdentity {
  const builder = new ChartBuilder(ADAPTER_ID, url.href);
  setIdentity(builder, readIdentityReading(doc, today).reading);
  return builder.build().identity;
}

export const genericReader: ChartReader = {
  id: ADAPTER_ID,
  name: 'Generic chart',
  matches: () => 1,
  readChart: (doc, url) => readGenericChart(doc, url),
  readIdentity: (doc, url) => readGenericIdentity(doc, url),
};
