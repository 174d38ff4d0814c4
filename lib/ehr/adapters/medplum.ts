/**
 * Medplum (medplum.com): apps built from `@medplum/react` on Mantine — the Medplum app's patient
 * page (`PatientHeader` above `PatientSummary`) and the Medplum Provider app's encounter page
 * (`PatientSummary` beside the encounter's free-text chart note).
 *
 * Markup relied on (checked in @medplum/react 5.2.13's rendered DOM, test/fixtures/ehr/medplum-*;
 * references to github.com/medplum/medplum, not copied code). The package ships its CSS-module class
 * names unhashed (`<Component>_<local>`), so they are matched by prefix (`[class*="…"]`):
 *
 * Mantine (@mantine/core 8) — every Medplum app
 * - `html[data-mantine-color-scheme]` (MantineProvider), `mantine-*-root` classes.
 *
 * Patient header — packages/react/src/PatientHeader/PatientHeader.tsx on InfoBar/InfoBar.tsx
 * - `.InfoBar_root` > `.InfoBar_entry` > `.InfoBar_key` + `.InfoBar_value`. Keys: "Name" (value is a
 *   link to /Patient/<id>; other resources' headers use InfoBar too, without it), "DoB" (FHIR date, YYYY-MM-DD), "Age" (core calculateAgeString: "070Y",
 *   "005M", "010D"), "Gender" (FHIR code, "male"), "State"; then one entry per identifier, keyed by
 *   its system (the MRN where the system says so).
 *
 * Patient summary — packages/react/src/PatientSummary/PatientSummary.tsx, sectionConfigs.tsx
 * - `.PatientSummary_panel`; `.PatientSummary_headerContent` holds the avatar and a Stack whose
 *   first `p` is the patient's name ("Patient since …" follows).
 * - Demographics (sectionConfigs.tsx, PatientInfoItem.tsx): `.SummaryItem_item` rows outside any
 *   collapsible section, no labels on the page, in a fixed order: "<birthDate> (<age>)", the gender
 *   display (capitalised FHIR gender, " · " identity / birth sex), race, address, language, GP. An
 *   unset value shows its placeholder instead ("Add Birthdate", "Add Gender & Identity").
 * - Sections (CollapsibleSection.tsx): `.CollapsibleSection_root` > `.CollapsibleSection_header`
 *   (chevron `button[aria-label="Hide <title>"|"Show <title>"]`, `p.CollapsibleSection_title`)
 *   then a Mantine Collapse holding the content. Collapsing keeps the content mounted (aria-hidden,
 *   display:none, inert), so collapsed sections are read too: collapsing is a view preference.
 *   Default titles: Insurance, Allergies, Problems, Medications, Immunizations, Goals, Labs,
 *   Sexual Orientation, Smoking Status, Vitals, Pharmacies. An empty section shows `p` "(none)".
 * - Items (SummaryItem.tsx; Allergies.tsx, ProblemList.tsx, Medications.tsx, Immunizations.tsx):
 *   `.SummaryItem_item` > `p.SummaryItem_itemText` (the display string), then a Group with the
 *   StatusBadge (`.mantine-Badge-label` = the FHIR status code: active, resolved, stopped, completed…)
 *   and for problems the onset date / for immunizations "Given <date>" (`p[data-size="xs"]`, en-US
 *   M/D/YYYY). ProblemList groups a code's repeats: one item and a "+N" badge.
 * - Smoking Status (SmokingStatus.tsx): `button[data-testid="smoking-status-button"]` > `p` value.
 *
 * Encounter page — examples/medplum-provider/src/components/encounter/EncounterChart.tsx
 * - The chart note is one Mantine `Textarea` (`textarea.mantine-Textarea-input`, no label) in a Card
 *   titled "Fill chart note"; the ClinicalImpression note, saved as typed. `EncounterTimeline`
 *   (packages/react/src/EncounterTimeline) adds `form[data-testid="timeline-form"]` with an
 *   "Add comment" `input` — not the note. Mantine's autosize textarea leaves a measuring clone
 *   (`textarea[aria-hidden="true"][tabindex="-1"]`) at the end of `body`.
 */
import type { EhrAdapter, NoteFields } from '../adapter';
import { ChartBuilder, cleanText } from '../chart-builder';
import type { ChartContext, ChartItemKind, PatientIdentity } from '../chart-context';
import { ageOnDate, parseAgeText, parseClinicalDate } from '../dates';
import { isIgnoredElement, visibleLines } from '../visibility';
import { matchesMedplum } from './medplum-match';

const ID = 'medplum';

interface SectionKind {
  kind: ChartItemKind;
  /** Prefix for history lines ("Immunization: …"), so a line says what it is out of context. */
  prefix?: string;
  /** The status that goes without saying (default `active`); any other is noted after the text. */
  usual?: string;
}

/** Section titles (default and common custom ones) → what their items are; other sections are not read. */
const SECTION_KINDS: [RegExp, SectionKind][] = [
  [/^allerg/i, { kind: 'allergy' }],
  [/^(problems?|problem list|conditions?|diagnos[ie]s|active problems)$/i, { kind: 'problem' }],
  [/^(medications?|meds|current medications|prescriptions?)$/i, { kind: 'medication' }],
  [/^(immuni[sz]ations?|vaccinations?)$/i, { kind: 'history', prefix: 'Immunization', usual: 'completed' }],
  [/^smoking status$/i, { kind: 'history', prefix: 'Smoking status' }],
  [/^procedures?$/i, { kind: 'history', prefix: 'Procedure', usual: 'completed' }],
  [/^(past medical history|medical history|surgical history|social history)$/i, { kind: 'history' }],
];

/** Condition clinical statuses that make a problem past history rather than a current problem. */
const PAST_PROBLEM = new Set(['inactive', 'remission', 'resolved']);
const NO_KNOWN_ALLERGIES = /^(nkda|nka|no known (drug )?allerg(y|ies))\b/i;

/**
 * True when `el` has the CSS-module class `name` (or `name` plus a build hash, `name__x1y2`), but
 * not a longer class that merely starts with it (`SummaryItem_item` is not `SummaryItem_itemText`).
 */
function hasClass(el: Element, name: string): boolean {
  for (const token of Array.from(el.classList)) {
    if (token === name || (token.startsWith(name) && !/[A-Za-z0-9]/.test(token.charAt(name.length)))) return true;
  }
  return false;
}

function allByClass(root: ParentNode, name: string): Element[] {
  return Array.from(root.querySelectorAll(`[class*="${name}"]`)).filter((el) => hasClass(el, name));
}

function byClass(root: ParentNode, name: string): Element | undefined {
  return allByClass(root, name)[0];
}

function closestByClass(el: Element, name: string): Element | undefined {
  for (let current: Element | null = el; current; current = current.parentElement) {
    if (hasClass(current, name)) return current;
  }
  return undefined;
}

function text(el: Element | null | undefined): string {
  return cleanText(el?.textContent);
}

interface InfoBarEntry {
  key: string;
  value: string;
  element: Element;
}

/**
 * PatientHeader's key/value entries, in page order. Other resources' headers use the same InfoBar
 * (a Practitioner's has a "Name" too), so only a bar whose name links to a Patient, or that shows
 * a DoB, is the patient's.
 */
function infoBarEntries(doc: Document): InfoBarEntry[] {
  for (const bar of allByClass(doc, 'InfoBar_root')) {
    const entries: InfoBarEntry[] = [];
    for (const entry of allByClass(bar, 'InfoBar_entry')) {
      const key = text(byClass(entry, 'InfoBar_key'));
      const valueEl = byClass(entry, 'InfoBar_value');
      if (key && valueEl) entries.push({ key, value: text(valueEl), element: valueEl });
    }
    const isPatient = entries.some(
      (e) => (e.key === 'Name' && e.element.querySelector('a[href*="Patient/"]')) || e.key.toLowerCase() === 'dob',
    );
    if (isPatient) return entries;
  }
  return [];
}

const HEADER_KEYS = new Set(['name', 'dob', 'age', 'gender', 'state']);

interface Demographic {
  value: string;
  element: Element;
}

/** The summary's unlabelled demographics rows: `.SummaryItem_item`s outside every collapsible section. */
function summaryDemographics(panel: Element): { dob?: Demographic; gender?: Demographic } {
  const found: { dob?: Demographic; gender?: Demographic } = {};
  for (const item of allByClass(panel, 'SummaryItem_item')) {
    if (closestByClass(item, 'CollapsibleSection_root')) continue;
    const value = text(item);
    if (!found.dob && /^\d{4}-\d{2}-\d{2}\b/.test(value)) found.dob = { value, element: item };
    else if (!found.gender && /^(male|female|other|unknown)\b/i.test(value)) found.gender = { value, element: item };
  }
  return found;
}

/** Who the patient is (the header first, then the summary panel), then age and gender. */
function readPatient(builder: ChartBuilder, doc: Document): void {
  const entries = infoBarEntries(doc);
  const entry = (key: string) => entries.find((e) => e.key.toLowerCase() === key);
  const [name, dob, age, gender] = ['name', 'dob', 'age', 'gender'].map(entry);
  const identifiers = entries.filter((e) => !HEADER_KEYS.has(e.key.toLowerCase()) && e.value);
  // An identifier whose system says MRN wins; otherwise the first the header shows.
  const mrn = identifiers.find((e) => /\bmrn\b|medical[\s-]?record/i.test(e.key)) ?? identifiers[0];
  if (name?.value) builder.setIdentity({ name: name.value }, name.element, 'Name');
  const headerDob = dob && parseClinicalDate(dob.value);
  if (dob && headerDob) builder.setIdentity({ dob: headerDob }, dob.element, 'DoB');
  if (mrn) builder.setIdentity({ mrn: mrn.value }, mrn.element, mrn.key);

  const panel = byClass(doc, 'PatientSummary_panel');
  const summary = panel ? summaryDemographics(panel) : {};
  const summaryDob = summary.dob && parseClinicalDate(summary.dob.value);
  if (panel) {
    const header = byClass(panel, 'PatientSummary_headerContent');
    const nameEl = header?.querySelector('p') ?? header?.querySelector('[title]');
    const summaryName = cleanText(nameEl?.textContent || nameEl?.getAttribute('title'));
    if (nameEl && summaryName) builder.setIdentity({ name: summaryName }, nameEl, 'Patient');
    if (summary.dob && summaryDob) builder.setIdentity({ dob: summaryDob }, summary.dob.element, 'Birthdate & Age');
  }

  // "070Y" is years; "005M"/"010D" (under two) are not, and then the DOB gives 0.
  const dobIso = headerDob ?? summaryDob;
  const shownAge = age ? parseAgeText(age.value) : undefined;
  const summaryAge = summary.dob ? parseAgeText(/\(([^)]*)\)/.exec(summary.dob.value)?.[1] ?? '') : undefined;
  if (shownAge !== undefined && age) builder.setAge(shownAge, age.element, 'Age');
  else if (summaryAge !== undefined && summary.dob) builder.setAge(summaryAge, summary.dob.element, 'Birthdate & Age');
  else if (dobIso) builder.setAge(ageOnDate(dobIso, new Date()), age?.element ?? summary.dob?.element, 'DoB');

  if (gender?.value) builder.setGender(gender.value, gender.element, 'Gender');
  else if (summary.gender) builder.setGender(summary.gender.value.split('·')[0] ?? '', summary.gender.element, 'Gender & Identity');
}

function sectionKind(title: string): SectionKind | undefined {
  return SECTION_KINDS.find(([re]) => re.test(title))?.[1];
}

interface Section {
  title: string;
  titleEl: Element;
  content: Element;
}

/** Every CollapsibleSection: its title and the element its items are in (mounted even when collapsed). */
function sections(doc: Document): Section[] {
  const found: Section[] = [];
  for (const root of allByClass(doc, 'CollapsibleSection_root')) {
    const header = byClass(root, 'CollapsibleSection_header');
    const titleEl = byClass(root, 'CollapsibleSection_title');
    const content = Array.from(root.children).find((child) => child !== header);
    if (titleEl && content) found.push({ title: text(titleEl), titleEl, content });
  }
  return found;
}

function readSection(builder: ChartBuilder, section: Section, what: SectionKind): void {
  const itemTexts = allByClass(section.content, 'SummaryItem_itemText');
  if (itemTexts.length === 0) {
    // Sections without SummaryItems (Smoking Status) show their value as plain text.
    for (const line of visibleLines(section.content)) {
      if (line === '(none)') continue;
      builder.addItem(what.kind, what.prefix ? `${what.prefix}: ${line}` : line, section.content, section.title);
    }
    return;
  }
  for (const textEl of itemTexts) {
    const value = text(textEl);
    if (!value) continue;
    const item = closestByClass(textEl, 'SummaryItem_item') ?? textEl;
    const status = allByClass(item, 'mantine-Badge-label')
      .map((badge) => text(badge).toLowerCase())
      .find((badge) => badge && !badge.startsWith('+'));
    if (status === 'entered-in-error') continue;
    if (what.kind === 'allergy' && NO_KNOWN_ALLERGIES.test(value)) {
      builder.markNoKnownAllergies();
      continue;
    }
    const dateText = text(item.querySelector('p[data-size="xs"]'));
    const date = dateText ? parseClinicalDate(dateText) : undefined;
    let kind = what.kind;
    const notes: string[] = [];
    if (what.kind === 'problem' && status && PAST_PROBLEM.has(status)) kind = 'history';
    if (status && status !== (what.usual ?? 'active') && status !== 'unknown') notes.push(status);
    if (date) notes.push(what.kind === 'problem' ? `onset ${date}` : /^given\b/i.test(dateText) ? `given ${date}` : date);
    const line = `${what.prefix ? `${what.prefix}: ` : ''}${value}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    builder.addItem(kind, line, textEl, section.title);
  }
}

/** The encounter's free-text chart note: an editable textarea outside the summary and the timeline's comment form. */
function findNoteField(doc: Document): HTMLTextAreaElement | undefined {
  const candidates = Array.from(doc.querySelectorAll('textarea')).filter(
    (el) =>
      !el.disabled &&
      !el.readOnly &&
      el.getAttribute('tabindex') !== '-1' &&
      !isIgnoredElement(el) &&
      !el.closest('[class*="PatientSummary_panel"], [data-testid="timeline-form"], [role="dialog"], [class*="mantine-Modal-root"]'),
  );
  // The Provider app titles the note's card "Fill chart note": a textarea under a note heading wins.
  const titled = candidates.find((el) => {
    const card = el.closest('[class*="mantine-Card-root"], [class*="mantine-Paper-root"], section, form');
    const heading = card?.querySelector('h1, h2, h3, h4, h5, h6, [class*="mantine-Title-root"]');
    return !!heading && /\bnotes?\b/i.test(text(heading));
  });
  if (titled) return titled;
  return candidates.length === 1 ? candidates[0] : undefined;
}

export const medplumAdapter: EhrAdapter = {
  id: ID,
  name: 'Medplum',

  matches: matchesMedplum,

  readChart(doc: Document, url: URL): ChartContext {
    const builder = new ChartBuilder(ID, url.href);
    readPatient(builder, doc);
    for (const section of sections(doc)) {
      const what = sectionKind(section.title);
      if (what) readSection(builder, section, what);
    }
    return builder.build();
  },

  readIdentity(doc: Document, url: URL): PatientIdentity {
    const builder = new ChartBuilder(ID, url.href);
    readPatient(builder, doc);
    return builder.build().identity;
  },

  findNoteFields(doc: Document): NoteFields {
    const note = findNoteField(doc);
    return note ? { note } : {};
  },
};
