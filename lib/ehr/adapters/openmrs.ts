/**
 * OpenMRS 3 ("O3", the React micro-frontend UI served under `/openmrs/spa/`).
 *
 * Markup facts this adapter relies on, read from O3's public sources (references, not copied
 * code). Repositories: `openmrs/openmrs-esm-core` (core) and `openmrs/openmrs-esm-patient-chart`
 * (chart); Carbon is `carbon-design-system/carbon` packages/react (carbon).
 *
 * Page and shell
 * - Chart URLs are `${spaBase}/patient/<uuid>/chart/<dashboard>`, spaBase `/openmrs/spa` by default
 *   (chart: packages/esm-patient-chart-app/src/routes.json "routeRegex": "^patient\/.+\/chart").
 * - Every extension slot renders `div[data-extension-slot-name]`, every extension
 *   `div[data-extension-id="<name>"]` (core: packages/framework/esm-react-utils/src/ExtensionSlot.tsx,
 *   Extension.tsx). Nothing but O3's extension system writes these attributes.
 * - CSS modules are named `${app}__[name]__[local]___[hash]` (core:
 *   packages/tooling/webpack-config/src/index.ts, localIdentName): the hash changes between
 *   builds, the `[local]` part (`patientName`, `hidden`) does not. Used only where O3 offers
 *   nothing steadier, and always with a structural fallback.
 *
 * Patient banner (chart: packages/esm-patient-banner-app/src/banner/patient-banner.component.tsx;
 * core: packages/framework/esm-styleguide/src/patient-banner/patient-info/*.tsx)
 * - `header[aria-label="patient banner"][role="banner"]`, mounted as extension `patient-banner`
 *   in slot `patient-header-slot`.
 * - Name: `span.patientName` (module class); the avatar `div[title=<name>]` (core:
 *   esm-styleguide/src/patient-photo/patient-photo.component.tsx) is the fallback.
 * - Gender: `div.gender` > svg + `span` ("Female", "Male", "Other", "Unknown").
 * - Demographics row: `<span>{age}</span> · <span>{birth date}</span> · identifiers`. Age is
 *   esm-utils `age()`: "55 yrs", "4 yrs, 5 mths", "13 mths, 8 days", "3 days", "26 hr"
 *   (core: packages/framework/esm-utils/src/age-helpers.ts). Birth date is `formatPartialDate`:
 *   "14-Mar-1971" in English (core: esm-utils/src/dates/date-util.ts, formatDate).
 * - Identifiers, shown with labels: the primary one as a Carbon `Tag` (`.cds--tag`) holding
 *   "OpenMRS ID: " + value; the others as `label#patient-banner-identifier-<value>` holding
 *   "<type>: " + value (patient-banner-patient-identifiers.component.tsx).
 * - The tags slot holds Carbon Toggletips ("Active Visit") whose `.cds--popover-content` carries
 *   a visit start date: skipped so it is never read as a birth date.
 *
 * Summary widgets: each is a card whose first child is `CardHeader` = `div > h4{title}`
 * (chart: packages/esm-patient-common-lib/src/cards/card-header.component.tsx), followed by a
 * Carbon DataTable: `div.cds--data-table-container > div.cds--data-table-content > table.cds--data-table`
 * with `tbody > tr > td`, and an actions cell `td.cds--table-column-menu` (carbon: DataTable/Table.tsx).
 * With nothing recorded the card is O3's `EmptyState`: `h4{title}` and "There are no
 * {{displayText}} to display for this patient" (esm-patient-common-lib/src/empty-state/).
 * - Allergies: `h4` "Allergies"; `table[aria-label="allergies summary"]` with columns Allergen,
 *   Severity, Reaction, Comments (esm-patient-allergies-app/src/allergies/allergies-detailed-summary.component.tsx),
 *   or in older builds `table[aria-label="allergies overview"]` with Name, Reactions
 *   (allergies-overview.component.tsx). Missing values render "--".
 * - Conditions: `h4` "Conditions" (extension `conditions-overview-widget`); columns Condition,
 *   Date of onset (formatDate mode "wide": "12 — Jan — 2019"), Status ("Active"/"Inactive");
 *   a status filter may show inactive ones (esm-patient-conditions-app/src/conditions/conditions-overview.component.tsx).
 * - Medications: `table[aria-label="medications"]` in a card titled "Active Medications"
 *   (extension `active-medications-widget`); the same table is used for "Past Medications" and
 *   "Upcoming Medications", so the title decides. Columns Start date, Details; the details cell
 *   is `<p><strong>{drug}</strong> — strength — form</p><p>DOSE … — route — frequency — duration</p>`
 *   and an optional `<p>INDICATION … QUANTITY …</p>`. The card also holds a print-only copy of
 *   the header (hidden by its stylesheet) with a second `h4` and the patient's name
 *   (esm-patient-medications-app/src/components/medications-details-table.component.tsx, print/print.component.tsx).
 * - Visit notes: `h4` "Visit notes" (extension `notes-overview-widget`); an expandable Carbon
 *   table: `tr.cds--parent-row[data-parent-row]` with an expand cell `td.cds--table-expand`,
 *   Date ("02 — Oct — 2026") and Diagnoses ("a, b" or "--"), then `tr[data-child-row]` whose
 *   `div.cds--child-row-inner-container` holds, when expanded, `span{note text}` and
 *   `span{"10:32 AM · Provider, Role"}` (esm-patient-notes-app/src/notes/paginated-notes.component.tsx;
 *   carbon: DataTable/TableExpandRow.tsx, TableExpandedRow.tsx). Collapsed rows carry no note
 *   text in the DOM at all, only date and diagnoses.
 *
 * Visit note form (esm-patient-notes-app/src/notes/visit-notes-form.component.tsx, in the
 * framework's Workspace2 window, core: esm-styleguide/src/workspaces2/workspace2.component.tsx)
 * - One free-text field: Carbon `TextArea` with `id="additionalNote"`, label "Write your notes",
 *   placeholder "Write any notes here", in the row labelled "Note". It has no `name` attribute
 *   (react-hook-form's Controller keeps the name). The window's title is `header[aria-label="Workspace header"] .cds--header__name`
 *   "Visit Note"; a hidden window keeps its form mounted under a `hidden` module class.
 * - The sticky note modal has a different textarea (`#sticky-note-text`): never the note field.
 *
 * Allergies, "none": O3 has no "No known allergies" status. An empty list renders the EmptyState
 * ("There are no allergy intolerances to display for this patient"), and the allergy pill list
 * elsewhere in O3 says "Allergies: Unknown" for the same state (allergies-list.extension.tsx).
 * So an empty state is "nothing recorded", never an explicit none; only an allergen recorded
 * literally as "No known allergies" / "NKDA" (a non-coded allergen some sites use) counts as one.
 */
import type { EhrAdapter } from '../adapter';
import { ChartBuilder, cleanText } from '../chart-builder';
import { ageOnDate, localIso, parseAgeText, parseClinicalDate } from '../dates';
import { isIgnoredElement, visibleText } from '../visibility';
import { findBanner, matchesOpenmrs } from './openmrs-match';

const ADAPTER_ID = 'openmrs';
const BANNER_LABEL = 'Patient banner';

/** Where O3 hides text until hovered or clicked (Carbon popovers and tooltips). */
const POPOVER_SELECTOR = '.cds--popover-content, [role="tooltip"]';

/** O3's `age()` output: a number and a short unit ("55 yrs", "13 mths, 8 days", "26 hr"). */
const AGE_TEXT = /^\d+\s*(?:yrs?|mths?|wks?|days?|hr|min)\b/i;
const NO_KNOWN_ALLERGIES = /^(?:no known (?:drug )?allergies|nkda|nka)\.?$/i;
const EMPTY_CELL = /^(?:--|-|—)?$/;

interface Widget {
  read: WidgetReader;
  /** The card's title as shown. */
  title: string;
  card: Element;
}

type WidgetReader = (builder: ChartBuilder, widget: Widget, now: Date) => void;

/**
 * True when one of the element's classes is the CSS-module class `local`: exactly `local`, or
 * `…__local___hash` as O3's builds name it. `patientName` must not match `patientNameRow`.
 */
function hasModuleClass(el: Element, local: string): boolean {
  for (const name of Array.from(el.classList)) {
    if (name === local) return true;
    const at = name.lastIndexOf(`__${local}___`);
    // What follows `___` is the short hash (it may itself contain `_` or `-`).
    if (at >= 0 && name.length - (at + local.length + 5) <= 10) return true;
  }
  return false;
}

function byModuleClass(root: Element, local: string): Element[] {
  return Array.from(root.querySelectorAll(`[class*="${local}"]`)).filter((el) => hasModuleClass(el, local));
}

/** O3 dates: "14-Mar-1971", wide "02 — Oct — 2026", or "Today" (with a time) for today. */
function readO3Date(text: string, now: Date): string | undefined {
  const plain = text.replace(/\s*—\s*/g, ' ').trim();
  if (!plain || EMPTY_CELL.test(plain)) return undefined;
  if (/^today\b/i.test(plain)) return localIso(now);
  return parseClinicalDate(plain, now);
}

/** Leaf spans of the banner a clinician can read (not the avatar's initials, not popovers). */
function bannerSpans(banner: Element): Element[] {
  return Array.from(banner.querySelectorAll('span')).filter(
    (span) => span.children.length === 0 && !span.closest(POPOVER_SELECTOR) && !span.closest('[title]') && !isIgnoredElement(span),
  );
}

/** The patient banner: name, birth date and identifier as the identity, then age and gender. */
function readBanner(builder: ChartBuilder, doc: Document): void {
  const banner = findBanner(doc);
  if (!banner) return;
  const now = new Date();

  let name: string | undefined;
  let nameEl = byModuleClass(banner, 'patientName').find((el) => !isIgnoredElement(el) && visibleText(el));
  if (nameEl) name = visibleText(nameEl);
  else {
    const avatar = banner.querySelector('[title]:not(button):not(a)');
    const title = cleanText(avatar?.getAttribute('title'), 200);
    if (avatar && title) [name, nameEl] = [title, avatar];
  }

  const spans = bannerSpans(banner);
  const spanText = (span: Element): string => cleanText(span.textContent);

  // The age span comes first in the demographics row, the birth date right after it.
  const ageIndex = spans.findIndex((span) => AGE_TEXT.test(spanText(span)));
  const ageEl = spans[ageIndex];
  const dobEl = (ageEl ? spans.slice(ageIndex + 1, ageIndex + 4) : spans).find((span) => {
    const text = spanText(span);
    return text.length <= 30 && !text.includes(':') && readO3Date(text, now) !== undefined;
  });
  const dob = dobEl && readO3Date(spanText(dobEl), now);
  const mrn = readIdentifiers(banner);
  builder.setIdentity({ name, dob, mrn: mrn?.value }, nameEl ?? banner, BANNER_LABEL);

  if (ageEl) {
    const text = spanText(ageEl);
    // Under two years O3 shows months, weeks, days or hours: whole years from the birth date.
    const months = /(\d+)\s*mths?/i.exec(text);
    const age = parseAgeText(text) ?? (dob ? ageOnDate(dob, now) : months ? Math.floor(Number(months[1]) / 12) : 0);
    builder.setAge(age, ageEl, BANNER_LABEL);
  } else if (dob) {
    builder.setAge(ageOnDate(dob, now), dobEl, BANNER_LABEL);
  }

  const genderEl =
    byModuleClass(banner, 'gender').find((el) => !el.closest(POPOVER_SELECTOR) && visibleText(el)) ??
    spans.find((span) => /^(?:male|female|other|unknown)$/i.test(spanText(span)));
  if (genderEl) builder.setGender(visibleText(genderEl), genderEl, BANNER_LABEL);
}

/** The OpenMRS ID if shown, else the primary identifier (the tag), else the first labelled one. */
function readIdentifiers(banner: Element): { value: string; primary: boolean; label: string } | undefined {
  const found: { label: string; value: string; primary: boolean }[] = [];
  for (const el of Array.from(banner.querySelectorAll('.cds--tag, [id^="patient-banner-identifier-"]'))) {
    if (el.closest(POPOVER_SELECTOR) || isIgnoredElement(el)) continue;
    const match = /^([^:]{1,60}):\s*(\S.{0,79})$/.exec(visibleText(el));
    if (!match) continue; // visit and attribute tags have no "type: value" shape
    found.push({ label: match[1]!.trim(), value: match[2]!.trim(), primary: el.classList.contains('cds--tag') });
  }
  return found.find((id) => /^openmrs\s*id$/i.test(id.label)) ?? found.find((id) => id.primary) ?? found[0];
}

/** The card's data table: the first one not hidden (the print copy has none). */
function cardTable(card: Element, selector = 'table'): Element | undefined {
  return Array.from(card.querySelectorAll(selector)).find((table) => !isIgnoredElement(table));
}

/** Data cells of a row: not the expand toggle, not the overflow-menu column. */
function dataCells(row: Element): Element[] {
  return Array.from(row.children).filter(
    (cell) => cell.tagName === 'TD' && !cell.classList.contains('cds--table-column-menu') && !cell.classList.contains('cds--table-expand'),
  );
}

function bodyRows(table: Element | undefined): Element[] {
  return table ? Array.from(table.querySelectorAll('tbody > tr')).filter((row) => !isIgnoredElement(row)) : [];
}

function cellText(cell: Element | undefined): string {
  const text = cell ? visibleText(cell) : '';
  return EMPTY_CELL.test(text) ? '' : text;
}

const readAllergies: WidgetReader = (builder, widget) => {
  // No table: the EmptyState, nothing recorded, which O3 itself calls "Unknown".
  const table = cardTable(widget.card, 'table[aria-label^="allergies"]') ?? cardTable(widget.card);
  const overview = table?.getAttribute('aria-label') === 'allergies overview';
  for (const row of bodyRows(table)) {
    const cells = dataCells(row);
    const allergen = cellText(cells[0]);
    if (!allergen) continue;
    if (NO_KNOWN_ALLERGIES.test(allergen)) {
      builder.markNoKnownAllergies();
      continue;
    }
    // Overview: Name | Reactions ("Hives, Rash (severe)"). Summary: Allergen | Severity | Reaction | Comments.
    const reaction = cellText(overview ? cells[1] : cells[2]);
    const severity = overview ? '' : cellText(cells[1]);
    const comments = overview ? '' : cellText(cells[3]);
    let text = allergen;
    if (reaction) text += ` — ${reaction}`;
    if (severity) text += ` (${severity.toLowerCase()})`;
    if (comments) text += `; ${comments}`;
    builder.addItem('allergy', text, row, widget.title);
  }
};

const readConditions: WidgetReader = (builder, widget) => {
  for (const row of bodyRows(cardTable(widget.card))) {
    const [nameCell, onsetCell, statusCell] = dataCells(row);
    const name = cellText(nameCell);
    if (!name) continue;
    const onset = cellText(onsetCell).replace(/\s*—\s*/g, ' ');
    const inactive = /^inactive$/i.test(cellText(statusCell));
    const notes = [inactive ? 'inactive' : '', onset ? `onset ${onset}` : ''].filter(Boolean);
    const text = notes.length ? `${name} (${notes.join(', ')})` : name;
    // An inactive condition is history, not a current problem.
    builder.addItem(inactive ? 'history' : 'problem', text, row, widget.title);
  }
};

const readActiveMedications: WidgetReader = (builder, widget) => {
  for (const row of bodyRows(cardTable(widget.card, 'table[aria-label="medications"]') ?? cardTable(widget.card))) {
    const cells = dataCells(row);
    const details = cells.find((cell) => cell.querySelector('strong')) ?? cells[1];
    if (!details) continue;
    const lines = Array.from(details.querySelectorAll('p'))
      .map((p) => visibleText(p))
      .filter(Boolean);
    builder.addItem('medication', lines.length ? lines.join('; ') : visibleText(details), row, widget.title);
  }
};

const readVisitNotes: WidgetReader = (builder, widget, now) => {
  for (const row of bodyRows(cardTable(widget.card))) {
    if (!row.hasAttribute('data-parent-row') && !row.classList.contains('cds--parent-row')) continue;
    const [dateCell, diagnosesCell] = dataCells(row);
    const diagnoses = cellText(diagnosesCell);

    // The note text exists only in an expanded row: a div holding the note span and the metadata span.
    let noteEl: Element | undefined;
    let text = '';
    let provider: string | undefined;
    const child = row.nextElementSibling;
    if (child && child.hasAttribute('data-child-row') && !isIgnoredElement(child)) {
      const spansOf = (div: Element) => Array.from(div.children).filter((c) => c.tagName === 'SPAN');
      const copy = Array.from(child.querySelectorAll('div')).find((div) => spansOf(div).length >= 2);
      if (copy) {
        const spans = spansOf(copy);
        noteEl = spans[0]!;
        text = visibleText(noteEl);
        const meta = visibleText(spans[spans.length - 1]!);
        const who = meta.includes('·') ? meta.slice(meta.indexOf('·') + 1).trim() : '';
        const comma = who.lastIndexOf(',');
        provider = cleanText(comma > 0 ? who.slice(0, comma) : who, 200);
      }
    }
    if (!text && diagnoses) text = `Diagnoses: ${diagnoses}`;
    if (text) builder.addVisitNote({ date: readO3Date(cellText(dateCell), now), provider, title: diagnoses, text }, noteEl ?? row, widget.title);
  }
};

/**
 * The summary widgets read, by their title as O3 renders it in English (translation defaults in
 * each app's en.json), or else by the extension that renders them (a UI in another language).
 */
const WIDGETS: [title: string, extension: RegExp, read: WidgetReader][] = [
  ['allergies', /^allergies-(?:details|overview)-widget/, readAllergies],
  ['conditions', /^conditions-(?:overview|details)-widget/, readConditions],
  ['active medications', /^active-medications-widget/, readActiveMedications],
  ['visit notes', /^notes-overview-widget/, readVisitNotes],
];

/** The summary cards on the page, by their `CardHeader`/`EmptyState` title or their extension. */
function findWidgets(doc: Document): Widget[] {
  const widgets: Widget[] = [];
  const seen = new Set<Element>();
  for (const heading of Array.from(doc.querySelectorAll('h4'))) {
    if (isIgnoredElement(heading) || heading.closest(POPOVER_SELECTOR)) continue;
    const title = visibleText(heading);
    const extension = heading.closest('[data-extension-id]')?.getAttribute('data-extension-id') ?? '';
    const read = (WIDGETS.find(([name]) => name === title.toLowerCase()) ?? WIDGETS.find(([, re]) => re.test(extension)))?.[2];
    // CardHeader (div > h4) is the card's first child; the card holds the table.
    const card = heading.parentElement?.parentElement;
    if (!read || !card || seen.has(card)) continue;
    seen.add(card);
    widgets.push({ read, title, card });
  }
  return widgets;
}

/** The visit note workspace's textarea, unless its workspace window is hidden. */
function findVisitNoteTextarea(doc: Document): Element | undefined {
  const candidates: Element[] = [];
  const byId = doc.getElementById('additionalNote');
  if (byId?.tagName === 'TEXTAREA') candidates.push(byId);
  // Fallback: the only textarea of a workspace titled "Visit note".
  for (const header of Array.from(doc.querySelectorAll('header[aria-label="Workspace header"], header[aria-label="Workspace Header"]'))) {
    const title = cleanText(header.querySelector('.cds--header__name')?.textContent);
    if (!/^visit note$/i.test(title)) continue;
    const textareas = Array.from(header.parentElement?.querySelectorAll('textarea') ?? []).filter((t) => t.id !== 'sticky-note-text');
    if (textareas.length === 1 && !candidates.includes(textareas[0]!)) candidates.push(textareas[0]!);
  }
  return candidates.find((el) => !isIgnoredElement(el) && !inHiddenWorkspace(el));
}

/** Workspace2 hides a window (keeping its form) with the `hidden` CSS-module class. */
function inHiddenWorkspace(el: Element): boolean {
  for (let current: Element | null = el; current; current = current.parentElement) {
    if (hasModuleClass(current, 'hidden')) return true;
  }
  return false;
}

export const openmrsAdapter: EhrAdapter = {
  id: ADAPTER_ID,
  name: 'OpenMRS',

  matches: matchesOpenmrs,

  readChart(doc, url) {
    const builder = new ChartBuilder(ADAPTER_ID, url.href);
    const now = new Date();
    readBanner(builder, doc);
    for (const widget of findWidgets(doc)) {
      try {
        widget.read(builder, widget, now);
      } catch {
        // One odd widget must not cost the rest of the chart.
      }
    }
    return builder.build();
  },

  readIdentity(doc, url) {
    const builder = new ChartBuilder(ADAPTER_ID, url.href);
    readBanner(builder, doc);
    return builder.build().identity;
  },

  findNoteFields(doc) {
    const note = findVisitNoteTextarea(doc);
    return note ? { note } : {};
  },
};
