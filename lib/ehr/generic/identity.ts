/**
 * Who the chart is about, from banners and headers: "Patient: …", a "Name:" next to the DOB or
 * MRN, or a prominent name in the same box as them. Cheap (one walk over the page's text), and
 * deterministic, because the insert guard compares two readings of it.
 */
import { localIso, parseClinicalDate } from '../dates';
import { isIgnoredElement, visibleText } from '../visibility';
import { readLabelledValues, type LabelField, type LabelledValue } from './labelled-values';

export interface IdentityReading {
  name?: { value: string; element: Element; label: string };
  dob?: { value: string; element: Element; label: string; raw: string };
  mrn?: { value: string; element: Element; label: string };
  /** The smallest box holding what was found (the banner), where age and sex are looked for. */
  region?: Element;
}

const NOT_A_NAME = /\b(?:patient|patients|name|unknown|select|search|none|n\/a|dob|mrn|age|sex|gender|male|female|chart|record|login|log in|sign in|username|user|welcome|home|dashboard|clinic|hospital|health|medical|portal|appointments?|schedule|today|new)\b/i;

/** The part of a value that can be a person's name: up to the first separator, digit or bracket. */
export function nameFrom(value: string): string | undefined {
  const cut = value.split(/\s*(?:[|·•(\[\n\t]|\s-\s|\s–\s|\s—\s|\d|,\s*(?=\d)|\b(?:DOB|MRN|Age|Sex|Gender|Born)\b)/)[0] ?? '';
  let name = cut.replace(/[\s,;:]+$/, '').trim();
  // A compact banner's sex before its age ("Maria Alvarez, F, 34", "Maria Alvarez Male 68 y") is not part of the name.
  const beforeAge = /^[\s,;:|·•/]*\d/.test(value.slice(cut.length));
  name = name.replace(beforeAge ? /(?:[\s,]+(?:female|male|woman|man|F|M))+$/ : /(?:[\s,]+(?:female|male))+$/i, '').trim();
  return isNameLike(name) ? name : undefined;
}

/** Two to six words of letters ("Maria Alvarez", "Kimball, Theodore J.", "Ana-Lucía O'Neil"). */
export function isNameLike(text: string): boolean {
  if (text.length < 3 || text.length > 80) return false;
  if (!/^\p{L}[\p{L}\p{M}'’.\- ]*(?:,\s*\p{L}[\p{L}\p{M}'’.\- ]*)?$/u.test(text)) return false;
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length < 2 || words.length > 6) return false;
  return !NOT_A_NAME.test(text);
}

function mrnFrom(value: string): string | undefined {
  const m = /^[#:\s]*([A-Z0-9][A-Z0-9-]{1,30})/i.exec(value);
  return m && /\d/.test(m[1]!) ? m[1] : undefined;
}

/** True when `a` and `b` sit in one small box (a banner): a shared ancestor within `levels` of `a`. */
function near(a: Element, b: Element, levels = 4): boolean {
  let current: Element | null = a;
  for (let i = 0; current && i <= levels; i++, current = current.parentElement) {
    if (current.tagName === 'BODY') return false;
    if (current.contains(b)) return true;
  }
  return false;
}

const PROMINENT = 'h1,h2,h3,h4,strong,b,[class*=name],[class*=Name]';

/** A name shown without a label, in the same box as the DOB or MRN (a banner's big name). */
function unlabelledName(anchor: Element): { value: string; element: Element; label: string } | undefined {
  let box: Element | null = anchor.parentElement;
  for (let i = 0; box && i < 3 && box.tagName !== 'BODY'; i++, box = box.parentElement) {
    for (const el of Array.from(box.querySelectorAll(PROMINENT))) {
      if (isIgnoredElement(el)) continue;
      const value = nameFrom(visibleText(el, 120));
      if (value) return { value, element: el, label: 'Name' };
    }
  }
  return undefined;
}

/** The smallest common box of the identity's elements (grown to a few siblings for one), if banner-sized. */
function regionOf(elements: Element[]): Element | undefined {
  const [first, ...rest] = elements;
  if (!first) return undefined;
  let box: Element | null = rest.length ? first : first.parentElement;
  for (let i = 0; box && i < 6 && box.tagName !== 'BODY'; i++, box = box.parentElement) {
    if (!rest.every((el) => box!.contains(el))) continue;
    if (!rest.length && box.childElementCount < 2) continue;
    return (box.textContent ?? '').length <= 1_500 ? box : undefined;
  }
  return undefined;
}

/**
 * The first value labelled as `field` that `read` makes something of, with where it is shown and
 * the text as read (`raw`).
 */
export function firstValue<T>(
  values: readonly LabelledValue[],
  field: LabelField,
  read: (value: string, v: LabelledValue) => T | undefined,
): { value: T; element: Element; label: string; raw: string } | undefined {
  for (const v of values) {
    const value = v.field === field ? read(v.value, v) : undefined;
    if (value !== undefined) return { value, element: v.element, label: v.label, raw: v.value };
  }
  return undefined;
}

/** Chooses the patient's identity among the page's labelled values. */
export function identityFromValues(values: readonly LabelledValue[], today: Date): IdentityReading {
  const reading: IdentityReading = {};
  const todayIso = localIso(today);
  const dob = firstValue(values, 'dob', (value) => {
    const iso = parseClinicalDate(value, today);
    return iso && iso <= todayIso ? iso : undefined;
  });
  const mrn = firstValue(values, 'mrn', mrnFrom);
  if (dob) reading.dob = dob;
  if (mrn) reading.mrn = mrn;
  const anchors = [dob?.element, mrn?.element].filter((el): el is Element => Boolean(el));
  const name =
    firstValue(values, 'patient', nameFrom) ??
    firstValue(values, 'name', (value, v) => (anchors.some((a) => near(v.labelElement, a)) ? nameFrom(value) : undefined)) ??
    anchors.map(unlabelledName).find(Boolean);
  if (name) reading.name = name;
  // A name found alone (a "Patient:" line) but a DOB/MRN far away elsewhere is still the page's.
  const region = regionOf([name?.element, dob?.element, mrn?.element].filter((el): el is Element => Boolean(el)));
  if (region) reading.region = region;
  return reading;
}

/** Reads only the identity (what the insert guard compares): one walk over the page's text. */
export function readIdentityReading(doc: Document, today: Date): { reading: IdentityReading; values: LabelledValue[] } {
  const values = readLabelledValues(doc);
  return { reading: identityFromValues(values, today), values };
}
