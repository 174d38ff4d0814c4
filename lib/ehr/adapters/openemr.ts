/**
 * OpenEMR (open-emr.org), read from its own markup. OpenEMR shows every chart page inside tab
 * iframes of one "main" shell; the content script reads each frame separately and
 * lib/ehr/merge-frames.ts merges them, so this adapter only ever reads the document it is given.
 *
 * Markup relied on (references to github.com/openemr/openemr, not copied code):
 *
 * Tabs shell — interface/main/tabs/main.php, templates/interface/main/tabs/tabs_template.html.twig,
 * interface/main/tabs/templates/patient_data_template.php, interface/main/tabs/js/tabs_view_model.js
 * - `#attendantData` holds the rendered patient header; `#tabs_div` > `.tabControls` the tab strip;
 *   `#mainFrames_div` > `#framesDisplay` > `.frameDisplay` > `iframe[name]` the tab frames
 *   ("pat" = dashboard, "enc" = encounter / visit history).
 * - `a.ptName` > first `span` = "First Last"; `.text-muted` > `span` = pubpid (the chart's external
 *   id, shown as MRN). The template puts `div.mt-2` > `span` after it with " DOB: <date> Age: <age>"
 *   (built in interface/patient_file/summary/demographics.php setMyPatient(); the date is in the
 *   site's display format, the age from PatientService::getPatientAge(): years, "N month" under two,
 *   or "Ny Nm Nd"; "Age at death" for deceased patients).
 *
 * Dashboard ("Medical Record Dashboard") — interface/patient_file/summary/demographics.php
 * - `body.patient-demographic`, `#container_div`; first `h2` is OemrUI::pageHeading()
 *   (src/OeUI/OemrUI.php): "Medical Record Dashboard - First Last".
 * - Cards (templates/patient/card/card_base.html.twig): `section` > `.card-body` >
 *   `h6.card-title` > `a` (the card title) and `div#<id>.card-text.collapse[.show]` (the body;
 *   collapsed cards keep their content in the DOM, so they are read too). Ids: `allergy_ps_expand`,
 *   `medical_problem_ps_expand`, `medication_ps_expand`, `prescriptions_ps_expand`,
 *   `demographics_ps_expand` (others: billing_, insurance_, pnotes_, vitals_, labdata_ …).
 * - templates/patient/card/allergies.html.twig: `.list-group-item` > `.d-flex` > `.flex-fill` with
 *   text "<title> (<span>severity</span>)" and title attribute "<title> Reaction: <reaction> -
 *   <severity>". Empty list: one `.list-group-item` with only text, "No Known Allergies" (list
 *   touched) or "Nothing Recorded".
 * - templates/patient/card/medical_problems.html.twig: `.list-group-item` with the title as text;
 *   empty: "None" / "Nothing Recorded".
 * - templates/patient/card/medication.html.twig: `.list-group-item` > `span.font-weight-normal`
 *   (title) + `span` (drug_dosage_instructions); empty: "None" / "Nothing Recorded".
 * - templates/patient/card/rx.html.twig wrapping templates/prescription/general_fragment.html:
 *   `table` > `tr.text` > `td` drug, `td` Prescription::get_dosage_display(); empty: one td "None".
 * - Demographics card (templates/patient/card/tab_base.html.twig → library/options.inc.php
 *   display_layout_tabs_data()): `td.label_custom#label_<field>` then `td.text.data#text_<field>`
 *   with the raw value in `data-value`; fields laid out in the same cell (mname, lname in the default
 *   DEM layout) are `span#text_<field>` (display:none, raw value) plus the shown text. Fields: fname,
 *   lname, pubpid ("External ID"), DOB (data-value YYYY-MM-DD), sex ("Sex").
 *
 * Visit History — interface/patient_file/history/encounters.php
 * - `#encounters`, `span.title` ("Visit History"), `span.heading` "First Last (pubpid)   DOB: date";
 *   `tr.encrow` rows; clinical view columns Date | Issue | Reason/Form | Provider | …, billing view
 *   has `th.billing_note` instead. The Reason/Form cell: reason text, then `div.pl-2` > one `div` per form.
 *
 * SOAP form — interface/forms/soap/templates/soap_form.twig (and general_new.html/.twig)
 * - `form[name=soap]` posting to `…/interface/forms/soap/save.php`; `fieldset` > `legend` + textarea
 *   `name=subjective|objective|assessment|plan` with `onkeyup="top.isSoapEdit = true;"` (the dirty flag).
 */
import type { EhrAdapter, NoteFields } from '../adapter';
import { ChartBuilder, cleanText } from '../chart-builder';
import type { ChartItemKind } from '../chart-context';
import { ageOnDate, parseAgeText, parseClinicalDate } from '../dates';
import { isIgnoredElement, visibleLines, visibleText } from '../visibility';
import { SOAP_SECTIONS } from '../../note/sections';
import { matchesOpenemr } from './openemr-match';

const ID = 'openemr';

/** The explicit "no allergies" OpenEMR prints for a touched, empty list (and what users type as an allergy title). */
const NO_KNOWN_ALLERGIES = /^(?:no known (?:drug )?allergies|nka|nkda|no allergies)\.?$/i;
/** Empty-list rows of the issue cards: never chart items. */
const EMPTY_LIST = /^(?:none|nothing recorded|no known (?:drug )?allergies|nka|nkda|no (?:active )?(?:medications|problems|issues|prescriptions))\.?$/i;

/** The list cards read as items, in page order: card body id, what its rows are, its usual title. */
const LIST_CARDS: [id: string, kind: ChartItemKind, title: string][] = [
  ['medical_problem_ps_expand', 'problem', 'Medical Problems'],
  ['medication_ps_expand', 'medication', 'Medications'],
  ['prescriptions_ps_expand', 'medication', 'Prescriptions'],
];

/** Each reader, in the order the chart is read. */
const READERS: ((chart: ChartBuilder, doc: Document) => void)[] = [
  readIdentity,
  readAllergies,
  ...LIST_CARDS.map((card) => (chart: ChartBuilder, doc: Document) => readListCard(chart, doc, ...card)),
  readVisitHistory,
];

export const openemrAdapter: EhrAdapter = {
  id: ID,
  name: 'OpenEMR',

  matches: matchesOpenemr,

  readChart(doc, url) {
    const chart = new ChartBuilder(ID, url.href);
    for (const read of READERS) {
      try {
        read(chart, doc);
      } catch {
        // A reader that trips over odd markup loses its own section, not the whole chart.
      }
    }
    return chart.build();
  },

  readIdentity(doc, url) {
    const chart = new ChartBuilder(ID, url.href);
    try {
      readIdentity(chart, doc);
    } catch {
      // Whatever was read before the odd markup still says who the patient is.
    }
    return chart.build().identity;
  },

  findNoteFields(doc) {
    const root: ParentNode = doc.querySelector('form[name="soap"]') ?? doc;
    const fields: NoteFields = {};
    for (const section of SOAP_SECTIONS) {
      const field = root.querySelector(`textarea[name="${section}"]`);
      if (field) fields[section] = field;
    }
    return fields;
  },
};

// ─── Identity and demographics ────────────────────────────────────────────────────────────────

/** Who the patient is, from every place a frame may show it, with age and sex where shown. */
function readIdentity(chart: ChartBuilder, doc: Document): void {
  readShellHeader(chart, doc);
  readDemographicsCard(chart, doc);
  readVisitHistoryHeading(chart, doc);
}

/** The age from a date of birth (today in the clinician's time zone). */
function setAgeFromDob(chart: ChartBuilder, dob: string | undefined, element: Element, label: string): void {
  if (dob) chart.setAge(ageOnDate(dob, new Date()), element, label);
}

/**
 * The shell's patient header. Read even when the clinician has folded the header away
 * (`#attendantData` slid up): it still names the open chart.
 */
function readShellHeader(chart: ChartBuilder, doc: Document): void {
  const link = doc.querySelector('#attendantData a.ptName');
  if (!link) return;
  const first = link.firstElementChild;
  const nameEl = first && !first.classList.contains('text-muted') ? first : link;
  let name = cleanText(nameEl.textContent);
  let mrn = cleanText((link.querySelector('.text-muted span') ?? link.querySelector('.text-muted'))?.textContent).replace(/^\(|\)$/g, '');
  if (nameEl === link) {
    const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(name);
    if (m) [name, mrn] = [m[1]!, m[2]!];
  }
  const dobEl = link.closest('.form-group')?.querySelector('.mt-2');
  const dobText = cleanText(dobEl?.textContent);
  const dob = parseClinicalDate(dobText);
  chart.setIdentity({ name, dob, mrn }, nameEl, 'Patient');
  if (!dobEl) return;
  const age = headerAge(dobText);
  if (age !== undefined) chart.setAge(age, dobEl, 'Age');
  else if (!/death/i.test(dobText)) setAgeFromDob(chart, dob, dobEl, 'DOB');
}

/** "Age: 68", "Age: 18 month", "Age: 3y 2m 1d", "Age at death: 80" (PatientService::getPatientAge and friends). */
function headerAge(text: string): number | undefined {
  const death = /age at death\s*:\s*(\d{1,3})/i.exec(text);
  if (death) return Number(death[1]);
  const months = /(\d{1,3})\s*month/i.exec(text);
  if (months) return Math.floor(Number(months[1]) / 12);
  return parseAgeText(text);
}

function readDemographicsCard(chart: ChartBuilder, doc: Document): void {
  const card = doc.getElementById('demographics_ps_expand');
  const fname = card && fieldValue(card, 'fname');
  const lname = card && fieldValue(card, 'lname');
  // First and last name, as the shell header writes it, so frames agree on who the patient is.
  let name = [fname?.value, lname?.value].filter(Boolean).join(' ');
  let nameEl = fname?.element ?? lname?.element ?? card ?? undefined;
  let nameLabel = card ? fieldLabel(card, 'fname', 'Name') : 'Patient';
  if (!name) {
    // The page heading, "Medical Record Dashboard - First Last".
    const heading = doc.querySelector('#container_div h2');
    const text = cleanText(heading?.firstChild?.textContent);
    const dash = text.lastIndexOf(' - ');
    if (heading && dash > 0) [name, nameEl, nameLabel] = [text.slice(dash + 3), heading, 'Patient'];
  }
  if (!card) {
    chart.setIdentity({ name }, nameEl, nameLabel);
    return;
  }
  const dobField = fieldValue(card, 'DOB');
  const dob = dobField && (parseClinicalDate(dobField.value) ?? parseClinicalDate(cleanText(dobField.element.textContent)));
  chart.setIdentity({ name, dob, mrn: fieldValue(card, 'pubpid')?.value }, nameEl, nameLabel);
  if (dobField) setAgeFromDob(chart, dob, dobField.element, fieldLabel(card, 'DOB', 'DOB'));
  const sex = card.querySelector('#text_sex');
  if (sex) chart.setGender(visibleText(sex) || sex.getAttribute('data-value') || '', sex, fieldLabel(card, 'sex', 'Sex'));
}

/**
 * A layout field's value: `data-value` on a data cell, else the field's own text (a same-cell
 * field's hidden raw-value span, or the data cell's leading text without the fields laid out after it).
 */
function fieldValue(scope: Element, field: string): { value: string; element: Element } | undefined {
  const element = scope.querySelector(`#text_${field}`);
  if (!element) return undefined;
  const raw = element.getAttribute('data-value');
  let value = raw ?? '';
  if (raw === null) for (const node of Array.from(element.childNodes)) if (node.nodeType === 3) value += node.nodeValue ?? '';
  return { value: cleanText(value, 200), element };
}

function fieldLabel(scope: Element, field: string, fallback: string): string {
  return cleanText(scope.querySelector(`#label_${field}`)?.textContent).replace(/:$/, '') || fallback;
}

function readVisitHistoryHeading(chart: ChartBuilder, doc: Document): void {
  const heading = doc.querySelector('#encounters span.heading');
  const m = /^(.*?)\s*\(([^()]*)\)(.*)$/.exec(cleanText(heading?.textContent));
  if (!heading || !m) return;
  const dob = parseClinicalDate(m[3]!);
  chart.setIdentity({ name: m[1], mrn: m[2], dob }, heading, 'Visit History');
  setAgeFromDob(chart, dob, heading, 'DOB');
}

// ─── Dashboard cards ──────────────────────────────────────────────────────────────────────────

/** The card body and its title as shown ("Allergies", from card_base's `h6.card-title a`), and its rows. */
function card(doc: Document, id: string, fallback: string, rowSelector = '.list-group-item'): { label: string; rows: Element[] } | undefined {
  const body = doc.getElementById(id);
  if (!body) return undefined;
  const section = body.closest('section');
  const title = section?.querySelector('.card-title a') ?? section?.querySelector('.card-title');
  const rows = Array.from(body.querySelectorAll(rowSelector)).filter((row) => !isIgnoredElement(row));
  return { label: cleanText(title?.textContent, 200) || fallback, rows };
}

function readAllergies(chart: ChartBuilder, doc: Document): void {
  const allergies = card(doc, 'allergy_ps_expand', 'Allergies');
  for (const row of allergies?.rows ?? []) {
    const main = row.querySelector('.flex-fill');
    // The empty-list row: "No Known Allergies" is an explicit none, "Nothing Recorded" is not.
    const name = main ? visibleText(main).replace(/\s*\([^()]*\)\s*$/, '') : visibleText(row);
    if (NO_KNOWN_ALLERGIES.test(name)) chart.markNoKnownAllergies();
    if (!main || !name || NO_KNOWN_ALLERGIES.test(name)) continue;
    const severity = cleanText(main.querySelector('span')?.textContent);
    const reaction = allergyReaction(cleanText(main.getAttribute('title')), name, severity);
    const text = `${name}${severity ? ` (${severity})` : ''}${reaction ? `, reaction: ${reaction}` : ''}`;
    chart.addItem('allergy', text, main, allergies!.label);
  }
}

/** The reaction from the row's tooltip, "<name> Reaction: <reaction> - <severity>" (the word "Reaction" is translated). */
function allergyReaction(title: string, name: string, severity: string): string {
  if (!title.startsWith(name)) return '';
  let rest = title.slice(name.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return '';
  rest = rest.slice(colon + 1).trim();
  const suffix = severity ? `- ${severity}` : '-';
  if (rest.endsWith(suffix)) rest = rest.slice(0, -suffix.length).trim();
  return rest;
}

/**
 * Medical Problems (text rows), Medications (title span + instructions span) and Prescriptions
 * (table rows: drug cell, dosage cell), as "Metformin 500 mg tablet — 1 tablet by mouth twice daily".
 */
function readListCard(chart: ChartBuilder, doc: Document, id: string, kind: ChartItemKind, fallbackLabel: string): void {
  const table = id === 'prescriptions_ps_expand';
  const list = card(doc, id, fallbackLabel, table ? 'tr' : undefined);
  for (const row of list?.rows ?? []) {
    const parts = Array.from(row.children).filter((child) => (table ? child.tagName === 'TD' : child.tagName === 'SPAN' && !isIgnoredElement(child)));
    const text = table || parts.length ? joinParts(parts.map((part) => visibleText(part))) : visibleText(row);
    if (text && !EMPTY_LIST.test(text)) chart.addItem(kind, text, row, list!.label);
  }
}

/** "Metformin 500 mg tablet — 1 tablet by mouth twice daily": the name, then what the page says of it. */
function joinParts(parts: string[]): string {
  const [first = '', ...rest] = parts.map((part) => cleanText(part)).filter(Boolean);
  return rest.length ? `${first} — ${rest.join(' ')}` : first;
}

// ─── Visit History ────────────────────────────────────────────────────────────────────────────

function readVisitHistory(chart: ChartBuilder, doc: Document): void {
  const root = doc.getElementById('encounters');
  if (!root || root.querySelector('th.billing_note')) return; // the billing view lists charges, not visits
  const label = cleanText(root.querySelector('span.title')?.textContent, 200) || 'Visit History';
  const headers = Array.from(root.querySelectorAll('thead th')).map((th) => cleanText(th.textContent).toLowerCase());
  const column = (re: RegExp, fallback: number): number => {
    const index = headers.findIndex((h) => re.test(h));
    return index >= 0 ? index : fallback;
  };
  const hasIssue = headers.length === 0 || headers.some((h) => /^issue/.test(h));
  const dateCol = column(/^date$/, 0);
  const issueCol = hasIssue ? column(/^issue/, 1) : -1;
  const reasonCol = column(/reason/, hasIssue ? 2 : 1);
  const providerCol = column(/provider/, hasIssue ? 3 : 2);
  for (const row of Array.from(root.querySelectorAll('tr.encrow'))) {
    if (isIgnoredElement(row)) continue;
    const cells = Array.from(row.children).filter((cell) => cell.tagName === 'TD');
    const reasonCell = cells[reasonCol];
    if (!reasonCell) continue;
    // Reason text first, then div.pl-2 with one line per form: the last lines are the forms.
    const formsBox = Array.from(reasonCell.children).find((child) => child.classList.contains('pl-2'));
    const forms = formsBox ? Array.from(formsBox.children).map((form) => visibleText(form)).filter(Boolean) : [];
    const lines = visibleLines(reasonCell);
    const reason = lines.slice(0, Math.max(0, lines.length - forms.length)).join(' ');
    const issues = cells[issueCol] ? visibleLines(cells[issueCol]).join('; ') : '';
    const text = sentences([reason, issues && `Issues: ${issues}`, forms.length ? `Forms: ${forms.join(', ')}` : '']);
    const dateCell = cells[dateCol];
    const providerCell = cells[providerCol];
    chart.addVisitNote({ date: dateCell && parseClinicalDate(visibleText(dateCell)), provider: providerCell && visibleText(providerCell), text }, row, label);
  }
}

/** Joins non-empty parts as sentences, adding a full stop where a part has none. */
function sentences(parts: string[]): string {
  const kept = parts.filter(Boolean);
  return kept.map((part, i) => (i < kept.length - 1 && !/[.!?;:]$/.test(part) ? `${part}.` : part)).join(' ');
}
