/**
 * The generic reader: reads charts it has never seen, from the labels and headings people use.
 * It answers every page weakly (1), so any EHR-specific adapter that knows the page wins.
 * Only the reads: the chart reader in every frame carries this, and the note fields, which only
 * the inserter looks for, are added in ./generic-adapter.ts.
 */
import type { ChartReader } from '../adapter';
import { ChartBuilder } from '../chart-builder';
import type { ChartContext, PatientIdentity } from '../chart-context';
import { runAtOnce, runInSlices, type Passes } from '../passes';
import { readDemographics } from './demographics';
import { identityFromValues, readIdentityReading, type IdentityReading } from './identity';
import { labelledValuePasses } from './labelled-values';
import { extractItems, NO_KNOWN_ALLERGIES, splitOutsideBrackets } from './lists';
import { messagePasses } from './portal-messages';
import { sectionPasses } from './sections';
import { visitNotePasses } from './visit-notes';

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
  return runAtOnce(genericChartPasses(doc, url, today));
}

/**
 * The same read, giving the page's main thread back between its passes, and starting again if the
 * page changes meanwhile (lib/ehr/passes.ts): a large chart is read in several short tasks.
 */
export function readGenericChartInSlices(doc: Document, url: URL, today: Date = new Date()): Promise<ChartContext> {
  return runInSlices(() => genericChartPasses(doc, url, today), doc);
}

/**
 * The read, pass by pass: the labelled values (one walk over the page's text) and from them the
 * identity and demographics, the section headings, each section's items, notes or messages, then
 * the items' selectors.
 */
function* genericChartPasses(doc: Document, url: URL, today: Date): Passes<ChartContext> {
  const builder = new ChartBuilder(ADAPTER_ID, url.href);
  const values = yield* labelledValuePasses(doc);
  const reading = identityFromValues(values, today);
  setIdentity(builder, reading);

  const demographics = readDemographics(values, reading, today);
  if (demographics.age) builder.setAge(demographics.age.value, demographics.age.element, demographics.age.label);
  if (demographics.gender) builder.setGender(demographics.gender.value, demographics.gender.element, demographics.gender.label);
  yield;

  const sections = yield* sectionPasses(doc);
  const containers = sections.filter((s) => s.kind === 'visit-notes' || s.kind === 'messages').flatMap((s) => s.content);
  for (const section of sections) {
    yield;
    switch (section.kind) {
      case 'visit-notes':
        for (const note of yield* visitNotePasses(section.content, today)) builder.addVisitNote(note, note.element, section.label);
        break;
      case 'messages':
        for (const message of yield* messagePasses(section.content, reading.name?.value, today)) builder.addMessage(message, message.element, section.label);
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
  yield;
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
  readChartInSlices: (doc, url) => readGenericChartInSlices(doc, url),
  readIdentity: (doc, url) => readGenericIdentity(doc, url),
};
