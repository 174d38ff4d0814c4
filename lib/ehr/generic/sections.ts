/**
 * Finds the chart's sections by the words clinicians title them with, and the content that
 * belongs to each heading. A heading is whatever the page uses as one: h1–h6, legend, caption,
 * a row or column `th`, `dt`, `summary`, `role=heading`, card headers and titles, and regions
 * named by `aria-label`/`aria-labelledby`.
 */
import type { ChartItemKind } from '../chart-context';
import { runAtOnce, type Passes } from '../passes';
import { isControl, isIgnoredElement, visibleText } from '../visibility';
import { hasText } from './lists';

export type SectionKind = Extract<ChartItemKind, 'medication' | 'allergy' | 'problem' | 'history'> | 'visit-notes' | 'messages';

export interface Section {
  kind: SectionKind;
  /** The heading as shown ("Current Medications"). */
  label: string;
  /** The element that titles the section. */
  heading: Element;
  /** Prefixed to each item's text where the kind alone would mislead ("Family history: "). */
  prefix?: string;
  /** Elements whose content belongs to the section (the heading itself excluded). */
  content: Element[];
}

interface SectionRule {
  kind: SectionKind;
  test: RegExp;
  prefix?: string;
}

/** Checked in order: the first rule that matches a heading decides its kind. */
const RULES: SectionRule[] = [
  { kind: 'allergy', test: /\ballerg(?:y|ies|ic)\b|\badverse (?:drug )?reactions?\b|\bintolerances?\b|\bnkda\b/ },
  { kind: 'visit-notes', test: /\b(?:(?:prior|previous|past|recent|visit|encounter|clinical|progress|office|clinic) notes|encounters|(?:prior|previous|past|recent) (?:visits|encounters)|(?:visit|encounter) history)\b/ },
  { kind: 'messages', test: /\b(?:(?:patient|portal|secure) messages|messages|patient portal|portal|message thread|conversation)\b/ },
  { kind: 'history', prefix: 'Surgical history: ', test: /\b(?:(?:past )?surgical (?:history|hx)|psh|surgeries)\b/ },
  { kind: 'history', prefix: 'Family history: ', test: /\b(?:family (?:medical )?(?:history|hx)|fhx?)\b/ },
  { kind: 'history', prefix: 'Social history: ', test: /\b(?:social (?:history|hx)|shx)\b/ },
  { kind: 'history', test: /\b(?:(?:past )?medical (?:history|hx)|past history|health history|pmhx?)\b/ },
  { kind: 'problem', test: /\b(?:problems?(?: list)?|diagnos[ie]s|conditions|dx)\b/ },
  { kind: 'medication', test: /\b(?:medications?|meds|medication list|prescriptions|rx|medicines)\b/ },
];

/** Headings that name an action, a form or a different thing, not a list of the chart's facts. */
const NOT_A_SECTION = /\b(?:add|new|edit|search|reconcil\w*|order(?:s|ed)?|administration|refills?|request|compose|send|reply|write|education|instructions|resources|interactions?|formulary|pharmacy|log ?in|sign ?in|tips|season|news|faq|about|guides?|learn\w*|information|info|testing|shots?|vaccin\w*|programs?|services|what|how|why|when)\b/;

/** Lower-cased, without counts ("(3)"), punctuation at the ends or expand/collapse glyphs. */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(\s*\d+\s*\)|\[\s*\d+\s*\]/g, ' ')
    .replace(/[^\p{L}\p{N}&/'\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The section kind a heading names, if any (e.g. "Active Meds (4)" → medication). */
export function classifyHeading(text: string): SectionRule | undefined {
  const normalized = normalizeHeading(text);
  if (!normalized || normalized.length > 60 || normalized.split(' ').length > 6) return undefined;
  if (NOT_A_SECTION.test(normalized)) return undefined;
  return RULES.find((rule) => rule.test.test(normalized));
}

/**
 * What can title a section. Queried one selector at a time: a single tag or attribute selector takes
 * the browser's fast path, while one long selector list is matched against every element in turn
 * (1.7 ms against 0.4 ms on the 10,000-element chart).
 */
const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend', 'caption', 'th', 'dt', 'summary'];
// Case-sensitive substrings: the ` i` flag is not understood everywhere (happy-dom rejects it).
const HEADING_ATTRIBUTES = ['[role=heading]', '[class*=header]', '[class*=Header]', '[class*=heading]', '[class*=Heading]', '[class*=title]', '[class*=Title]', '[aria-label]', '[aria-labelledby]'];
/** Elements that name a region with `aria-label(ledby)` (not buttons or inputs). */
const REGION_TAGS = new Set(['SECTION', 'DIV', 'ARTICLE', 'ASIDE', 'UL', 'OL', 'TABLE', 'DL', 'FIELDSET', 'FORM']);

function headingLevel(el: Element): number | undefined {
  if (/^H[1-6]$/.test(el.tagName)) return Number(el.tagName[1]);
  if (el.getAttribute('role') === 'heading') return Number(el.getAttribute('aria-level')) || 2;
  return undefined;
}

/** A `th` over a column ("Medication" above the rows of them), not a heading of its own. */
function isColumnHeader(th: Element): boolean {
  const row = th.parentElement;
  if (!row || row.childElementCount < 2) return false;
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) if (cell.tagName !== 'TH') return false;
  return true;
}

/** A region element named by an attribute, rather than a heading element with text. */
function regionLabel(el: Element): string | undefined {
  if (!REGION_TAGS.has(el.tagName) && el.getAttribute('role') !== 'region') return undefined;
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return undefined;
  const text = ids
    .split(/\s+/)
    .map((id) => el.ownerDocument.getElementById(id))
    .filter((node): node is HTMLElement => Boolean(node))
    .map((node) => visibleText(node, 120))
    .join(' ');
  return text || undefined;
}

interface Candidate {
  el: Element;
  label: string;
  rule: SectionRule;
  region: boolean;
}

/** Every section heading on the page, in document order, innermost when headings nest. */
export function findSections(doc: Document): Section[] {
  return runAtOnce(sectionPasses(doc));
}

/** Elements looked at as headings per pass. */
const HEADINGS_PER_PASS = 64;

/** `findSections` as passes (lib/ehr/passes.ts): a few dozen possible headings, or one section, each. */
export function* sectionPasses(doc: Document): Passes<Section[]> {
  const candidates: Candidate[] = [];
  const seen = new Set<Element>();
  const consider = (el: Element): void => {
    if (seen.has(el)) return;
    seen.add(el);
    if (el.tagName === 'TH' && isColumnHeader(el)) return;
    const region = regionLabel(el);
    // A heading is short: read text without a walk when it is one text node.
    const label = region ?? (el.childElementCount === 0 ? (el.textContent ?? '').trim() : el.childElementCount > 8 ? '' : visibleText(el, 100));
    if (!label || label.length >= 100) return;
    const rule = classifyHeading(label);
    if (!rule) return;
    if (isControl(el) || el.closest('button,a[href],nav,[role=navigation],[role=tablist],[role=menu]') || isIgnoredElement(el)) return;
    candidates.push({ el, label, rule, region: region !== undefined });
  };
  let looked = 0;
  const queries = [...HEADING_TAGS.map((tag) => () => doc.getElementsByTagName(tag)), ...HEADING_ATTRIBUTES.map((selector) => () => doc.querySelectorAll(selector))];
  for (const query of queries) {
    for (const el of Array.from(query())) {
      consider(el);
      if (++looked % HEADINGS_PER_PASS === 0) yield;
    }
  }
  yield;
  // Back into page order (only the few that name a section need sorting).
  candidates.sort((a, b) => (a.el === b.el ? 0 : a.el.compareDocumentPosition(b.el) & 4 ? -1 : 1));
  // A card header holding an <h3> with the same words is one heading: keep the innermost. A region
  // labelled by a heading inside it is the same section as that heading: keep the heading.
  const kept = candidates.filter((c) => !candidates.some((o) => o !== c && o.rule.kind === c.rule.kind && c.el.contains(o.el)));
  // Prior notes and message threads go first: a "Medications" heading inside a note is part of
  // the note, not the chart's medication list.
  const containers = kept.filter((c) => c.rule.kind === 'visit-notes' || c.rule.kind === 'messages');
  const sections: Section[] = [];
  const claimed: Element[] = [];
  for (const c of containers) {
    yield;
    const level = headingLevel(c.el) ?? 7;
    const others = kept.filter((o) => o !== c && (headingLevel(o.el) ?? 7) <= level).map((o) => o.el);
    const section = toSection(c, others);
    if (section) {
      sections.push(section);
      claimed.push(...section.content);
    }
  }
  const rest = kept.filter((c) => !containers.includes(c) && !claimed.some((el) => el.contains(c.el)));
  const headings = rest.map((c) => c.el);
  for (const c of rest) {
    yield;
    const section = toSection(c, headings);
    if (section) sections.push(section);
  }
  const order = new Map(kept.map((c, i) => [c.el, i] as const));
  return sections.sort((a, b) => (order.get(a.heading) ?? 0) - (order.get(b.heading) ?? 0));
}

function toSection(c: Candidate, otherHeadings: readonly Element[]): Section | undefined {
  const content = c.region ? [c.el] : sectionContent(c.el, otherHeadings);
  if (!content.length) return undefined;
  const section: Section = { kind: c.rule.kind, label: c.label.replace(/\s*:\s*$/, ''), heading: c.el, content };
  if (c.rule.prefix) section.prefix = c.rule.prefix;
  return section;
}

/**
 * The elements a heading titles. Structural headings say so themselves (legend → its fieldset,
 * caption → its table, dt → its dds, a row's th → its tds, summary → its details); a free heading
 * owns its following siblings up to the next heading of its rank, climbing out of wrappers (a card
 * header) while it has none, but never into a neighbouring section.
 */
export function sectionContent(heading: Element, otherHeadings: readonly Element[] = []): Element[] {
  const parent = heading.parentElement;
  if (!parent) return [];
  switch (heading.tagName) {
    case 'LEGEND':
    case 'SUMMARY':
    case 'CAPTION':
      return [parent];
    case 'DT': {
      const out: Element[] = [];
      for (let sib = heading.nextElementSibling; sib && sib.tagName !== 'DT'; sib = sib.nextElementSibling) if (sib.tagName === 'DD') out.push(sib);
      return out;
    }
    case 'TH': {
      const row = parent;
      const cells = Array.from(row.children).filter((cell) => cell !== heading);
      if (cells.some((cell) => cell.tagName === 'TD')) return cells.filter((cell) => cell.tagName === 'TD');
      if (cells.length) return []; // a column header ("Medication" over a table of them): not a section
      // A row that is only this heading titles the rows after it, up to the next such row.
      const out: Element[] = [];
      for (let next = row.nextElementSibling; next; next = next.nextElementSibling) {
        if (next.children.length === 1 && next.firstElementChild?.tagName === 'TH') break;
        out.push(next);
      }
      return out;
    }
    default:
      return followingContent(heading, otherHeadings);
  }
}

function followingContent(heading: Element, otherHeadings: readonly Element[]): Element[] {
  const level = headingLevel(heading) ?? 7;
  let node: Element = heading;
  for (let climb = 0; climb < 4; climb++) {
    const out: Element[] = [];
    // Once climbed out of a wrapper, a sibling box like the one we are in is the next section (a card).
    const peerClass = climb > 0 ? node.getAttribute('class') : null;
    for (let sib = node.nextElementSibling; sib; sib = sib.nextElementSibling) {
      if (endsSection(sib, level, otherHeadings)) break;
      if (peerClass && sib.tagName === node.tagName && sib.getAttribute('class') === peerClass) break;
      if (isControl(sib) || isIgnoredElement(sib)) continue;
      out.push(sib);
    }
    if (out.some(hasText)) return out;
    const parent: Element | null = node.parentElement;
    if (!parent || parent === heading.ownerDocument.body) return out;
    if (otherHeadings.some((other) => other !== heading && !heading.contains(other) && !other.contains(heading) && parent.contains(other))) return out;
    node = parent;
  }
  return [];
}

/** A sibling that starts the next section: one of the other headings, or a heading of this rank or higher. */
function endsSection(sib: Element, level: number, otherHeadings: readonly Element[]): boolean {
  if (otherHeadings.includes(sib)) return true;
  const own = headingLevel(sib);
  if (own !== undefined && own <= level) return true;
  if (sib.childElementCount === 0) return false;
  for (const other of otherHeadings) if (sib.contains(other)) return true;
  // A heading of this rank or higher inside it: h1…h<level> (any heading for an odd `aria-level`).
  if (level >= 7) return false;
  return sib.querySelector(Number.isInteger(level) && level > 0 ? HEADING_TAGS.slice(0, level).join() : 'h1,h2,h3,h4,h5,h6,[role=heading]') !== null;
}
