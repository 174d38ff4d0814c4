/**
 * "Label: value" pairs as charts show them — in one text ("DOB: 03/14/1971"), in neighbouring
 * elements (`<b>MRN</b> 004829`, `<dt>Sex</dt><dd>F</dd>`, `<th>DOB</th><td>…</td>`, a column header
 * over its cell) — read in one walk over the page's visible text.
 */
import { runAtOnce, type Passes } from '../passes';
import { isControl, isIgnoredSelf, visibleText } from '../visibility';

export type LabelField = 'patient' | 'name' | 'dob' | 'mrn' | 'sex' | 'age' | 'allergies';

export interface LabelledValue {
  field: LabelField;
  /** The label as shown ("Date of birth"). */
  label: string;
  value: string;
  /** The element showing the value. */
  element: Element;
  /** The element showing the label (the same as `element` when both share one text). */
  labelElement: Element;
}

const LABEL_RE =
  /(?<![\p{L}\p{N}])(patient(?:'s)?(?: (?:full |legal )?name)?|(?:full |legal )?name|d\.?o\.?b\.?|date of birth|birth ?date|born|m\.?r\.?n\.?|medical record(?: number| no\.?| #)?|record (?:#|no\.?|number)|chart (?:#|no\.?|number)|patient id|(?:legal |administrative |birth |biological )?(?:sex|gender)(?: (?:assigned )?at birth| identity)?|age|allerg(?:y|ies))(?![\p{L}\p{N}])/giu;

function fieldOf(label: string): LabelField {
  const l = label.toLowerCase();
  if (l.startsWith('patient id')) return 'mrn';
  if (l.startsWith('patient')) return 'patient';
  if (l.endsWith('name')) return 'name';
  if (/^(?:d\.?o\.?b|date of birth|birth ?date|born)/.test(l)) return 'dob';
  if (/^(?:m\.?r\.?n|medical record|record|chart)/.test(l)) return 'mrn';
  if (/sex|gender/.test(l)) return 'sex';
  if (l === 'age') return 'age';
  return 'allergies';
}

/** Fields whose label may stand without a colon when a value of the right shape follows ("DOB 03/14/1971"). */
const BARE_VALUE: Partial<Record<LabelField, RegExp>> = {
  dob: /^\s+(?:\d|[A-Za-z]{3,9}\.?\s+\d)/,
  mrn: /^\s+#?\s*[A-Z]{0,4}-?\d/i,
  age: /^\s+\d{1,3}\b/,
};

const NKDA_BADGE = /^(?:nkda|nka|no known (?:drug )?allergies)$/i;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_TEXT = 0x4;
const MAX_TEXT = 300;

/** Hidden, Chartside's own, or inside a button or menu: not a label the page shows as one. */
function isUnreadable(el: Element): boolean {
  for (let current: Element | null = el; current; current = current.parentElement) {
    if (isIgnoredSelf(current) || isControl(current)) return true;
  }
  return false;
}

/**
 * Every labelled value on the page, in document order (at most `max`). Walks text nodes only, with
 * no script filter (a filter per node is what makes walks slow); visibility is checked on hits.
 */
export function readLabelledValues(doc: Document, max = 300): LabelledValue[] {
  return runAtOnce(labelledValuePasses(doc, max));
}

/** Text nodes looked at per pass of the walk. */
const NODES_PER_PASS = 500;

/** `readLabelledValues` as passes (lib/ehr/passes.ts) of a few hundred text nodes each. */
export function* labelledValuePasses(doc: Document, max = 300): Passes<LabelledValue[]> {
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  const out: LabelledValue[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  let count = 0;
  for (let node = walker.nextNode(); node && out.length < max; node = walker.nextNode()) {
    if (++count % NODES_PER_PASS === 0) yield;
    const text = node.nodeValue ?? '';
    if (text.length > MAX_TEXT || text.length < 3) continue;
    LABEL_RE.lastIndex = 0;
    const labelled = LABEL_RE.test(text);
    const badge = !labelled && NKDA_BADGE.test(text.trim());
    if (!labelled && !badge) continue;
    const parent = node.parentElement;
    if (!parent || isUnreadable(parent)) continue;
    // A lone "NKDA" badge says as much as "Allergies: NKDA".
    if (badge) out.push({ field: 'allergies', label: 'Allergies', value: text.trim(), element: parent, labelElement: parent });
    else readNode(node as Text, text, out);
  }
  return out;
}

function readNode(node: Text, text: string, out: LabelledValue[]): void {
  const parent = node.parentElement;
  if (!parent) return;
  LABEL_RE.lastIndex = 0; // matchAll starts where the last test() stopped
  const matches = Array.from(text.matchAll(LABEL_RE));
  const trimmed = text.trim();
  matches.forEach((m, i) => {
    const label = m[1]!;
    const field = fieldOf(label);
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(0, start);
    // "Provider name:", "Gestational age:": another word's label, unless an earlier label in the same
    // text ended there ("Patient: Maria Alvarez Age: 55").
    if ((field === 'name' || field === 'age' || field === 'patient') && i === 0 && /\p{L}\s*$/u.test(before)) return;
    const nextStart = matches[i + 1]?.index ?? text.length;
    const after = text.slice(end, nextStart);
    const colon = /^\s*[:#]/.exec(after);
    const wholeNode = trimmed.replace(/\s*[:#]?\s*$/, '').toLowerCase() === label.toLowerCase() && matches.length === 1;
    const bare = BARE_VALUE[field];
    if (!colon && !wholeNode && !(bare && bare.test(after))) return;
    if (field === 'allergies' && !colon) return; // "Allergies" alone is a section heading: sections.ts reads it
    const inline = cleanValue(colon ? after.slice(colon[0].length) : after);
    if (inline) {
      out.push({ field, label, value: inline, element: parent, labelElement: parent });
      return;
    }
    if (i < matches.length - 1 && matches.length > 1) return;
    const found = field === 'allergies' ? nextInline(node) : valueAfter(node);
    if (found) out.push({ field, label, value: found.text, element: found.element, labelElement: parent });
  });
}

function cleanValue(value: string): string {
  return value
    .replace(/^[\s:#|·•,;-]+/, '')
    .replace(/[\s|·•,;:-]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface FoundValue {
  text: string;
  element: Element;
}

/** `raw` as a value shown by `element`, if anything is left of it once cleaned. */
function found(raw: string, element: Element | null): FoundValue | undefined {
  const text = cleanValue(raw);
  return text && element ? { text, element } : undefined;
}

/** The value in the node right after a label ("<b>Allergies:</b> Penicillin"), without leaving its line. */
function nextInline(node: Node): FoundValue | undefined {
  const parent = node.parentElement;
  const start = node.nextSibling ?? (parent && INLINE_LABEL_TAGS.has(parent.tagName) ? parent.nextSibling : null);
  for (let sib = start; sib; sib = sib.nextSibling) {
    if (sib.nodeType === TEXT_NODE) {
      const value = found(sib.nodeValue ?? '', sib.parentElement);
      if (value) return value;
      continue;
    }
    if (sib.nodeType !== ELEMENT_NODE) continue;
    const el = sib as Element;
    if (isIgnoredSelf(el) || el.tagName === 'BR') return undefined;
    return found(visibleText(el, 300), el);
  }
  return undefined;
}

const INLINE_LABEL_TAGS = new Set(['B', 'STRONG', 'SPAN', 'LABEL', 'EM', 'I', 'SMALL']);

const FORM_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The value shown after a label that stands alone: next node, the cell beside it, the field it labels, the cell under it. */
function valueAfter(node: Node): FoundValue | undefined {
  const labelEl = node.parentElement;
  if (!labelEl) return undefined;
  const labelFor = labelEl.closest('label')?.getAttribute('for');
  if (labelFor) {
    const control = labelEl.ownerDocument.getElementById(labelFor);
    return control ? controlValue(control) : undefined;
  }
  const th = labelEl.closest('th');
  if (th?.parentElement && !Array.from(th.parentElement.children).some((c) => c.tagName === 'TD')) return cellBelow(th);
  let current: Node = node;
  for (let climb = 0; climb < 3; climb++) {
    for (let sib = current.nextSibling; sib; sib = sib.nextSibling) {
      if (sib.nodeType === TEXT_NODE) {
        const value = found(sib.nodeValue ?? '', sib.parentElement);
        if (value) return value;
        continue;
      }
      if (sib.nodeType !== ELEMENT_NODE) continue;
      const el = sib as Element;
      if (isIgnoredSelf(el) || isControl(el) && !FORM_TAGS.has(el.tagName) || el.tagName === 'BR') continue;
      if (FORM_TAGS.has(el.tagName)) return controlValue(el);
      const value = found(visibleText(el, 300), el);
      if (value) return value;
      const control = el.querySelector('input,select,textarea');
      if (control) return controlValue(control);
    }
    const parent: Element | null = current.parentElement;
    if (!parent || parent.tagName === 'BODY' || parent.tagName === 'TR' || parent.tagName === 'DL') return undefined;
    // Climb only out of wrappers that hold nothing but the label.
    if (current.nodeType === ELEMENT_NODE && cleanValue(visibleText(parent, 200)) !== cleanValue(visibleText(current as Element, 200))) return undefined;
    current = parent;
  }
  return undefined;
}

function controlValue(control: Element): FoundValue | undefined {
  if (isIgnoredSelf(control)) return undefined;
  const type = control.getAttribute('type')?.toLowerCase();
  if (type === 'password' || type === 'checkbox' || type === 'radio') return undefined;
  const raw = control.tagName === 'SELECT'
    ? (control as HTMLSelectElement).selectedOptions?.[0]?.textContent ?? ''
    : (control as HTMLInputElement).value ?? control.getAttribute('value') ?? '';
  return found(raw, control);
}

/** A column header's value: the cell under it in the first data row. */
function cellBelow(th: Element): FoundValue | undefined {
  const row = th.parentElement;
  if (!row) return undefined;
  const index = Array.from(row.children).indexOf(th);
  const table = row.closest('table');
  if (!table) return undefined;
  const rows = Array.from(table.querySelectorAll('tr'));
  const next = rows[rows.indexOf(row as HTMLTableRowElement) + 1];
  const cell = next?.children[index];
  if (!cell || cell.tagName !== 'TD' || isIgnoredSelf(cell)) return undefined;
  return found(visibleText(cell, 300), cell);
}
